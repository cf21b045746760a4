"""One scan, every output format, twice, with the network unavailable: a planted secret
appears nowhere, input control characters are never raw, the runs are byte-identical, and
nothing tried to connect."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from gdcc_audit.cli.app import run

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "secret"
SECRETS = ("wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY", "Hunter2Hunter2")
FORMATS = "json,sarif,csv,junit,html,oscal,console"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every socket connect raises (and is recorded): the scan must not need the network."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network disabled by the test suite")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: attempts.append(a))
    return attempts


def _scan(out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = run(
        ["scan", str(FIXTURE), "--now", "2026-11-23", "--format", FORMATS, "--output", str(out),
         "--no-color", "-q"]
    )  # fmt: skip
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_every_format_is_safe_deterministic_and_offline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: list[object]
) -> None:
    first, screen = _scan(tmp_path / "a", capsys)
    second, _ = _scan(tmp_path / "b", capsys)
    assert first == second == 2  # main.tf has a syntax error: partially assessed
    assert no_network == []
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == [
        "gdcc-audit.csv", "gdcc-audit.html", "gdcc-audit.json", "gdcc-audit.junit.xml",
        "gdcc-audit.oscal.json", "gdcc-audit.sarif",
    ]  # fmt: skip
    outputs = {name: (tmp_path / "a" / name).read_text(encoding="utf-8") for name in files}
    outputs["console and stderr"] = screen
    for name, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret} leaked into {name}"
        assert "\x1b" not in text, f"a raw escape character reached {name}"
    # The syntax error is still reported, with its line, without quoting the secret.
    assert "main.tf:6:34: partially parsed: syntax error (unexpected text of 18 characters (not" \
        " quoted: it may be a secret))" in screen
    # The free-text field (a system's English name) is masked where it is shown.
    assert "Portal password: ***REDACTED***" in outputs["gdcc-audit.html"]
    for name in ("gdcc-audit.json", "gdcc-audit.sarif", "gdcc-audit.csv", "gdcc-audit.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def _fragments(secret: str, size: int = 8) -> set[str]:
    """Every ``size``-character piece of ``secret``: a part of it is a leak too."""
    return {secret[i : i + size] for i in range(len(secret) - size + 1)}


def test_the_pdf_text_and_its_json_attachment_hold_no_part_of_the_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: list[object]
) -> None:
    pypdf = pytest.importorskip("pypdf")
    code = run(
        ["scan", str(FIXTURE), "--now", "2026-11-23", "--format", "pdf", "--framework",
         "ISO27001-2022", "--rules", "GDCC-NET-001", "--output", str(tmp_path / "r.pdf"),
         "--no-color", "-q"]
    )  # fmt: skip
    capsys.readouterr()
    assert code == 2
    # One framework and one rule keep the PDF short (WeasyPrint costs ~1 s a page); the
    # leaks this looks for (the syntax error's line, a system's free-text name) are shown
    # whatever the rules.
    reader = pypdf.PdfReader(tmp_path / "r.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    (attached,) = [data for files in reader.attachments.values() for data in files]
    # The text layer breaks long strings over lines: compare without white space too.
    layers = {"text": text, "joined text": "".join(text.split()), "JSON": attached.decode()}
    assert "unexpectedtextof18characters" in layers["joined text"]  # the error is shown...
    assert "Portal password: ***REDACTED***" in layers["JSON"]  # ...and the masked name
    for name, layer in layers.items():
        for secret in SECRETS:
            leaked = sorted(f for f in _fragments(secret) if f in layer)
            assert leaked == [], f"{secret}: {leaked} in the PDF's {name}"
    assert no_network == []


def test_junit_lists_a_partly_assessed_file_as_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: list[object]
) -> None:
    _scan(tmp_path, capsys)
    junit = (tmp_path / "gdcc-audit.junit.xml").read_text(encoding="utf-8")
    case = junit[junit.index('name="' + str(FIXTURE / "main.tf")) :]
    case = case[: case.index("</testcase>")]
    assert "<error " in case
    assert no_network == []


def test_control_characters_are_shown_escaped() -> None:
    from gdcc_audit.models.masking import safe_text

    assert safe_text("web\x1b[31m-sg\r\u202e") == "web\\x1b[31m-sg\\r\\u202e"
    assert safe_text("ระบบ\tok\n") == "ระบบ\tok\n"  # Thai, tabs and new lines stay
