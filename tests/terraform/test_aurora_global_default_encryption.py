"""A cluster of an Aurora global database (``aws_rds_global_cluster`` with no source cluster
and ``storage_encrypted`` not set or false) FAILed GDCC-ENC-001 on the provider default false.
Its clusters are Aurora clusters, which AWS encrypts at rest when created on or after
2026-02-18 (Aurora User Guide, Overview.Encryption.html); CreateGlobalCluster documents no
default. A plan that creates the cluster and its global database now PASSes (AWS owned key:
GDCC-ENC-002 still FAILs); elsewhere the cluster is UNKNOWN saying why. DocumentDB and
Neptune global clusters are unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html"

HCL = """\
resource "aws_rds_global_cluster" "plain" {
  global_cluster_identifier = "g2"
  engine                    = "aurora-postgresql"
}
resource "aws_rds_global_cluster" "off" {
  global_cluster_identifier = "g4"
  engine                    = "aurora-mysql"
  storage_encrypted         = false
}
resource "aws_rds_cluster" "in_plain" {
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.plain.id
}
resource "aws_rds_cluster" "in_off" {
  engine                    = "aurora-mysql"
  global_cluster_identifier = aws_rds_global_cluster.off.id
}
resource "aws_docdb_global_cluster" "docs" {
  global_cluster_identifier = "docs"
  engine                    = "docdb"
}
resource "aws_docdb_cluster" "in_docs" {
  engine                    = "docdb"
  global_cluster_identifier = aws_docdb_global_cluster.docs.id
}
"""


def _by_date(glob: str, said: str) -> str:
    return (
        "whether encryption at rest is on is not known from the input: a cluster of a global "
        f"database is encrypted as the global database {glob} is, and whether it is encrypted "
        f"is not known ({glob} {said}: its Aurora clusters are encrypted by AWS if created on "
        "or after 2026-02-18 (AWS-owned key), not if created before; write "
        f"storage_encrypted = true on {glob} to make it certain ({DOC}))"
    )


def test_hcl_global_database_without_storage_encrypted_is_not_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(HCL, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["aws_rds_cluster.in_plain"] == (
        Status.UNKNOWN, _by_date("aws_rds_global_cluster.plain", "storage_encrypted is not set")
    )
    assert found["aws_rds_cluster.in_off"] == (
        Status.UNKNOWN, _by_date("aws_rds_global_cluster.off", "storage_encrypted = false")
    )
    # DocumentDB: no page says it changed
    assert found["aws_docdb_cluster.in_docs"][0] is Status.FAIL
    th = next(f for f in result.findings if f.address == "aws_rds_cluster.in_plain").message.th
    assert "2026-02-18" in th
    assert "storage_encrypted = true" in th


def _resource(kind: str, name: str, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "address": f"{kind}.{name}", "mode": "managed", "type": kind, "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws", "values": values,
    }


def _plan(tmp_path: Path, items: list[tuple[dict[str, Any], list[str], dict[str, Any]]]) -> None:
    """A plan of ``(resource, actions, expressions)``."""
    plan = {
        "format_version": "1.2", "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": [r for r, _, _ in items]}},
        "resource_changes": [
            {"address": r["address"], "mode": "managed", "type": r["type"], "name": r["name"],
             "change": {"actions": actions, "after": r["values"],
                        "after_unknown": {"id": True, "arn": True}}}
            for r, actions, _ in items
        ],
        "configuration": {"root_module": {"resources": [
            {"address": r["address"], "mode": "managed", "type": r["type"], "name": r["name"],
             "provider_config_key": "aws", "expressions": expressions}
            for r, _, expressions in items
        ]}},
    }
    (tmp_path / "tfplan.json").write_text(json.dumps(plan), encoding="utf-8")


MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: aurora}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [tfplan.json]
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def _member(name: str, glob: str, values: dict[str, Any] | None = None) -> dict[str, Any]:
    return _resource("aws_rds_cluster", name, {
        "engine": "aurora-postgresql", "kms_key_id": None, "global_cluster_identifier": glob,
        "tags": {"gdcc_system": "payments"}, **(values or {}),
    })


def _joins(glob: str) -> dict[str, Any]:
    return {"global_cluster_identifier": {"references": [
        f"aws_rds_global_cluster.{glob}.id", f"aws_rds_global_cluster.{glob}",
    ]}}


def test_a_plan_creating_a_global_database_and_its_cluster_passes(tmp_path: Path) -> None:
    new_global = _resource("aws_rds_global_cluster", "new", {
        "global_cluster_identifier": "new", "engine": "aurora-postgresql",
        "storage_encrypted": False,
    })
    old_global = _resource("aws_rds_global_cluster", "old", {
        "global_cluster_identifier": "old", "engine": "aurora-postgresql",
        "storage_encrypted": False,
    })
    _plan(tmp_path, [
        (new_global, ["create"], {}),
        (old_global, ["no-op"], {}),
        (_member("primary", "new", {"storage_encrypted": False}), ["create"], _joins("new")),
        # a new cluster joining a global database that exists: that one decides
        (_member("added", "old", {"storage_encrypted": False}), ["create"], _joins("old")),
        (_member("existing", "new", {"storage_encrypted": False}), ["no-op"], _joins("new")),
    ])
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit(
        [tmp_path / "tenant.yaml"], Settings(rule_ids=("GDCC-ENC-001", "GDCC-ENC-002"))
    )
    found = {(f.rule_id, f.address): f for f in result.findings}
    primary = found["GDCC-ENC-001", "aws_rds_cluster.primary"]
    assert (primary.status, primary.message.en) == (
        Status.PASS,
        "Data stores are encrypted at rest (the plan creates this Aurora cluster and its "
        "global database aws_rds_global_cluster.new: AWS encrypts every new Aurora cluster at "
        f"rest with an AWS owned key (clusters created on or after 2026-02-18, {DOC}) "
        "(aws_rds_global_cluster.new storage_encrypted = false no longer turns it off))",
    )
    # an AWS owned key is not the agency's key
    assert found["GDCC-ENC-002", "aws_rds_cluster.primary"].status is Status.FAIL
    added = found["GDCC-ENC-001", "aws_rds_cluster.added"]
    assert (added.status, added.message.en) == (
        Status.UNKNOWN, _by_date("aws_rds_global_cluster.old", "storage_encrypted = false")
    )
    assert found["GDCC-ENC-001", "aws_rds_cluster.existing"].status is Status.UNKNOWN


def test_a_plan_global_database_with_a_source_keeps_the_sources_setting(
    tmp_path: Path,
) -> None:
    """A global database made from an existing cluster takes that cluster's setting: its new
    secondary is not a new cluster of a new global database."""
    source = _resource("aws_rds_cluster", "source", {
        "engine": "aurora-postgresql", "kms_key_id": None, "storage_encrypted": False,
    })
    glob = _resource("aws_rds_global_cluster", "from_source", {
        "global_cluster_identifier": "fs", "source_db_cluster_identifier": "arn:src",
    })
    _plan(tmp_path, [
        (source, ["no-op"], {}),
        (glob, ["create"], {"source_db_cluster_identifier": {"references": [
            "aws_rds_cluster.source.arn", "aws_rds_cluster.source",
        ]}}),
        (_member("secondary", "fs", {"storage_encrypted": False}), ["create"],
         _joins("from_source")),
    ])
    result = audit([tmp_path / "tfplan.json"], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: f for f in result.findings}
    assert found["aws_rds_cluster.secondary"].status is Status.UNKNOWN
