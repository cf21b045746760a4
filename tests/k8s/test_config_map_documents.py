"""A configuration document kept in a ConfigMap is read by its settings' names, as a Helm
values file is: istio's OpenTelemetry collector ConfigMap (``samples/open-telemetry/
otel.yaml``, key ``opentelemetry-collector-config``) writes ``extensions.bearertokenauth.token:
"somerandomtoken"`` and PASSed GDCC-SECRET-001 (only credential shapes were searched in its
text; a token's shape is 16 characters or more). A value naming a variable or another store's
key (Argo CD's ``clientSecret: $dex.github.clientSecret``), a flat ``name: value`` text of
another format (nsswitch.conf's ``passwd: compat``) and a document that does not parse are
no secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.config_files import document_secrets

COLLECTOR = """\
receivers:
  otlp/auth:
    protocols:
      grpc:
        endpoint: 0.0.0.0:5317
        auth:
          authenticator: bearertokenauth
extensions:
  bearertokenauth:
    token: "somerandomtoken"
  health_check:
"""


@pytest.mark.parametrize(
    ("key", "text", "found"),
    [
        ("collector-config", COLLECTOR,
         ("data.collector-config.extensions.bearertokenauth.token",)),
        ("config.yaml", "smtp:\n  password: hunter22\n", ("data.config.yaml.smtp.password",)),
        ("settings.json", '[{"user": "a", "password": "hunter22"}]',
         ("data.settings.json.0.password",)),
        # Argo CD: a key of argocd-secret; a variable
        ("dex.config",
         "connectors:\n- config:\n    clientSecret: $dex.github.clientSecret\n", ()),
        ("service.slack", "token: $slack-token\nusername: bot\nicon: ':x:'\n", ()),
        # flat lines of another format; not named as a YAML file
        ("nsswitch.conf", "passwd: compat\ngroup: compat\nshadow: compat\n", ()),
        ("collector-config", "extensions:\n  a: [unclosed\n", ()),
        ("note", "password: hunter22", ()),  # one line: the text's shapes judge it
    ],
)
def test_documents_read_by_name(key: str, text: str, found: tuple[str, ...]) -> None:
    assert document_secrets(key, text, "data") == found


def test_the_collector_config_map_fails(tmp_path: Path) -> None:
    indented = "".join(f"    {line}\n" for line in COLLECTOR.splitlines())
    path = tmp_path / "otel.yaml"
    path.write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: otel, namespace: o}\n"
        f"data:\n  opentelemetry-collector-config: |\n{indented}",
        encoding="utf-8",
    )
    result = audit([path], Settings(rule_ids=("GDCC-SECRET-001",)))
    (finding,) = result.findings
    assert finding.status is Status.FAIL
    assert finding.message.en == (
        "a secret is written in plain text at "
        "'data.opentelemetry-collector-config.extensions.bearertokenauth.token'"
    )
