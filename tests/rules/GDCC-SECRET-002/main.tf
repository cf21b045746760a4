resource "aws_secretsmanager_secret" "rotated" {
  name = "db-password"
}

resource "aws_secretsmanager_secret_rotation" "rotated" {
  secret_id           = aws_secretsmanager_secret.rotated.id
  rotation_lambda_arn = "arn:aws:lambda:ap-southeast-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret" "static" {
  name = "api-token"
}

resource "google_secret_manager_secret" "gcp_rotated" {
  secret_id = "gcp-rotated"
  replication {
    auto {}
  }
  rotation {
    rotation_period    = "2592000s"
    next_rotation_time = "2027-01-01T00:00:00Z"
  }
}

resource "google_secret_manager_secret" "gcp_static" {
  secret_id = "gcp-static"
  replication {
    auto {}
  }
}
