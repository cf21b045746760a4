resource "aws_lb" "logged" {
  name    = "logged"
  subnets = ["subnet-1", "subnet-2"]
  access_logs {
    bucket  = "lb-logs"
    enabled = true
  }
}

# no access_logs block: ALB access logs are off by default
resource "aws_lb" "silent" {
  name    = "silent"
  subnets = ["subnet-1", "subnet-2"]
}

resource "aws_lb_listener" "http_redirect" {
  load_balancer_arn = aws_lb.silent.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_api_gateway_stage" "stage_logged" {
  stage_name    = "prod"
  rest_api_id   = "api"
  deployment_id = "dep"
  access_log_settings {
    destination_arn = "arn:aws:logs:ap-southeast-1:111122223333:log-group:api"
    format          = "$context.requestId"
  }
}

resource "aws_api_gateway_stage" "stage_silent" {
  stage_name    = "dev"
  rest_api_id   = "api"
  deployment_id = "dep"
}

# client VPN endpoints: the connection log is the endpoint's access log
resource "aws_ec2_client_vpn_endpoint" "vpn_logged" {
  server_certificate_arn = "arn:aws:acm:ap-southeast-7:111122223333:certificate/s"
  client_cidr_block      = "10.100.0.0/16"
  authentication_options {
    type                       = "certificate-authentication"
    root_certificate_chain_arn = "arn:aws:acm:ap-southeast-7:111122223333:certificate/c"
  }
  connection_log_options {
    enabled              = true
    cloudwatch_log_group = "client-vpn"
  }
}

resource "aws_ec2_client_vpn_endpoint" "vpn_silent" {
  server_certificate_arn = "arn:aws:acm:ap-southeast-7:111122223333:certificate/s"
  client_cidr_block      = "10.101.0.0/16"
  authentication_options {
    type                       = "certificate-authentication"
    root_certificate_chain_arn = "arn:aws:acm:ap-southeast-7:111122223333:certificate/c"
  }
  connection_log_options {
    enabled = false
  }
}
