"""Long CloudFormation logical ids that mix cases and a digit
(``DomainMember4LinuxWithSsmAssociationInstance``) looked like random tokens and were masked in
attack paths and messages (``internet → ***REDACTED***:22``). The scan's own identifiers
(resource ids, names, addresses, shown in every finding anyway) are kept; real secrets are
still masked, also when they sit next to such an identifier or share its shape."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.masking import MASK, identifier_tokens, redact_text
from gdcc_audit.models.result_layout import expanded
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

LOGICAL_ID = "DomainMember4LinuxWithSsmAssociationInstance"

TEMPLATE = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DomainMember4LinuxWithSsmAssociationSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open ssh
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
  {LOGICAL_ID}:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds:
        - !Ref DomainMember4LinuxWithSsmAssociationSG
"""


def test_identifier_tokens_keep_ids_and_still_mask_secrets() -> None:
    keep = identifier_tokens(f"-/-/AWS::EC2::Instance.template.yaml:{LOGICAL_ID}", None)
    assert keep == frozenset({LOGICAL_ID})
    assert redact_text(f"internet → {LOGICAL_ID}:22") == f"internet → {MASK}:22"
    assert redact_text(f"internet → {LOGICAL_ID}:22", keep) == f"internet → {LOGICAL_ID}:22"
    # a token of the same shape that is not an identifier of the scan is still masked
    other = "AbC123dEf456GhI789jKl012"
    assert redact_text(f"{LOGICAL_ID} {other}", keep) == f"{LOGICAL_ID} {MASK}"
    # known key shapes and assigned secrets do not depend on the identifiers
    assert redact_text("AKIAABCDEFGHIJKLMNOP", keep) == MASK
    assert redact_text(f"password={LOGICAL_ID}", keep) == f"password={MASK}"


def test_attack_paths_name_long_logical_ids(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",), cache=False))
    text = result_to_json(result, full_findings=True)
    assert MASK not in text
    data = expanded(json.loads(text))
    (finding,) = [f for f in data["findings"] if f["resource_name"] == LOGICAL_ID]
    assert finding["status"] == "FAIL"
    assert finding["message"]["en"] == (
        f"management port 22 reachable from the internet: internet → {LOGICAL_ID}:22"
    )
