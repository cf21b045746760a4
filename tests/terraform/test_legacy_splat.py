"""The attribute-only splat ``.*`` applies attribute reads alone to each element: an index
written after it applies to the list it gives (Terraform's "Legacy (Attribute-only) Splat
Expressions": ``var.list.*.interfaces[0].name`` is ``[for o in var.list : o.interfaces][0]
.name``). The grammar put the index inside the splat, so ``aws_subnet.a.*.id[count.index]``
indexed each id (UNKNOWN) and a companion written so named every instance (UNKNOWN on
each). A full splat ``[*]`` does apply its indexes to each element."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown
from gdcc_audit.load.terraform.parse import parse_hcl
from gdcc_audit.load.terraform.types import ConstantScope
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ITEMS = [{"name": "a", "tags": ["t1", "t2"]}, {"name": "b", "tags": ["t3"]}]


def value(source: str) -> Any:
    parsed = parse_hcl("t.tf", f"x = {source}\n".encode())
    ctx = Context(ConstantScope(), {"l": ITEMS})
    return evaluate_or_unknown(parsed.body.attributes["x"].expr, ctx)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("l.*.name[1]", "b"),  # was UNKNOWN: "b"[1] is no index of a string
        ("l.*.tags[0]", ["t1", "t2"]),
        ("l.*.tags[0][1]", "t2"),
        ("l.*.tags.0", ["t1", "t3"]),  # a legacy ``.0`` stays inside the splat
        ("l[*].tags[0]", ["t1", "t3"]),  # a full splat takes its indexes
        ("l[*].name[1]", UNKNOWN),  # a string has no index: Terraform refuses it
        ("l.*.name", ["a", "b"]),
    ],
)
def test_an_index_after_an_attribute_only_splat_reads_the_list(
    source: str, expected: Any
) -> None:
    assert value(source) == expected


def test_a_companion_written_with_a_legacy_splat_configures_its_own_instance(
    tmp_path: Path,
) -> None:
    (tmp_path / "main.tf").write_text(
        """\
resource "aws_s3_bucket" "b" {
  count  = 2
  bucket = "bucket-${count.index}"
}

resource "aws_s3_bucket_versioning" "v" {
  count  = 1
  bucket = aws_s3_bucket.b.*.id[count.index]
  versioning_configuration {
    status = "Enabled"
  }
}
""",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",)))
    found = {(f.address or ""): (f.status, f.message.en) for f in result.findings}
    # was UNKNOWN on both: every instance a candidate
    assert found["aws_s3_bucket.b[0]"][0] is Status.PASS
    assert found["aws_s3_bucket.b[1]"] == (Status.FAIL, "object versioning is off")
