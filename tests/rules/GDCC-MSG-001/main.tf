# SQS encrypts new queues with SSE-SQS by default (since October 2022)
resource "aws_sqs_queue" "default_sse" {
  name = "default-sse"
}

resource "aws_sqs_queue" "sse_off" {
  name                    = "sse-off"
  sqs_managed_sse_enabled = false
}

# SNS topics are encrypted only with a KMS key
resource "aws_sns_topic" "plain_topic" {
  name = "plain-topic"
}

resource "aws_sns_topic" "kms_topic" {
  name              = "kms-topic"
  kms_master_key_id = "alias/aws/sns"
}

# a key of the configuration: its id is known only after apply, but it is set (was UNKNOWN)
resource "aws_kms_key" "topics" {
  enable_key_rotation = true
}

resource "aws_sns_topic" "key_ref_topic" {
  name              = "key-ref-topic"
  kms_master_key_id = aws_kms_key.topics.id
}

# Kinesis encryption_type defaults to NONE
resource "aws_kinesis_stream" "plain_stream" {
  name        = "plain-stream"
  shard_count = 1
}

resource "aws_kinesis_stream" "kms_stream" {
  name            = "kms-stream"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}
