"""A companion folded into its resource (a mount target into its EFS file system, a
diagnostic setting into its AKS cluster) decides only the facets it writes: the others keep
their "provider default" label (every label of a resource with any companion was dropped:
an EFS file system with a mount target FAILed GDCC-ENC-001 without saying the default
decided it)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_efs_file_system" "mounted" {}
resource "aws_efs_mount_target" "m" {
  file_system_id = aws_efs_file_system.mounted.id
  subnet_id      = "subnet-1"
}
resource "azurerm_kubernetes_cluster" "logged" {
  name                = "k"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "k"
  default_node_pool {
    name       = "d"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity { type = "SystemAssigned" }
}
resource "azurerm_monitor_diagnostic_setting" "d" {
  name                       = "d"
  target_resource_id         = azurerm_kubernetes_cluster.logged.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.w.id
  enabled_log { category = "kube-audit" }
}
resource "azurerm_log_analytics_workspace" "w" {
  name                = "w"
  location            = "southeastasia"
  resource_group_name = "rg"
}
"""


def test_a_companion_keeps_the_defaults_it_does_not_write(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    rules = ("GDCC-ENC-001", "GDCC-CLU-003", "GDCC-CLU-009")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): f for f in result.findings}
    efs = found[("GDCC-ENC-001", "aws_efs_file_system.mounted")]
    assert (efs.status, efs.message.en) == (
        Status.FAIL,
        "encryption at rest is off (provider default: 'encrypted' not set)",
    )
    assert efs.evidence["defaults"]["encrypted_at_rest"]["attribute"] == "encrypted"
    identity = found[("GDCC-CLU-009", "azurerm_kubernetes_cluster.logged")]
    assert identity.status is Status.FAIL
    assert "provider default: 'workload_identity_enabled' not set" in identity.message.en
    # the facet the diagnostic setting writes is no default
    logging = found[("GDCC-CLU-003", "azurerm_kubernetes_cluster.logged")]
    assert logging.status is Status.PASS
    assert "defaults" not in (logging.evidence or {})
