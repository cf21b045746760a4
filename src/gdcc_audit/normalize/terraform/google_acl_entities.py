"""Who a legacy Cloud Storage ACL entry names, and what its role gives there.

An ACL entry's ``entity`` is ``allUsers``, ``allAuthenticatedUsers``, ``user-EMAIL``,
``group-EMAIL``, ``domain-DOMAIN`` or ``project-(owners|editors|viewers)-NUMBER``
(cloud.google.com/storage/docs/json_api/v1/bucketAccessControls, field ``entity``;
registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket_acl,
``role_entity`` items ``ROLE:ENTITY``). A service account is a user entity by its e-mail
(``user-SA@PROJECT.iam.gserviceaccount.com``).

Roles (cloud.google.com/storage/docs/access-control/lists#permissions): on a bucket, READER
lists its objects and reads the bucket's metadata, WRITER also creates, overwrites and
deletes objects, OWNER adds the bucket's metadata and ACLs; on an object (and in the default
ACL of new objects), READER and OWNER download its data."""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.google_iam_policy import (
    EVERYONE,
    NONE,
    Grants,
    written_members,
)

#: The ACL resource types of the google provider (bucket, default object and object ACLs).
BUCKET_ACLS = (
    "google_storage_bucket_acl",
    "google_storage_bucket_access_control",
    "google_storage_default_object_acl",
    "google_storage_default_object_access_control",
    "google_storage_object_acl",
    "google_storage_object_access_control",
)
_ON_BUCKET = ("google_storage_bucket_acl", "google_storage_bucket_access_control")
#: Predefined (canned) ACLs that give a bucket or its objects to everyone: ``publicRead``,
#: ``publicReadWrite`` (allUsers) and ``authenticatedRead`` (allAuthenticatedUsers)
#: (cloud.google.com/storage/docs/access-control/lists#predefined-acl).
_PUBLIC_PREDEFINED = frozenset({"publicRead", "publicReadWrite", "authenticatedRead"})
#: The attributes of an ACL resource that name entities.
ENTITY_KEYS = frozenset({"entity", "role_entity"})
_SERVICE_ACCOUNT = "google_service_account"
_ACCOUNT_DOMAIN = ".iam.gserviceaccount.com"


def entity_public(entity: Any) -> bool | None:
    """Whether one ACL entity is everyone: None when it is not known; an entity whose known
    head cannot begin ``allUsers`` / ``allAuthenticatedUsers`` (``user-${var.x}``,
    ``project-viewers-${...}``) names a principal, not everyone."""
    if entity in EVERYONE:
        return True
    if entity is UNKNOWN or not isinstance(entity, str):
        return None
    if UNKNOWN_TEXT in entity:
        head = entity.split(UNKNOWN_TEXT, 1)[0]
        return None if any(e.startswith(head) for e in EVERYONE) else False
    return False


def entries(acl: TfResource) -> list[tuple[Any, Any, str]]:
    """``(role, entity, attribute)`` of each entry of an ACL resource: its ``role`` with
    ``entity``, and each ``role_entity`` item (``role_entity.N``: ``ROLE:ENTITY``, the role
    before the first colon); an item not known at all has neither (UNKNOWN, UNKNOWN)."""
    found: list[tuple[Any, Any, str]] = []
    entity = written_members(acl, "entity")
    if entity is not None:
        found.append((acl.values.get("role"), entity, "entity"))
    items = written_members(acl, "role_entity")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, str) and ":" in item:
            role, _, named = item.partition(":")
            found.append((role, named, f"role_entity.{index}"))
        else:
            found.append((UNKNOWN, UNKNOWN, f"role_entity.{index}"))
    return found


def acl_grants(acl: TfResource) -> Grants:
    """What a legacy Cloud Storage ACL resource gives to everyone: an ``entity`` (with its
    ``role``), ``role_entity`` items (``READER:allUsers``), a ``predefined_acl`` or a
    ``google_storage_bucket_acl``'s ``default_acl`` (``_PUBLIC_PREDEFINED``), the predefined
    ACL new objects get: the provider sets it as the bucket's ``predefinedDefaultObjectAcl``
    (terraform-provider-google ``resource_storage_bucket_acl.go``; "Configure this ACL to be
    the default ACL", registry.terraform.io/providers/hashicorp/google/latest/docs/resources/
    storage_bucket_acl#default_acl)."""
    grants = NONE
    if written_members(acl, "role_entity") is UNKNOWN:
        grants += Grants(None, ("role_entity not known",))
    for role, entity, _ in entries(acl):
        public = entity_public(entity)
        if public is True:
            grants += Grants(True, (f"{_role(role)} to {entity}",))
        elif public is None:
            grants += Grants(None, (f"{_role(role)} to members not known",))
    for attribute in ("predefined_acl", "default_acl"):
        predefined = acl.values.get(attribute)
        if predefined is UNKNOWN:
            grants += Grants(None, (f"{attribute} not known",))
        elif predefined in _PUBLIC_PREDEFINED:
            grants += Grants(True, (f"{attribute} {predefined}",))
    return grants


def _role(role: Any) -> str:
    return role if isinstance(role, str) and role and UNKNOWN_TEXT not in role else (
        "a role not known"
    )


def entity_accounts(
    acl: TfResource, attribute: str, entity: Any, ctx: TfContext
) -> list[tuple[TfResource, bool]]:
    """The service accounts of the scan an ACL entry names, each with whether for certain:
    by a reference of its entity (``user-${google_service_account.a.email}``; for a
    ``role_entity`` item, certain when it is the list's only user entity not known), and by
    the account id of a literal ``user-ID@PROJECT.iam.gserviceaccount.com`` in the ACL's
    module (one account with that ``account_id``)."""
    if not isinstance(entity, str) or not entity.startswith("user-"):
        return []
    email = entity.removeprefix("user-")
    found: list[tuple[TfResource, bool]] = []
    if UNKNOWN_TEXT in email:
        head = attribute.split(".", 1)[0]
        certain = head == "entity" or sum(
            1 for _, e, a in entries(acl)
            if a.startswith(head) and isinstance(e, str) and e.startswith("user-")
            and UNKNOWN_TEXT in e
        ) == 1
        found = [(a, certain) for a in ctx.candidates(acl, head, [_SERVICE_ACCOUNT])]
    elif email.endswith(_ACCOUNT_DOMAIN):
        account = email.split("@", 1)[0]
        named = [
            a for a in ctx.by_type.get(_SERVICE_ACCOUNT, ())
            if a.module == acl.module and a.values.get("account_id") == account
        ]
        if len(named) == 1:
            found = [(named[0], True)]
    return found


def reads_data(kind: str, role: Any) -> bool:
    """Whether an ACL role reads or writes the data of the bucket (module docstring): any
    role of an object or default-object ACL, WRITER and OWNER of a bucket ACL."""
    if kind in _ON_BUCKET:
        return role in ("WRITER", "OWNER")
    return role in ("READER", "OWNER")
