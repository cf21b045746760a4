"""The same Terraform address in several root modules (``examples/a`` and ``examples/b`` each
declare ``aws_s3_bucket.this``), and same-named templates in several folders, stay distinct
findings: the resource id (hence the fingerprint) holds the root or file relative to the scan,
so one is never dropped as a duplicate, and a waiver or a baseline entry applies to its own
root only.

Scanning the parent folder always kept them apart (``examples/a:this``). Scanning the roots
themselves (``scan examples/a examples/b``, as a CI job over changed modules does) gave both
the id ``aws_s3_bucket.this``: the second root's bucket was dropped ("duplicate resource id",
the file partially assessed with 0 resources) and a waiver for one applied to whichever was
kept. Ids are now relative to the common parent of the scanned folders, as a scan of the
parent gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

BUCKET = 'resource "aws_s3_bucket" "this" {\n  bucket = "b"\n}\n'
TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
"""
RULE = "GDCC-DATA-005"  # versioning: both buckets FAIL


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for root in ("examples/a", "examples/b"):
        (tmp_path / root).mkdir(parents=True)
        (tmp_path / root / "main.tf").write_text(BUCKET, encoding="utf-8")
    for folder in ("stacks/one", "stacks/two"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _found(*paths: str) -> dict[str, tuple[str, str]]:
    """Resource id -> (address, file) of the rule's findings; every input assessed, no two
    findings with one fingerprint."""
    result = audit([Path(p) for p in paths], Settings(rule_ids=(RULE,)))
    assert [i.status.value for i in result.inputs] == ["assessed"] * len(result.inputs)
    assert len({f.fingerprint for f in result.findings}) == len(result.findings)
    found = {f.resource_id: (f.address or "", f.location.file) for f in result.findings}
    assert len(found) == len(result.findings)
    return found


def test_a_scan_of_the_parent_keeps_roots_apart(tree: Path) -> None:
    assert _found("examples") == {
        "-/-/aws_s3_bucket.a:this": ("aws_s3_bucket.this", "examples/a/main.tf"),
        "-/-/aws_s3_bucket.b:this": ("aws_s3_bucket.this", "examples/b/main.tf"),
    }


def test_roots_scanned_side_by_side_keep_their_own_ids(tree: Path) -> None:
    assert _found("examples/a", "examples/b") == {
        "-/-/aws_s3_bucket.a:this": ("aws_s3_bucket.this", "examples/a/main.tf"),
        "-/-/aws_s3_bucket.b:this": ("aws_s3_bucket.this", "examples/b/main.tf"),
    }


def test_same_named_templates_in_two_folders(tree: Path) -> None:
    assert _found("stacks/one/template.yaml", "stacks/two/template.yaml") == {
        "-/-/AWS::S3::Bucket.one/template.yaml:Bucket": ("Bucket", "stacks/one/template.yaml"),
        "-/-/AWS::S3::Bucket.two/template.yaml:Bucket": ("Bucket", "stacks/two/template.yaml"),
    }


def test_one_folder_keeps_the_ids_it_had(tree: Path) -> None:
    """A single scanned folder is still the base: ids do not change for it."""
    assert _found("examples/a") == {
        "-/-/aws_s3_bucket.this": ("aws_s3_bucket.this", "examples/a/main.tf"),
    }


def test_a_waiver_applies_to_its_own_root_only(tree: Path) -> None:
    waivers = tree / "waivers.yaml"
    waivers.write_text(
        f"""\
apiVersion: gdcc-audit/v1
kind: Waivers
waivers:
  - rule: {RULE}
    resource: "-/-/aws_s3_bucket.a:this"
    reason: versioning is off on purpose for the example
    approver: Security officer
    expires: 2099-12-31
""",
        encoding="utf-8",
    )
    result = audit(
        [Path("examples/a"), Path("examples/b")],
        Settings(rule_ids=(RULE,), waiver_files=(str(waivers),)),
    )
    waived = {f.location.file: f.is_waived for f in result.findings}
    assert waived == {"examples/a/main.tf": True, "examples/b/main.tf": False}


def test_a_baseline_knows_only_the_root_it_saw(tree: Path) -> None:
    saved = tree / "baseline.json"
    saved.write_text(result_to_json(audit([Path("examples")], Settings(rule_ids=(RULE,)))))
    (tree / "examples/c").mkdir()
    (tree / "examples/c/main.tf").write_text(BUCKET, encoding="utf-8")
    again = audit([Path("examples")], Settings(rule_ids=(RULE,), baseline=str(saved)))
    known = {f.location.file: f.baseline for f in again.findings if f.status is Status.FAIL}
    assert known == {
        "examples/a/main.tf": True,
        "examples/b/main.tf": True,
        "examples/c/main.tf": False,
    }


def test_a_module_outside_the_scanned_folder_keeps_its_callers_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``scan envs`` where ``envs/dev`` and ``envs/prod`` both call ``../../modules/store``:
    the module's file is outside the scanned folder, so its ids took no root folder and the
    second root's bucket was dropped ("duplicate resource id", the scan failing). Each
    instance now carries its root's folder, as a module inside the folder does."""
    (tmp_path / "modules/store").mkdir(parents=True)
    (tmp_path / "modules/store/main.tf").write_text(BUCKET, encoding="utf-8")
    for root in ("envs/dev", "envs/prod"):
        (tmp_path / root).mkdir(parents=True)
        (tmp_path / root / "main.tf").write_text(
            'module "store" {\n  source = "../../modules/store"\n}\n', encoding="utf-8"
        )
    monkeypatch.chdir(tmp_path)
    module = "modules/store/main.tf"
    assert _found("envs") == {
        "-/-/aws_s3_bucket.dev:module.store.this": ("module.store.aws_s3_bucket.this", module),
        "-/-/aws_s3_bucket.prod:module.store.this": ("module.store.aws_s3_bucket.this", module),
    }
