"""Cloud Healthcare API datasets and stores (FHIR, DICOM, HL7v2, consent): health records,
not judged before (``not_judged`` in every report).

- Each is a ``database.instance`` reached only through the Cloud Healthcare API: "All Cloud
  APIs accept only secure requests using TLS encryption" (cloud.google.com/apis/docs/
  overview), and IAM decides every access ("Cloud Healthcare API uses Identity and Access
  Management (IAM) for access control", cloud.google.com/healthcare-api/docs/access-control):
  no database users of its own, no network endpoint (``normalize.absent.API_ONLY_TYPES``).
- Data at rest is always encrypted; with the customer's key when the dataset's
  ``encryption_spec.kms_key_name`` names one, which covers every store of the dataset
  ("CMEK ... is set at the dataset level", cloud.google.com/healthcare-api/docs/cmek); a
  store whose dataset is not in the scan: not known.
- Private until an IAM grant names ``allUsers`` / ``allAuthenticatedUsers``: on the store,
  or on its dataset, whose grants every store of the dataset inherits (IAM policies are
  inherited down the resource hierarchy: cloud.google.com/healthcare-api/docs/access-control).
  A grant whose target is not in the scan is judged on its own as that store.
- Backups: the API has no backup setting; copies of a dataset or store are export operations
  (``...export`` to Cloud Storage or BigQuery) run outside the configuration: not known,
  saying so. A FHIR store can be rolled back to a state "within the last 21 days" with
  point-in-time recovery (``fhirStores.rollback``, no setting; cloud.google.com/
  healthcare-api/docs/fhir-pitr), but that history lives in the store and is deleted with
  it: no separate backup (GDCC-BCK-001 asks for one), said in the reason.
"""

from __future__ import annotations

import re

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.common import region_of
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.google_grants import companion, forms, target
from gdcc_audit.normalize.terraform.google_iam_policy import (
    grant_merge,
    iam_grants,
    iam_standalone,
)
from gdcc_audit.normalize.terraform.values import block, is_set

DATASET = "google_healthcare_dataset"
#: Store type -> the attribute its IAM resources name it by.
STORES: dict[str, str] = {
    "google_healthcare_fhir_store": "fhir_store_id",
    "google_healthcare_dicom_store": "dicom_store_id",
    "google_healthcare_hl7_v2_store": "hl7_v2_store_id",
    "google_healthcare_consent_store": "consent_store_id",
}
_DATASET_GRANTS = forms("google_healthcare_dataset_iam")
_REGION_NOT_KNOWN = Text(
    en="a store's data lives in its dataset's location, and its dataset is not in the scan",
    th="ข้อมูลของ store อยู่ในตำแหน่งของ dataset ที่สังกัด และ dataset นั้นไม่อยู่ในชุดที่ตรวจ",
)
_BY_API = Text(
    en="the Cloud Healthcare API is reached over TLS only and authorises every call by IAM",
    th="Cloud Healthcare API รับการเชื่อมต่อผ่าน TLS เท่านั้น และอนุญาตทุกคำขอด้วย IAM",
)


_NO_BACKUP_SETTING = Text(
    en="the Cloud Healthcare API has no backup setting for it (copies are export operations "
    "to Cloud Storage or BigQuery, run outside the configuration)",
    th="Cloud Healthcare API ไม่มีการตั้งค่าสำรองข้อมูลสำหรับทรัพยากรนี้ (สำเนาทำได้ด้วยการ export "
    "ไปยัง Cloud Storage หรือ BigQuery ซึ่งทำนอกการตั้งค่า)",
)
_FHIR = "google_healthcare_fhir_store"
_FHIR_PITR = Text(
    en="a FHIR store can be rolled back to a state of the last 21 days (point-in-time "
    "recovery, built in), but that history lives in the store and is deleted with it: no "
    "separate copy; separate copies are export operations to Cloud Storage or BigQuery, run "
    "outside the configuration",
    th="FHIR store ย้อนกลับไปยังสถานะภายใน 21 วันล่าสุดได้ (point-in-time recovery ในตัว) "
    "แต่ประวัตินั้นอยู่ใน store และถูกลบไปพร้อมกับ store จึงไม่ใช่สำเนาที่แยกเก็บ "
    "สำเนาแยกทำได้ด้วยการ export ไปยัง Cloud Storage หรือ BigQuery ซึ่งทำนอกการตั้งค่า",
)


def _backups(r: TfResource, ctx: TfContext) -> None:
    """Why backups of a dataset or store are not known (module docstring)."""
    why = _FHIR_PITR if r.type == _FHIR else _NO_BACKUP_SETTING
    for facet in ("backup_enabled", "backup_retention_days"):
        ctx.note(r, facet, None, unknown=why)


def _dataset_key(dataset: TfResource) -> bool | None:
    spec = block(dataset.values, "encryption_spec")
    if spec is None:
        return None
    return is_set(spec, "kms_key_name") if spec else False


def _facets(r: TfResource, ctx: TfContext, key: bool | None) -> Facets:
    for facet in ("encrypted_in_transit", "directory_auth"):
        ctx.note(r, facet, True, because=_BY_API)
    _backups(r, ctx)
    return Facets(
        encrypted_at_rest=True,
        customer_managed_key=key,
        encrypted_in_transit=True,
        directory_auth=True,
        public_access=False,
        public_grants=(),
    )


def dataset(r: TfResource, ctx: TfContext) -> Mapped:
    """A ``google_healthcare_dataset`` (module docstring)."""
    return "database.instance", _facets(r, ctx, _dataset_key(r))


#: ``projects/P/locations/LOCATION/datasets/D``: a dataset named by its path.
_DATASET_PATH = re.compile(r"projects/[^/]+/locations/([^/]+)/datasets/[^/]+$")


def _store_region(r: TfResource, ctx: TfContext, parent: TfResource | None) -> str | None:
    """Where a store's data lives: its dataset's ``location`` (a store has no location of
    its own), from the dataset of the scan or the ``dataset`` path written; None otherwise
    (the mapper then falls back to the provider configuration's region, as for any
    resource without a location)."""
    if parent is not None:
        return region_of(parent, ctx)
    written = r.values.get("dataset")
    found = _DATASET_PATH.search(written) if isinstance(written, str) else None
    return found.group(1) if found else None


def store(r: TfResource, ctx: TfContext) -> Mapped:
    """A FHIR, DICOM, HL7v2 or consent store: its key and location are its dataset's."""
    parent = ctx.referenced(r, "dataset", [DATASET])
    facets = _facets(r, ctx, None if parent is None else _dataset_key(parent))
    region = _store_region(r, ctx, parent)
    if region is None:
        ctx.note(r, "region", None, unknown=_REGION_NOT_KNOWN)
    return "database.instance", facets.model_copy(update={"region": region})


def _dataset_grant(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``google_healthcare_dataset_iam_*``: the dataset, and every store of the scan in it
    (they inherit its grants)."""
    found = target(r, ctx, "dataset_id", [DATASET], ("name",))
    if found is None:
        return []
    merge = grant_merge(iam_grants(r, ctx), r)
    made = [Contribution(found.address, r.address, merge=merge)]
    for kind in STORES:
        for item in ctx.by_type.get(kind, ()):
            if ctx.referenced(item, "dataset", [DATASET]) is found:
                made.append(Contribution(item.address, r.address, merge=merge))
    return made


def _grant_types() -> dict[str, tuple[str, ...]]:
    return {kind: forms(f"{kind}_iam") for kind in STORES}


MAPPINGS: dict[str, MapFn] = {
    DATASET: dataset,
    **dict.fromkeys(STORES, store),
    **dict.fromkeys(_DATASET_GRANTS, iam_standalone("database.instance")),
    **{
        grant: iam_standalone("database.instance")
        for grants in _grant_types().values()
        for grant in grants
    },
}

COMPANIONS: dict[str, CompanionFn] = {
    **dict.fromkeys(_DATASET_GRANTS, _dataset_grant),
    **{
        grant: companion((STORES[kind],), [kind])
        for kind, grants in _grant_types().items()
        for grant in grants
    },
}

#: Every Healthcare type, for ``normalize.absent``.
TYPES: tuple[str, ...] = (DATASET, *STORES)
