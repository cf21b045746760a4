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
