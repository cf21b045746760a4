"""A credential written after an interpolation at the start of a string (``"${PREFIX}AKIA..."``,
``"{{ .Release.Name }}AKIA..."``, ``"$(PREFIX)ghp_..."``) was never searched: a text
starting with ``${`` / ``{{`` / ``$(`` was read as a reference as a whole, so a Kubernetes
env var, a ConfigMap key, a Helm value or a CloudFormation string that is not ``!Sub``
PASSed GDCC-SECRET-001. The written parts are now searched for credential shapes (under a
secret's name, for a piece that is no part of a name, as a Terraform string written in part
is); the interpolation itself is never the secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.settings import Settings


@pytest.mark.parametrize(
    ("values", "found"),
    [
        # credential shapes in the written parts
        ({"note": "${PREFIX}AKIAIOSFODNN7EXAMPLE"}, ("note",)),
        ({"note": "{{ .Release.Name }}AKIAIOSFODNN7EXAMPLE"}, ("note",)),
        ({"note": "$(PREFIX)ghp_16C7e42F292c6912E7710c838347Ae178B4a"}, ("note",)),
        ({"note": "${A}-${B}:ghp_16C7e42F292c6912E7710c838347Ae178B4a"}, ("note",)),
        ({"note": "%{ if x } --token=abcdefgh12345678ijkl%{ endif }"}, ("note",)),
        # under a secret's name, a piece that is no part of a name
        ({"password": "${PREFIX}Xk9#mQ2vLp"}, ("password",)),
        # interpolations alone, or with pieces of a name: no secret
        ({"password": "${DB_PASSWORD}"}, ()),
        ({"password": "{{ .Values.password | b64enc }}"}, ()),
        ({"password": "$(DB_PASSWORD)"}, ()),
        ({"password": "${PREFIX}_password"}, ()),
        ({"password": "${PREFIX}-db-pw"}, ()),
        ({"token": "${A}${B}"}, ()),
        ({"note": "${PREFIX}password=${PW}"}, ()),
        ({"note": "${SCHEME}://${USER}:${PASSWORD}@db:5432"}, ()),
        ({"note": "${PREFIX}-bucket"}, ()),
        # not closed: nothing is read as an interpolation, nothing written is a literal
        ({"password": "${PREFIX"}, ()),
    ],
)
def test_written_parts_after_an_interpolation(
    values: dict[str, str], found: tuple[str, ...]
) -> None:
    assert detect_secrets(values) == found


MANIFEST = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  note: "${PREFIX}AKIAIOSFODNN7EXAMPLE"
  plain: "${PREFIX}-settings"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers:
        - name: c
          image: nginx:1.25
          env:
            - name: GH
              value: "$(PREFIX)ghp_16C7e42F292c6912E7710c838347Ae178B4a"
            - name: DB_PASSWORD
              value: "${DB_PASSWORD}"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: clean
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers:
        - name: c
          image: nginx:1.25
          env:
            - name: DB_PASSWORD
              value: "${DB_PASSWORD}"
            - name: DB_URL
              value: "$(DB_HOST):5432"
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.h
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/x
      Code:
        ZipFile: "print(1)"
      Environment:
        Variables:
          NOTE: "${Prefix}AKIAIOSFODNN7EXAMPLE"
          NAME: "${Prefix}-function"
"""


def test_manifests_and_templates(tmp_path: Path) -> None:
    (tmp_path / "k8s.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "cfn.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.evidence.get("paths")) for f in result.findings}
    assert found == {
        "ConfigMap/default/cm": (Status.FAIL, ["data.note"]),
        "Deployment/default/d": (Status.FAIL, ["spec.template.spec.containers.0.env.GH"]),
        "Deployment/default/clean": (Status.PASS, None),
        "Fn": (Status.FAIL, ["Environment.Variables.NOTE"]),
    }
