"""Kubernetes roles written with the Terraform kubernetes provider, Azure application gateway
exposure and WAF policies, Azure single-server customer-managed keys, Google Container Registry
buckets and log sinks into locked buckets, judged by the native rules (checkov CKV_K8S_49,
CKV_AZURE_120, CKV2_AZURE_16, CKV2_GCP_9 and CKV2_GCP_4 test the same properties)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "kubernetes_role" "reader" {
  metadata {
    name      = "reader"
    namespace = "apps"
  }
  rule {
    api_groups = [""]
    resources  = ["pods"]
    verbs      = ["get", "list"]
  }
}

resource "kubernetes_cluster_role_v1" "any_group" {
  metadata {
    name = "any-group"
  }
  rule {
    api_groups = ["*"]
    resources  = ["deployments"]
    verbs      = ["get"]
  }
}

resource "kubernetes_role_v1" "second_rule_wildcard" {
  metadata {
    name = "second"
  }
  rule {
    api_groups = [""]
    resources  = ["pods"]
    verbs      = ["get"]
  }
  rule {
    api_groups = ["apps"]
    resources  = ["deployments"]
    verbs      = ["*"]
  }
}

resource "azurerm_web_application_firewall_policy" "on" {
  name = "on"
  managed_rules {
    managed_rule_set {
      version = "3.2"
    }
  }
}

resource "azurerm_web_application_firewall_policy" "off" {
  name = "off"
  policy_settings {
    enabled = false
  }
  managed_rules {
    managed_rule_set {
      version = "3.2"
    }
  }
}

resource "azurerm_application_gateway" "public_no_waf" {
  name = "a"
  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.example.id
  }
  http_listener {
    name     = "l"
    protocol = "Https"
  }
}

resource "azurerm_application_gateway" "public_policy_on" {
  name               = "b"
  firewall_policy_id = azurerm_web_application_firewall_policy.on.id
  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.example.id
  }
}

resource "azurerm_application_gateway" "public_policy_off" {
  name               = "c"
  firewall_policy_id = azurerm_web_application_firewall_policy.off.id
  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.example.id
  }
}

resource "azurerm_application_gateway" "public_policy_elsewhere" {
  name               = "d"
  firewall_policy_id = var.policy_id
  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.example.id
  }
}

resource "azurerm_application_gateway" "private_only" {
  name = "e"
  frontend_ip_configuration {
    name                          = "private"
    subnet_id                     = var.subnet_id
    private_ip_address            = "10.0.0.10"
    private_ip_address_allocation = "Static"
  }
}

resource "google_container_registry" "open" {
  project = "p"
}

resource "google_storage_bucket_iam_member" "open_viewer" {
  bucket = google_container_registry.open.id
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_container_registry" "team" {
  project = "p"
}

resource "google_storage_bucket_iam_binding" "team_admin" {
  bucket  = google_container_registry.team.id
  role    = "roles/storage.admin"
  members = ["group:team@example.com"]
}

resource "azurerm_mysql_server" "own_key" {
  name = "own"
  tags = { "gdcc:personal-data" = "true" }
}

resource "azurerm_mysql_server_key" "own_key" {
  server_id        = azurerm_mysql_server.own_key.id
  key_vault_key_id = azurerm_key_vault_key.k.id
}

resource "azurerm_postgresql_server" "service_key" {
  name = "service"
  tags = { "gdcc:personal-data" = "true" }
}

resource "google_storage_bucket" "locked" {
  name = "locked"
  retention_policy {
    retention_period = 1000
    is_locked        = true
  }
}

resource "google_storage_bucket" "unlocked" {
  name = "unlocked"
  retention_policy {
    retention_period = 1000
  }
}

resource "google_logging_project_sink" "to_locked" {
  name        = "a"
  destination = "storage.googleapis.com/${google_storage_bucket.locked.name}"
}

resource "google_logging_project_sink" "to_unlocked" {
  name        = "b"
  destination = "storage.googleapis.com/${google_storage_bucket.unlocked.name}"
}

resource "google_logging_project_sink" "to_bigquery" {
  name        = "c"
  destination = "bigquery.googleapis.com/projects/p/datasets/${var.dataset}"
}
"""

RULES = ("GDCC-IAM-005", "GDCC-NET-003", "GDCC-DATA-001", "GDCC-ENC-002", "GDCC-LOG-003")


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Status]:
    root: Path = tmp_path_factory.mktemp("mixed")
    (root / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([root], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address or ""): f.status for f in result.findings}


def test_kubernetes_provider_roles_are_roles(verdicts: dict[tuple[str, str], Status]) -> None:
    assert verdicts[("GDCC-IAM-005", "kubernetes_role.reader")] is Status.PASS
    assert verdicts[("GDCC-IAM-005", "kubernetes_cluster_role_v1.any_group")] is Status.FAIL
    assert verdicts[("GDCC-IAM-005", "kubernetes_role_v1.second_rule_wildcard")] is Status.FAIL


def test_application_gateway_exposure_and_waf_policy(
    verdicts: dict[tuple[str, str], Status],
) -> None:
    got = {
        name: verdicts[("GDCC-NET-003", f"azurerm_application_gateway.{name}")]
        for name in (
            "public_no_waf",
            "public_policy_on",
            "public_policy_off",
            "public_policy_elsewhere",
            "private_only",
        )
    }
    assert got == {
        "public_no_waf": Status.FAIL,
        "public_policy_on": Status.PASS,  # policy_settings.enabled defaults to true
        "public_policy_off": Status.FAIL,
        "public_policy_elsewhere": Status.UNKNOWN,  # the policy is not in the input
        "private_only": Status.NOT_APPLICABLE,
    }


def test_container_registry_bucket_grants(verdicts: dict[tuple[str, str], Status]) -> None:
    assert verdicts[("GDCC-DATA-001", "google_container_registry.open")] is Status.FAIL
    assert verdicts[("GDCC-DATA-001", "google_container_registry.team")] is Status.PASS


def test_single_server_keys(verdicts: dict[tuple[str, str], Status]) -> None:
    # service-managed keys unless a server key resource names a Key Vault key (was UNKNOWN)
    assert verdicts[("GDCC-ENC-002", "azurerm_mysql_server.own_key")] is Status.PASS
    assert verdicts[("GDCC-ENC-002", "azurerm_postgresql_server.service_key")] is Status.FAIL


def test_log_sinks_into_locked_buckets(verdicts: dict[tuple[str, str], Status]) -> None:
    assert verdicts[("GDCC-LOG-003", "google_logging_project_sink.to_locked")] is Status.PASS
    assert verdicts[("GDCC-LOG-003", "google_logging_project_sink.to_unlocked")] is Status.FAIL
    assert verdicts[("GDCC-LOG-003", "google_logging_project_sink.to_bigquery")] is Status.UNKNOWN
