"""Terraform plan and state JSON."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import UNKNOWN, TfReference

from .helpers import FIXTURES, load, resources


def test_plan_resources_values_and_unknowns() -> None:
    documents, errors = load(FIXTURES / "plan" / "tfplan.json")
    assert errors == []
    [document] = documents
    assert document.data.source == "plan"
    assert document.data.root == str(FIXTURES / "plan" / "tfplan.json")
    assert document.data.providers == {"aws": {"region": "ap-southeast-7"}}
    found = resources(documents)
    assert sorted(found) == ["aws_s3_bucket.logs", "module.net.aws_subnet.s[0]"]
    bucket = found["aws_s3_bucket.logs"]
    assert bucket.values == {
        "bucket": "agency-logs",
        "force_destroy": False,
        "tags": {"Owner": "dga"},
        "arn": UNKNOWN,
        "id": UNKNOWN,
    }
    assert (bucket.start_line, bucket.end_line) == (7, 14)
    assert bucket.provider_config == "aws"
    subnet = found["module.net.aws_subnet.s[0]"]
    assert subnet.module == "module.net"
    assert subnet.index == 0
    assert subnet.values == {"cidr_block": "10.0.1.0/24", "vpc_id": UNKNOWN}
    assert subnet.references == [TfReference("module.net.aws_vpc.main", "vpc_id")]


def test_state_values() -> None:
    documents, errors = load(FIXTURES / "plan" / "state.json")
    assert errors == []
    [document] = documents
    assert document.data.source == "state"
    key = resources(documents)["aws_kms_key.k"]
    assert key.values["enable_key_rotation"] is True
    assert key.mode == "managed"
