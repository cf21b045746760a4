"""Two wrong FAILs of GDCC-SECRET-001 in the azurerm provider's examples
(hashicorp/terraform-provider-azurerm ``examples/virtual-machines``):

- ``additional_unattend_config { pass = "oobeSystem" }`` names a Windows Setup configuration
  pass, not a password;
- ``$password = ConvertTo-SecureString ${var.admin_password} -AsPlainText -Force`` in a
  Custom Script extension's command computes the password from a value given elsewhere: the
  cmdlet is no literal password. A literal given to ConvertTo-SecureString still FAILs (it
  FAILed only by chance, through ``password = ConvertTo-...``)."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets.detect import detect_secrets


@pytest.mark.parametrize(
    ("values", "found"),
    [
        ({"additional_unattend_config": [{"pass": "oobeSystem", "component": "x"}]}, ()),
        ({"additional_unattend_config": [{"pass": "Hunter22pw"}]},
         ("additional_unattend_config.0.pass",)),
        ({"settings": "$password = ConvertTo-SecureString ${unknown} -AsPlainText -Force"}, ()),
        ({"settings": "$password = Read-Host -AsSecureString"}, ()),
        ({"settings": '$password = ConvertTo-SecureString "P@ssw0rd1" -AsPlainText -Force'},
         ("settings",)),
        ({"settings": "$pw = ConvertTo-SecureString -String Hunter22pw -AsPlainText -Force"},
         ("settings",)),
        ({"settings": "password: Hunter-Pass"}, ("settings",)),
        # PowerShell is case-insensitive (quickstart-microsoft-sql's cfn-init
        # JoinComputer.ps1, the password a NoEcho parameter: it FAILed)
        ({"content": "$admin_pwd = convertto-securestring \n$c = New-Object X"}, ()),
        ({"content": "$admin_pwd = convertto-securestring ${unknown} -asplaintext -force"}, ()),
        ({"content": "$pwd = read-host -assecurestring"}, ()),
        ({"content": '$pwd = convertto-securestring "Hunter22pw" -asplaintext -force'},
         ("content",)),
        ({"content": "password=get-in-now"}, ("content",)),
    ],
)
def test_setup_passes_and_cmdlets_are_no_passwords(
    values: dict[str, object], found: tuple[str, ...]
) -> None:
    assert detect_secrets(values) == found


@pytest.mark.parametrize(
    ("values", "found"),
    [
        ({"api_token_var": "AZURE_STATIC_WEB_APPS_API_TOKEN"}, ()),
        ({"PASSWORD_ENV": "DB_PASSWORD"}, ()),
        ({"api_token_var": "ghp_Zx9"}, ("api_token_var",)),
        ({"api_token_var": "Hunter22pw"}, ("api_token_var",)),
        ({"api_token": "AZURE_STATIC_WEB_APPS_API_TOKEN"}, ("api_token",)),
    ],
)
def test_a_variables_name_is_no_secret(values: dict[str, object], found: tuple[str, ...]) -> None:
    """A setting naming the environment variable or CI secret that holds a token
    (``api_token_var``, rendered into a GitHub Actions workflow by the azurerm static-site
    example's ``templatefile``: it FAILed) holds its name: an upper-case variable name there
    is none; any other value, or that name under the token's own name, still FAILs."""
    assert detect_secrets(values) == found
