"""Alibaba Cloud ACK clusters (``alicloud_cs_managed_kubernetes``, ``alicloud_cs_kubernetes``)
were not mapped: "not judged", though the provider creates an internet load balancer for the
API server unless told not to (``slb_internet_enabled`` "Default to true"). Now judged on the
API endpoint (GDCC-CLU-002), Secrets encryption with a KMS key (GDCC-CLU-001:
``encryption_provider_key``) and control-plane logs (GDCC-CLU-003:
``control_plane_log_components`` / ``audit_log_config``), each default said so
(``normalize/terraform/alicloud_ack.py``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEXT = """\
resource "alicloud_cs_managed_kubernetes" "plain" {
  name         = "plain"
  cluster_spec = "ack.pro.small"
  vswitch_ids  = ["vsw-1"]
}
resource "alicloud_cs_managed_kubernetes" "hardened" {
  name                         = "hardened"
  cluster_spec                 = "ack.pro.small"
  vswitch_ids                  = ["vsw-1"]
  slb_internet_enabled         = false
  encryption_provider_key      = "key-123"
  enable_rrsa                  = true
  control_plane_log_components = ["apiserver", "kcm", "scheduler"]
  control_plane_log_ttl        = 30
}
resource "alicloud_cs_kubernetes" "dedicated" {
  name                 = "dedicated"
  master_vswitch_ids   = ["vsw-1", "vsw-2", "vsw-3"]
  master_instance_types = ["ecs.g7.large", "ecs.g7.large", "ecs.g7.large"]
}
"""

RULES = ("GDCC-CLU-001", "GDCC-CLU-002", "GDCC-CLU-003")


def _found(tmp_path: Path, text: str = TEXT) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert not {"alicloud_cs_managed_kubernetes", "alicloud_cs_kubernetes"} & set(
        result.not_judged
    )
    return {(f.address.split(".")[1], f.rule_id): (f.status, f.message.en)
            for f in result.findings}


def test_a_managed_cluster_left_to_the_defaults(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found[("plain", "GDCC-CLU-002")] == (
        Status.FAIL,
        "the API server endpoint is public (provider default: 'slb_internet_enabled' not set)",
    )
    assert found[("plain", "GDCC-CLU-001")] == (
        Status.FAIL,
        "Kubernetes Secrets are not encrypted with a managed key (provider default: "
        "'encryption_provider_key' not set)",
    )
    assert found[("plain", "GDCC-CLU-003")] == (
        Status.FAIL,
        "control-plane logs are not sent to the log service (provider default: "
        "'control_plane_log_components' not set)",
    )


def test_a_hardened_managed_cluster_passes(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert [found[("hardened", rule)][0] for rule in RULES] == [Status.PASS] * 3


def test_an_audit_log_config_sends_control_plane_logs(tmp_path: Path) -> None:
    text = TEXT.replace(
        'name         = "plain"',
        'name         = "plain"\n  audit_log_config {\n    enabled = true\n  }',
    )
    assert _found(tmp_path, text)[("plain", "GDCC-CLU-003")][0] is Status.PASS


def test_a_dedicated_cluster_is_judged_on_its_api_endpoint(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found[("dedicated", "GDCC-CLU-002")] == (
        Status.FAIL,
        "the API server endpoint is public (provider default: 'slb_internet_enabled' not set)",
    )
    assert found[("dedicated", "GDCC-CLU-001")][0] is Status.UNKNOWN


def test_a_managed_clusters_api_server_is_its_only_way_in(tmp_path: Path) -> None:
    """The managed control plane serves the Kubernetes API on TCP 6443 only
    (``graph/control_plane.py``): no SSH or RDP path is claimed to it."""
    (tmp_path / "main.tf").write_text(TEXT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["alicloud_cs_managed_kubernetes.plain"] == (
        Status.UNKNOWN,
        "management port 6443 reachable from the internet if what is not known allows it: "
        "internet → plain:6443",
    )
    assert found["alicloud_cs_managed_kubernetes.hardened"] == (
        Status.PASS,
        "the managed control plane serves only the Kubernetes API (TCP 6443), whose exposure "
        "GDCC-CLU-002 judges; its node groups are judged on their own",
    )
