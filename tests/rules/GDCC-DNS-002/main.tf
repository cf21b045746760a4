resource "aws_route53_zone" "logged" {
  name = "service.example.go.th"
}

resource "aws_route53_query_log" "logged" {
  zone_id                  = aws_route53_zone.logged.zone_id
  cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53/service"
}

resource "aws_route53_zone" "silent" {
  name = "portal.example.go.th"
}

resource "google_dns_managed_zone" "cloud_logged" {
  name     = "cloud-logged"
  dns_name = "data.example.go.th."
  cloud_logging_config {
    enable_logging = true
  }
}

# private zones: Route 53 query logging is for public zones; Resolver query logging on the
# zone's VPC logs the queries it answers
resource "aws_vpc" "app" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_route53_zone" "private_resolver_logged" {
  name = "internal.example.go.th"
  vpc {
    vpc_id = aws_vpc.app.id
  }
}

resource "aws_route53_zone" "private_literal_logged" {
  name = "internal2.example.go.th"
  vpc {
    vpc_id = "vpc-0a1b2c3d"
  }
}

# a VPC made elsewhere: its Resolver logging is set there (UNKNOWN)
resource "aws_route53_zone" "private_other_vpc" {
  name = "internal3.example.go.th"
  vpc {
    vpc_id = "vpc-0ffff000"
  }
}

# a VPC of the scan with no Resolver query logging
resource "aws_vpc" "quiet" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_route53_zone" "private_scanned_silent" {
  name = "internal5.example.go.th"
  vpc {
    vpc_id = aws_vpc.quiet.id
  }
}

resource "aws_route53_resolver_query_log_config" "dns" {
  name            = "dns"
  destination_arn = "arn:aws:logs:ap-southeast-7:111122223333:log-group:/aws/resolver"
}

resource "aws_route53_resolver_query_log_config_association" "app" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.dns.id
  resource_id                  = aws_vpc.app.id
}

resource "aws_route53_resolver_query_log_config_association" "literal" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.dns.id
  resource_id                  = "vpc-0a1b2c3d"
}

# a public zone is not logged by Resolver query logging on a VPC
resource "aws_route53_zone" "public_not_by_resolver" {
  name = "www.example.go.th"
}

# a private zone attached to a second VPC by an association: that VPC's Resolver logging
# covers it
resource "aws_route53_zone" "private_associated_logged" {
  name = "internal4.example.go.th"
  vpc {
    vpc_id = "vpc-0ffff001"
  }
  lifecycle {
    ignore_changes = [vpc]
  }
}

resource "aws_route53_zone_association" "second" {
  zone_id = aws_route53_zone.private_associated_logged.zone_id
  vpc_id  = aws_vpc.app.id
}

# Cloud DNS private zones: a DNS server policy with logging on their network logs them
resource "google_compute_network" "gcp_app" {
  name                    = "gcp-app"
  auto_create_subnetworks = false
}

resource "google_dns_policy" "logging" {
  name           = "logging"
  enable_logging = true
  networks {
    network_url = google_compute_network.gcp_app.id
  }
}

resource "google_dns_managed_zone" "gcp_private_logged" {
  name       = "gcp-private-logged"
  dns_name   = "internal.agency.go.th."
  visibility = "private"
  private_visibility_config {
    networks {
      network_url = google_compute_network.gcp_app.id
    }
  }
}

resource "google_dns_managed_zone" "gcp_private_elsewhere" {
  name       = "gcp-private-elsewhere"
  dns_name   = "other.agency.go.th."
  visibility = "private"
  private_visibility_config {
    networks {
      network_url = "projects/p/global/networks/other"
    }
  }
}

resource "google_compute_network" "gcp_quiet" {
  name                    = "gcp-quiet"
  auto_create_subnetworks = false
}

resource "google_dns_managed_zone" "gcp_private_silent" {
  name       = "gcp-private-silent"
  dns_name   = "quiet.agency.go.th."
  visibility = "private"
  private_visibility_config {
    networks {
      network_url = google_compute_network.gcp_quiet.id
    }
  }
}
