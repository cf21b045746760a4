# minimum_tls_version defaults to "1.2"
resource "azurerm_linux_web_app" "default_tls" {
  name                = "default-tls"
  resource_group_name = "rg"
  location            = "southeastasia"
  service_plan_id     = "plan"
  site_config {}
}

resource "azurerm_linux_function_app" "old_tls" {
  name                = "old-tls"
  resource_group_name = "rg"
  location            = "southeastasia"
  service_plan_id     = "plan"
  site_config {
    minimum_tls_version = "1.0"
  }
}
