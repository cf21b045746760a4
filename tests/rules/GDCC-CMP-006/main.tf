resource "google_compute_instance" "own_account" {
  name         = "own"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
  service_account {
    email  = "app@project.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }
}

# no email: the Compute Engine default service account
resource "google_compute_instance" "default_account" {
  name         = "default"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
  service_account {
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance" "named_default" {
  name         = "named-default"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
  service_account {
    email  = "123456789-compute@developer.gserviceaccount.com"
    scopes = ["userinfo-email"]
  }
}
