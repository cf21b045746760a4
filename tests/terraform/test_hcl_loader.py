"""The HCL loader end to end on small fixtures: addresses, values, references, lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.load.terraform_model import FORMAT, UNKNOWN, TfDocument, TfReference, TfResource
from gdcc_audit.settings import Settings

from .helpers import FIXTURES, load, resources


@pytest.fixture(scope="module")
def basic() -> dict[str, TfResource]:
    documents, errors = load(FIXTURES / "basic")
    assert errors == []
    return resources(documents)


def test_one_document_per_file_with_the_root(basic: dict[str, TfResource]) -> None:
    documents, _ = load(FIXTURES / "basic")
    root = str(FIXTURES / "basic")
    assert sorted(Path(d.path).relative_to(root).as_posix() for d in documents) == [
        "main.tf",
        "modules/web/main.tf",
    ]
    assert {d.format for d in documents} == {FORMAT}
    assert all(d.data.root == root and d.meta["root"] == root for d in documents)
    assert all(d.sha256 and len(d.sha256) == 64 for d in documents)


def test_addresses_after_count_for_each_and_modules(basic: dict[str, TfResource]) -> None:
    # provider blocks are kept (mode "provider") so credentials written in them are found
    providers = sorted(a for a, r in basic.items() if r.mode == "provider")
    assert providers == ["provider.aws", "provider.aws.west"]
    # so is a call whose module is not read (mode "module"), for secrets in its arguments
    assert sorted(a for a, r in basic.items() if r.mode == "module") == ["module.remote"]
    assert sorted(a for a, r in basic.items() if r.mode not in ("provider", "module")) == [
        "aws_eip.ip",
        'aws_s3_bucket.b["data"]',
        'aws_s3_bucket.b["logs"]',
        "aws_security_group.web",
        "aws_subnet.private[0]",
        "aws_subnet.private[1]",
        "aws_vpc.main",
        "module.web.aws_security_group.this",
    ]  # aws_instance.app has count = 0: no instance


def test_values_locals_functions_and_templates(basic: dict[str, TfResource]) -> None:
    vpc = basic["aws_vpc.main"]
    assert vpc.values == {
        "cidr_block": "10.0.0.0/16",
        "tags": {"Owner": "dga", "Name": "AGENCY-AP-SOUTHEAST-7"},
    }
    assert (vpc.type, vpc.name, vpc.mode, vpc.module, vpc.index) == (
        "aws_vpc", "main", "managed", "", None
    )
    assert basic["aws_subnet.private[1]"].values["cidr_block"] == "10.0.1.0/24"
    assert basic["aws_subnet.private[1]"].index == 1
    logs = basic['aws_s3_bucket.b["logs"]']
    assert logs.values == {
        "bucket": "agency-ap-southeast-7-logs",
        "acl": "log-delivery-write",
        "versioning": [{"enabled": True}],
    }
    assert logs.index == "logs"
    assert basic['aws_s3_bucket.b["data"]'].values["acl"] == "private"


def test_unknowns_are_never_guessed(basic: dict[str, TfResource]) -> None:
    web = basic["aws_security_group.web"]
    assert web.values["name"] is UNKNOWN  # root variable without default or tfvars
    assert web.values["vpc_id"] is UNKNOWN  # another resource's attribute
    assert basic["aws_eip.ip"].values == {"instance": UNKNOWN, "domain": UNKNOWN}


def test_dynamic_blocks_expand(basic: dict[str, TfResource]) -> None:
    assert basic["aws_security_group.web"].values["ingress"] == [
        {"from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]},
        {"from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]},
    ]


def test_references_keep_target_and_attribute(basic: dict[str, TfResource]) -> None:
    assert basic["aws_subnet.private[0]"].references == [TfReference("aws_vpc.main", "vpc_id")]
    # through a module output to the resource inside, and to a remote module as a whole
    assert basic["aws_eip.ip"].references == [
        TfReference("module.web.aws_security_group.this", "instance"),
        TfReference("module.remote", "domain"),
    ]
    # a module input carries the caller's reference into the module
    child = basic["module.web.aws_security_group.this"]
    assert child.references == [TfReference("aws_vpc.main", "vpc_id")]


def test_local_module_with_inputs_and_optional_defaults(basic: dict[str, TfResource]) -> None:
    child = basic["module.web.aws_security_group.this"]
    assert child.module == "module.web"
    assert child.values == {
        "name": "portal-sg",
        "vpc_id": UNKNOWN,
        "ingress": [{"from_port": 8443, "to_port": 8443}],
    }
    assert child.file == str(FIXTURES / "basic" / "modules" / "web" / "main.tf")
    assert (child.start_line, child.end_line) == (17, 25)


def test_line_ranges(basic: dict[str, TfResource]) -> None:
    assert (basic["aws_vpc.main"].start_line, basic["aws_vpc.main"].end_line) == (32, 35)
    bucket = basic['aws_s3_bucket.b["data"]']
    assert (bucket.start_line, bucket.end_line) == (43, 51)


def test_providers_and_provider_configs(basic: dict[str, TfResource]) -> None:
    documents, _ = load(FIXTURES / "basic")
    assert documents[0].data.providers == {
        "aws": {"region": "ap-southeast-7"},
        "aws.west": {"alias": "west", "region": "us-west-2"},
    }
    assert basic["aws_security_group.web"].provider_config == "aws.west"
    assert basic["aws_vpc.main"].provider_config == "aws"
    assert basic["module.web.aws_security_group.this"].provider_config == "aws"
    assert basic["aws_vpc.main"].provider == "aws"


def test_remote_modules_are_noted_not_expanded() -> None:
    documents, _ = load(FIXTURES / "basic")
    main = next(d for d in documents if d.path.endswith("basic/main.tf"))
    assert main.data.unexpanded_modules == [
        {
            "address": "module.remote",
            "source": "terraform-aws-modules/vpc/aws",
            "reason": "remote source: not downloaded",
            "file": str(FIXTURES / "basic" / "main.tf"),
            "line": 74,
        }
    ]


def test_broken_block_is_reported_and_the_rest_kept() -> None:
    documents, errors = load(FIXTURES / "broken")
    assert [(e.path, e.line, e.column) for e in errors] == [
        (str(FIXTURES / "broken" / "main.tf"), 6, 19)
    ]
    assert "resource aws_s3_bucket bad (line 5) skipped" in errors[0].message
    assert sorted(resources(documents)) == ["aws_kms_key.after", "aws_s3_bucket.good"]
    assert resources(documents)["aws_kms_key.after"].start_line == 9


def test_called_module_folder_is_evaluated_through_its_callers() -> None:
    documents, errors = load(FIXTURES / "nested")
    assert errors == []
    found = resources(documents)
    # the module root is called by examples/complete: evaluated with its inputs, not again
    # as a root with unknown variables; "off" has create = false
    assert sorted(found) == [
        "module.off.module.sub.aws_kms_key.k",
        "module.one.aws_s3_bucket.this[0]",
        "module.one.module.sub.aws_kms_key.k",
    ]
    assert found["module.one.aws_s3_bucket.this[0]"].values == {"bucket": "one-bucket"}
    assert {d.data.root for d in documents} == {str(FIXTURES / "nested" / "examples" / "complete")}


def test_module_folder_scanned_alone_is_a_root() -> None:
    documents, _ = load(FIXTURES / "nested" / "main.tf", FIXTURES / "nested" / "modules")
    found = resources(documents)
    assert sorted(found) == ["aws_s3_bucket.this[0]", "module.sub.aws_kms_key.k"]
    assert found["aws_s3_bucket.this[0]"].values == {"bucket": UNKNOWN}


def test_tfvars_precedence() -> None:
    documents, errors = load(FIXTURES / "tfvars")
    assert errors == []
    found = resources(documents)
    assert found["null_resource.r"].values["triggers"] == {
        "a": "default",
        "b": "tfvars",
        "c": "auto-a",
        "d": "auto-b",
    }
    # tfvars files are assessed inputs too (no resources of their own), .tfvars.json ones
    # as well (test_unread_input_secrets)
    assert sorted(Path(d.path).name for d in documents) == [
        "a.auto.tfvars",
        "b.auto.tfvars",
        "extra.tfvars.json",
        "main.tf",
        "terraform.tfvars",
    ]


def test_var_files_from_settings_win() -> None:
    extra = str(FIXTURES / "tfvars" / "extra.tfvars.json")
    documents, _ = load(FIXTURES / "tfvars", settings=Settings(var_files=(extra,)))
    assert resources(documents)["null_resource.r"].values["triggers"]["d"] == "var-file"


def test_unknown_count_lists_the_resource_once(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "n" {}\nresource "aws_instance" "x" {\n  count = var.n\n  ami = "a"\n}\n'
    )
    documents, _ = load(tmp_path)
    found = resources(documents)
    assert list(found) == ["aws_instance.x"]
    assert found["aws_instance.x"].index is UNKNOWN
    assert found["aws_instance.x"].values == {"ami": "a"}


def test_invalid_utf8_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_bytes(b'resource "a_b" "c" {\n  x = "\xff"\n}\n')
    documents, errors = load(tmp_path)
    assert [(e.line, e.column) for e in errors] == [(2, 8)]
    assert documents == []


def test_document_data_is_a_tf_document() -> None:
    documents, _ = load(FIXTURES / "broken")
    assert all(isinstance(d.data, TfDocument) and d.data.source == "hcl" for d in documents)
