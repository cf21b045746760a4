"""Two Terraform root modules in one scan that use the same addresses keep distinct ids."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "agency-logs"\n}\n'


def test_same_address_in_two_roots(tmp_path: Path) -> None:
    for name in ("dev", "prod"):
        (tmp_path / "envs" / name).mkdir(parents=True)
        (tmp_path / "envs" / name / "main.tf").write_text(BUCKET)
    result = audit([tmp_path], Settings())
    assert [i.status for i in result.inputs] == [InputStatus.ASSESSED, InputStatus.ASSESSED]
    assert sorted(r.id for r in result.resources) == [
        "-/-/aws_s3_bucket.envs/dev:logs",
        "-/-/aws_s3_bucket.envs/prod:logs",
    ]


def test_ids_do_not_depend_on_how_the_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(BUCKET)
    by_folder = audit([tmp_path], Settings())
    by_file = audit([tmp_path / "main.tf"], Settings())
    assert [r.id for r in by_folder.resources] == ["-/-/aws_s3_bucket.logs"]
    assert [r.id for r in by_file.resources] == ["-/-/aws_s3_bucket.logs"]
