# The VPC's flow logs go to a bucket and a log group; which workloads can alter them?
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_s3_bucket" "flow" { bucket = "flow-logs-archive" }
resource "aws_cloudwatch_log_group" "flow" {
  name              = "/vpc/flow"
  retention_in_days = 365
}
resource "aws_flow_log" "to_bucket" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.flow.arn
}
resource "aws_flow_log" "to_group" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
}

# FAIL: its policy lets it overwrite objects of the flow-log bucket.
resource "aws_iam_role" "tamper" { name = "tamper" }
resource "aws_iam_instance_profile" "tamper" { role = aws_iam_role.tamper.name }
resource "aws_iam_policy" "uploads" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" },
      { Sid = "Uploads", Effect = "Allow", Action = ["s3:Put*"], Resource = "${aws_s3_bucket.flow.arn}/*" },
    ]
  })
}
resource "aws_iam_role_policy_attachment" "tamper" {
  role       = aws_iam_role.tamper.name
  policy_arn = aws_iam_policy.uploads.arn
}
resource "aws_instance" "tamper" {
  ami                  = "ami-12345678"
  subnet_id            = aws_subnet.app.id
  iam_instance_profile = aws_iam_instance_profile.tamper.name
}

# FAIL: the CloudWatch agent's managed policy may change any log group's retention.
resource "aws_iam_role" "agent" { name = "agent" }
resource "aws_iam_role_policy_attachment" "agent" {
  role       = aws_iam_role.agent.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
}
resource "aws_iam_instance_profile" "agent" { role = aws_iam_role.agent.name }
resource "aws_instance" "agent" {
  ami                  = "ami-12345678"
  subnet_id            = aws_subnet.app.id
  iam_instance_profile = aws_iam_instance_profile.agent.name
}

# PASS: reads anything, writes only its own bucket, appends log events.
data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket", "logs:PutLogEvents"]
    resources = ["*"]
  }
  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"]
  }
}
resource "aws_iam_role" "reader" { name = "reader" }
resource "aws_iam_role_policy" "reader" {
  role   = aws_iam_role.reader.id
  policy = data.aws_iam_policy_document.reader.json
}
resource "aws_iam_instance_profile" "reader" { role = aws_iam_role.reader.name }
resource "aws_instance" "reader" {
  ami                  = "ami-12345678"
  subnet_id            = aws_subnet.app.id
  iam_instance_profile = aws_iam_instance_profile.reader.name
}

# FAIL: a function in the VPC whose inline policy may delete log groups.
resource "aws_iam_role" "cleanup" {
  name = "cleanup"
  inline_policy {
    name = "cleanup"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "logs:Delete*", Resource = "arn:aws:logs:*:*:log-group:/vpc/*" }]
    })
  }
}
resource "aws_lambda_function" "cleanup" {
  function_name = "cleanup"
  role          = aws_iam_role.cleanup.arn
  runtime       = "python3.12"
  handler       = "main.handler"
  filename      = "cleanup.zip"
  vpc_config {
    subnet_ids         = [aws_subnet.app.id]
    security_group_ids = []
  }
}

# UNKNOWN: its instance profile is managed elsewhere.
resource "aws_instance" "borrowed" {
  ami                  = "ami-12345678"
  subnet_id            = aws_subnet.app.id
  iam_instance_profile = "shared-ops-profile"
}

# NOT_APPLICABLE: no flow log records this network.
resource "aws_vpc" "lab" { cidr_block = "10.9.0.0/16" }
resource "aws_subnet" "lab" {
  vpc_id     = aws_vpc.lab.id
  cidr_block = "10.9.1.0/24"
}
resource "aws_instance" "lab" {
  ami                  = "ami-12345678"
  subnet_id            = aws_subnet.lab.id
  iam_instance_profile = aws_iam_instance_profile.tamper.name
}
