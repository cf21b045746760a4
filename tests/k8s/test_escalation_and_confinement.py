"""GDCC-K8S-019 (escalate / bind / impersonate), GDCC-K8S-020 (seccomp) and GDCC-K8S-021
(AppArmor, SELinux, /proc masking): the evidence names what a role grants and which
containers are not confined, and a seccomp profile missing is labelled as the Kubernetes
default (Unconfined) while one written Unconfined is not.
Fixtures: tests/rules/GDCC-K8S-019..021."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

RULES = Path(__file__).parent.parent / "rules"


def _findings(rule: str) -> dict[str, tuple[str, dict[str, object]]]:
    result = audit([RULES / rule / "k8s.yaml", RULES / rule / "main.tf"],
                   Settings(rule_ids=(rule,)))
    return {f.address: (f.status.value, f.evidence) for f in result.findings}


def test_escalation_verbs_are_named() -> None:
    found = _findings("GDCC-K8S-019")
    assert found["Role/app/binder"] == (
        "FAIL", {"rbac_escalation": ["bind on roles", "escalate on roles"]}
    )
    assert found["ClusterRole/impersonator"] == (
        "FAIL", {"rbac_escalation": ["impersonate on serviceaccounts"]}
    )
    assert found["kubernetes_role.user_impersonator"] == (
        "FAIL", {"rbac_escalation": ["impersonate on groups", "impersonate on users"]}
    )
    # bind on rolebindings and impersonate in the apps group grant nothing more
    assert found["Role/app/deployer"] == ("PASS", {"rbac_escalation": []})


def test_missing_seccomp_profile_is_the_unconfined_default() -> None:
    found = _findings("GDCC-K8S-020")
    status, evidence = found["Deployment/app/no-profile"]
    assert (status, evidence["seccomp_unconfined"]) == ("FAIL", ["app"])
    assert evidence["defaults"] == {
        "seccomp_unconfined": {
            "attribute": "securityContext.seccompProfile",
            "value": "default",
            "documentation": "https://kubernetes.io/docs/tutorials/security/seccomp/",
        }
    }
    # Unconfined written on one container: that container, not a default
    assert found["Job/app/one-unconfined"] == ("FAIL", {"seccomp_unconfined": ["debugger"]})
    assert found["kubernetes_pod_v1.confined"] == ("PASS", {"seccomp_unconfined": []})


def test_confinement_turned_off_names_the_container() -> None:
    found = _findings("GDCC-K8S-021")
    assert found["DaemonSet/app/apparmor-off"] == (
        "FAIL", {"confinement_disabled": ["AppArmor unconfined: agent"]}
    )
    assert found["Pod/app/apparmor-annotation"] == (
        "FAIL", {"confinement_disabled": ["AppArmor unconfined: app"]}
    )
    assert found["kubernetes_manifest.unmasked"] == (
        "FAIL", {"confinement_disabled": ["procMount Unmasked: app"]}
    )
    assert found["Pod/app/own-profile"] == ("PASS", {"confinement_disabled": []})


def test_selinux_labels_the_baseline_forbids_turn_confinement_off() -> None:
    """PSS Baseline "SELinux": a type other than container_t / container_init_t /
    container_kvm_t / container_engine_t, or any user or role, is forbidden (a PASS before)."""
    found = _findings("GDCC-K8S-021")
    # the pod's spc_t ("super privileged container") applies to its containers
    assert found["DaemonSet/app/selinux-spc"] == (
        "FAIL", {"confinement_disabled": ["SELinux type spc_t: agent"]}
    )
    assert found["Pod/app/selinux-user"] == (
        "FAIL", {"confinement_disabled": ["SELinux user system_u: app"]}
    )
    assert found["kubernetes_pod.selinux"] == (
        "FAIL", {"confinement_disabled": ["SELinux type spc_t: app"]}
    )
    # an allowed type and a level (MCS categories) keep the container confined
    assert found["Pod/app/selinux-allowed"] == ("PASS", {"confinement_disabled": []})


SELINUX_FROM_VARIABLE = """\
variable "selinux_type" {
  type = string
}

resource "kubernetes_pod_v1" "agent" {
  metadata {
    name = "agent"
  }
  spec {
    container {
      name  = "agent"
      image = "agent:1.0"
      security_context {
        se_linux_options {
          type = var.selinux_type
        }
      }
    }
  }
}
"""


def test_selinux_type_not_known_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(SELINUX_FROM_VARIABLE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-021",)))
    assert [(f.address, f.status.value) for f in result.findings] == [
        ("kubernetes_pod_v1.agent", "UNKNOWN")
    ]


WINDOWS_POD = """\
apiVersion: v1
kind: Pod
metadata: {name: iis, namespace: web}
spec:
  os: {name: windows}
  containers:
    - {name: iis, image: "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022"}
"""


def test_windows_pods_have_no_seccomp_profile_to_set(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text(WINDOWS_POD, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-020",)))
    assert [(f.address, f.status.value, f.evidence) for f in result.findings] == [
        ("Pod/web/iis", "PASS", {"seccomp_unconfined": []})
    ]
