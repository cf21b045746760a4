"""The console shows paths relative to the scan root (said once), folds a long word after a
separator, and says severities and statuses in Thai in the Thai console."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console, Group

from gdcc_audit.cli.app import run
from gdcc_audit.models.result import AuditResult, InputFile, InputStatus
from gdcc_audit.report.fold_text import FoldText, fold
from gdcc_audit.report.paths import ScanRoot

OPEN_BY_DEFAULT = (
    'variable "cidr" {\n  default = "0.0.0.0/0"\n}\n\n'
    'resource "aws_security_group" "a" {\n  ingress {\n    from_port   = 22\n'
    '    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = [var.cidr]\n  }\n}\n'
)


def _scan(folder: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    run(
        ["scan", str(folder), "--now", "2026-11-23", "--no-color", "--rules", "GDCC-NET-001",
         "--lang", lang]
    )
    return capsys.readouterr().out.splitlines()


def test_an_absolute_scan_shows_paths_relative_to_its_root_said_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "network"
    folder.mkdir()
    (folder / "main.tf").write_text(OPEN_BY_DEFAULT)
    monkeypatch.setenv("COLUMNS", "150")
    lines = _scan(folder, "en", capsys)
    assert lines[2] == f"Paths are relative to {folder}"
    assert sum(str(tmp_path) in line for line in lines) == 1
    row = next(line for line in lines if "aws_security_group.a" in line)
    assert row.split("│")[4].strip() == "main.tf:5-12"
    assert "(value set at main.tf:2)" in "".join(lines)


def test_the_thai_console_says_severity_and_status_in_thai(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.tf").write_text(OPEN_BY_DEFAULT)
    monkeypatch.setenv("COLUMNS", "150")
    lines = _scan(tmp_path, "th", capsys)
    assert lines[2] == f"ตำแหน่งไฟล์นับจากโฟลเดอร์ {tmp_path}"
    row = next(line for line in lines if "aws_security_group.a" in line)
    assert row.split("│")[1].strip() == "สูง"
    assert "ระดับความรุนแรง: สูง = high (ค่าของ --fail-on)" in lines
    assert lines[-1] == (
        "สรุป: ผ่าน (PASS) 0, ไม่ผ่าน (FAIL) 1, ตัดสินไม่ได้ (UNKNOWN) 0, "
        "ไม่เกี่ยวข้อง (NOT_APPLICABLE) 0, ข้อผิดพลาด (ERROR) 0"
    )


def test_a_relative_scan_says_its_root_once_and_scan_dot_keeps_its_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "iac").mkdir()
    (tmp_path / "iac" / "main.tf").write_text(OPEN_BY_DEFAULT)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "150")
    lines = _scan(Path("iac"), "en", capsys)
    assert lines[2] == "Paths are relative to iac"
    row = next(line for line in lines if "aws_security_group.a" in line)
    assert row.split("│")[4].strip() == "main.tf:5-12"
    # the files of the folder the scan runs from: nothing to say
    monkeypatch.chdir(tmp_path / "iac")
    lines = _scan(Path("."), "en", capsys)
    assert not any(line.startswith("Paths are relative") for line in lines)
    row = next(line for line in lines if "aws_security_group.a" in line)
    assert row.split("│")[4].strip() == "./main.tf:5-12"


def _root(*paths: str) -> str | None:
    result = AuditResult(
        tool_version="0",
        scanned_at="2026-11-23T00:00:00Z",
        inputs=tuple(InputFile(path=p, status=InputStatus.ASSESSED) for p in paths),
    )
    return ScanRoot.of(result).root


def test_the_scan_root_is_the_folder_every_input_lies_in() -> None:
    assert _root("/scan/tf/aws/a.tf", "/scan/tf/gcp/b.tf") == "/scan/tf"
    assert _root("/scan/tf/main.tf") == "/scan/tf"
    assert _root("C:\\scan\\tf\\a.tf", "C:\\scan\\tf\\b\\c.tf") == "C:\\scan\\tf"
    assert _root("examples/moph/tenant.yaml", "examples/moph/iac/main.tf") == "examples/moph"
    # absolute and relative inputs, files of the folder the scan ran from, or nothing
    # shared but the file system's root: paths as written
    assert _root("/scan/tf/a.tf", "tf/b.tf") is None
    assert _root("main.tf", "iac/b.tf") is None
    assert _root("./main.tf") is None
    assert _root("/scan/a.tf", "/etc/tenant.yaml") is None
    assert _root() is None
    root = ScanRoot("/scan/tf")
    assert root.path("/scan/tf/aws/a.tf:1-4") == "aws/a.tf:1-4"
    assert root.path("/scan/tfx/a.tf") == "/scan/tfx/a.tf"
    assert root.text("by p at /scan/tf/aws/es.tf:41 (value set at /scan/tf/v.tf:2)") == (
        "by p at aws/es.tf:41 (value set at v.tf:2)"
    )


def test_only_a_path_starting_with_the_root_is_shortened() -> None:
    """A relative root is also the tail of other paths: those are kept whole."""
    root = ScanRoot("examples/moph")
    assert root.text(
        "set at examples/moph/iac/v.tf:2, not /home/u/examples/moph/x.tf:1 "
        "nor old-examples/moph/y.tf ('examples/moph/z.tf')"
    ) == "set at iac/v.tf:2, not /home/u/examples/moph/x.tf:1 nor old-examples/moph/y.tf ('z.tf')"
    assert ScanRoot("/scan/tf").text("copy of /backup/scan/tf/a.tf and /scan/tf/a.tf") == (
        "copy of /backup/scan/tf/a.tf and a.tf"
    )


def test_a_long_word_folds_after_a_separator() -> None:
    assert fold("'environment.VIDEO_GATEWAY_PASSWORD'", 30) == [
        "'environment.VIDEO_GATEWAY_",
        "PASSWORD'",
    ]
    assert fold("'vpc_config.0.endpoint_public_access'", 36) == [
        "'vpc_config.0.endpoint_public_",
        "access'",
    ]
    # no separator in the last three quarters of the line: folded at the column
    assert fold("abcdefghijklmnopqrstuvwxyz", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz"]


def test_the_message_column_folds_a_quoted_attribute_whole() -> None:
    console = Console(width=30, file=io.StringIO(), no_color=True)
    text = "not set: 'environment.VIDEO_GATEWAY_PASSWORD'"
    console.print(Group(FoldText(text)))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert [line.rstrip() for line in out.splitlines()] == [
        "not set:",
        "'environment.VIDEO_GATEWAY_",
        "PASSWORD'",
    ]


def test_a_warning_naming_a_file_of_the_scan_names_it_relative_to_the_root() -> None:
    """heat-templates: 'judged with the properties that /root/hot/group.yaml:39 passes'."""
    from gdcc_audit.report.console import ConsoleReporter
    from gdcc_audit.report.i18n import Translator, catalog
    from gdcc_audit.report.interface import ReportOptions
    from gdcc_audit.report.view import build_view
    from gdcc_audit.resources import reports_dir

    warning = "judged with the properties that /scan/hot/group.yaml:39 (server) passes"
    result = AuditResult(
        tool_version="0",
        scanned_at="2026-11-23T00:00:00Z",
        inputs=(
            InputFile(path="/scan/hot/server.yaml", status=InputStatus.ASSESSED,
                      warnings=(warning,)),
            InputFile(path="/scan/hot/group.yaml", status=InputStatus.ASSESSED),
        ),
    )
    stream = io.StringIO()
    ConsoleReporter().render(result, stream, ReportOptions(color=False, lang="en"))
    assert (
        "  ! server.yaml: judged with the properties that group.yaml:39 (server) passes"
        in stream.getvalue().splitlines()
    )
    view = build_view(result, Translator("en", catalog("en", reports_dir() / "i18n")))
    assert view.scan_root == "/scan/hot"
    assert view.input_warnings == (
        ("server.yaml", "judged with the properties that group.yaml:39 (server) passes"),
    )
