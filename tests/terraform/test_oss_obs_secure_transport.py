"""GDCC-DATA-008 on Alibaba Cloud OSS and Huawei Cloud OBS bucket policies that name the
SecureTransport key (``acs:SecureTransport``; OBS ``SecureTransport`` / ``g:SecureTransport``).
They were not read: any such policy left the bucket UNKNOWN ("not known"), though the policy
said plainly whether it refuses plain HTTP. Now (``policy.refuses_plain_http``, as S3's
``denies_insecure_transport``): a Deny on SecureTransport false for every caller, every action
and every object of the bucket PASSes; a Deny on some actions, some callers or a prefix of the
objects only, or an Allow limited to HTTPS (the owner and RAM / IAM users keep HTTP), FAILs; a
Deny whose caller, condition value or objects are not known, or that adds other condition
keys, is not known. A separate policy resource is written after the bucket, over its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

#: name -> (Principal, Action, Resource, Condition) of one Deny statement (HCL)
OSS_DENIES = {
    "full": ('["*"]', '["oss:*"]',
             '["acs:oss:*:*:full", "acs:oss:*:*:full/*"]',
             '{ Bool = { "acs:SecureTransport" = ["false"] } }'),
    "objects": ('"*"', '"oss:*"', '"acs:oss:*:1234567890:objects/*"',
                '{ Bool = { "acs:SecureTransport" = "false" } }'),
    "wildcard": ('["*"]', '["*"]', '["acs:oss:*:*:wildcard*"]',
                 '{ BoolIfExists = { "acs:SecureTransport" = ["false"] } }'),
    "putonly": ('["*"]', '["oss:PutObject"]', '["acs:oss:*:*:putonly/*"]',
                '{ Bool = { "acs:SecureTransport" = ["false"] } }'),
    "oneuser": ('["1234567890"]', '["oss:*"]', '["acs:oss:*:*:oneuser/*"]',
                '{ Bool = { "acs:SecureTransport" = ["false"] } }'),
    "prefix": ('["*"]', '["oss:*"]', '["acs:oss:*:*:prefix", "acs:oss:*:*:prefix/logs/*"]',
               '{ Bool = { "acs:SecureTransport" = ["false"] } }'),
    "bucketonly": ('["*"]', '["oss:*"]', '["acs:oss:*:*:bucketonly"]',
                   '{ Bool = { "acs:SecureTransport" = ["false"] } }'),
    "https": ('["*"]', '["oss:*"]', '["acs:oss:*:*:https/*"]',
              '{ Bool = { "acs:SecureTransport" = ["true"] } }'),
    "who": ('var.who', '["oss:*"]', '["acs:oss:*:*:who/*"]',
            '{ Bool = { "acs:SecureTransport" = ["false"] } }'),
    "office": ('["*"]', '["oss:*"]', '["acs:oss:*:*:office/*"]',
               '{ Bool = { "acs:SecureTransport" = ["false"] },'
               ' NotIpAddress = { "acs:SourceIp" = ["203.0.113.0/24"] } }'),
    "named": ('["*"]', '["oss:*"]', '["acs:oss:*:*:${var.name}/*"]',
              '{ Bool = { "acs:SecureTransport" = ["false"] } }'),
}

OSS_VERDICTS = {
    "full": "PASS", "objects": "PASS", "wildcard": "PASS", "named": "PASS",
    "putonly": "FAIL", "oneuser": "FAIL", "prefix": "FAIL", "bucketonly": "FAIL",
    "https": "FAIL", "who": "UNKNOWN", "office": "UNKNOWN",
}


def _oss(name: str, separate: bool) -> str:
    principal, action, resource, condition = OSS_DENIES[name]
    policy = f"""jsonencode({{
    Version = "1"
    Statement = [{{
      Effect    = "Deny"
      Principal = {principal}
      Action    = {action}
      Resource  = {resource}
      Condition = {condition}
    }}]
  }})"""
    if not separate:
        return f'resource "alicloud_oss_bucket" "{name}" {{\n  bucket = "{name}"\n' \
               f"  policy = {policy}\n}}\n"
    return (f'resource "alicloud_oss_bucket" "{name}" {{\n  bucket = "{name}"\n}}\n'
            f'resource "alicloud_oss_bucket_policy" "{name}" {{\n'
            f"  bucket = alicloud_oss_bucket.{name}.bucket\n  policy = {policy}\n}}\n")


VARIABLES = """
variable "who" {}
variable "name" {}
"""


def _data_008(tmp_path: Path, text: str) -> dict[str, tuple[str, str]]:
    (tmp_path / "main.tf").write_text(VARIABLES + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-008",)))
    return {str(f.address).split(".")[-1]: (f.status.value, f.message.en)
            for f in result.findings}


@pytest.mark.parametrize("separate", [False, True], ids=["inline", "separate"])
def test_oss_deny_on_secure_transport_is_read(tmp_path: Path, separate: bool) -> None:
    found = _data_008(tmp_path, "".join(_oss(name, separate) for name in OSS_DENIES))
    assert {name: status for name, (status, _) in found.items()} == OSS_VERDICTS
    assert found["putonly"][1] == "unencrypted connections are accepted"


def test_a_separate_policy_is_written_over_the_bucket_s_own(tmp_path: Path) -> None:
    # the bucket's own policy refuses HTTP; the separate one (written after it) does not
    principal, action, resource, condition = OSS_DENIES["full"]
    found = _data_008(tmp_path, f"""
resource "alicloud_oss_bucket" "full" {{
  bucket = "full"
  policy = jsonencode({{
    Version = "1"
    Statement = [{{ Effect = "Deny", Principal = {principal}, Action = {action},
                   Resource = {resource}, Condition = {condition} }}]
  }})
}}

resource "alicloud_oss_bucket_policy" "full" {{
  bucket = alicloud_oss_bucket.full.bucket
  policy = jsonencode({{
    Version = "1"
    Statement = [{{ Effect = "Allow", Principal = ["1234567890"], Action = ["oss:GetObject"],
                   Resource = ["acs:oss:*:*:full/*"] }}]
  }})
}}
""")
    assert found["full"] == ("FAIL", "unencrypted connections are accepted")


OBS = """
resource "huaweicloud_obs_bucket" "split" {
  bucket = "split"
  policy = jsonencode({
    Statement = [
      { Sid = "bucket", Effect = "Deny", Principal = { ID = ["*"] }, Action = ["*"],
        Resource = ["split"], Condition = { Bool = { "g:SecureTransport" = ["false"] } } },
      { Sid = "objects", Effect = "Deny", Principal = { ID = ["*"] }, Action = ["*"],
        Resource = ["split/*"], Condition = { Bool = { "g:SecureTransport" = ["false"] } } },
    ]
  })
}

resource "huaweicloud_obs_bucket" "allowtls" {
  bucket = "allowtls"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { ID = ["domain/0123456789abcdef:user/*"] }
      Action    = ["GetObject"]
      Resource  = ["allowtls/*"]
      Condition = { Bool = { SecureTransport = ["true"] } }
    }]
  })
}

resource "huaweicloud_obs_bucket" "other" {
  bucket = "other"
}

resource "huaweicloud_obs_bucket_policy" "other" {
  bucket = huaweicloud_obs_bucket.other.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = { ID = ["*"] }
      Action    = ["*"]
      Resource  = ["another-bucket/*"]
      Condition = { Bool = { SecureTransport = ["false"] } }
    }]
  })
}

resource "huaweicloud_obs_bucket" "flag" {
  bucket = "flag"
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = { ID = ["*"] }
      Action    = ["*"]
      Resource  = ["flag/*"]
      Condition = { Bool = { SecureTransport = [var.flag] } }
    }]
  })
}

variable "flag" {}
"""


def test_obs_deny_on_secure_transport_is_read(tmp_path: Path) -> None:
    found = _data_008(tmp_path, OBS)
    assert found["split"][0] == "PASS"
    # an Allow limited to HTTPS leaves the owner and IAM users on HTTP; a Deny naming
    # another bucket's objects refuses nothing here
    for name in ("allowtls", "other"):
        assert found[name] == ("FAIL", "unencrypted connections are accepted")
    assert found["flag"][0] == "UNKNOWN"
