"""Account- and Region-wide AWS settings count only where they reach (issue 12, "never a wrong
PASS"): EBS encryption by default and EC2 serial console access hold for one account in one
Region, so a setting declared under another provider configuration is credited only when
that configuration is provably the same account and Region; when that cannot be told the
facet is UNKNOWN with a reason naming the setting, never a PASS."""

from __future__ import annotations

import json
from pathlib import Path

from tests.terraform.helpers import load, resources

from gdcc_audit.api import audit
from gdcc_audit.load.terraform_model import TfDocument
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT_DISKS = "GDCC-CMP-003"
SERIAL = "GDCC-CMP-004"
STORES = "GDCC-ENC-001"

DISKS_PASS = "Instance root and data disks are encrypted"
ROOT_DEFAULT = (
    "encryption at rest is off (provider default: "
    "'root_block_device.0.encrypted' not set; the root volume is still encrypted if the "
    "AMI's root snapshot is encrypted or EBS encryption by default is on for the account and "
    "Region; neither is in the input)"
)
VOLUME_DEFAULT = (
    "encryption at rest is off (provider default: 'encrypted' not set)"
)
STORES_PASS = "Data stores are encrypted at rest"
SERIAL_PASS = "Serial console access is disabled"

INSTANCE = """
  ami           = "ami-0abc"
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
"""

Found = dict[tuple[str, str], tuple[Status, str, object]]


def _audit(tmp_path: Path, files: dict[str, str], *rules: str) -> Found:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    assert [i.error for i in result.inputs if i.error] == []
    return {
        (f.rule_id, f.address or ""): (
            f.status,
            f.message.en,
            f.evidence.get("unknown_because"),
        )
        for f in result.findings
    }


MULTI_REGION = {
    "main.tf": f"""
provider "aws" {{
  region = "ap-southeast-7"
}}

provider "aws" {{
  alias  = "eu"
  region = "eu-west-1"
}}

# turned on in Europe only
resource "aws_ebs_encryption_by_default" "eu" {{
  provider = aws.eu
}}

resource "aws_ec2_serial_console_access" "eu" {{
  provider = aws.eu
  enabled  = true
}}

resource "aws_instance" "home" {{{INSTANCE}}}

# data sources only read the settings (was read as "enabled", the resource's default)
data "aws_ebs_encryption_by_default" "home" {{}}

data "aws_ec2_serial_console_access" "home" {{}}

resource "aws_instance" "europe" {{
  provider = aws.eu{INSTANCE}}}

resource "aws_ebs_volume" "home" {{
  availability_zone = "ap-southeast-7a"
  size              = 10
}}

resource "aws_ebs_volume" "europe" {{
  provider          = aws.eu
  availability_zone = "eu-west-1a"
  size              = 10
}}

module "app_eu" {{
  source    = "./modules/app"
  providers = {{ aws = aws.eu }}
}}

module "app_home" {{
  source = "./modules/app"
}}
""",
    "modules/app/main.tf": f'resource "aws_instance" "this" {{{INSTANCE}}}\n',
}


def test_a_setting_of_another_region_is_not_credited(tmp_path: Path) -> None:
    """Was PASS for every instance and volume: the Europe setting encrypted the Bangkok ones."""
    found = _audit(tmp_path, MULTI_REGION, ROOT_DISKS, STORES, SERIAL)
    serial_fail = (
        Status.FAIL,
        "serial console access is on",
        None,
    )
    assert found == {
        # the default configuration (ap-southeast-7): no setting reaches it
        (ROOT_DISKS, "aws_instance.home"): (Status.FAIL, ROOT_DEFAULT, None),
        (STORES, "aws_ebs_volume.home"): (Status.FAIL, VOLUME_DEFAULT, None),
        (SERIAL, "aws_instance.home"): (Status.PASS, SERIAL_PASS, None),
        # the same configuration as the settings
        (ROOT_DISKS, "aws_instance.europe"): (Status.PASS, DISKS_PASS, None),
        (STORES, "aws_ebs_volume.europe"): (Status.PASS, STORES_PASS, None),
        (SERIAL, "aws_instance.europe"): serial_fail,
        # a module given aws.eu by its providers map is in Europe
        (ROOT_DISKS, "module.app_eu.aws_instance.this"): (Status.PASS, DISKS_PASS, None),
        (SERIAL, "module.app_eu.aws_instance.this"): serial_fail,
        # a module without providers map inherits the default configuration
        (ROOT_DISKS, "module.app_home.aws_instance.this"): (Status.FAIL, ROOT_DEFAULT, None),
        (SERIAL, "module.app_home.aws_instance.this"): (Status.PASS, SERIAL_PASS, None),
    }


UNKNOWN_REGIONS = {
    "main.tf": f"""
variable "region" {{
  type = string
}}

variable "dr_region" {{
  type = string
}}

provider "aws" {{
  region = var.region
}}

provider "aws" {{
  alias  = "dr"
  region = var.dr_region
}}

# the same region as the default configuration, whatever it is: the same variable
provider "aws" {{
  alias  = "same"
  region = var.region
}}

# the same region, but credentials from another profile: maybe another account
provider "aws" {{
  alias   = "ops"
  region  = var.region
  profile = "operations"
}}

resource "aws_ebs_encryption_by_default" "dr" {{
  provider = aws.dr
}}

resource "aws_ebs_encryption_by_default" "home" {{
  enabled = true
}}

resource "aws_ec2_serial_console_access" "ops" {{
  provider = aws.ops
  enabled  = true
}}

resource "aws_instance" "home" {{{INSTANCE}}}

resource "aws_instance" "same" {{
  provider = aws.same{INSTANCE}}}

resource "aws_instance" "dr" {{
  provider = aws.dr{INSTANCE}}}
""",
}


def _because(setting: str, other: str, where: str, extra: str = "") -> str:
    return (
        f"{setting} holds per Region and account; whether it reaches this resource is not "
        f"known: {other} is under provider configuration {where}{extra}"
    )


EBS = "EBS encryption by default (aws_ebs_encryption_by_default)"
CONSOLE = "EC2 serial console access (aws_ec2_serial_console_access)"


def test_regions_not_known_make_the_fact_unknown(tmp_path: Path) -> None:
    """Regions from variables without a value: a setting under the same variable counts, one
    under another variable may or may not reach the resource (UNKNOWN, never PASS)."""
    found = _audit(tmp_path, UNKNOWN_REGIONS, ROOT_DISKS, SERIAL)
    home = "provider configuration aws (region from var.region)"
    same = "provider configuration aws.same (region from var.region)"
    dr = "provider configuration aws.dr (region from var.dr_region)"
    ops = (
        "aws.ops (region from var.region), this resource under {} (region from var.region)"
        "; credentials chosen differently or not known (profile): maybe another account"
    )
    unknown_disks = "whether encryption at rest is on is not known from the input: "
    unknown_serial = "whether serial console access is on is not known from the input: "

    def disks(where: str) -> tuple[Status, str, object]:
        reason = _because(
            EBS,
            "aws_ebs_encryption_by_default.dr",
            f"aws.dr (region from var.dr_region), this resource under {where}",
        )
        return (Status.UNKNOWN, unknown_disks + reason, {"encrypted_at_rest": reason})

    def serial(config: str) -> tuple[Status, str, object]:
        reason = _because(CONSOLE, "aws_ec2_serial_console_access.ops", ops.format(config))
        return (Status.UNKNOWN, unknown_serial + reason, {"serial_console": reason})

    dr_reason = _because(
        CONSOLE,
        "aws_ec2_serial_console_access.ops",
        f"aws.ops (region from var.region), this resource under {dr}; credentials chosen "
        "differently or not known (profile): maybe another account",
    )
    serial_dr = (Status.UNKNOWN, unknown_serial + dr_reason, {"serial_console": dr_reason})
    home_reason = _because(
        EBS,
        "aws_ebs_encryption_by_default.home",
        f"aws (region from var.region), this resource under {dr}",
    )
    assert found == {
        # "home" reaches them (same configuration, or the same var.region and
        # credentials), "dr" is under another variable: maybe the same Region, and on
        (ROOT_DISKS, "aws_instance.home"): disks(home),
        (ROOT_DISKS, "aws_instance.same"): disks(same),
        # "dr" reaches it; "home" is under var.region, maybe the same Region, and on
        (ROOT_DISKS, "aws_instance.dr"): (
            Status.UNKNOWN,
            unknown_disks + home_reason,
            {"encrypted_at_rest": home_reason},
        ),
        (SERIAL, "aws_instance.home"): serial("provider configuration aws"),
        (SERIAL, "aws_instance.same"): serial("provider configuration aws.same"),
        # another variable and another profile
        (SERIAL, "aws_instance.dr"): serial_dr,
    }


BASELINE_MODULE = {
    "main.tf": f"""
provider "aws" {{
  region = "ap-southeast-7"
}}

provider "aws" {{
  alias  = "eu"
  region = "eu-west-1"
}}

# the account baseline lives in a module: it configures the Region of the configuration the
# module is given (the default one when no providers map is written)
module "baseline" {{
  source = "./modules/baseline"
}}

module "baseline_eu" {{
  source    = "./modules/baseline"
  providers = {{ aws = aws.eu }}
}}

resource "aws_instance" "home" {{{INSTANCE}}}

resource "aws_ebs_volume" "tokyo" {{
  availability_zone = "ap-northeast-1a"
  size              = 10
  region            = "ap-northeast-1"
}}

resource "aws_ebs_volume" "eu" {{
  availability_zone = "eu-west-1a"
  size              = 10
  region            = "eu-west-1"
}}

module "legacy" {{
  source = "./modules/legacy"
}}
""",
    "modules/baseline/main.tf": """
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}
""",
    # a legacy module with its own provider block: its resources use it, not the caller's
    "modules/legacy/main.tf": f"""
provider "aws" {{
  region = "us-east-1"
}}

resource "aws_instance" "this" {{{INSTANCE}}}
""",
}


def test_a_setting_in_another_module_counts_under_the_same_configuration(
    tmp_path: Path,
) -> None:
    """The setting is account and Region wide: declared in a module of the same root, it
    reaches the root's resources of the same configuration; a resource's own ``region``
    (AWS provider v6) and a module's own provider block place it elsewhere."""
    found = _audit(tmp_path, BASELINE_MODULE, ROOT_DISKS, STORES)
    assert found == {
        (ROOT_DISKS, "aws_instance.home"): (Status.PASS, DISKS_PASS, None),
        # region = "ap-northeast-1": neither Bangkok nor Ireland
        (STORES, "aws_ebs_volume.tokyo"): (Status.FAIL, VOLUME_DEFAULT, None),
        # region = "eu-west-1" under the default configuration: module.baseline_eu's Region
        (STORES, "aws_ebs_volume.eu"): (Status.PASS, STORES_PASS, None),
        # us-east-1 by the module's own provider block
        (ROOT_DISKS, "module.legacy.aws_instance.this"): (Status.FAIL, ROOT_DEFAULT, None),
    }


def test_provider_configuration_of_a_legacy_module(tmp_path: Path) -> None:
    """A module's own ``provider "aws"`` block is the configuration of its resources, kept
    under ``module.legacy.aws`` with its values."""
    for name, text in BASELINE_MODULE.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    documents, errors = load(tmp_path)
    assert errors == []
    found = resources(documents)
    assert found["module.legacy.aws_instance.this"].provider_config == "module.legacy.aws"
    assert found["module.baseline_eu.aws_ebs_encryption_by_default.this"].provider_config == (
        "aws.eu"
    )
    assert found["module.baseline.aws_ebs_encryption_by_default.this"].provider_config == "aws"
    providers = {
        key: values
        for document in documents
        if isinstance(document.data, TfDocument)
        for key, values in document.data.providers.items()
    }
    assert providers == {
        "aws": {"region": "ap-southeast-7"},
        "aws.eu": {"alias": "eu", "region": "eu-west-1"},
        "module.legacy.aws": {"region": "us-east-1"},
    }


ACCOUNTS = {
    "main.tf": f"""
provider "aws" {{
  region = "ap-southeast-7"
  assume_role {{
    role_arn = "arn:aws:iam::111111111111:role/deploy"
  }}
}}

# the same Region, another account
provider "aws" {{
  alias  = "audit"
  region = "ap-southeast-7"
  assume_role {{
    role_arn = "arn:aws:iam::222222222222:role/deploy"
  }}
}}

# the same Region, an account chosen at run time
provider "aws" {{
  alias  = "tenant"
  region = "ap-southeast-7"
  assume_role {{
    role_arn = var.tenant_role
  }}
}}

variable "tenant_role" {{
  type = string
}}

resource "aws_ebs_encryption_by_default" "audit" {{
  provider = aws.audit
}}

resource "aws_ec2_serial_console_access" "tenant" {{
  provider = aws.tenant
}}

resource "aws_instance" "home" {{{INSTANCE}}}
""",
}


def test_another_account_in_the_same_region(tmp_path: Path) -> None:
    """Roles of two account ids: the setting of one account does not reach the other's
    resources; a role known only at run time may be either account (UNKNOWN)."""
    found = _audit(tmp_path, ACCOUNTS, ROOT_DISKS, SERIAL)
    reason = _because(
        CONSOLE,
        "aws_ec2_serial_console_access.tenant",
        "aws.tenant (region ap-southeast-7), this resource under provider configuration aws "
        "(region ap-southeast-7); credentials chosen differently or not known (assume_role): "
        "maybe another account",
    )
    assert found == {
        (ROOT_DISKS, "aws_instance.home"): (Status.FAIL, ROOT_DEFAULT, None),
        (SERIAL, "aws_instance.home"): (
            Status.UNKNOWN,
            "whether serial console access is on is not known from the input: " + reason,
            {"serial_console": reason},
        ),
    }


def _planned(address: str, rtype: str, values: dict[str, object]) -> dict[str, object]:
    return {
        "address": address,
        "mode": "managed",
        "type": rtype,
        "name": address.rsplit(".", maxsplit=1)[-1],
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": values,
    }


_VM = {"ami": "ami-0abc", "instance_type": "t3.micro", "subnet_id": "subnet-1"}
_PLANNED = [
    _planned(
        "aws_ebs_encryption_by_default.eu", "aws_ebs_encryption_by_default", {"enabled": True}
    ),
    _planned("aws_instance.home", "aws_instance", _VM),
    _planned("aws_instance.europe", "aws_instance", _VM),
]


def test_plan_reads_the_provider_configuration_keys(tmp_path: Path) -> None:
    """A plan names each resource's configuration (``provider_config_key``) and the
    configurations' constant values: the same verdicts as the HCL."""
    keys = {"aws_ebs_encryption_by_default.eu": "aws.eu", "aws_instance.europe": "aws.eu"}
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": _PLANNED}},
        "configuration": {
            "provider_config": {
                "aws": {
                    "name": "aws",
                    "expressions": {"region": {"constant_value": "ap-southeast-7"}},
                },
                "aws.eu": {
                    "name": "aws",
                    "alias": "eu",
                    "expressions": {"region": {"constant_value": "eu-west-1"}},
                },
            },
            "root_module": {
                "resources": [
                    {
                        "address": r["address"],
                        "mode": "managed",
                        "type": r["type"],
                        "name": r["name"],
                        "provider_config_key": keys.get(str(r["address"]), "aws"),
                        "expressions": {},
                    }
                    for r in _PLANNED
                ]
            },
        },
    }
    found = _audit(tmp_path, {"plan.json": json.dumps(plan)}, ROOT_DISKS)
    assert found == {
        (ROOT_DISKS, "aws_instance.home"): (Status.FAIL, ROOT_DEFAULT, None),
        (ROOT_DISKS, "aws_instance.europe"): (Status.PASS, DISKS_PASS, None),
    }


def test_state_does_not_say_where_a_resource_is(tmp_path: Path) -> None:
    """A state file has no configuration: which provider configuration made a resource is not
    recorded, so the setting may or may not reach it (was PASS)."""
    state = {
        "format_version": "1.0",
        "terraform_version": "1.9.0",
        "values": {"root_module": {"resources": _PLANNED}},
    }
    found = _audit(tmp_path, {"state.json": json.dumps(state)}, ROOT_DISKS)
    reason = (
        f"{EBS} holds per Region and account; whether it reaches this resource is not known: "
        "aws_ebs_encryption_by_default.eu is under a provider configuration not in the input, "
        "this resource under a provider configuration not in the input"
    )
    unknown = (
        Status.UNKNOWN,
        "whether encryption at rest is on is not known from the input: " + reason,
        {"encrypted_at_rest": reason},
    )
    assert found == {
        (ROOT_DISKS, "aws_instance.home"): unknown,
        (ROOT_DISKS, "aws_instance.europe"): unknown,
    }


IMDS = {
    "main.tf": f"""
provider "aws" {{
  region = "ap-southeast-7"
}}

provider "aws" {{
  alias  = "eu"
  region = "eu-west-1"
}}

provider "aws" {{
  alias  = "other"
  region = var.other_region
}}

variable "other_region" {{
  type = string
}}

resource "aws_ec2_instance_metadata_defaults" "home" {{
  http_tokens                 = "required"
  http_put_response_hop_limit = 1
}}

resource "aws_ec2_instance_metadata_defaults" "eu" {{
  provider    = aws.eu
  http_tokens = "no-preference"
}}

# no metadata_options: the account and Region default decides
resource "aws_instance" "home" {{{INSTANCE}}}

resource "aws_launch_template" "home" {{
  image_id      = "ami-0abc"
  instance_type = "t3.micro"
}}

# its own options win: tokens optional
resource "aws_instance" "optional" {{{INSTANCE}
  metadata_options {{
    http_tokens = "optional"
  }}
}}

resource "aws_instance" "europe" {{
  provider = aws.eu{INSTANCE}}}

resource "aws_instance" "other" {{
  provider = aws.other{INSTANCE}}}
""",
}


def test_instance_metadata_defaults_of_the_region(tmp_path: Path) -> None:
    """``aws_ec2_instance_metadata_defaults`` with ``http_tokens = "required"`` makes
    instances launched without metadata options in its account and Region require IMDSv2
    (was FAIL); elsewhere the provider default (optional) stands; not known where: UNKNOWN."""
    found = _audit(tmp_path, IMDS, "GDCC-CMP-002")
    passed = "The instance metadata service requires session tokens"
    failed = "the metadata service accepts requests without a session token (IMDSv1)"
    reason = (
        "EC2 instance metadata defaults (aws_ec2_instance_metadata_defaults) holds per Region "
        "and account; whether it reaches this resource is not known: "
        "aws_ec2_instance_metadata_defaults.home is under provider configuration aws (region "
        "ap-southeast-7), this resource under provider configuration aws.other (region from "
        "var.other_region)"
    )
    assert found == {
        ("GDCC-CMP-002", "aws_instance.home"): (Status.PASS, passed, None),
        ("GDCC-CMP-002", "aws_launch_template.home"): (Status.PASS, passed, None),
        ("GDCC-CMP-002", "aws_instance.optional"): (Status.FAIL, failed, None),
        ("GDCC-CMP-002", "aws_instance.europe"): (Status.FAIL, failed, None),
        ("GDCC-CMP-002", "aws_instance.other"): (
            Status.UNKNOWN,
            "whether the metadata service requires session tokens (IMDSv2) is not known from "
            "the input: " + reason,
            {"metadata_tokens_required": reason},
        ),
    }


KMS_DEFAULT = {
    "main.tf": """
provider "aws" {
  region = "ap-southeast-7"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

provider "aws" {
  alias  = "other"
  region = var.other_region
}

variable "other_region" {
  type = string
}

resource "aws_kms_key" "ebs" {
  enable_key_rotation = true
}

resource "aws_ebs_default_kms_key" "home" {
  key_arn = aws_kms_key.ebs.arn
}

# encrypted, no key asked for: the Region's default key, the customer's here
resource "aws_ebs_volume" "home" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = true
  tags              = { "gdcc:personal-data" = "true" }
}

# the AWS-managed key asked for by name: the default key does not apply
resource "aws_ebs_volume" "named_aws_key" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = true
  kms_key_id        = "alias/aws/ebs"
  tags              = { "gdcc:personal-data" = "true" }
}

resource "aws_ebs_volume" "europe" {
  provider          = aws.eu
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
  tags              = { "gdcc:personal-data" = "true" }
}

resource "aws_ebs_volume" "other" {
  provider          = aws.other
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = true
  tags              = { "gdcc:personal-data" = "true" }
}
""",
}


def test_default_kms_key_of_the_region(tmp_path: Path) -> None:
    """``aws_ebs_default_kms_key`` naming a key resource: an encrypted volume without
    ``kms_key_id`` in its Region uses that customer-managed key (GDCC-ENC-002 PASS, was FAIL);
    another Region keeps the AWS-managed key (FAIL); a Region not known: UNKNOWN."""
    found = _audit(tmp_path, KMS_DEFAULT, "GDCC-ENC-002")
    passed = "Sensitive data is encrypted with customer-managed keys"
    failed = "encrypted with a provider-managed key, not a customer-managed key"
    reason = (
        "the default KMS key for EBS encryption (aws_ebs_default_kms_key) holds per Region and "
        "account; whether it reaches this resource is not known: aws_ebs_default_kms_key.home "
        "is under provider configuration aws (region ap-southeast-7), this resource under "
        "provider configuration aws.other (region from var.other_region)"
    )
    assert found == {
        ("GDCC-ENC-002", "aws_ebs_volume.home"): (Status.PASS, passed, None),
        ("GDCC-ENC-002", "aws_ebs_volume.named_aws_key"): (Status.FAIL, failed, None),
        ("GDCC-ENC-002", "aws_ebs_volume.europe"): (Status.FAIL, failed, None),
        ("GDCC-ENC-002", "aws_ebs_volume.other"): (
            Status.UNKNOWN,
            "whether a customer-managed key is used is not known: " + reason,
            {"customer_managed_key": reason},
        ),
    }
