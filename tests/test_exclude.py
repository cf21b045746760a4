"""``scan --exclude``: files and folders left out by pattern are listed, never read."""

from __future__ import annotations

import datetime as dt
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.load.discover import excluded_below, excluded_by, walk
from gdcc_audit.models import InputFile, InputStatus
from gdcc_audit.report.i18n import translator
from gdcc_audit.report.view import _status_label
from gdcc_audit.settings import Settings

AUDIT_TIME = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)

BUCKET = 'resource "aws_s3_bucket" "logs" {\n  bucket = "agency-logs"\n}\n'
#: A test fixture of broken YAML: not configuration, but it looks like it, so not assessed
#: when read. (A cloud-init file written as a Terraform template, ``%{ for u in users ~}``,
#: is set aside as a Terraform template since stop 32: tests/test_odd_inputs.py.)
TEMPLATE = "#cloud-config\nusers:\n  - name: admin\n   shell: [/bin/bash\n"


@pytest.mark.parametrize(
    ("relative", "patterns", "expected"),
    [
        ("cloud-config.yaml", ("cloud-config.yaml",), "cloud-config.yaml"),
        ("modules/vm/cloud-config.yaml", ("cloud-config.yaml",), "cloud-config.yaml"),
        ("modules/vm/templates/a.yaml", ("templates",), "templates"),
        ("modules/vm/templates/a.yaml", ("*.tpl",), None),
        ("modules/vm/a.tpl.yaml", ("*.tpl.yaml",), "*.tpl.yaml"),
        ("modules/vm/examples", ("modules/*/examples",), "modules/*/examples"),
        ("modules/vm/examples/main.tf", ("modules/*/examples/",), "modules/*/examples/"),
        ("examples/main.tf", ("modules/*/examples",), None),
        ("main.tf", ("./main.tf",), "./main.tf"),
        ("main.tf", ("", " "), None),
        ("Main.tf", ("main.tf",), None),  # case matters, as on the file system
    ],
)
def test_a_pattern_matches_a_name_anywhere_or_a_path_from_the_scanned_folder(
    relative: str, patterns: tuple[str, ...], expected: str | None
) -> None:
    assert excluded_by(relative, patterns) == expected


def _tree(root: Path) -> Path:
    (root / "vm" / "templates").mkdir(parents=True)
    (root / "main.tf").write_text(BUCKET, encoding="utf-8")
    (root / "vm" / "templates" / "cloud-config.yaml").write_text(TEMPLATE, encoding="utf-8")
    (root / "vm" / "notes.yaml").write_text(TEMPLATE, encoding="utf-8")
    return root


def test_walk_does_not_enter_a_folder_left_out_and_names_it(tmp_path: Path) -> None:
    root = _tree(tmp_path / "iac")
    found = walk([root], ("templates", "notes.yaml"))
    assert [p for p, _ in found.files] == [root / "main.tf"]
    assert found.excluded == [
        (root / "vm" / "notes.yaml", "notes.yaml"),
        (root / "vm" / "templates", "templates"),
    ]


def test_a_relative_folder_also_matches_by_its_path_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path / "iac")
    monkeypatch.chdir(tmp_path)
    found = walk([Path("iac/vm")], ("iac/vm/templates",))
    assert [p for p, _ in found.files] == [Path("iac/vm/notes.yaml")]
    assert found.excluded == [(Path("iac/vm/templates"), "iac/vm/templates")]


def test_excluded_below_judges_absolute_paths_under_the_scanned_roots(tmp_path: Path) -> None:
    root = str(_tree(tmp_path / "iac"))
    inside = os.path.join(root, "vm", "templates", "cloud-config.yaml")
    assert excluded_below(inside, [root], ("templates",)) == "templates"
    assert excluded_below(inside, [root], ("vm/*",)) == "vm/*"
    assert excluded_below(os.path.join(root, "main.tf"), [root], ("templates",)) is None
    outside = str(tmp_path / "other" / "templates" / "x")
    assert excluded_below(outside, [root], ("templates",)) is None


def test_an_excluded_file_is_listed_with_its_pattern_and_the_rest_is_judged(
    tmp_path: Path,
) -> None:
    root = _tree(tmp_path / "iac")
    unexcluded = audit([root], Settings(now=AUDIT_TIME))
    assert sorted(Path(i.path).name for i in unexcluded.not_assessed) == [
        "cloud-config.yaml",
        "notes.yaml",
    ]
    result = audit([root], Settings(now=AUDIT_TIME, exclude=("templates", "notes.yaml")))
    assert result.not_assessed == []
    by_path = {Path(i.path).relative_to(root).as_posix(): i for i in result.inputs}
    assert by_path["main.tf"].status == InputStatus.ASSESSED
    assert by_path["vm/templates"].status == InputStatus.EXCLUDED
    assert by_path["vm/templates"].error == 'left out by the exclude pattern "templates"'
    assert by_path["vm/notes.yaml"].error == 'left out by the exclude pattern "notes.yaml"'
    assert by_path["vm/templates"].excluded_by == "templates"
    assert by_path["main.tf"].excluded_by is None
    assert [r.address for r in result.resources] == ["aws_s3_bucket.logs"]
    assert result.settings["exclude"] == ["templates", "notes.yaml"]


def test_scan_exclude_on_the_command_line_in_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path / "iac")
    out = tmp_path / "out"
    args = ["scan", str(root), "--now", "2026-11-23", "--fail-on", "none", "--no-color", "-q"]
    assert run(args) == 2  # two files not assessed
    capsys.readouterr()
    excluding = ["--exclude", "templates", "--exclude", "vm/notes.yaml"]
    assert run([*args, *excluding]) == 0
    assert (
        "Files: 1 assessed, 0 partially assessed, 0 not assessed, 0 not recognised, "
        "2 excluded by the auditor; 1 resources"
    ) in capsys.readouterr().out
    formats = ["--format", "json,junit,html", "-o", str(out)]
    assert run([*args, *excluding, *formats]) == 0
    data = json.loads((out / "gdcc-audit.json").read_text(encoding="utf-8"))
    states = {Path(i["path"]).name: i["status"] for i in data["inputs"]}
    assert states == {"main.tf": "assessed", "templates": "excluded", "notes.yaml": "excluded"}
    patterns = {Path(i["path"]).name: i.get("excluded_by") for i in data["inputs"]}
    assert patterns == {"main.tf": None, "templates": "templates", "notes.yaml": "vm/notes.yaml"}
    suite = ET.parse(out / "gdcc-audit.junit.xml").getroot()
    skipped = {
        Path(case.get("name", "")).name: case.find("skipped")
        for case in suite.iter("testcase")
        if case.find("skipped") is not None
    }
    notes = skipped["notes.yaml"]
    assert notes is not None
    assert notes.get("message") == 'left out by the exclude pattern "vm/notes.yaml"'
    html = (out / "gdcc-audit.html").read_text(encoding="utf-8")
    assert "ผู้ตรวจยกเว้น (templates)" in html
    assert "ผู้ตรวจยกเว้น (vm/notes.yaml)" in html


def test_a_result_written_before_excluded_by_still_names_its_pattern() -> None:
    t = translator("en")
    old = InputFile(
        path="vm/templates",
        status=InputStatus.EXCLUDED,
        error='left out by the exclude pattern "templates"',
    )
    new = old.model_copy(update={"error": None, "excluded_by": "vm/*"})
    assert _status_label(old, t) == "excluded by the auditor (templates)"
    assert _status_label(new, t) == "excluded by the auditor (vm/*)"
    assert "excluded_by" not in InputFile(path="a.tf", status=InputStatus.ASSESSED).model_dump()
