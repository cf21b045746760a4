"""``benchmarks/checkov_crosscheck.py`` joins a saved checkov report with the native findings
the way the bridge does, and lists checkov FAIL / gdcc PASS rows as wrong-PASS candidates."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

MAIN = """\
resource "aws_security_group" "ssh" {
  name = "ssh"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "db" {
  identifier        = "db"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
"""


def _benchmark() -> ModuleType:
    name = "checkov_crosscheck"
    if name not in sys.modules:
        path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _result(check: str, resource: str, file: Path, lines: list[int]) -> dict[str, object]:
    return {
        "check_id": check,
        "resource": resource,
        "file_abs_path": str(file),
        "file_path": "/main.tf",
        "file_line_range": lines,
    }


def test_rows_join_checkov_results_with_native_verdicts(tmp_path: Path) -> None:
    main = tmp_path / "main.tf"
    main.write_text(MAIN)
    report = {
        "check_type": "terraform",
        "results": {
            "failed_checks": [
                _result("CKV_AWS_24", "aws_security_group.ssh", main, [1, 9]),
                # checkov fails an absent auto_minor_version_upgrade (the default is true)
                _result("CKV_AWS_226", "aws_db_instance.db", main, [11, 16]),
                _result("CKV_AWS_24", "aws_security_group.elsewhere", main, [40, 44]),
            ],
            "passed_checks": [_result("CKV_AWS_25", "aws_security_group.ssh", main, [1, 9])],
        },
    }
    saved = tmp_path / "checkov.json"
    saved.write_text(json.dumps(report))
    crosscheck = _benchmark()
    _resources, _findings, merger = crosscheck.native_scan(tmp_path)
    rows = crosscheck.compare([report], merger)
    got = {(r.check, r.name): (r.checkov, r.native, r.kind) for r in rows}
    assert got == {
        ("CKV_AWS_24", "aws_security_group.ssh"): ("FAIL", "FAIL", None),
        ("CKV_AWS_25", "aws_security_group.ssh"): ("PASS", "PASS", None),
        ("CKV_AWS_226", "aws_db_instance.db"): ("FAIL", "PASS", "wrong-PASS candidate"),
        ("CKV_AWS_24", "aws_security_group.elsewhere"): ("FAIL", "NO_RESOURCE", None),
    }
    counted = crosscheck.summary(rows)
    assert counted["compared"] == 3
    assert counted["wrong-PASS candidate"] == {"CKV_AWS_226 -> GDCC-DB-002": 1}
    out = tmp_path / "rows.json"
    assert crosscheck.main([str(tmp_path), str(saved), "--json", str(out)]) == 0
    written = {
        (r["check"], r["name"]): (r["checkov"], r["native"]) for r in json.loads(out.read_text())
    }
    assert written == {key: value[:2] for key, value in got.items()}


def test_a_block_named_without_its_index_is_its_one_instance(tmp_path: Path) -> None:
    """checkov names a counted module resource by its block (``module.a.aws_security_group.
    this``); the bridge's index finds the one instance (``...this[0]``) of that module call,
    and leaves a block of several instances unmatched (was unmatched always: the line is
    shared by every module call)."""
    module = tmp_path / "modules" / "sg"
    module.mkdir(parents=True)
    (module / "main.tf").write_text(
        'variable "n" { default = 1 }\n'
        'resource "aws_security_group" "this" {\n  count = var.n\n  name  = "sg"\n}\n'
    )
    (tmp_path / "main.tf").write_text(
        'module "a" {\n  source = "./modules/sg"\n}\n'
        'module "b" {\n  source = "./modules/sg"\n  n      = 2\n}\n'
    )
    _resources, _findings, merger = _benchmark().native_scan(tmp_path)
    file = str(module / "main.tf")
    one = merger.index.find("terraform", "module.a.aws_security_group.this", file, [2, 5])
    assert one is not None
    assert one.address == "module.a.aws_security_group.this[0]"
    assert merger.index.find("terraform", "module.b.aws_security_group.this", file, [2, 5]) is None
