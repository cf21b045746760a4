"""GDCC-SECRET-001 on a container's command line: an option and its value written as two
items (``args: ["--token", "..."]``) and MySQL's ``-pPASSWORD`` in a shell command PASSed
(only ``--option=value`` in one item was read)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: example/web:1.0
          command: ["sh", "-c", "mysql -uroot -pS3cretPw1 -e 'select 1' && exec web"]
          args: ["--token", "abcdefghijklmnop1234", "--port", "8080",
                 "--password", "$(DB_PASSWORD)"]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: clean, namespace: shop}
spec:
  selector: {matchLabels: {app: clean}}
  template:
    metadata: {labels: {app: clean}}
    spec:
      containers:
        - name: clean
          image: example/clean:1.0
          command: ["sh", "-c", "mysql -uroot -p$MYSQL_PWD -e 'select 1'"]
          args: ["--token-file", "/var/run/token", "-p", "8080"]
"""


def test_command_line_secrets_fail(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.resource_name: (f.status, f.evidence.get("paths")) for f in result.findings
    }
    container = "spec.template.spec.containers.0"
    assert found == {
        "shop/Deployment/web": (
            Status.FAIL, [f"{container}.args.1", f"{container}.command.2"]
        ),
        "shop/Deployment/clean": (Status.PASS, None),
    }
