"""Cloud Composer environments, Cloud Data Fusion instances (``normalize/terraform/
google_composer.py``) and user-managed notebooks (``google_notebooks_instance``,
``google_workbench.py``) were not mapped: an environment whose nodes have public addresses
by default, or a notebook with an external IP, root access and the default service account,
had no finding at all."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "google_composer"
RULES = (
    "GDCC-CLU-001", "GDCC-CLU-002", "GDCC-CLU-005", "GDCC-CLU-007", "GDCC-CMP-001",
    "GDCC-CMP-003", "GDCC-CMP-005", "GDCC-CMP-006", "GDCC-CMP-012", "GDCC-CMP-013",
)  # fmt: skip


def _findings() -> dict[tuple[str, str], Finding]:
    result = audit([FIXTURES / "main.tf"], Settings(rule_ids=RULES))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def _said(found: dict[tuple[str, str], Finding], address: str, rule: str) -> tuple[Status, str]:
    finding = found[(address, rule)]
    return finding.status, finding.message.en if finding.message else ""


def test_composer_public_ip_environment_fails_by_default() -> None:
    found = _findings()
    env = "google_composer_environment.public_v2"
    assert _said(found, env, "GDCC-CLU-005") == (
        Status.FAIL,
        "nodes get public IP addresses "
        "(provider default: 'config.0.private_environment_config' not set)",
    )
    assert _said(found, env, "GDCC-CLU-002") == (
        Status.FAIL,
        "the API server endpoint is public "
        "(provider default: 'config.0.private_environment_config' not set)",
    )
    # no grant of a Composer environment is read: never a PASS for who may use it
    assert found[(env, "GDCC-CLU-007")].status is Status.NOT_APPLICABLE
    status, message = _said(found, env, "GDCC-CLU-001")
    assert status is Status.NOT_APPLICABLE
    assert "Cloud Composer creates and runs the GKE cluster" in message


def test_composer_private_environment() -> None:
    found = _findings()
    env = "google_composer_environment.private_v2"
    assert found[(env, "GDCC-CLU-005")].status is Status.PASS
    assert found[(env, "GDCC-CLU-002")].status is Status.PASS
    # a Private IP environment whose cluster keeps its public endpoint
    env = "google_composer_environment.private_ip_public_endpoint"
    assert found[(env, "GDCC-CLU-005")].status is Status.PASS
    assert _said(found, env, "GDCC-CLU-002") == (
        Status.FAIL,
        "the API server endpoint is public (provider default: "
        "'config.0.private_environment_config.0.enable_private_endpoint' not set)",
    )


def test_composer_3_and_unknown_versions() -> None:
    found = _findings()
    for rule in ("GDCC-CLU-002", "GDCC-CLU-005"):
        status, message = _said(found, "google_composer_environment.v3", rule)
        assert status is Status.NOT_APPLICABLE, rule
        assert "Cloud Composer 3 runs the environment's cluster" in message
        status, message = _said(found, "google_composer_environment.var_version", rule)
        assert status is Status.UNKNOWN, rule
        assert "the Cloud Composer version is not known" in message
        # stop 36: no image_version is the provider's default, the latest Composer 2 (was
        # UNKNOWN); a Public IP environment: FAIL labelled default, the version named
        status, message = _said(found, "google_composer_environment.no_version", rule)
        assert status is Status.FAIL, rule
        assert "'config.0.private_environment_config' not set" in message
        assert "image_version is not written: the provider's default" in message
        status, message = _said(found, "google_composer_environment.no_version_private", rule)
        assert status is Status.PASS, rule


def test_data_fusion_instances() -> None:
    found = _findings()
    default = "google_data_fusion_instance.default"
    assert _said(found, default, "GDCC-CLU-005") == (
        Status.FAIL, "nodes get public IP addresses (provider default: 'private_instance' not set)"
    )
    assert found[(default, "GDCC-CLU-002")].status is Status.FAIL
    assert found[(default, "GDCC-CLU-007")].status is Status.NOT_APPLICABLE
    private = "google_data_fusion_instance.private"
    assert found[(private, "GDCC-CLU-005")].status is Status.PASS
    assert found[(private, "GDCC-CLU-002")].status is Status.PASS


def test_user_managed_notebook_defaults_fail() -> None:
    found = _findings()
    nb = "google_notebooks_instance.legacy_default"
    assert _said(found, nb, "GDCC-CMP-001") == (
        Status.FAIL, "it has a public IP address (provider default: 'no_public_ip' not set)"
    )
    assert _said(found, nb, "GDCC-CMP-006") == (
        Status.FAIL,
        "it runs as the default service account (provider default: 'service_account' not set)",
    )
    assert _said(found, nb, "GDCC-CMP-013") == (
        Status.FAIL,
        "notebook users may become root "
        "(provider default: 'metadata.notebook-disable-root' not set)",
    )
    assert _said(found, nb, "GDCC-CMP-012") == (
        Status.FAIL,
        "boot protections off: secure boot "
        "(provider default: 'shielded_instance_config.0.enable_secure_boot' not set)",
    )
    assert found[(nb, "GDCC-CMP-003")].status is Status.PASS


def test_user_managed_notebook_locked() -> None:
    found = _findings()
    nb = "google_notebooks_instance.legacy_locked"
    for rule in ("GDCC-CMP-001", "GDCC-CMP-003", "GDCC-CMP-006", "GDCC-CMP-012",
                 "GDCC-CMP-013"):
        assert found[(nb, rule)].status is Status.PASS, rule
    assert _said(found, nb, "GDCC-CMP-005") == (
        Status.UNKNOWN,
        "whether user data holds secrets is not known from the input: "
        "its post-startup-script runs a script on the instance that is not read",
    )


def test_composer_empty_private_environment_block_is_private_ip() -> None:
    """An empty ``private_environment_config {}`` makes a Private IP environment (the provider
    sends enablePrivateEnvironment for the block): its nodes have no public address; the API
    server's public endpoint stays open by default."""
    found = _findings()
    env = "google_composer_environment.private_ip_empty_block"
    assert _said(found, env, "GDCC-CLU-005")[0] is Status.PASS
    assert _said(found, env, "GDCC-CLU-002") == (
        Status.FAIL,
        "the API server endpoint is public (provider default: "
        "'config.0.private_environment_config.0.enable_private_endpoint' not set)",
    )
