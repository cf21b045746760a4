resource "aws_db_instance" "iam" {
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  iam_database_authentication_enabled = true
}

# IAM database authentication is off unless enabled
resource "aws_db_instance" "password_only" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
}

resource "azurerm_mssql_server" "entra" {
  name                = "entra"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
  azuread_administrator {
    login_username = "dba-group"
    object_id      = "00000000-0000-0000-0000-000000000000"
  }
}

resource "azurerm_cosmosdb_account" "keys" {
  name                = "keys"
  resource_group_name = "rg"
  location            = "southeastasia"
  offer_type          = "Standard"
  consistency_policy { consistency_level = "Session" }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}

resource "google_sql_database_instance" "pg_iam" {
  name             = "pg-iam"
  database_version = "POSTGRES_15"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }
  }
}

# Memorystore for Redis has no IAM sign-in: its AUTH string is all (was UNKNOWN)
resource "google_redis_instance" "redis_auth" {
  name           = "redis-auth"
  memory_size_gb = 1
  auth_enabled   = true
}

# Memorystore for Memcached has no authentication at all (was not judged)
resource "google_memcache_instance" "memcached" {
  name       = "memcached"
  node_count = 1
  node_config {
    cpu_count      = 1
    memory_size_mb = 1024
  }
}

# Cloud SQL for SQL Server signs in through Managed Microsoft AD (it FAILed)
resource "google_sql_database_instance" "sqlserver_ad" {
  name             = "sqlserver-ad"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-2-7680"
    active_directory_config {
      domain = "ad.agency.go.th"
    }
  }
}

# Spanner has no database users of its own: IAM decides (was UNKNOWN)
resource "google_spanner_database" "spanner" {
  instance = "main"
  name     = "spanner"
}
