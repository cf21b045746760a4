# minimum_tls_version defaults to "1.2"
resource "azurerm_servicebus_namespace" "default_tls" {
  name                = "default-tls"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_servicebus_namespace" "old_tls" {
  name                = "old-tls"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  minimum_tls_version = "1.0"
}

resource "azurerm_eventhub_namespace" "hub_old_tls" {
  name                = "hub-old-tls"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  minimum_tls_version = "1.1"
}
