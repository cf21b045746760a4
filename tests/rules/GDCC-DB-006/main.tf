resource "aws_elasticache_replication_group" "token" {
  replication_group_id       = "token"
  description                = "sessions"
  transit_encryption_enabled = true
  auth_token                 = var.redis_token
}

variable "redis_token" {
  type      = string
  sensitive = true
}

resource "aws_elasticache_replication_group" "no_auth" {
  replication_group_id = "no-auth"
  description          = "sessions"
}

resource "google_redis_instance" "memorystore_default" {
  name           = "memorystore"
  memory_size_gb = 1
}

resource "aws_db_instance" "postgres" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}
