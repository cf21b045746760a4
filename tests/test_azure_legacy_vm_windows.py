"""A legacy ``azurerm_virtual_machine`` with ``os_profile_windows_config`` is a Windows machine:
GDCC-CMP-007 (SSH keys only) does not apply, as for ``azurerm_windows_virtual_machine``. It was
UNKNOWN "password_auth is not known" (10 such machines in terraform-provider-azurerm's
examples)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

VM = """\
resource "azurerm_virtual_machine" "{name}" {{
  name                  = "{name}"
  location              = "southeastasia"
  resource_group_name   = "rg"
  network_interface_ids = ["nic-id"]
  vm_size               = "Standard_B2s"
  storage_os_disk {{
    name          = "os"
    create_option = "FromImage"
  }}
  os_profile {{
    computer_name  = "{name}"
    admin_username = "azureuser"
  }}
{profile}}}
"""

WINDOWS = "  os_profile_windows_config {\n    provision_vm_agent = true\n  }\n"
LINUX_PASSWORD = (
    "  os_profile_linux_config {\n    disable_password_authentication = false\n  }\n"
)
LINUX_KEYS = "  os_profile_linux_config {\n    disable_password_authentication = true\n  }\n"


def test_legacy_windows_vm_is_not_judged_for_ssh_keys(tmp_path: Path) -> None:
    text = "\n".join(
        VM.format(name=name, profile=profile)
        for name, profile in (("win", WINDOWS), ("pw", LINUX_PASSWORD), ("keys", LINUX_KEYS))
    )
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-007",)))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "azurerm_virtual_machine.win": Status.NOT_APPLICABLE,
        "azurerm_virtual_machine.pw": Status.FAIL,
        "azurerm_virtual_machine.keys": Status.PASS,
    }
    assert found["azurerm_virtual_machine.win"].message.en == (
        "does not apply to azurerm_virtual_machine: a Windows machine is reached with a "
        "password (RDP); SSH key log-in is for Linux"
    )
