"""Whole-root decisions on a Huawei balancer's WAF and access logs when the root is not all
that decides them: a WAF domain of another root of the scan names a balancer by an input
(GDCC-NET-003 FAILed "no WAF domain of the scanned configuration names it"), or a block of the
root was lost to a syntax error and is a WAF domain or a log tank (GDCC-NET-003 / LOG-007
FAILed). Now UNKNOWN naming it; the root scanned alone is decided as before."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "huaweicloud_waf_roots"
LB = "huaweicloud_elb_loadbalancer.web"


def findings(path: Path) -> dict[tuple[str, str], Finding]:
    result = audit([path], Settings(rule_ids=["GDCC-NET-003", "GDCC-LOG-007"]))
    files = {r.id: (r.file or "") for r in result.resources}
    return {
        (f.rule_id, files[f.resource_id].split("/")[-2]): f
        for f in result.findings if f.address == LB
    }


def test_waf_domain_of_another_root() -> None:
    waf = findings(FIXTURE)[("GDCC-NET-003", "app")]
    assert waf.status is Status.UNKNOWN
    assert waf.message.en.endswith(
        "WAF domains of other roots of the scan name a balancer or origin they look up outside "
        "their root, which may be this one: huaweicloud_waf_dedicated_domain.site (edge)"
    )
    alone = findings(FIXTURE / "app")[("GDCC-NET-003", "app")]
    assert alone.status is Status.FAIL


def test_lost_blocks_of_the_root() -> None:
    found = findings(FIXTURE / "lost")
    waf = found[("GDCC-NET-003", "lost")]
    assert waf.status is Status.UNKNOWN
    assert "a block of the root that was not assessed may be a WAF domain naming it: " in (
        waf.message.en
    )
    assert waf.message.en.endswith("lost/waf.tf:2")
    logs = found[("GDCC-LOG-007", "lost")]
    assert logs.status is Status.UNKNOWN
    assert logs.message.en.endswith("lost/waf.tf:10")
