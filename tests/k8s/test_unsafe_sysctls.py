"""GDCC-K8S-024: a pod's ``securityContext.sysctls`` outside the Pod Security Standards'
Baseline safe set ("Sysctls") FAILs; no rule read the field before (``net.core.somaxconn``
PASSed every rule). Shapes from kyverno/policies ``pod-security/baseline/restrict-sysctls``
(its ``.kyverno-test`` resources) and the safe names added in later Kubernetes versions.
Fixtures: tests/rules/GDCC-K8S-024."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

RULE = "GDCC-K8S-024"


def _found(tmp_path: Path, name: str, text: str) -> dict[str, tuple[str, object]]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=(RULE,), cache=False))
    return {
        f.address: (f.status.value, f.evidence.get("unsafe_sysctls")) for f in result.findings
    }


def _pod(name: str, sysctls: str) -> str:
    return f"""\
apiVersion: v1
kind: Pod
metadata: {{name: {name}, namespace: app}}
spec:
  securityContext:
    sysctls: {sysctls}
  containers:
  - {{name: c, image: busybox:1.36}}
---
"""


def test_names_outside_the_safe_set_fail_each_named_once(tmp_path: Path) -> None:
    text = (
        _pod("badpod01", "[{name: kernel.shm_next_id, value: '1'}]")
        + _pod(
            "badpod02",
            "[{name: kernel.shm_rmid_forced, value: '0'}, {name: kernel.shm_next_id, value: '1'},"
            " {name: kernel.shm_next_id, value: '2'}]",
        )
        + _pod("slashes", "[{name: net/ipv4/tcp_syncookies, value: '1'}]")
    )
    found = _found(tmp_path, "pods.yaml", text)
    assert found["Pod/app/badpod01"] == ("FAIL", ["kernel.shm_next_id"])
    assert found["Pod/app/badpod02"] == ("FAIL", ["kernel.shm_next_id"])
    # compared as written, as the PodSecurity admission check compares them
    assert found["Pod/app/slashes"] == ("FAIL", ["net/ipv4/tcp_syncookies"])


def test_safe_names_of_every_version_pass(tmp_path: Path) -> None:
    names = [
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_local_reserved_ports",  # v1.27
        "net.ipv4.tcp_keepalive_time",  # v1.29
        "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl",
        "net.ipv4.tcp_keepalive_probes",
        "net.ipv4.tcp_rmem",  # v1.32
        "net.ipv4.tcp_wmem",
        "net.ipv4.tcp_slow_start_after_idle",  # v1.37
        "net.ipv4.tcp_notsent_lowat",
    ]
    listed = ", ".join(f"{{name: {n}, value: '1'}}" for n in names)
    found = _found(
        tmp_path, "pods.yaml", _pod("all-safe", f"[{listed}]") + _pod("none", "[]")
    )
    assert found["Pod/app/all-safe"] == ("PASS", [])
    assert found["Pod/app/none"] == ("PASS", [])


def test_terraform_dynamic_sysctl_block_over_a_value_not_known_is_unknown(
    tmp_path: Path,
) -> None:
    """A ``dynamic "sysctl"`` over a variable: which names the pod sets is not known (it was
    read as no sysctl at all while the rule was being written: a PASS)."""
    found = _found(
        tmp_path,
        "main.tf",
        """\
variable "sysctls" {
  type = map(string)
}

resource "kubernetes_pod_v1" "tuned" {
  metadata {
    name = "tuned"
  }
  spec {
    security_context {
      dynamic "sysctl" {
        for_each = var.sysctls
        content {
          name  = sysctl.key
          value = sysctl.value
        }
      }
    }
    container {
      name  = "app"
      image = "app:1.0"
    }
  }
}
""",
    )
    assert found["kubernetes_pod_v1.tuned"] == ("UNKNOWN", None)


def test_safe_name_whose_value_sets_another_sysctl_fails(tmp_path: Path) -> None:
    """cr8escape (CVE-2022-0811): CRI-O read ``+`` in a sysctl's value as another
    ``name=value`` pair, so a safe name set the node's ``kernel.core_pattern``. It PASSed:
    the Pod Security Standards check names only. Shapes from kyverno/policies
    ``other/prevent-cr8escape``."""
    text = _pod(
        "cr8escape",
        "[{name: kernel.shm_rmid_forced, value: '1+kernel.core_pattern=|/var/lib/x/a.sh #'}]",
    ) + _pod("ports", "[{name: net.ipv4.ip_local_reserved_ports, value: '8080,9148-9149'}]")
    found = _found(tmp_path, "pods.yaml", text)
    assert found["Pod/app/cr8escape"] == (
        "FAIL", ["kernel.shm_rmid_forced value with '+' or '='"]
    )
    assert found["Pod/app/ports"] == ("PASS", [])
