"""Exit codes with waived and baseline findings; scores without waived failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.cli.app import run
from gdcc_audit.models.framework import ControlResult, ControlStatus
from gdcc_audit.models.result import AuditResult

from .helpers import NOW, RDP, SSH, SSH_FP, entry, scan, tenant, waiver_text


def cli(*args: str) -> int:
    return run(["scan", *args, "-q", "--no-color", "--rules", "GDCC-NET-001",
                "--now", NOW.date().isoformat()])


@pytest.mark.parametrize(
    ("expires", "code"), [(None, 1), ("2027-03-31", 0), ("2026-11-23", 0), ("2026-11-22", 1)]
)
def test_exit_code_with_waivers(tmp_path: Path, expires: str | None, code: int,
                                capsys: pytest.CaptureFixture[str]) -> None:
    names = None
    if expires:
        (tmp_path / "w.yaml").write_text(waiver_text(entry(expires=expires)), encoding="utf-8")
        names = ["w.yaml"]
    assert cli(str(tenant(tmp_path, waivers=names))) == code
    out = capsys.readouterr().out
    if code == 0:
        assert "Waived: 1 failing finding(s)" in out
        assert "port 22 is open" not in out  # not in the failure table
    elif expires:
        # named as the failure table names it (the waiver's text was shown until stop 52)
        assert "expired — the finding fails again: W1 GDCC-NET-001 sg-ssh (approver" in out


def test_baseline_fails_only_on_new_findings(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    manifest = tenant(tmp_path)
    saved = tmp_path / "baseline.json"
    assert run(["scan", str(manifest), "-q", "--rules", "GDCC-NET-001", "--format", "json",
                "-o", str(saved), "--now", "2026-11-01"]) == 1
    capsys.readouterr()
    # Lines move (a comment on top): fingerprints have no line numbers, the finding stays known.
    manifest.write_text("# moved\n# down\n" + manifest.read_text(encoding="utf-8"),
                        encoding="utf-8")
    assert cli(str(manifest), "--baseline", str(saved)) == 0
    out = capsys.readouterr().out
    assert f"Baseline {saved}: 0 new, 1 known failing finding(s)" in out
    assert "HIGH (known)" in out
    tenant(tmp_path, rdp=True)
    assert cli(str(manifest), "--baseline", str(saved)) == 1
    assert f"Baseline {saved}: 1 new, 1 known failing finding(s)" in capsys.readouterr().out
    result = scan([manifest], baseline=str(saved))
    assert {f.resource_id: f.baseline for f in result.findings if f.is_failure} == {
        SSH: True, RDP: False}
    assert [f.resource_id for f in result.failures()] == [RDP]
    assert result.baseline is not None
    assert (result.baseline.new, result.baseline.known) == (1, 1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "baseline is not JSON"),
        ('{"schema_version": "1.0"}', "not a gdcc-audit JSON result"),
        ('{"schema_version": "2.0", "findings": []}', "schema_version '2.0' is not readable"),
    ],
)
def test_bad_baseline_exits_2(tmp_path: Path, content: str, message: str,
                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "b.json"
    bad.write_text(content, encoding="utf-8")
    assert cli(str(tenant(tmp_path)), "--baseline", str(bad)) == 2
    assert message in capsys.readouterr().err


def _control(result: AuditResult, framework: str, control: str) -> ControlResult:
    fw = result.framework(framework)
    assert fw is not None
    return next(c for c in fw.controls if c.control == control)


def test_waived_failure_is_left_out_of_the_control(tmp_path: Path) -> None:
    before = _control(scan([tenant(tmp_path)]), "ISO27001-2022", "A.8.20")
    assert (before.status, before.findings, before.credit) == (
        ControlStatus.PARTIAL, {"FAIL": 1, "PASS": 1}, 0.25)
    (tmp_path / "w.yaml").write_text(waiver_text(entry()), encoding="utf-8")
    after = _control(scan([tenant(tmp_path, waivers=["w.yaml"])]), "ISO27001-2022", "A.8.20")
    assert (after.status, after.findings, after.credit) == (ControlStatus.PASS, {"PASS": 1}, 1.0)
    assert (after.failing, after.waived) == ((), (SSH_FP,))


def _both_open(tmp: Path, waivers: list[str] | None) -> Path:
    path = tenant(tmp, waivers=waivers)
    path.write_text(path.read_text(encoding="utf-8").replace("443", "22"), encoding="utf-8")
    return path


def test_control_with_only_waived_failures_needs_an_auditor(tmp_path: Path) -> None:
    before = _control(scan([_both_open(tmp_path, None)]), "ISO27001-2022", "A.8.20")
    assert (before.status, before.findings) == (ControlStatus.FAIL, {"FAIL": 2})
    (tmp_path / "w.yaml").write_text(waiver_text(entry("sgs/-/*")), encoding="utf-8")
    after = _control(scan([_both_open(tmp_path, ["w.yaml"])]), "ISO27001-2022", "A.8.20")
    assert (after.status, after.findings, after.credit) == (ControlStatus.MANUAL, {}, 0.0)
    assert after.reason is not None
    assert after.reason.en.startswith("its only failures are waived")
    waived = scan([_both_open(tmp_path, ["w.yaml"])]).waived
    assert {f.resource_name for f in waived} == {"sg-web", "sg-ssh"}
    assert sorted(after.waived) == sorted(f.fingerprint for f in waived)
