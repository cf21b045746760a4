"""GDCC-K8S-003: a container that adds CAP_SYS_ADMIN may escalate its privileges whatever its
``allowPrivilegeEscalation`` says ("allowPrivilegeEscalation is always true when the container
... has CAP_SYS_ADMIN", Kubernetes "Configure a Security Context"). The API server refuses the
pair only when the capability is spelled ``CAP_SYS_ADMIN``; a routing daemon's DaemonSet
adding ``SYS_ADMIN`` beside ``allowPrivilegeEscalation: false`` is admitted, and it PASSed."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

#: A hardened speaker, a routing container adding SYS_ADMIN with escalation denied, and a
#: helper adding NET_ADMIN only (not SYS_ADMIN: escalation stays denied for it).
YAML = """\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: router, namespace: lb}
spec:
  selector: {matchLabels: {app: router}}
  template:
    metadata: {labels: {app: router}}
    spec:
      containers:
        - name: speaker
          image: registry.example/speaker:0.14.9
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {add: [NET_RAW], drop: [ALL]}
        - name: routing
          image: registry.example/routing:9.1.0
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {add: [NET_ADMIN, SYS_ADMIN]}
        - name: reloader
          image: registry.example/routing:9.1.0
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {add: [NET_ADMIN]}
"""

TF = """\
resource "kubernetes_daemon_set_v1" "router" {
  metadata {
    name      = "router"
    namespace = "lb"
  }
  spec {
    selector { match_labels = { app = "router" } }
    template {
      metadata { labels = { app = "router" } }
      spec {
        container {
          name  = "speaker"
          image = "registry.example/speaker:0.14.9"
          security_context {
            allow_privilege_escalation = false
            capabilities { drop = ["ALL"] }
          }
        }
        container {
          name  = "routing"
          image = "registry.example/routing:9.1.0"
          security_context {
            allow_privilege_escalation = false
            capabilities { add = ["CAP_SYS_ADMIN"] }
          }
        }
      }
    }
  }
}
"""


@pytest.mark.parametrize(
    ("name", "text", "address"),
    [
        ("router.yaml", YAML, "DaemonSet/lb/router"),
        ("main.tf", TF, "kubernetes_daemon_set_v1.router"),
    ],
)
def test_sys_admin_voids_allow_privilege_escalation_false(
    tmp_path: Path, name: str, text: str, address: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-003",)))
    [finding] = [f for f in result.findings if f.address == address]
    assert finding.status is Status.FAIL
    assert finding.evidence == {"privilege_escalation": True, "containers": ["routing"]}
    assert finding.message.en == "a container may escalate its privileges (containers: routing)"


def test_all_capabilities_hold_sys_admin(tmp_path: Path) -> None:
    text = YAML.replace("[NET_ADMIN, SYS_ADMIN]", "[ALL]")
    (tmp_path / "router.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-003",)))
    [finding] = result.findings
    assert (finding.status, finding.evidence["containers"]) == (Status.FAIL, ["routing"])


def test_other_capabilities_keep_escalation_denied(tmp_path: Path) -> None:
    text = YAML.replace("[NET_ADMIN, SYS_ADMIN]", "[NET_ADMIN, NET_BIND_SERVICE]")
    (tmp_path / "router.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-003",)))
    [finding] = result.findings
    assert (finding.status, finding.evidence) == (Status.PASS, {"privilege_escalation": False})
