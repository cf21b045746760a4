"""A root module's files are one configuration: a resource is judged with what configures it
and what it refers to in the root's other files (a public ACL in ``access.tf`` for a bucket in
``storage.tf`` made the bucket PASS "not publicly readable" when each file was mapped alone)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.errors import InputError
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.interface import MapContext
from gdcc_audit.normalize.terraform import TerraformMapper
from gdcc_audit.settings import Settings

from .helpers import load

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "terraform" / "cross-file"


def _verdicts(rule: str) -> dict[str, tuple[Status, dict[str, object]]]:
    result = audit([FIXTURE], Settings(rule_ids=(rule,)))
    return {f.address or "": (f.status, dict(f.evidence)) for f in result.findings}


def test_a_public_acl_in_another_file_makes_the_bucket_public() -> None:
    verdicts = _verdicts("GDCC-DATA-001")
    assert verdicts["aws_s3_bucket.open"][0] == Status.FAIL
    # the public access block, also in access.tf, overrides the ACL
    assert verdicts["aws_s3_bucket.blocked"][0] == Status.PASS
    # a bucket of a local module, opened by an ACL in the root that calls it
    assert verdicts["module.shared.aws_s3_bucket.this"][0] == Status.FAIL


def test_an_instance_takes_the_public_ip_setting_of_a_subnet_in_another_file() -> None:
    status, evidence = _verdicts("GDCC-CMP-001")["aws_instance.web"]
    assert (status, evidence["public_endpoint"]) == (Status.FAIL, True)


def test_configuring_resources_in_another_file_are_applied_not_unresolved() -> None:
    documents, errors = load(FIXTURE)
    assert errors == []
    mapper = TerraformMapper()
    mapped = {}
    for document in documents:
        for item in mapper.map(document, MapContext(Settings(), base=str(FIXTURE))):
            assert not isinstance(item, InputError), item
            mapped[item.address] = item
        assert document.meta["terraform_unresolved_companions"] == [], document.path
    bucket = mapped["aws_s3_bucket.blocked"]
    assert bucket.attributes["merged_from"] == [
        "aws_s3_bucket_acl.blocked",
        "aws_s3_bucket_public_access_block.blocked",
    ]
    assert bucket.facets.public_access is False


def test_a_companion_whose_target_is_in_no_file_of_the_root_is_still_unresolved(
    tmp_path: Path,
) -> None:
    # (an ACL or bucket policy standing alone is judged as its bucket: tests/terraform/
    # test_s3_grants_alone.py; versioning settings standing alone are not)
    (tmp_path / "versioning.tf").write_text(
        'resource "aws_s3_bucket_versioning" "gone" {\n  bucket = aws_s3_bucket.gone.id\n'
        '  versioning_configuration {\n    status = "Enabled"\n  }\n}\n'
    )
    (documents, _) = load(tmp_path)
    (document,) = documents
    list(TerraformMapper().map(document, MapContext(Settings(), base=str(tmp_path))))
    assert document.meta["terraform_unresolved_companions"] == ["aws_s3_bucket_versioning.gone"]
