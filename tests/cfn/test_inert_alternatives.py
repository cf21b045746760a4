"""A parameter with a default written only in properties nothing reads (an EC2 instance's or
launch configuration's InstanceType / ImageId / KeyName; a Nova server's flavor / key_name /
image) is not read again with its other allowed values (``choices.INERT_PROPERTIES``): each
such read gave the default's resources (heat-templates: 176 of 255 reads). A reference
anywhere else, or an allowed value shaped as a secret, keeps its reads; the reads skipped keep
their place in ``MAX_READS``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.interface import Document
from gdcc_audit.normalize.cloudformation import choices
from gdcc_audit.settings import Settings

_TYPE = {"Type": "String", "Default": "t3.micro", "AllowedValues": ["t3.micro", "m5.large"]}


def _template(props: dict[str, Any], **sections: Any) -> dict[str, Any]:
    return {
        "Parameters": {"Size": dict(_TYPE)},
        "Resources": {"Web": {"Type": "AWS::EC2::Instance", "Properties": props}},
        **sections,
    }


def _others(data: dict[str, Any], dialect: choices.Dialect = choices.CLOUDFORMATION) -> list[
    dict[str, Any]
]:
    document = Document(path=Path("t.yaml"), format="cloudformation", data=data)
    return [read.values for read in choices.alternatives(document, {}, dialect)]


SIZE = {"Ref": "Size"}


def test_a_parameter_only_in_inert_properties_is_not_read_again() -> None:
    assert _others(_template({"InstanceType": SIZE, "ImageId": "ami-1"})) == []
    launch = _template({"InstanceType": SIZE})
    launch["Resources"]["Web"]["Type"] = "AWS::AutoScaling::LaunchConfiguration"
    assert _others(launch) == []
    heat = {
        "parameters": {
            "flavor": {
                "type": "string",
                "default": "m1.small",
                "constraints": [{"allowed_values": ["m1.small", "m1.large"]}],
            }
        },
        "resources": {
            "server": {
                "type": "OS::Nova::Server",
                "properties": {"flavor": {"get_param": "flavor"}, "image": "cirros"},
            }
        },
    }
    assert _others(heat, choices.HEAT) == []
    heat["resources"]["server"]["properties"]["networks"] = [{"network": {"get_param": "flavor"}}]
    assert _others(heat, choices.HEAT) == [{"flavor": "m1.large"}]


@pytest.mark.parametrize(
    "data",
    [
        # a property not in the inert list
        _template({"InstanceType": SIZE, "EbsOptimized": SIZE}),
        _template({"Monitoring": SIZE}),
        # user data, a ${} of a Sub anywhere outside the inert properties
        _template({"InstanceType": SIZE, "UserData": {"Fn::Sub": "echo ${Size}"}}),
        # another type's InstanceType
        {
            "Parameters": {"Size": dict(_TYPE)},
            "Resources": {
                "Notebook": {
                    "Type": "AWS::SageMaker::NotebookInstance",
                    "Properties": {"InstanceType": SIZE},
                }
            },
        },
        # conditions, outputs, a resource's metadata
        _template(
            {"InstanceType": SIZE},
            Conditions={"Big": {"Fn::Equals": [SIZE, "m5.large"]}},
        ),
        _template({"InstanceType": SIZE}, Outputs={"Type": {"Value": SIZE}}),
        {
            "Parameters": {"Size": dict(_TYPE)},
            "Resources": {
                "Web": {
                    "Type": "AWS::EC2::Instance",
                    "Metadata": {"AWS::CloudFormation::Init": {"config": {"x": SIZE}}},
                    "Properties": {"InstanceType": SIZE},
                }
            },
        },
        # the whole Properties written by a function
        {
            "Parameters": {"Size": dict(_TYPE)},
            "Resources": {
                "Web": {
                    "Type": "AWS::EC2::Instance",
                    "Properties": {"Fn::If": ["Big", {"InstanceType": SIZE}, {}]},
                }
            },
        },
    ],
)
def test_a_reference_anywhere_else_keeps_the_reads(data: dict[str, Any]) -> None:
    assert _others(data) == [{"Size": "m5.large"}]


def test_an_allowed_value_shaped_as_a_secret_keeps_the_reads() -> None:
    data = _template({"KeyName": SIZE})
    data["Parameters"]["Size"]["AllowedValues"] = ["t3.micro", "AKIAIOSFODNN7EXAMPLE"]
    assert _others(data) == [{"Size": "AKIAIOSFODNN7EXAMPLE"}]


def test_the_reads_skipped_keep_their_place_in_max_reads() -> None:
    values = [f"t{i}" for i in range(8)]
    parameters = {
        name: {"Type": "String", "Default": "t0", "AllowedValues": values}
        for name in ("First", "Second")
    }
    parameters["Port"] = {"Type": "String", "Default": "p0", "AllowedValues": ["p0", "p1", "p2",
                                                                               "p3", "p4"]}
    data = {
        "Parameters": parameters,
        "Resources": {
            "Web": {
                "Type": "AWS::EC2::Instance",
                "Properties": {
                    "InstanceType": {"Ref": "First"},
                    "ImageId": {"Ref": "Second"},
                    "Monitoring": {"Ref": "Port"},
                },
            }
        },
    }
    # 7 + 7 reads of First and Second skipped; Port gets the last two of MAX_READS, as before
    assert choices.MAX_READS == 16
    assert _others(data) == [{"Port": "p1"}, {"Port": "p2"}]


WEB = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  InstanceType:
    Type: String
    Default: t3.micro
    AllowedValues: [t3.micro, t3.large, m5.large]
  PublicIp:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: !Ref InstanceType
      NetworkInterfaces:
        - DeviceIndex: '0'
          AssociatePublicIpAddress: !Ref PublicIp
          SubnetId: subnet-123
"""


def test_the_instance_keeps_the_variant_of_a_property_not_inert(tmp_path: Path) -> None:
    (tmp_path / "web.yaml").write_text(WEB, encoding="utf-8")
    document = Document(
        path=tmp_path / "web.yaml",
        format="cloudformation",
        data={
            "Parameters": {
                "InstanceType": {"Type": "String", "Default": "t3.micro",
                                 "AllowedValues": ["t3.micro", "t3.large", "m5.large"]},
                "PublicIp": {"Type": "String", "Default": "false",
                             "AllowedValues": ["true", "false"]},
            },
            "Resources": {"Web": {"Type": "AWS::EC2::Instance", "Properties": {
                "InstanceType": {"Ref": "InstanceType"},
                "NetworkInterfaces": [{"AssociatePublicIpAddress": {"Ref": "PublicIp"}}],
            }}},
        },
    )
    assert [r.values for r in choices.alternatives(document, {})] == [{"PublicIp": "true"}]
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",)))
    (finding,) = [f for f in result.findings if f.rule_id == "GDCC-CMP-001"]
    at = f"{tmp_path / 'web.yaml'}:9"
    assert finding.status.value == "PASS"
    assert finding.message.en == (
        "Instances have no public IP address (decided by the default of the parameter "
        f"PublicIp ('false', value set at {at}); a deployment with PublicIp = 'true': FAIL)"
    )
    assert finding.evidence["alternatives"] == {"with PublicIp = 'true'": "FAIL"}


#: Where the source names an inert property, and why reading it there keeps it inert.
_READERS_ALLOWED = {
    ("normalize/cloudformation/choices.py", "InstanceType"): "the list itself",
    ("normalize/cloudformation/choices.py", "ImageId"): "the list itself",
    ("normalize/cloudformation/choices.py", "KeyName"): "the list itself",
    ("normalize/cloudformation/choices.py", "flavor"): "the list itself",
    ("normalize/cloudformation/choices.py", "key_name"): "the list itself",
    ("normalize/cloudformation/choices.py", "image"): "the list itself",
    ("models/secret_names.py", "key_name"): "a name that is not a secret (not its value)",
    ("normalize/heat/types.py", "image"): "whether a Nova server names an image, not which",
    ("normalize/heat/mapper.py", "image"): "whether a Nova server names an image, not which "
    "(a server booted from its volumes takes their encryption)",
    ("normalize/containers.py", "image"): "Kubernetes containers, not CloudFormation / Heat",
    ("normalize/kubernetes/workload.py", "image"): "Kubernetes containers",
    ("load/kustomize.py", "image"): "a kustomization's images: Kubernetes containers",
    ("normalize/kubernetes/otel.py", "image"): "OpenTelemetry operator resources' container "
    "images (Kubernetes)",
    ("normalize/terraform/kubernetes.py", "image"): "Terraform Kubernetes containers",
    ("normalize/terraform/google_grants.py", "image"): "Terraform google_compute_image grants",
    ("graph/kube.py", "image"): "Kubernetes containers",
    ("normalize/kubernetes/eck.py", "image"): "ECK pod templates' container images "
    "(Kubernetes)",
    ("normalize/kubernetes/mapper.py", "image"): "Kubernetes containers (a workload whose "
    "container names no image is part of an object)",
    ("normalize/terraform/alicloud.py", "key_name"): "Terraform alicloud_instance: whether a "
    "key pair is bound (password log-in), not CloudFormation / Heat",
    ("normalize/ecs_network.py", "image"): "ECS container definitions, not a Nova server's",
    ("graph/ecs_stores.py", "image"): "ECS container definitions (normalize/ecs_network.py)",
    ("graph/network.py", "image"): "Kubernetes containers (ends_path: a pod's sidecars)",
    ("secrets/detect.py", "image"): "a map of images above a value (image_of_job): whether a "
    "secret-named value is an image reference, never which image a server boots",
    ("secrets/detect.py", "key_name"): "the name of a group of its own key = value pattern "
    "(a written key named as secret material), never a server's key pair",
}


def test_no_reader_of_an_inert_property_is_added_without_review() -> None:
    """The skip is exact only while nothing reads these properties' values: a new reader (a
    rule on instance types, say) must take the property out of INERT_PROPERTIES or be
    listed above with its reason."""
    import ast

    import gdcc_audit

    names = set().union(*choices.INERT_PROPERTIES.values())
    root = Path(gdcc_audit.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.add((path.relative_to(root).as_posix(), node.value))
    assert found <= set(_READERS_ALLOWED), sorted(found - set(_READERS_ALLOWED))
