resource "google_project_iam_member" "log_viewer" {
  project = "agency-prod"
  role    = "roles/logging.viewer"
  member  = "group:auditors@example.go.th"
}

resource "google_project_iam_member" "editor" {
  project = "agency-prod"
  role    = "roles/editor"
  member  = "user:dev@example.go.th"
}

resource "google_folder_iam_binding" "viewers" {
  folder  = "folders/123"
  role    = "roles/viewer"
  members = ["group:everyone@example.go.th"]
}
