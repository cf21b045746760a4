"""GDCC-NET-006: an Azure Firewall or firewall policy whose threat intelligence only alerts
(the default ``Alert``) or is off lets traffic to known-malicious addresses through. Neither
type was mapped: both were counted as not judged. The firewall's own ``threat_intel_mode``
decides unless a firewall policy manages it; a child policy inherits its parent's stricter
mode. Fixtures in HCL (``tests/rules/GDCC-NET-006``) and in a plan's JSON (here)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

HERE = Path(__file__).resolve().parent.parent
RULE = "GDCC-NET-006"
PASSING = "Network firewalls drop traffic to and from known-malicious addresses"


def _verdicts(path: Path) -> dict[str, tuple[Status, str]]:
    report = audit([path], Settings(rule_ids=(RULE,)))
    return {f.address: (f.status, f.message.en) for f in report.findings}


def test_a_plan_s_firewalls_and_policy() -> None:
    found = _verdicts(HERE / "fixtures" / "azure_threat_intel_plan" / "tfplan.json")
    failing = (
        "it does not drop traffic to and from known-malicious addresses (threat intelligence "
        "only alerts or is off)"
    )
    assert found == {
        "azurerm_firewall.alerting": (Status.FAIL, failing),
        "azurerm_firewall.denying": (Status.PASS, PASSING),
        "azurerm_firewall_policy.hub": (Status.FAIL, failing),
    }


def test_hcl_defaults_policies_and_inputs() -> None:
    found = _verdicts(HERE / "rules" / RULE / "main.tf")
    assert found["azurerm_firewall.default_mode"][0] is Status.FAIL
    assert found["azurerm_firewall.default_mode"][1].endswith(
        "(provider default: 'threat_intel_mode' not set)"
    )
    assert found["azurerm_firewall.by_policy"] == (
        Status.PASS,
        f"{PASSING} (its firewall policy azurerm_firewall_policy.child decides: threat "
        "intelligence denies)",
    )
    assert found["azurerm_firewall.by_alerting_policy"][0] is Status.FAIL
    assert found["azurerm_firewall_policy.child"][1].endswith(
        "(its parent policy azurerm_firewall_policy.parent denies known-malicious traffic)"
    )
    assert found["azurerm_firewall.by_outside_policy"] == (
        Status.UNKNOWN,
        "whether it drops traffic to and from known-malicious addresses (threat intelligence) "
        "is not known from the input: its threat intelligence mode is set by its firewall "
        "policy, which is not in the scan",
    )
