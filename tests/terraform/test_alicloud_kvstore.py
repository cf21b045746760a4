"""Tair (Redis OSS-compatible) / Memcache instances (``alicloud_kvstore_instance``) had no
finding at all: the 16 instances of alibabacloud-automation/terraform-alicloud-redis were
"not judged", whatever their whitelist, password-free access, TLS, TDE or public endpoint.
They are now read as databases (``normalize/terraform/alicloud_kvstore.py``), each default
named with its documentation page."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "alicloud_kvstore"
RULES = (
    "GDCC-NET-002", "GDCC-GRAPH-004", "GDCC-DB-006", "GDCC-ENC-001", "GDCC-ENC-004",
    "GDCC-BCK-001", "GDCC-BCK-002", "GDCC-DB-002",
)


def _found() -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURE], Settings(rule_ids=RULES))
    assert not {
        "alicloud_kvstore_instance", "alicloud_kvstore_connection",
        "alicloud_kvstore_backup_policy",
    } & set(result.not_judged)
    return {
        (f.rule_id, (f.address or "").removeprefix("alicloud_kvstore_instance.")): (
            f.status, f.message.en
        )
        for f in result.findings
    }


def test_an_open_password_free_instance_with_a_public_endpoint_fails() -> None:
    found = _found()
    assert found[("GDCC-NET-002", "open")] == (
        Status.FAIL,
        "the endpoint is public (alicloud_kvstore_connection.open allocates it a public "
        "endpoint (https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/"
        "resources/kvstore_connection))",
    )
    assert found[("GDCC-GRAPH-004", "open")] == (
        Status.FAIL,
        "the data tier is not segmented from the web tier: it admits any address on port(s) "
        "6379",
    )
    assert found[("GDCC-DB-006", "open")] == (
        Status.FAIL, "clients connect without authenticating"
    )


def test_the_defaults_are_facts() -> None:
    """Nothing but the instance: only 127.0.0.1 whitelisted (no client), a password
    required, no TLS, no TDE, private endpoints, daily backups kept seven days."""
    found = _found()
    assert found[("GDCC-GRAPH-004", "plain")][0] is Status.PASS
    assert found[("GDCC-DB-006", "plain")][0] is Status.PASS
    status, message = found[("GDCC-NET-002", "plain")]
    assert status is Status.PASS
    assert "no public endpoint association of the scanned configuration names it" in message
    assert found[("GDCC-ENC-004", "plain")] == (
        Status.FAIL,
        "unencrypted connections are accepted (provider default: 'ssl_enable' not set)",
    )
    assert found[("GDCC-ENC-001", "plain")] == (
        Status.FAIL, "encryption at rest is off (provider default: 'tde_status' not set)"
    )
    for name in ("plain", "open", "hardened"):
        assert found[("GDCC-BCK-001", name)][0] is Status.PASS
        assert found[("GDCC-BCK-002", name)][0] is Status.PASS
    assert found[("GDCC-DB-002", "plain")][0] is Status.UNKNOWN  # no documented default


def test_a_hardened_instance() -> None:
    found = _found()
    for rule in ("GDCC-ENC-001", "GDCC-ENC-004", "GDCC-DB-006", "GDCC-NET-002", "GDCC-DB-002"):
        assert found[(rule, "hardened")][0] is Status.PASS, rule
    # an office range and an ECS security group: which tier they are is not read
    status, message = found[("GDCC-GRAPH-004", "hardened")]
    assert status is Status.UNKNOWN
    assert "allows 10.0.1.0/24" in message


def test_what_each_instance_admits_and_the_documents_named() -> None:
    resources, errors, _ = run(FIXTURE)
    assert not errors
    plain = resources["alicloud_kvstore_instance.plain"]
    assert plain.facets.ingress == ()
    assert plain.defaults["backup_retention_days"].doc.endswith("automatic-or-manual-backup")
    assert plain.defaults["encrypted_in_transit"].doc.endswith("enable-tls-encryption")
    assert plain.defaults["auth_required"].attribute == "vpc_auth_mode"
    hardened = resources["alicloud_kvstore_instance.hardened"].facets
    assert hardened.customer_managed_key is True
    assert hardened.high_availability is True
    assert [(r.from_port, r.sources) for r in hardened.ingress or ()] == [
        (6379, ("10.0.1.0/24", "sg:unknown")),
    ]


def test_tair_cloud_native_instances() -> None:
    """``alicloud_redis_tair_instance`` (was not judged either): its whitelist is one
    comma-separated text; it has no TDE argument (UNKNOWN, saying so)."""
    result = audit([FIXTURE], Settings(rule_ids=(*RULES, "GDCC-ENC-001")))
    assert "alicloud_redis_tair_instance" not in result.not_judged
    found = {
        (f.rule_id, (f.address or "").removeprefix("alicloud_redis_tair_instance.")): (
            f.status, f.message.en
        )
        for f in result.findings
    }
    assert found[("GDCC-GRAPH-004", "tair_open")] == (
        Status.FAIL,
        "the data tier is not segmented from the web tier: it admits any address on port(s) "
        "6379",
    )
    assert found[("GDCC-DB-006", "tair_open")] == (
        Status.FAIL, "clients connect without authenticating"
    )
    assert found[("GDCC-ENC-004", "tair_open")] == (
        Status.FAIL,
        "unencrypted connections are accepted (provider default: 'ssl_enabled' not set)",
    )
    for rule in ("GDCC-ENC-004", "GDCC-DB-006", "GDCC-GRAPH-004", "GDCC-NET-002"):
        assert found[(rule, "tair_default")][0] is Status.PASS, rule
    status, message = found[("GDCC-ENC-001", "tair_default")]
    assert status is Status.UNKNOWN
    assert "has no argument for transparent data encryption" in message
