variable "mode" {
  type = string
}

resource "azurerm_firewall_policy" "no_idps" {
  name                = "no-idps"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku                 = "Premium"
}

resource "azurerm_firewall_policy" "alerting" {
  name                = "alerting"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku                 = "Premium"
  intrusion_detection {
    mode = "Alert"
  }
}

resource "azurerm_firewall_policy" "denying" {
  name                = "denying"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku                 = "Premium"
  intrusion_detection {
    mode = "Deny"
  }
}

resource "azurerm_firewall_policy" "from_input" {
  name                = "from-input"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku                 = "Premium"
  intrusion_detection {
    mode = var.mode
  }
}

resource "azurerm_firewall_policy" "child_of_denying" {
  name                = "child-of-denying"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku                 = "Premium"
  base_policy_id      = azurerm_firewall_policy.denying.id
}

resource "azurerm_firewall_policy" "child_of_alerting" {
  name                = "child-of-alerting"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku                 = "Premium"
  base_policy_id      = azurerm_firewall_policy.alerting.id
}

resource "azurerm_firewall" "classic" {
  name                = "fw-classic"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  threat_intel_mode   = "Deny"
}

resource "azurerm_firewall" "premium" {
  name                = "fw-premium"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Premium"
  firewall_policy_id  = azurerm_firewall_policy.denying.id
}
