resource "azurerm_linux_web_app" "https_only" {
  name                = "https-only"
  resource_group_name = "rg"
  location            = "southeastasia"
  service_plan_id     = "plan"
  https_only          = true
  site_config {}
}

# https_only defaults to false
resource "azurerm_linux_web_app" "http_allowed" {
  name                = "http-allowed"
  resource_group_name = "rg"
  location            = "southeastasia"
  service_plan_id     = "plan"
  site_config {}
}

resource "aws_lambda_function" "lambda" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"
}

# HTTPS only at the front end, but the sign-in flow is declared to accept HTTP
resource "azurerm_linux_function_app" "auth_over_http" {
  name                       = "auth-over-http"
  resource_group_name        = "rg"
  location                   = "southeastasia"
  service_plan_id            = "plan"
  storage_account_name       = "store"
  https_only                 = true
  site_config {}
  auth_settings_v2 {
    require_https = false
  }
}

# auth_settings_v2 without require_https: it defaults to true
resource "azurerm_linux_function_app_slot" "auth_default" {
  name                 = "auth-default"
  function_app_id      = "app"
  storage_account_name = "store"
  https_only           = true
  site_config {}
  auth_settings_v2 {}
}
