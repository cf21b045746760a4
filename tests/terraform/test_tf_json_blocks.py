"""Terraform's JSON syntax lets any block level be an array of objects, each read as if
written alone (HCL's JSON specification, hashicorp/hcl json/spec.md, "Blocks": how
generators write several blocks of one type, ``"provider": [{"aws": {...}}, {"aws": {...}}]``).
Blocks written so were lost without a word: the file was listed as assessed with no resource,
and a security group open to the internet was never judged. And the ``terraform`` block of a
JSON file (its ``required_providers``) was not read: defaults that depend on the provider
version were taken from the newest provider."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.json_syntax import to_hcl
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

MAIN = """\
{
  "//": "generated",
  "provider": [
    {"aws": [{"region": "ap-southeast-1"}]},
    {"aws": {"alias": "th", "region": "ap-southeast-7"}}
  ],
  "resource": [
    {"aws_security_group": {"ssh": [{"name": "ssh", "ingress": [
      {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}
    ]}]}},
    {"aws_s3_bucket": {"b": {"//": "note", "provider": "aws.th", "bucket": "b"}}}
  ],
  "locals": [{"a": 1}, {"b": 2}]
}
"""


def test_blocks_written_as_arrays_are_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001", "GDCC-DATA-003")))
    [item] = result.inputs
    assert (item.status, item.resources) == (InputStatus.ASSESSED, 2)
    found = {
        (f.rule_id, f.address): (f.status.value, f.message.en, f.location.start_line)
        for f in result.findings
    }
    assert found[("GDCC-NET-001", "aws_security_group.ssh")] == (
        "FAIL",
        "port 22 is open to the whole internet (0.0.0.0/0)",
        8,
    )
    # the bucket uses the aliased provider of the second provider element (Thailand)
    assert found[("GDCC-DATA-003", "aws_s3_bucket.b")][::2] == ("PASS", 11)


def test_to_hcl_names_each_block_by_its_json_pointer() -> None:
    _, order = to_hcl({
        "resource": [{"aws_s3_bucket": {"a": [{"bucket": "a"}]}}],
        "provider": {"aws": [{"region": "x"}, {"alias": "y", "region": "y"}]},
        "locals": [{"a": 1}],
    })
    assert order == [
        ("resource", "0", "aws_s3_bucket", "a", "0"),
        ("provider", "aws", "0"),
        ("provider", "aws", "1"),
        ("locals", "0"),
    ]


PINNED = """\
{
  "terraform": {
    "required_version": ">= 1.5",
    "backend": {"s3": {"bucket": "state", "key": "k"}},
    "required_providers": {"aws": {"source": "hashicorp/aws", "version": "~> 5.0"}}
  },
  "provider": {"aws": {"region": "ap-southeast-7"}},
  "resource": {
    "aws_redshift_cluster": {"dw": {"cluster_identifier": "dw", "node_type": "dc2.large"}}
  }
}
"""


def test_the_terraform_block_of_a_json_file_pins_provider_versions(tmp_path: Path) -> None:
    """``required_providers`` in JSON was not read: a Redshift cluster pinned to AWS provider
    5 PASSed GDCC-ENC-001 and GDCC-NET-002 on provider 6's defaults (``encrypted`` and
    ``publicly_accessible`` changed in 6.0)."""
    (tmp_path / "main.tf.json").write_text(PINNED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001", "GDCC-NET-002")))
    found = {f.rule_id: (f.status.value, f.message.en) for f in result.findings}
    pinned = "(provider default (aws ~> 5.0 (main.tf.json:5), not locked): "
    assert found == {
        "GDCC-ENC-001": ("FAIL", f"encryption at rest is off {pinned}'encrypted' not set)"),
        "GDCC-NET-002": ("FAIL", f"the endpoint is public {pinned}'publicly_accessible' not set)"),
    }


DYNAMIC = """\
{
  "variable": {"rules": {"default": [{"port": 22, "cidr": "0.0.0.0/0"}]}},
  "resource": {"aws_security_group": {"dyn": {
    "name": "dyn",
    "dynamic": {"ingress": [{
      "for_each": "${var.rules}",
      "iterator": "rule",
      "content": {
        "from_port": "${rule.value.port}", "to_port": "${rule.value.port}",
        "protocol": "tcp", "cidr_blocks": ["${rule.value.cidr}"]
      }
    }]}
  }}}
}
"""


def test_a_json_dynamic_block_makes_its_blocks(tmp_path: Path) -> None:
    """``"dynamic"`` in JSON was read as an argument named dynamic: the ingress rules it
    makes were never made, and port 22 open to the internet PASSed GDCC-NET-001."""
    (tmp_path / "main.tf.json").write_text(DYNAMIC, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert (finding.address, finding.status.value) == ("aws_security_group.dyn", "FAIL")
    assert finding.message.en.startswith("port 22 is open to the whole internet (0.0.0.0/0)")
