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
