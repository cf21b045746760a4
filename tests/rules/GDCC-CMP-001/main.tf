resource "aws_instance" "private" {
  ami                         = "ami-0abc"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
}

resource "aws_instance" "public" {
  ami                         = "ami-0abc"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}

resource "aws_subnet" "public" {
  vpc_id                  = "vpc-1"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_instance" "in_public_subnet" {
  ami       = "ami-0abc"
  subnet_id = aws_subnet.public.id
}

resource "google_compute_instance" "external" {
  name         = "external"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    network = "default"
    access_config {}
  }
}

resource "google_compute_instance" "internal" {
  name         = "internal"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    network = "default"
  }
}

resource "aws_launch_template" "lt_public" {
  name = "public"
  network_interfaces {
    associate_public_ip_address = true
  }
}
