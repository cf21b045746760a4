# A service assumes it: not anyone.
resource "aws_iam_role" "lambda" {
  name = "lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

# Any AWS principal of any account.
resource "aws_iam_role" "anyone" {
  name = "anyone"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Open"
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
    }]
  })
}

# "*" narrowed to the agency's organisation.
resource "aws_iam_role" "organisation" {
  name = "organisation"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}

# An external id is a shared secret, not an identity: still anyone who knows it.
resource "aws_iam_role" "external_id" {
  name = "external_id"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = "*"
      Condition = { StringEquals = { "sts:ExternalId" = "s3cr3t-partner" } }
    }]
  })
}

variable "trust" {
  type = string
}

# The trust policy comes from a variable without a value.
resource "aws_iam_role" "from_variable" {
  name               = "from_variable"
  assume_role_policy = var.trust
}
