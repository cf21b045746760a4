"""GDCC-GRAPH-003 on an entry point whose path from the internet is not certain (a Google
forwarding rule whose ``count`` is an input with no value: it may not be created). Plain
text in front of personal data is the defect whichever way the entry is reached, so the
verdict stays FAIL (the lead's decision, stop 45, after an UNKNOWN reading was tried and
dropped in stop 44); the message now says the entry is reached from the internet only if
what is not known allows it and names that path. It named only the path behind the entry,
as for a certain one, so the reader could not tell the two apart."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

PROXY = Path(__file__).parent.parent / "fixtures" / "graph" / "gce_load_balancing" / "proxy"
RULE = 'resource "google_compute_global_forwarding_rule" "web" {\n'


def _proxy(tmp_path: Path, count: str = "") -> Finding:
    """The fixture's proxy, its forwarding rule given ``count`` (an HCL line) if any."""
    root = tmp_path / "proxy"
    shutil.copytree(PROXY, root)
    main = root / "main.tf"
    text = main.read_text(encoding="utf-8")
    if count:
        text = text.replace(RULE, 'variable "n" { type = number }\n\n' + RULE + count)
    main.write_text(text, encoding="utf-8")
    result = audit([root], Settings(rule_ids=("GDCC-GRAPH-003",)))
    return next(f for f in result.findings if f.address == "google_compute_target_http_proxy.web")


def test_an_entry_point_that_may_not_be_reached_fails_and_says_so(tmp_path: Path) -> None:
    proxy = _proxy(tmp_path, "  count = var.n\n")
    assert (proxy.status, proxy.message.en) == (
        Status.FAIL,
        "plain-text entry point in front of personal or classified data: "
        "web-proxy → web:8080 → db:5432; "
        "reached from the internet if what is not known allows it: internet → web-proxy:80",
    )
    assert proxy.message.th.endswith(
        "; เข้าถึงได้จากอินเทอร์เน็ตหากส่วนที่ไม่ทราบค่าอนุญาต: internet → web-proxy:80"
    )
    assert proxy.evidence["entry_certain"] is False


def test_a_certain_entry_point_says_nothing_more(tmp_path: Path) -> None:
    proxy = _proxy(tmp_path)
    assert (proxy.status, proxy.message.en) == (
        Status.FAIL,
        "plain-text entry point in front of personal or classified data: "
        "web-proxy → web:8080 → db:5432",
    )
    assert proxy.evidence["entry_certain"] is True
