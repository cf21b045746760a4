"""A narrow console never breaks an address or a file:line; file names with odd characters
(spaces, Thai, quotes, ``<``, a new line) survive every format."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest

from gdcc_audit.cli.app import run
from gdcc_audit.models.result_layout import expanded

LONG_DIR = "a-very-long-folder-name-so-that-paths-pass-sixty-columns"
ADDRESS = "aws_security_group.a_really_long_security_group_name_for_the_test"
OPEN_SSH = (
    'resource "aws_security_group" "a_really_long_security_group_name_for_the_test" {\n'
    '  ingress {\n'
    '    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n'
    '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
)


def _scan(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = run(["scan", *args, "--now", "2026-11-23", "--no-color", "--rules", "GDCC-NET-001"])
    captured = capsys.readouterr()
    return code, captured.out


def test_a_narrow_piped_console_keeps_addresses_and_locations_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / LONG_DIR
    folder.mkdir()
    (folder / "security_groups.tf").write_text(OPEN_SSH)
    (folder / "broken_network_file.tf").write_text('resource "aws_vpc" "v" {\n  cidr = [\n')
    monkeypatch.setenv("COLUMNS", "60")
    code, out = _scan([str(folder)], capsys)
    assert code == 2
    lines = out.splitlines()
    # Paths are relative to the scan root, said once on a line of its own.
    unbreakable = (
        ADDRESS,
        f"Paths are relative to {folder}",
        "  security_groups.tf:1-8",
        "  ✗ broken_network_file.tf:",
    )
    for token in unbreakable:
        assert any(token in line for line in lines), f"{token} is broken over lines:\n{out}"
    # Every other line keeps to the 60 columns asked for.
    assert [
        line for line in lines if len(line) > 60 and not any(t in line for t in unbreakable)
    ] == []
    finding = lines.index(next(line for line in lines if ADDRESS in line))
    assert lines[finding] == f"HIGH  GDCC-NET-001  {ADDRESS}"
    assert lines[finding + 2] == "  port 22 is open to the whole internet (0.0.0.0/0)"


def test_a_wide_console_keeps_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(OPEN_SSH)
    monkeypatch.setenv("COLUMNS", "200")
    _, out = _scan([str(tmp_path)], capsys)
    row = next(line for line in out.splitlines() if ADDRESS in line)
    assert row.startswith("│ HIGH ")
    assert "│ main.tf:1-8 " in row
    assert f"Paths are relative to {tmp_path}\n" in out


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


ODD_NAMES = (
    "with space.tf",
    "ระบบ เครือข่าย.tf",
    "quote'double\".tf",
    "less<than>&amp.tf",
    "new\nline.tf",
)


def test_odd_file_names_survive_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for index, name in enumerate(ODD_NAMES):
        (source / name).write_text(OPEN_SSH.replace("for_the_test", f"n{index}"))
    out = tmp_path / "out"
    code, screen = _scan(
        [str(source), "--format", "json,sarif,csv,junit,html,oscal,console", "--output",
         str(out)],
        capsys,
    )  # fmt: skip
    assert code == 1
    paths = {str(source / name) for name in ODD_NAMES}

    result = expanded(json.loads((out / "gdcc-audit.json").read_text("utf-8")))
    assert {i["path"] for i in result["inputs"]} == paths
    assert {f["location"]["file"] for f in result["findings"]} == paths

    sarif = json.loads((out / "gdcc-audit.sarif").read_text("utf-8"))
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for run_ in sarif["runs"]
        for res in run_["results"]
        for loc in res["locations"]
    ]
    assert {unquote(uri).rsplit("/", 1)[-1] for uri in uris} == set(ODD_NAMES)
    assert [u for u in uris if any(c in u for c in " \n<'\"")] == []  # percent-encoded

    rows = list(csv.DictReader(io.StringIO((out / "gdcc-audit.csv").read_text("utf-8-sig"))))
    assert {row["file"] for row in rows} == paths

    junit = ElementTree.parse(out / "gdcc-audit.junit.xml").getroot()
    assert {case.get("file") for case in junit.iter("testcase")} == paths  # &#10; kept

    parser = _Text()
    parser.feed((out / "gdcc-audit.html").read_text("utf-8"))
    html_text = "".join(parser.parts)
    # the report's paths are relative to the folder scanned, said once per section
    assert html_text.count(str(source)) == 3
    for name in ODD_NAMES:
        assert f"{name}:1-8" in html_text, name

    # OSCAL property values cannot hold a new line: it becomes a space there.
    oscal = json.loads((out / "gdcc-audit.oscal.json").read_text("utf-8"))
    values = {
        prop["value"]
        for result in oscal["assessment-results"]["results"]
        for finding in result.get("observations", [])
        for prop in finding.get("props", [])
        if prop["name"] == "location"
    }
    assert values == {f"{path.replace(chr(10), ' ')}:1-8" for path in paths}

    # The console: each name on one line, its new line escaped.
    for name in ODD_NAMES:
        shown = name.replace("\n", "\\n")
        assert any(shown in line for line in screen.splitlines()), name
