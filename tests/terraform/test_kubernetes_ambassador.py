"""Emissary Mappings written in a Terraform kubernetes-provider Service's (or Ingress's)
``getambassador.io/config`` annotation are read as a manifest's are: the Mapping is an
entry point from the internet to the Service it names. They were not read, so the database
behind one PASSed GDCC-GRAPH-001 (a wrong PASS) and the Mapping's TLS was not judged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DATA = """\
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  selector: {app: db}
  ports: [{name: pg, port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop, labels: {pii: "true"}}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: postgres:16, ports: [{containerPort: 5432}]}]
"""

MAIN_TF = """\
variable "config" {
  type = string
}

resource "kubernetes_service_v1" "qotm" {
  metadata {
    name = "qotm"
    annotations = {
      "getambassador.io/config" = <<-EOT
        ---
        apiVersion: ambassador/v1
        kind: Mapping
        name: qotm_mapping
        prefix: /qotm/
        service: db.shop:5432
      EOT
    }
  }
  spec {
    selector = { app = "qotm" }
    port {
      port        = 80
      target_port = 5000
    }
  }
}

resource "kubernetes_service" "unknown" {
  metadata {
    name        = "unknown"
    annotations = { "getambassador.io/config" = var.config }
  }
  spec {
    port {
      port = 80
    }
  }
}
"""

MAPPING = "Mapping.getambassador.io/default/qotm_mapping"


def test_annotation_mappings_of_terraform_services(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(DATA, encoding="utf-8")
    (tmp_path / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-001", "GDCC-GRAPH-003")))
    found = {(f.rule_id, f.address): f for f in result.findings}
    reached = found[("GDCC-GRAPH-001", "StatefulSet/shop/db")]
    assert reached.status is Status.FAIL  # was PASS
    assert reached.evidence["path"] == (
        "internet → default/Mapping.getambassador.io/qotm_mapping:80,443 → "
        "shop/Service/db:5432 → shop/StatefulSet/db:5432"
    )
    mapping = found[("GDCC-GRAPH-003", MAPPING)]  # was not read
    assert mapping.status is Status.UNKNOWN  # no Emissary Host in the scan
    assert mapping.provider_type == "Mapping.getambassador.io"
    assert (mapping.location.file, mapping.location.start_line) == (
        str(tmp_path / "main.tf"), 5
    )
    # an annotation not known makes no Mapping
    assert not [f for f in result.findings if "unknown" in (f.address or "")
                and f.provider_type.startswith("Mapping")]
