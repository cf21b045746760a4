"""Alibaba Cloud Classic Load Balancers (``alicloud_slb_load_balancer``, ``alicloud_slb``) and
their listeners (``alicloud_slb_listener``) were not judged: an HTTPS listener left on the
provider's default cipher policy (``tls_cipher_policy_1_0``: TLS 1.0 allowed) and a plain HTTP
listener had no finding (alibabacloud-automation/terraform-alicloud-slb: 6 balancers and 2
listeners "not judged")."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "alicloud_slb_listeners"


def _found() -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-ENC-004", "GDCC-ENC-005", "GDCC-NET-003")))
    assert not {"alicloud_slb_listener", "alicloud_slb_load_balancer",
                "alicloud_slb_tls_cipher_policy"} & set(result.not_judged)
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_https_on_the_default_cipher_policy_allows_tls_1_0() -> None:
    found = _found()
    assert found[("GDCC-ENC-005", "alicloud_slb_listener.https_default")] == (
        Status.FAIL,
        "the minimum TLS version is 1.0; 1.2 or later required (provider default: "
        "'tls_cipher_policy' not set)",
    )
    assert found[("GDCC-ENC-005", "alicloud_slb_listener.https_strict")][0] is Status.PASS
    # a custom alicloud_slb_tls_cipher_policy's tls_versions
    assert found[("GDCC-ENC-005", "alicloud_slb_listener.https_custom")][0] is Status.PASS


def test_plain_http_fails_and_tcp_is_not_known() -> None:
    found = _found()
    assert found[("GDCC-ENC-004", "alicloud_slb_listener.http")] == (
        Status.FAIL, "unencrypted connections are accepted"
    )
    assert found[("GDCC-ENC-004", "alicloud_slb_listener.https_default")][0] is Status.PASS
    assert found[("GDCC-ENC-004", "alicloud_slb_listener.tcp")][0] is Status.UNKNOWN
    assert found[("GDCC-ENC-005", "alicloud_slb_listener.http")][0] is Status.NOT_APPLICABLE


def test_an_internet_balancer_is_a_public_entry_point() -> None:
    found = _found()
    assert found[("GDCC-NET-003", "alicloud_slb_load_balancer.web")] == (
        Status.UNKNOWN, "a public entry point, and whether it has a WAF is not known from the input"
    )
    assert found[("GDCC-NET-003", "alicloud_slb_listener.https_default")] == (
        Status.NOT_APPLICABLE, "a listener: judged on its load balancer"
    )
    assert found[("GDCC-ENC-004", "alicloud_slb_load_balancer.web")][0] is Status.NOT_APPLICABLE
