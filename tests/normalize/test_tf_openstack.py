"""openstack Terraform resources to canonical kinds and facets."""

from __future__ import annotations

from pathlib import Path

from tfhelpers import expect, map_all, res

from gdcc_audit.api import audit
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import IngressRule, Resource
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURES = Path(__file__).parent.parent / "fixtures"


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
        hardcoded_secrets=("admin_pass",), region="RegionOne", user_data_secrets=()
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
    assert found["openstack_identity_user_v3.u"].facets == expect(
        enabled=True, mfa_required=False, admin_privileges=False  # no admin role in the root
    )


def test_keystone_mfa_needs_two_methods_in_every_rule() -> None:
    """Keystone gives a token for any one MFA rule, and for any one method while no rule is
    set: ``multi_factor_auth_enabled`` with a rule of ``["password"]`` (the provider's own
    example) was read as MFA required, and GDCC-IAM-002 PASSed the user."""
    resources, errors, _ = run(FIXTURES / "openstack_mfa")
    assert errors == []
    found = {
        a.split(".")[-1]: r.facets.mfa_required
        for a, r in resources.items() if a.startswith("openstack_identity_user_v3.")
    }
    assert found == {"either": False, "both": True, "no_rules": False}
    why = resources["openstack_identity_user_v3.either"].decided_by["mfa_required"].en
    assert why.startswith("a Keystone MFA rule of the user needs one method only (password)")
    result = audit([FIXTURES / "openstack_mfa"], Settings(rule_ids=("GDCC-IAM-002",)))
    verdicts = {(f.address, f.status, f.message.en) for f in result.findings}
    # either and no_rules are administrators (an admin role assignment of the scan, to the
    # user or to a group it is a member of): FAIL, saying why MFA is not required (was PASS)
    doc = "https://docs.openstack.org/keystone/latest/admin/multi-factor-authentication.html"
    failing = "it has administrator privileges and MFA is not required"
    assert verdicts == {
        ("openstack_identity_user_v3.either", Status.FAIL,
         f"{failing} (a Keystone MFA rule of the user needs one method only (password), and "
         f"Keystone gives a token for any one rule ({doc}))"),
        ("openstack_identity_user_v3.no_rules", Status.FAIL,
         f"{failing} (MFA is enabled but no multi_factor_auth_rule is written: until rules "
         f"are set the user can authenticate with any one of the enabled methods ({doc}))"),
        # no role assignment of the wholly scanned root names it (was PASS "MFA is required")
        ("openstack_identity_user_v3.both", Status.PASS,
         "it has no administrator privileges (no role assignment of the scanned configuration "
         "gives it a role and the whole Terraform root was scanned (https://docs.openstack.org/"
         "keystone/latest/admin/service-api-protection.html); a role given in another root, by "
         "hand or through a custom policy is not in the input)"),
    }
    # no role assignment of the wholly scanned root names "both": no administrator (was not
    # known; tests/terraform/test_openstack_keystone_admin.py)
    assert found_admin(resources) == {"either": True, "no_rules": True, "both": False}


def found_admin(resources: dict[str, Resource]) -> dict[str, bool | None]:
    return {
        a.split(".")[-1]: r.facets.admin_privileges
        for a, r in resources.items() if a.startswith("openstack_identity_user_v3.")
    }


def test_an_https_listener_passes_tls_through() -> None:
    """An Octavia ``HTTPS`` listener forwards the clients' TLS to the members undecrypted
    (Octavia cookbook, "Deploy a non-terminated HTTPS load balancer"): the Terraform listener
    was "unencrypted connections are accepted" (GDCC-ENC-004 FAIL) while Heat's was PASS."""
    found = map_all(res("openstack_lb_listener_v2.l", {"protocol": "HTTPS"}))
    assert found["openstack_lb_listener_v2.l"].facets == expect(encrypted_in_transit=True)


def test_a_volume_type_spec_naming_encryption_must_turn_it_on() -> None:
    """``extra_specs = { netapp_flexvol_encryption = "false" }`` was read as encrypted by its
    key alone (GDCC-ENC-001 PASS); only a spec turned on counts, anything else is not known
    (Cinder's encryption type is not written by the provider)."""
    volume = "openstack_blockstorage_volume_v3.v"
    ref = {"volume_type": "openstack_blockstorage_volume_type_v3.t"}
    for specs, expected in (
        ({"netapp_flexvol_encryption": "false"}, None),
        ({"netapp_flexvol_encryption": "<is> True"}, True),
        ({"volume_backend_name": "ceph"}, None),
    ):
        found = map_all(
            res("openstack_blockstorage_volume_type_v3.t", {"name": "t", "extra_specs": specs}),
            res(volume, {"size": 10, "volume_type": UNKNOWN}, ref),
        )
        assert found[volume].facets.encrypted_at_rest is expected, specs
