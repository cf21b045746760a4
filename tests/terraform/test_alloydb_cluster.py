"""AlloyDB clusters (``google_alloydb_cluster``; were not judged, "not_judged" in every report):
always encrypted at rest, with the customer's key only with ``encryption_config.kms_key_name``
(GDCC-ENC-002 FAILs without, as on Cloud SQL); backed up by continuous backup (on, 14 days,
unless ``continuous_backup_config`` says otherwise) or a written automated backup policy. The
network reach, TLS and flags are the instances' (``normalize.absent``), not UNKNOWN here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_alloydb_cluster" "plain" {
  cluster_id       = "plain"
  database_version = "POSTGRES_15"
  location   = "asia-southeast1"
  labels     = { gdcc_system = "payments" }
}
resource "google_alloydb_cluster" "cmek" {
  cluster_id = "cmek"
  location   = "asia-southeast1"
  labels     = { gdcc_system = "payments" }
  encryption_config {
    kms_key_name = "projects/p/locations/asia-southeast1/keyRings/r/cryptoKeys/k"
  }
  continuous_backup_config { enabled = false }
  automated_backup_policy { enabled = false }
}
resource "google_alloydb_cluster" "short" {
  cluster_id = "short"
  location   = "asia-southeast1"
  labels     = { gdcc_system = "payments" }
  continuous_backup_config { recovery_window_days = 3 }
}
resource "google_alloydb_cluster" "daily" {
  cluster_id = "daily"
  location   = "asia-southeast1"
  labels     = { gdcc_system = "payments" }
  continuous_backup_config { enabled = false }
  automated_backup_policy {
    weekly_schedule {
      start_times { hours = 23 }
    }
  }
}
resource "google_alloydb_cluster" "kept" {
  cluster_id = "kept"
  location   = "asia-southeast1"
  labels     = { gdcc_system = "payments" }
  continuous_backup_config { enabled = false }
  automated_backup_policy {
    time_based_retention { retention_period = "2592000s" }
  }
}
resource "google_alloydb_cluster" "both" {
  cluster_id = "both"
  location   = "asia-southeast1"
  labels     = { gdcc_system = "payments" }
  continuous_backup_config { recovery_window_days = 3 }
  automated_backup_policy {
    time_based_retention { retention_period = "2592000s" }
  }
}
resource "google_alloydb_cluster" "secondary" {
  cluster_id   = "secondary"
  location     = "asia-southeast1"
  cluster_type = "SECONDARY"
  labels       = { gdcc_system = "payments" }
}
"""
MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: alloy}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [main.tf]
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""
RULES = ("GDCC-ENC-001", "GDCC-ENC-002", "GDCC-BCK-001", "GDCC-BCK-002", "GDCC-ENC-004",
         "GDCC-NET-002", "GDCC-DB-001", "GDCC-DB-002", "GDCC-DB-004", "GDCC-DB-005")


def test_alloydb_clusters(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=RULES, cache=False))
    # (the one finding without an address is the tenant's system: not a cluster's)
    found = {(f.rule_id, f.address.split(".")[-1]): f for f in result.findings if f.address}
    statuses = {key: f.status for key, f in found.items() if key[0] != "GDCC-BCK-002"}
    kept = {key[1]: (f.status, f.evidence["backup_retention_days"])
            for key, f in found.items() if key[0] == "GDCC-BCK-002"}
    names = ("plain", "cmek", "short", "daily", "kept", "both", "secondary")
    endpoint_rules = ("GDCC-ENC-004", "GDCC-NET-002", "GDCC-DB-001", "GDCC-DB-002",
                      "GDCC-DB-004", "GDCC-DB-005")
    assert statuses == {
        **{("GDCC-ENC-001", n): Status.PASS for n in names},
        **{("GDCC-ENC-002", n): Status.FAIL for n in names if n != "cmek"},
        ("GDCC-ENC-002", "cmek"): Status.PASS,
        **{("GDCC-BCK-001", n): Status.PASS for n in ("plain", "short", "daily", "kept", "both")},
        ("GDCC-BCK-001", "cmek"): Status.FAIL,
        ("GDCC-BCK-001", "secondary"): Status.UNKNOWN,
        # the instances have the endpoint, the TLS, the flags; Google patches the engine
        **{(rule, n): Status.NOT_APPLICABLE for rule in endpoint_rules for n in names},
    }
    assert kept == {
        "plain": (Status.PASS, 14),  # continuous backup, 14-day window by default
        "cmek": (Status.FAIL, 0),
        "short": (Status.FAIL, 3),
        "daily": (Status.UNKNOWN, None),  # automated backups, retention not written
        "kept": (Status.PASS, 30),
        "both": (Status.PASS, 30),  # the longer of the two
        "secondary": (Status.UNKNOWN, None),
    }
    plain = found[("GDCC-ENC-001", "plain")].evidence["defaults"]["encrypted_at_rest"]
    assert plain["attribute"] == "encryption_config.kms_key_name"
    assert "defaults" not in found[("GDCC-ENC-001", "cmek")].evidence
    backup = found[("GDCC-BCK-001", "plain")].evidence["defaults"]["backup_enabled"]
    assert backup["attribute"] == "continuous_backup_config.enabled"
    assert found[("GDCC-NET-002", "plain")].message.en.startswith(
        "does not apply to google_alloydb_cluster: an AlloyDB cluster has no connection "
        "endpoint of its own"
    )
    # a PostgreSQL cluster: its instances' flags log connections (was UNKNOWN)
    assert found[("GDCC-DB-004", "plain")].message.en.endswith("and are judged there")
    assert found[("GDCC-BCK-001", "secondary")].message.en == (
        "whether backups are on is not known from the input: cluster_type is not PRIMARY, "
        "and the backups of a secondary cluster are not read"
    )


def test_alloydb_cluster_has_no_graph_endpoint(tmp_path: Path) -> None:
    """GDCC-GRAPH-004 was UNKNOWN 'filtering not known' on a cluster: its instances have the
    addresses."""
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    found = {f.address: f.status for f in result.findings}
    assert found["google_alloydb_cluster.plain"] is Status.NOT_APPLICABLE


BACKUPS_OFF = """\
variable "policies" { type = list(any) }
resource "google_alloydb_cluster" "off" {
  cluster_id = "off"
  location   = "asia-southeast1"
  labels     = { gdcc_system = "payments" }
  continuous_backup_config { enabled = false }
}
resource "google_alloydb_cluster" "dynamic" {
  cluster_id = "dynamic"
  location   = "asia-southeast1"
  labels     = { gdcc_system = "payments" }
  continuous_backup_config { enabled = false }
  dynamic "automated_backup_policy" {
    for_each = var.policies
    content { enabled = automated_backup_policy.value.enabled }
  }
}
resource "google_alloydb_cluster" "unprotected" {
  cluster_id          = "unprotected"
  location            = "asia-southeast1"
  labels              = { gdcc_system = "payments" }
  deletion_protection = false
}
"""


def _findings(tmp_path: Path, main: str, rules: tuple[str, ...]) -> dict[tuple[str, str], Any]:
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path / "tenant.yaml"], Settings(rule_ids=rules, cache=False))
    return {(f.rule_id, f.address.split(".")[-1]): f for f in result.findings if f.address}


def test_alloydb_automated_backups_are_off_by_default(tmp_path: Path) -> None:
    """No automated_backup_policy block: automated backups are off (the provider's "disabled
    by default"), labelled as the default; a policy block not known is UNKNOWN (was FAIL)."""
    found = _findings(tmp_path, BACKUPS_OFF, ("GDCC-BCK-001", "GDCC-BCK-002"))
    off = found[("GDCC-BCK-001", "off")]
    assert off.status is Status.FAIL
    default = off.evidence["defaults"]["backup_enabled"]
    assert default["attribute"] == "automated_backup_policy"
    assert default["documentation"].endswith("alloydb_cluster#automated_backup_policy")
    assert found[("GDCC-BCK-002", "off")].status is Status.FAIL
    dynamic = found[("GDCC-BCK-001", "dynamic")]
    assert dynamic.status is Status.UNKNOWN
    assert dynamic.message.en.endswith(
        "continuous backup is off and the automated_backup_policy block is not known (a "
        "dynamic block or an input)"
    )
    assert found[("GDCC-BCK-002", "dynamic")].status is Status.UNKNOWN


def test_alloydb_cluster_deletion_protection(tmp_path: Path) -> None:
    """GDCC-BCK-003 judges the cluster's deletion_protection (was UNKNOWN): on when not
    written from google provider 7.0, absent before (no such argument in 6.x)."""
    found = _findings(tmp_path, BACKUPS_OFF, ("GDCC-BCK-003",))
    assert found[("GDCC-BCK-003", "unprotected")].status is Status.FAIL
    off = found[("GDCC-BCK-003", "off")]
    assert off.status is Status.PASS
    assert off.evidence["defaults"]["deletion_protection"]["provider_version"] == (
        "google >= 7.0, no version pinned"
    )
    pinned = tmp_path / "pinned"
    pinned.mkdir()
    six = 'terraform {\n  required_providers {\n    google = { source = "hashicorp/google", ' \
        'version = "~> 6.40" }\n  }\n}\n'
    found = _findings(pinned, six + BACKUPS_OFF, ("GDCC-BCK-003",))
    old = found[("GDCC-BCK-003", "off")]
    assert old.status is Status.FAIL
    assert old.evidence["defaults"]["deletion_protection"]["provider_version"].startswith(
        "google ~> 6.40"
    )
