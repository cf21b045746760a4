"""``scan --record`` and ``history list|show|diff``; bad input exits 2 and writes nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gdcc_audit.cli import run
from gdcc_audit.history.quarters import code, parse_quarter, previous
from gdcc_audit.report.i18n import FiscalQuarter

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "moph-health-platform"


def test_quarter_forms() -> None:
    q1 = FiscalQuarter(2027, 1)
    for text in ("2570Q1", "2570-Q1", "Q1/2570", "2027Q1", "FY2027-Q1", "fy2027q1", "2026-11-23"):
        assert parse_quarter(text) == q1, text
    assert parse_quarter("2026-09-30") == FiscalQuarter(2026, 4)
    assert code(previous(q1)) == "2569Q4"
    with pytest.raises(Exception, match="not a fiscal quarter"):
        parse_quarter("2570Q5")


def test_scan_record_then_list_show_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    for now in ("2026-11-23", "2027-02-23"):
        assert run(["scan", str(EXAMPLE), "--now", now, "--record", "--db", db, "-q"]) == 1
    err = capsys.readouterr().err
    assert re.search(
        r"recorded run 1 \(moph-health-platform, 2570Q1, \d+ findings\) in sqlite", err
    )
    assert re.search(
        r"recorded run 2 \(moph-health-platform, 2570Q2, \d+ findings\) in sqlite", err
    )

    assert run(["history", "list", "--db", db, "--format", "json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["quarter"], r["grade"]) for r in runs] == [
        (1, "2570Q1", "F"),
        (2, "2570Q2", "F"),
    ]

    assert run(["history", "show", "2", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "run 2" in shown
    assert "GDCC-DATA-002" in shown
    assert "RA-2569-014" in shown

    assert run(["history", "diff", "--tenant", "moph-health-platform", "--quarter", "2570Q2",
                "--db", db, "--format", "json"]) == 0  # fmt: skip
    diff = json.loads(capsys.readouterr().out)
    assert (diff["old"], diff["new"], diff["new_findings"], diff["fixed"]) == (1, 2, [], [])
    assert len(diff["still_open"]) == 27
    assert {f["days_open"] for f in diff["still_open"]} == {92}
    assert [(f["rule"], f["waiver"]) for f in diff["still_open"] if f["waiver"]] == [
        ("GDCC-DATA-003", "RA-2569-014")
    ]

    # failing as the audit report counts it (26 + 1 waived), the waived one marked
    assert run(["history", "list", "--db", db]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].split() == ["run", "tenant", "quarter", "scanned", "grade", "score",
                                 "failing", "waived", "rules", "tool"]  # fmt: skip
    assert listed[1].split()[:8] == ["1", "moph-health-platform", "2570Q1", "2026-11-23", "F",
                                     listed[1].split()[5], "26", "1"]  # fmt: skip
    assert run(["history", "list", "--db", db, "--format", "json"]) == 0
    assert [r["waived"] for r in json.loads(capsys.readouterr().out)] == [1, 1]
    assert run(["history", "diff", "2", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert "\nstill open: 26 + 1 waived\n" in shown
    assert re.search(r"GDCC-DATA-003 +\S+analytics-lake +92 d  waived RA-2569-014\n", shown)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["history", "diff", "--tenant", "nope", "--quarter", "2570Q1"], "tenant 'nope' is not in"),
        (
            ["history", "diff", "--tenant", "moph-health-platform", "--quarter", "2569Q3"],
            "no run recorded in 2569Q3",
        ),
        (["history", "show", "7"], "no run 7"),
        (["history", "diff", "--tenant", "moph-health-platform", "--quarter", "x"], "not a fiscal"),
    ],
)
def test_bad_requests_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    assert run(["scan", str(EXAMPLE), "--now", "2026-11-23", "--record", "--db", db, "-q"]) == 1
    capsys.readouterr()
    assert run([*argv, "--db", db]) == 2
    assert message in capsys.readouterr().err


def test_unreachable_or_missing_store_exits_2_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "h.sqlite3"
    assert run(["history", "list", "--db", f"sqlite:///{missing}"]) == 2
    assert "no history store at" in capsys.readouterr().err
    assert not missing.parent.exists()
    url = "postgresql+psycopg://gdcc:secret@127.0.0.1:1/none"
    assert run(["history", "list", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "cannot reach the history store postgresql+psycopg://gdcc:***@127.0.0.1:1/none" in err
    assert "secret" not in err
    assert run(["history", "list", "--db", "not a url"]) == 2
    assert "is not a database URL" in capsys.readouterr().err
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_text("not a database\n")
    assert run(["history", "list", "--db", f"sqlite:///{garbage}"]) == 2
    assert "file is not a database" in capsys.readouterr().err
    assert garbage.read_text() == "not a database\n"


def test_scan_record_to_an_unreachable_store_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.json"
    code_ = run(["scan", str(EXAMPLE), "--now", "2026-11-23", "--record", "-q", "--format", "json",
                 "-o", str(out), "--db", "postgresql+psycopg://gdcc@127.0.0.1:1/none"])  # fmt: skip
    assert code_ == 2
    assert "cannot reach the history store" in capsys.readouterr().err


def test_an_incomplete_scan_is_not_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "tenant"
    broken.mkdir()
    (broken / "tenant.yaml").write_text(
        (EXAMPLE / "tenant.yaml").read_text(encoding="utf-8").replace("kind: Tenant", "kind: [")
    )
    db = tmp_path / "h.sqlite3"
    assert run(["scan", str(broken), "--record", "--db", f"sqlite:///{db}", "-q"]) == 2
    assert "not recorded: 1 input(s) could not be assessed" in capsys.readouterr().err
    assert not db.exists()


MODULE_TF = """\
resource "aws_security_group" "this" {
  count = 1
  name  = "edge-ssh"
  tags  = { "gdcc:system" = "edge" }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""


def test_show_and_diff_name_resources_by_native_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``history show`` / ``diff`` named resources by the engine's id
    (``edge-tenant/edge/aws_security_group.module.edge.this[0]``), where the audit's console
    names ``edge/module.edge.aws_security_group.this[0]``; a waived one was marked by its
    waiver beside that id."""
    root = tmp_path / "edge"
    (root / "modules" / "edge").mkdir(parents=True)
    (root / "tenant.yaml").write_text(
        "apiVersion: gdcc-audit/v1\nkind: Tenant\nmetadata:\n  name: edge-tenant\n"
        "agency:\n  name_th: หน่วยงานทดสอบ\n  name_en: Test Agency\nwaivers: [waivers.yaml]\n"
        "systems:\n  - {id: edge, name_th: ระบบ, name_en: Edge}\n",
        encoding="utf-8",
    )
    (root / "waivers.yaml").write_text(
        "apiVersion: gdcc-audit/v1\nkind: Waivers\nwaivers:\n  - id: RA-1\n"
        "    rule: GDCC-NET-001\n    resource: edge-tenant/edge/aws_security_group.module.edge."
        "this[0]\n    reason: jump host\n    approver: CISO\n    expires: 2027-03-31\n",
        encoding="utf-8",
    )
    (root / "main.tf").write_text('module "edge" {\n  source = "./modules/edge"\n}\n', "utf-8")
    (root / "modules" / "edge" / "main.tf").write_text(MODULE_TF, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    run(["scan", str(root), "--now", "2026-11-23", "--record", "--db", db, "-q"])
    capsys.readouterr()
    address = "module.edge.aws_security_group.this[0]"
    assert run(["history", "show", "1", "--db", db]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert ["high", "GDCC-NET-001", f"edge/{address}", "RA-1", "port", "22"] in [
        row[:6] for row in rows
    ]
    assert run(["history", "diff", "1", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert re.search(rf"GDCC-NET-001 +edge/{re.escape(address)} +0 d  waived RA-1\n", shown)
    assert "edge-tenant/edge/" not in shown
    assert run(["history", "show", "1", "--db", db, "--format", "json"]) == 0
    failing = json.loads(capsys.readouterr().out)["failing"]
    net = next(f for f in failing if f["rule"] == "GDCC-NET-001")
    assert (net["address"], net["resource"], net["waiver"]) == (
        address, "edge-tenant/edge/aws_security_group.module.edge.this[0]", "RA-1"
    )
    assert run(["history", "diff", "1", "--db", db, "--format", "json"]) == 0
    (new,) = [f for f in json.loads(capsys.readouterr().out)["new_findings"]
              if f["rule"] == "GDCC-NET-001"]  # fmt: skip
    assert new["address"] == address
