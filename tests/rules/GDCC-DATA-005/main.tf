resource "aws_s3_bucket" "versioned" {
  bucket = "versioned"
}

resource "aws_s3_bucket_versioning" "versioned" {
  bucket = aws_s3_bucket.versioned.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "suspended" {
  bucket = "suspended"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  versioning_configuration {
    status = "Suspended"
  }
}

# no versioning configuration: S3 buckets are unversioned by default
resource "aws_s3_bucket" "plain" {
  bucket = "plain"
}

resource "google_storage_bucket" "gcs_versioned" {
  name     = "gcs-versioned"
  location = "ASIA-SOUTHEAST1"
  versioning {
    enabled = true
  }
}

resource "google_storage_bucket" "gcs_plain" {
  name     = "gcs-plain"
  location = "ASIA-SOUTHEAST1"
}
