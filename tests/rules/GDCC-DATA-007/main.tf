resource "aws_s3_bucket" "trail_locked" {
  bucket              = "trail-locked"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "trail_locked" {
  bucket = aws_s3_bucket.trail_locked.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail_locked.id
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "access-logs"
}

resource "aws_s3_bucket" "website" {
  bucket = "website"
}

resource "aws_s3_bucket_logging" "website" {
  bucket        = aws_s3_bucket.website.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "website/"
}
