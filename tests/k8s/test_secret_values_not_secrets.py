"""GDCC-SECRET-001 on Kubernetes: a certificate is public (a CA bundle in a Secret, ECK's
``user-custom-ca-secret``, or ``tls.crt`` beside its key), and an env var named for a Secret
*object* whose value is an object name says where a secret is kept (dapr's tailscale
``TS_KUBE_SECRET: "tailscale-auth"``); both FAILed as hard-coded secrets. A key, a password
and a value under such a name that is no object name still FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import certificates_only, detect_secrets, names_object
from gdcc_audit.settings import Settings

CERT = ("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJzekNDQVZtZ0F3SUJBZ0lVRHVtbXlDZXJ0RGF0YUFB"
        "QUFBQUFBQUFBQUFBQUFBQUF3Q2dZSUtvWkl6ajBFQXdJdwotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==")
PASSWORD = "czNjcjN0LVBhc3N3MHJk"  # s3cr3t-Passw0rd
PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"
PEM_YAML = PEM.replace("\n", "\\n")  # as a YAML double-quoted string

MANIFEST = f"""\
apiVersion: v1
kind: Secret
metadata: {{name: custom-ca, namespace: shop}}
type: Opaque
data: {{ca-bundle.crt: {CERT}}}
---
apiVersion: v1
kind: Secret
metadata: {{name: web-tls, namespace: shop}}
type: kubernetes.io/tls
data: {{tls.crt: {CERT}, tls.key: {PASSWORD}}}
---
apiVersion: v1
kind: Secret
metadata: {{name: db, namespace: shop}}
stringData: {{password: s3cr3t-Passw0rd, username: "", ca.crt: "{PEM_YAML}"}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: vpn, namespace: shop}}
spec:
  selector: {{matchLabels: {{app: vpn}}}}
  template:
    metadata: {{labels: {{app: vpn}}}}
    spec:
      containers:
        - name: tailscale
          image: tailscale/tailscale:v1.70
          env:
            - {{name: TS_KUBE_SECRET, value: tailscale-auth}}
            - {{name: TS_USERSPACE, value: "true"}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: leaky, namespace: shop}}
spec:
  selector: {{matchLabels: {{app: leaky}}}}
  template:
    metadata: {{labels: {{app: leaky}}}}
    spec:
      containers:
        - name: app
          image: shop/app:1.0
          env:
            - {{name: KUBE_SECRET, value: "Hunter2!xyz"}}
            - {{name: JWT_SECRET, value: tailscale-auth}}
"""


def _found(tmp_path: Path) -> dict[str, tuple[Status, object]]:
    (tmp_path / "app.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    return {f.address: (f.status, f.evidence.get("paths")) for f in result.findings}


def test_a_ca_bundle_secret_is_not_a_hardcoded_secret(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found["Secret/shop/custom-ca"][0] is Status.PASS  # was FAIL data.ca-bundle.crt


def test_the_key_beside_a_certificate_still_fails(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found["Secret/shop/web-tls"] == (Status.FAIL, ["data.tls.key"])  # not tls.crt
    # an empty value holds nothing; a PEM certificate as text is public too
    assert found["Secret/shop/db"] == (Status.FAIL, ["stringData.password"])


def test_an_env_var_naming_a_secret_object_is_not_a_secret(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found["Deployment/shop/vpn"][0] is Status.PASS  # was FAIL ...env.TS_KUBE_SECRET
    status, paths = found["Deployment/shop/leaky"]
    assert status is Status.FAIL
    assert [p.rsplit(".", 1)[1] for p in paths] == ["JWT_SECRET", "KUBE_SECRET"]


def test_the_shared_detector() -> None:
    assert certificates_only(f"# Issuer: Example CA\n{PEM}\n{PEM}")
    assert not certificates_only(PEM + "-----BEGIN PRIVATE KEY-----\nMIIE\n")
    assert not certificates_only(PEM + "hunter2")
    assert detect_secrets({"client_secret_cert": PEM, "client_secret": "abc123xyz"}) == (
        "client_secret",
    )
    assert names_object("TS_KUBE_SECRET", "tailscale-auth")
    assert names_object("k8s-secrets", "app.credentials")
    assert not names_object("KUBE_SECRET", "Hunter2!xyz")
    assert not names_object("CLIENT_SECRET", "tailscale-auth")
