"""The account-level S3 Block Public Access (``aws_s3_account_public_access_block``) holds for
every bucket of its account, in every Region. It neutralises a public ACL or bucket policy
(GDCC-DATA-001 PASS where it reaches the bucket with ``ignore_public_acls`` and
``restrict_public_buckets``) and counts for GDCC-DATA-006 with all four settings on. Where it
cannot be told whether it reaches the bucket (another provider configuration whose
credentials may be another account's), a public bucket is UNKNOWN naming both places, never
PASS; a configuration provably in another account leaves the bucket as written."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

BUCKETS = """\
resource "aws_s3_bucket" "acl" {
  provider = aws.bangkok
  bucket   = "agency-acl"
}

resource "aws_s3_bucket_acl" "acl" {
  provider = aws.bangkok
  bucket   = aws_s3_bucket.acl.id
  acl      = "public-read"
}

resource "aws_s3_bucket" "policy" {
  provider = aws.bangkok
  bucket   = "agency-policy"
}

resource "aws_s3_bucket_policy" "policy" {
  provider = aws.bangkok
  bucket   = aws_s3_bucket.policy.id
  policy = jsonencode({
    Statement = [{
      Effect = "Allow", Principal = "*", Action = "s3:GetObject"
      Resource = "arn:aws:s3:::agency-policy/*"
    }]
  })
}

resource "aws_s3_bucket" "own_block_off" {
  provider = aws.bangkok
  bucket   = "agency-own-block-off"
}

resource "aws_s3_bucket_public_access_block" "own_block_off" {
  provider            = aws.bangkok
  bucket              = aws_s3_bucket.own_block_off.id
  block_public_acls   = true
  block_public_policy = false
}
"""

ACCOUNT_BLOCK = """\
resource "aws_s3_account_public_access_block" "account" {
  provider                = %s
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = %s
}
"""


def _scan(folder: Path, providers: str, block_provider: str, restrict: str = "true") -> dict[
    tuple[str, str], Finding
]:
    folder.mkdir()
    (folder / "main.tf").write_text(
        providers + BUCKETS + ACCOUNT_BLOCK % (block_provider, restrict)
    )
    result = audit([folder], Settings(rule_ids=("GDCC-DATA-001", "GDCC-DATA-006")))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def _statuses(found: dict[tuple[str, str], Finding]) -> dict[tuple[str, str], Status]:
    return {key: finding.status for key, finding in found.items()}


def test_account_block_in_another_region_of_the_same_account(tmp_path: Path) -> None:
    """Two configurations that differ only in region and alias are one account: the block
    declared for Singapore covers the Bangkok buckets (it is not per Region)."""
    providers = """\
provider "aws" {
  alias  = "bangkok"
  region = "ap-southeast-7"
}

provider "aws" {
  alias  = "singapore"
  region = "ap-southeast-1"
}

"""
    found = _scan(tmp_path / "same", providers, "aws.singapore")
    assert _statuses(found) == {
        ("aws_s3_bucket.acl", "GDCC-DATA-001"): Status.PASS,
        ("aws_s3_bucket.acl", "GDCC-DATA-006"): Status.PASS,
        ("aws_s3_bucket.policy", "GDCC-DATA-001"): Status.PASS,
        ("aws_s3_bucket.policy", "GDCC-DATA-006"): Status.PASS,
        ("aws_s3_bucket.own_block_off", "GDCC-DATA-001"): Status.PASS,
        # the bucket's own block leaves BlockPublicPolicy off; the account's is on
        ("aws_s3_bucket.own_block_off", "GDCC-DATA-006"): Status.PASS,
    }
    # each PASS the account block decides says so, in the message and the evidence
    where = "aws_s3_account_public_access_block.account"
    acl = found[("aws_s3_bucket.acl", "GDCC-DATA-001")]
    acl_why = (
        f"the account-level S3 Block Public Access ({where}) neutralises the bucket's public "
        "ACL (ignore_public_acls = true)"
    )
    assert acl.evidence == {"public_access": False, "decided_by": {"public_access": acl_why}}
    assert acl.message.en.endswith(f"({acl_why})")
    policy = found[("aws_s3_bucket.policy", "GDCC-DATA-001")]
    assert policy.evidence["decided_by"] == {
        "public_access": f"the account-level S3 Block Public Access ({where}) neutralises the "
        "bucket's public policy (restrict_public_buckets = true)"
    }
    # a bucket neither public nor blocked by itself: DATA-001 owes nothing to the account
    assert "decided_by" not in found[("aws_s3_bucket.own_block_off", "GDCC-DATA-001")].evidence
    blocked = found[("aws_s3_bucket.own_block_off", "GDCC-DATA-006")]
    assert blocked.evidence["decided_by"] == {
        "public_access_block": "all four settings of the account-level S3 Block Public Access "
        f"({where}) are on"
    }
    assert "S3 Block Public Access ระดับบัญชี" in blocked.message.th
    # the account decides: no line of the bucket's own block (BlockPublicPolicy off there)
    assert "value_set_at" not in blocked.evidence


def test_restrict_public_buckets_off_keeps_a_public_policy(tmp_path: Path) -> None:
    """``ignore_public_acls`` neutralises ACLs only (the ACL bucket PASSes); a public policy
    needs ``restrict_public_buckets``, so without it the policy bucket still FAILs."""
    providers = 'provider "aws" {\n  alias  = "bangkok"\n  region = "ap-southeast-7"\n}\n\n'
    found = _scan(tmp_path / "partial", providers, "aws.bangkok", restrict="false")
    assert found[("aws_s3_bucket.policy", "GDCC-DATA-001")].status is Status.FAIL
    assert found[("aws_s3_bucket.acl", "GDCC-DATA-001")].status is Status.PASS
    assert found[("aws_s3_bucket.own_block_off", "GDCC-DATA-006")].status is Status.FAIL


def test_account_block_whose_account_is_not_known(tmp_path: Path) -> None:
    """Another profile may be another account: a public bucket is UNKNOWN (was FAIL, never
    PASS), and the finding names both provider configurations."""
    providers = """\
provider "aws" {
  alias  = "bangkok"
  region = "ap-southeast-7"
}

provider "aws" {
  alias   = "shared"
  region  = "ap-southeast-7"
  profile = "shared-services"
}

"""
    found = _scan(tmp_path / "unknown", providers, "aws.shared")
    assert _statuses(found) == {
        ("aws_s3_bucket.acl", "GDCC-DATA-001"): Status.UNKNOWN,
        ("aws_s3_bucket.acl", "GDCC-DATA-006"): Status.PASS,
        ("aws_s3_bucket.policy", "GDCC-DATA-001"): Status.UNKNOWN,
        ("aws_s3_bucket.policy", "GDCC-DATA-006"): Status.PASS,
        ("aws_s3_bucket.own_block_off", "GDCC-DATA-001"): Status.PASS,
        ("aws_s3_bucket.own_block_off", "GDCC-DATA-006"): Status.UNKNOWN,
    }
    why = found[("aws_s3_bucket.policy", "GDCC-DATA-001")].evidence["unknown_because"][
        "public_access"
    ]
    assert why == (
        "S3 Block Public Access for the account (aws_s3_account_public_access_block) holds in "
        "every Region of one account; whether it reaches this resource is not known: "
        "aws_s3_account_public_access_block.account is under provider configuration aws.shared "
        "(region ap-southeast-7), this resource under provider configuration aws.bangkok "
        "(region ap-southeast-7); credentials chosen differently or not known (profile): "
        "maybe another account"
    )


def test_account_block_of_another_account(tmp_path: Path) -> None:
    """Roles of two different account ids: the block is another account's, the buckets FAIL
    as written."""
    providers = """\
provider "aws" {
  alias  = "bangkok"
  region = "ap-southeast-7"
  assume_role {
    role_arn = "arn:aws:iam::111111111111:role/deploy"
  }
}

provider "aws" {
  alias  = "other"
  region = "ap-southeast-7"
  assume_role {
    role_arn = "arn:aws:iam::222222222222:role/deploy"
  }
}

"""
    found = _scan(tmp_path / "other", providers, "aws.other")
    assert found[("aws_s3_bucket.acl", "GDCC-DATA-001")].status is Status.FAIL
    assert found[("aws_s3_bucket.policy", "GDCC-DATA-001")].status is Status.FAIL
    assert found[("aws_s3_bucket.own_block_off", "GDCC-DATA-006")].status is Status.FAIL
