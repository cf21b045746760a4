"""Several Terraform roots that share module files (a module repository's examples/): each
root's references resolve within that root, and each root's missing parts are its own."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

NETWORK = """\
variable "cidr" {
  type    = string
  default = "10.0.0.0/16"
}
resource "aws_vpc" "this" {
  cidr_block = var.cidr
}
output "vpc_id" {
  value = aws_vpc.this.id
}
"""

FLOW_LOG = """\
variable "vpc_id" {
  type = string
}
resource "aws_flow_log" "this" {
  vpc_id               = var.vpc_id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::central-flow-logs"
}
"""

WITH_LOG = """\
module "net" {
  source = "../../modules/net"
}
module "log" {
  source = "../../modules/flow-log"
  vpc_id = module.net.vpc_id
}
"""

WITH_REMOTE = """\
module "net" {
  source = "../../modules/net"
}
module "extra" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
}
"""

BARE = """\
module "net" {
  source = "../../modules/net"
}
"""


def _repository(tmp_path: Path) -> Path:
    files = {
        "modules/net/main.tf": NETWORK,
        "modules/flow-log/main.tf": FLOW_LOG,
        "examples/a-logged/main.tf": WITH_LOG,
        "examples/b-remote/main.tf": WITH_REMOTE,
        "examples/c-bare/main.tf": BARE,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_flow_logs_judged_per_root(tmp_path: Path) -> None:
    result = audit([_repository(tmp_path)], Settings(now="2026-11-23"))
    verdicts = {
        f.resource_id.split(".", 1)[1].split(":", 1)[0]: (f.status, f.message.en)
        for f in result.findings
        if f.rule_id == "GDCC-LOG-005"
    }
    assert set(verdicts) == {"examples/a-logged", "examples/b-remote", "examples/c-bare"}
    # The flow log of root a records root a's network only.
    assert verdicts["examples/a-logged"][0] is Status.PASS
    # Root b could not be read whole (a registry module not downloaded): not known.
    status, message = verdicts["examples/b-remote"]
    assert status is Status.UNKNOWN
    assert "module.extra (terraform-aws-modules/s3-bucket/aws)" in message
    # Root c was scanned whole: a missing flow log is missing, whatever root b lacks.
    status, message = verdicts["examples/c-bare"]
    assert status is Status.FAIL
    assert message == "no flow log records this network; the whole configuration was scanned"
