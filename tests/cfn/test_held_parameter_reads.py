"""What a resource only a false condition creates reads (``resolving.TemplateResolver.held``:
its own reader, a copy of the parameters) is read by the template's read: an allowed value of
a parameter only it reads makes the template be read again. It was not noted (``Used``): a
held rule's ``CidrIp: !Sub "${AllowedCidr}"`` PASSed GDCC-NET-001 on the default, the allowed
value 0.0.0.0/0 never read (a ``!Ref`` was noted, by the references read on the template's
own resolver)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {{Type: String, Default: dev}}
  AllowedCidr:
    Type: String
    Default: 10.0.0.0/8
    AllowedValues: [10.0.0.0/8, 0.0.0.0/0]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Condition: IsProd
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - {{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: {cidr}}}
"""


@pytest.mark.parametrize("cidr", ['!Sub "${AllowedCidr}"', "!Ref AllowedCidr"])
def test_an_allowed_value_only_a_held_resource_reads_is_read(tmp_path: Path, cidr: str) -> None:
    (tmp_path / "t.yaml").write_text(TEMPLATE.format(cidr=cidr), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), workers=1))
    [finding] = result.findings
    assert (finding.address, finding.status) == ("Sg", Status.FAIL)
    assert finding.message.en == (
        "port 22 is open to the whole internet (0.0.0.0/0) (deployed only when condition "
        "IsProd holds, which is false with the parameters' defaults; read with AllowedCidr "
        "= '0.0.0.0/0')"
    )
