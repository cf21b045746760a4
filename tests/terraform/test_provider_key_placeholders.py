"""Provider blocks whose ``access_key`` / ``secret_key`` is shorter than any key the cloud
issues (terraform-huaweicloud-autoscaling's examples: ``access_key = "AK"``, ``secret_key =
"SK"``) hold placeholders, not credentials: no GDCC-SECRET-001 FAIL. A value of a key's
length still FAILs, and so does a short password or token beside the placeholders."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status


def _secret_findings(tmp_path: Path, provider: str) -> dict[str, tuple[Status, list[str]]]:
    (tmp_path / "main.tf").write_text(provider + '\nresource "null_resource" "n" {}\n')
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    return {
        f.resource_id.rsplit("/", 1)[-1]: (f.status, list(f.evidence.get("paths", [])))
        for f in result.findings
        if f.status is not Status.PASS
    }


def test_two_letter_placeholders_of_a_huawei_provider_are_no_secret(tmp_path: Path) -> None:
    provider = (
        'provider "huaweicloud" {\n  region     = "cn-north-4"\n'
        '  access_key = "AK"\n  secret_key = "SK"\n}\n'
    )
    assert _secret_findings(tmp_path, provider) == {}


def test_a_short_aws_example_value_is_no_secret_but_a_key_s_length_is(tmp_path: Path) -> None:
    provider = (
        'provider "aws" {\n  region     = "us-east-1"\n'
        '  access_key = "my-access-key"\n'
        '  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\n'
    )
    assert _secret_findings(tmp_path, provider) == {
        "provider.aws": (Status.FAIL, ["secret_key"])
    }


def test_a_short_password_beside_placeholders_still_fails(tmp_path: Path) -> None:
    provider = (
        'provider "alicloud" {\n  access_key = "AK"\n  secret_key = "SK"\n'
        '  security_token = "s3cr3t-t0ken"\n}\n'
    )
    status, paths = _secret_findings(tmp_path, provider)["provider.alicloud"]
    assert status is Status.FAIL
    assert paths == ["security_token"]
