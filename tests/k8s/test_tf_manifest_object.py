"""``kubernetes_manifest.x.object.*`` read what the same resource's ``manifest`` writes: the
``object`` attribute is the object as the API server returns it, so the fields the manifest
writes are the manifest's values (the server fills the others). A Job whose
``serviceAccountName = kubernetes_manifest.account.object.metadata.name`` was GDCC-K8S-013
UNKNOWN "whether the pod runs as the default service account is not known from the input";
it is now judged by the account the manifest names, and a field the manifest does not write
(``metadata.uid``) stays not known."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN_TF = """\
resource "kubernetes_manifest" "account" {
  manifest = {
    apiVersion = "v1"
    kind       = "ServiceAccount"
    metadata   = { name = ACCOUNT, namespace = "billing" }
  }
}

resource "kubernetes_manifest" "job" {
  manifest = {
    apiVersion = "batch/v1"
    kind       = "Job"
    metadata = {
      name      = "report"
      namespace = kubernetes_manifest.account.object.metadata.namespace
    }
    spec = {
      template = {
        spec = {
          serviceAccountName = kubernetes_manifest.account.object.ACCOUNT_FIELD
          restartPolicy      = "Never"
          containers = [{ name = "report", image = "registry.example.com/report:1.0.0" }]
        }
      }
    }
  }
}
"""


@pytest.mark.parametrize(
    ("account", "field", "expected"),
    [
        ('"reporter"', "metadata.name",
         ("PASS", "Workloads run as their own service account, not `default`")),
        ('"default"', "metadata.name",
         ("FAIL", "the pod runs as the default service account")),
        # written nowhere: the API server fills it
        ('"reporter"', "metadata.uid",
         ("UNKNOWN", "whether the pod runs as the default service account is not known from "
                     "the input")),
    ],
)
def test_manifest_object_reads_the_manifest(
    tmp_path: Path, account: str, field: str, expected: tuple[str, str]
) -> None:
    text = MAIN_TF.replace("ACCOUNT_FIELD", field).replace("ACCOUNT", account)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-013",)))
    found = {f.address: (f.status.value, str(f.message.en)) for f in result.findings}
    assert found == {"kubernetes_manifest.job": expected}
