"""A Heat environment file that writes a parameter value twice (``parameters: {db_password:
X, ..., db_password: Y}``): Heat keeps the last value, and the first is in the file all the
same. A secret written only in that first value PASSed GDCC-SECRET-001 (a HOT template's own
ignored values are read for secrets since stop 44); it is now reported on the templates of the
scan the environment is for, "value set at" the ignored line, and the environment's warning
says so. A secret in the kept value is reported at its own line, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  db_password:
    type: string
    hidden: true
  flavor:
    type: string
    default: m1.small
resources:
  db:
    type: OS::Trove::Instance
    properties:
      flavor: {get_param: flavor}
      size: 10
      users:
        - name: app
          password: {get_param: db_password}
          databases: [app]
"""


def _scan(tmp_path: Path, environment: str) -> tuple[list, tuple[str, ...]]:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "env.yaml").write_text(environment, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    (read,) = [i for i in result.inputs if i.path.endswith("env.yaml")]
    return [f for f in result.findings if f.address == "db"], read.warnings


@pytest.mark.parametrize("section", ["parameters", "parameter_defaults"])
def test_a_secret_only_in_the_ignored_value_fails_at_its_line(
    tmp_path: Path, section: str
) -> None:
    findings, warnings = _scan(
        tmp_path,
        f"{section}:\n  db_password: Hunter22first\n  flavor: m1.large\n  db_password: ''\n",
    )
    (finding,) = findings
    assert finding.status is Status.FAIL
    assert finding.message.en == (
        f"a secret is written in plain text at 'users.0.password' (value set at "
        f"{tmp_path / 'env.yaml'}:2)"
    )
    assert warnings == (
        f"line 4: {section}.db_password: duplicate key 'db_password' (first at line 2): read "
        "as Heat reads it, keeping the last value; the value at line 2 is ignored: only the "
        "secrets written in it are reported, on the templates of the scan the environment "
        "is for",
    )


def test_a_secret_in_the_kept_value_is_set_at_its_own_line(tmp_path: Path) -> None:
    findings, _ = _scan(
        tmp_path, "parameters:\n  db_password: Hunter22first\n  db_password: Hunter22again\n"
    )
    (finding,) = findings
    assert finding.status is Status.FAIL
    assert f"(value set at {tmp_path / 'env.yaml'}:3)" in finding.message.en
    assert "env.yaml:2" not in finding.message.en


def test_an_ignored_value_of_no_secret_changes_nothing(tmp_path: Path) -> None:
    findings, warnings = _scan(
        tmp_path, "parameters:\n  flavor: m1.large\n  db_password: ''\n  flavor: m1.xlarge\n"
    )
    (finding,) = findings
    assert finding.status is Status.PASS
    # the same value twice: nothing ignored differs, the plain words
    _, warnings = _scan(tmp_path, "parameters:\n  flavor: m1.large\n  flavor: m1.large\n")
    assert warnings == (
        "line 3: parameters.flavor: duplicate key 'flavor' (first at line 2): read as Heat "
        "reads it, keeping the last value; the value at line 2 is ignored",
    )
