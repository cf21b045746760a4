"""Container registries readable by anyone: an ECR repository policy granting ``*``
(``aws_ecr_repository_policy`` in Terraform, ``RepositoryPolicyText`` in CloudFormation)
fails GDCC-DATA-001; a policy naming accounts, or none, passes."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_ecr_repository" "open" {
  name = "open"
}

resource "aws_ecr_repository_policy" "open" {
  repository = aws_ecr_repository.open.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "pull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

resource "aws_ecr_repository" "partner" {
  name = "partner"
}

resource "aws_ecr_repository_policy" "partner" {
  repository = aws_ecr_repository.partner.name
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = ["ecr:BatchGetImage"]
    }]
  })
}

resource "aws_ecr_repository" "own" {
  name = "own"
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OpenRepo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Statement:
          - Effect: Allow
            Principal: {AWS: "*"}
            Action: ["ecr:BatchGetImage"]
  OwnRepo:
    Type: AWS::ECR::Repository
"""


def test_public_container_registries(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    assert {f.address: f.status for f in result.findings} == {
        "aws_ecr_repository.open": Status.FAIL,
        "aws_ecr_repository.partner": Status.PASS,
        "aws_ecr_repository.own": Status.PASS,
        "OpenRepo": Status.FAIL,
        "OwnRepo": Status.PASS,
    }


AZURE_GOOGLE = """\
resource "azurerm_container_registry" "anonymous" {
  name                   = "agencyopen"
  resource_group_name    = "rg"
  location               = "southeastasia"
  sku                    = "Standard"
  anonymous_pull_enabled = true
}

variable "tier" { type = string }

resource "azurerm_container_registry" "anonymous_tier_from_variable" {
  name                   = "agencytier"
  resource_group_name    = "rg"
  location               = "southeastasia"
  sku                    = var.tier
  anonymous_pull_enabled = true
}

resource "azurerm_container_registry" "signed_in_tier_from_variable" {
  name                = "agencytier2"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku                 = var.tier
}

resource "azurerm_container_registry" "signed_in" {
  name                = "agencyprivate"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku                 = "Premium"
}

resource "google_artifact_registry_repository" "open" {
  location      = "asia-southeast1"
  repository_id = "open"
  format        = "DOCKER"
}

resource "google_artifact_registry_repository_iam_member" "everyone" {
  location   = google_artifact_registry_repository.open.location
  repository = google_artifact_registry_repository.open.name
  role       = "roles/artifactregistry.reader"
  member     = "allUsers"
}

resource "google_artifact_registry_repository" "team" {
  location      = "asia-southeast1"
  repository_id = "team"
  format        = "DOCKER"
}

resource "google_artifact_registry_repository_iam_member" "team" {
  location   = google_artifact_registry_repository.team.location
  repository = google_artifact_registry_repository.team.name
  role       = "roles/artifactregistry.reader"
  member     = "group:builders@agency.go.th"
}
"""


def test_azure_and_google_registries_readable_by_anyone(tmp_path: Path) -> None:
    """ACR anonymous pull (off by default) and an Artifact Registry repository granted to
    allUsers are public; a signed-in registry and a group grant are not."""
    (tmp_path / "main.tf").write_text(AZURE_GOOGLE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    assert {f.address: f.status for f in result.findings} == {
        "azurerm_container_registry.anonymous": Status.FAIL,
        # the provider accepts anonymous pull only on Standard / Premium, so whatever tier
        # the variable gives, a registry that deploys lets anyone pull (was UNKNOWN)
        "azurerm_container_registry.anonymous_tier_from_variable": Status.FAIL,
        "azurerm_container_registry.signed_in_tier_from_variable": Status.PASS,
        "azurerm_container_registry.signed_in": Status.PASS,
        "google_artifact_registry_repository.open": Status.FAIL,
        "google_artifact_registry_repository.team": Status.PASS,
    }
