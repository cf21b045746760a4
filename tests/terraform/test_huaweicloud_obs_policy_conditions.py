"""Huawei Cloud OBS bucket policies whose public statement has a ``Condition`` (OBS's own
keys: ``SourceIp``, ``Referer``), which the policy reader does not know: the bucket FAILed
GDCC-DATA-001 "anyone on the internet can read this store" though the statement may let in
one office's addresses only (a wrong FAIL). Now not known; a public statement without a
condition still FAILs (``policy.grants_public_plainly``, as for Alibaba Cloud OSS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

BUCKETS = """
resource "huaweicloud_obs_bucket" "office" {
  bucket = "office-only"
}

resource "huaweicloud_obs_bucket_policy" "office" {
  bucket = huaweicloud_obs_bucket.office.id
  policy = jsonencode({
    Statement = [{
      Sid       = "office"
      Effect    = "Allow"
      Principal = { ID = ["*"] }
      Action    = ["GetObject"]
      Resource  = ["office-only/*"]
      Condition = { IpAddress = { SourceIp = ["203.0.113.0/24"] } }
    }]
  })
}

resource "huaweicloud_obs_bucket" "open" {
  bucket = "open"
  policy = jsonencode({
    Statement = [{
      Sid       = "open"
      Effect    = "Allow"
      Principal = { ID = ["*"] }
      Action    = ["GetObject"]
      Resource  = ["open/*"]
    }]
  })
}
"""


def test_a_public_statement_with_a_condition_is_not_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(BUCKETS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found["huaweicloud_obs_bucket.office"] == ("UNKNOWN", "public access is not known")
    assert found["huaweicloud_obs_bucket.open"] == (
        "FAIL", "anyone on the internet can read this store"
    )


def test_a_bucket_without_a_policy_takes_http(tmp_path: Path) -> None:
    # OBS takes HTTP requests unless a bucket policy's SecureTransport condition refuses them
    # (Huawei Cloud Config, obs-bucket-ssl-requests-only); a policy naming it is not read
    # further (not known), one that never names it refuses no HTTP
    (tmp_path / "main.tf").write_text(BUCKETS + """
resource "huaweicloud_obs_bucket" "plain" {
  bucket = "plain"
}

resource "huaweicloud_obs_bucket" "https" {
  bucket = "https-only"
}

resource "huaweicloud_obs_bucket_policy" "https" {
  bucket = huaweicloud_obs_bucket.https.id
  policy = jsonencode({
    Statement = [{
      Sid       = "https"
      Effect    = "Deny"
      Principal = { ID = ["*"] }
      Action    = ["*"]
      Resource  = ["https-only/*"]
      Condition = { Bool = { SecureTransport = ["false"] } }
    }]
  })
}
""", encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-008",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    for name in ("plain", "office", "open"):
        assert found[f"huaweicloud_obs_bucket.{name}"] == (
            "FAIL", "unencrypted connections are accepted"
        )
    # a Deny on SecureTransport false for everyone, every action, every object
    # (tests/terraform/test_oss_obs_secure_transport.py reads the other shapes)
    assert found["huaweicloud_obs_bucket.https"][0] == "PASS"
