"""Alibaba Cloud OSS bucket policies: the bucket's ``policy`` argument and the
``alicloud_oss_bucket_policy`` resource (resources/oss_bucket_policy). Neither was read for
who may read the bucket: a bucket whose policy allows ``Principal: ["*"]`` to get its objects
PASSed GDCC-DATA-001 "Storage is not publicly readable" (a wrong PASS), and a bucket whose
separate policy naming ``acs:SecureTransport`` (it may deny plain HTTP) FAILed GDCC-DATA-008
"unencrypted connections are accepted" (the resource was "not judged"): now not known; a
policy that never names it refuses no HTTP (FAIL). A public statement limited by a
``Condition`` (``acs:SourceIp``) is not known, never a PASS."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

BUCKETS = """
resource "alicloud_oss_bucket" "inline" {
  bucket = "inline-public"
  policy = jsonencode({
    Version = "1"
    Statement = [{
      Effect    = "Allow"
      Principal = ["*"]
      Action    = ["oss:GetObject"]
      Resource  = ["acs:oss:*:*:inline-public/*"]
    }]
  })
}

resource "alicloud_oss_bucket" "separate" {
  bucket = "separate-public"
}

resource "alicloud_oss_bucket_policy" "separate" {
  bucket = alicloud_oss_bucket.separate.bucket
  policy = jsonencode({
    Version = "1"
    Statement = [{
      Effect    = "Allow"
      Principal = ["*"]
      Action    = ["oss:GetObject"]
      Resource  = ["acs:oss:*:*:separate-public/*"]
    }]
  })
}

resource "alicloud_oss_bucket" "office" {
  bucket = "office-only"
  policy = jsonencode({
    Version = "1"
    Statement = [{
      Effect    = "Allow"
      Principal = ["*"]
      Action    = ["oss:GetObject"]
      Resource  = ["acs:oss:*:*:office-only/*"]
      Condition = { IpAddress = { "acs:SourceIp" = ["203.0.113.0/24"] } }
    }]
  })
}

resource "alicloud_oss_bucket" "account" {
  bucket = "one-account"
  policy = jsonencode({
    Version = "1"
    Statement = [{
      Effect    = "Allow"
      Principal = ["1234567890"]
      Action    = ["oss:GetObject"]
      Resource  = ["acs:oss:*:*:one-account/*"]
    }]
  })
}

resource "alicloud_oss_bucket" "private" {
  bucket = "private"
}

resource "alicloud_oss_bucket" "https" {
  bucket = "https-only"
}

resource "alicloud_oss_bucket_policy" "https" {
  bucket = alicloud_oss_bucket.https.bucket
  policy = jsonencode({
    Version = "1"
    Statement = [{
      Effect    = "Deny"
      Principal = ["*"]
      Action    = ["oss:*"]
      Resource  = ["acs:oss:*:*:https-only", "acs:oss:*:*:https-only/*"]
      Condition = { Bool = { "acs:SecureTransport" = ["false"] } }
    }]
  })
}
"""


def _verdicts(tmp_path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    (tmp_path / "main.tf").write_text(BUCKETS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-DATA-008")))
    assert "alicloud_oss_bucket_policy" not in result.not_judged
    return {(f.rule_id, str(f.address).split(".")[-1]): (f.status.value, f.message.en)
            for f in result.findings}


def test_a_bucket_policy_letting_anyone_in_makes_the_bucket_public(tmp_path: Path) -> None:
    found = _verdicts(tmp_path)
    for name in ("inline", "separate"):
        assert found[("GDCC-DATA-001", name)] == (
            "FAIL", "anyone on the internet can read this store"
        )
    assert found[("GDCC-DATA-001", "office")] == ("UNKNOWN", "public access is not known")
    for name in ("account", "private"):
        assert found[("GDCC-DATA-001", name)] == ("PASS", "Storage is not publicly readable")


def test_a_separate_policy_may_deny_plain_http(tmp_path: Path) -> None:
    found = _verdicts(tmp_path)
    # denies acs:SecureTransport false to everyone, every action, bucket and objects
    # (tests/terraform/test_oss_obs_secure_transport.py reads the other shapes)
    assert found[("GDCC-DATA-008", "https")][0] == "PASS"
    # no policy, or one never naming acs:SecureTransport: OSS serves HTTP and HTTPS alike
    for name in ("private", "separate", "account"):
        assert found[("GDCC-DATA-008", name)] == (
            "FAIL", "unencrypted connections are accepted"
        )
