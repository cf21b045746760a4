"""GDCC-SECRET-001 wrong FAILs seen in the stop 37 sweep: Diffie-Hellman parameters in a
Secret (ingress-nginx's ``lb-dhparam`` example: the DH group is sent in every DHE handshake,
public as a certificate is), an Emissary Host's ``tls.ca_secret`` (the name of the CA's
Secret) and a ``HELM_SECRETS_DRIVER: vault`` env value (the helm-secrets driver, argo-cd's
values in helmfile's examples). A private key beside DH parameters, and a literal under a
near name, still FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.settings import Settings

DH = (
    "LS0tLS1CRUdJTiBESCBQQVJBTUVURVJTLS0tLS0KTUlJQkNBS0NBUUVBM21PdFJJaUEwUTBLQ1BEdll0VUpO"
    "YTdDN281eURnYzBwcTJmSHFUNHhUNWh5UWVKbkYwWgpBZ0VDCi0tLS0tRU5EIERIIFBBUkFNRVRFUlMtLS0t"
    "LQo="
)
MANIFESTS = f"""\
apiVersion: v1
kind: Secret
metadata: {{name: lb-dhparam, namespace: ingress-nginx}}
type: Opaque
data:
  dhparam.pem: {DH}
stringData:
  extra.pem: |
    -----BEGIN DH PARAMETERS-----
    MIIBCAKCAQEA3mOtRIiA0Q0KCPDvYtUJNa7C7o5yDgc0pq2fHqT4xT5hyQeJnF0Z
    -----END DH PARAMETERS-----
  key.pem: |
    -----BEGIN DH PARAMETERS-----
    MIIBCAKCAQEA3mOtRIiA0Q0KCPDvYtUJNa7C7o5yDgc0pq2fHqT4xT5hyQeJnF0Z
    -----END DH PARAMETERS-----
    -----BEGIN RSA PRIVATE KEY-----
    MIIEogIBAAKCAQEA2AUPXxuiDC
    -----END RSA PRIVATE KEY-----
---
apiVersion: getambassador.io/v3alpha1
kind: Host
metadata: {{name: hello, namespace: default}}
spec:
  hostname: hello.example.com
  tls:
    ca_secret: hello-client
    cert_required: true
  tlsSecret: {{name: hello-server}}
"""


def test_public_pem_blocks_and_named_objects(tmp_path: Path) -> None:
    (tmp_path / "objects.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.resource_name: (f.status, f.evidence.get("paths")) for f in result.findings}
    assert found == {
        "ingress-nginx/Secret/lb-dhparam": (Status.FAIL, ["stringData.key.pem"]),
    }


def test_secret_drivers_are_settings() -> None:
    env = [
        {"name": "HELM_SECRETS_DRIVER", "value": "vault"},
        {"name": "SECRETS_BACKEND", "value": "aws"},
        {"name": "HARBOR_PASSWORD", "value": "Harbor12345"},
    ]
    assert detect_secrets({"env": env}) == ("env.2.value",)
    assert detect_secrets({"caSecret": "hello-client", "caPassword": "hello-client"}) == (
        "caPassword",
    )
