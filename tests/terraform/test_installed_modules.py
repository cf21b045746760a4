"""Registry modules that ``terraform init`` downloaded are read from ``.terraform/modules``
through ``modules.json``; without it they stay unexpanded."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
module "storage" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.1.0"
  acl     = "public-read"
}
"""

MODULE = """\
variable "acl" {
  default = "private"
}
resource "aws_s3_bucket" "this" {
  bucket = "downloaded"
  acl    = var.acl
}
"""


def test_registry_module_read_from_modules_json(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    settings = Settings(rule_ids=("GDCC-DATA-001",))
    assert audit([tmp_path], settings).findings == ()  # not downloaded: nothing to judge
    installed = tmp_path / ".terraform" / "modules" / "storage"
    installed.mkdir(parents=True)
    (installed / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / ".terraform" / "modules" / "modules.json").write_text(
        json.dumps({"Modules": [
            {"Key": "", "Source": "", "Dir": "."},
            {"Key": "storage", "Source": "registry.terraform.io/terraform-aws-modules/"
             "s3-bucket/aws", "Version": "4.1.0", "Dir": ".terraform/modules/storage"},
        ]}),
        encoding="utf-8",
    )
    result = audit([tmp_path], settings)
    assert [(f.address, f.status) for f in result.findings] == [
        ("module.storage.aws_s3_bucket.this", Status.FAIL)
    ]
