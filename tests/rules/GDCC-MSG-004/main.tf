resource "azurerm_servicebus_namespace" "entra_only" {
  name                = "entra-only"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  local_auth_enabled  = false
}

# local (SAS) authentication is on by default
resource "azurerm_servicebus_namespace" "sas_default" {
  name                = "sas-default"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_eventhub_namespace" "hub_sas" {
  name                = "hub-sas"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
}
