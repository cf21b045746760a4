"""Huawei Cloud WAF in front of public load balancers (GDCC-NET-003).

A public Huawei balancer was UNKNOWN "whether it is public or has a WAF is not known": no WAF
resource was read, and a balancer whose ``ipv4_eip_id`` refers to an EIP of the scan was not
known to be public. Now a WAF domain names it in line (``loadbalancer_id``, cloud ELB mode) or
as its origin (``server`` ``address``); it protects only when it blocks: ``protect_status`` 1
(the provider's default 0 suspends protection) and a policy with ``protection_mode = "block"``
(default ``log``). Listeners are judged on their balancer; a balancer whose listeners carry no
HTTP has no WAF to ask for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "huaweicloud_waf"
NO_WAF = "a public entry point without a web application firewall"


@pytest.fixture(scope="module")
def found() -> dict[str, Finding]:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-NET-003"]))
    assert {i.status for i in result.inputs} == {"assessed"}
    addresses = {r.id: r.address for r in result.resources}
    return {addresses[f.resource_id]: f for f in result.findings}


def lb(name: str) -> str:
    return f'huaweicloud_elb_loadbalancer.lb["{name}"]'


def test_inline_waf_that_blocks(found: dict[str, Finding]) -> None:
    finding = found[lb("inline_block")]
    assert finding.status is Status.PASS
    assert finding.evidence["public_endpoint"] is True
    assert finding.evidence["decided_by"]["waf_enabled"] == (
        "WAF domain huaweicloud_waf_dedicated_domain.inline_block protects it (protect_status 1) "
        "with huaweicloud_waf_policy.block, which blocks attacks (protection_mode block)"
    )


def test_protection_suspended_by_default(found: dict[str, Finding]) -> None:
    finding = found[lb("inline_default")]
    assert finding.status is Status.FAIL
    assert finding.message.en == (
        f"{NO_WAF} (WAF domain huaweicloud_waf_dedicated_domain.inline_default has protection "
        "suspended (protect_status 0, the provider default): WAF only forwards requests and "
        "detects no attack)"
    )


def test_log_only_policy(found: dict[str, Finding]) -> None:
    finding = found[lb("log_only")]
    assert finding.status is Status.FAIL
    assert "only logs attacks (protection_mode log, the provider default)" in finding.message.en


def test_origin_reachable_around_the_waf(found: dict[str, Finding]) -> None:
    finding = found[lb("origin")]
    assert finding.status is Status.FAIL
    assert finding.message.en == (
        f"{NO_WAF} (WAF domain huaweicloud_waf_domain.origin forwards to it as its origin, but "
        "its listeners admit every address: requests sent straight to its address do not pass "
        "WAF)"
    )


def test_no_waf_domain_in_the_whole_root(found: dict[str, Finding]) -> None:
    """Scanned alone, ``main`` decides; beside ``unknown_origin``, whose domain forwards to an
    input address, that domain may protect ``bare`` (UNKNOWN)."""
    result = audit([FIXTURE / "main"], Settings(rule_ids=["GDCC-NET-003"]))
    addresses = {r.id: r.address for r in result.resources}
    alone = {addresses[f.resource_id]: f for f in result.findings}[lb("bare")]
    assert alone.status is Status.FAIL
    assert "no WAF domain of the scanned configuration names it" in alone.message.en
    assert found[lb("bare")].status is Status.UNKNOWN
    assert found[lb("bare")].message.en.endswith(
        "which may be this one: huaweicloud_waf_domain.site (unknown_origin)"
    )


def test_no_http_listener(found: dict[str, Finding]) -> None:
    finding = found[lb("tcp")]
    assert finding.status is Status.NOT_APPLICABLE
    assert finding.message.en.endswith(
        "its listeners carry no HTTP (TCP): WAF forwards only HTTP/S traffic"
    )


def test_origin_not_known(found: dict[str, Finding]) -> None:
    finding = found["huaweicloud_lb_loadbalancer.shared"]
    assert finding.status is Status.UNKNOWN
    assert finding.message.en.endswith(
        "WAF domains whose balancer or origin address is not known may protect it: "
        "huaweicloud_waf_domain.site"
    )


def test_listeners_are_judged_on_their_balancer(found: dict[str, Finding]) -> None:
    for address in ('huaweicloud_elb_listener.http["bare"]', "huaweicloud_lb_listener.http"):
        assert found[address].status is Status.NOT_APPLICABLE
