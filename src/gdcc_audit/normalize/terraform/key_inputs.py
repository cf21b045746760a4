"""Why a resource's encryption key is not known when its key argument is one input.

``kms_key_id = var.kms_key_id`` with no value for the input (a root variable without a default
or ``.tfvars`` value; a module input fed by something not known) leaves GDCC-ENC-002 UNKNOWN,
rightly: the key may be a customer-managed key or an AWS managed alias (``alias/aws/...``). The
finding said only "whether a customer-managed key is used is not known"; it now names the
argument and the input, the line a user changes (issue 12: UNKNOWN with a message naming what
is not known).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text

#: Top-level arguments naming a key that are not KMS-named (Azure's Key Vault key id).
_KEY_ARGUMENTS = frozenset({"key_vault_key_id"})


def _names_key(argument: str) -> bool:
    """``kms_key_id``, ``kms_key_arn``, ``kms_master_key_id``, ``kms_key_name`` ... (not an
    instance's ``key_name``, which names a login key pair)."""
    return "kms" in argument or argument in _KEY_ARGUMENTS


def key_input_unknown(resource: TfResource) -> Text | None:
    """Why the customer-managed key is not known, when a key argument of ``resource`` is
    written as exactly one input or local whose value is not known (``TfResource.symbols``);
    None otherwise."""
    named = sorted(
        (argument, symbol)
        for argument, symbol in resource.symbols.items()
        if _names_key(argument)
        and symbol.startswith(("var.", "local."))
        and resource.values.get(argument) is UNKNOWN
    )
    if not named:
        return None
    en = ", ".join(f"{argument} is {symbol}" for argument, symbol in named)
    th = ", ".join(f"{argument} มีค่าเป็น {symbol}" for argument, symbol in named)
    return Text(
        en=f"{en}, whose value is not known from the input (it may name a customer-managed key "
        "or a provider-managed one)",
        th=f"{th} ซึ่งไม่ทราบค่าจากข้อมูลนำเข้า (อาจเป็นกุญแจที่หน่วยงานบริหารจัดการเอง"
        "หรือกุญแจที่ผู้ให้บริการจัดการ)",
    )
