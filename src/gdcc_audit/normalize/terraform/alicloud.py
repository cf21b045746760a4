"""Alibaba Cloud (alicloud): OSS buckets, ApsaraDB RDS instances,
ActionTrail trails.

Defaults are the provider's documented ones (registry.terraform.io/providers/aliyun/alicloud):
an OSS bucket's ``acl`` is ``private``, with no ``server_side_encryption_rule``, ``versioning``
or ``logging`` block none of them is on, and without a bucket policy plain HTTP is served;
an RDS instance's ``security_ips`` is ``["127.0.0.1"]``, ``tde_status`` and ``ssl_action`` are
off; a trail records every region
(``trail_region = "All"``) and is on (``status = "Enable"``).
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import Facets, IngressRule
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, is_set, text

_PUBLIC_ACLS = frozenset({"public-read", "public-read-write"})
#: Listening port of each RDS engine (the whitelist admits clients to it).
_ENGINE_PORTS = {
    "mysql": 3306,
    "mariadb": 3306,
    "postgresql": 5432,
    "sqlserver": 1433,
    "ppas": 5432,
}


def oss_bucket(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_oss_bucket``: canned ACL, server-side encryption (KMS with a key of the
    tenant's, or AES256), versioning, access logging."""
    v = r.values
    acl = text(v, "acl", "private")
    sse = block(v, "server_side_encryption_rule")
    algorithm = None if sse is None else text(sse, "sse_algorithm") if sse else ""
    versioning = block(v, "versioning")
    status = None if versioning is None else text(versioning, "status", "") if versioning else ""
    return "storage.bucket", Facets(
        public_access=None if acl is None else acl in _PUBLIC_ACLS,
        encrypted_at_rest=None if algorithm is None else algorithm != "",
        customer_managed_key=None
        if algorithm is None or sse is None
        else algorithm == "KMS" and is_set(sse, "kms_master_key_id") is True,
        versioning=None if status is None else status == "Enabled",
        access_logging=is_set(v, "logging"),
        # OSS serves HTTP and HTTPS alike unless a bucket policy denies acs:SecureTransport
        # false; a policy is not read here, so with one it stays unknown.
        encrypted_in_transit=False if is_set(v, "policy") is False else None,
        region=text(v, "region"),
    )


def _whitelist(value: Any) -> tuple[str, ...] | None:
    """The whitelist as CIDRs. ``0.0.0.0`` can be no client's address: a whitelist entry of
    it admits everyone, as ``0.0.0.0/0`` does."""
    if value is UNKNOWN or (isinstance(value, list) and UNKNOWN in value):
        return None
    items = value if isinstance(value, list) else [value] if value is not None else ["127.0.0.1"]
    return tuple("0.0.0.0/0" if str(i).strip() == "0.0.0.0" else str(i).strip() for i in items)


def db_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_db_instance``: IP whitelist, TDE, SSL."""
    v = r.values
    engine = (text(v, "engine") or "").lower()
    listening = _ENGINE_PORTS.get(engine)
    allowed = _whitelist(v.get("security_ips"))
    ingress = (
        None
        if allowed is None
        else (
            IngressRule(
                protocol="tcp" if listening else "all",
                from_port=listening or 0,
                to_port=listening or 65535,
                sources=allowed,
            ),
        )
    )
    tde = text(v, "tde_status", "Disabled")
    ssl = text(v, "ssl_action", "Close")
    # auto_upgrade_minor_version: Auto or Manual. Absent, the provider computes it, and its
    # documentation has said "Default to Manual" (1.62) and given no default since: the
    # value is not known (registry.terraform.io/providers/aliyun/alicloud/latest/docs/
    # resources/db_instance#auto_upgrade_minor_version).
    upgrade = text(v, "auto_upgrade_minor_version")
    return "database.instance", Facets(
        ingress=ingress,
        encrypted_at_rest=None if tde is None else tde.lower() == "enabled",
        encrypted_in_transit=None if ssl is None else ssl.lower() in {"open", "update"},
        auto_patching=None if upgrade is None else upgrade.lower() == "auto",
        region=text(v, "region"),
    )


def actiontrail(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_actiontrail_trail``: on, every region."""
    v = r.values
    status = text(v, "status", "Enable")
    regions = text(v, "trail_region", "All")
    return "logging.audit_trail", Facets(
        enabled=None if status is None else status == "Enable",
        multi_region=None if regions is None else regions == "All",
    )


MAPPINGS: dict[str, MapFn] = {
    "alicloud_oss_bucket": oss_bucket,
    "alicloud_db_instance": db_instance,
    "alicloud_actiontrail_trail": actiontrail,
}
