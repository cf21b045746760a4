"""A resource naming an aliased provider configuration the scan does not declare
(``provider = aws.west`` and no ``provider "aws" { alias = "west" }``) was read with the
default configuration's Region: confidential data PASSed GDCC-DATA-003 on the default's Thai
Region. Terraform refuses such a root ("Provider configuration not present"); a module scanned
as its own root gets the alias from its caller (``configuration_aliases``). Either way the
Region is not known; in a root the input error is reported with its line."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

BUCKET = """\
  bucket = "b"
  tags   = { DataClassification = "confidential" }
}
"""

ROOT = f"""\
provider "aws" {{
  region = "ap-southeast-7"
}}

provider "aws" {{
  alias  = "sg"
  region = "ap-southeast-1"
}}

resource "aws_s3_bucket" "west" {{
  provider = aws.west
{BUCKET}
resource "aws_s3_bucket" "sg" {{
  provider = aws.sg
{BUCKET}
module "store" {{
  source    = "./store"
  providers = {{ aws = aws.east }}
}}
"""

STORE = f"""\
resource "aws_s3_bucket" "this" {{
{BUCKET}"""

MODULE = f"""\
terraform {{
  required_providers {{
    aws = {{
      source                = "hashicorp/aws"
      configuration_aliases = [aws.west]
    }}
  }}
}}

provider "aws" {{
  region = "ap-southeast-7"
}}

resource "aws_s3_bucket" "west" {{
  provider = aws.west
{BUCKET}"""

UNKNOWN = ("UNKNOWN", "the region is not known")


def _verdicts(path: Path) -> dict[str, tuple[str, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-DATA-003",)))
    return {f.address: (f.status.value, f.message.en) for f in result.findings}


def test_an_undeclared_alias_in_a_root_leaves_the_region_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ROOT)
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "main.tf").write_text(STORE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-003",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        "aws_s3_bucket.west": UNKNOWN,
        "aws_s3_bucket.sg": (
            "FAIL", "confidential data is stored in aws region ap-southeast-1, outside Thailand"
        ),
        "module.store.aws_s3_bucket.this": UNKNOWN,
    }
    [main] = [i for i in result.inputs if i.path.endswith("/main.tf") and "store" not in i.path]
    assert main.status == InputStatus.PARTIALLY_ASSESSED
    assert main.line == 11
    assert main.error == (
        'provider = aws.west: this configuration declares no provider "aws" with alias = '
        '"west" (Terraform refuses it); the Region of what it configures is not known, not '
        "the default configuration's"
    )
    assert main.additional_errors == (
        'line 24: providers.aws = aws.east: this configuration declares no provider "aws" '
        'with alias = "east" (Terraform refuses it); the Region of what it configures is not '
        "known, not the default configuration's",
    )


def test_a_module_scanned_alone_with_configuration_aliases(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MODULE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-003",)))
    assert {f.address: (f.status.value, f.message.en) for f in result.findings} == {
        "aws_s3_bucket.west": UNKNOWN
    }
    [main] = result.inputs
    assert main.status == InputStatus.ASSESSED  # no mistake: the caller passes it


JSON = """\
{
  "provider": {"aws": {"region": "ap-southeast-7"}},
  "resource": {"aws_s3_bucket": {
    "t": {"provider": "${aws.west}", "bucket": "t",
          "tags": {"DataClassification": "confidential"}}
  }}
}
"""


def test_a_json_provider_written_as_a_template(tmp_path: Path) -> None:
    """``"provider": "${aws.west}"``: Terraform wants the bare reference ``"aws.west"``."""
    (tmp_path / "main.tf.json").write_text(JSON)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-003",)))
    assert {f.address: (f.status.value, f.message.en) for f in result.findings} == {
        "aws_s3_bucket.t": UNKNOWN
    }
    [main] = result.inputs
    assert main.line == 4
    assert main.error == (
        "provider: not a reference to a provider configuration (Terraform refuses it); the "
        "Region of what it configures is not known"
    )


LEGACY_ROOT = """\
provider "aws" {
  region = "ap-southeast-1"
}

provider "aws" {
  alias  = "th"
  region = "ap-southeast-7"
}

module "store" {
  source    = "./store"
  providers = { aws.replica = aws.th }
}
"""

LEGACY_STORE = f"""\
provider "aws" {{}}

provider "aws" {{
  alias = "replica"
}}

resource "aws_s3_bucket" "main" {{
{BUCKET}
resource "aws_s3_bucket" "replica" {{
  provider = aws.replica
{BUCKET}
resource "aws_s3_bucket" "own" {{
  provider = aws.own
{BUCKET}
provider "aws" {{
  alias  = "own"
  region = "ap-southeast-7"
}}
"""


def test_proxy_blocks_of_a_module_take_the_callers_configurations(tmp_path: Path) -> None:
    """A module's empty ``provider "aws" {}`` or alias-only block is a proxy (Terraform
    before 0.13; still read so, "Redundant empty provider block") when the call's
    ``providers`` map passes it: the caller's configuration is used (``replica``). One the
    call does not pass (the default ``aws`` here) stays the module's own empty configuration,
    not inherited: its Region is the environment's, not known (``main``; see
    ``test_an_empty_provider_block_the_call_does_not_pass``). A module's own block with
    arguments is its own configuration (Region read from it)."""
    (tmp_path / "main.tf").write_text(LEGACY_ROOT)
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "main.tf").write_text(LEGACY_STORE)
    thailand = ("PASS", "Non-public and personal data is stored in Thailand")
    assert _verdicts(tmp_path) == {
        "module.store.aws_s3_bucket.main": UNKNOWN,
        "module.store.aws_s3_bucket.replica": thailand,
        "module.store.aws_s3_bucket.own": thailand,
    }


EMPTY_CALLER = """\
provider "aws" {
  region = "ap-southeast-7"
}

provider "aws" {
  alias  = "th"
  region = "ap-southeast-7"
}

module "alone" {
  source = "./store"
}

module "passed" {
  source    = "./store"
  providers = { aws = aws.th, aws.west = aws.th }
}
"""

EMPTY_STORE = f"""\
provider "aws" {{}}

provider "aws" {{
  alias = "west"
}}

resource "aws_s3_bucket" "main" {{
{BUCKET}
resource "aws_s3_bucket" "west" {{
  provider = aws.west
{BUCKET}"""


def test_an_empty_provider_block_the_call_does_not_pass(tmp_path: Path) -> None:
    """Terraform keeps a called module's provider block, empty or with ``alias`` only, as
    the module's own configuration unless the call's ``providers`` map passes one in its
    place (``ProviderConfigTransformer``: the block is "proxiable", replaced for a
    ``providers`` entry only; hashicorp/terraform#16695: a provider block in a child module
    "overrides the implicit inheritance behavior"). ``module.alone``'s buckets then use an
    empty configuration whose Region is the environment's: not known. Wrong PASS:
    ``main`` PASSed GDCC-DATA-003 on the caller's Thai Region. And no input error: Terraform
    only warns of a legacy alias-only block that is not passed ("Redundant empty provider
    block"); it errs for a ``configuration_aliases`` entry only (that stays an error)."""
    (tmp_path / "main.tf").write_text(EMPTY_CALLER)
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "main.tf").write_text(EMPTY_STORE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-003",)))
    thailand = ("PASS", "Non-public and personal data is stored in Thailand")
    assert {f.address: (f.status.value, f.message.en) for f in result.findings} == {
        "module.alone.aws_s3_bucket.main": UNKNOWN,
        "module.alone.aws_s3_bucket.west": UNKNOWN,
        "module.passed.aws_s3_bucket.main": thailand,
        "module.passed.aws_s3_bucket.west": thailand,
    }
    assert [(i.status, i.error) for i in result.inputs if i.error] == []


CALLER = """\
provider "aws" {
  region = "ap-southeast-7"
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

module "store" {
  source = "./store"
}

module "passed" {
  source    = "./store"
  providers = { aws.west = aws.west }
}
"""


def test_a_call_that_does_not_pass_an_alias_the_module_uses(tmp_path: Path) -> None:
    """A called module's ``provider = aws.west`` (its ``configuration_aliases``) needs the
    call to pass ``aws.west``: Terraform refuses ``module "store"`` ("Missing required
    provider configuration"; aliased configurations are never inherited). That was no input
    error; it is now, at the call's line. The Region stays not known (never the default's
    Thai Region); the call that passes it gets the caller's ``us-west-2``."""
    (tmp_path / "main.tf").write_text(CALLER)
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "main.tf").write_text(MODULE.replace(
        'provider "aws" {\n  region = "ap-southeast-7"\n}\n\n', ""
    ))
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-003",)))
    assert {f.address: (f.status.value, f.message.en) for f in result.findings} == {
        "module.store.aws_s3_bucket.west": UNKNOWN,
        "module.passed.aws_s3_bucket.west": (
            "FAIL", "confidential data is stored in aws region us-west-2, outside Thailand"
        ),
    }
    [main] = [i for i in result.inputs if i.path == str(tmp_path / "main.tf")]
    assert main.status == InputStatus.PARTIALLY_ASSESSED
    assert (main.line, main.error, main.additional_errors) == (
        10,
        "module.store: the module uses provider configuration aws.west (its "
        "configuration_aliases) and this call's providers map does not pass it (Terraform "
        "refuses it: an aliased configuration is never inherited); the Region of what it "
        "configures is not known",
        (),
    )
