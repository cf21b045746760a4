resource "aws_acm_certificate" "default_ct" {
  domain_name       = "service.example.go.th"
  validation_method = "DNS"
}

resource "aws_acm_certificate" "no_ct" {
  domain_name       = "hidden.example.go.th"
  validation_method = "DNS"
  options {
    certificate_transparency_logging_preference = "DISABLED"
  }
}
