"""Azure network exposure: key vaults, App Service / Function apps and managed disks that
answer every network (GDCC-NET-004), and a VM's public IP address reached through its
network interfaces (GDCC-CMP-001)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_DOCS = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"

VAULTS = """\
resource "azurerm_key_vault" "default" {
  name                = "kv-default"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "t"
  sku_name            = "standard"
}

resource "azurerm_key_vault" "no_public" {
  name                          = "kv-no-public"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  tenant_id                     = "t"
  sku_name                      = "standard"
  public_network_access_enabled = false
}

resource "azurerm_key_vault" "deny" {
  name                = "kv-deny"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "t"
  sku_name            = "standard"
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_key_vault" "allow_with_rules" {
  name                          = "kv-allow"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  tenant_id                     = "t"
  sku_name                      = "standard"
  public_network_access_enabled = true
  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_key_vault" "deny_but_internet" {
  name                = "kv-deny-internet"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "t"
  sku_name            = "standard"
  network_acls {
    default_action = "Deny"
    bypass         = "None"
    ip_rules       = ["0.0.0.0/0"]
  }
}

variable "public" {
  type = bool
}

resource "azurerm_key_vault" "variable_open" {
  name                          = "kv-var"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  tenant_id                     = "t"
  sku_name                      = "standard"
  public_network_access_enabled = var.public
}

resource "azurerm_key_vault" "variable_denied" {
  name                          = "kv-var-deny"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  tenant_id                     = "t"
  sku_name                      = "standard"
  public_network_access_enabled = var.public
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}

resource "azurerm_key_vault_managed_hardware_security_module" "hsm" {
  name                = "hsm"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku_name            = "Standard_B1"
  tenant_id           = "t"
  admin_object_ids    = ["o"]
}

resource "azurerm_key_vault_secret" "secret" {
  name         = "secret"
  value        = var.public ? "a" : "b"
  key_vault_id = azurerm_key_vault.deny.id
}
"""


#: Why a firewall that denies by default still admits trusted services (bypass AzureServices).
VAULT_TRUSTED = (
    "its firewall denies other networks; bypass AzureServices lets only trusted Microsoft "
    "services through, each still signing in with Microsoft Entra ID and authorized by the "
    "vault's access policies or Azure RBAC, not every client hosted in Azure "
    "(learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints)"
)
STORAGE_TRUSTED = (
    "its firewall denies other networks; bypass AzureServices lets only Microsoft's trusted "
    "Azure services through, each still authorized by the account's keys or Azure RBAC, not "
    "every client hosted in Azure (learn.microsoft.com/azure/storage/common/"
    "storage-network-security)"
)

def _run(tmp_path: Path, text: str, *rules: str) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def _default(page: str) -> dict[str, Any]:
    return {
        "public_endpoint": {
            "attribute": "public_network_access_enabled",
            "value": "default",
            "documentation": f"{_DOCS}{page}#public_network_access_enabled",
        }
    }


def test_key_vaults_open_to_every_network(tmp_path: Path) -> None:
    found = _run(tmp_path, VAULTS, "GDCC-NET-004")
    status = {address: f.status for (address, _), f in found.items()}
    assert status == {
        "azurerm_key_vault.default": Status.FAIL,
        "azurerm_key_vault.no_public": Status.PASS,
        "azurerm_key_vault.deny": Status.PASS,
        # default_action Allow: ip_rules narrow nothing
        "azurerm_key_vault.allow_with_rules": Status.FAIL,
        "azurerm_key_vault.deny_but_internet": Status.FAIL,
        "azurerm_key_vault.variable_open": Status.UNKNOWN,
        # the firewall denies by default whatever public access is
        "azurerm_key_vault.variable_denied": Status.PASS,
        "azurerm_key_vault_managed_hardware_security_module.hsm": Status.FAIL,
        "azurerm_key_vault_secret.secret": Status.NOT_APPLICABLE,
    }
    default = found["azurerm_key_vault.default", "GDCC-NET-004"]
    assert default.evidence == {"public_endpoint": True, "defaults": _default("key_vault")}
    assert default.message.en == (
        "the endpoint is public "
        "(provider default: 'public_network_access_enabled' not set)"
    )
    hsm = found["azurerm_key_vault_managed_hardware_security_module.hsm", "GDCC-NET-004"]
    assert hsm.evidence["defaults"] == _default("key_vault_managed_hardware_security_module")
    written = found["azurerm_key_vault.allow_with_rules", "GDCC-NET-004"]
    assert written.evidence == {"public_endpoint": True}
    # its bypass AzureServices lets trusted Microsoft services through: said, still PASS
    assert found["azurerm_key_vault.deny", "GDCC-NET-004"].evidence == {
        "public_endpoint": False, "decided_by": {"public_endpoint": VAULT_TRUSTED},
    }
    secret = found["azurerm_key_vault_secret.secret", "GDCC-NET-004"]
    assert "reached through its key vault" in secret.message.en


APPS = """\
resource "azurerm_linux_web_app" "default" {
  name                = "default"
  resource_group_name = "rg"
  location            = "southeastasia"
  service_plan_id     = "plan"
  site_config {}
}

resource "azurerm_windows_web_app" "private" {
  name                          = "private"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  service_plan_id               = "plan"
  public_network_access_enabled = false
  site_config {}
}

resource "azurerm_linux_function_app" "restricted" {
  name                 = "restricted"
  resource_group_name  = "rg"
  location             = "southeastasia"
  service_plan_id      = "plan"
  storage_account_name = "sa"
  site_config {
    ip_restriction_default_action = "Deny"
    ip_restriction {
      name       = "office"
      ip_address = "203.0.113.0/24"
      action     = "Allow"
      priority   = 100
    }
  }
}

resource "azurerm_windows_function_app" "restrictions_default_allow" {
  name                 = "restrictions-default-allow"
  resource_group_name  = "rg"
  location             = "southeastasia"
  service_plan_id      = "plan"
  storage_account_name = "sa"
  site_config {
    ip_restriction {
      name       = "office"
      ip_address = "203.0.113.0/24"
      priority   = 100
    }
  }
}

resource "azurerm_linux_web_app_slot" "deny_but_internet" {
  name           = "staging"
  app_service_id = "app"
  site_config {
    ip_restriction_default_action = "Deny"
    ip_restriction {
      name        = "everyone"
      service_tag = "Internet"
      priority    = 100
    }
  }
}

resource "azurerm_app_service" "legacy_restricted" {
  name                = "legacy-restricted"
  location            = "southeastasia"
  resource_group_name = "rg"
  app_service_plan_id = "plan"
  site_config {
    ip_restriction {
      ip_address = "203.0.113.0/24"
    }
  }
}

resource "azurerm_app_service" "legacy_internet_entry" {
  name                = "legacy-internet-entry"
  location            = "southeastasia"
  resource_group_name = "rg"
  app_service_plan_id = "plan"
  site_config {
    ip_restriction {
      ip_address = "0.0.0.0/0"
    }
  }
}

resource "azurerm_function_app" "legacy_scm_only" {
  name                       = "legacy-scm-only"
  location                   = "southeastasia"
  resource_group_name        = "rg"
  app_service_plan_id        = "plan"
  storage_account_name       = "sa"
  storage_account_access_key = "k"
  site_config {
    scm_ip_restriction {
      ip_address = "203.0.113.0/24"
    }
  }
}

resource "azurerm_function_app" "legacy_open" {
  name                       = "legacy-open"
  location                   = "southeastasia"
  resource_group_name        = "rg"
  app_service_plan_id        = "plan"
  storage_account_name       = "sa"
  storage_account_access_key = "k"
}
"""


def test_apps_open_to_every_network(tmp_path: Path) -> None:
    found = _run(tmp_path, APPS, "GDCC-NET-004")
    status = {address: f.status for (address, _), f in found.items()}
    assert status == {
        "azurerm_linux_web_app.default": Status.FAIL,
        "azurerm_windows_web_app.private": Status.PASS,
        "azurerm_linux_function_app.restricted": Status.PASS,
        # ip_restriction_default_action defaults to Allow: the restriction narrows nothing
        "azurerm_windows_function_app.restrictions_default_allow": Status.FAIL,
        "azurerm_linux_web_app_slot.deny_but_internet": Status.FAIL,
        # the older resources deny everything their entries do not allow
        "azurerm_app_service.legacy_restricted": Status.PASS,
        # ... unless an entry allows the whole internet
        "azurerm_app_service.legacy_internet_entry": Status.FAIL,
        # restrictions on the scm (Kudu) site only leave the main site without any
        "azurerm_function_app.legacy_scm_only": Status.FAIL,
        # no site_config at all: no access restrictions
        "azurerm_function_app.legacy_open": Status.FAIL,
    }
    default = found["azurerm_linux_web_app.default", "GDCC-NET-004"]
    assert default.evidence == {"public_endpoint": True, "defaults": _default("linux_web_app")}
    # the older resources have no public_network_access_enabled: no default is named
    legacy = found["azurerm_function_app.legacy_open", "GDCC-NET-004"]
    assert legacy.evidence == {"public_endpoint": True}
    assert legacy.message.en == "the endpoint is public"
    # the PASS of an older app says why: Microsoft's unmatched rule, which the provider leaves
    # unset for these types (learn.microsoft.com/azure/app-service/overview-access-restrictions)
    restricted = found["azurerm_app_service.legacy_restricted", "GDCC-NET-004"]
    why = (
        "this older app type sends no ip_restriction_default_action: with access restrictions "
        "written, App Service denies every address they do not allow (unmatched rule)"
    )
    assert restricted.evidence == {"public_endpoint": False, "decided_by": {"public_endpoint": why}}
    assert restricted.message.en.endswith(f"({why})")


DISKS = """\
resource "azurerm_managed_disk" "default" {
  name                 = "default"
  location             = "southeastasia"
  resource_group_name  = "rg"
  storage_account_type = "Standard_LRS"
  create_option        = "Empty"
  disk_size_gb         = 8
}

resource "azurerm_managed_disk" "no_public" {
  name                          = "no-public"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  storage_account_type          = "Standard_LRS"
  create_option                 = "Empty"
  disk_size_gb                  = 8
  public_network_access_enabled = false
}

resource "azurerm_managed_disk" "private_link" {
  name                  = "private-link"
  location              = "southeastasia"
  resource_group_name   = "rg"
  storage_account_type  = "Standard_LRS"
  create_option         = "Empty"
  disk_size_gb          = 8
  network_access_policy = "AllowPrivate"
  disk_access_id        = "access"
}

resource "azurerm_managed_disk" "allow_all" {
  name                          = "allow-all"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  storage_account_type          = "Standard_LRS"
  create_option                 = "Empty"
  disk_size_gb                  = 8
  network_access_policy         = "AllowAll"
  public_network_access_enabled = true
}

variable "policy" {
  type = string
}

resource "azurerm_managed_disk" "policy_variable" {
  name                  = "policy-variable"
  location              = "southeastasia"
  resource_group_name   = "rg"
  storage_account_type  = "Standard_LRS"
  create_option         = "Empty"
  disk_size_gb          = 8
  network_access_policy = var.policy
}
"""


def test_managed_disk_export_open_to_every_network(tmp_path: Path) -> None:
    found = _run(tmp_path, DISKS, "GDCC-NET-004")
    status = {address: f.status for (address, _), f in found.items()}
    assert status == {
        "azurerm_managed_disk.default": Status.FAIL,
        "azurerm_managed_disk.no_public": Status.PASS,
        "azurerm_managed_disk.private_link": Status.PASS,
        "azurerm_managed_disk.allow_all": Status.FAIL,
        "azurerm_managed_disk.policy_variable": Status.UNKNOWN,
    }
    default = found["azurerm_managed_disk.default", "GDCC-NET-004"]
    assert default.evidence == {"public_endpoint": True, "defaults": _default("managed_disk")}
    assert found["azurerm_managed_disk.allow_all", "GDCC-NET-004"].evidence == {
        "public_endpoint": True
    }


def test_other_providers_are_not_judged(tmp_path: Path) -> None:
    text = """\
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "r"
  handler       = "h"
  runtime       = "python3.12"
}
"""
    found = _run(tmp_path, text, "GDCC-NET-004")
    assert found["aws_lambda_function.f", "GDCC-NET-004"].status == Status.NOT_APPLICABLE


VMS = """\
resource "azurerm_public_ip" "web" {
  for_each            = toset(["web"])
  name                = "pip-${each.key}"
  resource_group_name = "rg"
  location            = "southeastasia"
  allocation_method   = "Static"
}

resource "azurerm_network_interface" "nic" {
  for_each            = toset(["web", "db"])
  name                = "nic-${each.key}"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = "subnet"
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = each.key == "web" ? azurerm_public_ip.web["web"].id : null
  }
}

resource "azurerm_linux_virtual_machine" "vm" {
  for_each              = toset(["web", "db"])
  name                  = "vm-${each.key}"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.nic[each.key].id]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_network_interface" "counted" {
  count               = 2
  name                = "counted-${count.index}"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = "subnet"
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_windows_virtual_machine" "two_private_nics" {
  name                = "two-nics"
  resource_group_name = "rg"
  location            = "southeastasia"
  size                = "Standard_B1s"
  admin_username      = "azureuser"
  admin_password      = var.password
  network_interface_ids = [
    azurerm_network_interface.counted[0].id,
    azurerm_network_interface.counted[1].id,
  ]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

variable "password" {
  type      = string
  sensitive = true
}

data "azurerm_network_interface" "existing" {
  name                = "existing"
  resource_group_name = "rg"
}

resource "azurerm_linux_virtual_machine" "nic_outside" {
  name                  = "nic-outside"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [data.azurerm_network_interface.existing.id]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_virtual_machine" "public_and_outside" {
  name                = "public-and-outside"
  resource_group_name = "rg"
  location            = "southeastasia"
  vm_size             = "Standard_B1s"
  network_interface_ids = [
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/n",
    azurerm_network_interface.nic["web"].id,
  ]
}

variable "nics" {
  type = list(string)
}

resource "azurerm_linux_virtual_machine" "nics_from_variable" {
  name                  = "nics-from-variable"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = var.nics
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "public" {
  name                = "public"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku                 = "Standard_B1s"
  admin_username      = "azureuser"
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = "subnet"
      public_ip_address {
        name = "pip"
      }
    }
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_windows_virtual_machine_scale_set" "private" {
  name                 = "private"
  resource_group_name  = "rg"
  location             = "southeastasia"
  sku                  = "Standard_B1s"
  admin_username       = "azureuser"
  admin_password       = var.password
  computer_name_prefix = "win"
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = "subnet"
    }
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}
"""


def test_vm_public_ip_through_its_network_interfaces(tmp_path: Path) -> None:
    found = _run(tmp_path, VMS, "GDCC-CMP-001")
    status = {address: f.status for (address, _), f in found.items()}
    assert status == {
        'azurerm_linux_virtual_machine.vm["web"]': Status.FAIL,
        'azurerm_linux_virtual_machine.vm["db"]': Status.PASS,
        "azurerm_windows_virtual_machine.two_private_nics": Status.PASS,
        "azurerm_linux_virtual_machine.nic_outside": Status.UNKNOWN,
        # one interface in the scan is public: whatever the other one has
        "azurerm_virtual_machine.public_and_outside": Status.FAIL,
        "azurerm_linux_virtual_machine.nics_from_variable": Status.UNKNOWN,
        "azurerm_linux_virtual_machine_scale_set.public": Status.FAIL,
        "azurerm_windows_virtual_machine_scale_set.private": Status.PASS,
    }
    web = found['azurerm_linux_virtual_machine.vm["web"]', "GDCC-CMP-001"]
    assert web.evidence == {"public_endpoint": True}
    outside = found["azurerm_linux_virtual_machine.nic_outside", "GDCC-CMP-001"]
    reason = (
        "network interfaces of the VM not in the scan: data.azurerm_network_interface.existing "
        "(whether one has a public IP address is not known)"
    )
    assert outside.evidence == {
        "public_endpoint": None,
        "unknown_because": {"public_endpoint": reason},
    }
    assert outside.message.en == (
        f"whether it has a public IP address is not known from the input: {reason}"
    )
    assert "data.azurerm_network_interface.existing" in outside.message.th
    variable = found["azurerm_linux_virtual_machine.nics_from_variable", "GDCC-CMP-001"]
    assert variable.evidence["unknown_because"] == {
        "public_endpoint": "network_interface_ids is not known before apply: whether an "
        "interface has a public IP address is not known"
    }


def test_nic_address_not_known_and_literal_nic(tmp_path: Path) -> None:
    text = """\
variable "pip" {
  type = string
}

resource "azurerm_network_interface" "maybe" {
  name                = "maybe"
  location            = "southeastasia"
  resource_group_name = "rg"
  ip_configuration {
    name                          = "internal"
    subnet_id                     = "subnet"
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = var.pip
  }
}

resource "azurerm_linux_virtual_machine" "maybe" {
  name                  = "maybe"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.maybe.id]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}

resource "azurerm_linux_virtual_machine" "literal" {
  name                  = "literal"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = ["/subscriptions/s/networkInterfaces/n"]
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}
"""
    found = _run(tmp_path, text, "GDCC-CMP-001")
    maybe = found["azurerm_linux_virtual_machine.maybe", "GDCC-CMP-001"]
    assert maybe.status == Status.UNKNOWN
    assert maybe.evidence["unknown_because"] == {
        "public_endpoint": "the public_ip_address_id of network interface "
        "azurerm_network_interface.maybe is not known before apply"
    }
    literal = found["azurerm_linux_virtual_machine.literal", "GDCC-CMP-001"]
    assert literal.status == Status.UNKNOWN
    assert literal.evidence["unknown_because"] == {
        "public_endpoint": "network interfaces of the VM not in the scan: "
        "/subscriptions/s/networkInterfaces/n (whether one has a public IP address is not known)"
    }


def test_key_vault_access_policy_permissions_are_not_secrets(tmp_path: Path) -> None:
    """``secret_permissions = ["Get"]`` names what a principal may do with secrets: it is no
    hard-coded secret (GDCC-SECRET-001 failed every vault with an access policy)."""
    text = """\
resource "azurerm_key_vault" "vault" {
  name                = "vault"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "t"
  sku_name            = "standard"
  access_policy {
    tenant_id          = "t"
    object_id          = "o"
    secret_permissions = ["Get", "List"]
  }
}

resource "azurerm_key_vault" "with_secret" {
  name                = "with-secret"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "t"
  sku_name            = "standard"
  access_policy {
    tenant_id     = "t"
    object_id     = "o"
    client_secret = "s3cr3t-Value-123"
  }
}
"""
    found = _run(tmp_path, text, "GDCC-SECRET-001")
    vault = found["azurerm_key_vault.vault", "GDCC-SECRET-001"]
    assert (vault.status, vault.evidence) == (Status.PASS, {})
    written = found["azurerm_key_vault.with_secret", "GDCC-SECRET-001"]
    assert (written.status, written.evidence) == (
        Status.FAIL,
        {"paths": ["access_policy.0.client_secret"]},
    )


ACCOUNTS = """\
resource "azurerm_storage_account" "default" {
  name                     = "default"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "no_public" {
  name                          = "nopublic"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = false
}

resource "azurerm_storage_account" "deny" {
  name                     = "deny"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    ip_rules       = ["203.0.113.10"]
  }
}

resource "azurerm_storage_account" "allow_with_rules" {
  name                     = "allowrules"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Allow"
    ip_rules       = ["203.0.113.10"]
  }
}

resource "azurerm_storage_account" "rules_apart" {
  name                     = "rulesapart"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "apart" {
  storage_account_id = azurerm_storage_account.rules_apart.id
  default_action     = "Deny"
  bypass             = ["AzureServices"]
}

resource "azurerm_storage_container" "data" {
  name                 = "data"
  storage_account_name = azurerm_storage_account.deny.name
}
"""


def test_storage_accounts_open_to_every_network(tmp_path: Path) -> None:
    found = _run(tmp_path, ACCOUNTS, "GDCC-NET-004")
    status = {address: f.status for (address, _), f in found.items()}
    assert status == {
        "azurerm_storage_account.default": Status.FAIL,
        "azurerm_storage_account.no_public": Status.PASS,
        "azurerm_storage_account.deny": Status.PASS,
        "azurerm_storage_account.allow_with_rules": Status.FAIL,
        # the firewall written as its own resource denies by default
        "azurerm_storage_account.rules_apart": Status.PASS,
        "azurerm_storage_container.data": Status.NOT_APPLICABLE,
    }
    default = found["azurerm_storage_account.default", "GDCC-NET-004"]
    assert default.evidence == {"public_endpoint": True, "defaults": _default("storage_account")}
    apart = found["azurerm_storage_account.rules_apart", "GDCC-NET-004"]
    # the PASS names the line deciding it: the firewall's default_action = "Deny"
    assert apart.evidence == {
        "public_endpoint": False,
        "value_set_at": {"public_endpoint": f"{tmp_path / 'main.tf'}:52"},
        # bypass not written: the account's default, AzureServices (trusted services)
        "decided_by": {"public_endpoint": STORAGE_TRUSTED},
    }


SNAPSHOTS_AND_EVENT_HUBS = """\
resource "azurerm_snapshot" "default" {
  name                = "default"
  location            = "southeastasia"
  resource_group_name = "rg"
  create_option       = "Copy"
  source_uri          = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d"
}

resource "azurerm_snapshot" "private" {
  name                  = "private"
  location              = "southeastasia"
  resource_group_name   = "rg"
  create_option         = "Copy"
  source_uri            = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d"
  network_access_policy = "AllowPrivate"
  disk_access_id        = "/subscriptions/s/diskAccesses/a"
}

resource "azurerm_snapshot" "no_public" {
  name                          = "no-public"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  create_option                 = "Copy"
  source_uri                    = "/subscriptions/s/disks/d"
  public_network_access_enabled = false
}

resource "azurerm_eventhub_namespace" "default" {
  name                = "default"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_eventhub_namespace" "deny" {
  name                = "deny"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  network_rulesets {
    default_action                 = "Deny"
    trusted_service_access_enabled = true
    ip_rule {
      ip_mask = "203.0.113.0/24"
    }
  }
}

resource "azurerm_eventhub_namespace" "allow_with_rules" {
  name                          = "allow"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  sku                           = "Standard"
  public_network_access_enabled = true
  network_rulesets {
    default_action = "Allow"
    ip_rule {
      ip_mask = "203.0.113.0/24"
    }
  }
}

resource "azurerm_eventhub_namespace" "deny_but_internet" {
  name                          = "deny-internet"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  sku                           = "Standard"
  public_network_access_enabled = true
  network_rulesets {
    default_action = "Deny"
    ip_rule {
      ip_mask = "0.0.0.0/0"
    }
  }
}

resource "azurerm_eventhub_namespace" "no_public" {
  name                          = "no-public"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  sku                           = "Standard"
  public_network_access_enabled = false
}
"""


def test_snapshots_and_event_hubs_open_to_every_network(tmp_path: Path) -> None:
    found = _run(tmp_path, SNAPSHOTS_AND_EVENT_HUBS, "GDCC-NET-004", "GDCC-DATA-001")
    status = {a: f.status for (a, rule), f in found.items() if rule == "GDCC-NET-004"}
    assert status == {
        # network_access_policy "Defaults to AllowAll", public network access to true
        "azurerm_snapshot.default": Status.FAIL,
        "azurerm_snapshot.private": Status.PASS,
        "azurerm_snapshot.no_public": Status.PASS,
        # no network_rulesets: every network
        "azurerm_eventhub_namespace.default": Status.FAIL,
        "azurerm_eventhub_namespace.deny": Status.PASS,
        "azurerm_eventhub_namespace.allow_with_rules": Status.FAIL,
        "azurerm_eventhub_namespace.deny_but_internet": Status.FAIL,
        "azurerm_eventhub_namespace.no_public": Status.PASS,
    }
    snapshot = found["azurerm_snapshot.default", "GDCC-NET-004"]
    assert snapshot.evidence == {"public_endpoint": True, "defaults": _default("snapshot")}
    hub = found["azurerm_eventhub_namespace.default", "GDCC-NET-004"]
    assert hub.evidence == {"public_endpoint": True, "defaults": _default("eventhub_namespace")}
    # written public network access: no default named
    assert found["azurerm_eventhub_namespace.allow_with_rules", "GDCC-NET-004"].evidence == {
        "public_endpoint": True
    }
    # a snapshot has no grant to everyone: its data is judged by network reach only
    data = found["azurerm_snapshot.default", "GDCC-DATA-001"]
    assert data.status == Status.NOT_APPLICABLE
    assert data.message.en == (
        "does not apply to azurerm_snapshot: an Azure snapshot has no grant to everyone: its "
        "data is read through Azure RBAC or a time-limited SAS export link, whose reach from "
        "the network GDCC-NET-004 judges"
    )


def test_allow_rules_covering_every_address_leave_an_app_open(tmp_path: Path) -> None:
    """Only 0.0.0.0/0 or ::/0 written literally counted: Deny by default with Allow rules for
    0.0.0.0/1 and 128.0.0.0/1 (every IPv4 address) PASSed GDCC-NET-004; now FAIL."""
    text = APPS.split(
        'resource "azurerm_windows_function_app" "restrictions_default_allow"', maxsplit=1
    )[0]
    text = text.replace('''      ip_address = "203.0.113.0/24"
      action     = "Allow"
      priority   = 100
    }''', '''      ip_address = "0.0.0.0/1"
      action     = "Allow"
      priority   = 100
    }
    ip_restriction {
      name       = "high"
      ip_address = "128.0.0.0/1"
      action     = "Allow"
      priority   = 110
    }''')
    found = _run(tmp_path, text, "GDCC-NET-004")
    assert found[("azurerm_linux_function_app.restricted", "GDCC-NET-004")].status.value == "FAIL"
