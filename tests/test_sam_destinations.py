"""The SNS topics and SQS queues the SAM transform creates for a function's
``EventInvokeConfig`` destinations written without a ``Destination``
(``normalize/cloudformation/sam_destinations.py``) were not in the scan: a topic the provider
leaves unencrypted had no finding. Each is now judged as such a topic / queue with no
properties, at the destination it comes from."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    EventInvokeConfig:
      DestinationConfig:
        OnSuccess:
          Type: SQS
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): pass"
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SNS
  Named:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): pass"
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess:
            Type: SQS
            Destination: arn:aws:sqs:ap-southeast-1:123456789012:given
          OnFailure:
            Type: SNS
            Destination: !Ref Topic
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/tenant-key
Outputs:
  FailureTopic:
    Value: !Ref WorkerEventInvokeConfigOnFailureTopic
"""


def test_created_destination_topics_and_queues(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path / "template.yaml"], Settings(rule_ids=("GDCC-MSG-001",)))
    found = {f.address: (f.status.value, f.message.en if f.message else "", f.location)
             for f in result.findings}
    status, message, where = found["WorkerEventInvokeConfigOnFailureTopic"]
    assert (status, message) == ("FAIL", "encryption at rest is off")
    assert where.pointer == (
        "/Resources/Worker/Properties/EventInvokeConfig/DestinationConfig/OnFailure"
    )
    # the Globals' SQS destination: a queue for each function without one of its own
    status, message, where = found["WorkerEventInvokeConfigOnSuccessQueue"]
    assert status == "PASS"
    assert where.pointer == "/Resources/Worker"
    # destinations given: nothing created
    assert "NamedEventInvokeConfigOnSuccessQueue" not in found
    assert "NamedEventInvokeConfigOnFailureTopic" not in found
    assert found["Topic"][0] == "PASS"
