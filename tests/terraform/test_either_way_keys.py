"""An encryption-key argument that is a key either way (``coalesce(var.kms, <key>)``: the
input's text when it is given one, else the key) decides the encryption facets every reading
of it agrees on, for every mapper (``normalize.terraform.either_key``), not SNS / SQS only:
on Google and Azure any key is the customer's (customer-managed key: True); on AWS the input
may name an AWS managed key (``alias/aws/...``): whose key it is stays not known. And a key
argument whose value is not known is not "no key": a Compute Engine disk, a DynamoDB table
(``kms_key_arn = aws_kms_key.k.arn``, computed), an OSS and an OBS bucket read it as no
customer key (GDCC-ENC-002 FAIL)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings
from iac_helpers import run

INPUT = """\
variable "kms" {
  type = string
}

"""

GOOGLE = """\
resource "google_compute_disk" "either" {
  name = "either"
  zone = "asia-southeast1-a"
  disk_encryption_key {
    kms_key_self_link = coalesce(var.kms, "projects/p/locations/l/keyRings/r/cryptoKeys/k")
  }
}

resource "google_compute_disk" "input" {
  name = "input"
  zone = "asia-southeast1-a"
  disk_encryption_key {
    kms_key_self_link = var.kms
  }
}

resource "google_compute_disk" "none" {
  name = "none"
  zone = "asia-southeast1-a"
}

resource "google_kms_crypto_key" "k" {
  name     = "k"
  key_ring = "projects/p/locations/l/keyRings/r"
}

resource "google_redis_instance" "r" {
  name               = "r"
  memory_size_gb     = 1
  customer_managed_key = coalesce(var.kms, google_kms_crypto_key.k.id)
}
"""


def _facets(tmp_path: Path, text: str) -> dict[str, tuple[bool | None, bool | None]]:
    (tmp_path / "main.tf").write_text(INPUT + text, encoding="utf-8")
    found, _, _ = run(tmp_path)
    return {
        address: (r.facets.encrypted_at_rest, r.facets.customer_managed_key)
        for address, r in found.items()
    }


def test_google_keys_either_way_and_not_known(tmp_path: Path) -> None:
    found = _facets(tmp_path, GOOGLE)
    assert found["google_compute_disk.either"] == (True, True)  # was False
    assert found["google_compute_disk.input"] == (True, None)  # was False
    assert found["google_compute_disk.none"] == (True, False)
    assert found["google_redis_instance.r"] == (True, True)  # was None


def test_the_either_way_reading_says_why(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(INPUT + GOOGLE, encoding="utf-8")
    found, _, _ = run(tmp_path)
    assert found["google_compute_disk.either"].decided_by["customer_managed_key"].en == (
        "the key is written either way (coalesce of an input and a key: the input's text "
        "when it is given one, else the key)"
    )


AWS = """\
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "%s" {
  name         = "%s"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  tags         = { "gdcc:personal-data" = "true" }

  attribute {
    name = "id"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = %s
  }
}
"""


def test_a_dynamodb_tables_own_key_is_the_customers(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(AWS % ("t", "t", "aws_kms_key.k.arn"), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-002",)))
    [finding] = [f for f in result.findings if f.address == "aws_dynamodb_table.t"]
    assert finding.status.value == "PASS"  # was FAIL: the key not known read as none


def test_an_aws_key_either_way_stays_not_known_whose(tmp_path: Path) -> None:
    """``coalesce(var.kms, aws_kms_key.k.arn)``: the input may name alias/aws/dynamodb."""
    text = INPUT + AWS % ("t", "t", "coalesce(var.kms, aws_kms_key.k.arn)")
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    found, _, _ = run(tmp_path)
    assert found["aws_dynamodb_table.t"].facets.customer_managed_key is None  # was False


def test_other_clouds_keys_not_known(tmp_path: Path) -> None:
    text = """\
resource "alicloud_oss_bucket" "b" {
  bucket = "b"
  server_side_encryption_rule {
    sse_algorithm     = "KMS"
    kms_master_key_id = var.kms
  }
}

resource "huaweicloud_obs_bucket" "o" {
  bucket     = "o"
  encryption = true
  kms_key_id = var.kms
}
"""
    found = _facets(tmp_path, text)
    assert found["alicloud_oss_bucket.b"] == (True, None)  # was False
    assert found["huaweicloud_obs_bucket.o"] == (True, None)  # was False


def test_an_azure_os_disk_not_known_is_no_disk_without_a_key(tmp_path: Path) -> None:
    text = """\
variable "disks" {
  type = list(object({ set = string }))
}

resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "admin"
  network_interface_ids = ["nic"]

  dynamic "os_disk" {
    for_each = var.disks
    content {
      caching                = "ReadWrite"
      storage_account_type   = "Standard_LRS"
      disk_encryption_set_id = os_disk.value.set
    }
  }
}
"""
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    found, _, _ = run(tmp_path)
    assert found["azurerm_linux_virtual_machine.vm"].facets.customer_managed_key is None
