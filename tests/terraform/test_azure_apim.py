"""API Management services (``azurerm_api_management`` and the AzAPI
``Microsoft.ApiManagement/service``) were judged by no rule; they are API gateways judged alike:
public unless ``Internal`` or public network access is off, no WAF of their own, the minimum
client TLS from the ``security`` block / ``customProperties`` (TLS 1.0 / 1.1 / SSL 3.0 off by
default) and from an ``azapi_update_resource`` patching them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of, run

RULES = ["GDCC-ENC-005", "GDCC-NET-003"]
_KEY = "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols"

AZURERM = """\
resource "azurerm_api_management" "plain" {
  name                = "plain"
  location            = "southeastasia"
  resource_group_name = "rg"
  publisher_name      = "gov"
  publisher_email     = "ops@example.go.th"
  sku_name            = "Developer_1"
}
resource "azurerm_api_management" "internal" {
  name                 = "internal"
  location             = "southeastasia"
  resource_group_name  = "rg"
  publisher_name       = "gov"
  publisher_email      = "ops@example.go.th"
  sku_name             = "Developer_1"
  virtual_network_type = "Internal"
  virtual_network_configuration { subnet_id = "/subscriptions/x/subnets/apim" }
  security { frontend_tls10_enabled = true }
}
"""

AZAPI = f"""\
resource "azapi_resource" "plain" {{
  type      = "Microsoft.ApiManagement/service@2024-05-01"
  name      = "plain"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {{
    sku        = {{ name = "Developer", capacity = 1 }}
    properties = {{ publisherName = "gov", publisherEmail = "ops@example.go.th" }}
  }}
}}
resource "azapi_resource" "internal" {{
  type      = "Microsoft.ApiManagement/service@2024-05-01"
  name      = "internal"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {{
    sku = {{ name = "Developer", capacity = 1 }}
    properties = {{
      publisherName      = "gov"
      publisherEmail     = "ops@example.go.th"
      virtualNetworkType = "Internal"
      virtualNetworkConfiguration = {{ subnetResourceId = "/subscriptions/x/subnets/apim" }}
      customProperties = {{ "{_KEY}.Tls10" = "True" }}
    }}
  }}
}}
"""


def _verdicts(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], tuple[str, str]]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    names = {r.id: r.address.rsplit(".", 1)[-1] for r in result.resources if r.address}
    return {(names[f.resource_id], f.rule_id): (f.status.value, f.message.en)
            for f in result.findings}


def test_azurerm_and_azapi_services_get_the_same_verdicts(tmp_path: Path) -> None:
    azurerm = _verdicts(tmp_path, "azurerm", AZURERM)
    azapi = _verdicts(tmp_path, "azapi", AZAPI)
    assert {k: v[0] for k, v in azapi.items()} == {k: v[0] for k, v in azurerm.items()}
    assert {k: v[0] for k, v in azapi.items()} == {
        ("plain", "GDCC-ENC-005"): "PASS",  # TLS 1.0 / 1.1 off by default
        ("plain", "GDCC-NET-003"): "FAIL",  # a public gateway, no WAF
        ("internal", "GDCC-ENC-005"): "FAIL",  # TLS 1.0 turned on
        ("internal", "GDCC-NET-003"): "NOT_APPLICABLE",  # Internal: no public gateway
    }


def test_the_tls_default_is_labelled(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(AZAPI + AZURERM.replace('"plain"', '"rm"'))
    resources, errors, _ = run(tmp_path)
    assert not errors
    found = resources["azapi_resource.plain"].defaults["tls_min_version"]
    assert (found.attribute, found.version) == (
        "properties.customProperties", "api-version 2024-05-01"
    )
    assert resources["azurerm_api_management.rm"].defaults["tls_min_version"].doc.endswith(
        "api_management#frontend_tls10_enabled"
    )


def test_an_azapi_update_turning_tls10_on_lowers_an_azurerm_service(tmp_path: Path) -> None:
    """An AVM-style ``azapi_update_resource`` patching ``customProperties`` of an azurerm
    service decides its protocols: TLS 1.0 turned on there FAILs (the azurerm resource alone
    says TLS 1.2)."""
    found = _verdicts(tmp_path, "patched", AZURERM + f"""\
resource "azapi_update_resource" "tls" {{
  type        = "Microsoft.ApiManagement/service@2024-05-01"
  resource_id = azurerm_api_management.plain.id
  body = {{
    properties = {{ customProperties = {{ "{_KEY}.Tls10" = "true" }} }}
  }}
}}
""")
    assert found[("plain", "GDCC-ENC-005")][0] == "FAIL"


@pytest.mark.parametrize(("text", "kind"), [(AZURERM, "azurerm_api_management"),
                                            (AZAPI, "azapi_resource")])
def test_a_public_gateway_is_a_managed_entry_point_on_80_and_443(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, kind: str
) -> None:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    graph = audit_keeping_graph(tmp_path, monkeypatch, Settings(rule_ids=RULES))[1]
    edge = graph.reach.edge("internet", id_of(graph, f"{kind}.plain"))
    assert (str(edge["ports"]), edge["certain"]) == ("80,443", True)
    assert id_of(graph, f"{kind}.internal") not in graph.reach.adj["internet"]


def test_the_system_assigned_identity_of_an_azapi_service_is_judged(tmp_path: Path) -> None:
    """An AzAPI resource's system-assigned identity named by a role assignment was not made
    an identity of its own (azurerm resources only): an API Management service given Owner
    on the subscription had no GDCC-GRAPH-006 verdict; now FAIL, as for azurerm."""
    identity = AZAPI.replace(
        '  parent_id = "/subscriptions/x/resourceGroups/rg"\n  body = {\n    sku        =',
        '  parent_id = "/subscriptions/x/resourceGroups/rg"\n'
        '  identity {\n    type = "SystemAssigned"\n  }\n  body = {\n    sku        =',
    ) + """\
data "azurerm_subscription" "current" {}
resource "azurerm_role_assignment" "owner" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner"
  principal_id         = azapi_resource.plain.identity[0].principal_id
}
"""
    assert "SystemAssigned" in identity
    (tmp_path / "main.tf").write_text(identity, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-006"]))
    addresses = {r.id: r.address for r in result.resources}
    found = {str(addresses[f.resource_id]): f for f in result.findings}
    owner = found["azapi_resource.plain.identity"]
    assert owner.status.value == "FAIL"
    assert owner.message.en.startswith("a wildcard or administrator permission reaches all ")
