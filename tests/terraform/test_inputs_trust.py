"""Inputs users write every day: policy documents built by data sources, credentials in
provider blocks and write-only arguments."""

from __future__ import annotations

import json
import time
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.policy_document import render
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
provider "aws" {
  region     = "ap-southeast-7"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

provider "aws" {
  alias  = "clean"
  region = "ap-southeast-1"
}

resource "aws_db_instance" "db" {
  identifier          = "db"
  password_wo         = "SuperSecret123!"
  storage_encrypted   = true
}

resource "aws_s3_bucket" "site" {
  bucket = "site"
}

data "aws_iam_policy_document" "public_read" {
  statement {
    sid       = "Public"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::site/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = data.aws_iam_policy_document.public_read.json
}

resource "aws_s3_bucket" "internal" {
  bucket = "internal"
}

data "aws_iam_policy_document" "account_only" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::internal/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_s3_bucket_policy" "internal" {
  bucket = aws_s3_bucket.internal.id
  policy = data.aws_iam_policy_document.account_only.json
}
"""


def test_policy_documents_providers_and_write_only(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-SECRET-001")))
    verdicts = {(f.rule_id, f.address): (f.status, f.evidence) for f in result.findings}
    assert verdicts[("GDCC-DATA-001", "aws_s3_bucket.site")][0] == Status.FAIL
    assert verdicts[("GDCC-DATA-001", "aws_s3_bucket.internal")][0] == Status.PASS
    assert verdicts[("GDCC-SECRET-001", "provider.aws")] == (
        Status.FAIL, {"paths": ["access_key", "secret_key"]}
    )
    assert ("GDCC-SECRET-001", "provider.aws.clean") not in verdicts  # nothing written in it
    assert verdicts[("GDCC-SECRET-001", "aws_db_instance.db")] == (
        Status.FAIL, {"paths": ["password_wo"]}
    )
    provider = next(f for f in result.findings if f.address == "provider.aws")
    assert provider.location is not None
    assert (provider.location.start_line, provider.location.end_line) == (1, 5)


def test_render_follows_the_data_source_documentation() -> None:
    text = render(
        {
            "statement": [
                {
                    "sid": "A",
                    "actions": ["s3:*"],
                    "resources": ["*"],
                    "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::1:root"]}],
                    "condition": [
                        {"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}
                    ],
                    "effect": "Deny",
                }
            ],
            "override_policy_documents": [
                json.dumps({"Statement": [{"Sid": "B", "Effect": "Allow", "Principal": "*"}]})
            ],
        }
    )
    assert json.loads(text) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "A",
                "Effect": "Deny",
                "Action": ["s3:*"],
                "Resource": ["*"],
                "Principal": {"AWS": ["arn:aws:iam::1:root"]},
                "Condition": {"Bool": {"aws:SecureTransport": ["false"]}},
            },
            {"Sid": "B", "Effect": "Allow", "Principal": "*"},
        ],
    }
    assert render({"statement": [{"actions": UNKNOWN}]}) is UNKNOWN


TF_JSON = """\
{
  "variable": {"acl": {"type": "string", "default": "public-read"}},
  "resource": {
    "aws_s3_bucket": {
      "site": {
        "bucket": "site",
        "acl": "${var.acl}"
      }
    },
    "aws_security_group": {
      "ssh": {
        "ingress": [
          {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}
        ]
      }
    }
  }
}
"""


def test_tf_json_is_read_with_interpolation_and_lines(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text(TF_JSON, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-NET-001")))
    assert [(i.path.endswith("main.tf.json"), i.status.value) for i in result.inputs] == [
        (True, "assessed")
    ]
    found = {
        f.address: (f.status, f.location.start_line if f.location else None)
        for f in result.findings
    }
    assert found == {
        "aws_s3_bucket.site": (Status.FAIL, 5),  # public-read through the variable's default
        "aws_security_group.ssh": (Status.FAIL, 11),
    }


CDKTF_JSON = """\
{
  "//": {"metadata": {"backend": "local", "stackName": "AppStack", "version": "0.15.5"}},
  "resource": {
    "aws_security_group": {
      "ssh": {
        "//": {"metadata": {"path": "AppStack/ssh", "uniqueId": "ssh"}},
        "name": "ssh",
        "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp",
                     "cidr_blocks": ["0.0.0.0/0"], "description": null,
                     "ipv6_cidr_blocks": null, "prefix_list_ids": null,
                     "security_groups": null, "self": null}]
      }
    }
  }
}
"""


def test_tf_json_comment_properties_are_ignored(tmp_path: Path) -> None:
    """A ``"//"`` property is a comment wherever a block's body or labels are written, whatever
    its value: CDK for Terraform writes ``"//": {"metadata": ...}`` in every resource. The
    whole resource was skipped as a syntax error (partially assessed, exit 2) and its
    security group open to SSH was not judged."""
    (tmp_path / "cdk.tf.json").write_text(CDKTF_JSON, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert [(i.status.value, i.error) for i in result.inputs] == [("assessed", None)]
    [finding] = result.findings
    assert (finding.address, finding.status) == ("aws_security_group.ssh", Status.FAIL)
    assert finding.location is not None
    assert finding.location.start_line == 5


QUOTED_JSON = r"""{
  "variable": {"open": {"default": "0.0.0.0"}},
  "resource": {
    "aws_security_group": {
      "ssh": {
        "name": "${join(\"-\", [\"ssh\", \"group\"])}",
        "description": "say \"hi\"",
        "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp",
                     "cidr_blocks": ["${format(\"%s/0\", var.open)}"]}]
      }
    }
  }
}
"""


def test_tf_json_expressions_keep_their_own_strings(tmp_path: Path) -> None:
    """``"${join(\"-\", [\"a\"])}"`` is the JSON way to write an expression with strings in
    it (tflint's jsonsyntax fixture): its quotes were escaped as literal text, which ended the
    string early, and the whole block was skipped as a syntax error (partially assessed)."""
    (tmp_path / "main.tf.json").write_text(QUOTED_JSON, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert [(i.status.value, i.error) for i in result.inputs] == [("assessed", None)]
    [finding] = result.findings
    assert (finding.address, finding.status) == ("aws_security_group.ssh", Status.FAIL)
    assert finding.evidence["sources"] == ["0.0.0.0/0"]
    [group] = result.resources
    assert group.name == "ssh-group"


def test_tf_json_unclosed_sequences_are_text_and_read_once() -> None:
    """A string of 200,000 unclosed ``${`` scanned to its end once per start (quadratic):
    the first that does not close makes the rest text (HCL refuses it)."""
    from gdcc_audit.load.terraform.json_syntax import _template

    started = time.process_time()
    assert _template("${" * 200_000) == '"' + "${" * 200_000 + '"'
    assert time.process_time() - started < 5
    assert _template('x ${a} ${b "c"') == '"x ${a} ${b \\"c\\""'
