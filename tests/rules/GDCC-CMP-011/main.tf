resource "aws_lambda_function" "private_fn" {
  function_name = "private"
  role          = "arn:aws:iam::111122223333:role/fn"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "fn.zip"
}

resource "aws_lambda_permission" "from_bucket" {
  function_name = aws_lambda_function.private_fn.function_name
  action        = "lambda:InvokeFunction"
  principal     = "s3.amazonaws.com"
  source_arn    = "arn:aws:s3:::uploads"
}

resource "aws_lambda_function" "open_url" {
  function_name = "open-url"
  role          = "arn:aws:iam::111122223333:role/fn"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "fn.zip"
}

resource "aws_lambda_function_url" "open_url" {
  function_name      = aws_lambda_function.open_url.function_name
  authorization_type = "NONE"
}

resource "aws_lambda_function" "anyone" {
  function_name = "anyone"
  role          = "arn:aws:iam::111122223333:role/fn"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "fn.zip"
}

resource "aws_lambda_permission" "anyone" {
  function_name = aws_lambda_function.anyone.function_name
  action        = "lambda:InvokeFunction"
  principal     = "*"
}
