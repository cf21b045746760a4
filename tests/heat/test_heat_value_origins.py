"""Heat "value set at" beyond security groups: a FAIL whose deciding property is a parameter
points at the line that sets it (the parameter default, or the environment file of the read
that FAILs), as Terraform and CloudFormation findings do (``defaults.value_origins``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

TEMPLATE = """\
heat_template_version: 2018-08-31
parameters:
  visibility:
    type: string
    default: public
  protocol:
    type: string
    default: HTTPS
resources:
  image:
    type: OS::Glance::WebImage
    properties:
      location: http://example.com/img.qcow2
      visibility: { get_param: visibility }
  listener:
    type: OS::Octavia::Listener
    properties:
      loadbalancer: lb
      protocol: { get_param: protocol }
      protocol_port: 443
"""


def _finding(root: Path, rule: str, address: str) -> Finding:
    result = audit([root], Settings(rule_ids=(rule,)))
    return next(f for f in result.findings if f.rule_id == rule and f.address == address)


def test_a_parameter_default_that_fails_is_pointed_at(tmp_path: Path) -> None:
    # Was a FAIL without "value set at": only security-group rules named the line.
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    finding = _finding(tmp_path, "GDCC-DATA-001", "image")
    assert finding.status.value == "FAIL"
    assert finding.evidence["value_set_at"] == {"public_access": f"{tmp_path / 't.yaml'}:5"}
    assert f"(value set at {tmp_path / 't.yaml'}:5)" in finding.message.en


def test_an_environment_value_that_fails_is_pointed_at(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "env").mkdir()
    env = tmp_path / "env" / "plain.yaml"
    env.write_text("parameters:\n  protocol: HTTP\n", encoding="utf-8")
    finding = _finding(tmp_path, "GDCC-ENC-004", "listener")
    assert finding.status.value == "FAIL"
    assert finding.message.en == (
        f"unencrypted connections are accepted (with the environment file {env}) "
        f"(value set at {env}:2)"
    )
    assert finding.evidence["value_set_at"] == {"encrypted_in_transit": f"{env}:2"}


CONDITIONAL = """\
heat_template_version: 2018-08-31
parameters:
  mode:
    type: string
    default: open
conditions:
  is_open: { equals: [{ get_param: mode }, open] }
resources:
  image:
    type: OS::Glance::WebImage
    properties:
      location: http://example.com/img.qcow2
      visibility: { if: [is_open, public, private] }
"""


def test_a_value_a_condition_chooses_points_at_the_parameters_it_reads(
    tmp_path: Path,
) -> None:
    (tmp_path / "t.yaml").write_text(CONDITIONAL, encoding="utf-8")
    finding = _finding(tmp_path, "GDCC-DATA-001", "image")
    assert finding.status.value == "FAIL"
    assert finding.evidence["value_set_at"] == {"public_access": f"{tmp_path / 't.yaml'}:5"}


ALLOWED = """\
heat_template_version: 2018-08-31
parameters:
  protocol:
    type: string
    default: HTTPS
    constraints:
      - allowed_values: [HTTPS, HTTP]
  tier:
    type: string
    constraints:
      - allowed_values: [small, large]
conditions:
  large: { equals: [{ get_param: tier }, large] }
resources:
  listener:
    type: OS::Octavia::Listener
    properties:
      loadbalancer: lb
      protocol: { get_param: protocol }
      protocol_port: 443
  image:
    type: OS::Glance::WebImage
    properties:
      location: http://example.com/img.qcow2
      visibility: { if: [large, private, private] }
"""


def test_allowed_values_as_for_cloudformation(tmp_path: Path) -> None:
    # As CloudFormation's AllowedValues (cfn/test_parameter_choices.py): the default decides
    # and the other allowed value is named (was a bare PASS); a parameter without a default
    # is tried with each allowed value (was UNKNOWN: 'tier' not known).
    path = tmp_path / "t.yaml"
    path.write_text(ALLOWED, encoding="utf-8")
    listener = _finding(tmp_path, "GDCC-ENC-004", "listener")
    assert listener.status.value == "PASS"
    assert listener.message.en.endswith(
        f"(decided by the default of the parameter protocol ('HTTPS', value set at {path}:5); "
        "a deployment with protocol = 'HTTP': FAIL)"
    )
    image = _finding(tmp_path, "GDCC-DATA-001", "image")
    assert image.status.value == "PASS"
