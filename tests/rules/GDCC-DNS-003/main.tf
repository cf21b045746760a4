# transfer_lock defaults to true
resource "aws_route53domains_registered_domain" "locked" {
  domain_name = "example-agency.com"
}

resource "aws_route53domains_registered_domain" "unlocked" {
  domain_name   = "example-agency.org"
  transfer_lock = false
}

resource "aws_route53_zone" "zone" {
  name = "example-agency.com"
}
