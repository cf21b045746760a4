"""Editors' and tools' settings files written as JSON with comments (``.vscode/launch.json``,
``devcontainer.json``) are set aside as *not recognised* with the reason, not *not assessed*
("invalid JSON", exit code 2, for every repository with such a folder); broken JSON, and
JSONC that a loader would read as configuration (a CloudFormation template with comments,
which CloudFormation refuses), are still input errors."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.discover import JSONC_REASON
from gdcc_audit.load.jsonc import read_jsonc, strip_jsonc
from gdcc_audit.models.result import InputStatus

LAUNCH = """\
{
  // Use IntelliSense to learn about possible attributes.
  "version": "0.2.0",
  "configurations": [
    {
      "name": "Debug", /* inline */
      "url": "http://localhost:8080/*not a comment*/",
      "args": ["--flag",],
    },
  ]
}
"""

TEMPLATE_WITH_COMMENTS = """\
{
  // CloudFormation refuses comments
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Logs": {"Type": "AWS::S3::Bucket"}
  }
}
"""


def test_strip_jsonc_keeps_strings() -> None:
    assert read_jsonc(LAUNCH) == {
        "version": "0.2.0",
        "configurations": [{
            "name": "Debug",
            "url": "http://localhost:8080/*not a comment*/",
            "args": ["--flag"],
        }],
    }
    assert strip_jsonc('{"a": "x // y", "b": "\\"//"}') == '{"a": "x // y", "b": "\\"//"}'
    assert read_jsonc('{"a": 1') is None  # broken, comments or not
    assert read_jsonc('{"a": 1}') is None  # plain JSON: nothing to strip


def test_settings_files_are_set_aside_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / ".vscode").mkdir()
    (tmp_path / ".vscode" / "launch.json").write_text(LAUNCH, encoding="utf-8")
    (tmp_path / "stack.json").write_text(TEMPLATE_WITH_COMMENTS, encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"Resources": {', encoding="utf-8")
    result = audit([tmp_path])
    found = {Path(i.path).name: (i.status, i.error) for i in result.inputs}
    assert found["launch.json"] == (InputStatus.NOT_RECOGNISED, JSONC_REASON)
    for name in ("stack.json", "broken.json"):
        status, error = found[name]
        assert status is InputStatus.NOT_ASSESSED
        assert error is not None
        assert error.startswith("invalid JSON")
