"""A Kubernetes Secret is judged key by key: a key that names who logs in or where
(``username``, ``POSTGRES_USER``, ``adminEmail``, ``DB_HOST``, ``port``) holds no
credential, though it is kept beside the password (kubernetes.io/basic-auth keeps
``username`` and ``password``). Any non-empty value kept in a Secret counted as a secret, so
a Secret of a user name and a host FAILed and a user name was listed beside every
password. The password keys still FAIL; a user-named key whose value has a credential's
shape or a whole login (``user: admin:S3cret``, ``host: app:pw@db``), or whose name is a
secret's (``user_password``), still counts; a kustomize
``secretGenerator`` is judged so too."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

MANIFESTS = """\
apiVersion: v1
kind: Secret
metadata:
  name: db
type: kubernetes.io/basic-auth
stringData:
  username: admin
  password: Sup3r-S3cret-Pw
---
apiVersion: v1
kind: Secret
metadata:
  name: who-and-where
stringData:
  POSTGRES_USER: app
  adminEmail: ops@example.com
  DB_HOST: db.example.com
  port: "5432"
  SMTP_USER: smtp@example.com
  apiAddress: tcp://localhost:5705
---
apiVersion: v1
kind: Secret
metadata:
  name: azure-file
stringData:
  azurestorageaccountname: mystore
  azurestorageaccountkey: Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3A=
---
apiVersion: v1
kind: Secret
metadata:
  name: encoded
data:
  user: YWRtaW4=
  db-password: aHVudGVyMg==
---
apiVersion: v1
kind: Secret
metadata:
  name: shaped
stringData:
  username: ghp_abcdefghijklmnopqrstuvwxyz0123456789
  user_password: x9Kq2-pw
---
apiVersion: v1
kind: Secret
metadata:
  name: login-whole
stringData:
  user: "admin:S3cret-Pw"
  host: "app:pw@db.example.com"
---
apiVersion: v1
kind: Secret
metadata:
  name: chap-secret
type: kubernetes.io/iscsi-chap
stringData:
  node.session.auth.username: initiator-user
  node.session.auth.password: Ch4p-Initiator-Pw
  node.session.auth.username_in: target-user
  node.session.auth.password_in: Ch4p-Target-Pw
"""

KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
secretGenerator:
  - name: mysql
    literals:
      - MYSQL_USER=wordpress
      - MYSQL_PASSWORD=Wp-S3cret-99
"""


def test_a_secret_s_user_name_and_host_keys_are_no_secrets(tmp_path: Path) -> None:
    (tmp_path / "secrets.yaml").write_text(MANIFESTS, encoding="utf-8")
    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "kustomization.yaml").write_text(KUSTOMIZATION, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = {f.address: (f.status.value, f.evidence.get("paths")) for f in result.findings}
    assert found == {
        "Secret/default/db": ("FAIL", ["stringData.password"]),
        "Secret/default/who-and-where": ("PASS", None),
        "Secret/default/encoded": ("FAIL", ["data.db-password"]),
        "Secret/default/azure-file": ("FAIL", ["stringData.azurestorageaccountkey"]),
        "Secret/default/shaped": ("FAIL", ["stringData.user_password", "stringData.username"]),
        "Secret/default/mysql": ("FAIL", ["literals.MYSQL_PASSWORD"]),
        # a login written whole under a user's or host's key is no name
        "Secret/default/login-whole": ("FAIL", ["stringData.host", "stringData.user"]),
        # iSCSI mutual CHAP: the user of the other direction is a user too
        "Secret/default/chap-secret": (
            "FAIL",
            ["stringData.node.session.auth.password", "stringData.node.session.auth.password_in"],
        ),
    }
    (passed,) = [f for f in result.findings if f.address == "Secret/default/who-and-where"]
    assert "'stringData.POSTGRES_USER'" in passed.message.en
    assert "who logs in or where" in passed.message.en
    assert "ไม่ใช่ข้อมูลสำหรับยืนยันตัวตน" in passed.message.th
