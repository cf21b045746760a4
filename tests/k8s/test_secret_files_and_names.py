"""GDCC-SECRET-001: what says where a secret is, not what it is (istio, OpenTelemetry operator
manifests FAILed on each). Istio's ``DestinationRule`` ``tls.privateKey`` is "The path to
the file holding the client's private key"; ``GOOGLE_APPLICATION_CREDENTIALS`` is the path
of a service-account key file; ``imagePullSecrets`` names the Secrets a pod pulls images
with; the target allocator's ``prometheusCR.secretNamespaces`` lists namespaces. A key or a
password written there still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.secrets.detect import credential_file, detect_secrets
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: db-mtls
spec:
  host: mydbserver.prod.svc.cluster.local
  trafficPolicy:
    tls:
      mode: MUTUAL
      clientCertificate: /etc/certs/myclientcert.pem
      privateKey: /etc/certs/client_private_key.pem
      caCertificates: /etc/certs/rootcacerts.pem
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: inline-key
spec:
  host: other.prod.svc.cluster.local
  trafficPolicy:
    tls:
      mode: MUTUAL
      privateKey: MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: exporter
spec:
  selector: {matchLabels: {app: exporter}}
  template:
    metadata: {labels: {app: exporter}}
    spec:
      imagePullSecrets: [{name: regcred}]
      containers:
        - name: exporter
          image: exporter:1.0
          env:
            - name: GOOGLE_APPLICATION_CREDENTIALS
              value: /var/secrets/google/key.json
"""


def test_paths_and_names_are_no_secrets(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(MANIFESTS)
    result = audit([tmp_path], Settings(rule_ids=["GDCC-SECRET-001"]))
    found = {f.address: f for f in result.findings}
    # a custom resource with nothing found gets no finding (it FAILed on the key's path)
    assert "DestinationRule/default/db-mtls" not in found
    assert found["Deployment/default/exporter"].status is Status.PASS
    inline = found["DestinationRule/default/inline-key"]
    assert inline.status is Status.FAIL
    assert inline.evidence["paths"] == ["spec.trafficPolicy.tls.privateKey"]


def test_values() -> None:
    assert detect_secrets({
        "global": {"imagePullSecrets": ["barSecret"]},
        "targetAllocator": {"prometheusCR": {"secretNamespaces": ["observability"]}},
        "tls": {"privateKey": "tests/testdata/certs/default/key.pem"},
        "password": "abc/def.pem x",
        "token": "eyJhbGciOi/x.pem.sig",
    }) == ("password", "token")
    for name in ("imagePullSecrets", "image_pull_secrets", "secretNamespaces"):
        assert not is_secret_name(name), name
    assert credential_file("~/.ssh/keys/id.pem")
    assert not credential_file("c2VjcmV0/LnBlbQ==")
