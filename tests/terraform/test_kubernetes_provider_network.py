"""Services, Ingresses, NetworkPolicies, Secrets, ConfigMaps and Namespaces written with the
Terraform kubernetes provider are judged and drawn in the resource graph like the same objects
in YAML: a LoadBalancer Service publishing a pod's SSH port fails GDCC-GRAPH-002 (it passed:
the provider's Services were not read), and a selector, label or port whose value is not
known gives an uncertain path (UNKNOWN), never a PASS."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

DEPLOYMENT = """\
resource "kubernetes_deployment_v1" "sshd" {
  metadata {
    name      = "sshd"
    namespace = "web"
  }
  spec {
    selector {
      match_labels = { app = "sshd" }
    }
    template {
      metadata {
        labels = { app = "sshd" }
      }
      spec {
        container {
          name  = "sshd"
          image = "example/sshd:1.2.3"
          port {
            container_port = 22
          }
        }
      }
    }
  }
}
"""


def _service(
    selector: str = '{ app = "sshd" }', ports: str = 'port = 22\n      target_port = "22"'
) -> str:
    return f"""\
variable "app" {{
  type = string
}}

variable "ssh_port" {{
  type = number
}}

resource "kubernetes_service_v1" "sshd" {{
  metadata {{
    name      = "sshd"
    namespace = "web"
  }}
  spec {{
    type     = "LoadBalancer"
    selector = {selector}
    port {{
      {ports}
    }}
    port {{
      port        = 443
      target_port = "443"
    }}
  }}
}}
"""


def _finding(tmp_path: Path, text: str, rule: str, address: str) -> Finding:
    (tmp_path / "main.tf").write_text(DEPLOYMENT + text)
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return next(f for f in result.findings if f.address == address)


def test_load_balancer_service_publishes_the_pods_ssh_port(tmp_path: Path) -> None:
    found = _finding(tmp_path, _service(), "GDCC-GRAPH-002", "kubernetes_deployment_v1.sshd")
    assert found.status is Status.FAIL
    assert found.message.en == (
        "management port 22 reachable from the internet: "
        "internet → web/Service/sshd:22,443 → web/Deployment/sshd:22"
    )


@pytest.mark.parametrize(
    ("selector", "ports"),
    [
        ("{ app = var.app }", 'port = 22\n      target_port = "22"'),  # selector value
        ('{ app = "sshd" }', "port = var.ssh_port"),  # the published port
    ],
    ids=["selector-from-variable", "port-from-variable"],
)
def test_a_value_not_known_gives_unknown_not_pass(
    tmp_path: Path, selector: str, ports: str
) -> None:
    text = _service(selector, ports)
    found = _finding(tmp_path, text, "GDCC-GRAPH-002", "kubernetes_deployment_v1.sshd")
    assert found.status is Status.UNKNOWN


def test_cluster_ip_service_publishes_nothing(tmp_path: Path) -> None:
    text = _service().replace('type     = "LoadBalancer"', 'type     = "ClusterIP"')
    found = _finding(tmp_path, text, "GDCC-GRAPH-002", "kubernetes_deployment_v1.sshd")
    assert found.status is Status.PASS


INGRESS = """\
resource "kubernetes_service_v1" "sshd" {
  metadata {
    name      = "sshd"
    namespace = "web"
  }
  spec {
    selector = { app = "sshd" }
    port {
      port        = 2222
      target_port = "22"
    }
  }
}

resource "kubernetes_ingress_v1" "sshd" {
  metadata {
    name      = "sshd"
    namespace = "web"
  }
  spec {
    rule {
      http {
        path {
          path = "/"
          backend {
            service {
              name = "sshd"
              port {
                number = 2222
              }
            }
          }
        }
      }
    }
  }
}
"""


def test_ingress_routes_to_the_service_and_its_pods(tmp_path: Path) -> None:
    found = _finding(tmp_path, INGRESS, "GDCC-GRAPH-002", "kubernetes_deployment_v1.sshd")
    assert found.status is Status.FAIL
    assert found.message.en == (
        "management port 22 reachable from the internet: "
        "internet → web/Ingress/sshd:80,443 → web/Service/sshd:2222 → web/Deployment/sshd:22"
    )


NAMESPACE = """\
resource "kubernetes_namespace_v1" "web" {
  metadata {
    name = "web"
  }
}
"""

DENY_ALL = """\
resource "kubernetes_network_policy_v1" "deny" {
  metadata {
    name      = "default-deny"
    namespace = "web"
  }
  spec {
    pod_selector {}
    policy_types = ["Ingress"]
  }
}
"""


def test_network_policy_isolates_the_namespace(tmp_path: Path) -> None:
    namespace = "kubernetes_namespace_v1.web"
    denied = _finding(tmp_path, NAMESPACE + DENY_ALL, "GDCC-K8S-005", namespace)
    assert denied.status is Status.PASS
    # the policy isolates the pods: the Service no longer reaches them from the internet
    isolated = _finding(tmp_path, NAMESPACE + DENY_ALL + _service(), "GDCC-GRAPH-002",
                        "kubernetes_deployment_v1.sshd")
    assert isolated.status is Status.PASS
    without = _finding(tmp_path, NAMESPACE, "GDCC-K8S-005", namespace)
    assert without.status is Status.UNKNOWN


SECRETS = """\
resource "random_password" "db" {
  length = 24
}

resource "kubernetes_secret_v1" "literal" {
  metadata {
    name = "literal"
  }
  data = {
    username = "admin"
    password = "Tr0ub4dor&3-horse"
  }
}

resource "kubernetes_secret_v1" "generated" {
  metadata {
    name = "generated"
  }
  data = {
    password = random_password.db.result
  }
}
"""


def test_secret_values_written_in_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(SECRETS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    got = {f.address: (f.status, f.message.en) for f in result.findings}
    # the user name kept beside the password is no secret (tests/k8s/test_secret_user_name_keys)
    assert got["kubernetes_secret_v1.literal"] == (
        Status.FAIL, "a secret is written in plain text at 'data.password'"
    )
    assert got["kubernetes_secret_v1.generated"][0] is Status.PASS
    # the values never reach the result
    assert "Tr0ub4dor" not in result.model_dump_json()


MANIFEST_SERVICE = """\
resource "kubernetes_manifest" "sshd" {
  manifest = {
    apiVersion = "v1"
    kind       = "Service"
    metadata   = { name = "sshd", namespace = "web" }
    spec = {
      type     = "LoadBalancer"
      selector = { app = "sshd" }
      ports    = [{ port = 22, targetPort = 22 }]
    }
  }
}
"""


def test_kubernetes_manifest_service_is_in_the_graph(tmp_path: Path) -> None:
    found = _finding(tmp_path, MANIFEST_SERVICE, "GDCC-GRAPH-002",
                     "kubernetes_deployment_v1.sshd")
    assert found.status is Status.FAIL


@pytest.mark.parametrize(
    ("selector", "labels", "expected"),
    [
        ({"app": "web"}, {"app": "web"}, True),
        ({"app": "web"}, {"app": "db"}, False),
        ({"app": None}, {"app": "db"}, None),  # the selector's value is not known
        ({"app": None}, {"tier": "db"}, False),  # the pod has no such label at all
        ({"app": "web"}, {"app": None}, None),  # the label's value is not known
        ({"app": "web"}, None, None),  # the labels are not known at all
        ({}, None, True),  # an empty selector selects every pod
        ({"matchExpressions": [{"key": "app", "operator": "In", "values": [None]}]},
         {"app": "web"}, None),
    ],
)
def test_selector_with_values_not_known(
    selector: dict[str, object], labels: dict[str, str | None] | None, expected: bool | None
) -> None:
    from gdcc_audit.load.kube_kinds import selector_matches

    assert selector_matches(selector, labels) is expected


DEFAULT_ACCOUNT = """\
resource "kubernetes_default_service_account_v1" "web" {
  metadata {
    namespace = "web"
  }
  automount_service_account_token = false
}

resource "kubernetes_pod_v1" "app" {
  metadata {
    name      = "app"
    namespace = "web"
  }
  spec {
    container {
      name  = "app"
      image = "example/app:1.2.3"
    }
  }
}
"""


def test_default_service_account_settings_apply_to_its_pods(tmp_path: Path) -> None:
    """``kubernetes_default_service_account_v1`` is the namespace's ``default`` account: a pod
    that names no account takes its token setting (GDCC-K8S-012 failed by the Kubernetes
    default)."""
    (tmp_path / "main.tf").write_text(DEFAULT_ACCOUNT)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012",)))
    found = next(f for f in result.findings if f.address == "kubernetes_pod_v1.app")
    assert found.status is Status.PASS
    (tmp_path / "main.tf").write_text(DEFAULT_ACCOUNT.replace("= false", "= true"))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012",)))
    found = next(f for f in result.findings if f.address == "kubernetes_pod_v1.app")
    assert found.status is Status.FAIL


OLD_CONTROLLER = """\
resource "kubernetes_replication_controller" "db" {
  metadata {
    name = "db"
  }
  spec {
    selector = {
      tier = "db"
    }
    template {
      container {
        image = "mysql:8.0.36"
        name  = "mysql"
        port {
          container_port = 3306
        }
      }
    }
  }
}

resource "kubernetes_service" "db" {
  metadata {
    name = "db"
  }
  spec {
    type     = "LoadBalancer"
    selector = { tier = "db" }
    port {
      port = 3306
    }
  }
}
"""


def test_replication_controller_written_for_provider_1x(tmp_path: Path) -> None:
    """Provider 1.x wrote a ReplicationController's pod spec straight in ``template``: its
    containers were not seen (GDCC-K8S-003 passed "Containers cannot escalate privileges"
    with no container at all) and its pods had no labels for a Service to select."""
    (tmp_path / "main.tf").write_text(OLD_CONTROLLER)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-003", "GDCC-GRAPH-005")))
    got = {f.rule_id: (f.status, f.message.en) for f in result.findings
           if f.address == "kubernetes_replication_controller.db"}
    assert got["GDCC-K8S-003"] == (
        Status.FAIL, "a container may escalate its privileges (containers: mysql)"
    )
    assert got["GDCC-GRAPH-005"] == (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 3306: "
        "internet → default/Service/db:3306 → default/ReplicationController/db:3306",
    )


DYNAMIC = """\
variable "containers" {
  type = list(object({ name = string, image = string }))
}

resource "kubernetes_deployment_v1" "dyn" {
  metadata {
    name = "dyn"
  }
  spec {
    selector {
      match_labels = { app = "dyn" }
    }
    template {
      metadata {
        labels = { app = "dyn" }
      }
      spec {
        dynamic "volume" {
          for_each = var.containers
          content {
            name = volume.value.name
          }
        }
        dynamic "container" {
          for_each = var.containers
          content {
            name  = container.value.name
            image = container.value.image
          }
        }
      }
    }
  }
}
"""


def test_containers_from_a_dynamic_block_not_known(tmp_path: Path) -> None:
    """``dynamic "container"`` over a variable without a value: the containers are not known,
    so no container rule passes (GDCC-K8S-003, -011, -020 passed on no container, GDCC-K8S-007
    failed on none); pod-level settings written in the resource are still judged. The volumes
    of ``dynamic "volume"`` are not known either, but none can mount a host path: its content
    writes a name only, so GDCC-K8S-010 PASSes with none, one or two of them
    (``engine.judge_cases``; it was UNKNOWN)."""
    (tmp_path / "main.tf").write_text(DYNAMIC)
    rules = ("GDCC-K8S-003", "GDCC-K8S-007", "GDCC-K8S-010", "GDCC-K8S-011", "GDCC-K8S-020",
             "GDCC-K8S-004")
    result = audit([tmp_path], Settings(rule_ids=rules))
    got = {f.rule_id: f.status for f in result.findings}
    assert got == {
        "GDCC-K8S-003": Status.UNKNOWN, "GDCC-K8S-007": Status.UNKNOWN,
        "GDCC-K8S-010": Status.PASS, "GDCC-K8S-011": Status.UNKNOWN,
        "GDCC-K8S-020": Status.UNKNOWN, "GDCC-K8S-004": Status.PASS,
    }


KUBECTL = '''\
resource "kubectl_manifest" "sshd" {
  override_namespace = "web"
  yaml_body          = <<-YAML
    apiVersion: v1
    kind: Service
    metadata:
      name: sshd
    spec:
      type: LoadBalancer
      selector: {app: sshd}
      ports: [{port: 22}]
  YAML
}

resource "kubectl_manifest" "deploy" {
  yaml_body = file("${path.module}/deploy.txt")
}

variable "body" {
  type = string
}

resource "kubectl_manifest" "from_variable" {
  yaml_body = var.body
}
'''

KUBECTL_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: sshd, namespace: web}
spec:
  selector: {matchLabels: {app: sshd}}
  template:
    metadata: {labels: {app: sshd}}
    spec:
      containers:
        - name: sshd
          image: example/sshd:1.2.3
          ports: [{containerPort: 22}]
"""


def test_kubectl_manifest_objects_are_judged(tmp_path: Path) -> None:
    """``kubectl_manifest`` (gavinbunney/kubectl) objects were not judged at all: its
    ``yaml_body`` is now read as the manifest it holds, in ``override_namespace``."""
    (tmp_path / "main.tf").write_text(KUBECTL)
    (tmp_path / "deploy.txt").write_text(KUBECTL_DEPLOYMENT)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-K8S-003")))
    got = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    assert got[("kubectl_manifest.deploy", "GDCC-GRAPH-002")] == (
        Status.FAIL,
        "management port 22 reachable from the internet: "
        "internet → web/Service/sshd:22 → web/Deployment/sshd:22",
    )
    assert got[("kubectl_manifest.deploy", "GDCC-K8S-003")][0] is Status.FAIL
    # a body that is not known is counted as not judged, never passed
    assert not any(address == "kubectl_manifest.from_variable" for address, _ in got)
    assert "kubectl_manifest" in str(result.model_dump().get("not_judged"))


def test_secret_certificate_and_placeholder_are_not_secrets(tmp_path: Path) -> None:
    """A Terraform Secret's values are judged as a manifest's are: a certificate is public
    and a placeholder holds nothing; the private key still fails."""
    certificate = (
        "-----BEGIN CERTIFICATE-----\\nMIIBszCCAVmgAwIBAgIUQ2xpZW50\\n-----END CERTIFICATE-----\\n"
    )
    key = (
        "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n"
        "-----END PRIVATE KEY-----\\n"
    )
    (tmp_path / "main.tf").write_text(f"""\
resource "kubernetes_secret_v1" "tls" {{
  metadata {{
    name = "tls"
  }}
  type = "kubernetes.io/tls"
  data = {{
    "tls.crt" = "{certificate}"
    "tls.key" = "{key}"
    "note"    = "${{DB_PASSWORD}}"
  }}
}}
""".replace("${DB_PASSWORD}", "$${DB_PASSWORD}"))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = next(f for f in result.findings if f.address == "kubernetes_secret_v1.tls")
    assert (found.status, found.message.en) == (
        Status.FAIL, "a secret is written in plain text at 'data.tls.key'"
    )
