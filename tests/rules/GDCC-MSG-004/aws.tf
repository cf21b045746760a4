# Amazon MSK: IAM access control with unauthenticated access off is a directory identity
resource "aws_msk_cluster" "iam_only" {
  cluster_name           = "iam-only"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
  client_authentication {
    sasl {
      iam = true
    }
  }
}

# IAM, but unauthenticated clients are let in as well
resource "aws_msk_cluster" "iam_and_anonymous" {
  cluster_name           = "iam-and-anonymous"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
  client_authentication {
    unauthenticated = true
    sasl {
      iam = true
    }
  }
}

# SCRAM: user names and passwords, not a directory
resource "aws_msk_cluster" "scram" {
  cluster_name           = "scram"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = ["subnet-1", "subnet-2", "subnet-3"]
    security_groups = ["sg-1"]
  }
  client_authentication {
    sasl {
      scram = true
    }
  }
}

# Amazon MQ: authentication_strategy defaults to "simple" (broker users)
resource "aws_mq_broker" "broker_users" {
  broker_name        = "broker-users"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.t3.micro"
  user {
    username = "app"
    password = "not-a-real-password-1"
  }
}

resource "aws_mq_broker" "ldap" {
  broker_name             = "ldap"
  engine_type             = "ActiveMQ"
  engine_version          = "5.18"
  host_instance_type      = "mq.t3.micro"
  authentication_strategy = "ldap"
  ldap_server_metadata {
    hosts            = ["ldap.example.go.th"]
    role_base        = "ou=groups,dc=example,dc=go,dc=th"
    user_base        = "ou=users,dc=example,dc=go,dc=th"
    service_account_username = "svc"
    service_account_password = "not-a-real-password-2"
  }
  user {
    username = "admin"
    password = "not-a-real-password-3"
  }
}

# SQS: every request is signed by an IAM identity; no sign-in setting of its own
resource "aws_sqs_queue" "iam_signed" {
  name = "iam-signed"
}
