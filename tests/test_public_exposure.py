"""Every way a bucket becomes public FAILs "Storage is not publicly readable" (GDCC-DATA-001),
in Terraform and in CloudFormation; a public-access block that overrides it PASSes."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_s3_bucket" "inline_acl" {
  bucket = "inline-acl"
  acl    = "public-read"
}

resource "aws_s3_bucket" "acl_resource" {
  bucket = "acl-resource"
}
resource "aws_s3_bucket_acl" "acl_resource" {
  bucket = aws_s3_bucket.acl_resource.id
  acl    = "public-read-write"
}

resource "aws_s3_bucket" "grant" {
  bucket = "grant"
}
resource "aws_s3_bucket_acl" "grant" {
  bucket = aws_s3_bucket.grant.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner { id = "x" }
  }
}

resource "aws_s3_bucket" "policy" {
  bucket = "policy"
}
resource "aws_s3_bucket_policy" "policy" {
  bucket = aws_s3_bucket.policy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::policy/*"
    }]
  })
}

resource "aws_s3_bucket" "blocked" {
  bucket = "blocked"
  acl    = "public-read"
}
resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.blocked.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "private" {
  bucket = "private"
  acl    = "private"
}
"""

CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PublicRead:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
  PublicReadWrite:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicReadWrite
      PublicAccessBlockConfiguration:
        BlockPublicAcls: false
        IgnorePublicAcls: false
  AuthenticatedRead:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: AuthenticatedRead
  IgnoredAcl:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
      PublicAccessBlockConfiguration:
        IgnorePublicAcls: true
  PolicyBucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref PolicyBucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: !Sub "arn:aws:s3:::${PolicyBucket}/*"
  Private:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: Private
"""


def _verdicts(path: Path) -> dict[str, Status]:
    result = audit([path], Settings(rule_ids=("GDCC-DATA-001",)))
    return {f.resource_name: f.status for f in result.findings}


def test_terraform_public_buckets_fail(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    assert _verdicts(tmp_path) == {
        "inline-acl": Status.FAIL,
        "acl-resource": Status.FAIL,
        "grant": Status.FAIL,
        "policy": Status.FAIL,
        "blocked": Status.PASS,
        "private": Status.PASS,
    }


def test_cloudformation_public_buckets_fail(tmp_path: Path) -> None:
    (tmp_path / "buckets.yaml").write_text(CFN, encoding="utf-8")
    assert _verdicts(tmp_path) == {
        "PublicRead": Status.FAIL,  # the reported wrong PASS
        "PublicReadWrite": Status.FAIL,
        "AuthenticatedRead": Status.FAIL,
        "IgnoredAcl": Status.PASS,
        "PolicyBucket": Status.FAIL,
        "Private": Status.PASS,
    }


OTHER_TF = """\
resource "aws_ami" "shared" {
  name = "shared"
}
resource "aws_ami_launch_permission" "everyone" {
  image_id = aws_ami.shared.id
  group    = "all"
}
resource "aws_ami" "private" {
  name = "private"
}
resource "aws_db_snapshot" "public" {
  db_instance_identifier = "db"
  db_snapshot_identifier = "public"
  shared_accounts        = ["all"]
}
resource "aws_db_snapshot" "named" {
  db_instance_identifier = "db"
  db_snapshot_identifier = "named"
  shared_accounts        = ["111122223333"]
}
resource "aws_ebs_snapshot" "private" {
  volume_id = "vol-1"
}
resource "azurerm_storage_account" "sa" {
  name                            = "sa"
  resource_group_name             = "rg"
  location                        = "southeastasia"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = true
}
resource "azurerm_storage_container" "blob" {
  name                  = "blob"
  storage_account_name  = azurerm_storage_account.sa.name
  container_access_type = "blob"
}
resource "google_storage_bucket" "g" {
  name     = "g"
  location = "ASIA-SOUTHEAST1"
}
resource "google_storage_bucket_iam_member" "all_users" {
  bucket = google_storage_bucket.g.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
resource "huaweicloud_obs_bucket" "h" {
  bucket = "h"
  acl    = "public-read"
}
"""


def test_images_snapshots_and_other_providers(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(OTHER_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    assert {f.address: f.status for f in result.findings} == {
        "aws_ami.shared": Status.FAIL,  # launch permission group "all"
        "aws_ami.private": Status.PASS,  # images are private until shared
        "aws_db_snapshot.public": Status.FAIL,  # shared_accounts ["all"]
        "aws_db_snapshot.named": Status.PASS,
        "aws_ebs_snapshot.private": Status.PASS,
        "azurerm_storage_account.sa": Status.FAIL,
        "azurerm_storage_container.blob": Status.FAIL,
        "google_storage_bucket.g": Status.FAIL,  # allUsers member
        "huaweicloud_obs_bucket.h": Status.FAIL,
    }
