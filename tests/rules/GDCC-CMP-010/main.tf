resource "azurerm_windows_web_app" "debug_on" {
  name                = "debug-on"
  resource_group_name = "rg"
  location            = "southeastasia"
  service_plan_id     = "plan"
  site_config {
    remote_debugging_enabled = true
  }
}

resource "azurerm_windows_web_app" "debug_default" {
  name                = "debug-default"
  resource_group_name = "rg"
  location            = "southeastasia"
  service_plan_id     = "plan"
  site_config {}
}
