"""GDCC-CMP-006 on Google Cloud clusters' nodes (were not judged: the rule took instances
only): a GKE cluster (every node pool, or an Autopilot cluster's auto-provisioning default),
a Cloud Composer environment and a Dataproc cluster run their VMs as the Compute Engine default
service account unless another is written (the provider's documented default, labelled); a
user-managed ``google_service_account`` of the scan PASSes; Data Fusion's Dataproc account
left out is not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TF = """\
resource "google_service_account" "nodes" {
  account_id = "nodes"
}

data "google_compute_default_service_account" "default" {}

resource "google_composer_environment" "plain" {
  name = "plain"
  config {
    software_config {
      image_version = "composer-2.9.7-airflow-2.9.3"
    }
  }
}

resource "google_composer_environment" "own" {
  name = "own"
  config {
    node_config {
      service_account = google_service_account.nodes.email
    }
  }
}

resource "google_container_cluster" "std" {
  name               = "std"
  initial_node_count = 1
}

resource "google_container_cluster" "pools" {
  name                     = "pools"
  remove_default_node_pool = true
  initial_node_count       = 1
  node_pool {
    name = "inline"
    node_config {
      service_account = google_service_account.nodes.email
    }
  }
}

resource "google_container_node_pool" "good" {
  cluster = google_container_cluster.pools.name
  node_config {
    service_account = google_service_account.nodes.email
  }
}

resource "google_container_cluster" "mixed" {
  name                     = "mixed"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_node_pool" "own" {
  cluster = google_container_cluster.mixed.name
  node_config {
    service_account = google_service_account.nodes.email
  }
}

resource "google_container_node_pool" "editor" {
  cluster = google_container_cluster.mixed.name
  node_config {
    service_account = data.google_compute_default_service_account.default.email
  }
}

resource "google_container_cluster" "auto" {
  name             = "auto"
  enable_autopilot = true
}

resource "google_container_cluster" "auto_own" {
  name             = "auto-own"
  enable_autopilot = true
  cluster_autoscaling {
    auto_provisioning_defaults {
      service_account = google_service_account.nodes.email
    }
  }
}

resource "google_container_cluster" "elsewhere" {
  name                     = "elsewhere"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_dataproc_cluster" "dp" {
  name = "dp"
}

resource "google_dataproc_cluster" "dp_email" {
  name = "dp-email"
  cluster_config {
    gce_cluster_config {
      service_account = "123456789-compute@developer.gserviceaccount.com"
    }
  }
}

resource "google_data_fusion_instance" "df" {
  name = "df"
  type = "BASIC"
}

resource "google_data_fusion_instance" "df_own" {
  name                     = "df-own"
  type                     = "BASIC"
  dataproc_service_account = google_service_account.nodes.email
}
"""


def _run(tmp_path: Path) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-006",), cache=False))
    return {f.address or "": f for f in result.findings}


def test_cluster_node_accounts(tmp_path: Path) -> None:
    found = _run(tmp_path)
    assert {a: f.status for a, f in found.items()} == {
        "google_composer_environment.plain": Status.FAIL,
        "google_composer_environment.own": Status.PASS,
        "google_container_cluster.std": Status.FAIL,
        "google_container_cluster.pools": Status.PASS,
        "google_container_cluster.mixed": Status.FAIL,
        "google_container_cluster.auto": Status.FAIL,
        "google_container_cluster.auto_own": Status.PASS,
        "google_container_cluster.elsewhere": Status.UNKNOWN,
        "google_dataproc_cluster.dp": Status.FAIL,
        "google_dataproc_cluster.dp_email": Status.FAIL,
        "google_data_fusion_instance.df": Status.UNKNOWN,
        "google_data_fusion_instance.df_own": Status.PASS,
    }
    composer = found["google_composer_environment.plain"]
    assert composer.message.en == (
        "it runs as the default service account (provider default: "
        "'config.0.node_config.0.service_account' not set)"
    )
    assert composer.evidence["defaults"]["default_service_account"]["documentation"] == (
        "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/"
        "composer_environment#service_account"
    )
    assert found["google_container_cluster.std"].message.en == (
        "it runs as the default service account (provider default: "
        "'node_config.0.service_account' not set) (runs nodes as the Compute Engine default "
        "service account: default node pool)"
    )
    # the pool that names the default account's data source, not the one with its own account
    assert found["google_container_cluster.mixed"].message.en == (
        "it runs as the default service account (runs nodes as the Compute Engine default "
        "service account: google_container_node_pool.editor)"
    )
    assert found["google_container_cluster.auto"].message.en == (
        "it runs as the default service account (provider default: "
        "'cluster_autoscaling.0.auto_provisioning_defaults.0.service_account' not set)"
    )
    assert found["google_dataproc_cluster.dp_email"].message.en == (
        "it runs as the default service account"
    )
    assert found["google_container_cluster.elsewhere"].message.en == (
        "whether it runs as the default service account is not known from the input: every "
        "node pool of the cluster is outside the scan (the default pool removed): the service "
        "account its nodes run as is not known"
    )
