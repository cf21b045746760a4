# no public access block resource: S3 blocks public access on new buckets by default
resource "aws_s3_bucket" "default_block" {
  bucket = "default-block"
}

resource "aws_s3_bucket" "unblocked" {
  bucket = "unblocked"
}

resource "aws_s3_bucket_public_access_block" "unblocked" {
  bucket                  = aws_s3_bucket.unblocked.id
  block_public_acls       = false
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "blocked" {
  bucket = "blocked"
}

resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.blocked.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "google_storage_bucket" "enforced" {
  name                     = "enforced"
  location                 = "ASIA-SOUTHEAST1"
  public_access_prevention = "enforced"
}

# "inherited" (the default) leaves prevention to an organisation policy the scan cannot see
resource "google_storage_bucket" "inherited" {
  name     = "inherited"
  location = "ASIA-SOUTHEAST1"
}

# Azure: allow_nested_items_to_be_public defaults to true (containers may opt in to anonymous read)
resource "azurerm_storage_account" "anonymous_default" {
  name                     = "anonymousdefault"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "anonymous_off" {
  name                            = "anonymousoff"
  resource_group_name             = "rg"
  location                        = "southeastasia"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}
