# Key Vault: public network access on by default, no firewall: every network
resource "azurerm_key_vault" "vault_open" {
  name                = "vault-open"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

# Key Vault firewall denying by default: listed ranges only
resource "azurerm_key_vault" "vault_firewalled" {
  name                = "vault-firewalled"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}

# public_network_access_enabled defaults to true; access restrictions default to Allow
resource "azurerm_linux_web_app" "app_open" {
  name                = "app-open"
  resource_group_name = "rg"
  location            = "southeastasia"
  service_plan_id     = "plan"
  site_config {}
}

resource "azurerm_linux_function_app" "func_private" {
  name                          = "func-private"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  service_plan_id               = "plan"
  storage_account_name          = "sa"
  public_network_access_enabled = false
  site_config {}
}

# managed disk export: network_access_policy AllowAll (API default) and public access on
resource "azurerm_managed_disk" "disk_open" {
  name                 = "disk-open"
  location             = "southeastasia"
  resource_group_name  = "rg"
  storage_account_type = "Standard_LRS"
  create_option        = "Empty"
  disk_size_gb         = 8
}

resource "azurerm_managed_disk" "disk_private" {
  name                  = "disk-private"
  location              = "southeastasia"
  resource_group_name   = "rg"
  storage_account_type  = "Standard_LRS"
  create_option         = "Empty"
  disk_size_gb          = 8
  network_access_policy = "DenyAll"
}

# storage account firewall denying by default
resource "azurerm_storage_account" "account_firewalled" {
  name                     = "accountfirewalled"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
    ip_rules       = ["203.0.113.10"]
  }
}

resource "azurerm_storage_account" "account_open" {
  name                     = "accountopen"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
