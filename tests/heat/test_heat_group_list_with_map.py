"""A server's security_groups list holding a map (not a name or a reference) is read without a
crash: the fuzz input of stop 51 (``unhashable type: 'dict'`` in the Heat mapper)."""

from pathlib import Path

from gdcc_audit import Settings, audit

TEMPLATE = """heat_template_version: 2018-08-31
resources:
  web_sg:
    type: OS::Neutron::SecurityGroup
    properties:
      rules: [{protocol: tcp, port_range_min: 22, port_range_max: 22, remote_ip_prefix: 0.0.0.0/0}]
  web:
    type: OS::Nova::Server
    properties:
      image: ubuntu-22.04
      flavor: m1.small
      security_groups: [{get_resource: web_sg}, {odd: map}]
"""


def test_a_group_list_holding_a_map_is_read(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert all("internal error" not in str(i) for i in result.inputs), result.inputs
    assert any(f.resource_id.endswith("web") for f in result.findings)
