"""GDCC-GRAPH-006 on wildcard statements whose resources are not known (a variable, a
parameter without a value): a statement whose actions all describe and list
(``dynamodb:Describe*``, ``dynamodb:List*`` on ``var.tables``) reaches nothing wherever it
applies; one whose wildcards only describe beside other actions (``dynamodb:GetItem`` on the
same resources: aws-samples/amazon-ecs-fullstack-app-terraform's task role) may still reach
every table. Both said "a wildcard or administrator permission reaches all N aws
resources"; both stay FAIL (a wildcard grants actions AWS adds later), saying which."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
variable "tables" {
  type = list(string)
}
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
resource "aws_iam_role" "task" {
  name               = "task"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "task" {
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}
data "aws_iam_policy_document" "task" {
  statement {
    sid       = "Dynamodb"
    actions   = [ACTIONS]
    resources = RESOURCES
  }
}
"""


def _role(tmp_path: Path, actions: str, resources: str = "var.tables") -> tuple[Status, str]:
    text = TERRAFORM.replace("ACTIONS", actions).replace("RESOURCES", resources)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    [found] = [f for f in result.findings if f.address == "aws_iam_role.task"]
    return found.status, found.message.en


def test_describing_on_resources_not_known_reaches_nothing(tmp_path: Path) -> None:
    assert _role(tmp_path, '"dynamodb:Describe*", "dynamodb:List*"') == (
        Status.FAIL,
        "it grants describe and list actions by wildcard on resources not known (they show "
        'what exists, not its data, and change nothing): "Dynamodb": dynamodb:Describe*, '
        "dynamodb:List* on a resource computed at apply time",
    )


def test_other_actions_beside_them_still_reach_everything(tmp_path: Path) -> None:
    status, message = _role(
        tmp_path, '"dynamodb:Describe*", "dynamodb:List*", "dynamodb:GetItem"'
    )
    assert status is Status.FAIL
    # (stop 44: the other actions are DynamoDB's: they may name every table, and only tables)
    assert message == (
        "actions on resources not known reach the 1 aws resource of service dynamodb (the "
        "wildcards beside them only describe and list): "
        '"Dynamodb": dynamodb:Describe*, dynamodb:List* on a resource computed at apply time'
    )


def test_a_wildcard_that_does_more_is_said_as_before(tmp_path: Path) -> None:
    status, message = _role(tmp_path, '"dynamodb:Get*", "dynamodb:Describe*"')
    assert status is Status.FAIL
    assert message.startswith("a wildcard permission reaches the 1 aws resource of service "
                              "dynamodb: ")
    # the ECS agent's callbacks (ecs:Submit*: SubmitTaskStateChange, SubmitContainerState
    # Change, SubmitAttachmentStateChanges, access level Write in the Service Authorization
    # Reference) change state records of clusters: no describe, they reach every ECS
    # resource (none in this scan)
    status, message = _role(tmp_path, '"ecs:Submit*"', '["*"]')
    assert message == (
        "a wildcard permission may act on every resource of service ecs, none of them in the "
        'scan: "Dynamodb": ecs:Submit* on *'
    )


def test_describing_every_resource_is_said_as_before(tmp_path: Path) -> None:
    assert _role(tmp_path, '"dynamodb:Describe*"', '["*"]') == (
        Status.FAIL,
        "it grants describe and list actions by wildcard on every resource (they show what "
        'exists, not its data, and change nothing): "Dynamodb": dynamodb:Describe* on *',
    )


CLOUDFORMATION = """\
Parameters:
  TableArn: {Type: String}
Resources:
  Task:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ecs-tasks.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - Sid: Dynamodb
                Effect: Allow
                Action: ["dynamodb:Describe*", "dynamodb:List*"]
                Resource: !Ref TableArn
"""


def test_a_parameter_without_a_value(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(CLOUDFORMATION, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    [found] = result.findings
    assert (found.status, found.message.en, found.message.th) == (
        Status.FAIL,
        "it grants describe and list actions by wildcard on resources not known (they show "
        'what exists, not its data, and change nothing): "Dynamodb": dynamodb:Describe*, '
        "dynamodb:List* on resources not known",
        "ให้สิทธิ์ action ประเภท describe และ list แบบ wildcard บนทรัพยากรที่ไม่ทราบ "
        "(เห็นว่ามีทรัพยากรใดอยู่ ไม่เห็นข้อมูลและเปลี่ยนแปลงสิ่งใดไม่ได้): "
        '"Dynamodb": dynamodb:Describe*, dynamodb:List* on resources not known',
    )
