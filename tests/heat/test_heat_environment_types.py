"""Heat environments that map a custom type to a built-in type (Magnum's
``enable_floating_ip.yaml``: ``"Magnum::Optional::KubeMinion::Neutron::FloatingIP":
"OS::Neutron::FloatingIP"``; ``disable_floating_ip.yaml``: the same name to ``OS::Heat::None``):
the template is read with each such environment, its resources of the custom type as the type
they are given (``normalize/heat/environments.py``). Before, only entries naming a template
were read: the floating IP and the volume were "not judged" and the server's CMP-001 UNKNOWN
whatever the environments said."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.resource import EXISTS_MAYBE, ONLY_WITH
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph

#: A Magnum-shaped node: a server on a port of an internal network of the template, a
#: floating IP and a data volume whose types the environments decide.
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
      image: fedora-coreos
      networks:
        - port: {get_resource: node_port}
  node_floating:
    type: Example::Optional::Neutron::FloatingIP
    properties:
      floating_network: {get_param: external_network}
      port_id: {get_resource: node_port}
  data_volume:
    type: Example::Optional::Cinder::Volume
    properties:
      size: 10
"""

ENABLE = """\
resource_registry:
  "Example::Optional::Neutron::FloatingIP": "OS::Neutron::FloatingIP"
"""
DISABLE = """\
resource_registry:
  "Example::Optional::Neutron::FloatingIP": "OS::Heat::None"
"""
WITH_VOLUME = """\
resource_registry:
  "Example::Optional::Cinder::Volume": "OS::Cinder::Volume"
"""
NO_VOLUME = """\
resource_registry:
  "Example::Optional::Cinder::Volume": "OS::Heat::None"
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _findings(root: Path, rule: str) -> dict[str, Finding]:
    result = audit([root], Settings(rule_ids=(rule,)))
    return {f.address or "": f for f in result.findings if f.rule_id == rule}


def test_a_floating_ip_an_environment_enables_makes_the_server_public(tmp_path: Path) -> None:
    _write(tmp_path, {"node.yaml": NODE, "env/enable_floating_ip.yaml": ENABLE,
                      "env/disable_floating_ip.yaml": DISABLE})
    enable = tmp_path / "env" / "enable_floating_ip.yaml"
    disable = tmp_path / "env" / "disable_floating_ip.yaml"
    finding = _findings(tmp_path, "GDCC-CMP-001")["node"]
    assert finding.status.value == "FAIL"
    assert finding.message.en == f"it has a public IP address (with the environment file {enable})"
    assert finding.evidence["variants"] == {
        # as written the type is not known; OS::Heat::None creates nothing, but the
        # volume's custom type (mapped by no environment here) may add a floating IP
        f"with the template's own parameter values, or with the environment file {disable}":
            "UNKNOWN",
        f"with the environment file {enable}": "FAIL",
    }


def test_disabled_floating_ip_and_volume_together_make_no_public_address(
    tmp_path: Path,
) -> None:
    _write(tmp_path, {"node.yaml": NODE, "env/disable_floating_ip.yaml": DISABLE,
                      "env/no_volume.yaml": NO_VOLUME})
    disable = tmp_path / "env" / "disable_floating_ip.yaml"
    none = tmp_path / "env" / "no_volume.yaml"
    finding = _findings(tmp_path, "GDCC-CMP-001")["node"]
    # every way it may be deployed: as written the custom types are not known (UNKNOWN), so
    # never a PASS; combined, no floating IP and every network internal: PASS
    assert finding.status.value == "UNKNOWN"
    assert finding.evidence["variants"][
        f"with the environment files combined (-e {disable} -e {none})"
    ] == "PASS"


def test_a_volume_only_an_environment_creates_is_judged_as_deployed_only_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"node.yaml": NODE, "env/with_volume.yaml": WITH_VOLUME,
                      "env/no_volume.yaml": NO_VOLUME})
    with_volume = tmp_path / "env" / "with_volume.yaml"
    result, graph = audit_keeping_graph(tmp_path, monkeypatch,
                                        Settings(rule_ids=("GDCC-ENC-001",)))
    (volume,) = (r for r in graph.resources() if r.name == "data_volume")
    assert volume.provider_type == "OS::Cinder::Volume"
    how = f"deployed only with the environment file {with_volume}"
    assert volume.attributes[ONLY_WITH] == how
    assert volume.attributes[EXISTS_MAYBE] == how
    finding = next(f for f in result.findings if f.address == "data_volume")
    assert finding.message.en.endswith(f"({how})")
    assert finding.message.th.endswith(
        f"(สร้างขึ้นเฉพาะเมื่อใช้ไฟล์ environment {with_volume})"
    )
    # OS::Heat::None makes no resource: one volume
    assert [r.name for r in result.resources].count("data_volume") == 1
