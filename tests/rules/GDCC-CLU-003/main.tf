resource "aws_eks_cluster" "logged" {
  name                      = "logged"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_cluster" "api_only" {
  name                      = "api-only"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = ["api"]
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

# GKE sends control-plane logs to Cloud Logging unless logging_service = "none"
resource "google_container_cluster" "gke_default" {
  name     = "gke-default"
  location = "asia-southeast1"
}

resource "google_container_cluster" "gke_none" {
  name            = "gke-none"
  location        = "asia-southeast1"
  logging_service = "none"
}
