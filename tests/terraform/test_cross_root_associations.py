"""An EIP / floating IP association of one root of a multi-root scan may bind a server of
another root: it names the server by a data source lookup, a remote state output, an input or
an id. The whole-root rule (``public_address``) PASSed GDCC-CMP-001 on such a server ("no EIP
association of the scanned configuration names it"): ``net`` gave ``web`` an EIP and ``api`` a
floating IP. Now UNKNOWN naming the association; a server another literal name cannot match
(``db``) keeps its PASS."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "cross_root_associations"


@pytest.fixture(scope="module")
def found() -> dict[str, Finding]:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-CMP-001"]))
    addresses = {r.id: r.address for r in result.resources}
    return {addresses[f.resource_id]: f for f in result.findings}


def test_server_another_root_looks_up_by_name(found: dict[str, Finding]) -> None:
    web = found["huaweicloud_compute_instance.web"]
    assert web.status is Status.UNKNOWN
    assert web.message.en.endswith(
        "EIP associations of other roots of the scan bind a server they look up outside their "
        "root (a data source, a remote state, an input or an id), which may be this one: "
        "huaweicloud_compute_eip_associate.a (net)"
    )


def test_server_of_another_name_keeps_its_pass(found: dict[str, Finding]) -> None:
    """Neither the lookup of ``web-server`` nor the RDS association can bind ``db``."""
    assert found["huaweicloud_compute_instance.db"].status is Status.PASS


def test_openstack_server_named_by_remote_state(found: dict[str, Finding]) -> None:
    api = found["openstack_compute_instance_v2.api"]
    assert api.status is Status.UNKNOWN
    assert "openstack_compute_floatingip_associate_v2.fip (net)" in api.message.en


def test_one_root_alone_is_decided() -> None:
    result = audit([FIXTURE / "app"], Settings(rule_ids=["GDCC-CMP-001"]))
    assert {f.status for f in result.findings} == {Status.PASS}


LOST = Path(__file__).parent.parent / "fixtures" / "lost_association"


def test_block_lost_to_a_syntax_error_may_be_an_association() -> None:
    """The EIP association of ``eip.tf`` is written in Terraform 0.11 syntax and skipped:
    the root was not wholly read, so ``web`` was a wrong PASS ("no EIP association of the
    scanned configuration names it")."""
    result = audit([LOST], Settings(rule_ids=["GDCC-CMP-001"]))
    (finding,) = result.findings
    assert finding.status is Status.UNKNOWN
    assert (
        "a block of the root that was not assessed may be an EIP association naming it: "
        in finding.message.en
    )
    assert finding.message.en.endswith("lost_association/eip.tf:2")
