"""GDCC-CLU-008 / CLU-009 / CMP-012 details the rule fixtures do not show: the google
provider version deciding ``enable_shielded_nodes``, node pools named by the cluster, an
instance made from a template, a plan's values."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

GKE = """\
resource "google_container_cluster" "c" {
  name     = "c"
  location = "asia-southeast1"
  node_config {
    shielded_instance_config {
      enable_secure_boot = true
    }
  }
}
"""


def _versions(constraint: str) -> str:
    return (
        "terraform {\n  required_providers {\n    google = {\n"
        f'      source  = "hashicorp/google"\n      version = "{constraint}"\n'
        "    }\n  }\n}\n"
    )


def _findings(root: Path, rule: str) -> dict[str, Finding]:
    result = audit([root], Settings(rule_ids=(rule,)))
    return {f.address: f for f in result.findings if f.address}


def test_shielded_nodes_off_by_default_before_google_4(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(GKE + _versions("~> 3.90"))
    found = _findings(tmp_path, "GDCC-CMP-012")["google_container_cluster.c"]
    assert found.status == Status.FAIL
    assert found.evidence["boot_protection_off"] == ["Shielded GKE Nodes"]


def test_shielded_nodes_on_by_default_from_google_4(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(GKE + _versions(">= 4.0, < 6.0"))
    assert _findings(tmp_path, "GDCC-CMP-012")["google_container_cluster.c"].status == (
        Status.PASS
    )


def test_shielded_nodes_unknown_when_versions_disagree(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(GKE + _versions(">= 3.0"))
    found = _findings(tmp_path, "GDCC-CMP-012")["google_container_cluster.c"]
    assert found.status == Status.UNKNOWN
    assert found.message is not None
    assert "enable_shielded_nodes" in found.message.en


def test_inline_node_pools_and_pools_outside_the_scan(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """
resource "google_container_cluster" "inline" {
  name = "inline"
  node_pool {
    name = "a"
    node_config {
      shielded_instance_config { enable_secure_boot = true }
    }
  }
  node_pool {
    name = "b"
  }
}

resource "google_container_cluster" "pools_elsewhere" {
  name                     = "pools-elsewhere"
  remove_default_node_pool = true
  initial_node_count       = 1
}
"""
    )
    found = _findings(tmp_path, "GDCC-CMP-012")
    inline = found["google_container_cluster.inline"]
    assert inline.status == Status.FAIL
    assert inline.evidence["boot_protection_off"] == ["secure boot on node pool b"]
    elsewhere = found["google_container_cluster.pools_elsewhere"]
    assert elsewhere.status == Status.UNKNOWN
    assert elsewhere.message is not None
    assert "no node pool of the scanned configuration" in elsewhere.message.en


def test_a_fail_known_in_part_names_the_protections_not_known(tmp_path: Path) -> None:
    """A FAIL listing of CMP-012 while other settings are not known names them
    (``undetermined_boot_protection_off``): one pool's secure boot from an input, pools made by
    a dynamic block, an instance's vTPM from an input."""
    (tmp_path / "main.tf").write_text(
        """
variable "secure" {}
variable "pools" {}
variable "vtpm" {}

resource "google_container_cluster" "one_pool_unknown" {
  name                  = "a"
  enable_shielded_nodes = false
  node_config {
    shielded_instance_config { enable_secure_boot = var.secure }
  }
}

resource "google_container_cluster" "pools_unknown" {
  name                  = "b"
  enable_shielded_nodes = false
  dynamic "node_pool" {
    for_each = var.pools
    content {
      name = node_pool.value
    }
  }
}

resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-medium"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
  shielded_instance_config {
    enable_secure_boot = false
    enable_vtpm        = var.vtpm
  }
}
"""
        + _versions(">= 5.0")
    )
    found = _findings(tmp_path, "GDCC-CMP-012")
    one = found["google_container_cluster.one_pool_unknown"]
    assert one.status == Status.FAIL
    assert one.evidence["boot_protection_off"] == ["Shielded GKE Nodes"]
    assert one.evidence["undetermined_boot_protection_off"] == [
        "secure boot on default node pool"
    ]
    pools = found["google_container_cluster.pools_unknown"]
    assert pools.status == Status.FAIL
    assert pools.evidence["undetermined_boot_protection_off"] == [
        "secure boot on *",
        "integrity monitoring on *",
    ]
    vm = found["google_compute_instance.vm"]
    assert vm.status == Status.FAIL
    assert vm.evidence["boot_protection_off"] == ["secure boot"]
    assert vm.evidence["undetermined_boot_protection_off"] == ["vTPM"]


def test_instance_from_template_takes_the_template_config(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """
resource "google_compute_instance_template" "t" {
  name         = "t"
  machine_type = "e2-medium"
  disk { source_image = "debian-cloud/debian-12" }
  network_interface { network = "default" }
  shielded_instance_config { enable_secure_boot = true }
}

resource "google_compute_instance_from_template" "from_t" {
  name                     = "from-t"
  source_instance_template = google_compute_instance_template.t.self_link_unique
}

resource "google_compute_instance_from_template" "from_elsewhere" {
  name                     = "from-elsewhere"
  source_instance_template = var.template
}

variable "template" {
  type = string
}
"""
    )
    found = _findings(tmp_path, "GDCC-CMP-012")
    assert found["google_compute_instance_from_template.from_t"].status == Status.PASS
    # its template is not in the scan: the shielded config is the template's, not known
    elsewhere = found["google_compute_instance_from_template.from_elsewhere"]
    assert elsewhere.status == Status.UNKNOWN
    assert elsewhere.message is not None
    assert "source_instance_template" in elsewhere.message.en


def test_workload_identity_pool_mode_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """
resource "google_container_cluster" "c" {
  name = "c"
  remove_default_node_pool = true
  initial_node_count       = 1
  workload_identity_config { workload_pool = "p.svc.id.goog" }
}

resource "google_container_node_pool" "p" {
  name    = "p"
  cluster = google_container_cluster.c.id
  node_config {
    workload_metadata_config { mode = var.mode }
  }
}

variable "mode" {
  type = string
}
"""
    )
    assert _findings(tmp_path, "GDCC-CLU-009")["google_container_cluster.c"].status == (
        Status.UNKNOWN
    )


def test_plan_values(tmp_path: Path) -> None:
    plan = {
        "format_version": "1.2",
        "planned_values": {
            "root_module": {
                "resources": [
                    {
                        "address": "google_container_cluster.c",
                        "mode": "managed",
                        "type": "google_container_cluster",
                        "name": "c",
                        "values": {
                            "name": "c",
                            "enable_legacy_abac": True,
                            "enable_shielded_nodes": True,
                            "node_config": [
                                {"shielded_instance_config": [{"enable_secure_boot": False}]}
                            ],
                        },
                    }
                ]
            }
        },
    }
    (tmp_path / "plan.json").write_text(json.dumps(plan))
    assert _findings(tmp_path, "GDCC-CLU-008")["google_container_cluster.c"].status == (
        Status.FAIL
    )
    boot = _findings(tmp_path, "GDCC-CMP-012")["google_container_cluster.c"]
    assert boot.evidence["boot_protection_off"] == ["secure boot on default node pool"]


def test_removed_default_pool_written_inline(tmp_path: Path) -> None:
    """``remove_default_node_pool`` deletes the pool named ``default-pool``, an inline block
    of that name included (terraform-google-kubernetes-engine writes one): its nodes are not
    the cluster's."""
    (tmp_path / "main.tf").write_text(
        """
resource "google_container_cluster" "c" {
  name                     = "c"
  remove_default_node_pool = true
  node_pool {
    name = "default-pool"
  }
}

resource "google_container_node_pool" "p" {
  name    = "p"
  cluster = google_container_cluster.c.name
  node_config {
    shielded_instance_config { enable_secure_boot = true }
  }
}
"""
    )
    assert _findings(tmp_path, "GDCC-CMP-012")["google_container_cluster.c"].status == (
        Status.PASS
    )


def test_gke_pool_integrity_monitoring_off(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """
resource "google_container_cluster" "c" {
  name = "c"
  node_config {
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = false
    }
  }
}
"""
    )
    found = _findings(tmp_path, "GDCC-CMP-012")["google_container_cluster.c"]
    assert found.status == Status.FAIL
    assert found.evidence["boot_protection_off"] == ["integrity monitoring on default node pool"]


def test_workload_pool_written_in_part(tmp_path: Path) -> None:
    """``"${var.project_id}.svc.id.goog"`` is never empty: Workload Identity is on (it was
    UNKNOWN: terraform-google-kubernetes-engine, gruntwork's gke-cluster)."""
    (tmp_path / "main.tf").write_text(
        """
variable "project_id" {
  type = string
}

resource "google_container_cluster" "c" {
  name = "c"
  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
}
"""
    )
    found = _findings(tmp_path, "GDCC-CLU-009")["google_container_cluster.c"]
    assert found.status == Status.PASS


AKS = """\
resource "azurerm_kubernetes_cluster" "k" {
  name                = "k"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "k"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
}
"""


def _azurerm(constraint: str) -> str:
    return (
        "terraform {\n  required_providers {\n    azurerm = {\n"
        f'      source  = "hashicorp/azurerm"\n      version = "{constraint}"\n'
        "    }\n  }\n}\n"
    )


def test_aks_rbac_off_without_the_block_before_azurerm_2_99(tmp_path: Path) -> None:
    """azurerm < 2.99 sent enableRBAC false when no ``role_based_access_control`` block was
    written (it PASSed with the 3.x default)."""
    (tmp_path / "main.tf").write_text(AKS + _azurerm("~> 2.90.0"))
    found = _findings(tmp_path, "GDCC-CLU-008")["azurerm_kubernetes_cluster.k"]
    assert found.status == Status.FAIL
    assert found.evidence["defaults"]["rbac_authorization"]["documentation"].endswith(
        "2.98.0/docs/resources/kubernetes_cluster#role_based_access_control"
    )


def test_aks_rbac_on_by_default_from_azurerm_2_99(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(AKS + _azurerm(">= 3.0"))
    assert _findings(tmp_path, "GDCC-CLU-008")["azurerm_kubernetes_cluster.k"].status == (
        Status.PASS
    )


def test_aks_rbac_block_written_is_no_default(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        AKS.replace(
            'dns_prefix          = "k"',
            'dns_prefix          = "k"\n  role_based_access_control {\n    enabled = true\n  }',
        )
        + _azurerm("~> 2.90.0")
    )
    found = _findings(tmp_path, "GDCC-CLU-008")["azurerm_kubernetes_cluster.k"]
    assert found.status == Status.PASS
    assert "defaults" not in found.evidence


def test_azapi_aks_rbac_and_workload_identity(tmp_path: Path) -> None:
    """AzAPI AKS: ``enableRBAC``, workload identity and the OIDC issuer as written; the REST
    reference states no default for them, so a body that leaves them out is not known."""
    (tmp_path / "main.tf").write_text(
        """
resource "azapi_resource" "hardened" {
  type      = "Microsoft.ContainerService/managedClusters@2024-02-01"
  name      = "hardened"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      enableRBAC = true
      oidcIssuerProfile = { enabled = true }
      securityProfile = { workloadIdentity = { enabled = true } }
    }
  }
}

resource "azapi_resource" "no_rbac" {
  type      = "Microsoft.ContainerService/managedClusters@2024-02-01"
  name      = "no-rbac"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      enableRBAC = false
      securityProfile = { workloadIdentity = { enabled = false } }
    }
  }
}

resource "azapi_resource" "unwritten" {
  type      = "Microsoft.ContainerService/managedClusters@2024-02-01"
  name      = "unwritten"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {}
  }
}
"""
    )
    rbac = _findings(tmp_path, "GDCC-CLU-008")
    identity = _findings(tmp_path, "GDCC-CLU-009")
    assert rbac["azapi_resource.hardened"].status == Status.PASS
    assert identity["azapi_resource.hardened"].status == Status.PASS
    assert rbac["azapi_resource.no_rbac"].status == Status.FAIL
    assert identity["azapi_resource.no_rbac"].status == Status.FAIL
    assert rbac["azapi_resource.unwritten"].status == Status.UNKNOWN
    assert identity["azapi_resource.unwritten"].status == Status.UNKNOWN
    assert rbac["azapi_resource.unwritten"].message is not None
    assert "enableRBAC" in rbac["azapi_resource.unwritten"].message.en


def test_dataproc_shielded_config_as_written(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """
resource "google_dataproc_cluster" "shielded" {
  name = "shielded"
  cluster_config {
    gce_cluster_config {
      shielded_instance_config {
        enable_secure_boot          = true
        enable_vtpm                 = true
        enable_integrity_monitoring = true
      }
    }
  }
}

resource "google_dataproc_cluster" "no_secure_boot" {
  name = "no-secure-boot"
  cluster_config {
    gce_cluster_config {
      shielded_instance_config {
        enable_secure_boot = false
      }
    }
  }
}

resource "google_dataproc_cluster" "unwritten" {
  name = "unwritten"
}
"""
    )
    found = _findings(tmp_path, "GDCC-CMP-012")
    assert found["google_dataproc_cluster.shielded"].status == Status.PASS
    assert found["google_dataproc_cluster.no_secure_boot"].status == Status.FAIL
    assert found["google_dataproc_cluster.no_secure_boot"].evidence["boot_protection_off"] == [
        "secure boot"
    ]
    unwritten = found["google_dataproc_cluster.unwritten"]
    assert unwritten.status == Status.UNKNOWN
    assert unwritten.message is not None
    assert "state no default" in unwritten.message.en


def test_autopilot_not_known(tmp_path: Path) -> None:
    """``enable_autopilot`` from an input: an Autopilot cluster always has Workload Identity,
    so no FAIL for its absence (was FAIL)."""
    (tmp_path / "main.tf").write_text(
        """
variable "autopilot" {
  type = bool
}

resource "google_container_cluster" "c" {
  name             = "c"
  enable_autopilot = var.autopilot
}
"""
    )
    assert _findings(tmp_path, "GDCC-CLU-009")["google_container_cluster.c"].status == (
        Status.UNKNOWN
    )
    assert _findings(tmp_path, "GDCC-CMP-012")["google_container_cluster.c"].status == (
        Status.UNKNOWN
    )


def test_magnum_authorization_not_documented() -> None:
    """Magnum, Heat and Terraform: GDCC-CLU-008 is UNKNOWN saying why (the Heat cluster said
    nothing)."""
    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "openstack_magnum_auth"
    result = audit([fixtures], Settings(rule_ids=("GDCC-CLU-008",)))
    found = [f for f in result.findings if f.provider_type in (
        "OS::Magnum::Cluster", "openstack_containerinfra_cluster_v1")]
    assert {f.provider_type for f in found} == {
        "OS::Magnum::Cluster", "openstack_containerinfra_cluster_v1"}
    for finding in found:
        assert finding.status == Status.UNKNOWN
        assert finding.message is not None
        assert "authorization mode" in finding.message.en
