"""Huawei Cloud load balancers (``huaweicloud_elb_loadbalancer``, ``huaweicloud_lb_loadbalancer``)
and shared listeners (``huaweicloud_lb_listener``) were not judged; a dedicated listener's
custom ``security_policy_id`` (which wins over ``tls_ciphers_policy``) was ignored, so a
policy allowing TLSv1 PASSed GDCC-ENC-005 on ``tls_ciphers_policy = "tls-1-2"``."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "huaweicloud_elb"


@pytest.fixture(scope="module")
def found() -> dict[tuple[str, str], Finding]:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-ENC-004", "GDCC-ENC-005", "GDCC-LOG-007"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    return {(f.rule_id, addresses[f.resource_id]): f for f in result.findings}


def test_custom_security_policy_decides(found: dict[tuple[str, str], Finding]) -> None:
    finding = found[("GDCC-ENC-005", "huaweicloud_elb_listener.custom")]
    assert finding.status is Status.FAIL
    assert finding.message.en == (
        "the minimum TLS version is 1.0; 1.2 or later required (the custom security policy "
        "huaweicloud_elb_security_policy.old allows TLSv1, TLSv1.2)"
    )


def test_shared_listener_default_policy(found: dict[tuple[str, str], Finding]) -> None:
    assert found[("GDCC-ENC-004", "huaweicloud_lb_listener.shared")].status is Status.PASS
    assert found[("GDCC-ENC-005", "huaweicloud_lb_listener.shared")].status is Status.FAIL


def test_balancers(found: dict[tuple[str, str], Finding]) -> None:
    for name in ("huaweicloud_elb_loadbalancer.public", "huaweicloud_lb_loadbalancer.shared"):
        assert found[("GDCC-ENC-004", name)].status is Status.NOT_APPLICABLE
    assert found[("GDCC-LOG-007", "huaweicloud_elb_loadbalancer.public")].status is Status.PASS
    internal = found[("GDCC-LOG-007", "huaweicloud_elb_loadbalancer.internal")]
    assert internal.status is Status.FAIL
    assert "no huaweicloud_elb_logtank of the scanned configuration names it" in (
        internal.message.en
    )
    plain = found[("GDCC-LOG-007", "huaweicloud_elb_listener.plain")]
    assert plain.status is Status.NOT_APPLICABLE
