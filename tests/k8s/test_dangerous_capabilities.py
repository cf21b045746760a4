"""GDCC-K8S-009 counts SYS_TIME (sets the node's clock) and MAC_ADMIN / MAC_OVERRIDE (change or
bypass the node's AppArmor / SELinux policy) as dangerous: node-exporter-style pods adding
SYS_TIME passed; NET_BIND_SERVICE, which the Pod Security Standards' Baseline allows, still
passes."""

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
    namespaces; each PASSed. IPC_LOCK, which the Baseline profile does not allow either, is
    not judged by this rule."""
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
        "Pod/default/memlock": ("PASS", []),
    }
