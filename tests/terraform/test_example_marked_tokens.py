"""A token a third party issues, written as a documentation stand-in marked EXAMPLE: AFT's
examples call the module with ``terraform_token = "EXAMPLE-uoc1c1qsw7poexampleewjeno1pte3rw"``
(an HCP Terraform API token), and each example FAILed GDCC-SECRET-001 "a secret is written in
plain text at 'terraform_token'". No issuer hands out a token holding the word EXAMPLE apart;
a password so marked is still what the server is given (FAIL), and a key that only ends in
EXAMPLE (AWS's documented ``AKIAIOSFODNN7EXAMPLE``, which checkov's fixtures take for a
secret) is judged as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.settings import Settings

ROOT = """\
module "factory" {
  source = "github.com/example-org/account-factory"

  terraform_distribution = "tfc"
  terraform_token        = "EXAMPLE-q7w1e3r5t7y9uexampleas2d4f6g8h0j"
}

module "factory_real" {
  source = "github.com/example-org/account-factory"

  terraform_token = "q7w1e3r5t7y9u0ias2d4f6g8h0j2k4l6"
}
"""


def test_a_token_marked_example_is_no_secret(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found.get("module.factory", (Status.PASS,))[0] == Status.PASS
    assert found["module.factory_real"] == (
        Status.FAIL, "a secret is written in plain text at 'terraform_token'"
    )


@pytest.mark.parametrize(
    ("values", "found"),
    [
        ({"terraform_token": "EXAMPLE-q7w1e3r5t7y9uexampleas2d4f6g8h0j"}, ()),
        ({"api_key": "k3y_EXAMPLE_0123456789"}, ()),
        # chosen by whoever deploys it: the server takes it as written
        ({"db_password": "EXAMPLE-Pa55word"}, ("db_password",)),
        # EXAMPLE not apart: judged as any key
        ({"api_key": "AKIAIOSFODNN7EXAMPLE"}, ("api_key",)),
        ({"terraform_token": "q7w1e3r5t7y9u0ias2d4f6g8h0j2k4l6"}, ("terraform_token",)),
    ],
)
def test_example_words(values: dict[str, str], found: tuple[str, ...]) -> None:
    assert detect_secrets(values) == found
