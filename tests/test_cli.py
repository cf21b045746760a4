"""The CLI as a user meets it: exit codes, formats, languages, rules commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdcc_audit.cli.app import run
from gdcc_audit.models.result_layout import expanded

MINIMAL = str(Path(__file__).parent / "fixtures" / "manifests" / "minimal.yaml")


def scan(*args: str) -> list[str]:
    return ["scan", MINIMAL, "--no-color", "-q", "--now", "2026-11-23", *args]


def test_exit_1_when_a_failure_is_at_or_above_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(scan()) == 1
    out = capsys.readouterr().out
    assert "GDCC-NET-001" in out
    assert "port 22 is open to the whole internet" in out


def test_exit_0_when_failures_are_below_fail_on() -> None:
    assert run(scan("--fail-on", "critical")) == 0
    assert run(scan("--fail-on", "none")) == 0


def test_json_without_output_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(scan("--format", "json", "--fail-on", "none")) == 0
    data = expanded(json.loads(capsys.readouterr().out))
    assert data["schema_version"] == "1.1"
    assert data["scanned_at"].startswith("2026-11-23")
    failing = [(f["rule_id"], f["resource_name"], f["evidence_key"])
               for f in data["findings"] if f["status"] == "FAIL"]
    assert ("GDCC-NET-001", "web-sg", "") in failing


def test_json_to_file_is_stable(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    run(scan("--format", "json", "-o", str(first)))
    run(scan("--format", "json", "-o", str(second)))
    assert first.read_bytes() == second.read_bytes()


def test_thai_console(capsys: pytest.CaptureFixture[str]) -> None:
    run(scan("--lang", "th"))
    out = capsys.readouterr().out
    assert "พอร์ต 22 เปิดให้เข้าถึงได้จากอินเทอร์เน็ตทั้งหมด" in out
    assert "สำนักงานทดสอบ" in out


def test_rule_selection_and_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(scan("--rules", "GDCC-NOPE-999")) == 2
    assert "unknown rule id(s): GDCC-NOPE-999" in capsys.readouterr().err


def test_usage_error_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["scan"]) == 2
    assert run(scan("--format", "docx")) == 2
    assert "unknown format(s) docx" in capsys.readouterr().err


def test_rules_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["rules", "list", "--format", "json"]) == 0
    ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
    assert "GDCC-NET-001" in ids
    assert run(["rules", "show", "GDCC-NET-001", "--lang", "th"]) == 0
    shown = capsys.readouterr().out
    assert "พอร์ตสำหรับการบริหารจัดการต้องไม่เปิดสู่อินเทอร์เน็ต" in shown
    assert "TH-NCSC-2564:22.1.4" in shown
    assert run(["rules", "show", "GDCC-NOPE-1"]) == 2


def test_python_m_entry_point() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "gdcc_audit", "--version"],
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("gdcc-audit, version ")


def test_several_formats_write_files_and_show_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run(scan("--format", "console,json,csv", "--output", str(out))) == 1
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["gdcc-audit.csv", "gdcc-audit.json"]
    assert "GDCC-NET-001" in captured.out  # the console summary is on the screen
    assert f"wrote {out / 'gdcc-audit.json'}" in captured.err


def test_rules_show_and_list_label_in_thai(capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang th`` printed the new firewall rule's text in Thai between English labels
    (``Kinds:``, ``Controls:``, ``Tags:``, ``Check type:``; list columns ``kinds``, ``title``)."""
    assert run(["rules", "show", "GDCC-NET-007", "--lang", "th"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[1] == "ระบบป้องกันการบุกรุกของไฟร์วอลล์เครือข่ายต้องปฏิเสธการโจมตีที่ตรวจพบ"
    assert "ชนิดทรัพยากร: network.firewall" in shown
    assert "มาตรการที่เกี่ยวข้อง: ISO27001-2022:A.8.20, ISO27001-2022:A.8.16, " \
        "NIST-800-53-r5:SI-4(4), NIST-800-53-r5:SC-7, TH-NCSC-2564:23.1.1" in shown
    assert "แท็ก: network, intrusion-prevention" in shown
    assert "ประเภทการตรวจ: IaC" in shown
    assert not [line for line in shown if line.startswith(("Kinds", "Controls", "Tags", "Check"))]
    assert run(["rules", "show", "GDCC-NET-001", "--lang", "th"]) == 0
    assert any(line.startswith("พารามิเตอร์: {\"ports\": [22,") for line in
               capsys.readouterr().out.splitlines())
    assert run(["rules", "show", "GDCC-NET-007"]) == 0
    assert "Kinds: network.firewall" in capsys.readouterr().out.splitlines()
    assert run(["rules", "list", "--lang", "th"]) == 0
    listed = capsys.readouterr().out
    assert "ชนิดทรัพยากร" in listed
    assert "ชื่อกฎ" in listed
    assert "GDCC-NET-006" in listed
    assert " kinds " not in listed
    assert " title " not in listed
