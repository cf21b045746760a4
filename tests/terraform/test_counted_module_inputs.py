"""A module input set by a module call with ``count`` / ``for_each`` (issue 12).

``bucket_id = coalesce(var.existing, aws_s3_bucket.b[count.index].id)`` in a counted call
chooses per instance: the designation followed a module input only through a call without
``count`` / ``for_each``, so the reference read through the input was taken as certain and
``b[i]`` PASSed versioning though the input, when set, names another bucket. Each instance's
argument is now read with that instance's ``count.index`` / ``each``.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BEYOND = "a value not in the configuration (an input or a literal)"

MODULE = """\
variable "bucket_id" {
}

resource "aws_s3_bucket_versioning" "v" {
  bucket = var.bucket_id
  versioning_configuration {
    status = "Enabled"
  }
}
"""

BUCKETS = """\
resource "aws_s3_bucket" "b" {
  count  = 2
  bucket = "bucket-${count.index}"
}
"""


def _found(folder: Path, root: str) -> dict[str, tuple[Status, str]]:
    (folder / "mod").mkdir(parents=True, exist_ok=True)
    (folder / "mod" / "main.tf").write_text(MODULE, encoding="utf-8")
    (folder / "main.tf").write_text(root, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=("GDCC-DATA-005",)))
    return {(f.address or ""): (f.status, f.message.en) for f in result.findings}


def _unknown(source: str, bucket: str) -> tuple[Status, str]:
    why = (
        f"{source} configures one of several resources, chosen by a value not known before "
        f"apply (bucket: {bucket} or {BEYOND}): it may or may not apply to this one"
    )
    return Status.UNKNOWN, f"whether object versioning is on is not known from the input: {why}"


def test_a_counted_call_choosing_an_input_certifies_nothing(tmp_path: Path) -> None:
    root = 'variable "existing" {\n}\n' + BUCKETS + (
        'module "m" {\n  count     = 2\n  source    = "./mod"\n'
        "  bucket_id = coalesce(var.existing, aws_s3_bucket.b[count.index].id)\n}\n"
    )
    # was PASS on both: the input, when set, names a bucket outside the configuration
    assert _found(tmp_path, root) == {
        "aws_s3_bucket.b[0]": _unknown("module.m[0].aws_s3_bucket_versioning.v",
                                       "aws_s3_bucket.b[0]"),
        "aws_s3_bucket.b[1]": _unknown("module.m[1].aws_s3_bucket_versioning.v",
                                       "aws_s3_bucket.b[1]"),
    }


def test_a_counted_call_with_a_null_input_designates_its_own_instance(tmp_path: Path) -> None:
    root = 'variable "existing" {\n  default = null\n}\n' + BUCKETS + (
        'module "m" {\n  count     = 2\n  source    = "./mod"\n'
        "  bucket_id = coalesce(var.existing, aws_s3_bucket.b[count.index].id)\n}\n"
    )
    found = _found(tmp_path, root)
    assert {a: s for a, (s, _m) in found.items()} == {
        "aws_s3_bucket.b[0]": Status.PASS, "aws_s3_bucket.b[1]": Status.PASS,
    }


def test_a_for_each_call_reads_each_instance_argument(tmp_path: Path) -> None:
    root = BUCKETS.replace("count  = 2", 'for_each = toset(["x", "y"])').replace(
        "${count.index}", "${each.key}"
    ) + (
        'module "m" {\n  for_each  = { x = "logs-x", y = null }\n  source    = "./mod"\n'
        "  bucket_id = coalesce(each.value, aws_s3_bucket.b[each.key].id)\n}\n"
    )
    found = _found(tmp_path, root)
    # x: the instance names its own bucket "logs-x", not b["x"] (was PASS); y: b["y"]
    assert found['aws_s3_bucket.b["x"]'][0] is Status.FAIL
    assert found['aws_s3_bucket.b["y"]'][0] is Status.PASS
