# no grant: a Secret Manager secret is readable by its project's principals only
resource "google_secret_manager_secret" "no_grant" {
  secret_id = "no_grant"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret" "service_account" {
  secret_id = "service_account"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_member" "service_account" {
  secret_id = google_secret_manager_secret.service_account.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:app@project.iam.gserviceaccount.com"
}

resource "google_secret_manager_secret" "everyone" {
  secret_id = "everyone"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_binding" "everyone" {
  secret_id = google_secret_manager_secret.everyone.secret_id
  role      = "roles/secretmanager.secretAccessor"
  members   = ["allUsers"]
}
