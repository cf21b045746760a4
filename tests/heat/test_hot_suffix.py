"""A Heat template named ``*.hot`` (as some projects name them) is read like a ``.yaml`` one:
it was not discovered at all (not even listed as not recognised)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
heat_template_version: 2018-08-31
resources:
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: 0.0.0.0/0
  nested:
    type: lib/member.hot
"""


def test_a_hot_file_is_a_heat_template(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "stack.hot").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "lib" / "member.hot").write_text(
        TEMPLATE.replace("  nested:\n    type: lib/member.hot\n", ""), encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = sorted((str(f.location.file), f.status.value) for f in result.findings)
    assert found == [
        (str(tmp_path / "lib" / "member.hot"), "FAIL"),
        (str(tmp_path / "stack.hot"), "FAIL"),
    ]
    assert result.modules_not_read == ()


SERVER = """\
heat_template_version: 2018-08-31
parameters:
  allowed:
    type: string
    default: 10.0.0.0/8
resources:
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: { get_param: allowed }
"""


def test_a_heat_environment_named_env_is_read_and_a_dotenv_file_is_not(tmp_path: Path) -> None:
    # Was PASS: env/prod.env (as realjktu/heat-templates name them) was not discovered.
    (tmp_path / "env").mkdir()
    (tmp_path / "server.yaml").write_text(SERVER, encoding="utf-8")
    (tmp_path / "env" / "prod.env").write_text("parameters:\n  allowed: 0.0.0.0/0\n")
    (tmp_path / "app.env").write_text("DATABASE_URL=postgres://db\nparameters=1\n")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    (finding,) = result.findings
    assert finding.status.value == "FAIL"
    assert f"(with the environment file {tmp_path / 'env' / 'prod.env'})" in finding.message.en
    assert str(tmp_path / "app.env") not in {str(i.path) for i in result.inputs}
