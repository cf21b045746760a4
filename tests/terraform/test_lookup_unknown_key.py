"""``lookup(map, key, default)`` with a key not known: when every value of the map is the
default (an empty map: a module input left at ``{}``), the result is the default whatever
the key. terraform-google-modules/cloud-storage's buckets (``for_each = toset(var.names)``,
names not given) write ``versioning { enabled = lookup(var.versioning, lower(each.value),
false) }`` with ``versioning = {}``: GDCC-DATA-005 was UNKNOWN 'whether object versioning is
on is not known', though no key can give anything but false."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
variable "names" {
  type = list(string)
}
variable "versioning" {
  type    = map(bool)
  default = {}
}
resource "google_storage_bucket" "buckets" {
  for_each                    = toset(var.names)
  name                        = each.value
  project                     = "p"
  location                    = "asia-southeast1"
  public_access_prevention    = "enforced"
  uniform_bucket_level_access = true
  versioning {
    enabled = lookup(var.versioning, lower(each.value), false)
  }
}
"""


def _versioning(tmp_path: Path, text: str) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(text)
    report = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",)))
    (found,) = [f for f in report.findings if f.address == "google_storage_bucket.buckets"]
    return found.status, found.message.en


def test_a_key_not_known_in_an_empty_map_gives_the_default(tmp_path: Path) -> None:
    assert _versioning(tmp_path, TF) == (Status.FAIL, "object versioning is off")
    same = TF.replace("default = {}", "default = { logs = false }")
    assert _versioning(tmp_path, same) == (Status.FAIL, "object versioning is off")


def test_a_map_holding_another_value_stays_not_known(tmp_path: Path) -> None:
    other = TF.replace("default = {}", "default = { logs = true }")
    assert _versioning(tmp_path, other)[0] is Status.UNKNOWN
