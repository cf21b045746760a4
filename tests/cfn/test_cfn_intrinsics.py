"""CloudFormation intrinsic functions and conditions, resolved without guessing."""

from __future__ import annotations

import pytest

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver, references
from gdcc_audit.normalize.cloudformation.values import (
    NO_VALUE,
    UNKNOWN,
    PartialText,
    ResourceRef,
    is_known,
)

TEMPLATE = {
    "Parameters": {
        "Env": {"Type": "String", "Default": "prod"},
        "Secret": {"Type": "String", "NoEcho": True},
        "Zones": {"Type": "CommaDelimitedList", "Default": "a, b,c"},
        "Count": {"Type": "Number", "Default": "3"},
    },
    "Mappings": {"Sizes": {"prod": {"Db": "db.m5.large"}}},
    "Conditions": {
        "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
        "IsDev": {"Fn::Not": [{"Condition": "IsProd"}]},
        "InUsEast": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
        "ProdOrUs": {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "InUsEast"}]},
        "ProdAndUs": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "InUsEast"}]},
        "DevAndUs": {"Fn::And": [{"Condition": "IsDev"}, {"Condition": "InUsEast"}]},
        "Loop": {"Fn::Not": [{"Condition": "Loop"}]},
    },
    "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}},
}


@pytest.fixture
def resolver() -> Resolver:
    return Resolver(TEMPLATE)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ({"Ref": "Env"}, "prod"),
        ({"Ref": "Secret"}, UNKNOWN),
        ({"Ref": "Zones"}, ["a", "b", "c"]),
        ({"Ref": "Count"}, 3),
        ({"Ref": "AWS::Region"}, PartialText(("", ""), ("AWS::Region",))),
        ({"Ref": "AWS::NotificationARNs"}, UNKNOWN),
        ({"Ref": "AWS::NoValue"}, NO_VALUE),
        ({"Ref": "Bucket"}, ResourceRef("Bucket")),
        ({"Ref": "Nowhere"}, UNKNOWN),
        ({"Fn::GetAtt": ["Bucket", "Arn"]}, ResourceRef("Bucket", "Arn")),
        ({"Fn::GetAtt": "Bucket.Arn"}, ResourceRef("Bucket", "Arn")),
        ({"Fn::Sub": "${Env}-logs"}, "prod-logs"),
        ({"Fn::Sub": "${!Literal}-${Env}"}, "${Literal}-prod"),
        ({"Fn::Sub": ["${Name}-x", {"Name": {"Ref": "Env"}}]}, "prod-x"),
        ({"Fn::Sub": "${AWS::AccountId}-logs"}, PartialText(("", "-logs"), ("AWS::AccountId",))),
        # a pseudo parameter next to a value the template does not know: nothing is known
        ({"Fn::Sub": "${AWS::AccountId}-${Secret}"}, UNKNOWN),
        ({"Fn::Sub": "${AWS::AccountId}-${Bucket.Arn}"}, UNKNOWN),
        ({"Fn::Sub": "${AWS::NotificationARNs}"}, UNKNOWN),
        ({"Fn::Sub": "${Bucket.Arn}/*"}, UNKNOWN),
        ({"Fn::Join": ["-", ["a", {"Ref": "Env"}, 1]]}, "a-prod-1"),
        ({"Fn::Join": ["-", ["a", {"Ref": "Secret"}]]}, UNKNOWN),
        ({"Fn::Select": [1, {"Ref": "Zones"}]}, "b"),
        ({"Fn::Select": [5, {"Ref": "Zones"}]}, UNKNOWN),
        ({"Fn::Split": [",", "x,y"]}, ["x", "y"]),
        ({"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Db"]}, "db.m5.large"),
        ({"Fn::FindInMap": ["Sizes", "dev", "Db"]}, UNKNOWN),
        (
            {"Fn::FindInMap": ["Sizes", "dev", "Db", {"DefaultValue": "db.t3.micro"}]},
            "db.t3.micro",
        ),
        ({"Fn::If": ["IsProd", "big", "small"]}, "big"),
        ({"Fn::If": ["IsDev", "big", "small"]}, "small"),
        ({"Fn::If": ["InUsEast", "big", "small"]}, UNKNOWN),
        ({"Fn::GetAZs": ""}, UNKNOWN),
        ({"Fn::ImportValue": "shared-vpc"}, UNKNOWN),
        ({"Fn::Base64": {"Fn::Sub": "${Env}"}}, "prod"),
        ({"Fn::Length": {"Ref": "Zones"}}, 3),
    ],
)
def test_expressions(resolver: Resolver, expression: object, expected: object) -> None:
    assert resolver.resolve(expression) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("IsProd", True),
        ("IsDev", False),
        ("InUsEast", None),
        ("ProdOrUs", True),
        ("ProdAndUs", None),
        ("DevAndUs", False),
        ("Loop", None),
        ("Undeclared", None),
    ],
)
def test_conditions(resolver: Resolver, name: str, expected: bool | None) -> None:
    assert resolver.condition(name) is expected


@pytest.mark.parametrize(
    ("expression", "text", "shape"),
    [
        (
            {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"},
            "arn:${AWS::Partition}:iam::${AWS::AccountId}:root",
            "arn:aws:iam::123456789012:root",
        ),
        (
            {"Fn::Sub": ["arn:aws:s3:::${Name}-${Env}/*", {"Name": {"Ref": "AWS::StackName"}}]},
            "arn:aws:s3:::${AWS::StackName}-prod/*",
            "arn:aws:s3:::stack-prod/*",
        ),
        (
            {"Fn::Sub": "${!AWS::Region}:${AWS::Region}"},
            "${AWS::Region}:${AWS::Region}",
            "${AWS::Region}:ap-southeast-7",
        ),
        (
            {"Fn::Join": [":", ["arn:aws:iam:", {"Ref": "AWS::AccountId"}, "root"]]},
            "arn:aws:iam::${AWS::AccountId}:root",
            "arn:aws:iam::123456789012:root",
        ),
        (
            {"Fn::Join": ["", [{"Fn::Sub": "${AWS::Region}"}, "-", {"Ref": "AWS::AccountId"}]]},
            "${AWS::Region}-${AWS::AccountId}",
            "ap-southeast-7-123456789012",
        ),
    ],
)
def test_pseudo_parameters_keep_the_written_text(
    resolver: Resolver, expression: object, text: str, shape: str
) -> None:
    """Text built from pseudo parameters is not known, but keeps what is written around them
    (an escaped ``${!...}`` stays text, not a hole)."""
    value = resolver.resolve(expression)
    assert isinstance(value, PartialText)
    assert not is_known(value)
    assert (value.text, value.shape()) == (text, shape)


def test_pseudo_parameters_are_no_condition_value(resolver: Resolver) -> None:
    """A partial text decides no equality (the region is not known)."""
    assert resolver.resolve({"Fn::Equals": [{"Fn::Sub": "${AWS::Region}"}, "x"]}) is UNKNOWN
    assert resolver.resolve({"Fn::Select": [0, {"Fn::Split": [":", {"Ref": "AWS::StackId"}]}]}) \
        is UNKNOWN


def test_no_value_removes_the_property(resolver: Resolver) -> None:
    props = {"A": {"Fn::If": ["IsDev", 1, {"Ref": "AWS::NoValue"}]}, "B": [{"Ref": "AWS::NoValue"}]}
    assert resolver.resolve(props) == {"B": []}


def test_references_keep_the_property_path() -> None:
    props = {
        "Bucket": {"Ref": "Bucket"},
        "Policy": {"Statement": [{"Resource": {"Fn::Sub": "${Bucket.Arn}/*"}}]},
        "Key": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["Key", "Arn"]}, ""]},
        "Param": {"Ref": "Env"},
    }
    found = list(references(props, frozenset({"Bucket", "Key"})))
    assert found == [
        Reference(target="Bucket", attribute="Bucket"),
        Reference(target="Bucket", attribute="Policy.Statement.0.Resource"),
        Reference(target="Key", attribute="Key"),
    ]
