"""GDCC-NET-003 UNKNOWN on Azure entry points now says why the WAF is not known.

An application gateway whose ``waf_configuration`` is on but writes no ``firewall_mode`` (a WAF
in Detection mode blocks nothing), a gateway whose ``firewall_policy_id`` names a policy not in
the input, and a classic Front Door whose endpoint links a policy not in the input were each
UNKNOWN "a public entry point, and whether it has a WAF is not known from the input" (checkov's
fixtures network_pass_1, network_fail_3 and azurerm_frontdoor.pass). The UNKNOWNs stay; the
message names the block or the policy. A gateway in Prevention mode still PASSes.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

_IP = "/subscriptions/s1/resourceGroups/web/providers/Microsoft.Network/publicIPAddresses/edge"
_GATEWAY = """\
resource "azurerm_application_gateway" "{name}" {{
  name                = "{name}"
  resource_group_name = "web"
  location            = "southeastasia"
  {extra}
  sku {{
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }}
  frontend_ip_configuration {{
    name                 = "edge"
    public_ip_address_id = "{ip}"
  }}
}}
"""
ENTRIES = "".join([
    _GATEWAY.format(name="no_mode", ip=_IP, extra="""waf_configuration {
    enabled          = true
    rule_set_version = "3.2"
  }"""),
    _GATEWAY.format(name="prevents", ip=_IP, extra="""waf_configuration {
    enabled          = true
    firewall_mode    = "Prevention"
    rule_set_version = "3.2"
  }"""),
    _GATEWAY.format(
        name="elsewhere", ip=_IP,
        extra="firewall_policy_id = azurerm_web_application_firewall_policy.shared.id",
    ),
]) + """\
resource "azurerm_frontdoor" "portal" {
  name                = "portal"
  resource_group_name = "web"
  frontend_endpoint {
    name                                    = "portal"
    host_name                               = "portal.azurefd.net"
    web_application_firewall_policy_link_id = azurerm_frontdoor_firewall_policy.central.id
  }
}
"""

PREFIX = "a public entry point, and whether it has a WAF is not known from the input: "


def test_an_unknown_waf_names_its_block_or_policy(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ENTRIES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-003",), cache=False))
    found = {f.address: f for f in result.findings}
    expected = {
        "azurerm_application_gateway.no_mode": (
            "azurerm_application_gateway.no_mode waf_configuration writes no firewall_mode "
            "(Detection or Prevention): in Detection mode a WAF blocks nothing "
            "(https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview)"
        ),
        "azurerm_application_gateway.elsewhere": (
            "its WAF policy azurerm_web_application_firewall_policy.shared "
            "(firewall_policy_id) is not in the input: it may be off or in Detection mode"
        ),
        "azurerm_frontdoor.portal": (
            "its WAF policy azurerm_frontdoor_firewall_policy.central "
            "(frontend_endpoint.0.web_application_firewall_policy_link_id) is not in the "
            "input: it may be off or in Detection mode"
        ),
    }
    for address, why in expected.items():
        finding = found[address]
        assert finding.status == Status.UNKNOWN, address
        assert finding.message is not None
        assert finding.message.en == PREFIX + why
        assert finding.evidence["unknown_because"] == {"waf_enabled": why}
    assert found["azurerm_application_gateway.prevents"].status == Status.PASS
