resource "aws_kms_key" "active" {
  description = "active"
}

resource "aws_kms_key" "disabled" {
  description = "disabled"
  is_enabled  = false
}
