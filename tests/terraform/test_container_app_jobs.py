"""``azurerm_container_app_job`` was not judged (terraform-azurerm-avm-res-app-job): a job has
no ingress, so it is judged as a container app without one (no public endpoint, nothing
served over plain HTTP) and its secrets as an app's."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TF = """\
resource "azurerm_container_app_job" "job" {
  name                         = "job"
  location                     = "southeastasia"
  resource_group_name          = "rg"
  container_app_environment_id = "env"
  replica_timeout_in_seconds   = 10
  manual_trigger_config {
    parallelism              = 1
    replica_completion_count = 1
  }
  secret {
    name  = "db-password"
    value = "Sup3rS3cretP4ssw0rd!"
  }
  template {
    container {
      name   = "c"
      image  = "repo/img:1"
      cpu    = 0.5
      memory = "1Gi"
    }
  }
}
"""


def test_a_container_app_job_is_judged(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert "azurerm_container_app_job" not in (result.not_judged or {})
    found = {f.rule_id: (f.status.value, f.message.en) for f in result.findings
             if f.address == "azurerm_container_app_job.job"}
    assert found["GDCC-NET-004"][0] == "PASS"
    assert found["GDCC-CMP-008"][0] == "PASS"
    assert found["GDCC-SECRET-001"] == (
        "FAIL", "a secret is written in plain text at 'secret.0.value'"
    )
    assert found["GDCC-CMP-010"][0] == "NOT_APPLICABLE"
