resource "google_sql_database_instance" "pg_logged" {
  name             = "pg-logged"
  database_version = "POSTGRES_15"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "log_disconnections"
      value = "on"
    }
  }
}

# the flags default to off
resource "google_sql_database_instance" "pg_default" {
  name             = "pg-default"
  database_version = "POSTGRES_15"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
  }
}

resource "google_sql_database_instance" "mysql" {
  name             = "mysql"
  database_version = "MYSQL_8_0"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
  }
}

# the flags live in a parameter group outside this input
resource "aws_db_instance" "rds_pg" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  parameter_group_name = "shared-pg15"
}
