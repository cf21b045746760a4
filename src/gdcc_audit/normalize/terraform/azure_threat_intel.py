"""Azure Firewall and its firewall policy: whether threat intelligence drops traffic, and
whether IDPS does (``azure_idps``); their DNAT rules: ``azure_firewall``.

Threat intelligence-based filtering "can alert and deny traffic from/to known malicious IP
addresses, FQDNs, and URLs"; in ``Alert`` mode it only logs them, in ``Deny`` mode it also
blocks them (learn.microsoft.com/azure/firewall/threat-intel). Both the firewall's
``threat_intel_mode`` and the policy's ``threat_intelligence_mode`` default to ``Alert``
(registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/firewall#threat_intel_mode,
.../firewall_policy#threat_intelligence_mode). A firewall managed by a policy
(``firewall_policy_id``) takes the policy's settings ("Firewall Policy ... contains NAT,
network, and application rule collections, and Threat Intelligence settings",
learn.microsoft.com/azure/firewall-manager/policy-overview); a child policy
(``base_policy_id``) inherits its parent's mode and may only make it stricter, so it drops
known-malicious traffic when either does."""

from __future__ import annotations

from collections.abc import Callable

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform import azure_idps
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext, may_be_beyond

FIREWALL = "azurerm_firewall"
POLICY = "azurerm_firewall_policy"
KIND = "network.firewall"
_FACET = "threat_intel_blocks"
_DOCS = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"
_PARENT_NOT_KNOWN = Text(
    en=(
        "its own threat intelligence mode does not deny, but its parent policy (base_policy_id), "
        "whose stricter mode it inherits, is not in the scan"
    ),
    th=(
        "โหมด threat intelligence ของตัวเองไม่ได้ปฏิเสธทราฟฟิก แต่ policy แม่ (base_policy_id) "
        "ซึ่งส่งต่อโหมดที่เข้มกว่าให้ ไม่อยู่ในขอบเขตการตรวจ"
    ),
)
_MODE_NOT_KNOWN = Text(
    en="its threat intelligence mode is not known from the input",
    th="ไม่ทราบโหมด threat intelligence จากข้อมูลนำเข้า",
)


def _own_mode(r: TfResource, ctx: TfContext, attribute: str, page: str) -> bool | None:
    """Whether ``attribute`` (the mode) of ``r`` denies: its documented default ``Alert``
    when absent (noted as a default), None when not known."""
    mode = r.values.get(attribute)
    if mode is None:
        ctx.note(r, _FACET, False, DefaultedFacet(attribute=attribute, doc=_DOCS + page))
        return False
    if mode is UNKNOWN or not isinstance(mode, str) or mode == "":
        return None
    return mode == "Deny"


def _policy_blocks(r: TfResource, ctx: TfContext, seen: frozenset[str]) -> bool | None:
    """A firewall policy's effective mode: its own, made stricter by its parent's."""
    own = _own_mode(r, ctx, "threat_intelligence_mode", "firewall_policy#threat_intelligence_mode")
    if own is True or r.values.get("base_policy_id") is None:
        return own
    parent = ctx.referenced(r, "base_policy_id", [POLICY])
    if parent is None or parent.address in seen:
        if own is False:
            ctx.note(r, _FACET, None, unknown=_PARENT_NOT_KNOWN)
        return None
    inherited = _policy_blocks(parent, ctx, seen | {r.address})
    if inherited is True:
        ctx.note(r, _FACET, True, because=Text(
            en=f"its parent policy {parent.address} denies known-malicious traffic",
            th=f"policy แม่ {parent.address} ปฏิเสธทราฟฟิกที่รู้ว่าเป็นอันตราย",
        ))
        return True
    return None if inherited is None or own is None else False


def _threat_policy(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether a firewall policy's threat intelligence denies (with its parent's)."""
    blocks = _policy_blocks(r, ctx, frozenset({r.address}))
    if blocks is None and r.values.get("base_policy_id") is None:
        ctx.note(r, _FACET, None, unknown=_MODE_NOT_KNOWN)
    return blocks


def firewall_policy(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_firewall_policy``: whether its threat intelligence mode is ``Deny`` and its
    IDPS mode is ``Deny`` (:mod:`azure_idps`)."""
    return KIND, Facets(
        threat_intel_blocks=_threat_policy(r, ctx),
        intrusion_prevention=azure_idps.policy_prevents(r, ctx, frozenset({r.address})),
    )


#: What a policy's judgement is about: the facet, its English and Thai topic.
Topic = tuple[str, str, str]
_THREAT: Topic = (_FACET, "threat intelligence", "threat intelligence")
_IDPS: Topic = ("intrusion_prevention", "IDPS", "IDPS")


def through_policy(
    r: TfResource, ctx: TfContext, topic: Topic,
    judge: Callable[[TfResource, TfContext], bool | None],
) -> bool | None:
    """What the firewall policy ``firewall_policy_id`` names decides for ``topic``: the one
    policy it designates, else the policies it may name when they agree; else None, noted."""
    facet, en, th = topic
    policy = ctx.referenced(r, "firewall_policy_id", [POLICY])
    if policy is not None:
        decided = judge(policy, ctx)
        if decided is None:
            ctx.note(r, facet, None, unknown=Text(
                en=f"its {en} mode is set by its firewall policy {policy.address}, where it is "
                "not known",
                th=f"โหมด {th} กำหนดโดย firewall policy {policy.address} ซึ่งไม่ทราบค่า",
            ))
            return None
        ctx.note(r, facet, decided, because=Text(
            en=f"its firewall policy {policy.address} decides: {en} "
            + ("denies" if decided else "does not deny"),
            th=f"firewall policy {policy.address} เป็นผู้กำหนด: {th} "
            + ("ปฏิเสธทราฟฟิก" if decided else "ไม่ได้ปฏิเสธทราฟฟิก"),
        ))
        return decided
    found = ctx.candidates(r, "firewall_policy_id", [POLICY])
    named = ", ".join(p.address for p in found)
    verdicts = {judge(p, ctx) for p in found}
    if found and len(verdicts) == 1 and None not in verdicts and not may_be_beyond(
        r, "firewall_policy_id"
    ):
        decided = verdicts.pop()
        ctx.note(r, facet, decided, because=Text(
            en=f"its firewall policy is one of {named}; {en} "
            + ("denies in each" if decided else "denies in none"),
            th=f"firewall policy เป็นหนึ่งใน {named} ซึ่ง {th} "
            + ("ปฏิเสธทราฟฟิกทุกตัว" if decided else "ไม่ได้ปฏิเสธทราฟฟิกเลย"),
        ))
        return decided
    ctx.note(r, facet, None, unknown=Text(
        en=f"its {en} mode is set by the firewall policy its firewall_policy_id names, which "
        "is not a policy of the scan (or not one the scan can tell)",
        th=f"โหมด {th} กำหนดโดย firewall policy ที่ firewall_policy_id ระบุ "
        "ซึ่งไม่ใช่ policy ในขอบเขตการตรวจ (หรือระบุไม่ได้ว่าเป็นตัวใด)",
    ) if not found else Text(
        en=f"its {en} mode is set by its firewall policy, one of {named} (which one is not "
        "known)",
        th=f"โหมด {th} กำหนดโดย firewall policy ซึ่งเป็นหนึ่งใน {named} (ไม่ทราบว่าเป็นตัวใด)",
    ))
    return None


def firewall(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_firewall``: its own ``threat_intel_mode``, or its policy's when a firewall
    policy manages it; IDPS only through a policy (:mod:`azure_idps`)."""
    if r.values.get("firewall_policy_id") is None:
        blocks = _own_mode(r, ctx, "threat_intel_mode", "firewall#threat_intel_mode")
        if blocks is None:
            ctx.note(r, _FACET, None, unknown=_MODE_NOT_KNOWN)
        return KIND, Facets(
            threat_intel_blocks=blocks, intrusion_prevention=azure_idps.without_policy(r, ctx)
        )
    return KIND, Facets(
        threat_intel_blocks=through_policy(r, ctx, _THREAT, _threat_policy),
        intrusion_prevention=through_policy(
            r, ctx, _IDPS, lambda p, c: azure_idps.policy_prevents(p, c, frozenset({p.address}))
        ),
    )


MAPPINGS: dict[str, MapFn] = {FIREWALL: firewall, POLICY: firewall_policy}
