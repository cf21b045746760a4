"""``get_attr`` of a Heat group of a nested template of the scan reads its members' outputs
(``normalize/heat/nesting.py``): ``outputs_list`` (one value per member), ``resource.N.X`` /
``[resource.N, X]`` and ``attributes``, when the member count is known. They were a
reference to the group (not known)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

PARENT = """\
heat_template_version: 2018-08-31
parameters:
  members:
    type: number
    default: 2
resources:
  workers:
    type: OS::Heat::ResourceGroup
    properties:
      count: { get_param: members }
      resource_def:
        type: lib/worker.yaml
  admin:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: { get_attr: [workers, resource.0.admin_cidr] }
  front:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      security_groups: { get_attr: [workers, outputs_list, group] }
"""

CHILD = """\
heat_template_version: 2018-08-31
resources:
  web:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 3389
          port_range_max: 3389
          remote_ip_prefix: 0.0.0.0/0
outputs:
  admin_cidr:
    value: 0.0.0.0/0
  group:
    value: { get_resource: web }
"""


def _verdicts(root: Path, parent: str = PARENT) -> dict[str, tuple[str, str]]:
    (root / "lib").mkdir()
    (root / "main.yaml").write_text(parent, encoding="utf-8")
    (root / "lib" / "worker.yaml").write_text(CHILD, encoding="utf-8")
    result = audit([root], Settings(rule_ids=("GDCC-NET-001",)))
    return {str(f.address): (f.status.value, f.message.en) for f in result.findings}


def test_a_group_members_outputs_are_read(tmp_path: Path) -> None:
    found = _verdicts(tmp_path)
    # was UNKNOWN ("cannot tell whether port 22 is open to the internet")
    assert found["admin"][0] == "FAIL"
    assert found["admin"][1].startswith("port 22 is open to the whole internet (0.0.0.0/0)")
    # was UNKNOWN ("inbound rules are not known"): the server is in the members' group
    assert found["front"] == ("NOT_APPLICABLE", "judged on its security groups: web")


def test_a_group_of_members_not_known_is_not_read(tmp_path: Path) -> None:
    parent = PARENT.replace("    default: 2\n", "")
    found = _verdicts(tmp_path, parent)
    assert found["admin"][0] == "UNKNOWN"
    assert found["front"][0] == "UNKNOWN"
