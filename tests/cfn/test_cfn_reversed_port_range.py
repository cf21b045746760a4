"""A security group rule whose ``FromPort`` is above its ``ToPort`` (``22`` to ``0``) is a range
EC2 refuses: what was meant is not known, so GDCC-NET-001 is UNKNOWN naming the rule (it was
read as no port at all and PASSed)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 0, CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
"""


def test_reversed_port_range_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    (finding,) = result.findings
    assert (finding.address, finding.status) == ("Group", Status.UNKNOWN)
    assert finding.message.en.startswith("cannot tell whether ports 22, 23, ")
    assert 22 in finding.evidence["undetermined_ports"]
