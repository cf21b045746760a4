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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.cidr import covers_internet
from gdcc_audit.models.resource import Facets, IngressRule
from gdcc_audit.normalize.terraform.common import sources
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, blocks, flag, text

INSTANCE = "google_alloydb_instance"
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
    return "database.instance", Facets(
        encrypted_at_rest=True,
        encrypted_in_transit=None if connection is None else _in_transit(connection),
        directory_auth=_iam_auth(v),
        public_endpoint=public,
        ingress=ingress,
        public_access=None if ingress is None else covers_internet(
            source for rule in ingress for source in rule.sources or ()),
        high_availability=None if availability is None else availability.upper() == "REGIONAL",
    )


MAPPINGS: dict[str, MapFn] = {INSTANCE: alloydb_instance}
