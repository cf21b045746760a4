resource "aws_db_instance" "multi_az" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
  multi_az       = true
  tags           = { gdcc_system = "payments" }
}

# multi_az defaults to false
resource "aws_db_instance" "single_az" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
  tags           = { gdcc_system = "payments" }
}

resource "aws_elasticache_replication_group" "failover" {
  replication_group_id       = "failover"
  description                = "session cache"
  automatic_failover_enabled = true
  num_cache_clusters         = 2
  tags                       = { gdcc_system = "payments" }
}
