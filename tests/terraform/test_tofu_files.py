"""OpenTofu's own file names (https://opentofu.org/docs/language/files/): a ``.tofu.json`` file
is read as Terraform's JSON syntax (it was listed as not recognised: a security group it
opened to the internet was never judged), and a ``.tofu`` / ``.tofu.json`` file beside its
Terraform twin (``main.tofu`` beside ``main.tf``) is listed with the reason it is not read
(it was dropped from the inputs without a word: the folder is read as Terraform reads it)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.names import module_files, terraform_twin, twin_name
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

TOFU_JSON = """\
{
  "resource": {
    "aws_security_group": {
      "ssh": {
        "name": "ssh",
        "ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp",
                     "cidr_blocks": ["0.0.0.0/0"]}]
      }
    }
  }
}
"""

QUEUE = """\
resource "aws_sqs_queue" "q" {
  name                    = "q"
  sqs_managed_sse_enabled = %s
}
"""


def test_a_tofu_json_file_is_read_as_configuration(tmp_path: Path) -> None:
    (tmp_path / "main.tofu.json").write_text(TOFU_JSON)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [item] = result.inputs
    assert (item.status, item.resources, item.format) == (InputStatus.ASSESSED, 1, "terraform")
    [finding] = [f for f in result.findings if f.rule_id == "GDCC-NET-001"]
    assert (finding.address, finding.status.value, finding.location.start_line) == (
        "aws_security_group.ssh",
        "FAIL",
        4,
    )
    assert finding.message.en == "port 22 is open to the whole internet (0.0.0.0/0)"


def test_an_opentofu_twin_is_listed_with_the_reason_it_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(QUEUE % "false")
    (tmp_path / "main.tofu").write_text(QUEUE % "true")
    (tmp_path / "extra.tofu.json").write_text(TOFU_JSON)
    (tmp_path / "extra.tf.json").write_text('{"locals": {"a": 1}}')
    (tmp_path / "alone.tofu").write_text('resource "aws_sns_topic" "t" {\n  name = "t"\n}\n')
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-001", "GDCC-NET-001")))
    inputs = {Path(i.path).name: i for i in result.inputs}
    assert {n: (i.status.value, i.resources) for n, i in inputs.items()} == {
        "main.tf": ("assessed", 1),
        "main.tofu": ("not_recognised", 0),
        "extra.tf.json": ("assessed", 0),
        "extra.tofu.json": ("not_recognised", 0),
        "alone.tofu": ("assessed", 1),
    }
    assert inputs["main.tofu"].error == (
        "OpenTofu reads this file in place of main.tf, which Terraform reads (Terraform reads "
        "no .tofu file): the folder is assessed as Terraform reads it, with main.tf; to "
        "assess what OpenTofu deploys, scan a copy of the folder without main.tf"
    )
    assert "in place of extra.tf.json" in (inputs["extra.tofu.json"].error or "")
    verdicts = {(f.address, f.rule_id): f.status.value for f in result.findings}
    assert verdicts[("aws_sqs_queue.q", "GDCC-MSG-001")] == "FAIL"  # main.tf's queue
    assert ("aws_security_group.ssh", "GDCC-NET-001") not in verdicts
    assert ("aws_sns_topic.t", "GDCC-MSG-001") in verdicts


def test_twin_names() -> None:
    assert twin_name("main.tofu") == "main.tf"
    assert twin_name("a.tofu.json") == "a.tf.json"
    assert twin_name("main.tf") is None
    assert terraform_twin("main.tofu", {"main.tf"}) == "main.tf"
    assert terraform_twin("main.tofu", {"main.tf.json"}) is None
    names = ["a.tf", "a.tofu", "b.tofu.json", "c.tf.json", "c.tofu.json", "d.tfvars", "x.yaml"]
    assert module_files(names) == ["a.tf", "b.tofu.json", "c.tf.json"]
