"""A key named only by a word gdcc-audit does not know (``FERNET_KEY``, ``HMAC_KEY``,
``APP_KEY``) holding key material is a secret as a structured key (stop 47), but written in
text it PASSed GDCC-SECRET-001: a dotenv file in a ConfigMap, an ``airflow.cfg``, user data
writing an env file (the text search knew only names ending in a secret's word). Such a line
now FAILs when ``key_named`` and ``key_material`` accept it; a public key, a KMS alias, a
UUID, a placeholder, a command's output or a reference stay clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.secrets.detect import detect_secrets

FERNET = "ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg="


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"AIRFLOW__CORE__EXECUTOR=LocalExecutor\nAIRFLOW__CORE__FERNET_KEY={FERNET}\n", True),
        ("export ENCRYPTION_KEY=8f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f\n", True),
        (f"[core]\nfernet_key = {FERNET}\n", True),
        ("services:\n  app:\n    environment:\n"
         "      - APP_KEY=base64:3q2+7w0tYz8Q1wXl0l3U4m5n6o7p8q9r0s1t2u3v4w8=\n", True),
        (f'{{\n  "encryptionKey": "{FERNET}",\n  "region": "th"\n}}\n', True),
        (f"# HMAC_KEY={FERNET}\n", True),
        (f"JWT_PUBLIC_KEY={FERNET}\n", False),
        ("KMS_KEY=alias/airflow-logs-encryption-key\n", False),
        ("ENCRYPTION_KEY=1234abcd-12ab-34cd-56ef-1234567890ab\n", False),
        ("HMAC_KEY=your-hmac-key-goes-here-now\n", False),
        ("FERNET_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", False),
        ("export HMAC_KEY=$(aws ssm get-parameter --name /app/hmac)\n", False),
        ("FERNET_KEY=${FERNET}\n", False),
        ("GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n", False),
        (f"CACHE_KEY={FERNET}\n", False),
    ],
)
def test_key_material_under_a_key_name_in_text(text: str, secret: bool) -> None:
    assert bool(detect_secrets({"data": {".env": text}})) is secret


CONFIG_MAP = f"""\
apiVersion: v1
kind: ConfigMap
metadata:
  name: airflow-env
data:
  .env: |
    AIRFLOW__CORE__EXECUTOR=LocalExecutor
    AIRFLOW__CORE__FERNET_KEY={FERNET}
  airflow.cfg: |
    [core]
    fernet_key = {FERNET}
  public.env: |
    JWT_PUBLIC_KEY={FERNET}
    KMS_KEY=alias/airflow-logs-encryption-key
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: clean
data:
  app.env: |
    ENCRYPTION_KEY=1234abcd-12ab-34cd-56ef-1234567890ab
    HMAC_KEY=your-hmac-key-goes-here-now
"""

MAIN_TF = """\
resource "aws_instance" "app" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    cat > /etc/app.env <<EOF
    APP_KEY=base64:3q2+7w0tYz8Q1wXl0l3U4m5n6o7p8q9r0s1t2u3v4w8=
    EOF
  EOT
}

resource "aws_instance" "ok" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export SIGNING_PUBLIC_KEY=ZmDfcTF7_60GrrY167zsiPd67pEvs0aGOv2oasOM1Pg=
    export HMAC_KEY=$(aws ssm get-parameter --name /app/hmac --query Parameter.Value)
  EOT
}
"""


def test_a_config_map_and_user_data_with_a_fernet_key_fail(tmp_path: Path) -> None:
    (tmp_path / "cm.yaml").write_text(CONFIG_MAP, encoding="utf-8")
    (tmp_path / "main.tf").write_text(MAIN_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = sorted((f.address, f.status.value, f.evidence.get("paths")) for f in result.findings)
    assert found == [
        ("ConfigMap/default/airflow-env", "FAIL", ["data..env", "data.airflow.cfg"]),
        ("ConfigMap/default/clean", "PASS", None),
        ("aws_instance.app", "FAIL", ["user_data"]),
        ("aws_instance.ok", "PASS", None),
    ]
