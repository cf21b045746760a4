resource "aws_s3_bucket" "tls_only" {
  bucket = "tls-only"
}

resource "aws_s3_bucket_policy" "tls_only" {
  bucket = aws_s3_bucket.tls_only.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
    "Resource": ["arn:aws:s3:::tls-only", "arn:aws:s3:::tls-only/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]
}
POLICY
}

# without a deny on aws:SecureTransport, S3 answers plain HTTP too
resource "aws_s3_bucket" "http_too" {
  bucket = "http-too"
}

resource "google_storage_bucket" "gcs" {
  name     = "gcs"
  location = "ASIA-SOUTHEAST1"
}
