"""A HOT template whose resource is written twice, first as text: the secrets re-read of the
ignored first value (with_ignored_secrets) crashed the Heat mapper ("internal error while
mapping it (heat): AttributeError: 'str' object has no attribute 'get'"; found by
tests/hardening/test_fuzz_properties.py). The template is assessed, read as Heat reads it."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

TEMPLATE = """\
heat_template_version: 2018-08-31
resources:
  web: text
  web:
    type: OS::Nova::Server
    properties: {image: x, flavor: y, admin_pass: hunter2hunter2}
"""


def test_a_resource_first_written_as_text_does_not_crash(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert [(i.status, i.error) for i in result.inputs] == [(InputStatus.ASSESSED, None)]
    [found] = [f for f in result.findings if f.address == "web"]
    assert found.status is Status.FAIL
