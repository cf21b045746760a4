"""What a bridged scan does after checkov ends is kept short: everything that does not need
checkov's output (the table, the resource index, validators, the reporters' imports) is done
while checkov runs, the end of checkov is seen at once, and the conversion resolves each file
and location once."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.bridges.checkov import CheckovSession
from gdcc_audit.bridges.checkov import convert as convert_module
from gdcc_audit.bridges.checkov.convert import Merger, ResourceIndex, bridge
from gdcc_audit.bridges.checkov.runner import _wait
from gdcc_audit.bridges.checkov.table import load_table
from gdcc_audit.cli.app import run
from gdcc_audit.models.rule import RuleMeta
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.json import JsonReporter
from gdcc_audit.resources import rules_dir
from gdcc_audit.settings import Settings

from .conftest import CHECKOV_FIXTURES

IAC = CHECKOV_FIXTURES / "iac"


@pytest.fixture
def waiting_checkov(
    fake_checkov: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The stand-in checkov, printing its report only once the returned file exists."""
    go = tmp_path / "go"
    monkeypatch.setenv("FAKE_CHECKOV", "wait")
    monkeypatch.setenv("FAKE_CHECKOV_GO", str(go))
    return go


def test_the_end_of_checkov_is_seen_without_polling(monkeypatch: pytest.MonkeyPatch) -> None:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])

    def polled(seconds: float) -> None:
        raise AssertionError("Popen's polling wait slept")

    monkeypatch.setattr(subprocess.time, "sleep", polled)  # type: ignore[attr-defined]
    assert _wait(process, 30) == 0
    assert process.returncode == 0


def test_the_wait_still_times_out() -> None:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        started = time.monotonic()
        with pytest.raises(subprocess.TimeoutExpired):
            _wait(process, 0.2)
        assert time.monotonic() - started < 10
        assert process.returncode is None
    finally:
        process.kill()
        process.wait()


def test_without_pidfds_the_wait_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(pid: int) -> int:
        raise OSError("no pidfd here")

    monkeypatch.setattr(os, "pidfd_open", refused)
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    assert _wait(process, 30) == 3
    hanging = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            _wait(hanging, 0.1)
    finally:
        hanging.kill()
        hanging.wait()


def test_an_ended_process_is_not_waited_for_again() -> None:
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(4)"])
    process.wait()
    assert _wait(process, 0) == 4


def test_the_audit_prepares_the_merge_while_checkov_runs(
    fake_checkov: Path, waiting_checkov: Path
) -> None:
    settings = Settings(checkov=str(fake_checkov))
    session = CheckovSession(checkov=str(fake_checkov), timeout=60)
    session.start([IAC])
    (job,) = session.jobs
    seen: list[tuple[Any, bool, bool]] = []

    def meanwhile() -> None:
        prepared = session._prepared
        # checkov has not printed anything yet; the merge is ready, every check built.
        built = prepared is not None and len(prepared[0].table._cache) == len(
            prepared[0].table
        )
        seen.append((job.process.poll(), prepared is not None, built))
        waiting_checkov.touch()

    session.meanwhile.append(meanwhile)
    result = audit([IAC], settings, checkov_session=session)
    assert seen == [(None, True, True)]
    # The same result as an audit that prepares after checkov ended.
    reference = audit([IAC], settings)
    assert result.checkov is not None
    assert reference.checkov is not None
    assert result.checkov.bridged == reference.checkov.bridged > 0
    assert [(f.rule_id, f.resource_id, f.status, f.corroboration) for f in result.findings] == [
        (f.rule_id, f.resource_id, f.status, f.corroboration) for f in reference.findings
    ]


def test_finish_prepares_when_it_was_not_done(fake_checkov: Path) -> None:
    settings = Settings(checkov=str(fake_checkov))
    session = CheckovSession(settings)
    session.start([IAC])
    registry = collect(make_plugin_manager(), settings)
    merged = session.finish([], [], [r.meta for r in registry.rules], [], lambda meta: True)
    assert session._prepared is not None
    # No resource and no native finding: every mapped check is a finding of its own.
    assert merged.run.bridged == len(merged.findings) > 0
    assert merged.run.corroborated == 0


def test_scan_prepares_its_reports_while_checkov_runs(
    fake_checkov: Path,
    waiting_checkov: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, bool]] = []

    def json_prepare(self: JsonReporter) -> None:
        calls.append(("json", waiting_checkov.exists()))

    def console_prepare(self: ConsoleReporter) -> None:
        calls.append(("console", waiting_checkov.exists()))
        waiting_checkov.touch()  # the last one: checkov may end now

    monkeypatch.setattr(JsonReporter, "prepare", json_prepare)
    monkeypatch.setattr(ConsoleReporter, "prepare", console_prepare)
    out = tmp_path / "result.json"
    argv = ["scan", str(IAC), f"--checkov={fake_checkov}", "--format", "json", "-o", str(out)]
    assert run([*argv, "-q", "--checkov-timeout", "60"]) == 1
    # Both outputs written (the JSON file and the console summary), both prepared before
    # checkov printed its report.
    assert calls == [("json", False), ("console", False)]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["checkov"]["error"] is None
    assert result["checkov"]["bridged"] > 0


@pytest.mark.parametrize(
    ("formats", "output", "rendered"),
    [
        (["json"], None, ["json"]),
        (["console"], None, ["console"]),
        (["json"], "out.json", ["json", "console"]),
        (["console"], "out.txt", ["console"]),
        (["json", "console", "sarif"], "out", ["json", "sarif", "console"]),
    ],
)
def test_the_formats_a_scan_renders(
    formats: list[str], output: str | None, rendered: list[str]
) -> None:
    from gdcc_audit.cli.scan import _rendered

    assert _rendered(formats, Path(output) if output else None) == rendered


def test_reporters_prepare_what_they_render() -> None:
    ConsoleReporter().prepare()
    assert "rich.console" in sys.modules
    assert "rich.table" in sys.modules
    from gdcc_audit.report.json import _findings_adapter

    _findings_adapter.cache_clear()
    JsonReporter().prepare()
    assert _findings_adapter.cache_info().currsize == 1


def _native() -> dict[str, RuleMeta]:
    return {r.meta.id: r.meta for r in collect(make_plugin_manager(), Settings()).rules}


def _recorded() -> list[dict[str, Any]]:
    text = (CHECKOV_FIXTURES / "recorded-list.json").read_text(encoding="utf-8")
    reports: list[dict[str, Any]] = json.loads(text.replace("{ROOT}", os.path.realpath(IAC)))
    return reports


def test_each_file_is_resolved_once(monkeypatch: pytest.MonkeyPatch) -> None:
    resolved: list[str] = []
    real = convert_module._real

    def counting(path: str) -> str:
        resolved.append(path)
        return real(path)

    monkeypatch.setattr(convert_module, "_real", counting)
    reports = _recorded()
    files = {
        r["file_abs_path"]
        for report in reports
        for status in ("failed_checks", "passed_checks")
        for r in report["results"][status]
    }
    results = sum(len(report["results"][s]) for report in reports for s in ("failed_checks",))
    assert results > len(files)  # several results per file
    index = ResourceIndex([])
    for report in reports:
        for result in report["results"]["failed_checks"]:
            index.find(report["check_type"], result["resource"], result["file_abs_path"], [1])
    assert sorted(resolved) == sorted(files)


def test_results_of_one_block_share_one_location() -> None:
    table = load_table(rules_dir() / "checkov", _native())
    out = bridge(_recorded(), table, [], [])
    by_place: dict[tuple[str, int | None, int | None], set[int]] = {}
    for finding in out.findings:
        assert finding.location is not None
        place = (finding.location.file, finding.location.start_line, finding.location.end_line)
        by_place.setdefault(place, set()).add(id(finding.location))
    shared = [p for p, f in by_place.items() if len(f) != 1]
    assert shared == []  # one object per file and lines
    assert len(out.findings) > len(by_place)  # and some are shared by several findings


def test_the_rule_selection_is_asked_once_per_check() -> None:
    asked: list[str] = []

    def keep(meta: RuleMeta) -> bool:
        asked.append(meta.id)
        return not meta.id.startswith("CKV_AWS_2")

    table = load_table(rules_dir() / "checkov", _native())
    merger = Merger(table.filtered(keep), [], [])
    out = merger.merge(_recorded())
    assert sorted(asked) == sorted(set(asked))
    assert out.findings
    assert not any(f.rule_id.startswith("CKV_AWS_2") for f in out.findings)
    assert {f.rule_id for f in out.findings} == {
        f.rule_id for f in bridge(_recorded(), table, [], []).findings
    } - {a for a in asked if a.startswith("CKV_AWS_2")}


def _scan_summary(
    fake_checkov: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> tuple[int, str]:
    out = tmp_path / name
    argv = ["scan", str(IAC), f"--checkov={fake_checkov}", "--format", "json", "-o", str(out)]
    code = run([*argv, "-q", "--now", "2026-12-01"])
    printed = capsys.readouterr().out
    # checkov's time is the one thing two runs may print differently.
    return code, re.sub(r" in [0-9.]+ s", " in N s", printed)


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pids of the children forked from now on."""
    pids: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return pids


def test_the_console_summary_is_rendered_beside_the_files(
    fake_checkov: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gdcc_audit.cli import scan

    monkeypatch.setattr(scan, "CONSOLE_BESIDE_MAX", -1)  # rendered here
    code, here = _scan_summary(fake_checkov, tmp_path, capsys, "here.json")
    monkeypatch.setattr(scan, "CONSOLE_BESIDE_MAX", 20_000)
    pids = _forks(monkeypatch)
    beside_code, beside = _scan_summary(fake_checkov, tmp_path, capsys, "beside.json")
    assert len(pids) == 1  # one child: the summary's
    with pytest.raises(ChildProcessError):
        os.waitpid(pids[0], os.WNOHANG)  # and it was reaped
    assert code == beside_code == 1
    assert "Unmapped checkov failures" in here
    assert beside == here  # the same text, character for character


def test_a_failing_summary_child_is_replaced_by_this_process(
    fake_checkov: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gdcc_audit.cli import scan

    monkeypatch.setattr(scan, "CONSOLE_BESIDE_MAX", -1)
    _, here = _scan_summary(fake_checkov, tmp_path, capsys, "here.json")
    monkeypatch.setattr(scan, "CONSOLE_BESIDE_MAX", 20_000)
    parent = os.getpid()
    real = ConsoleReporter.render

    def broken_in_child(self: ConsoleReporter, *args: Any) -> None:
        if os.getpid() != parent:
            raise RuntimeError("the child broke")
        real(self, *args)

    monkeypatch.setattr(ConsoleReporter, "render", broken_in_child)
    pids = _forks(monkeypatch)
    code, printed = _scan_summary(fake_checkov, tmp_path, capsys, "beside.json")
    assert len(pids) == 1
    assert code == 1
    assert printed == here


def test_when_a_file_cannot_be_written_the_summary_child_is_stopped(
    fake_checkov: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gdcc_audit.cli import scan

    def refused(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    pids = _forks(monkeypatch)
    monkeypatch.setattr(scan, "write_file", refused)
    out = tmp_path / "result.json"
    argv = ["scan", str(IAC), f"--checkov={fake_checkov}", "--format", "json", "-o", str(out)]
    code = run([*argv, "-q"])
    captured = capsys.readouterr()
    assert code == 2
    assert "disk full" in captured.err
    assert captured.out == ""  # no summary for a run whose files were not written
    assert len(pids) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(pids[0], os.WNOHANG)


def test_with_one_worker_the_summary_is_rendered_here(
    fake_checkov: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pids = _forks(monkeypatch)
    out = tmp_path / "result.json"
    argv = ["scan", str(IAC), f"--checkov={fake_checkov}", "--format", "json", "-o", str(out)]
    assert run([*argv, "-q", "--workers", "1"]) == 1
    assert "Unmapped checkov failures" in capsys.readouterr().out
    assert pids == []


def test_on_a_terminal_the_summary_is_rendered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from gdcc_audit.cli.scan import _ConsoleBeside
    from gdcc_audit.report.interface import ReportOptions

    pids = _forks(monkeypatch)
    result = audit([IAC], Settings())
    assert _ConsoleBeside.start(ConsoleReporter(), result, ReportOptions(color=True)) is None
    assert pids == []


def test_no_garbage_collection_at_exit_after_a_command(tmp_path: Path) -> None:
    # An exit handler registered before the command runs after the command's own (the
    # latest registered first): it sees the heap frozen.
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        "from gdcc_audit.cli.app import run\n"
        "print('code', run(['rules', 'list']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.splitlines()[-2:] == ["code 0", "frozen True"]


def test_the_mapping_index_extended_with_the_checkov_checks_is_the_whole_index() -> None:
    from gdcc_audit.frameworks.registry import load_frameworks
    from gdcc_audit.score import extend_index, mapping_index

    registry = collect(make_plugin_manager(), Settings())
    frameworks = load_frameworks(registry.frameworks)
    native = [r.meta for r in registry.rules]
    checks = [c.meta for c in load_table(rules_dir() / "checkov", _native()).checks.values()]
    whole = mapping_index([*native, *checks], frameworks)
    extended = extend_index(mapping_index(native, frameworks), checks, frameworks)
    assert extended == whole
    assert any(m.rule_id.startswith("CKV") for mappings in whole.values() for m in mappings)
    with pytest.raises(ValueError, match="already in the index: GDCC-"):
        extend_index(whole, native[:3], frameworks)


def test_a_bridged_audit_scores_as_it_did(fake_checkov: Path) -> None:
    settings = Settings(checkov=str(fake_checkov))
    result = audit([IAC], settings)
    assert result.checkov is not None
    assert result.checkov.bridged > 0
    # Scores from the whole index, built after checkov.
    from gdcc_audit.frameworks.registry import load_frameworks
    from gdcc_audit.score import score_audit

    frameworks = load_frameworks(collect(make_plugin_manager(), settings).frameworks)
    again = score_audit(
        tenants=list(result.tenants),
        findings=list(result.findings),
        rules=list(result.rules),
        frameworks=frameworks,
        on=settings.audit_time().date(),
    )
    assert tuple(again.frameworks) == result.frameworks
