variable "mode" {
  type = string
}

resource "azurerm_firewall" "default_mode" {
  name                = "fw-default"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
}

resource "azurerm_firewall" "alert" {
  name                = "fw-alert"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  threat_intel_mode   = "Alert"
}

resource "azurerm_firewall" "deny" {
  name                = "fw-deny"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  threat_intel_mode   = "Deny"
}

resource "azurerm_firewall" "from_input" {
  name                = "fw-input"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  threat_intel_mode   = var.mode
}

resource "azurerm_firewall_policy" "parent" {
  name                     = "parent"
  location                 = "southeastasia"
  resource_group_name      = "rg-net"
  threat_intelligence_mode = "Deny"
}

resource "azurerm_firewall_policy" "child" {
  name                = "child"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  base_policy_id      = azurerm_firewall_policy.parent.id
}

resource "azurerm_firewall_policy" "alone" {
  name                = "alone"
  location            = "southeastasia"
  resource_group_name = "rg-net"
}

resource "azurerm_firewall" "by_policy" {
  name                = "fw-policy"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  firewall_policy_id  = azurerm_firewall_policy.child.id
}

resource "azurerm_firewall" "by_alerting_policy" {
  name                = "fw-alerting-policy"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  firewall_policy_id  = azurerm_firewall_policy.alone.id
  threat_intel_mode   = "Deny"
}

resource "azurerm_firewall" "by_outside_policy" {
  name                = "fw-outside-policy"
  location            = "southeastasia"
  resource_group_name = "rg-net"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  firewall_policy_id  = "/subscriptions/0000/resourceGroups/hub/providers/Microsoft.Network/firewallPolicies/hub"
}
