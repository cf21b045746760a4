"""A key written twice: OpenStack Heat loads templates with PyYAML (or ``json.loads``), which
keeps the last value without a word (``heat.common.template_format``); gdcc-audit reads a Heat
template the same way and says so, with the line, as a warning on the input. CloudFormation
files with a key written twice stay not assessed: AWS documents CloudFormation's handling as
undefined. Kubernetes manifests are read keeping the last value, as ``kubectl apply -f`` and
Helm read them, the file partially assessed (tests/k8s/test_manifest_duplicate_keys.py)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gdcc_audit.api import audit
from gdcc_audit.cli import main
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

HEAT = """\
heat_template_version: 2018-08-31
resources:
  sg:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: 0.0.0.0/0
      rules:
        - protocol: tcp
          port_range_min: 443
          port_range_max: 443
          remote_ip_prefix: 10.0.0.0/8
"""

WARNING = (
    "line 11: resources.sg.properties.rules: duplicate key 'rules' (first at line 6): read as "
    "Heat reads it, keeping the last value; the value at line 6 is ignored: only the secrets "
    "written in it are reported"
)

KUBERNETES = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
  name: web2
spec:
  containers:
    - name: app
      image: nginx:1.25
"""

#: Two different bodies (the same one twice is read once: tests/cfn/test_cfn_inert_duplicates.py).
CLOUDFORMATION = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: other}
"""


def test_heat_template_with_a_duplicate_key_is_read_as_heat_reads_it(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(HEAT)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    (item,) = result.inputs
    assert item.status == InputStatus.ASSESSED
    assert item.error is None
    assert item.warnings == (WARNING,)
    # the last value is the one read: port 443 from 10.0.0.0/8, not SSH from anywhere
    (finding,) = result.findings
    assert (finding.address, finding.status) == ("sg", Status.PASS)
    assert finding.location.start_line == 3
    # the JSON result carries the warning; other inputs do not grow the field
    dumped = json.loads(result.model_dump_json())
    assert dumped["inputs"][0]["warnings"] == [WARNING]


def test_heat_json_template_keeps_the_last_value_too(tmp_path: Path) -> None:
    text = (
        '{"heat_template_version": "2018-08-31", "resources": {"vol": '
        '{"type": "OS::Cinder::Volume", "properties": {"size": 1, "size": 2}}}}'
    )
    (tmp_path / "stack.json").write_text(text)
    result = audit([tmp_path], Settings(cache=False))
    (item,) = result.inputs
    assert item.status == InputStatus.ASSESSED
    assert item.warnings == (
        "line 1: resources.vol.properties.size: duplicate key 'size' (first at line 1): read "
        "as Heat reads it, keeping the last value; the value at line 1 is ignored: only the "
        "secrets written in it are reported",
    )


def test_cloudformation_duplicates_stay_refused_kubernetes_is_read_in_part(
    tmp_path: Path,
) -> None:
    (tmp_path / "pod.yaml").write_text(KUBERNETES)
    (tmp_path / "template.yaml").write_text(CLOUDFORMATION)
    result = audit([tmp_path], Settings(cache=False))
    found = {Path(i.path).name: i for i in result.inputs}
    pod, template = found["pod.yaml"], found["template.yaml"]
    assert (pod.status, pod.error, pod.line) == (
        InputStatus.PARTIALLY_ASSESSED,
        "duplicate key 'name' (first at line 4): read as `kubectl apply -f` and Helm read it, "
        "keeping the last value (kustomize and Flux refuse the file); the value at line 4 is "
        "ignored: only the secrets written in it are reported",
        5,
    )
    assert (template.status, template.error, template.line) == (
        # a logical id written twice: that resource is skipped, and it is the only one (read
        # only for the secrets written in either value: partially assessed)
        InputStatus.PARTIALLY_ASSESSED,
        "resource 'Bucket': key 'Bucket' is written twice (first at line 3); AWS "
        "CloudFormation's handling of a key written twice is undefined, so which value counts "
        "is not known: that resource is skipped (only the secrets written in either value are "
        "reported)",
        5,
    )
    assert pod.warnings == ()
    assert template.warnings == ()
    assert "warnings" not in json.loads(result.model_dump_json())["inputs"][0]


def test_scan_prints_the_warning_and_exits_as_assessed(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(HEAT)
    run = CliRunner().invoke(
        main, ["scan", str(tmp_path), "--rules", "GDCC-NET-001", "--no-cache"]
    )
    assert run.exit_code == 0, run.output
    expected = f"gdcc-audit: warning: {tmp_path / 'stack.yaml'}: {WARNING}"
    assert expected in run.stderr
    assert "Read with a warning" in run.stdout


HEAT_CFN_FORMAT = """\
HeatTemplateFormatVersion: "2012-12-12"
Resources:
  Volume:
    Type: OS::Cinder::Volume
    Properties:
      size: 1
      size: 2
"""


def test_heat_cloudformation_like_format_keeps_the_last_value(tmp_path: Path) -> None:
    """``HeatTemplateFormatVersion`` is Heat's own CloudFormation-like format: only Heat reads
    it, so it is read as Heat reads it (an ``AWSTemplateFormatVersion`` template is not)."""
    (tmp_path / "stack.template").write_text(HEAT_CFN_FORMAT)
    result = audit([tmp_path], Settings(cache=False))
    (item,) = result.inputs
    assert item.status == InputStatus.ASSESSED
    assert item.warnings == (
        "line 7: Resources.Volume.Properties.size: duplicate key 'size' (first at line 6): read "
        "as Heat reads it, keeping the last value; the value at line 6 is ignored: only the "
        "secrets written in it are reported",
    )


HEAT_CFN_SECRETS = """\
HeatTemplateFormatVersion: "2012-12-12"
Parameters:
  DBPassword:
    Type: String
    Default: r00tPassw0rdX
    Default: ""
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      MasterUsername: admin
      MasterUserPassword: Hunter22secretX
      MasterUserPassword: {Ref: DBPassword}
"""


def test_a_secret_only_in_an_ignored_value_of_heats_cloudformation_format_fails(
    tmp_path: Path,
) -> None:
    """Heat's CloudFormation-like format keeps the last value too: a password only in the
    first ``MasterUserPassword`` and the parameter's first ``Default`` PASSed; both lines are
    named now."""
    path = tmp_path / "db.template"
    path.write_text(HEAT_CFN_SECRETS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    (finding,) = result.findings
    assert (finding.address, finding.status, finding.message.en) == (
        "Db", Status.FAIL,
        f"a secret is written in plain text at 'MasterUserPassword' (value set at {path}:5, "
        f"{path}:14)",
    )
    assert "Hunter22secretX" not in result.model_dump_json()


HEAT_SECRETS = """\
heat_template_version: 2018-08-31
parameters:
  db_password:
    type: string
    default: r00tPassw0rdX
    default: ""
resources:
  cfg:
    type: OS::Heat::SoftwareConfig
    properties:
      config: "export DB_PASSWORD=Hunter22secretX\\n"
      config: "echo hello\\n"
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      admin_pass: {get_param: db_password}
  web:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      admin_pass: S3cretAdm1nX
      admin_pass: {get_param: db_password}
  quiet:
    type: OS::Nova::Server
    properties:
      image: cirros
      image: fedora
      flavor: m1.small
"""


def test_a_secret_only_in_an_ignored_value_fails(tmp_path: Path) -> None:
    """A secret written only in the first value of a key written twice (Heat keeps the last)
    is in the template all the same: GDCC-SECRET-001 FAILs at the ignored value's line (a
    parameter's default, a property, a SoftwareConfig's text that holds none once read). It
    PASSed (the secret holder was not even made); a duplicate with no secret changes
    nothing."""
    path = tmp_path / "stack.yaml"
    path.write_text(HEAT_SECRETS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "cfg": (Status.FAIL, f"a secret is written in plain text at 'config' "
                             f"(value set at {path}:11)"),
        "server": (Status.FAIL, f"a secret is written in plain text at 'admin_pass' "
                                f"(value set at {path}:5)"),
        # both ignored values hold it: the parameter's first default and its own first value
        "web": (Status.FAIL, f"a secret is written in plain text at 'admin_pass' "
                             f"(value set at {path}:5, {path}:24)"),
        "quiet": (Status.PASS, "No secrets are written in configuration"),
    }
    text = result.model_dump_json()
    for secret in ("r00tPassw0rdX", "Hunter22secretX", "S3cretAdm1nX"):
        assert secret not in text
