"""An AWS VPC with no internet gateway and no route table anywhere in a wholly scanned unit
(Terraform root, CloudFormation template) is not reached from the internet: a VPC has no
internet gateway until one is created and attached, and its main route table holds only the
local route (Amazon VPC user guide). A public subnet's instance there was UNKNOWN on
GDCC-GRAPH-002 "if what is not known allows it" ("no internet gateway found for its
network"; ~600 such paths in the generated realistic 20 MB tenant of bench_scale). A unit
with parts not read, or a gateway of the scan, keeps the old reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "no_gateway"


def _finding(folder: Path, address: str) -> Finding:
    result = audit([folder], Settings(rule_ids=["GDCC-GRAPH-002"]))
    return next(f for f in result.findings if f.address == address)


@pytest.mark.parametrize(("folder", "address"), [
    ("terraform", "aws_instance.bastion"), ("cloudformation", "Bastion"),
])
def test_a_whole_unit_without_an_internet_gateway_is_not_reached(
    folder: str, address: str
) -> None:
    # UNKNOWN on the old code
    found = _finding(FIXTURES / folder, address)
    assert found.status is Status.PASS
    assert found.message.en == "No management port is reachable from the internet through any path"


def _variant(tmp_path: Path, extra: str) -> Path:
    text = (FIXTURES / "terraform" / "main.tf").read_text(encoding="utf-8")
    (tmp_path / "main.tf").write_text(text + extra, encoding="utf-8")
    return tmp_path


def test_an_internet_gateway_of_the_scan_keeps_the_path(tmp_path: Path) -> None:
    folder = _variant(tmp_path, 'resource "aws_internet_gateway" "gw" {\n'
                                "  vpc_id = aws_vpc.main.id\n}\n")
    assert _finding(folder, "aws_instance.bastion").status is not Status.PASS


def test_a_root_with_a_module_not_read_stays_not_known(tmp_path: Path) -> None:
    # the module may attach a gateway and route the main table
    folder = _variant(tmp_path, 'module "edge" {\n'
                                '  source = "git::https://example.com/edge.git"\n'
                                "  vpc_id = aws_vpc.main.id\n}\n")
    found = _finding(folder, "aws_instance.bastion")
    assert found.status is Status.UNKNOWN
    assert "no internet gateway found for its network" in found.evidence["path_hops"][-1]["via"]
