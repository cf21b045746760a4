resource "aws_sqs_queue" "named_principal" {
  name = "named-principal"
}

resource "aws_sqs_queue_policy" "named_principal" {
  queue_url = aws_sqs_queue.named_principal.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/producer" }
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}

resource "aws_sqs_queue" "anyone" {
  name = "anyone"
}

resource "aws_sqs_queue_policy" "anyone" {
  queue_url = aws_sqs_queue.anyone.url
  policy    = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*", "Resource": "*"}]
}
POLICY
}

resource "aws_sns_topic" "conditioned" {
  name   = "conditioned"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*",
    "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]
}
POLICY
}

resource "google_pubsub_topic" "events" {
  name = "events"
}

resource "google_pubsub_topic_iam_member" "everyone" {
  topic  = google_pubsub_topic.events.name
  role   = "roles/pubsub.subscriber"
  member = "allUsers"
}

resource "google_pubsub_topic" "internal" {
  name = "internal"
}

# Policies whose Resource is an ARN computed at apply time: who they grant is still known.
resource "aws_sqs_queue" "computed_open" {
  name   = "computed-open"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]},
    "Action": "sqs:SendMessage", "Resource": "${aws_sqs_queue.named_principal.arn}",}]
}
POLICY
}

resource "aws_sqs_queue" "computed_named" {
  name = "computed-named"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/producer" }
      Action    = "sqs:SendMessage"
      Resource  = "${aws_sqs_queue.named_principal.arn}/*"
    }]
  })
}

resource "aws_sns_topic" "computed_source" {
  name = "computed-source"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = "*"
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sqs_queue.anyone.arn } }
    }]
  })
}

# An HTTPS-only condition does not say who may publish: still everyone.
resource "aws_sns_topic" "https_only" {
  name = "https-only"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = "*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}

# A wildcard inside a principal ARN names no one safely.
resource "aws_sqs_queue" "wildcard_account" {
  name = "wildcard-account"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::*:role/producer" }
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}

data "aws_iam_policy_document" "publish_from_anyone" {
  statement {
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.from_document.arn]
  }
}

resource "aws_sns_topic" "from_document" {
  name = "from-document"
}

resource "aws_sns_topic_policy" "from_document" {
  arn    = aws_sns_topic.from_document.arn
  policy = data.aws_iam_policy_document.publish_from_anyone.json
}

# The principal itself comes from outside the scan: who is allowed cannot be known.
variable "consumer_arn" {
  type = string
}

resource "aws_sqs_queue" "principal_unknown" {
  name = "principal-unknown"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.consumer_arn }
      Action    = "sqs:ReceiveMessage"
      Resource  = "*"
    }]
  })
}
