"""Provider defaults that changed between provider versions follow the version a root runs
with: the lock file's exact version, else the versions ``required_providers`` allow in the
root and its modules, else the newest provider (``normalize.versioned_defaults``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.versions import VersionRange, parse_constraint
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

CLUSTER = """\
resource "aws_redshift_cluster" "c" {
  cluster_identifier = "c"
  node_type          = "dc2.large"
  master_username    = "admin"
  manage_master_password = true
}
"""


def _lock(version: str, provider: str = "hashicorp/aws") -> str:
    return (
        '# This file is maintained automatically by "terraform init".\n'
        f'provider "registry.terraform.io/{provider}" {{\n'
        f'  version     = "{version}"\n'
        '  constraints = ">= 4.0"\n'
        "  hashes = [\n"
        '    "h1:AAAA=",\n'
        "  ]\n"
        "}\n"
    )


def _versions(constraint: str, name: str = "aws") -> str:
    return (
        "terraform {\n"
        "  required_providers {\n"
        f"    {name} = {{\n"
        f'      source  = "hashicorp/{name}"\n'
        f'      version = "{constraint}"\n'
        "    }\n"
        "  }\n"
        "}\n"
    )


def _findings(root: Path, rule: str) -> dict[str, Finding]:
    result = audit([root], Settings(rule_ids=(rule,)))
    return {f.address: f for f in result.findings if f.address}


def _public(root: Path) -> Finding:
    return _findings(root, "GDCC-NET-002")["aws_redshift_cluster.c"]


def _encrypted(root: Path) -> Finding:
    return _findings(root, "GDCC-ENC-001")["aws_redshift_cluster.c"]


def test_lock_file_pins_aws_5(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CLUSTER)
    (tmp_path / ".terraform.lock.hcl").write_text(_lock("5.31.0"))
    found = _public(tmp_path)
    assert found.status == Status.FAIL
    assert found.message is not None
    assert found.message.en == (
        "the endpoint is public (provider default (aws 5.31.0, "
        ".terraform.lock.hcl): 'publicly_accessible' not set)"
    )
    assert found.evidence["defaults"] == {
        "public_endpoint": {
            "attribute": "publicly_accessible",
            "value": "default",
            "documentation": "https://registry.terraform.io/providers/hashicorp/aws/5.100.0/"
            "docs/resources/redshift_cluster",
            "provider_version": "aws 5.31.0, .terraform.lock.hcl",
        }
    }
    encrypted = _encrypted(tmp_path)
    assert encrypted.status == Status.FAIL
    assert encrypted.evidence["encrypted_at_rest"] is False


def test_lock_file_pins_aws_6(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CLUSTER)
    # a constraint allowing both majors is overruled by the exact version locked
    (tmp_path / "versions.tf").write_text(_versions(">= 5.0"))
    (tmp_path / ".terraform.lock.hcl").write_text(_lock("6.2.0"))
    found = _public(tmp_path)
    assert found.status == Status.PASS
    assert found.evidence["public_endpoint"] is False
    label = found.evidence["defaults"]["public_endpoint"]
    assert label["provider_version"] == "aws 6.2.0, .terraform.lock.hcl"
    assert label["documentation"].endswith("version-6-upgrade#resource-aws_redshift_cluster")
    assert "unless" not in label
    encrypted = _encrypted(tmp_path)
    assert encrypted.status == Status.PASS
    assert encrypted.evidence["encrypted_at_rest"] is True


def test_constraint_within_aws_5(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CLUSTER)
    (tmp_path / "versions.tf").write_text(_versions("~> 5.0"))
    found = _public(tmp_path)
    assert found.status == Status.FAIL
    assert found.message is not None
    assert found.message.en == (
        "the endpoint is public (provider default (aws ~> 5.0 "
        "(versions.tf:3), not locked): 'publicly_accessible' not set)"
    )


def test_constraint_spanning_the_change_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CLUSTER)
    (tmp_path / "versions.tf").write_text(_versions(">= 5.0"))
    found = _public(tmp_path)
    assert found.status == Status.UNKNOWN
    assert found.evidence["public_endpoint"] is None
    assert found.evidence["unknown_because"] == {
        "public_endpoint": "the provider default of 'publicly_accessible' changed between "
        "provider versions (true for aws < 6.0, false for aws >= 6.0) and the configuration "
        "allows aws >= 5.0 (versions.tf:3) with no .terraform.lock.hcl in the scan to say "
        "which is used"
    }


def test_module_constraints_meet_the_root_ones(tmp_path: Path) -> None:
    """The root allows any aws >= 5.0, its module only 5.x: Terraform selects a version both
    accept, so the cluster declared in the module gets the 5.x default."""
    (tmp_path / "versions.tf").write_text(_versions(">= 5.0"))
    (tmp_path / "main.tf").write_text('module "db" {\n  source = "./db"\n}\n')
    module = tmp_path / "db"
    module.mkdir()
    (module / "main.tf").write_text(CLUSTER)
    (module / "versions.tf").write_text(_versions("~> 5.10"))
    found = _findings(tmp_path, "GDCC-NET-002")["module.db.aws_redshift_cluster.c"]
    assert found.status == Status.FAIL
    label = found.evidence["defaults"]["public_endpoint"]
    assert label["provider_version"] == (
        "aws >= 5.0 (versions.tf:3); ~> 5.10 (db/versions.tf:3), not locked"
    )


def test_provider_block_version(tmp_path: Path) -> None:
    """The deprecated ``version`` argument of a provider block still constrains the version."""
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region  = "ap-southeast-1"\n  version = "~> 5.40"\n}\n' + CLUSTER
    )
    found = _public(tmp_path)
    assert found.status == Status.FAIL
    label = found.evidence["defaults"]["public_endpoint"]
    assert label["provider_version"] == "aws ~> 5.40 (main.tf:3), not locked"


def test_nothing_pinned_takes_the_newest_provider(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CLUSTER)
    found = _public(tmp_path)
    assert found.status == Status.PASS
    label = found.evidence["defaults"]["public_endpoint"]
    assert label["provider_version"] == "aws >= 6.0, no version pinned"
    assert label["unless"] == (
        "no aws provider version is pinned (no .terraform.lock.hcl, no required_providers "
        "version): terraform init installs the newest release; a lock file outside the "
        "scanned files may select an older version"
    )


def test_written_value_is_no_default(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        CLUSTER.replace("node_type ", "publicly_accessible = true\n  node_type ")
    )
    (tmp_path / ".terraform.lock.hcl").write_text(_lock("6.2.0"))
    found = _public(tmp_path)
    assert found.status == Status.FAIL
    assert found.evidence == {"public_endpoint": True}


AZURE = """\
resource "azurerm_storage_account" "s" {
  name                     = "s"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_mssql_server" "q" {
  name                = "q"
  resource_group_name = "rg"
  location            = "southeastasia"
  version             = "12.0"
}
"""


def test_azurerm_2_defaults(tmp_path: Path) -> None:
    """azurerm 2.x sent TLS1_0 for a storage account (3.0 upgrade guide); what it sent for an
    SQL server no page states: UNKNOWN."""
    (tmp_path / "main.tf").write_text(AZURE)
    (tmp_path / ".terraform.lock.hcl").write_text(_lock("2.99.0", "hashicorp/azurerm"))
    found = _findings(tmp_path, "GDCC-DATA-009")
    storage = found["azurerm_storage_account.s"]
    assert storage.status == Status.FAIL
    assert storage.evidence["tls_min_version"] == "1.0"
    assert storage.evidence["defaults"]["tls_min_version"]["provider_version"] == (
        "azurerm 2.99.0, .terraform.lock.hcl"
    )
    sql = found["azurerm_mssql_server.q"]
    assert sql.status == Status.UNKNOWN
    assert sql.evidence["unknown_because"] == {
        "tls_min_version": "no documentation states what azurerm < 3.0 sends when "
        "'minimum_tls_version' is not set (azurerm 2.99.0, .terraform.lock.hcl)"
    }


def test_azurerm_3_defaults(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(AZURE)
    (tmp_path / "versions.tf").write_text(_versions("~> 3.100", "azurerm"))
    found = _findings(tmp_path, "GDCC-DATA-009")
    assert {a: f.status for a, f in found.items()} == {
        "azurerm_storage_account.s": Status.PASS,
        "azurerm_mssql_server.q": Status.PASS,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("~> 5.0", VersionRange((5, 0, 0), True, (6, 0, 0), False)),
        ("~> 5.31.2", VersionRange((5, 31, 2), True, (5, 32, 0), False)),
        ("~> 5", VersionRange((5, 0, 0), True, None, False)),
        (">= 4.0, < 6.0", VersionRange((4, 0, 0), True, (6, 0, 0), False)),
        ("5.1.0", VersionRange((5, 1, 0), True, (5, 1, 0), True)),
        ("= 5.1.0, != 5.0.0", VersionRange((5, 1, 0), True, (5, 1, 0), True)),
        ("> 5.0.0, <= 6.0.0", VersionRange((5, 0, 0), False, (6, 0, 0), True)),
        ("latest", None),
    ],
)
def test_parse_constraint(text: str, expected: VersionRange | None) -> None:
    assert parse_constraint(text) == expected


def test_range_overlaps() -> None:
    five = parse_constraint("~> 5.0")
    assert five is not None
    assert five.overlaps(None, (6, 0, 0))
    assert not five.overlaps((6, 0, 0), None)
    upto = parse_constraint("<= 6.0.0")
    assert upto is not None
    assert upto.overlaps((6, 0, 0), None)
    below = parse_constraint("< 6.0")
    assert below is not None
    assert not below.overlaps((6, 0, 0), None)


def test_version_words_are_thai_in_the_thai_message(tmp_path: Path) -> None:
    """The Thai message said 'not locked' and 'true for aws < 6.0' in English."""
    (tmp_path / "main.tf").write_text(CLUSTER)
    (tmp_path / "versions.tf").write_text(_versions("~> 5.0"))
    found = _public(tmp_path)
    assert found.message is not None
    assert found.message.th == (
        "endpoint เปิดสู่สาธารณะ (ค่าเริ่มต้นของผู้ให้บริการ (aws ~> 5.0 (versions.tf:3), "
        "ไม่ได้ล็อกเวอร์ชัน): ไม่ได้กำหนด 'publicly_accessible')"
    )
    (tmp_path / "versions.tf").write_text(_versions(">= 5.0"))
    unknown = _public(tmp_path)
    assert unknown.message is not None
    assert (
        "ค่าเริ่มต้นของ 'publicly_accessible' เปลี่ยนไปตามเวอร์ชันของ provider "
        "(true สำหรับ aws < 6.0, false สำหรับ aws >= 6.0) และการตั้งค่ายอมรับ aws >= 5.0 "
        "(versions.tf:3)"
    ) in unknown.message.th


def test_undocumented_default_is_thai_in_the_thai_message() -> None:
    """An era with no documented default reads 'ไม่มีเอกสารระบุ' in Thai; the version label's
    ending ('no version pinned') is Thai too, the provider and versions as written."""
    from gdcc_audit.normalize.versioned_defaults import label_th

    assert label_th("aws >= 6.0, no version pinned") == "aws >= 6.0, ไม่ได้กำหนดเวอร์ชัน"
    assert label_th("aws 6.2.0, .terraform.lock.hcl") == "aws 6.2.0, .terraform.lock.hcl"


def test_undocumented_era_of_a_spanning_constraint_is_thai(tmp_path: Path) -> None:
    """terragoat's azure/mssql.tf: azurerm >= 2.0.0 spans an era with no documented TLS
    default; the Thai message said 'not documented for azurerm < 3.0' in English."""
    (tmp_path / "main.tf").write_text(
        'provider "azurerm" {\n  version = ">= 2.0.0"\n  features {}\n}\n'
        'resource "azurerm_mssql_server" "s" {\n  name = "s"\n  version = "12.0"\n'
        '  resource_group_name = "rg"\n  location = "eastasia"\n'
        '  administrator_login = "a"\n}\n'
    )
    result = audit([tmp_path], Settings())
    found = [
        f for f in result.findings
        if f.address == "azurerm_mssql_server.s" and f.message is not None
        and "minimum_tls_version" in f.message.en
    ]
    assert found
    assert all(f.status == Status.UNKNOWN for f in found)
    for finding in found:
        assert finding.message is not None
        assert (
            "เปลี่ยนไปตามเวอร์ชันของ provider (ไม่มีเอกสารระบุ สำหรับ azurerm < 3.0, "
            "1.2 สำหรับ azurerm >= 3.0) และการตั้งค่ายอมรับ azurerm >= 2.0.0 (main.tf:2)"
        ) in finding.message.th
        assert "not documented" not in finding.message.th
