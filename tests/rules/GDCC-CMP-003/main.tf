resource "aws_instance" "encrypted" {
  ami = "ami-0abc"
  root_block_device {
    encrypted = true
  }
  ebs_block_device {
    device_name = "/dev/sdb"
    encrypted   = true
  }
}

# a data disk left unencrypted (the EBS default without account-level encryption)
resource "aws_instance" "plain_data_disk" {
  ami = "ami-0abc"
  root_block_device {
    encrypted = true
  }
  ebs_block_device {
    device_name = "/dev/sdb"
  }
}

# no root_block_device: the root volume takes the EBS default, unencrypted
resource "aws_instance" "default_root" {
  ami = "ami-0abc"
}

resource "aws_launch_configuration" "plain" {
  image_id      = "ami-0abc"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = false
  }
}
