"""Settings about secrets that are not secrets: how long a rotated user is kept
(``password_rotation_user_retention: "180"``, days) and the pattern the operator names the
Secrets it makes by (``secret_name_template: "{username}.{cluster}.credentials..."``). The
Zalando postgres-operator's ConfigMap FAILed GDCC-SECRET-001 on both (a three-digit number
is no flag, and ``..._retention`` / ``..._name_template`` were no setting suffixes); the
password beside them still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CONFIG = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: postgres-operator}
data:
  enable_password_rotation: "true"
  password_rotation_interval: "90"
  password_rotation_user_retention: "180"
  secret_name_template: "{username}.{cluster}.credentials.{tprkind}.{tprgroup}"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: with-a-password}
data:
  password_rotation_user_retention: "180"
  replication_password: "Zb7!qv-kept-here"
"""


def test_retention_and_name_templates_are_settings(tmp_path: Path) -> None:
    (tmp_path / "configmap.yaml").write_text(CONFIG, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "ConfigMap/default/postgres-operator": (
            Status.PASS, "No secrets are written in configuration"
        ),
        "ConfigMap/default/with-a-password": (
            Status.FAIL, "a secret is written in plain text at 'data.replication_password'"
        ),
    }
