"""Where a Heat ``str_replace`` param's secret is written ("value set at",
``heat.replace_origins``) is found only when a verdict names it (``Resource.later_origins``).
Finding it renders the text with each param's value and searches it for the secret: stop
42's +16 % on heat-templates. Before, every read of a template found it for every resource
with a secret, also reads whose resources no verdict names (a read with another allowed
value that gives the server the same facts) and scans that do not run GDCC-SECRET-001."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.evaluate.checks.plugin import builtin_rules
from gdcc_audit.models import Facets, Resource, SourceLocation
from gdcc_audit.normalize.heat import replace_origins
from gdcc_audit.settings import Settings
from gdcc_audit.testing import judge

TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  db_root_password:
    type: string
    default: r00tPassw0rd
  debug:
    type: boolean
    default: false
resources:
  db:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        str_replace:
          template: |
            #!/bin/bash
            mysqladmin -u root password $db_rootpassword
            echo "debug=$debug host=$host"
          params:
            $db_rootpassword: {get_param: db_root_password}
            $debug: {get_param: debug}
            $host: db.example.org
"""


def _renderings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rules: tuple[str, ...]
                ) -> tuple[list[Any], Any]:
    (tmp_path / "db.yaml").write_text(TEMPLATE, encoding="utf-8")
    read: list[Any] = []
    real = replace_origins.detect_secrets

    def counted(values: Any, *args: Any, **kwargs: Any) -> Any:
        read.append(values)
        return real(values, *args, **kwargs)

    monkeypatch.setattr(replace_origins, "detect_secrets", counted)
    replace_origins._holds_secret.cache_clear()
    result = audit([tmp_path], Settings(rule_ids=rules, workers=1))
    return [v for v in read if "user_data" in v], result


def test_a_read_no_verdict_names_renders_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The template is read with debug's default (false) and with its other value (true),
    which gives the server the same facts (the read is no variant). The text is rendered
    with none of the params given (is the secret the template's own?), then with $debug
    and $host of the default read ($db_rootpassword is a secret by its own name); before,
    with $debug = 'true' too (4). The FAIL names the password's default line."""
    renderings, result = _renderings(tmp_path, monkeypatch, ("GDCC-SECRET-001",))
    [finding] = result.findings
    assert (finding.address, finding.status.value) == ("db", "FAIL")
    assert finding.message.en == (
        f"a secret is written in plain text at 'user_data' (value set at {tmp_path / 'db.yaml'}:5)"
    )
    assert finding.evidence["value_set_at"] == {"user_data": f"{tmp_path / 'db.yaml'}:5"}
    assert len(renderings) == 3


def test_no_rendering_when_no_verdict_names_a_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan without GDCC-SECRET-001 renders the text only to ask whether the secret is
    the template's own (before: also with each param, in both reads: 4)."""
    renderings, result = _renderings(tmp_path, monkeypatch, ("GDCC-CMP-005",))
    assert [(f.address, f.rule_id) for f in result.findings] == [("db", "GDCC-CMP-005")]
    assert len(renderings) == 1


def test_a_later_origin_is_asked_only_where_value_origins_has_none() -> None:
    """GDCC-SECRET-001 names ``value_origins``' place first (as the merged places did), a
    later origin otherwise, and none when it finds none; the calls are not dumped."""
    asked: list[str] = []

    def later(path: str, where: str | None) -> Any:
        def call() -> str | None:
            asked.append(path)
            return where
        return call

    resource = Resource(
        id="-/-/OS::Nova::Server.db", kind="compute.instance", name="db", provider="openstack",
        provider_type="OS::Nova::Server", origin="heat",
        facets=Facets(hardcoded_secrets=("a", "b", "c")),
        value_origins={"hardcoded_secrets.a": "db.yaml:5"},
        later_origins={"a": later("a", "db.yaml:9"), "b": later("b", "db.yaml:7"),
                       "c": later("c", None)},
        location=SourceLocation(file="db.yaml", start_line=1),
    )
    (rule,) = [r for r in builtin_rules() if r.id == "GDCC-SECRET-001"]
    [finding] = judge(rule, [resource])
    assert finding.evidence["value_set_at"] == {"a": "db.yaml:5", "b": "db.yaml:7"}
    assert asked == ["b", "c"]
    assert "later_origins" not in resource.model_dump()
