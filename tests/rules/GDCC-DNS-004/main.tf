resource "aws_acm_certificate" "requested" {
  domain_name       = "service.example.go.th"
  validation_method = "DNS"
}

resource "aws_acm_certificate" "imported" {
  private_key      = file("key.pem")
  certificate_body = file("cert.pem")
}

resource "google_compute_managed_ssl_certificate" "google_managed" {
  name = "google-managed"
  managed {
    domains = ["data.example.go.th."]
  }
}

resource "google_compute_ssl_certificate" "self_managed" {
  name        = "self-managed"
  private_key = file("key.pem")
  certificate = file("cert.pem")
}
