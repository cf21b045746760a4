"""A HOT template with a resource the loader cannot read (not a mapping, no ``type``) was not
assessed at all ("resource 'web' is not a mapping"), though its other resources were plain;
CloudFormation already skipped only such a resource. Now the resource is reported with its
line and skipped, the others are judged, and the file is partially assessed."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
heat_template_version: 2018-08-31
resources:
  broken: "just text"
  untyped:
    properties:
      security_group: {get_resource: closed}
  closed:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: 10.0.0.0/8
  sg:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: 0.0.0.0/0
  vol:
    type: OS::Cinder::Volume
    properties:
      size: 10
  attach:
    properties:
      volume: {get_resource: vol}
"""


def test_unreadable_resources_are_skipped_and_the_rest_judged(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    (read,) = result.inputs
    assert read.status.value == "partially_assessed"
    assert (read.line, read.error) == (
        3, "resource 'broken' is not a mapping; that resource is skipped"
    )
    assert read.additional_errors == (
        "line 4: untyped.type: resource 'untyped' has no type; that resource is skipped",
        "line 27: attach.type: resource 'attach' has no type; that resource is skipped",
    )
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found["sg"] == ("FAIL", "port 22 is open to the whole internet (0.0.0.0/0)")
    # a group the skipped resource names may be changed by it (load.lost): not a PASS
    assert found["closed"][0] == "UNKNOWN"
    assert found["closed"][1] == (
        f"a block that names this resource was not assessed ({tmp_path / 'stack.yaml'}:4); "
        "what was assessed passes: Management ports are not open to the internet"
    )


def test_a_template_whose_resources_are_no_mapping_is_not_assessed(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(
        "heat_template_version: 2018-08-31\nresources: [a, b]\n", encoding="utf-8"
    )
    (read,) = audit([tmp_path], Settings()).inputs
    assert (read.status.value, read.line, read.error) == (
        "not_assessed", 2, "resources must be a mapping"
    )
