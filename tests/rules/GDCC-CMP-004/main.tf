resource "google_compute_instance" "serial_on" {
  name         = "serial-on"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  metadata = {
    serial-port-enable = "true"
  }
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
}

# serial-port-enable absent: off by default
resource "google_compute_instance" "serial_default" {
  name         = "serial-default"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
}

resource "aws_instance" "no_account_serial" {
  ami = "ami-0abc"
}
