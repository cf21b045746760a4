resource "aws_lb" "protected" {
  name               = "protected"
  load_balancer_type = "application"
  subnets            = ["subnet-1", "subnet-2"]
}

resource "aws_wafv2_web_acl_association" "protected" {
  resource_arn = aws_lb.protected.arn
  web_acl_arn  = "arn:aws:wafv2:ap-southeast-1:111122223333:regional/webacl/main/abc"
}

resource "aws_lb" "exposed" {
  name               = "exposed"
  load_balancer_type = "application"
  subnets            = ["subnet-1", "subnet-2"]
}

resource "aws_lb" "private_alb" {
  name     = "private-alb"
  internal = true
  subnets  = ["subnet-1", "subnet-2"]
}

resource "aws_lb" "nlb" {
  name               = "nlb"
  load_balancer_type = "network"
  subnets            = ["subnet-1", "subnet-2"]
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.exposed.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:ap-southeast-1:111122223333:certificate/abc"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:tg"
  }
}

resource "aws_cloudfront_distribution" "cdn_no_waf" {
  enabled = true
  origin {
    domain_name = "origin.example.go.th"
    origin_id   = "origin"
  }
  default_cache_behavior {
    target_origin_id       = "origin"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  restrictions {
    geo_restriction { restriction_type = "none" }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
