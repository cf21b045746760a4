"""AKS keeps no control-plane log until a diagnostic setting sends it ("resource logs aren't
collected and stored until you create a diagnostic setting"). GDCC-CLU-003 reads the settings
of the scan that target the cluster: one sending the audit log (``kube-audit`` /
``kube-audit-admin``, or the ``allLogs`` / ``audit`` category groups) PASSes; none, or one
with other categories only, FAILs. Every AKS cluster was UNKNOWN "control_plane_logging is
not known" (14 in terraform-provider-azurerm's examples)."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "aks_diagnostics.tf"


def test_aks_audit_log_comes_from_diagnostic_settings(tmp_path: Path) -> None:
    shutil.copy(FIXTURE, tmp_path / "main.tf")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CLU-003",)))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "azurerm_kubernetes_cluster.none": Status.FAIL,
        "azurerm_kubernetes_cluster.audited": Status.PASS,  # kube-audit-admin
        "azurerm_kubernetes_cluster.metrics": Status.FAIL,  # kube-scheduler and metrics only
        "azurerm_kubernetes_cluster.group": Status.PASS,  # allLogs, beside a metrics setting
    }
    none = found["azurerm_kubernetes_cluster.none"]
    assert none.message.en == (
        "control-plane logs are not sent to the log service (provider default: "
        "'azurerm_monitor_diagnostic_setting' not set; a diagnostic setting made outside the "
        "scanned configuration (by hand or by Azure Policy) would send the cluster's audit log)"
    )
    # a setting was found: its categories decide, no default
    assert found["azurerm_kubernetes_cluster.metrics"].message.en == (
        "control-plane logs are not sent to the log service"
    )
