"""CloudFormation ``Fn::Transform`` snippets and macros: an ``AWS::Include`` in a resource's
Properties left the resource judged without what the snippet sets (a security group whose
ingress comes from a snippet PASSed GDCC-NET-001); one among the resources was reported as a
resource with no Type; a template macro was not mentioned at all."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import UnreadModule
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: [AWS::Serverless-2016-10-31, CorpTags]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      Fn::Transform:
        Name: AWS::Include
        Parameters:
          Location: s3://corp/ingress.yaml
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
"""


def test_an_include_in_properties_leaves_the_resource_undecided(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [template] = result.inputs
    assert (template.status.value, template.line, template.error) == (
        "partially_assessed",
        8,
        "resource 'Sg': an AWS::Include snippet (s3://corp/ingress.yaml) in its Properties: "
        "what it sets is not assessed",
    )
    verdicts = {f.address: f for f in result.findings}
    assert verdicts["Sg"].status.value == "UNKNOWN"
    assert verdicts["Sg"].evidence["not_assessed"] == [f"{tmp_path / 't.yaml'}:8"]
    # The other group is judged as written.
    assert (verdicts["Open"].status.value, verdicts["Open"].evidence["ports"]) == ("FAIL", [22])
    # The macro is named; the SAM transform CloudFormation provides is not.
    assert result.modules_not_read == (
        UnreadModule(
            address="Transform CorpTags",
            reason="a macro rewrites the template when it is deployed: what it adds or "
            "changes is not assessed (the template is judged as written)",
            path=str(tmp_path / "t.yaml"),
            line=2,
        ),
    )


def test_an_include_among_the_resources_may_configure_any_of_them(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "Resources:\n"
        "  Bucket:\n"
        "    Type: AWS::S3::Bucket\n"
        "  Fn::Transform:\n"
        "    Name: AWS::Include\n"
        "    Parameters: {Location: s3://corp/policies.yaml}\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    [template] = result.inputs
    assert (template.status.value, template.line, template.error) == (
        "partially_assessed",
        4,
        "an AWS::Include snippet (s3://corp/policies.yaml) among the resources: the resources "
        "it adds are not assessed (they may configure any resource of the template)",
    )
    [bucket] = result.findings
    assert (bucket.address, bucket.status.value) == ("Bucket", "UNKNOWN")
    assert bucket.message.en.startswith(
        "part of this configuration was not assessed and may configure this resource"
    )
