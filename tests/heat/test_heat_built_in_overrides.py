"""Heat environments overriding one of Heat's own resource types (Heat's Environments guide,
"Override a resource with a custom resource": ``resource_registry`` mapping a built-in type
to another built-in type or to a template). They were not read
(``environments.built_in_mappings`` took only custom types): a server whose port an
environment of the scan makes a nested stack adding a floating IP PASSed GDCC-CMP-001 "no
floating IP of the template is associated with it" (a wrong PASS). Now each such environment
is a read of the template with the type overridden: a template or custom type is not Heat's
own (the template is no longer a whole unit: UNKNOWN with that environment), another built-in
type is read as that type. An environment that only overrides a built-in type is for a
template by its place (the type is used everywhere), not because the template uses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.normalize.heat.environments import PER_RESOURCE, built_in_mappings
from gdcc_audit.settings import Settings

NODE = """\
heat_template_version: 2018-08-31
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
"""

#: A port template adding a floating IP to the port it makes.
PORT_WITH_FIP = """\
heat_template_version: 2018-08-31
parameters:
  network:
    type: string
  fixed_ips:
    type: json
    default: []
resources:
  port:
    type: OS::Neutron::Port
    properties:
      network: {get_param: network}
      fixed_ips: {get_param: fixed_ips}
  fip:
    type: OS::Neutron::FloatingIP
    properties:
      floating_network: public
      port_id: {get_resource: port}
outputs:
  OS::stack_id:
    value: {get_resource: port}
"""

PRIVATE = ("PASS", "Instances have no public IP address (no floating IP of the template is "
           "associated with it and its networks are internal networks of the template "
           "(private_net))")


def _cmp_001(root: Path, files: dict[str, str], address: str = "node") -> tuple[str, str]:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    result = audit([root], Settings(rule_ids=("GDCC-CMP-001",)))
    found = [f for f in result.findings if f.address == address]
    assert len(found) == 1, [(f.address, f.file_path) for f in result.findings]
    return found[0].status.value, found[0].message.en


def test_a_built_in_type_overridden_by_a_template_is_not_heat_s_own(tmp_path: Path) -> None:
    environment = tmp_path / "environments" / "fip-ports.yaml"
    assert _cmp_001(tmp_path, {
        "node.yaml": NODE,
        "lib/port_with_fip.yaml": PORT_WITH_FIP,
        "environments/fip-ports.yaml":
            "resource_registry:\n  OS::Neutron::Port: ../lib/port_with_fip.yaml\n",
    }) == (
        "UNKNOWN",
        "the verdict depends on how the template is deployed: PASS with the template's own "
        f"parameter values; UNKNOWN with the environment file {environment}",
    )


def test_a_built_in_type_overridden_by_another_is_read_as_that_type(tmp_path: Path) -> None:
    # OS::Heat::None placeholders made floating IPs by the environment
    node = NODE + """\
  node_floating:
    type: OS::Heat::None
    properties:
      floating_network: public
      port_id: {get_resource: node_port}
"""
    environment = tmp_path / "env" / "enable.yaml"
    assert _cmp_001(tmp_path, {"node.yaml": node}) == PRIVATE
    assert _cmp_001(tmp_path, {
        "env/enable.yaml": "resource_registry:\n  OS::Heat::None: OS::Neutron::FloatingIP\n",
    }) == ("FAIL", f"it has a public IP address (with the environment file {environment})")


def test_an_override_elsewhere_is_not_for_the_template(tmp_path: Path) -> None:
    # the environment sits in another project's folder: it is not for node.yaml only because
    # node.yaml uses ports (every template does)
    assert _cmp_001(tmp_path, {
        "app/node.yaml": NODE,
        "other/lib/port_with_fip.yaml": PORT_WITH_FIP,
        "other/environments/fip-ports.yaml":
            "resource_registry:\n  OS::Neutron::Port: ../lib/port_with_fip.yaml\n",
    }) == PRIVATE


def test_built_in_mappings() -> None:
    assert built_in_mappings({
        "OS::TripleO::Optional::FloatingIP": "OS::Neutron::FloatingIP",
        "OS::Neutron::Port": "lib/port.yaml",
        "OS::Nova::Server": "OS::Heat::None",
        "OS::Nova::FloatingIP": "OS::Nova::FloatingIP",
        "OS::Heat::*": "OS::Heat::None",
        "My::Server": "My::Other",
        "My::Port": "lib/port.yaml",
        "resources": {"db": {"OS::Nova::Server": "lib/db.yaml", "hooks": "pre-create"},
                      "web*": {"OS::Nova::Server": "OS::Heat::None"}},
    }) == {
        f"db{PER_RESOURCE}OS::Nova::Server": "lib/db.yaml",
        "OS::TripleO::Optional::FloatingIP": "OS::Neutron::FloatingIP",
        "OS::Neutron::Port": "lib/port.yaml",
        "OS::Nova::Server": "OS::Heat::None",
    }


@pytest.mark.parametrize(("name", "expected"), [("node_port", "UNKNOWN"), ("other_port", "PASS")])
def test_an_override_for_one_resource_is_read_for_it_only(
    tmp_path: Path, name: str, expected: str
) -> None:
    # the registry's ``resources`` section: the type of the resources of that name only
    # (hooks beside it map no type)
    status, _ = _cmp_001(tmp_path, {
        "node.yaml": NODE,
        "lib/port_with_fip.yaml": PORT_WITH_FIP,
        "environments/fip-ports.yaml": "resource_registry:\n  resources:\n"
        f"    {name}:\n      OS::Neutron::Port: ../lib/port_with_fip.yaml\n"
        "      hooks: pre-create\n",
    })
    assert status == expected
