"""An encryption-key argument that is a key either way (``coalesce(var.kms,
aws_kms_key.k.id)``, ``coalesce(var.kms_key_name, google_kms_crypto_key.k.id)``): the input's
text when it is given one, else the key; never null nor empty (the loader's ``NonEmpty``,
shape ``NON_EMPTY_TEXT``), but its text is not known.

Every mapper reads such a value as not known. :func:`key_either_way` maps the resource again
with the argument written as a key, once for each kind of key the input may name: a
customer's key, and on AWS also an AWS managed key (``alias/aws/...``, which an input may
name); encryption facets (:data:`FACETS`) that the resource did not decide and that every
such reading gives the same value are taken from it. So a Google or Azure resource whose
key is written either way uses a customer-managed key (Google and Azure have no
provider-managed key names: any Cloud KMS / Key Vault key is the customer's), and an AWS
one is encrypted where a key written turns encryption on, whose key it is staying not
known. Nothing else is read from the placeholder texts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from gdcc_audit.load.terraform.values import NON_EMPTY_TEXT
from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import Mapped, TfContext

#: Arguments that name an encryption key (the last part of a value path).
KEY_ARGUMENTS = frozenset({
    "kms_key_id", "kms_master_key_id", "kms_key_arn", "kms_key", "kms_key_name",
    "kms_key_self_link", "default_kms_key_name", "encryption_key_name", "key_vault_key_id",
    "managed_hsm_key_id", "customer_managed_key",
})
#: The facets read from the placeholder keys (nothing else: no Region, no account).
FACETS = ("encrypted_at_rest", "customer_managed_key")
#: A customer's key of each cloud, and on AWS an AWS managed one (an input may name either).
_CUSTOMER = {
    "aws": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "google": "projects/p/locations/global/keyRings/r/cryptoKeys/k",
    "azurerm": "https://vault.vault.azure.net/keys/key/0123456789abcdef0123456789abcdef",
}
_AWS_MANAGED = "alias/aws/placeholder"

_EITHER_WAY = Text(
    en="the key is written either way (coalesce of an input and a key: the input's text "
    "when it is given one, else the key)",
    th="มีการระบุคีย์ไม่ว่ากรณีใด (coalesce ของค่านำเข้าและคีย์: ข้อความของค่านำเข้าเมื่อกำหนดไว้ "
    "มิฉะนั้นเป็นคีย์)",
)


def key_either_way(
    mapped: Mapped | None, resource: TfResource, ctx: TfContext,
    mapping: Callable[[TfResource, TfContext], Mapped | None],
    extras: Callable[[Mapped | None, TfResource, TfContext], Mapped | None],
) -> Mapped | None:
    """``mapped`` with the encryption facets it left not known decided by the key
    arguments of ``resource`` that are a key either way (module docstring)."""
    if mapped is None:
        return mapped
    paths = [
        path for path, shape in resource.shapes.items()
        if shape == NON_EMPTY_TEXT and path.rsplit(".", 1)[-1] in KEY_ARGUMENTS
    ]
    kind, facets = mapped
    open_facets = [name for name in FACETS if getattr(facets, name) is None]
    cloud = resource.type.split("_", 1)[0]
    if not paths or not open_facets or cloud not in _CUSTOMER:
        return mapped
    keys = [_CUSTOMER[cloud], *([_AWS_MANAGED] if cloud == "aws" else [])]
    found: list[Any] = []
    for key in keys:
        values = resource.values
        for path in paths:
            values = _put(values, path.split("."), key)
        shapes = {p: s for p, s in resource.shapes.items() if p not in paths}
        alone = replace(ctx, decided={}, unknown={}, because={}, written={})
        written = replace(resource, values=values, shapes=shapes)
        again = extras(mapping(written, alone), written, alone)
        if again is None or again[0] != kind:
            return mapped
        found.append(again[1])
    update = {
        name: value for name in open_facets
        if (value := getattr(found[0], name)) is not None
        and all(getattr(other, name) == value for other in found[1:])
    }
    for name, value in update.items():
        ctx.note(resource, name, value, because=_EITHER_WAY)
    return (kind, facets.model_copy(update=update)) if update else mapped


def _put(values: Any, path: list[str], text: str) -> Any:
    """``values`` (nested dicts and lists) with ``text`` at ``path``, copied along it."""
    if not path:
        return text
    head, rest = path[0], path[1:]
    if isinstance(values, dict) and head in values:
        return {**values, head: _put(values[head], rest, text)}
    if isinstance(values, list) and head.isdigit() and int(head) < len(values):
        copy = list(values)
        copy[int(head)] = _put(copy[int(head)], rest, text)
        return copy
    return values
