"""Heat: a parameter whose ``default`` is a secret that no resource reads (read only by an
output), and a secret an environment file gives to a parameter no resource of the scan reads
(TripleO's ``ci/environments/standalone-ipa.yaml`` ``parameter_defaults.IdMAdminPassword``,
carried into ``outputs.role_data`` hieradata only, or a parameter no scanned template
declares), had no finding. The parameter is now a secret holder of its own (at its
``default`` line), the environment file one holder (``HeatEnvironment/<file>``) naming each
such value and its line. A value a resource reads is judged on that resource."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  db_password:
    type: string
    hidden: true
    default: Sup3r-S3cret-Pw
  IdMAdminPassword:
    type: string
    hidden: true
  service_token:
    type: string
    hidden: true
    default: T0ken-Only-0utput-9
  key_name:
    type: string
    default: mykey
  api_token:
    type: string
    default: ""
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      key_name: {get_param: key_name}
      admin_pass: {get_param: db_password}
outputs:
  role_data:
    value:
      config_settings:
        ipa_password: {get_param: IdMAdminPassword}
        token: {get_param: service_token}
"""

ENVIRONMENT = """\
parameter_defaults:
  CloudName: overcloud.example.com
  IdMAdminPassword: Fr0m-Env-S3cret
  ExtraConfig:
    nova::db::password: Hiera-S3cret-1
  key_name: default
  api_token: ""
"""


def test_secrets_that_reach_no_resource_fail_where_they_are_written(tmp_path: Path) -> None:
    (tmp_path / "server.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "environments").mkdir()
    (tmp_path / "environments" / "ipa.yaml").write_text(ENVIRONMENT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = {
        f.address: (
            f.status.value,
            f.evidence.get("paths"),
            {k: Path(v).name for k, v in (f.evidence.get("value_set_at") or {}).items()},
        )
        for f in result.findings
    }
    assert found == {
        "server": ("FAIL", ["admin_pass"], {"admin_pass": "server.yaml:6"}),
        "service_token": ("FAIL", ["default"], {"default": "server.yaml:13"}),
        "HeatEnvironment/environments/ipa.yaml": (
            "FAIL",
            ["parameter_defaults.ExtraConfig.nova::db::password",
             "parameter_defaults.IdMAdminPassword"],
            {"parameter_defaults.ExtraConfig.nova::db::password": "ipa.yaml:5",
             "parameter_defaults.IdMAdminPassword": "ipa.yaml:3"},
        ),
    }
