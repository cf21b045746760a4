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


def _environment(name: str, version: str, zone: str = "") -> str:
    return f"""
variable "network" {{
  type = string
}}
resource "google_composer_environment" "{name}" {{
  name   = "{name}"
  region = "asia-southeast1"
  config {{
    node_config {{
      {zone}
      network = var.network
    }}
    software_config {{
      image_version = "{version}"
    }}
  }}
}}
"""


def test_composer_3_has_no_management_port_of_the_tenants(tmp_path: Path) -> None:
    # a Composer 1 environment of another root in a network that may be the same one reached
    # the Composer 3 environment laterally on port 22 (UNKNOWN); its cluster is in Google's
    # project: no node of the tenant's to reach
    (tmp_path / "v1").mkdir()
    (tmp_path / "v3").mkdir()
    (tmp_path / "v1" / "main.tf").write_text(_environment(
        "v1", "composer-1.20.12-airflow-2.4.3", 'zone = "asia-southeast1-a"'
    ))
    (tmp_path / "v3" / "main.tf").write_text(_environment("v3", "composer-3-airflow-2.10.2"))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    v3 = found["google_composer_environment.v3"]
    assert v3.status is Status.NOT_APPLICABLE
    assert v3.message.en == (
        "does not apply to google_composer_environment: Cloud Composer 3 runs the environment's "
        "cluster in a Google-managed tenant project: the tenant has no API server or node of it "
        "to expose (enable_private_environment decides only the Airflow workers' outbound "
        "internet access)"
    )
    assert v3.message.th.startswith("ไม่ใช้กับ google_composer_environment: Cloud Composer 3")
    # the Composer 1 environment's own nodes are still judged
    assert found["google_composer_environment.v1"].status is Status.UNKNOWN
