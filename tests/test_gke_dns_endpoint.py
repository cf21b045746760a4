"""GKE control planes reached only through their DNS-based endpoint (GDCC-CLU-002): IP-based
endpoints disabled leave only the DNS endpoint, which lets in only requests IAM allows
unless it accepts Kubernetes tokens or certificates."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

CLUSTERS = """\
resource "google_container_cluster" "dns_only" {
  name     = "dns-only"
  location = "asia-southeast1"
  control_plane_endpoints_config {
    dns_endpoint_config {
      allow_external_traffic = true
    }
    ip_endpoints_config {
      enabled = false
    }
  }
}

resource "google_container_cluster" "closed" {
  name     = "closed"
  location = "asia-southeast1"
  control_plane_endpoints_config {
    dns_endpoint_config {
      allow_external_traffic = false
    }
    ip_endpoints_config {
      enabled = false
    }
  }
}

resource "google_container_cluster" "dns_k8s_tokens" {
  name     = "dns-tokens"
  location = "asia-southeast1"
  control_plane_endpoints_config {
    dns_endpoint_config {
      allow_external_traffic    = true
      enable_k8s_tokens_via_dns = true
    }
    ip_endpoints_config {
      enabled = false
    }
  }
}

resource "google_container_cluster" "private_ip_dns_certs" {
  name     = "private-ip-dns-certs"
  location = "asia-southeast1"
  private_cluster_config {
    enable_private_endpoint = true
    enable_private_nodes    = true
  }
  control_plane_endpoints_config {
    dns_endpoint_config {
      allow_external_traffic   = true
      enable_k8s_certs_via_dns = true
    }
  }
}

resource "google_container_cluster" "ip_unknown" {
  name     = "ip-unknown"
  location = "asia-southeast1"
  control_plane_endpoints_config {
    ip_endpoints_config {
      enabled = var.ip_access
    }
  }
}

resource "google_container_cluster" "ip_enabled_public" {
  name     = "ip-public"
  location = "asia-southeast1"
  control_plane_endpoints_config {
    dns_endpoint_config {
      allow_external_traffic = true
    }
    ip_endpoints_config {
      enabled = true
    }
  }
}

variable "ip_access" {
  type = bool
}
"""

_DNS_ONLY = (
    "IP-based endpoints disabled (control_plane_endpoints_config.ip_endpoints_config.enabled = "
    "false): the control plane is reached only through its DNS-based endpoint, where Google "
    "lets in only requests that IAM allows"
)
_K8S = (
    "the DNS-based endpoint takes user traffic from any network and accepts Kubernetes tokens "
    "or certificates (enable_k8s_tokens_via_dns / enable_k8s_certs_via_dns), which IAM does "
    "not check"
)


def _run(tmp_path: Path, text: str) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CLU-002",), cache=False))
    return {f.address or "": f for f in result.findings}


def test_dns_only_control_plane(tmp_path: Path) -> None:
    found = _run(tmp_path, CLUSTERS)
    status = {a: f.status for a, f in found.items()}
    assert status == {
        "google_container_cluster.dns_only": Status.PASS,
        "google_container_cluster.closed": Status.PASS,
        "google_container_cluster.dns_k8s_tokens": Status.FAIL,
        "google_container_cluster.private_ip_dns_certs": Status.FAIL,
        "google_container_cluster.ip_unknown": Status.UNKNOWN,
        "google_container_cluster.ip_enabled_public": Status.FAIL,
    }
    dns_only = found["google_container_cluster.dns_only"]
    assert dns_only.evidence == {
        "public_endpoint": False,
        "decided_by": {"public_endpoint": _DNS_ONLY},
    }
    assert dns_only.message.en == (
        f"The cluster API server has a private endpoint only ({_DNS_ONLY})"
    )
    assert dns_only.message.th.endswith("ซึ่ง Google ยอมให้เฉพาะคำขอที่ IAM อนุญาต)")
    closed = found["google_container_cluster.closed"]
    assert closed.evidence["decided_by"] == {
        "public_endpoint": "IP-based endpoints disabled (control_plane_endpoints_config."
        "ip_endpoints_config.enabled = false) and no user traffic over the DNS-based endpoint "
        "(allow_external_traffic = false)"
    }
    tokens = found["google_container_cluster.dns_k8s_tokens"]
    assert tokens.evidence["decided_by"] == {"public_endpoint": _K8S}
    assert tokens.message.en.endswith(f"({_K8S})")
    certs = found["google_container_cluster.private_ip_dns_certs"]
    assert certs.evidence["decided_by"] == {"public_endpoint": _K8S}
    # an IP endpoint left enabled is judged as before: public unless private_cluster_config
    # says otherwise, and the DNS endpoint gives it no reason
    assert "decided_by" not in found["google_container_cluster.ip_enabled_public"].evidence
