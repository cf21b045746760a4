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
