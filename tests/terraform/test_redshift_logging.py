"""``aws_redshift_logging`` (AWS provider 5.x) turns on the audit logging of the cluster it
names; the cluster was "logging not known" (GDCC-DATA-004 UNKNOWN for a cluster holding
personal data) and the resource was listed as not judged."""

from __future__ import annotations

from pathlib import Path

from iac_helpers import run

TF = """\
resource "aws_redshift_cluster" "logged" {
  cluster_identifier     = "logged"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
}

resource "aws_redshift_logging" "logged" {
  cluster_identifier   = aws_redshift_cluster.logged.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog"]
}

resource "aws_redshift_cluster" "quiet" {
  cluster_identifier     = "quiet"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
}
"""


def test_a_logging_resource_turns_on_its_clusters_audit_logs(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert errors == []
    assert resources["aws_redshift_cluster.logged"].facets.access_logging is True
    # no logging block and no logging resource: as before, not known
    assert resources["aws_redshift_cluster.quiet"].facets.access_logging is None
    assert "aws_redshift_logging.logged" not in resources
