"""A setting naming a Secret object whose name puts an acronym before ``Secret``
(``serverTLSSecret``, ``clientCASecret``): camelCase was split only where a lower-case letter
meets a capital, so ``TLSSecret`` was one word and the setting was not read as naming a
certificate's Secret (``tlsSecret: web-tls`` was). CloudNativePG's ``Cluster`` sample
(``spec.certificates``, each naming a Secret of the same file) FAILed GDCC-SECRET-001 "a
secret is written in plain text"; a real secret under such a name still FAILs."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.settings import Settings

CLUSTER = """\
apiVersion: v1
kind: Secret
metadata: {name: pg-server-cert}
type: kubernetes.io/tls
---
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: pg}
spec:
  instances: 3
  certificates:
    serverTLSSecret: pg-server-cert
    serverCASecret: pg-server-cert
    clientCASecret: pg-client-cert
    replicationTLSSecret: pg-client-cert
"""


def test_a_custom_resource_naming_certificate_secrets_passes(tmp_path: Path) -> None:
    (tmp_path / "cluster.yaml").write_text(CLUSTER, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    # a custom resource is read for the secrets written in it: with none, it is not judged
    assert [(f.address, f.status) for f in result.findings] == [
        ("Secret/default/pg-server-cert", Status.PASS)
    ]


@pytest.mark.parametrize(
    ("name", "value", "found"),
    [
        ("serverTLSSecret", "pg-server-cert", ()),
        ("clientCASecret", "pg-client-cert", ()),
        ("fooIDName", "api-key", ()),
        # not an object's name, or not a Secret holding an object: still secrets
        ("serverTLSSecret", "Sup3r S3cret!", ("serverTLSSecret",)),
        ("JWTSecret", "mysecret", ("JWTSecret",)),
        # a one-letter run is no acronym: OAuth stays one word (an OAuth token, chosen)
        ("OAuthToken", "changeme", ("OAuthToken",)),
    ],
)
def test_acronyms_are_words(name: str, value: str, found: tuple[str, ...]) -> None:
    assert detect_secrets({name: value}) == found
