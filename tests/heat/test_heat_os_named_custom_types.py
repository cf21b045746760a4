"""Custom resource types named in Heat's ``OS::`` namespace (TripleO's ``OS::TripleO::…``,
which its environments map to templates or to built-in types): an environment's
``resource_registry`` may map any name (Heat's Environments guide), so an ``OS::`` prefix does
not make a type Heat's own. The mapper took every ``OS::`` type for a built-in one: a server
whose floating IP is of such a type PASSed GDCC-CMP-001 "no floating IP of the template is
associated with it" (a wrong PASS), and an environment mapping the type to
``OS::Neutron::FloatingIP`` was not read (``environments.built_in_mappings`` skipped ``OS::``
names). Now Heat's own types are those of its service namespaces (``heat/builtin.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.normalize.heat.builtin import heat_built_in
from gdcc_audit.settings import Settings

NODE = """\
heat_template_version: 2018-08-31
parameters:
  external_network:
    type: string
    default: public
resources:
  private_net:
    type: OS::Neutron::Net
  private_subnet:
    type: OS::Neutron::Subnet
    properties:
      network: {get_resource: private_net}
      cidr: 10.0.0.0/24
  node_port:
    type: OS::Neutron::Port
    properties:
      network: {get_resource: private_net}
      fixed_ips:
        - subnet: {get_resource: private_subnet}
  node:
    type: OS::Nova::Server
    properties:
      flavor: m1.small
      image: centos-stream-9
      networks:
        - port: {get_resource: node_port}
  node_floating:
    type: OS::TripleO::Optional::Neutron::FloatingIP
    properties:
      floating_network: {get_param: external_network}
      port_id: {get_resource: node_port}
"""

ENABLE = """\
resource_registry:
  OS::TripleO::Optional::Neutron::FloatingIP: OS::Neutron::FloatingIP
"""


def _cmp_001(root: Path, files: dict[str, str]) -> tuple[str, str]:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    result = audit([root], Settings(rule_ids=("GDCC-CMP-001",)))
    found = next(f for f in result.findings if f.address == "node")
    return found.status.value, found.message.en


def test_an_os_named_custom_type_may_add_a_floating_ip(tmp_path: Path) -> None:
    assert _cmp_001(tmp_path, {"node.yaml": NODE}) == (
        "UNKNOWN", "whether it has a public IP address is not known from the input"
    )


def test_an_environment_mapping_an_os_named_custom_type_is_read(tmp_path: Path) -> None:
    enable = tmp_path / "environments" / "enable-floating-ip.yaml"
    assert _cmp_001(tmp_path, {"node.yaml": NODE,
                               "environments/enable-floating-ip.yaml": ENABLE}) == (
        "FAIL", f"it has a public IP address (with the environment file {enable})"
    )


@pytest.mark.parametrize(
    ("kind", "built_in"),
    [("OS::Nova::Server", True), ("OS::Heat::None", True), ("AWS::EC2::Instance", True),
     ("OS::TripleO::Services::Keystone", False), ("Magnum::Optional::Neutron::Port", False),
     ("OS::Nova", False), ("lib/server.yaml", False), (None, False)],
)
def test_heat_built_in(kind: object, built_in: bool) -> None:
    assert heat_built_in(kind) is built_in
