"""Commented-out credentials in embedded text (user data, scripts, Puppet, logstash or
dotenv files in a ConfigMap). Policy (``secrets.detect._commented_placeholder``):

- a commented line with a real value is a secret committed to the repository: gitleaks and
  detect-secrets do not skip comments, and neither does GDCC-SECRET-001 (FAIL);
- a commented line with a placeholder (``test``, ``changeme``, ``xxx``, ``<password>``,
  ``your_password``) deploys nothing and leaks nothing: no secret (it FAILed: grafana's
  loki-stack ``#password => "test"``);
- an uncommented placeholder is still what the server is given (FAIL, unchanged).

The same text gives the same verdict in a Terraform heredoc, CloudFormation UserData, Heat
user_data and a Kubernetes ConfigMap. ``# export API_SECRET=...`` commented out was not read
at all (a real value PASSed while ``#password=`` FAILed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.report.json import result_to_json
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.settings import Settings

REAL = "Zq8vLm2pXw"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # placeholders on commented lines: no secret (they FAILed)
        ('#password => "test"', False),
        ("  # password: changeme", False),
        ("# export DB_PASSWORD=xxxxxxxx", False),
        ("// \"password\": \"your_password_here\"", False),
        ("; password = <password>", False),
        ("# mysql://app:changeme@db:3306/app", False),
        # a value holding a placeholder word (prometheus-json-exporter's values.yaml)
        ("#     #password: veryverysecret", False),
        # Django's sample in Horizon's local_settings (openstack-helm's horizon chart FAILed)
        ("#EMAIL_HOST_PASSWORD = 'top-secret!'", False),
        ("# password: my-test-pass", False),
        # real values on commented lines: a leaked secret (FAIL as before)
        (f'#password => "{REAL}"', True),
        (f"# mysql://app:{REAL}@db:3306/app", True),
        # a commented env assignment other than a password (it was not read: PASS)
        (f"# export API_SECRET={REAL}", True),
        (f"#GITHUB_TOKEN={REAL}", True),
        # uncommented placeholders are deployed: FAIL as before
        ('password => "test"', True),
        ("export DB_PASSWORD=changeme", True),
        ("EMAIL_HOST_PASSWORD = 'top-secret!'", True),
        ("#EMAIL_HOST_PASSWORD = 'Xk9-pQ2!'", True),
        # a commented placeholder does not hide a real secret on another line
        (f"# password=test\npassword={REAL}", True),
    ],
)
def test_commented_lines(text: str, secret: bool) -> None:
    assert bool(detect_secrets({"user_data": f"#!/bin/bash\n{text}\n"})) is secret


def _script(indent: str, line: str) -> str:
    return "".join(f"{indent}{part}\n" for part in ("#!/bin/bash", line, "echo done"))


def _inputs(line: str) -> dict[str, str]:
    """The same script line in each input (one resource each)."""
    return {
        "main.tf": (
            'resource "aws_instance" "web" {\n  ami = "ami-12345678"\n'
            '  instance_type = "t3.micro"\n  user_data = <<-EOF\n'
            f"{_script('    ', line)}  EOF\n}}\n"
        ),
        "cfn.yaml": (
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Web:\n"
            "    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n"
            f"      UserData:\n        Fn::Base64: |\n{_script('          ', line)}"
        ),
        "heat.yaml": (
            "heat_template_version: 2018-08-31\nresources:\n  web:\n"
            "    type: OS::Nova::Server\n    properties:\n      image: cirros\n"
            f"      flavor: m1.small\n      user_data: |\n{_script('        ', line)}"
        ),
        "cm.yaml": (
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n"
            f"  setup.sh: |\n{_script('    ', line)}"
        ),
    }


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ('#password => "test"', Status.PASS),
        (f'#password => "{REAL}"', Status.FAIL),
        (f"# export API_SECRET={REAL}", Status.FAIL),
    ],
)
def test_the_same_in_every_input(tmp_path: Path, line: str, status: Status) -> None:
    for name, text in _inputs(line).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: f.status for f in result.findings}
    assert found == {"aws_instance.web": status, "Web": status, "web": status,
                     "ConfigMap/default/app": status}
    if status is Status.FAIL:
        # the value itself is in no report
        assert REAL not in result_to_json(result, full_findings=True)
