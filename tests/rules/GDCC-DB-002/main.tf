# auto_minor_version_upgrade defaults to true
resource "aws_db_instance" "default_upgrades" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "frozen" {
  engine                     = "postgres"
  instance_class             = "db.t3.micro"
  auto_minor_version_upgrade = false
}

resource "aws_elasticache_replication_group" "frozen_cache" {
  replication_group_id       = "cache"
  description                = "cache"
  auto_minor_version_upgrade = false
}
