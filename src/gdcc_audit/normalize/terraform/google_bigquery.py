"""BigQuery datasets and tables made readable by everyone.

A dataset's data is readable by anyone on the internet when an access entry or an IAM grant
names ``allUsers`` or ``allAuthenticatedUsers``: the dataset's inline ``access`` blocks
(``special_group = "allAuthenticatedUsers"``, ``iam_member = "allUsers"``), a
``google_bigquery_dataset_access``, or a ``google_bigquery_dataset_iam_member`` / ``_binding``
/ ``_policy``. A table is readable through its dataset's grants and through its own
``google_bigquery_table_iam_*``. The grants are read with the Google IAM reader shared by
buckets, topics, keys and repositories (:mod:`google_iam_policy`).

Without access entries BigQuery gives the dataset to the project's owners, writers and
readers and to its creator only ("If unset or empty, BigQuery adds default dataset access for
the following entities: access.specialGroup: projectReaders ... projectWriters ...
projectOwners ... access.userByEmail: [dataset creator email]",
cloud.google.com/bigquery/docs/reference/rest/v2/datasets#Dataset.FIELDS.access), and a table
has no IAM grant of its own until one is written: neither is public by default.
https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#access
https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset_iam
https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_table_iam
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    TfContext,
)
from gdcc_audit.normalize.terraform.extras import ExtraFn
from gdcc_audit.normalize.terraform.google_iam_policy import (
    NONE,
    Grants,
    grant_merge,
    iam_grants,
    members_grants,
)
from gdcc_audit.normalize.terraform.values import blocks

DATASET = "google_bigquery_dataset"
TABLE = "google_bigquery_table"

_NOT_IN_SCAN = Text(
    en="the table's dataset is not in the scan: its access entries and IAM grants, which the "
    "table inherits, are not known",
    th="ชุดข้อมูล (dataset) ของตารางไม่อยู่ในขอบเขตการตรวจ จึงไม่ทราบรายการสิทธิ์เข้าถึงและสิทธิ์ IAM "
    "ของชุดข้อมูลที่ตารางได้รับสืบทอด",
)


#: The attributes of an access entry naming who it grants to: the API takes "exactly one of
#: userByEmail, groupByEmail, domain, specialGroup, view, routine, or dataset" (or iamMember).
_GRANTEES = (
    "user_by_email", "group_by_email", "domain", "special_group", "iam_member",
    "view", "routine", "dataset",
)

_ROLE_ONLY = Text(
    en="an access entry of the plan or state names a role but no grantee: a google provider "
    "without the entry's member type (iam_member, added late) stores allUsers so",
    th="รายการสิทธิ์เข้าถึงใน plan หรือ state ระบุบทบาทแต่ไม่ระบุผู้ได้รับสิทธิ์ "
    "google provider ที่ไม่รู้จักชนิดสมาชิกของรายการนั้น (iam_member ซึ่งเพิ่มเข้ามาภายหลัง) "
    "บันทึก allUsers ในรูปนี้",
)


def _role_only(entry: dict[str, Any]) -> bool:
    """An entry naming a role and no grantee (absent, null, "" or an empty block list)."""
    return entry.get("role") not in (None, "") and all(
        entry.get(name) in (None, "", []) for name in _GRANTEES
    )


def _entry_grants(entry: Any, stored: bool = False) -> Grants:
    """One access entry (an ``access`` block or a ``google_bigquery_dataset_access``): its
    ``special_group`` or ``iam_member`` may name everyone. ``stored``: read from a plan or
    state, where an entry with a role only may be allUsers (checkov CKV_GCP_15, PR
    bridgecrewio/checkov#132: a state showed such an entry after allUsers was added outside
    Terraform); in HCL the API refuses it ("An access entry must have exactly one of ...")."""
    if not isinstance(entry, dict):
        return Grants(None, ("an access entry not known",))
    role = entry.get("role")
    if stored and _role_only(entry):
        return members_grants(role, UNKNOWN)
    return members_grants(role, entry.get("special_group")) + members_grants(
        role, entry.get("iam_member")
    )


def _stored(ctx: TfContext) -> bool:
    """Read from a plan or state (not HCL)."""
    return ctx.document.source != "hcl"


def inline_grants(dataset: TfResource, ctx: TfContext) -> Grants:
    """What the dataset's own ``access`` blocks give to everyone."""
    entries = blocks(dataset.values, "access")
    if entries is None:
        return Grants(None, ("access entries not known",))
    total = NONE
    for entry in entries:
        total += _entry_grants(entry, _stored(ctx))
    return total


def _note_role_only(r: TfResource, dataset: TfResource, ctx: TfContext) -> None:
    """Say why public access is not known when a role-only entry decides it."""
    entries = blocks(dataset.values, "access") or []
    if _stored(ctx) and any(isinstance(e, dict) and _role_only(e) for e in entries):
        ctx.note(r, "public_access", None, unknown=_ROLE_ONLY)


def _dataset_of(r: TfResource, ctx: TfContext) -> TfResource | None:
    """The dataset ``dataset_id`` names: by reference, else by its literal id in the module."""
    found = ctx.target_of(r, "dataset_id", [DATASET])
    if found is not None:
        return found
    literal = r.values.get("dataset_id")
    if isinstance(literal, str) and literal:
        named = [
            d
            for d in ctx.by_type.get(DATASET, ())
            if d.module == r.module and d.values.get("dataset_id") == literal
        ]
        if len(named) == 1:
            return named[0]
    return None


def _tables_of(dataset: TfResource, ctx: TfContext) -> list[TfResource]:
    return [t for t in ctx.by_type.get(TABLE, ()) if _dataset_of(t, ctx) is dataset]


def dataset_and_tables(dataset: TfResource, ctx: TfContext) -> list[TfResource]:
    """A dataset and every table of it in the scan (what a grant on the dataset opens)."""
    return [dataset, *_tables_of(dataset, ctx)]


def _table_of(r: TfResource, ctx: TfContext) -> TfResource | None:
    """The table a ``google_bigquery_table_iam_*`` names (``table_id`` and its dataset)."""
    found = ctx.target_of(r, "table_id", [TABLE])
    if found is not None:
        return found
    literal = r.values.get("table_id")
    if isinstance(literal, str) and literal:
        dataset = _dataset_of(r, ctx)
        named = [
            t
            for t in ctx.by_type.get(TABLE, ())
            if t.module == r.module
            and t.values.get("table_id") == literal
            and (dataset is None or _dataset_of(t, ctx) is dataset)
        ]
        if len(named) == 1:
            return named[0]
    return None


def dataset(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_bigquery_dataset``: public through its inline access entries (IAM grants and
    ``google_bigquery_dataset_access`` are merged by the companions below)."""
    grants = inline_grants(r, ctx)
    if grants.public is None:
        _note_role_only(r, r, ctx)
    return {"public_access": grants.public, "public_grants": grants.by(r, "access block")}


def table(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_bigquery_table``: readable through its dataset's inline access entries; the
    dataset's IAM grants and the table's own are merged by the companions below."""
    parent = _dataset_of(r, ctx)
    if parent is None:
        ctx.note(r, "public_access", None, unknown=_NOT_IN_SCAN)
        return {"public_grants": ()}
    grants = inline_grants(parent, ctx)
    if grants.public is None:
        _note_role_only(r, parent, ctx)
    return {"public_access": grants.public, "public_grants": grants.by(parent, "access block")}


def _dataset_companion(reader: Callable[[TfResource, TfContext], Grants]) -> CompanionFn:
    """A grant on a dataset (an access entry resource or an IAM grant): it opens the dataset
    and every table of it in the scan."""

    def companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
        target = _dataset_of(r, ctx)
        if target is None:
            return []
        merge = grant_merge(reader(r, ctx), r)
        return [
            Contribution(t.address, r.address, merge=merge)
            for t in (target, *_tables_of(target, ctx))
        ]

    return companion


def _table_companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
    target = _table_of(r, ctx)
    if target is None:
        return []
    return [Contribution(target.address, r.address, merge=grant_merge(iam_grants(r, ctx), r))]


def _access_resource(r: TfResource, ctx: TfContext) -> Grants:
    return _entry_grants(r.values)



EXTRAS: dict[str, ExtraFn] = {DATASET: dataset, TABLE: table}

COMPANIONS: dict[str, CompanionFn] = {
    "google_bigquery_dataset_access": _dataset_companion(_access_resource),
    "google_bigquery_dataset_iam_member": _dataset_companion(iam_grants),
    "google_bigquery_dataset_iam_binding": _dataset_companion(iam_grants),
    "google_bigquery_dataset_iam_policy": _dataset_companion(iam_grants),
    "google_bigquery_table_iam_member": _table_companion,
    "google_bigquery_table_iam_binding": _table_companion,
    "google_bigquery_table_iam_policy": _table_companion,
}

#: A grant whose dataset or table is not in the scan is not judged on its own (it is listed
#: among the companions whose target was not found): mapped as a database it would be judged
#: by the database rules that belong to its target.
MAPPINGS: dict[str, MapFn] = {}
