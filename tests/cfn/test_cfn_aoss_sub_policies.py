"""An OpenSearch Serverless security policy whose JSON ``Policy`` text is written with
``Fn::Sub`` around a value of the stack (aws-samples/retail-demo-store's network policy names
its VPC endpoint: ``"SourceVPCEs": ["${AOSSVpcEndpoint}"]``) was read as a value not known:
GDCC-NET-002 UNKNOWN "network policy NetworkPolicy cannot be read" (and GDCC-GRAPH-005
UNKNOWN through every internet-facing workload). Its written part decides it:
``"AllowFromPublic": false``. A value not known where the decision is stays not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Endpoint:
    Type: AWS::OpenSearchServerless::VpcEndpoint
    Properties: {Name: aoss, VpcId: vpc-1, SubnetIds: [subnet-1]}
  EncryptionPolicy:
    Type: AWS::OpenSearchServerless::SecurityPolicy
    Properties:
      Name: enc
      Type: encryption
      Policy: >-
        {"Rules": [{"ResourceType": "collection", "Resource": ["collection/shop*"]}],
        "AWSOwnedKey": true}
  NetworkPolicy:
    Type: AWS::OpenSearchServerless::SecurityPolicy
    Properties:
      Name: net
      Type: network
      Policy: !Sub |
        [{"Rules": [{"ResourceType": "collection", "Resource": ["collection/shop*"]}],
          "AllowFromPublic": false, "SourceVPCEs": ["${Endpoint}"]}]
  Products:
    Type: AWS::OpenSearchServerless::Collection
    Properties: {Name: shop-products, Type: SEARCH}
"""
# AllowFromPublic itself from a parameter: not JSON as written, so still not known
OPEN = """\
Parameters:
  Public:
    Type: String
Resources:
  OpenPolicy:
    Type: AWS::OpenSearchServerless::SecurityPolicy
    Properties:
      Name: open
      Type: network
      Policy: !Sub |
        [{"Rules": [{"ResourceType": "collection", "Resource": ["collection/logs"]}],
          "AllowFromPublic": ${Public}}]
  Logs:
    Type: AWS::OpenSearchServerless::Collection
    Properties: {Name: logs, Type: SEARCH}
"""


def test_sub_policy_text_is_read_as_written(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Products"] == (
        Status.PASS,
        "Databases and message brokers are not reachable through a public endpoint (network "
        "policy NetworkPolicy allows private access only (VPC endpoints or services))",
    )
    (tmp_path / "stack.yaml").write_text(OPEN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    status, message = found["Logs"]
    assert status is Status.UNKNOWN
    assert "network policy OpenPolicy cannot be read" in message
