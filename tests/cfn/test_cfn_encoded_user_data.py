"""CloudFormation ``UserData`` written as a literal is base64 (EC2 takes it encoded): a
private key or an access key inside it is found once decoded, as Terraform's
``user_data_base64`` is (GDCC-CMP-005 and GDCC-SECRET-001 PASSed it). The encoded text,
which decodes to the secret, is redacted from the report like a plain-text secret."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

# "#!/bin/bash\ncat > /root/.ssh/id_rsa <<EOF\n-----BEGIN OPENSSH PRIVATE KEY-----\n..."
KEY_SCRIPT = (
    "IyEvYmluL2Jhc2gKY2F0ID4gL3Jvb3QvLnNzaC9pZF9yc2EgPDxFT0YKLS0tLS1CRUdJTiBPUEVOU1NIIFBS"
    "SVZBVEUgS0VZLS0tLS0KYjNCbGJuTnphQzFyWlhrdGRqRUFBQUEKRU9GCg=="
)
# gzip of "#cloud-config\nruncmd:\n  - export AWS_ACCESS_KEY_ID=AKIA...\n"
GZIP_ACCESS_KEY = (
    "H4sIAAAAAAACA1NOzskvTdFNzs9Ly0znKirNS85NseJSUNBVSK0oyC8qUXAMD453dHZ2DQ6O93aNjPd0sXX09nT09A9"
    "283fx8zN3jXD0DfBx5QIAdBJtb0gAAAA="
)
# "#!/bin/bash\nyum install -y httpd\n"
HARMLESS = "IyEvYmluL2Jhc2gKeXVtIGluc3RhbGwgLXkgaHR0cGQK"

TEMPLATE = f"""\
Resources:
  KeyInstance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      UserData: {KEY_SCRIPT}
  GzipTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-1
        UserData: {GZIP_ACCESS_KEY}
  KeyConfig:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-1
      InstanceType: t3.micro
      UserData: {KEY_SCRIPT}
  Harmless:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      UserData: {HARMLESS}
  PlainText:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      UserData: !Base64 "#!/bin/bash\\nyum install -y httpd\\n"
"""


def test_base64_user_data_is_decoded_before_it_is_scanned(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-005", "GDCC-SECRET-001")))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    user_data = (Status.FAIL, "secrets in user data: UserData")
    assert found[("KeyInstance", "GDCC-CMP-005")] == user_data
    assert found[("GzipTemplate", "GDCC-CMP-005")] == user_data
    assert found[("KeyConfig", "GDCC-CMP-005")] == user_data
    assert found[("KeyInstance", "GDCC-SECRET-001")] == (
        Status.FAIL, "a secret is written in plain text at 'UserData'"
    )
    assert found[("GzipTemplate", "GDCC-SECRET-001")] == (
        Status.FAIL, "a secret is written in plain text at 'LaunchTemplateData.UserData'"
    )
    for clean in ("Harmless", "PlainText"):
        assert found[(clean, "GDCC-CMP-005")] == (
            Status.PASS, "Instance user data holds no secrets"
        )
        assert found[(clean, "GDCC-SECRET-001")][0] is Status.PASS
    resources, errors, _ = run(tmp_path / "stack.yaml")
    assert errors == []
    assert resources["KeyInstance"].facets.user_data_secrets == ("UserData",)
    assert resources["KeyInstance"].attributes["UserData"] == "<redacted>"
    assert resources["GzipTemplate"].attributes["LaunchTemplateData"]["UserData"] == "<redacted>"
    assert resources["Harmless"].attributes["UserData"] == HARMLESS
