resource "google_sql_database_instance" "mysql_infile" {
  name             = "mysql-infile"
  database_version = "MYSQL_8_0"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
    database_flags {
      name  = "local_infile"
      value = "on"
    }
  }
}

# local_infile not written: off (Cloud SQL MySQL 8 default); skip_show_database set on
resource "google_sql_database_instance" "mysql_default" {
  name             = "mysql-default"
  database_version = "MYSQL_8_0"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
    database_flags {
      name  = "skip_show_database"
      value = "on"
    }
  }
}

# skip_show_database not written: off, the MySQL default, lets any user list databases
resource "google_sql_database_instance" "mysql_show_default" {
  name             = "mysql-show-default"
  database_version = "MYSQL_8_0"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
  }
}

resource "google_sql_database_instance" "sqlserver_chaining" {
  name             = "sqlserver"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "cross db ownership chaining"
      value = "on"
    }
  }
}
