resource "aws_instance" "tokens_required" {
  ami = "ami-0abc"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "endpoint_off" {
  ami = "ami-0abc"
  metadata_options {
    http_endpoint = "disabled"
  }
}

# no metadata_options: AWS default http_tokens = "optional" (IMDSv1 allowed)
resource "aws_instance" "default_optional" {
  ami = "ami-0abc"
}

resource "aws_launch_template" "optional" {
  name = "optional"
  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_instance" "computed" {
  ami = "ami-0abc"
  metadata_options {
    http_tokens = var.tokens
  }
}

variable "tokens" {
  type = string
}
