# A public REST API with one open method (FAIL), a REST API whose methods all ask for
# credentials (the CORS preflight does not count: PASS), a private REST API (NOT_APPLICABLE),
# an HTTP API with an open route (FAIL) and a CDN (no API methods: NOT_APPLICABLE).
resource "aws_api_gateway_rest_api" "open" {
  name = "open"
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.open.id
  parent_id   = aws_api_gateway_rest_api.open.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_method" "list" {
  rest_api_id      = aws_api_gateway_rest_api.open.id
  resource_id      = aws_api_gateway_resource.items.id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_stage" "open" {
  rest_api_id   = aws_api_gateway_rest_api.open.id
  deployment_id = "d1"
  stage_name    = "prod"
}

resource "aws_api_gateway_rest_api" "signed" {
  name = "signed"
}

resource "aws_api_gateway_method" "signed" {
  rest_api_id   = aws_api_gateway_rest_api.signed.id
  resource_id   = aws_api_gateway_rest_api.signed.root_resource_id
  http_method   = "POST"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "preflight" {
  rest_api_id   = aws_api_gateway_rest_api.signed.id
  resource_id   = aws_api_gateway_rest_api.signed.root_resource_id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_stage" "signed" {
  rest_api_id   = aws_api_gateway_rest_api.signed.id
  deployment_id = "d2"
  stage_name    = "prod"
}

resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_method" "internal" {
  rest_api_id   = aws_api_gateway_rest_api.internal.id
  resource_id   = aws_api_gateway_rest_api.internal.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_stage" "internal" {
  rest_api_id   = aws_api_gateway_rest_api.internal.id
  deployment_id = "d3"
  stage_name    = "prod"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_route" "get" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /items"
}

resource "aws_apigatewayv2_stage" "http" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "$default"
}

resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
}
