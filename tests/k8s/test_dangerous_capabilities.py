"""GDCC-K8S-009 counts every capability beyond the 13 the Pod Security Standards' Baseline
profile allows to add as dangerous (since stop 43; before, a curated list): SYS_TIME (sets the
node's clock) and MAC_ADMIN / MAC_OVERRIDE (change or bypass the node's AppArmor / SELinux
policy) passed once, IPC_LOCK, SYS_NICE, SYS_RESOURCE, AUDIT_READ until stop 43;
NET_BIND_SERVICE, which the Baseline allows, still passes."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings


def _pod(name: str, capability: str) -> str:
    return f"""\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
    - name: main
      image: example/{name}:1.0.0
      securityContext:
        capabilities:
          add: [{capability}]
"""


def test_clock_and_security_module_capabilities_are_dangerous(tmp_path: Path) -> None:
    pods = {"clock": "SYS_TIME", "lsm": "MAC_ADMIN", "bypass": "CAP_MAC_OVERRIDE",
            "web": "NET_BIND_SERVICE"}  # fmt: skip
    text = "---\n".join(_pod(name, cap) for name, cap in pods.items())
    (tmp_path / "pods.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-009",)))
    verdicts = {f.address: (f.status.value, f.evidence.get("dangerous_capabilities"))
                for f in result.findings}  # fmt: skip
    assert verdicts == {
        "Pod/default/clock": ("FAIL", ["SYS_TIME"]),
        "Pod/default/lsm": ("FAIL", ["MAC_ADMIN"]),
        "Pod/default/bypass": ("FAIL", ["MAC_OVERRIDE"]),
        "Pod/default/web": ("PASS", []),
    }


def test_node_audit_accounting_and_kernel_log_capabilities_are_dangerous(tmp_path: Path) -> None:
    """AUDIT_CONTROL (the node's kernel audit off), SYS_PACCT (its process accounting) and
    SYSLOG (its kernel log, kernel addresses) act on the node, not the container's
    namespaces; each PASSed. IPC_LOCK, which the Baseline profile does not allow either, FAILs
    since stop 43 (test_capabilities_beyond_the_baseline_set_are_dangerous)."""
    pods = {"audit": "AUDIT_CONTROL", "acct": "CAP_SYS_PACCT", "klog": "syslog",
            "memlock": "IPC_LOCK"}  # fmt: skip
    text = "---\n".join(_pod(name, cap) for name, cap in pods.items())
    (tmp_path / "pods.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-009",)))
    verdicts = {f.address: (f.status.value, f.evidence.get("dangerous_capabilities"))
                for f in result.findings}  # fmt: skip
    assert verdicts == {
        "Pod/default/audit": ("FAIL", ["AUDIT_CONTROL"]),
        "Pod/default/acct": ("FAIL", ["SYS_PACCT"]),
        "Pod/default/klog": ("FAIL", ["SYSLOG"]),
        "Pod/default/memlock": ("FAIL", ["IPC_LOCK"]),
    }


def test_capabilities_beyond_the_baseline_set_are_dangerous(tmp_path: Path) -> None:
    """IPC_LOCK (node memory locked past the pod's limits), SYS_NICE (real-time priority over
    every other pod), SYS_RESOURCE (past limits and quotas) and AUDIT_READ (the node's audit
    log) PASSed: the PodSecurity admission refuses each in a ``baseline`` namespace. The 13
    Baseline capabilities still PASS, in any case and with ``CAP_`` (the runtimes read them
    so)."""
    pods = {"memlock": "IPC_LOCK", "nice": "SYS_NICE", "limits": "CAP_SYS_RESOURCE",
            "auditlog": "audit_read",
            "baseline": "CHOWN, cap_dac_override, FOWNER, FSETID, KILL, MKNOD, SETGID, SETUID, "
                        "SETPCAP, SETFCAP, SYS_CHROOT, AUDIT_WRITE, NET_BIND_SERVICE"}
    text = "---\n".join(_pod(name, cap) for name, cap in pods.items())
    (tmp_path / "pods.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-009",), cache=False))
    verdicts = {f.address: (f.status.value, f.evidence.get("dangerous_capabilities"))
                for f in result.findings}  # fmt: skip
    assert verdicts == {
        "Pod/default/memlock": ("FAIL", ["IPC_LOCK"]),
        "Pod/default/nice": ("FAIL", ["SYS_NICE"]),
        "Pod/default/limits": ("FAIL", ["SYS_RESOURCE"]),
        "Pod/default/auditlog": ("FAIL", ["AUDIT_READ"]),
        "Pod/default/baseline": ("PASS", []),
    }


def test_ecs_task_adding_a_capability_beyond_the_baseline_fails(tmp_path: Path) -> None:
    """ECS task definitions read the same set (linuxParameters.capabilities.add)."""
    (tmp_path / "main.tf").write_text(
        'resource "aws_ecs_task_definition" "t" {\n'
        '  family = "t"\n'
        '  container_definitions = jsonencode([{\n'
        '    name = "app", image = "example/app:1.0.0", essential = true,\n'
        '    linuxParameters = { capabilities = { add = ["SYS_NICE", "KILL"] } }\n'
        '  }])\n'
        '}\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-009",), cache=False))
    (finding,) = result.findings
    assert (finding.address, finding.status.value, finding.evidence) == (
        "aws_ecs_task_definition.t", "FAIL", {"dangerous_capabilities": ["SYS_NICE"]}
    )


_TF_POD = """\
resource "kubernetes_pod" "%s" {
  metadata { name = "%s" }
  spec {
    container {
      name  = "main"
      image = "example/app:1.0.0"
      security_context {
        capabilities { add = %s }
      }
    }
  }
}
"""


def test_capability_from_a_variable_is_not_a_pass(tmp_path: Path) -> None:
    """``add = [var.cap]`` PASSed: no stand-in for the unknown value was on the curated list,
    yet the variable may name SYS_ADMIN. With SYS_ADMIN beside it, the finding still FAILs on
    SYS_ADMIN and says the list may hold more."""
    (tmp_path / "main.tf").write_text(
        'variable "cap" {\n  type = string\n}\n'
        + _TF_POD % ("a", "a", "[var.cap]")
        + _TF_POD % ("b", "b", '["SYS_ADMIN", var.cap]')
        + _TF_POD % ("c", "c", '["IPC_LOCK"]'),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-009",), cache=False))
    verdicts = {f.address: (f.status.value, f.evidence) for f in result.findings}
    assert verdicts == {
        "kubernetes_pod.a": ("UNKNOWN", {"dangerous_capabilities": None}),
        "kubernetes_pod.b": ("FAIL", {"dangerous_capabilities": ["SYS_ADMIN"],
                                      "undetermined_dangerous_capabilities": ["*"]}),
        "kubernetes_pod.c": ("FAIL", {"dangerous_capabilities": ["IPC_LOCK"]}),
    }
