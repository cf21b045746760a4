resource "aws_instance" "clean" {
  ami       = "ami-0abc"
  user_data = "#!/bin/bash\nyum install -y nginx\n"
}

resource "aws_instance" "leaky" {
  ami       = "ami-0abc"
  user_data = "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
}

resource "google_compute_instance" "startup_password" {
  name         = "startup"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  metadata = {
    startup-script = "mysql -u admin --password=Sup3rS3cretPassw0rd!"
  }
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
}
