# min_tls_version defaults to TLS1_2 (azurerm 3.0 and later)
resource "azurerm_storage_account" "default_tls" {
  name                     = "defaulttls"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "tls11" {
  name                     = "tls11"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_1"
}

# "Disabled": every TLS version is allowed
resource "azurerm_mssql_server" "any_tls" {
  name                = "any-tls"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
  minimum_tls_version = "Disabled"
}

resource "azurerm_mssql_server" "tls12" {
  name                = "tls12"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
  minimum_tls_version = "1.2"
}

resource "azurerm_postgresql_server" "pg_tls10" {
  name                             = "pg-tls10"
  resource_group_name              = "rg"
  location                         = "southeastasia"
  sku_name                         = "GP_Gen5_2"
  version                          = "11"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_0"
}

resource "azurerm_redis_cache" "redis_default" {
  name                = "redis-default"
  location            = "southeastasia"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}

variable "redis_tls" {
  type = string
}

resource "azurerm_redis_cache" "redis_from_variable" {
  name                = "redis-variable"
  location            = "southeastasia"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = var.redis_tls
}

# no tls_security_policy: the domain accepts TLS 1.0 (Policy-Min-TLS-1-0-2019-07)
resource "aws_opensearch_domain" "search_default" {
  domain_name = "search-default"
}

resource "aws_opensearch_domain" "search_tls12" {
  domain_name = "search-tls12"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}

# TLS versions of an S3 bucket are no setting of the bucket
resource "aws_s3_bucket" "bucket" {
  bucket = "gdcc-data-009"
}
