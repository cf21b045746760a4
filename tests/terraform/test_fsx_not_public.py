"""Needless UNKNOWN GDCC-DATA-001 on Amazon FSx file systems (every example of
terraform-aws-modules/terraform-aws-fsx: Lustre, ONTAP, OpenZFS, Windows): "public access is
not known". FSx takes no resource-based policy and is reached only through its network
interfaces in the VPC, so nothing grants the public read access: PASS, saying why. Network
reach stays GDCC-GRAPH-004's."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

_TF = """
resource "aws_fsx_lustre_file_system" "lustre" {
  storage_capacity = 1200
  subnet_ids       = ["subnet-1"]
}
resource "aws_fsx_windows_file_system" "windows" {
  storage_capacity    = 32
  subnet_ids          = ["subnet-1"]
  throughput_capacity = 32
  active_directory_id = "d-123"
}
resource "aws_fsx_ontap_file_system" "ontap" {
  storage_capacity    = 1024
  subnet_ids          = ["subnet-1"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 512
  preferred_subnet_id = "subnet-1"
}
resource "aws_fsx_openzfs_file_system" "zfs" {
  storage_capacity    = 64
  subnet_ids          = ["subnet-1"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
}
"""


def test_fsx_file_systems_are_not_public(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: f for f in result.findings}
    assert len(found) == 4
    for finding in found.values():
        assert finding.status is Status.PASS, finding.address
        assert finding.message.en == (
            "Storage is not publicly readable (an FSx file system has no resource-based "
            "policy and is reached only through its network interfaces in the VPC "
            "(docs.aws.amazon.com/fsx/latest/LustreGuide/limit-access-security-groups.html))"
        )
        assert "FSx" in finding.message.th
