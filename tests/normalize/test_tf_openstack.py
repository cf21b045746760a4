"""openstack Terraform resources to canonical kinds and facets."""

from __future__ import annotations

from tfhelpers import expect, map_all, res

from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.resource import IngressRule


def test_secgroup_rule_without_remote_is_open_to_all() -> None:
    group = res("openstack_networking_secgroup_v2.g", {"name": "web"})
    ref = {"security_group_id": "openstack_networking_secgroup_v2.g.id"}
    found = map_all(
        group,
        res(
            "openstack_networking_secgroup_rule_v2.ssh",
            {
                "direction": "ingress",
                "ethertype": "IPv4",
                "protocol": "tcp",
                "port_range_min": 22,
                "port_range_max": 22,
            },
            ref,
        ),
        res(
            "openstack_networking_secgroup_rule_v2.var",
            {
                "direction": "ingress",
                "protocol": "tcp",
                "port_range_min": 443,
                "port_range_max": 443,
                "remote_ip_prefix": UNKNOWN,
            },
            ref,
        ),
    )
    assert found["openstack_networking_secgroup_v2.g"].facets == expect(
        ingress=(
            IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",),
                        declared_by="openstack_networking_secgroup_rule_v2.ssh",
                        declared_at="main.tf:1"),
            IngressRule(protocol="tcp", from_port=443, to_port=443, sources=None,
                        declared_by="openstack_networking_secgroup_rule_v2.var",
                        declared_at="main.tf:1"),
        )
    )


def test_instance_container_listener_credentials() -> None:
    found = map_all(
        res("openstack_compute_instance_v2.vm", {"admin_pass": "changeme", "region": "RegionOne"}),
        res("openstack_objectstorage_container_v1.c", {"container_read": ".r:*,.rlistings"}),
        res(
            "openstack_lb_listener_v2.l",
            {"protocol": "TERMINATED_HTTPS", "tls_versions": ["TLSv1.2", "TLSv1.3"]},
        ),
        res("openstack_identity_application_credential_v3.a", {"secret": "s3cr3t"}),
        res("openstack_identity_user_v3.u", {"password": UNKNOWN}),
    )
    assert found["openstack_compute_instance_v2.vm"].facets == expect(
        hardcoded_secrets=("admin_pass",), region="RegionOne"
    )
    assert found["openstack_objectstorage_container_v1.c"].facets == expect(
        public_access=True, versioning=False
    )
    assert found["openstack_lb_listener_v2.l"].facets == expect(
        encrypted_in_transit=True, tls_min_version="1.2"
    )
    assert found["openstack_identity_application_credential_v3.a"].facets == expect(
        enabled=True, hardcoded_secrets=("secret",), admin_privileges=False
    )
    assert found["openstack_identity_user_v3.u"].facets == expect(enabled=True, mfa_required=False)
