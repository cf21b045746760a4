"""Azure Firewall IDPS: whether the intrusion detection and prevention system of a firewall
policy drops what its signatures match.

IDPS "allows you to detect attacks in all ports and protocols for non-encrypted traffic";
in ``Alert`` mode it logs a match, in ``Deny`` ("Alert and deny") it also blocks it
(learn.microsoft.com/azure/firewall/premium-features#idps). It is a setting of a Premium
firewall policy, the ``intrusion_detection`` block's ``mode`` (``Off``, ``Alert`` or ``Deny``;
registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/firewall_policy#intrusion_detection):
a policy without the block does not deny, nor does a firewall without a policy (its classic
settings have no IDPS). Whether a child policy (``base_policy_id``) takes a parent's ``Deny``
is not read: a child that does not deny itself under a parent that does is not known."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import block

FACET = "intrusion_prevention"
POLICY = "azurerm_firewall_policy"
_PAGE = (
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"
    "firewall_policy#intrusion_detection"
)


def _own(r: TfResource, ctx: TfContext) -> bool | None:
    """A policy's own IDPS mode: True for ``Deny``; a missing block or mode does not deny
    (noted as the default); None when not known."""
    settings = block(r.values, "intrusion_detection")
    if settings is None:
        ctx.note(r, FACET, None, unknown=Text(
            en="its intrusion_detection block is not known from the input",
            th="ไม่ทราบ block intrusion_detection จากข้อมูลนำเข้า",
        ))
        return None
    mode = settings.get("mode")
    if mode is None:
        attribute = "intrusion_detection.mode" if settings else "intrusion_detection"
        ctx.note(r, FACET, False, DefaultedFacet(attribute=attribute, doc=_PAGE))
        return False
    if mode is UNKNOWN or not isinstance(mode, str):
        ctx.note(r, FACET, None, unknown=Text(
            en="its IDPS mode is not known from the input",
            th="ไม่ทราบโหมด IDPS จากข้อมูลนำเข้า",
        ))
        return None
    return mode == "Deny"


def policy_prevents(r: TfResource, ctx: TfContext, seen: frozenset[str]) -> bool | None:
    """Whether a firewall policy's IDPS denies: its own ``Deny``; not its own and not its
    parent's either (when its parent is in the scan) does not; else not known."""
    own = _own(r, ctx)
    if own is not False or r.values.get("base_policy_id") is None:
        return own
    parent = ctx.referenced(r, "base_policy_id", [POLICY])
    if parent is None or parent.address in seen:
        ctx.note(r, FACET, None, unknown=Text(
            en="its own IDPS mode does not deny; its parent policy (base_policy_id) is not in "
            "the scan",
            th="โหมด IDPS ของตัวเองไม่ได้ปฏิเสธทราฟฟิก และ policy แม่ (base_policy_id) "
            "ไม่อยู่ในขอบเขตการตรวจ",
        ))
        return None
    if policy_prevents(parent, ctx, seen | {r.address}) is False:
        return False
    ctx.note(r, FACET, None, unknown=Text(
        en=f"its own IDPS mode does not deny; whether it takes the mode of its parent policy "
        f"{parent.address} is not known",
        th=f"โหมด IDPS ของตัวเองไม่ได้ปฏิเสธทราฟฟิก และไม่ทราบว่ารับโหมดจาก policy แม่ "
        f"{parent.address} หรือไม่",
    ))
    return None


def without_policy(r: TfResource, ctx: TfContext) -> bool:
    """A firewall no policy manages: no IDPS (it runs only in a Premium firewall policy)."""
    ctx.note(r, FACET, False, because=Text(
        en="no firewall policy manages it: IDPS runs only in a (Premium) firewall policy",
        th="ไม่มี firewall policy ควบคุม: IDPS ทำงานได้เฉพาะใน firewall policy (Premium)",
    ))
    return False
