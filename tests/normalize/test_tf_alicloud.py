"""alicloud Terraform resources to canonical kinds and facets (documented defaults)."""

from __future__ import annotations

from tfhelpers import expect, facets_of, map_all, res

from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.resource import IngressRule


def test_oss_bucket_defaults_are_private_unencrypted_unversioned() -> None:
    assert facets_of(res("alicloud_oss_bucket.b", {"bucket": "b"})) == expect(
        public_access=False,
        encrypted_at_rest=False,
        customer_managed_key=False,
        versioning=False,
        access_logging=False,
        encrypted_in_transit=False,
    )


def test_oss_bucket_public_acl_and_kms() -> None:
    found = facets_of(
        res(
            "alicloud_oss_bucket.b",
            {
                "acl": "public-read-write",
                "server_side_encryption_rule": [
                    {"sse_algorithm": "KMS", "kms_master_key_id": "key-1"}
                ],
                "versioning": [{"status": "Enabled"}],
                "logging": [{"target_bucket": "logs"}],
                "policy": '{"Statement": []}',
            },
        )
    )
    assert found == expect(
        public_access=True,
        encrypted_at_rest=True,
        customer_managed_key=True,
        versioning=True,
        access_logging=True,
        # a policy that never names acs:SecureTransport refuses no plain HTTP
        encrypted_in_transit=False,
    )
    assert facets_of(res("alicloud_oss_bucket.u", {"acl": UNKNOWN})).public_access is None


def test_rds_whitelist_tde_ssl() -> None:
    open_db = facets_of(
        res(
            "alicloud_db_instance.open",
            {"engine": "MySQL", "security_ips": ["0.0.0.0", "10.23.12.24/24"]},
        )
    )
    assert open_db.ingress == (
        IngressRule(
            protocol="tcp", from_port=3306, to_port=3306, sources=("0.0.0.0/0", "10.23.12.24/24")
        ),
    )
    assert (open_db.encrypted_at_rest, open_db.encrypted_in_transit) == (False, False)
    default = facets_of(
        res(
            "alicloud_db_instance.d",
            {"engine": "PostgreSQL", "tde_status": "Enabled", "ssl_action": "Open"},
        )
    )
    assert default.ingress == (
        IngressRule(protocol="tcp", from_port=5432, to_port=5432, sources=()),
    )
    assert (default.encrypted_at_rest, default.encrypted_in_transit) == (True, True)
    unknown = facets_of(res("alicloud_db_instance.u", {"security_ips": UNKNOWN}))
    assert unknown.ingress is None


def test_actiontrail_regions() -> None:
    found = map_all(
        res("alicloud_actiontrail_trail.one", {"trail_region": "cn-hangzhou"}),
        res("alicloud_actiontrail_trail.all", {}),
    )
    one, every = found["alicloud_actiontrail_trail.one"], found["alicloud_actiontrail_trail.all"]
    assert (one.kind, one.facets.multi_region, one.facets.enabled) == (
        "logging.audit_trail",
        False,
        True,
    )
    assert every.facets.multi_region is True


def test_mongodb_instance_tde_ssl_whitelist_zones() -> None:
    default = facets_of(res("alicloud_mongodb_instance.d", {"engine_version": "4.2"}))
    assert default == expect(
        ingress=(
            IngressRule(protocol="tcp", from_port=27017, to_port=27017, sources=()),
        ),
        encrypted_at_rest=False,
        customer_managed_key=False,
        encrypted_in_transit=False,
        high_availability=False,
    )
    hardened = facets_of(
        res(
            "alicloud_mongodb_instance.h",
            {
                "tde_status": "enabled",
                "encryption_key": "key-1",
                "ssl_action": "Update",
                "security_ip_list": ["0.0.0.0/0"],
                "secondary_zone_id": "cn-hangzhou-h",
            },
        )
    )
    assert (
        hardened.encrypted_at_rest,
        hardened.customer_managed_key,
        hardened.encrypted_in_transit,
        hardened.high_availability,
    ) == (True, True, True, True)
    assert hardened.ingress == (
        IngressRule(protocol="tcp", from_port=27017, to_port=27017, sources=("0.0.0.0/0",)),
    )
    service_key = facets_of(res("alicloud_mongodb_instance.s", {"tde_status": "enabled"}))
    assert (service_key.encrypted_at_rest, service_key.customer_managed_key) == (True, False)
