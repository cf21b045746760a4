"""What a Google service account holds on single resources: a ``google_*_iam_member`` /
``_binding`` / ``_policy`` on a bucket, topic, subscription, secret, BigQuery dataset or
table, KMS key or key ring, repository, function, service... naming a service account of the
scan gives that account the grant's role on the resource ("You can grant roles to principals
on ... resources ... lower in the resource hierarchy", cloud.google.com/iam/docs/
granting-changing-revoking-access; cloud.google.com/iam/docs/resource-hierarchy-access-control),
and so does a BigQuery access entry (an inline ``access`` block or a
``google_bigquery_dataset_access``) naming it by ``user_by_email`` or ``iam_member``
(cloud.google.com/bigquery/docs/reference/rest/v2/datasets#Dataset.FIELDS.access), and so
does a Cloud Storage ACL entry naming it (``user-SA@PROJECT.iam.gserviceaccount.com``:
``google_acl_entities``) on a bucket whose ACLs are not disabled.

Such a grant is a companion merged into the resource it is on (its public grants are read
there): its members became the resource's references, so the graph walked from the bucket to
the account, and the account reached nothing (GDCC-GRAPH-006 said only "permissions not
known" of an account that may read another system's data). Now the account refers to each
resource the grant is merged into (a dataset's grant opens its tables too), by
``GRANTED_DATA_ON`` when the role reads or writes the resource's data (``DATA_ROLES``), else
by ``GRANTED_ON`` (a role not known or one that manages it: it holds some permission there),
by ``GRANTED_ON_MAYBE`` where a condition chooses the grant's resource among several (a
step not known);
``attributes[GRANTED_ON]`` names the grant and role for the finding (``granted_by``). The
resource no longer refers to the grant's members.

Members are named by reference (``serviceAccount:${google_service_account.a.email}``,
``user_by_email = google_service_account.a.email``) or by a literal
``serviceAccount:ID@PROJECT.iam.gserviceaccount.com`` (a bare e-mail for ``user_by_email``)
whose id is one account of the grant's module; a ``_policy``'s members are read from the
``data "google_iam_policy"`` binding blocks its ``policy_data`` names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN_TEXT, TfResource
from gdcc_audit.models.resource import (
    GRANTED_DATA_ON,
    GRANTED_ON,
    GRANTED_ON_MAYBE,
    Reference,
)
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.google_acl_entities import (
    BUCKET_ACLS,
    ENTITY_KEYS,
    entity_accounts,
    entries,
    reads_data,
)
from gdcc_audit.normalize.terraform.google_bigquery import DATASET, dataset_and_tables
from gdcc_audit.normalize.terraform.google_identity import (
    SERVICE_ACCOUNT,
    grant_bindings,
    named_accounts,
)
from gdcc_audit.normalize.terraform.values import blocks, flag

#: A Google IAM grant on one resource (not a project, folder, organization or service
#: account: those are read as identity policies, and by ``google_identity``).
_GRANT = re.compile(r"^google_.+_iam_(?:member|binding|policy)$")
_NOT_ON_ONE = ("google_project_iam_", "google_folder_iam_", "google_organization_iam_",
               "google_service_account_iam_", "google_billing_account_iam_")
_DATASET_ACCESS = "google_bigquery_dataset_access"
#: The attributes of a BigQuery access entry that may name a service account.
_ENTRY_MEMBERS = ("user_by_email", "iam_member")
#: The member arguments of the grants read here (a resource the grant is merged into no
#: longer refers to them).
MEMBER_KEYS = frozenset({"member", "members", *_ENTRY_MEMBERS, *ENTITY_KEYS})
_MEMO = "google_held"

#: Predefined roles that read or write the data of the resource they are granted on, per
#: Google's role reference (cloud.google.com/iam/docs/roles-permissions: storage.objects.get /
#: create, pubsub.topics.publish / subscriptions.consume, secretmanager.versions.access,
#: bigquery.tables.getData / updateData, cloudkms.cryptoKeyVersions.useToEncrypt /
#: useToDecrypt, artifactregistry.repositories.downloadArtifacts / uploadArtifacts,
#: run.routes.invoke / cloudfunctions.functions.invoke, spanner.databases.read / write,
#: bigtable.tables.readRows / mutateRows, healthcare.*Stores.* data reads and writes,
#: compute.images.useReadOnly / disks.use / snapshots.useReadOnly); the basic roles owner,
#: editor and viewer read the data of most services ("Basic roles", cloud.google.com/iam/docs/
#: roles-overview#basic). BigQuery's legacy access entry roles READER / WRITER / OWNER are
#: dataViewer / dataEditor / dataOwner. Any other role is a grant of some permission on the
#: resource (managing it, or reading its metadata): it is reached, not its data.
DATA_ROLES = frozenset({
    "roles/owner", "roles/editor", "roles/viewer",
    "roles/storage.admin", "roles/storage.objectAdmin", "roles/storage.objectCreator",
    "roles/storage.objectUser", "roles/storage.objectViewer",
    "roles/storage.legacyBucketOwner", "roles/storage.legacyBucketWriter",
    "roles/storage.legacyObjectOwner", "roles/storage.legacyObjectReader",
    "roles/pubsub.admin", "roles/pubsub.editor", "roles/pubsub.publisher",
    "roles/pubsub.subscriber",
    "roles/secretmanager.admin", "roles/secretmanager.secretAccessor",
    "roles/bigquery.admin", "roles/bigquery.dataOwner", "roles/bigquery.dataEditor",
    "roles/bigquery.dataViewer", "READER", "WRITER", "OWNER",
    "roles/cloudkms.cryptoKeyEncrypterDecrypter", "roles/cloudkms.cryptoKeyEncrypter",
    "roles/cloudkms.cryptoKeyDecrypter", "roles/cloudkms.cryptoOperator",
    "roles/artifactregistry.admin", "roles/artifactregistry.repoAdmin",
    "roles/artifactregistry.writer", "roles/artifactregistry.reader",
    "roles/artifactregistry.createOnPushWriter", "roles/artifactregistry.createOnPushRepoAdmin",
    "roles/run.invoker", "roles/run.admin", "roles/cloudfunctions.invoker",
    "roles/cloudfunctions.admin",
    "roles/spanner.admin", "roles/spanner.databaseAdmin", "roles/spanner.databaseUser",
    "roles/spanner.databaseReader",
    "roles/bigtable.admin", "roles/bigtable.user", "roles/bigtable.reader",
    "roles/healthcare.datasetAdmin", "roles/healthcare.fhirResourceEditor",
    "roles/healthcare.fhirResourceReader", "roles/healthcare.dicomEditor",
    "roles/healthcare.dicomViewer", "roles/healthcare.hl7V2Editor",
    "roles/healthcare.hl7V2Consumer", "roles/healthcare.hl7V2Ingest",
    "roles/compute.imageUser", "roles/compute.storageAdmin",
})

#: account address -> resource address -> (the reference attribute: whether the role reads
#: or writes its data, or whether the grant may be on another resource; how)
_Index = dict[str, dict[str, tuple[str, str]]]
#: The resources a companion grant is merged into, by its address, each with whether it is
#: certain (not one of several a condition chooses).
Targets = Callable[[str], list[tuple[str, bool]]]
#: Which reference wins when two grants give one account a role on one resource.
_STRENGTH = {GRANTED_ON_MAYBE: 0, GRANTED_ON: 1, GRANTED_DATA_ON: 2}


def _role_text(role: Any) -> str | None:
    return role if isinstance(role, str) and role and UNKNOWN_TEXT not in role else None


def _entry_accounts(holder: TfResource, attribute: str, ctx: TfContext) -> list[TfResource]:
    """The accounts of the scan an access entry's ``user_by_email`` / ``iam_member`` names:
    as a grant's member, or for ``user_by_email`` by a literal bare e-mail."""
    found = named_accounts(holder, attribute, ctx)
    value = _at_path(holder.values, attribute)
    if attribute.endswith("user_by_email") and isinstance(value, str) and (
        value.endswith(".iam.gserviceaccount.com") and UNKNOWN_TEXT not in value
    ):
        account = value.split("@", 1)[0]
        named = [
            a for a in ctx.by_type.get(SERVICE_ACCOUNT, ())
            if a.module == holder.module and a.values.get("account_id") == account
        ]
        if len(named) == 1 and named[0] not in found:
            found.append(named[0])
    return found


def _at_path(values: dict[str, Any], path: str) -> Any:
    node: Any = values
    for part in path.split("."):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def _grants(
    ctx: TfContext, targets: Targets
) -> Iterable[tuple[TfResource, list[tuple[str, bool]], list[tuple[Any, TfResource, str]]]]:
    """``(grant, resources it is on, [(role, holder, member attribute)])`` of every grant on
    one resource of the root: the IAM grants and access entry resources the mapper merged
    into their resources (``targets``), and each dataset's inline ``access`` blocks."""
    for kind, found in ctx.by_type.items():
        if kind == _DATASET_ACCESS:
            for grant in found:
                on = targets(grant.address)
                if on:
                    role = grant.values.get("role")
                    yield grant, on, [(role, grant, a) for a in _ENTRY_MEMBERS]
        elif _on_one(kind):
            for grant in found:
                on = targets(grant.address)
                if on:
                    yield grant, on, grant_bindings(grant, ctx)
    for dataset in ctx.by_type.get(DATASET, ()):
        entries = blocks(dataset.values, "access") or []
        held = [
            (entry.get("role"), dataset, f"access.{index}.{attribute}")
            for index, entry in enumerate(entries) if isinstance(entry, dict)
            for attribute in _ENTRY_MEMBERS
        ]
        if held:
            yield dataset, [(t.address, True) for t in dataset_and_tables(dataset, ctx)], held


def _index(ctx: TfContext, targets: Targets) -> _Index:
    """Every grant on one resource of the root read once (``ctx.memo``): a role that reads
    or writes the data wins over one that does not, a certain grant over one whose resource
    a condition chooses among several (``GRANTED_ON_MAYBE``: a step not known)."""
    index: _Index | None = ctx.memo.get(_MEMO)
    if index is not None:
        return index
    index = {}
    for account, target, kind, how in _acl_held(ctx, targets):
        _hold(index, account, target, kind, how)
    for grant, on, held in _grants(ctx, targets):
        at = f"{grant.address} at {grant.declared_at}"
        if grant.type == DATASET:
            at = f"an access block of {at}"
        for role, holder, attribute in held:
            accounts = _entry_accounts(holder, attribute, ctx)
            if not accounts:
                continue
            name = _role_text(role)
            sure = GRANTED_DATA_ON if name in DATA_ROLES else GRANTED_ON
            how = f"{at} ({name or 'a role not known'})"
            for account in accounts:
                for target, certain in on:
                    _hold(index, account, target, sure if certain else GRANTED_ON_MAYBE, how)
    ctx.memo[_MEMO] = index
    return index


def _hold(index: _Index, account: TfResource, target: str, kind: str, how: str) -> None:
    """Note that ``account`` holds ``kind`` on ``target``: the stronger of two wins."""
    found = index.setdefault(account.address, {})
    if target not in found or _STRENGTH[kind] > _STRENGTH[found[target][0]]:
        found[target] = (kind, how)


def _acl_held(
    ctx: TfContext, targets: Targets
) -> Iterable[tuple[TfResource, str, str, str]]:
    """``(account, bucket address, reference attribute, how)`` for each Cloud Storage ACL
    entry of the root naming a service account of the scan (``google_acl_entities``): the
    account holds the entry's role on the bucket the ACL is merged into. A bucket with
    uniform bucket-level access has its ACLs disabled ("When you enable uniform bucket-level
    access on a bucket, Access Control Lists (ACLs) are disabled",
    cloud.google.com/storage/docs/uniform-bucket-level-access; off by default); a bucket
    where that is not known, or an entry that may name another account, is a step not
    known (``GRANTED_ON_MAYBE``)."""
    for kind in BUCKET_ACLS:
        for acl in ctx.by_type.get(kind, ()):
            on = targets(acl.address)
            if not on:
                continue
            bucket = ctx.referenced(
                acl, "bucket", ["google_storage_bucket", "google_container_registry"]
            )
            uniform = None if bucket is None or bucket.type != "google_storage_bucket" else (
                flag(bucket.values, "uniform_bucket_level_access", False)
            )
            if uniform is True:
                continue
            for role, entity, attribute in entries(acl):
                name = _role_text(role)
                sure = GRANTED_DATA_ON if reads_data(kind, name) else GRANTED_ON
                how = f"{acl.address} at {acl.declared_at} ({name or 'a role not known'})"
                for account, named in entity_accounts(acl, attribute, entity, ctx):
                    for target, certain in on:
                        step = sure if certain and named and uniform is False else (
                            GRANTED_ON_MAYBE
                        )
                        yield account, target, step, how


def held_links(
    account: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...], targets: Targets,
) -> tuple[Reference, ...]:
    """``references`` with the resources a grant on them gives ``account`` a role on
    (``GRANTED_DATA_ON`` / ``GRANTED_ON``, module docstring); the role and grant of each are
    noted in ``attributes[GRANTED_ON]`` (``{resource address: "GRANT at FILE:LINE (ROLE)"}``).
    ``targets``: the resources a companion grant is merged into, by its address (and whether
    each is certain)."""
    found = _index(ctx, targets).get(account.address)
    if not found:
        return references
    attributes[GRANTED_ON] = {target: how for target, (_, how) in found.items()}
    return tuple(dict.fromkeys(references + tuple(
        Reference(target=target, attribute=kind) for target, (kind, _) in found.items()
    )))


def _on_one(kind: str) -> bool:
    """Whether ``kind`` is a Google IAM grant on one resource (or an access entry)."""
    return kind == _DATASET_ACCESS or (
        _GRANT.match(kind) is not None and not kind.startswith(_NOT_ON_ONE)
    )


def without_members(
    resource: TfResource, merged: list[TfResource], references: tuple[Reference, ...]
) -> tuple[Reference, ...]:
    """A Google resource's references (its own, then those of the companions ``merged``
    into it) without the members of the grants on it and of its own BigQuery access
    entries: who may act on it, not what it reaches (the graph walked from a bucket to the
    accounts a grant on it names)."""
    if resource.type != DATASET and not any(
        _on_one(grant.type) or grant.type in BUCKET_ACLS for grant in merged
    ):
        return references
    return tuple(
        r for r in references
        if r.attribute.split(".", 1)[0] not in MEMBER_KEYS
        and not (resource.type == DATASET and r.attribute.startswith("access.")
                 and r.attribute.rsplit(".", 1)[-1] in _ENTRY_MEMBERS)
    )
