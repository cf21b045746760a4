"""Trove database instances (Terraform ``openstack_db_instance_v1``, Heat
``OS::Trove::Instance``): Trove makes an instance public only when its create request asks
(``access.is_public``, which neither format can send), so it is reachable on its networks only:
public on an external network (a Heat ``OS::Neutron::ProviderNet`` with ``router_external``
was read as internal), private when all its networks are internal networks of the scan. Every
Trove instance was GDCC-NET-002 UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURES = Path(__file__).parent / "fixtures" / "trove"
DOC = "https://docs.openstack.org/api-ref/database/#create-database-instance"
TITLE = "Databases and message brokers are not reachable through a public endpoint"


@pytest.mark.parametrize(
    ("fmt", "prefix", "kind", "network"),
    [
        ("terraform", "openstack_db_instance_v1.", "openstack_db_instance_v1",
         "openstack_networking_network_v2.db"),
        ("heat", "", "OS::Trove::Instance", "db_net"),
    ],
)
def test_trove_instances_are_public_on_external_networks_only(
    fmt: str, prefix: str, kind: str, network: str
) -> None:
    result = audit([FIXTURES / fmt], Settings(rule_ids=("GDCC-NET-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    if fmt == "heat":
        # an OS::Trove::Cluster (not read before): each instance's networks
        assert found.pop("cluster") == (
            Status.PASS,
            f"{TITLE} (Trove makes an instance public only when asked (access is_public, "
            f"default false; {DOC}), which OS::Trove::Cluster cannot ask; it is attached to "
            "internal networks only (db_net))",
        )
    assert found == {
        prefix + "internal": (
            Status.PASS,
            f"{TITLE} (Trove makes an instance public only when asked (access is_public, "
            f"default false; {DOC}), which {kind} cannot ask; it is attached to internal "
            f"networks only ({network}))",
        ),
        prefix + "exposed": (Status.FAIL, "the endpoint is public"),
        prefix + "elsewhere": (
            Status.UNKNOWN, "whether the endpoint is public is not known from the input"
        ),
    }


def test_a_provider_network_with_an_external_router_is_external() -> None:
    """Heat's ``OS::Neutron::ProviderNet`` says so with ``router_external`` (default false),
    not ``value_specs``: it was read as internal."""
    resources, errors, _ = run(FIXTURES / "heat")
    assert errors == []
    assert resources["outside"].facets.public_endpoint is True
    assert resources["db_net"].facets.public_endpoint is False


def test_a_trove_user_password_is_a_secret_of_its_instance() -> None:
    """``openstack_db_user_v1`` was not judged: its literal password went unreported."""
    folder = FIXTURES / "terraform"
    result = audit([folder], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["openstack_db_instance_v1.internal"] == (
        Status.FAIL, "a secret is written in plain text at 'openstack_db_user_v1.app.password'"
    )
    assert "openstack_db_user_v1" not in result.not_judged
