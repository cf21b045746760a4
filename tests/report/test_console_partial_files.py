"""The console listed a file assessed in part (a Kubernetes key written twice with two values:
the rest of the file is assessed) under "Files not assessed", as if none of it had been,
while its own count line said "1 partially assessed" and the HTML / PDF report says "assessed
in part". Its heading and the file's line now say so, in English and Thai."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.cli.app import run

#: ``privileged`` written twice: kubectl applies the last value (tests/k8s).
PRIVILEGED_TWICE = """\
apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: ops
spec:
  containers:
    - name: agent
      image: agent:1.0
      securityContext:
        privileged: false
        privileged: true
"""


def _lines(folder: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    run(
        [
            "scan",
            str(folder),
            "--rules",
            "GDCC-K8S-001",
            "--fail-on",
            "none",
            "--no-color",
            "--lang",
            lang,
            "-q",
        ]
    )
    return [line.rstrip() for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(
    ("lang", "heading", "file_line"),
    [
        ("en", "Files not assessed or assessed in part", "  ✗ pod.yaml:12 (partially assessed):"),
        ("th", "ไฟล์ที่ตรวจไม่ได้หรือตรวจได้บางส่วน", "  ✗ pod.yaml:12 (ตรวจได้บางส่วน):"),
    ],
    ids=["en", "th"],
)
def test_a_file_assessed_in_part_is_listed_as_such(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    heading: str,
    file_line: str,
) -> None:
    (tmp_path / "pod.yaml").write_text(PRIVILEGED_TWICE)
    monkeypatch.setenv("COLUMNS", "100")
    lines = _lines(tmp_path, lang, capsys)
    at = lines.index(heading)
    assert lines[at + 1] == file_line
    assert lines[at + 2].startswith("    duplicate key 'privileged' (first at line 11)")


def test_a_file_not_assessed_keeps_its_heading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pod.yaml").write_text("apiVersion: v1\nkind: Pod\nmetadata: [\n")
    monkeypatch.setenv("COLUMNS", "100")
    lines = _lines(tmp_path, "en", capsys)
    at = lines.index("Files not assessed")
    assert lines[at + 1].startswith("  ✗ pod.yaml")
    assert "(partially assessed)" not in lines[at + 1]
