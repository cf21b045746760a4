"""GDCC-NET-006 / -007: an Azure Firewall or firewall policy whose threat intelligence only alerts
(the default ``Alert``) or is off lets traffic to known-malicious addresses through. Neither
type was mapped: both were counted as not judged. The firewall's own ``threat_intel_mode``
decides unless a firewall policy manages it; a child policy inherits its parent's stricter
mode. IDPS (GDCC-NET-007) runs only in a firewall policy: its ``intrusion_detection``
mode ``Deny`` drops what it detects. Fixtures in HCL (``tests/rules/GDCC-NET-006``, ``-007``)
and in a plan's JSON (here)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

HERE = Path(__file__).resolve().parent.parent
RULE = "GDCC-NET-006"
PASSING = "Network firewalls drop traffic to and from known-malicious addresses"


def _verdicts(path: Path, rule: str = RULE) -> dict[str, tuple[Status, str]]:
    report = audit([path], Settings(rule_ids=(rule,)))
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
        "is not known from the input: its threat intelligence mode is set by the firewall "
        "policy its firewall_policy_id names, which is not a policy of the scan (or not one "
        "the scan can tell)",
    )



def test_a_policy_of_a_for_each_not_known_is_named(tmp_path: Path) -> None:
    # policies and firewalls by the same keys, which come from an input: the firewall's
    # policy is the one instance of the scan, whatever the keys
    (tmp_path / "main.tf").write_text("""\
variable "hubs" {
  type = map(string)
}
resource "azurerm_firewall_policy" "hub" {
  for_each                 = var.hubs
  name                     = each.key
  location                 = each.value
  resource_group_name      = "rg"
  threat_intelligence_mode = "Deny"
}
resource "azurerm_firewall" "fw" {
  for_each            = var.hubs
  name                = each.key
  location            = each.value
  resource_group_name = "rg"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  firewall_policy_id  = azurerm_firewall_policy.hub[each.key].id
}
""", encoding="utf-8")
    found = _verdicts(tmp_path)
    status, message = found["azurerm_firewall.fw"]
    assert status is Status.PASS, message


def test_a_policy_chosen_among_several_decides_when_they_agree(tmp_path: Path) -> None:
    policies = """\
variable "i" {
  type = number
}
resource "azurerm_firewall_policy" "p" {
  count               = 2
  name                = "p${count.index}"
  location            = "southeastasia"
  resource_group_name = "rg"
  MODE
}
resource "azurerm_firewall" "fw" {
  name                = "fw"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  firewall_policy_id  = azurerm_firewall_policy.p[var.i].id
}
"""
    (tmp_path / "main.tf").write_text(policies.replace("MODE", ""), encoding="utf-8")
    status, message = _verdicts(tmp_path)["azurerm_firewall.fw"]
    assert status is Status.FAIL
    assert message.endswith(
        "(its firewall policy is one of azurerm_firewall_policy.p[0], "
        "azurerm_firewall_policy.p[1]; threat intelligence denies in none)"
    )
    # one policy's mode from an input: which one decides is not known
    mode = 'threat_intelligence_mode = count.index == 0 ? "Deny" : "Alert"'
    (tmp_path / "main.tf").write_text(policies.replace("MODE", mode), encoding="utf-8")
    status, message = _verdicts(tmp_path)["azurerm_firewall.fw"]
    assert status is Status.UNKNOWN
    assert message.endswith(
        "its threat intelligence mode is set by its firewall policy, one of "
        "azurerm_firewall_policy.p[0], azurerm_firewall_policy.p[1] (which one is not known)"
    )


def test_a_plan_s_idps() -> None:
    found = _verdicts(
        HERE / "fixtures" / "azure_threat_intel_plan" / "tfplan.json", "GDCC-NET-007"
    )
    assert found["azurerm_firewall_policy.hub"] == (
        Status.PASS, "Network firewalls' intrusion prevention drops the attacks it detects"
    )
    assert found["azurerm_firewall.alerting"] == (
        Status.FAIL,
        "its intrusion detection and prevention system (IDPS) does not drop what it detects "
        "(it only alerts, is off or is not there) (no firewall policy manages it: IDPS runs "
        "only in a (Premium) firewall policy)",
    )


def test_idps_through_the_firewall_s_policy() -> None:
    found = _verdicts(HERE / "rules" / "GDCC-NET-007" / "main.tf", "GDCC-NET-007")
    assert found["azurerm_firewall.premium"] == (
        Status.PASS,
        "Network firewalls' intrusion prevention drops the attacks it detects (its firewall "
        "policy azurerm_firewall_policy.denying decides: IDPS denies)",
    )
    assert found["azurerm_firewall_policy.no_idps"][1].endswith(
        "(provider default: 'intrusion_detection' not set)"
    )
