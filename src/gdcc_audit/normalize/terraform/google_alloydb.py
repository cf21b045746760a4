"""AlloyDB for PostgreSQL instances (``google_alloydb_instance``): their network reach.

An instance has a private IP in its cluster's VPC network; a public IP only when
``network_config.enable_public_ip`` is true (an optional proto3 boolean: false when not sent;
"Enabling public ip for the instance", registry.terraform.io/providers/hashicorp/google/
latest/docs/resources/alloydb_instance#enable_public_ip). Its public IP admits the
``authorized_external_networks`` only; with none, only the AlloyDB Auth Proxy and the language
connectors reach it, each connection authorised by IAM ("Authorized networks are not required
when you use the AlloyDB Language Connectors or the AlloyDB Auth Proxy",
cloud.google.com/alloydb/docs/connect-public-ip), as for Cloud SQL (``google.sql_instance``).
Data at rest is always encrypted (Google-managed keys unless the cluster names one);
``client_connection_config.ssl_config.ssl_mode`` not set is ``ENCRYPTED_ONLY`` ("SSL mode not
specified. Defaults to ENCRYPTED_ONLY", AlloyDB API, SslConfig.SslMode). Backups, deletion
protection and the encryption key are the cluster's (``google_alloydb_cluster``), not the
instance's (``normalize.absent``). ``normalize.defaults`` labels the defaults read here.
Connection logging (GDCC-DB-004) is read from the PostgreSQL flags ``log_connections`` /
``log_disconnections`` in ``database_flags`` (:func:`_connection_logging`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.cidr import covers_internet
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets, IngressRule
from gdcc_audit.normalize.terraform.common import sources
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, blocks, flag, is_set, number, text

INSTANCE = "google_alloydb_instance"
_GOOGLE_DOCS = "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/"
#: The PostgreSQL port AlloyDB listens on (its Auth Proxy port, 5433, is IAM-authorised).
_PORT = 5432
#: The flag that turns on IAM database authentication ("off" by default:
#: cloud.google.com/alloydb/docs/manage-iam-authn: "off" is the default).
_IAM_FLAG = "alloydb.iam_authentication"


def _authorized(network: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The CIDR ranges of ``authorized_external_networks`` (none: an empty tuple)."""
    found = blocks(network, "authorized_external_networks")
    if found is None:
        return None
    return sources(*[item.get("cidr_range") for item in found])


#: SSL modes that accept plaintext connections ("SSL connections are optional").
_PLAINTEXT_MODES = frozenset({"ALLOW_UNENCRYPTED_AND_ENCRYPTED", "ALLOW", "SSL_MODE_ALLOW"})


def _in_transit(connection: Mapping[str, Any]) -> bool | None:
    ssl = block(connection, "ssl_config")
    if ssl is None:
        return None
    mode = text(ssl, "ssl_mode", "ENCRYPTED_ONLY")
    return None if mode is None else mode.upper() not in _PLAINTEXT_MODES


def _iam_auth(v: Mapping[str, Any]) -> bool | None:
    """The ``alloydb.iam_authentication`` database flag is ``on``."""
    flags = v.get("database_flags")
    if flags is UNKNOWN:
        return None
    if not isinstance(flags, Mapping):
        return False
    value = flags.get(_IAM_FLAG)
    if value is UNKNOWN:
        return None
    return isinstance(value, str) and value.strip().lower() == "on"


#: The PostgreSQL flags that log sign-ins and sign-outs (GDCC-DB-004), as on Cloud SQL.
_CONNECTION_FLAGS = ("log_connections", "log_disconnections")
#: Where the default of the connection flags is read. AlloyDB "Supported database flags"
#: (cloud.google.com/alloydb/docs/reference/database-flags) lists ``log_connections`` and
#: ``log_disconnections`` with no value AlloyDB sets: its table says "Standard default
#: indicates that the flag has a default value that's not set by AlloyDB" (the same wording
#: on AlloyDB Omni's page, cloud.google.com/alloydb/omni/docs/reference/database-flags,
#: which says it "supports all database flags provided by standard PostgreSQL"): the
#: PostgreSQL default, off for both ("Causes each attempted connection to the server to be
#: logged ... Default is off" / "Causes session terminations to be logged ... The default
#: is off", postgresql.org/docs/current/runtime-config-logging.html). Stop 38 left an
#: unwritten flag not known for want of this reading.
_CONNECTION_DOC = (
    "https://cloud.google.com/alloydb/docs/reference/database-flags (Standard default: "
    "PostgreSQL's, https://www.postgresql.org/docs/current/runtime-config-logging.html)"
)


def _connection_logging(
    r: TfResource, ctx: TfContext, v: Mapping[str, Any]
) -> tuple[bool | None, tuple[str, ...] | None]:
    """Whether ``log_connections`` and ``log_disconnections`` are both on, and the flags
    off: a flag written to another value than on, or not written (PostgreSQL's default off,
    :data:`_CONNECTION_DOC`) FAILs; both on PASS; a value not known is not known."""
    flags = v.get("database_flags")
    if flags is UNKNOWN:
        return None, None
    written: Mapping[str, Any] = flags if isinstance(flags, Mapping) else {}
    off: list[str] = []
    absent: list[str] = []
    unknown = False
    for name in _CONNECTION_FLAGS:
        value = written.get(name)
        if value is None:
            absent.append(name)
        elif value is UNKNOWN:
            unknown = True
        elif not (isinstance(value, str) and value.strip().lower() == "on"):
            off.append(name)
    if off or absent:
        if not off:  # only the default decided
            where = ", ".join(f"database_flags.{name}" for name in absent)
            ctx.note(r, "connection_logging", False, DefaultedFacet(
                attribute=where, doc=_CONNECTION_DOC
            ))
        return False, (*off, *absent)
    if unknown:
        return None, None
    return True, ()


def alloydb_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """A ``google_alloydb_instance`` (module docstring). ``require_connectors`` refuses
    every direct connection: only the Auth Proxy and the connectors (IAM-authorised) get in,
    whatever networks are authorised."""
    v = r.values
    network = block(v, "network_config")
    connection = block(v, "client_connection_config")
    public = None if network is None else flag(network, "enable_public_ip", False)
    cidrs = None if network is None else _authorized(network)
    connectors = None if connection is None else flag(connection, "require_connectors", False)
    ingress: tuple[IngressRule, ...] | None
    if public is False or connectors is True:
        ingress = ()
    elif public is None or cidrs is None or connectors is None:
        ingress = None
    elif cidrs:
        by = f"{r.address} network_config.authorized_external_networks"
        ingress = (IngressRule(protocol="tcp", from_port=_PORT, to_port=_PORT, sources=cidrs,
                               declared_by=by),)
    else:
        ingress = ()
    availability = text(v, "availability_type", "REGIONAL")
    logged, logging_off = _connection_logging(r, ctx, v)
    return "database.instance", Facets(
        connection_logging=logged,
        connection_logging_off=logging_off,
        encrypted_at_rest=True,
        encrypted_in_transit=None if connection is None else _in_transit(connection),
        directory_auth=_iam_auth(v),
        public_endpoint=public,
        ingress=ingress,
        public_access=None if ingress is None else covers_internet(
            source for rule in ingress for source in rule.sources or ()),
        high_availability=None if availability is None else availability.upper() == "REGIONAL",
    )


CLUSTER = "google_alloydb_cluster"
_CLUSTER_DOC = _GOOGLE_DOCS + "alloydb_cluster"
#: "recovery_window_days ... If not set, defaults to 14 days" (AlloyDB API,
#: ContinuousBackupConfig.recovery_window_days; the provider's continuous_backup_config is
#: optional and computed: the service's default applies when it is not written).
_RECOVERY_DAYS = 14


def _continuous_backup(
    r: TfResource, ctx: TfContext, v: Mapping[str, Any]
) -> tuple[bool | None, int | None]:
    """Continuous backup and recovery (point-in-time recovery): on unless
    ``continuous_backup_config.enabled`` is false ("Whether continuous backup recovery is
    enabled. If not set, defaults to true", AlloyDB API ContinuousBackupConfig), keeping
    ``recovery_window_days`` (14 by default). Returns (enabled, days)."""
    continuous = block(v, "continuous_backup_config")
    if continuous is None:
        return None, None
    enabled = flag(continuous, "enabled", True)
    days = number(continuous, "recovery_window_days", _RECOVERY_DAYS)
    if not continuous or continuous.get("enabled") is None:
        ctx.note(r, "backup_enabled", enabled, DefaultedFacet(
            attribute="continuous_backup_config.enabled",
            doc=_CLUSTER_DOC + "#nested_continuous_backup_config",
        ))
    return enabled, days


#: "The automated backup policy for this cluster. AutomatedBackupPolicy is disabled by
#: default" (the provider's page, registry.terraform.io/providers/hashicorp/google/latest/docs/
#: resources/alloydb_cluster#automated_backup_policy, and its schema); AlloyDB's own pages
#: agree: "By default, AlloyDB for PostgreSQL continuously backs up your data with a 14-day
#: recovery window" (cloud.google.com/alloydb/docs/backup/configure: continuous backup is the
#: default, an automated backup plan is what one adds) and its "enable backup plans"
#: recommender flags clusters "where both continuous backup and recovery and automated backup
#: plans are disabled" (cloud.google.com/alloydb/docs/recommender-enable-automated-backups).
#: The API reference's Cluster.automated_backup_policy says instead that "If no policy is
#: provided then the default policy will be used ... If backups are supported for the
#: cluster": the provider's documented default is taken, and it only ever makes a FAIL.
_AUTOMATED_DOC = _CLUSTER_DOC + "#automated_backup_policy"
_AUTOMATED_NOT_KNOWN = Text(
    en="continuous backup is off and the automated_backup_policy block is not known (a "
    "dynamic block or an input)",
    th="ปิดการสำรองข้อมูลต่อเนื่อง และไม่ทราบบล็อก automated_backup_policy (dynamic block หรือค่านำเข้า)",
)


_SECONDARY = Text(
    en="cluster_type is not PRIMARY, and the backups of a secondary cluster are not read",
    th="cluster_type ไม่ใช่ PRIMARY และไม่ได้อ่านการสำรองข้อมูลของคลัสเตอร์รอง",
)


def _retention_days(policy: Mapping[str, Any]) -> int | None:
    """Days an automated backup is kept by ``time_based_retention.retention_period``
    (``"1209600s"``); None when the policy keeps a count of backups or says nothing."""
    kept = block(policy, "time_based_retention")
    period = None if not kept else kept.get("retention_period")
    if not isinstance(period, str) or not period.strip().endswith("s"):
        return None
    try:
        return int(float(period.strip()[:-1]) // 86400)
    except ValueError:
        return None


def alloydb_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """A ``google_alloydb_cluster``: its data at rest, key and backups (its instances carry
    the network reach, TLS, flags and availability: ``normalize.absent``). Data at rest is
    always encrypted: with Google-managed keys unless ``encryption_config.kms_key_name`` names
    a Cloud KMS key ("By default, AlloyDB uses Google-managed encryption keys",
    cloud.google.com/alloydb/docs/cmek; GDCC-ENC-002 FAILs without one, as on Cloud SQL).
    Backups: continuous backup (:func:`_continuous_backup`), or an automated backup policy
    written with ``enabled`` not false (kept ``time_based_retention.retention_period``; a
    count of backups or no retention written: days not known). A secondary cluster's backups
    are not read: not known."""
    v = r.values
    encryption = block(v, "encryption_config")
    key: bool | None = False
    if encryption is None:
        key = None
    elif encryption:
        key = is_set(encryption, "kms_key_name")
    if key is False:
        ctx.note(r, "encrypted_at_rest", True, DefaultedFacet(
            attribute="encryption_config.kms_key_name",
            doc=_CLUSTER_DOC + "#nested_encryption_config",
        ))
    kind = text(v, "cluster_type", "PRIMARY")
    enabled: bool | None
    days: int | None
    if kind is None or kind.upper() != "PRIMARY":
        enabled, days = None, None
        for facet in ("backup_enabled", "backup_retention_days"):
            ctx.note(r, facet, None, unknown=_SECONDARY)
    else:
        enabled, days = _continuous_backup(r, ctx, v)
        automated = block(v, "automated_backup_policy")
        if enabled is False and automated:
            on = flag(automated, "enabled", True)
            enabled = on
            days = 0 if on is False else None if on is None else _retention_days(automated)
        elif enabled is False and automated is None:
            enabled, days = None, None
            for facet in ("backup_enabled", "backup_retention_days"):
                ctx.note(r, facet, None, unknown=_AUTOMATED_NOT_KNOWN)
        elif enabled is False:  # no automated backup policy: off by default
            days = 0
            for facet, value in (("backup_enabled", False), ("backup_retention_days", 0)):
                ctx.note(r, facet, value, DefaultedFacet(
                    attribute="automated_backup_policy", doc=_AUTOMATED_DOC
                ))
        elif enabled and days is not None and automated and flag(automated, "enabled", True):
            longer = _retention_days(automated)  # automated backups kept longer count too
            days = days if longer is None else max(days, longer)
    return "database.instance", Facets(
        encrypted_at_rest=True,
        customer_managed_key=key,
        backup_enabled=enabled,
        backup_retention_days=days,
        # on when not written from google provider 7.0 (before: no such argument, nothing
        # stopped Terraform deleting the cluster): normalize.versioned_defaults
        deletion_protection=flag(v, "deletion_protection", True),
    )


MAPPINGS: dict[str, MapFn] = {INSTANCE: alloydb_instance, CLUSTER: alloydb_cluster}
