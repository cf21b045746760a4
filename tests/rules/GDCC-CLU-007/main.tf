# no grant: a Dataproc cluster is used by its project's principals only
resource "google_dataproc_cluster" "no_grant" {
  name   = "no_grant"
  region = "asia-southeast1"
}

resource "google_dataproc_cluster" "team" {
  name   = "team"
  region = "asia-southeast1"
}

resource "google_dataproc_cluster_iam_binding" "team" {
  cluster = google_dataproc_cluster.team.name
  region  = "asia-southeast1"
  role    = "roles/dataproc.editor"
  members = ["group:data-eng@agency.go.th"]
}

resource "google_dataproc_cluster" "everyone" {
  name   = "everyone"
  region = "asia-southeast1"
}

resource "google_dataproc_cluster_iam_member" "everyone" {
  cluster = google_dataproc_cluster.everyone.name
  region  = "asia-southeast1"
  role    = "roles/dataproc.viewer"
  member  = "allAuthenticatedUsers"
}

resource "google_container_cluster" "gke" {
  name     = "gke"
  location = "asia-southeast1"
}
