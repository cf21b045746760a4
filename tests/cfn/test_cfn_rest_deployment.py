"""A CloudFormation REST API without a stage resource stands for the stage its deployment's
``StageName`` makes: that stage's access logs are the deployment's
``StageDescription.AccessLogSetting`` and its WAF a web ACL association naming it (GDCC-LOG-007,
GDCC-NET-003, GDCC-GRAPH-013 were UNKNOWN); with no stage in the template they stay UNKNOWN,
saying why."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logged:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: logged
  LoggedDeployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Logged
      StageName: prod
      StageDescription:
        AccessLogSetting:
          DestinationArn: arn:aws:logs:ap-southeast-7:111122223333:log-group:api
  LoggedAcl:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Logged}/stages/prod
      WebACLArn: arn:aws:wafv2:ap-southeast-7:111122223333:regional/webacl/a/b
  Bare:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: bare
  BareDeployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Bare
      StageName: prod
  Elsewhere:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: elsewhere
"""


def test_rest_api_takes_its_deployment_stage(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    rules = ("GDCC-LOG-007", "GDCC-NET-003")
    result = audit([path], Settings(rule_ids=rules))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    assert found[("Logged", "GDCC-LOG-007")][0] is Status.PASS
    assert found[("Logged", "GDCC-NET-003")][0] is Status.PASS
    assert found[("Bare", "GDCC-LOG-007")] == (Status.FAIL, "access logs are not written")
    assert found[("Bare", "GDCC-NET-003")][0] is Status.FAIL
    status, message = found[("Elsewhere", "GDCC-LOG-007")]
    assert status is Status.UNKNOWN
    assert message.endswith(
        "no stage of this REST API is in the template (no AWS::ApiGateway::Stage, no "
        "AWS::ApiGateway::Deployment with StageName): the access logs and web ACL of the "
        "stage that serves it are set where that stage is"
    )
    # deployments are read for their REST API, not judged on their own
    assert result.read_for_context["AWS::ApiGateway::Deployment"].used_by == (
        "AWS::ApiGateway::RestApi",
    )
