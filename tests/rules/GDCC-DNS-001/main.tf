resource "aws_route53_zone" "signed" {
  name = "service.example.go.th"
}

resource "aws_route53_hosted_zone_dnssec" "signed" {
  hosted_zone_id = aws_route53_zone.signed.id
}

resource "aws_route53_zone" "unsigned" {
  name = "portal.example.go.th"
}

# a private zone is resolved inside the VPC only
resource "aws_route53_zone" "internal" {
  name = "internal.example.go.th"
  vpc {
    vpc_id = "vpc-1"
  }
}

resource "google_dns_managed_zone" "cloud_signed" {
  name     = "cloud-signed"
  dns_name = "data.example.go.th."
  dnssec_config {
    state = "on"
  }
}

resource "google_dns_managed_zone" "cloud_unsigned" {
  name     = "cloud-unsigned"
  dns_name = "open.example.go.th."
}
