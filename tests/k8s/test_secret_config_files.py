"""A configuration file kept in a Kubernetes Secret with no credential in it holds no secret:
kube-prometheus' ``alertmanager-main`` (``alertmanager.yaml``: routes and receivers' names),
``grafana-config`` (``grafana.ini``: ``[date_formats]``) and ``grafana-datasources``
(``datasources.yaml``: a Prometheus URL) FAILed GDCC-SECRET-001 "a secret is written in plain
text". A setting that may hold a credential (a password, a PagerDuty ``routing_key``, a
kubeconfig's ``client-key-data``, a bearer token), a credential's shape, or a file that is not
settings (a PEM key, a script, YAML that does not parse) keeps the value a secret."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.config_files import settings_only

ALERTMANAGER = """\
"global":
  "resolve_timeout": "5m"
"receivers":
- "name": "Default"
- "name": "Critical"
"route":
  "group_by":
  - "namespace"
  "receiver": "Default"
  "routes":
  - "matchers":
    - "severity = critical"
    "receiver": "Critical"
"""
DATASOURCES = """\
{"apiVersion": 1, "datasources": [{"access": "proxy", "editable": false,
  "name": "prometheus", "type": "prometheus", "url": "http://prometheus-k8s:9090"}]}
"""


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("alertmanager.yaml", ALERTMANAGER),
        ("grafana.ini", "[date_formats]\ndefault_timezone = UTC\n"),
        ("datasources.yaml", DATASOURCES),
        ("app.properties", "# settings\nlog.level=info\nauth.enabled=false\n"),
        ("config.toml", "[server]\nport = 8080\nsession_timeout = 30m\n"),
    ],
)
def test_settings_files_without_credentials(key: str, text: str) -> None:
    assert settings_only(key, text)


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("alertmanager.yaml", ALERTMANAGER + '"global":\n  "smtp_auth_password": "hunter22"\n'),
        ("alertmanager.yml", "receivers:\n- name: pd\n  pagerduty_configs:\n"
                             "  - routing_key: 0123abcd\n"),
        ("alertmanager.yaml", "receivers:\n- name: s\n  slack_configs:\n  - api_url: "
                              "https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/"
                              "abcdefghijklmnopqrstuvwx\n"),
        ("grafana.ini", "[security]\nadmin_password = admin\n"),
        ("grafana.ini", "[auth.generic_oauth]\nclient_secret = s3cr3t\n"),
        ("datasources.yaml", DATASOURCES.replace('"editable"', '"basicAuthPassword": "pw1", '
                                                                '"editable"')),
        ("kubeconfig.yaml", "users:\n- name: admin\n  user:\n"
                            "    client-key-data: LS0tLS1CRUdJTg==\n"),
        ("config.json", '{"type": "service_account", "private_key_id": "abc"}'),
        ("token.json", '"a-bare-string"'),  # no settings
        ("app.conf", "server {\n  listen 80;\n}\n"),  # not name = value lines
        ("app.yaml", "a: [unclosed\n"),  # does not parse
        ("tls.key", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"),
        ("settings", "password = x\n"),  # not named as a configuration file
    ],
)
def test_files_that_may_hold_credentials_stay_secrets(key: str, text: str) -> None:
    assert not settings_only(key, text)


def _secret_001(path: Path) -> list:
    result = audit([path], Settings(rule_ids=("GDCC-SECRET-001",)))
    return [f for f in result.findings if f.rule_id == "GDCC-SECRET-001"]


def test_kube_prometheus_shaped_secrets_pass(tmp_path: Path) -> None:
    indented = "".join(f"    {line}\n" for line in ALERTMANAGER.splitlines())
    encoded = base64.b64encode(b"[date_formats]\ndefault_timezone = UTC\n").decode()
    path = tmp_path / "secrets.yaml"
    path.write_text(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: alertmanager-main, namespace: m}\n"
        f"stringData:\n  alertmanager.yaml: |-\n{indented}type: Opaque\n---\n"
        "apiVersion: v1\nkind: Secret\nmetadata: {name: grafana-config, namespace: m}\n"
        f"data:\n  grafana.ini: {encoded}\n",
        encoding="utf-8",
    )
    found = {f.address: f for f in _secret_001(path)}
    assert found["Secret/m/alertmanager-main"].status is Status.PASS
    assert found["Secret/m/grafana-config"].status is Status.PASS


def test_a_secret_with_a_credential_in_its_settings_file_fails(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: grafana-config, namespace: m}\n"
        "stringData:\n  grafana.ini: |\n    [security]\n    admin_password = hunter22\n"
        "  other.ini: |\n    [date_formats]\n    default_timezone = UTC\n",
        encoding="utf-8",
    )
    (finding,) = _secret_001(path)
    assert finding.status is Status.FAIL
    assert finding.message.en == "a secret is written in plain text at 'stringData.grafana.ini'"


def test_an_alias_bomb_is_no_settings_file() -> None:
    # nine levels of nine aliases: 9**9 settings read through the tree; taken as a file that
    # may hold a credential, at once
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    assert not settings_only("bomb.yaml", "\n".join(lines) + "\n")
