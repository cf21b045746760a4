"""huaweicloud Terraform resources (Bangkok ap-southeast-2) to canonical kinds and facets."""

from __future__ import annotations

from tfhelpers import expect, facets_of, map_all, res

from gdcc_audit.load.interface import Document
from gdcc_audit.load.terraform_model import TfDocument
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.settings import Settings


def test_obs_bucket() -> None:
    assert facets_of(
        res(
            "huaweicloud_obs_bucket.b",
            {
                "region": "ap-southeast-2",
                "acl": "public-read",
                "encryption": True,
                "kms_key_id": "k",
                "versioning": True,
            },
        )
    ) == expect(
        public_access=True,
        encrypted_at_rest=True,
        customer_managed_key=True,
        versioning=True,
        access_logging=False,
        # no bucket policy refuses HTTP (SecureTransport)
        encrypted_in_transit=False,
        region="ap-southeast-2",
    )
    assert Settings().region_in_thailand("huaweicloud", "ap-southeast-2") is True


def test_region_from_provider_configuration() -> None:
    bucket = res("huaweicloud_obs_bucket.b", {})
    bucket.provider_config = "huaweicloud"
    doc = TfDocument(".", [bucket], providers={"huaweicloud": {"region": "ap-southeast-2"}})
    found = map_all(document=Document("main.tf", "terraform", doc))
    assert found["huaweicloud_obs_bucket.b"].facets.region == "ap-southeast-2"


def test_secgroup_rules_neutron_semantics() -> None:
    group = res("huaweicloud_networking_secgroup.g", {"delete_default_rules": True})
    ref = {"security_group_id": "huaweicloud_networking_secgroup.g.id"}
    found = map_all(
        group,
        res(
            "huaweicloud_networking_secgroup_rule.any",
            {"direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "ports": "22,80-90"},
            ref,
        ),
        res(
            "huaweicloud_networking_secgroup_rule.deny",
            {"direction": "ingress", "action": "deny"},
            ref,
        ),
    )
    assert found["huaweicloud_networking_secgroup.g"].facets == expect(
        ingress=(
            IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",),
                        declared_by="huaweicloud_networking_secgroup_rule.any",
                        declared_at="main.tf:1"),
            IngressRule(protocol="tcp", from_port=80, to_port=90, sources=("0.0.0.0/0",),
                        declared_by="huaweicloud_networking_secgroup_rule.any",
                        declared_at="main.tf:1"),
        )
    )


def test_rds_cts_kms_listener() -> None:
    found = map_all(
        res(
            "huaweicloud_rds_instance.db",
            {"db": [{"password": "Secret123!"}], "backup_strategy": [{"keep_days": 30}]},
        ),
        res("huaweicloud_cts_tracker.t", {"validate_file": True}),
        res("huaweicloud_kms_key.k", {"rotation_enabled": True}),
        res("huaweicloud_elb_listener.l", {"protocol": "HTTPS", "tls_ciphers_policy": "tls-1-2"}),
        res("huaweicloud_lts_group.g", {"ttl_in_days": 180}),
    )
    assert found["huaweicloud_rds_instance.db"].facets == expect(
        encrypted_at_rest=False,
        customer_managed_key=False,
        encrypted_in_transit=False,
        backup_enabled=True,
        backup_retention_days=30,
        high_availability=False,
        hardcoded_secrets=("db.0.password",),
        public_endpoint=False,  # no EIP association in the (whole) root
    )
    assert found["huaweicloud_cts_tracker.t"].facets == expect(
        enabled=True, log_integrity=True, customer_managed_key=False
    )
    assert found["huaweicloud_kms_key.k"].facets == expect(
        key_rotation=True, enabled=True, public_access=False
    )
    assert found["huaweicloud_elb_listener.l"].facets == expect(
        encrypted_in_transit=True, tls_min_version="1.2"
    )
    assert found["huaweicloud_lts_group.g"].facets == expect(log_retention_days=180)
