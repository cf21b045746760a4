"""GDCC-SECRET-001: an ARM template expression under a password's name is evaluated when the
template is deployed, so it fetches the password and is none. Azure CAF enterprise-scale's
Deploy-Windows-DomainJoin policy (a deployIfNotExists ``policy_rule`` embedding a template
whose extension sets ``protectedSettings: {Password: "[parameters('domainPassword')]"}``)
FAILed "a secret is written in plain text at 'policy_rule'", and so did a
``template_content`` writing ``"adminPassword": "[parameters('adminPassword')]"``. A literal
dressed as an expression (``[concat('Hunter2...', '')]``) still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RULE = "GDCC-SECRET-001"

TERRAFORM = """\
resource "azurerm_policy_definition" "domain_join" {
  name         = "deploy-domain-join"
  policy_type  = "Custom"
  mode         = "Indexed"
  display_name = "Deploy domain join"
  policy_rule = jsonencode({
    if = { field = "type", equals = "Microsoft.Compute/virtualMachines" }
    then = {
      effect = "deployIfNotExists"
      details = {
        type = "Microsoft.Compute/virtualMachines/extensions"
        deployment = { properties = {
          mode = "Incremental"
          parameters = {
            domainPassword = { reference = {
              keyVault = { id = "[parameters('keyVaultResourceId')]" }
              secretName = "[parameters('domainPassword')]"
            } }
          }
          template = { resources = [{
            type = "Microsoft.Compute/virtualMachines/extensions"
            properties = {
              settings          = { User = "[parameters('domainUserName')]" }
              protectedSettings = {
                Password  = "[parameters('domainPassword')]"
                password2 = "[concat(reference(parameters('vault')).secret, variables('x'))]"
                adminPwd  = "[listKeys(parameters('acct'), '2019-06-01').keys[0].value]"
              }
            }
          }] }
        } }
      }
    }
  })
}
resource "azurerm_resource_group_template_deployment" "vm" {
  name                = "vm"
  resource_group_name = "rg"
  deployment_mode     = "Incremental"
  template_content = jsonencode({
    resources = [{
      type       = "Microsoft.Compute/virtualMachines"
      properties = { osProfile = { adminPassword = "[parameters('adminPassword')]" } }
    }]
  })
}
resource "azurerm_policy_definition" "literal" {
  name         = "literal"
  policy_type  = "Custom"
  mode         = "Indexed"
  display_name = "literal"
  policy_rule = jsonencode({ then = { details = { deployment = { properties = {
    template = { resources = [{ properties = {
      protectedSettings = { Password = "[concat('Hunter2Secret', '')]" }
    } }] }
  } } } } })
}
"""


def test_template_expressions_fetch_the_password(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(RULE,)))
    found = {
        f.address: (f.status, f.evidence.get("paths"))
        for f in result.findings
        if f.rule_id == RULE
    }
    # domain_join and vm FAILed on main ("a secret is written in plain text at ...")
    assert found == {"azurerm_policy_definition.literal": (Status.FAIL, ["policy_rule"])}
