"""User data written with ``!Sub`` / ``!Join`` around values made at deployment was UNKNOWN
for GDCC-CMP-005 as a whole (widdix/aws-cf-templates' bastion: ``${AWS::Region}``,
``${EIP.AllocationId}``), and a password a parameter's ``Default`` wrote beside such a value
was never seen (GDCC-SECRET-001 PASSed). The text is now read as the deployment gets it:
parameter values, mapping entries and known attributes written in, identifiers read as
references, anything else not known named (``user_data_text``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  AdminPassword:
    Type: String
    Default: Sup3rS3cretPw9
  Size:
    Type: String
    Default: small
  Tier:
    Type: String
    AllowedValues: [small, large]
  Pin:
    Type: String
    AllowedValues: [Hunter22pwX, Xk9mQ2vLpZ]
  DomainName:
    Type: String
  Key:
    Type: AWS::EC2::KeyPair::KeyName
Mappings:
  RegionMap:
    ap-southeast-7: {Greeting: hello}
    us-east-1: {Greeting: hi}
Resources:
  EIP:
    Type: AWS::EC2::EIP
  AccessKey:
    Type: AWS::IAM::AccessKey
    Properties: {UserName: bob}
  Bastion:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: |
          #!/bin/bash
          aws ec2 associate-address --region ${AWS::Region} --allocation-id ${EIP.AllocationId}
          echo ${Size} ${Tier} ${Key} ${AWS::StackName}
  Defaulted:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: |
          #!/bin/bash
          echo "admin:${AdminPassword}" | chpasswd
          aws ec2 associate-address --allocation-id ${EIP.AllocationId}
  Allowed:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: |
          #!/bin/bash
          export DB_PASSWORD=${Pin}
          echo ${EIP}
  Domain:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: "#!/bin/bash\\necho ${DomainName} ${EIP}\\n"
  Attribute:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: "#!/bin/bash\\necho ${AccessKey.SecretAccessKey} > /root/key\\n"
  Mapped:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        UserData: !Base64
          Fn::Join:
            - ""
            - - "#!/bin/bash\\necho "
              - !FindInMap [RegionMap, !Ref "AWS::Region", Greeting]
              - " "
              - !GetAtt EIP.PublicIp
              - !If [IsA, " a", !Ref AWS::NoValue]
  Dynamic:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64 "echo '{{resolve:secretsmanager:db:SecretString:pw}}' | passwd --stdin x"
  Nested:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Join:
          - ""
          - - "#!/bin/bash\n"
            - !If [IsA, !If [IsB, "export DB_PASSWORD=Hunter22pwX\n", ""], ""]
            - !Ref EIP
  Selected:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Join: ["", ["echo ", !Select [0, [!GetAtt AccessKey.SecretAccessKey]], !Ref EIP]]
  Thing:
    Type: Custom::Thing
    Properties: {ServiceToken: arn:aws:lambda:ap-southeast-7:123456789012:function:thing}
  Custom:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: "echo '${Thing.certificateBody}' > /c.pem\necho ${Thing.certificateId}\n"
Conditions:
  IsA: !Equals [!Ref DomainName, a]
  IsB: !Equals [!Ref DomainName, b]
"""


def _found(tmp_path: Path, rule: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {f.address: (f.status, f.message.en if f.message else "") for f in result.findings}


def test_user_data_read_with_its_references(tmp_path: Path) -> None:
    found = _found(tmp_path, "GDCC-CMP-005")
    at = f"{tmp_path / 'stack.yaml'}:4"
    not_known = "whether user data holds secrets is not known from the input: the user "
    assert found == {
        "Bastion": (Status.PASS, "Instance user data holds no secrets"),
        "Defaulted": (Status.FAIL, f"secrets in user data: UserData (value set at {at})"),
        # every allowed value of the parameter is a password
        "Allowed": (Status.FAIL, "secrets in user data: UserData"),
        "Domain": (
            Status.UNKNOWN,
            not_known + "data's written text holds no secret, but it takes parameter "
            "DomainName, whose value is not known from the template",
        ),
        # a secret the deployment puts there (the key's secret, a custom resource's
        # privateKey), as a NoEcho parameter's value is
        "Attribute": (
            Status.FAIL,
            "secrets in user data: UserData (attribute AccessKey.SecretAccessKey)",
        ),
        "Mapped": (Status.PASS, "Instance user data holds no secrets"),
        "Dynamic": (
            Status.FAIL, "secrets in user data: UserData (Secrets Manager dynamic reference)"
        ),
        # a password only a condition inside another writes (neither decided)
        "Nested": (Status.FAIL, "secrets in user data: UserData"),
        "Selected": (
            Status.FAIL,
            "secrets in user data: UserData (attribute AccessKey.SecretAccessKey)",
        ),
        "Custom": (
            Status.UNKNOWN,
            not_known + "data's written text holds no secret, but it takes "
            "Thing.certificateBody, whose value is not known from the template",
        ),
    }


def test_a_defaulted_password_beside_a_reference_is_written_in_the_template(
    tmp_path: Path,
) -> None:
    found = _found(tmp_path, "GDCC-SECRET-001")
    at = f"{tmp_path / 'stack.yaml'}:4"
    assert found["Defaulted"] == (
        Status.FAIL, f"a secret is written in plain text at 'UserData' (value set at {at})"
    )
    assert found["Allowed"][0] is Status.FAIL
    # a Secrets Manager reference puts the secret there at deployment, not in the template
    assert found["Dynamic"] == (Status.PASS, "No secrets are written in configuration")
    assert found["Bastion"] == (Status.PASS, "No secrets are written in configuration")
