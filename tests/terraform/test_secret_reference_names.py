"""A name that ends ``SecretRef`` names a secret kept elsewhere, not the secret: an AzAPI
container app's ``registries[].passwordSecretRef = "secname"`` (the name of one of the app's
``secrets``; Azure/terraform-azurerm-avm-res-app-containerapp's acr example) FAILed
GDCC-SECRET-001 "a secret is written in plain text". The secret's value under
``secrets[].value`` still does."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.settings import Settings

APP = """\
resource "azapi_resource" "app" {
  type      = "Microsoft.App/containerApps@2024-03-01"
  name      = "app"
  parent_id = "/subscriptions/s/resourceGroups/rg"
  location  = "westeurope"
  body = {
    properties = {
      managedEnvironmentId = "/subscriptions/s/providers/Microsoft.App/managedEnvironments/e"
      configuration = {
        registries = [{
          server            = "acr.azurecr.io"
          username          = "puller"
          passwordSecretRef = "secname"
        }]
        secrets = [{ name = "secname", value = VALUE }]
      }
      template = {
        containers = [{
          name  = "web"
          image = "acr.azurecr.io/web:1.0"
          env   = [{ name = "DB_PASSWORD", secretRef = "db-password" }]
        }]
      }
    }
  }
}
"""


def _secret001(tmp_path: Path, value: str) -> list[tuple[str, str]]:
    (tmp_path / "main.tf").write_text(APP.replace("VALUE", value), encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    return [(f.status.value, f.message.en) for f in report.findings]


def test_a_secret_reference_is_no_secret(tmp_path: Path) -> None:
    assert _secret001(tmp_path, "var.registry_password") == [
        ("PASS", "No secrets are written in configuration")
    ]
    for name in ("passwordSecretRef", "password_secret_ref", "keySecretRef"):
        assert not is_secret_name(name), name


def test_the_secret_value_still_fails(tmp_path: Path) -> None:
    assert _secret001(tmp_path, '"Sup3r-s3cret-registry-pw"') == [(
        "FAIL",
        "a secret is written in plain text at 'body.properties.configuration.secrets.0.value'",
    )]
