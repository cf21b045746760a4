"""A CloudFormation template with a resource only a false condition creates (``variants``:
judged as written, ``mapper._read``) carries facts twice: onto its resources, then onto
copies of them together with the held ones (which read their facts, giving none back). The
copies' ``Fn::If`` references (``candidates.link_reference_candidates``: a function of the
properties as written) were read again, and every copy took a deep copy of its properties:
cond17's 19 templates took 13-25 % longer. Each resource's references are now read once per
read of the template, the copies share the properties, and the verdicts are the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import REFERENCES_MAYBE
from gdcc_audit.normalize.cloudformation import candidates, mapper
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.settings import Settings
from iac_helpers import run

INSTANCE = """\
  Web{i}:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !If [Public, !Ref PublicSubnet, !Ref PrivateSubnet]
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {{Type: String, Default: dev}}
  Exposure: {{Type: String}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Public: !Equals [!Ref Exposure, public]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {{CidrBlock: 10.0.0.0/16}}
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: {{VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true}}
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties: {{VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}}
{instances}  Sg:
    Type: AWS::EC2::SecurityGroup
    Condition: IsProd
    Properties:
      GroupDescription: ssh
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}}
"""


def test_each_resource_references_are_read_once_per_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Four instances placed by an ``Fn::If`` not decided (``Exposure`` has no default) and a
    group only ``Env = prod`` creates: one read of the template; each instance's choices are
    read once (before: twice, 8 reads), each still names both subnets only perhaps, and the
    group is judged as written."""
    instances = "".join(INSTANCE.format(i=i) for i in range(4))
    (tmp_path / "t.yaml").write_text(TEMPLATE.format(instances=instances), encoding="utf-8")
    read: list[Any] = []
    real = candidates.reference_choices

    def counted(raw: Any, *args: Any, **kwargs: Any) -> Any:
        read.append(raw)
        return real(raw, *args, **kwargs)

    monkeypatch.setattr(candidates, "reference_choices", counted)
    found, errors, _ = run(tmp_path / "t.yaml")
    assert errors == []
    assert len(read) == 4
    assert {a: r.attributes.get(REFERENCES_MAYBE) for a, r in found.items()
            if a.startswith("Web")} == {f"Web{i}": ["PrivateSubnet", "PublicSubnet"]
                                        for i in range(4)}
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), workers=1))
    [held] = [f for f in result.findings if f.address == "Sg"]
    assert held.status == Status.FAIL
    assert held.message.en == (
        "port 22 is open to the whole internet (0.0.0.0/0) (deployed only when condition "
        "IsProd holds, which is false with the parameters' defaults)"
    )


def test_the_copies_share_the_properties() -> None:
    """The copies carried with the held resources share their properties (resolved, as
    written) and cfn-init metadata, and copy what the carry changes."""
    props: dict[str, Any] = {"SubnetId": "subnet-1", "Tags": [{"Key": "a", "Value": "b"}]}
    raw: dict[str, Any] = {"SubnetId": {"Ref": "Subnet"}}
    init = ({"config": {}}, {"config": {}})
    item = Pending(
        logical_id="Web", provider="aws", provider_type="AWS::EC2::Instance",
        mapped=Mapped("compute.instance", facets={"public_endpoint": None}),
        props=props, raw=raw, pointer="/Resources/Web", found={"x": [1]}, init=init,
    )
    [copied] = mapper._copies([item])
    assert copied.props is props
    assert copied.raw is raw
    assert copied.init is init
    assert copied.mapped is not item.mapped
    assert copied.mapped.facets == item.mapped.facets
    assert copied.found == item.found
    assert copied.found["x"] is not item.found["x"]
    assert copied.references is not item.references
