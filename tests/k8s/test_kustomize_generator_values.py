"""What a kustomize generator writes is judged as the object it makes is judged.

A ``secretGenerator``'s literals and files counted as secrets whatever they held: a
placeholder for a third party's key (``HF_TOKEN=HF_TOKEN``) FAILed though the same key in a
Secret's ``stringData`` PASSes, and so did a public certificate or a configuration file with
no credential; an ``envs`` file was one path for the whole file, with no line. A
``configMapGenerator``'s ``files`` and ``envs`` were not read at all: a password in an
``application.properties`` it reads PASSed. Each secret now names the line it is written at
(``value set at``: the literal's line, the env file's line).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: app
secretGenerator:
  - name: db
    literals:
      - DB_PASSWORD=changeme
  - name: keys
    literals:
      - HF_TOKEN=HF_TOKEN
      - "ACME_API_KEY='your-acme-api-key-here'"
  - name: from-env
    envs:
      - secrets.env
  - name: placeholders-env
    envs:
      - keys.env
  - name: filed
    files:
      - tls.crt=cert.pem
      - config.yaml
      - db-password=password.txt
configMapGenerator:
  - name: spring
    files:
      - application.properties
  - name: env-config
    envs:
      - app.env
"""


def _scan(tmp_path: Path) -> dict[str, tuple[str, object, object, str]]:
    (tmp_path / "kustomization.yaml").write_text(KUSTOMIZATION, encoding="utf-8")
    (tmp_path / "secrets.env").write_text(
        "# mail\nSMTP_PASSWORD=Xk9-mq2LpZ\n\nPROXY_TOKEN\n", encoding="utf-8"
    )
    (tmp_path / "keys.env").write_text(
        "OPENAI_API_KEY=your-openai-api-key-here\nGITHUB_TOKEN=GITHUB_TOKEN\n", encoding="utf-8"
    )
    (tmp_path / "cert.pem").write_text(
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ0xk\n-----END CERTIFICATE-----\n",
        encoding="utf-8",
    )
    (tmp_path / "config.yaml").write_text("server:\n  port: 8080\n  log: debug\n")
    (tmp_path / "password.txt").write_text("hunter2xyz\n", encoding="utf-8")
    (tmp_path / "application.properties").write_text(
        "server.port=8080\nspring.datasource.password=Pr0dPassw0rd\n", encoding="utf-8"
    )
    (tmp_path / "app.env").write_text("LOG_LEVEL=info\nDB_PASSWORD=sup3rs3cretpw\n")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    return {
        f.address: (
            f.status.value, f.evidence.get("paths"), f.evidence.get("value_set_at"), f.message.en
        )
        for f in result.findings
    }


def test_generated_values_are_judged_as_the_objects_data(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    assert found["Secret/app/db"][:3] == (
        "FAIL", ["literals.DB_PASSWORD"], {"literals.DB_PASSWORD": "kustomization.yaml:7"}
    )
    # a password's placeholder is what the server is given: it stays a secret
    assert "(value set at kustomization.yaml:7)" in found["Secret/app/db"][3]
    status, paths, _, message = found["Secret/app/keys"]
    assert (status, paths) == ("PASS", None)
    assert message == (
        "No secrets are written in configuration ('literals.HF_TOKEN', "
        "'literals.ACME_API_KEY': placeholders for keys or tokens a third party issues, "
        "not a credential)"
    )
    # one path per line of the env file, at its line; a bare KEY takes kustomize's environment
    assert found["Secret/app/from-env"][:3] == (
        "FAIL",
        ["envs.secrets.env.SMTP_PASSWORD"],
        {"envs.secrets.env.SMTP_PASSWORD": "secrets.env:2"},
    )
    assert found["Secret/app/placeholders-env"][:2] == ("PASS", None)
    assert "'envs.keys.env.OPENAI_API_KEY', 'envs.keys.env.GITHUB_TOKEN': placeholders" in (
        found["Secret/app/placeholders-env"][3]
    )
    # a certificate is public, a configuration file of settings holds no credential
    assert found["Secret/app/filed"][:3] == (
        "FAIL", ["files.db-password"], {"files.db-password": "password.txt:1"}
    )


def test_config_map_generator_files_and_envs_are_read(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    assert found["ConfigMap/app/spring"][:3] == (
        "FAIL",
        ["files.application.properties"],
        {"files.application.properties": "application.properties:1"},
    )
    assert found["ConfigMap/app/env-config"][:3] == (
        "FAIL", ["envs.app.env.DB_PASSWORD"], {"envs.app.env.DB_PASSWORD": "app.env:2"}
    )


def test_a_file_that_is_not_text_is_a_secrets_value(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text(
        "secretGenerator:\n  - name: store\n    files:\n      - keystore.jks\n"
    )
    (tmp_path / "keystore.jks").write_bytes(b"\xfe\xed\xfe\xed\x00\x00\x00\x02\xff\x80")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    assert [(f.address, f.status.value, f.evidence.get("paths")) for f in result.findings] == [
        ("Secret/default/store", "FAIL", ["files.keystore.jks"])
    ]
