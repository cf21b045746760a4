"""A pod whose service account's name is not known (Terraform ``service_account_name =
var.sa`` without a default; a manifest's ``serviceAccountName: ${SA}``, a placeholder no
object can be named) FAILed GDCC-K8S-012 as "Kubernetes default": an account other than
``default`` may turn the token mount off. Now UNKNOWN saying why; a variable whose default
is known decides as before, and a pod that turns the mount off itself still PASSes. The
placeholder may be filled in with ``default``: GDCC-K8S-013 (it PASSed) is UNKNOWN too."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN_TF = """\
variable "sa" {
  type = string
}

variable "sa_known" {
  type    = string
  default = "app"
}

resource "kubernetes_deployment_v1" "var" {
  metadata { name = "var" }
  spec {
    template {
      metadata { labels = { app = "var" } }
      spec {
        service_account_name = var.sa
        container {
          name  = "app"
          image = "nginx:1.27"
        }
      }
    }
  }
}

resource "kubernetes_deployment_v1" "known" {
  metadata { name = "known" }
  spec {
    template {
      metadata { labels = { app = "known" } }
      spec {
        service_account_name = var.sa_known
        container {
          name  = "app"
          image = "nginx:1.27"
        }
      }
    }
  }
}

resource "kubernetes_deployment_v1" "off" {
  metadata { name = "off" }
  spec {
    template {
      metadata { labels = { app = "off" } }
      spec {
        service_account_name            = var.sa
        automount_service_account_token = false
        container {
          name  = "app"
          image = "nginx:1.27"
        }
      }
    }
  }
}
"""

MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: NAME, namespace: shop}
spec:
  selector: {matchLabels: {app: NAME}}
  template:
    metadata: {labels: {app: NAME}}
    spec:
      serviceAccountName: ACCOUNT
      containers: [{name: app, image: "nginx:1.27"}]
"""

TF_REASON = (
    "which service account the pod runs as is not known (the service account's name is a "
    "value not known before apply), so neither is whether its token is mounted"
)


def _findings(tmp_path: Path) -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012", "GDCC-K8S-013")))
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_terraform_service_account_not_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN_TF)
    found = _findings(tmp_path)
    assert found[("GDCC-K8S-012", "kubernetes_deployment_v1.var")] == (Status.UNKNOWN, TF_REASON)
    # the variable's default is known: an account not in the scan, the Kubernetes default
    assert found[("GDCC-K8S-012", "kubernetes_deployment_v1.known")] == (
        Status.FAIL, "the service-account token is mounted (Kubernetes default)"
    )
    assert found[("GDCC-K8S-012", "kubernetes_deployment_v1.off")][0] is Status.PASS


@pytest.mark.parametrize("account", ["${SERVICE_ACCOUNT}", "$(SA_NAME)", "<your-account>",
                                     "SA_NAME"])
def test_manifest_placeholder_account(tmp_path: Path, account: str) -> None:
    text = MANIFEST.replace("NAME", "app").replace("ACCOUNT", f"'{account}'")
    text += "---\n" + MANIFEST.replace("NAME", "named").replace("ACCOUNT", "app-sa")
    (tmp_path / "app.yaml").write_text(text)
    found = _findings(tmp_path)
    assert found[("GDCC-K8S-012", "Deployment/shop/app")] == (
        Status.UNKNOWN,
        f"which service account the pod runs as is not known (serviceAccountName "
        f"{account!r} is a placeholder filled in at deploy time), so neither is whether its "
        "token is mounted",
    )
    assert found[("GDCC-K8S-013", "Deployment/shop/app")][0] is Status.UNKNOWN
    # a real name not in the scan: as before
    assert found[("GDCC-K8S-012", "Deployment/shop/named")][0] is Status.FAIL
    assert found[("GDCC-K8S-013", "Deployment/shop/named")][0] is Status.PASS


def test_thai_reason(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN_TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-012",)))
    found = next(f for f in result.findings if f.address == "kubernetes_deployment_v1.var")
    assert found.message.th == (
        "ไม่ทราบว่า pod ทำงานด้วย service account ใด (ชื่อ service account "
        "เป็นค่าที่ไม่ทราบก่อน apply) จึงไม่ทราบว่ามีการเมานต์โทเคนหรือไม่"
    )


@pytest.mark.parametrize("field", ["serviceAccountName", "serviceAccount"])
def test_empty_account_name_is_the_default_account(tmp_path: Path, field: str) -> None:
    """``serviceAccount: ''`` (kubernetes/examples' openshift-origin controllers) is no
    placeholder: the ServiceAccount admission controller gives the pod ``default``. Both
    rules were UNKNOWN ("'' is a placeholder filled in at deploy time")."""
    text = MANIFEST.replace("NAME", "app").replace("serviceAccountName: ACCOUNT", f"{field}: ''")
    (tmp_path / "app.yaml").write_text(text)
    found = _findings(tmp_path)
    assert found[("GDCC-K8S-012", "Deployment/shop/app")] == (
        Status.FAIL, "the service-account token is mounted (Kubernetes default)"
    )
    assert found[("GDCC-K8S-013", "Deployment/shop/app")] == (
        Status.FAIL, "the pod runs as the default service account"
    )


def test_k8s_013_names_the_placeholder(tmp_path: Path) -> None:
    """GDCC-K8S-013 said only "whether the pod runs as the default service account is not
    known from the input" on a placeholder account (kubernetes-engine-samples'
    ``serviceAccountName: $K8S_SA_NAME``), while GDCC-K8S-012 named it: it names it too."""
    text = MANIFEST.replace("NAME", "app").replace("ACCOUNT", "'$K8S_SA_NAME'")
    (tmp_path / "app.yaml").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-013",)))
    (found,) = [f for f in result.findings if f.address == "Deployment/shop/app"]
    assert found.status is Status.UNKNOWN
    assert found.message.en == (
        "whether the pod runs as the default service account is not known from the input: "
        "serviceAccountName '$K8S_SA_NAME' is a placeholder filled in at deploy time"
    )
    assert found.message.th.endswith(
        ": serviceAccountName '$K8S_SA_NAME' เป็นตัวแทนค่าที่จะกำหนดตอนนำไปใช้งาน"
    )
