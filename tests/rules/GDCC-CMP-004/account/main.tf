resource "aws_ec2_serial_console_access" "on" {
  enabled = true
}

resource "aws_instance" "account_serial" {
  ami = "ami-0abc"
}
