"""Policies that are UNKNOWN only because some values in them are computed at apply time
(an ARN in ``Resource``) are still judged on what is known (who the ``Principal`` is); a
value that decides anything (a condition, a loop, a key) keeps the whole value UNKNOWN."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.terraform.helpers import load, resources

from gdcc_audit.load.terraform_model import AWS_ID_TEXT, UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.normalize.cloudformation.policy import analyse
from gdcc_audit.normalize.terraform.policy import analyse_policy_text, grants_public

MAIN = """\
variable "env" {
  type = string
}

variable "topic" {
  type = string
}

resource "aws_sqs_queue" "heredoc" {
  policy = <<POLICY
{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*",
  "Resource": "${aws_sqs_queue.other.arn}", "Sid": "${upper(var.env)}"}]}
POLICY
}

resource "aws_sqs_queue" "encoded" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*",
                   Resource = "${aws_sqs_queue.other.arn}/*" }]
  })
}

resource "aws_sqs_queue" "chosen" {
  policy = var.env == "prod" ? "{}" : "{\\"Statement\\": []}"
}

resource "aws_sqs_queue" "directive" {
  policy = <<POLICY
%{ if var.env == "prod" }{"Statement": []}%{ else }{}%{ endif }
POLICY
}

resource "aws_sqs_queue" "keyed" {
  policy = jsonencode({ (var.env) = "x" })
}

resource "aws_sqs_queue" "other" {
  name = "${var.env}-other"
}

data "aws_iam_policy_document" "doc" {
  statement {
    effect = var.topic
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["sns:Publish"]
    resources = [aws_sqs_queue.other.arn]
  }
}

resource "aws_sns_topic_policy" "doc" {
  arn    = var.topic
  policy = data.aws_iam_policy_document.doc.json
}
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TfResource]:
    root: Path = tmp_path_factory.mktemp("placeholders")
    (root / "main.tf").write_text(MAIN)
    documents, errors = load(root)
    assert errors == []
    return dict(resources(documents))


def test_values_stay_unknown_and_the_rendering_is_kept_aside(loaded: dict[str, TfResource]) -> None:
    heredoc = loaded["aws_sqs_queue.heredoc"]
    assert heredoc.values["policy"] is UNKNOWN
    text = heredoc.partial["policy"]
    decoded = json.loads(text)["Statement"][0]
    # an AWS resource's ARN: not known, but an identifier (read as not known in Resource)
    assert decoded["Resource"] == AWS_ID_TEXT
    assert decoded["Sid"] == UNKNOWN_TEXT  # a function of an unknown value
    encoded = json.loads(loaded["aws_sqs_queue.encoded"].partial["policy"])
    assert encoded["Statement"][0]["Resource"] == AWS_ID_TEXT + "/*"
    # a plain string attribute is not given a rendering: only JSON documents are
    assert loaded["aws_sqs_queue.other"].values["name"] is UNKNOWN
    assert loaded["aws_sqs_queue.other"].partial == {}


def test_a_value_that_decides_keeps_the_whole_value_unknown(loaded: dict[str, TfResource]) -> None:
    for address in ("aws_sqs_queue.chosen", "aws_sqs_queue.directive", "aws_sqs_queue.keyed"):
        resource = loaded[address]
        assert resource.values["policy"] is UNKNOWN, address
        assert "policy" not in resource.partial, address


def test_placeholder_never_reaches_values(loaded: dict[str, TfResource]) -> None:
    for resource in loaded.values():
        assert UNKNOWN_TEXT not in repr(resource.values)


def test_policy_document_rendered_with_placeholders(loaded: dict[str, TfResource]) -> None:
    doc = loaded["aws_sns_topic_policy.doc"]
    statement = json.loads(doc.partial["policy"])["Statement"][0]
    assert statement["Principal"] == {"AWS": ["*"]}
    assert statement["Resource"] == [AWS_ID_TEXT]
    # the effect itself is unknown: the grant cannot be judged
    assert grants_public(doc.partial["policy"]) is None


def _policy(**statement: object) -> str:
    return json.dumps({"Statement": [{"Effect": "Allow", "Action": "sqs:*", **statement}]})


@pytest.mark.parametrize(
    ("statement", "public"),
    [
        ({"Principal": "*", "Resource": UNKNOWN_TEXT}, True),
        ({"Principal": {"AWS": UNKNOWN_TEXT}}, None),
        ({"Principal": {"AWS": [UNKNOWN_TEXT, "*"]}}, True),
        ({"Principal": {"AWS": "arn:aws:iam::111122223333:root"}}, False),
        ({"Principal": {"AWS": "arn:aws:iam::*:root"}}, True),
        ({"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}}, True),
        ({"Principal": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "1"}}}, False),
        # a value that cannot be known is, with ArnEquals, taken as one computed ARN
        ({"Principal": "*", "Condition": {"ArnEquals": {"aws:SourceArn": UNKNOWN_TEXT}}}, False),
        ({"Principal": "*", "Condition": {"ArnLike": {"aws:SourceArn": UNKNOWN_TEXT}}}, None),
        # an ARN pattern open in the account lets every AWS account in
        (
            {"Principal": "*", "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::*"}}},
            True,
        ),
        (
            {
                "Principal": "*",
                "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:root"}},
            },
            True,
        ),
        ({"Principal": "*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}}, True),
        (
            {"Principal": "*", "Condition": {"StringLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}},
            True,
        ),
        (
            {
                "Principal": "*",
                "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::1:user/u"}},
            },
            False,
        ),
        (
            {"Principal": "*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::logs"}}},
            False,
        ),
        # with StringEquals the asterisk is a literal character: one (odd) ARN, no wildcard
        (
            {
                "Principal": "*",
                "Condition": {"StringEquals": {"aws:PrincipalArn": "arn:aws:iam::*"}},
            },
            False,
        ),
        ({"Principal": "*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:1"}}}, False),
        ({"Principal": "*", "Condition": {"StringLike": {"aws:SourceAccount": "*"}}}, True),
        ({"Principal": "*", "Condition": {"NumericEquals": {"aws:SourceAccount": 1}}}, True),
        ({"Principal": "*", "Condition": {"StringEquals": {"aws:SourceAccount": 1}}}, False),
        ({"Principal": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "*"}}}, True),
        ({"Principal": "*", "Condition": {"StringNotEquals": {"aws:SourceAccount": "1"}}}, True),
        ({"Principal": "*", "Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "v"}}}, True),
        ({"Principal": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}, True),
        ({"Principal": "*", "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}, True),
        ({"Principal": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}, False),
        (
            {"Principal": "*", "Condition": {"ForAllValues:StringEquals": {"aws:SourceVpc": "v"}}},
            True,
        ),
    ],
)
def test_grants_public(statement: dict[str, object], public: bool | None) -> None:
    assert grants_public(_policy(**statement)) is public
    # CloudFormation reads the same statement the same way
    document = json.loads(_policy(**statement).replace(f'"{UNKNOWN_TEXT}"', '{"Ref": "X"}'))
    for item in document["Statement"]:
        for key, value in list(item.items()):
            item[key] = _unknown_cfn(value)
    assert analyse(document).public is public


def _unknown_cfn(value: object) -> object:
    from gdcc_audit.normalize.cloudformation.values import UNKNOWN as CFN_UNKNOWN

    if value == {"Ref": "X"}:
        return CFN_UNKNOWN
    if isinstance(value, dict):
        return {k: _unknown_cfn(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unknown_cfn(v) for v in value]
    return value


def test_unknown_action_is_not_read_as_harmless() -> None:
    grant = analyse_policy_text(_policy(Principal="*").replace('"sqs:*"', f'"{UNKNOWN_TEXT}"'))
    assert grant.wildcard_permissions is None


def test_trailing_comma_read_past() -> None:
    text = '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["sqs:*",],},]}'
    assert grants_public(text) is True
