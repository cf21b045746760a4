"""Azure WAF modes (GDCC-NET-003): a WAF policy or gateway WAF in Detection mode blocks nothing.

"Detection mode: Monitors and logs all threat alerts ... doesn't block incoming requests";
"Prevention mode: Blocks intrusions and attacks that the rules detect"
(learn.microsoft.com/azure/web-application-firewall/ag/ag-overview, WAF modes; Front Door:
afds/waf-front-door-policy-settings, "WAF mode"). NET-003 asks for a WAF that blocks attacks
before they reach the code, so a WAF in Detection mode counts as none, saying so.

Defaults: azurerm ``azurerm_web_application_firewall_policy`` ``policy_settings.mode`` and
``azurerm_frontdoor_firewall_policy`` ``mode`` "Defaults to ``Prevention``"; the application
gateway's ``waf_configuration.firewall_mode`` and ``azurerm_cdn_frontdoor_firewall_policy``
``mode`` are required; an AzAPI policy's ``policySettings.mode`` has no documented default:
not written, not known.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import TfContext

DOC = "https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview"


def blocks(mode: Any, default: str | None = None) -> bool | None:
    """Whether a WAF in ``mode`` blocks the requests its rules match: ``Prevention`` yes,
    ``Detection`` no; not written: ``default``; None when not known."""
    value = default if mode is None else mode
    if not isinstance(value, str):
        return None
    return value.strip().lower() != "detection"


def note_detection(r: TfResource, ctx: TfContext, by: str) -> None:
    """Say on ``r``'s NET-003 that the WAF ``by`` names is in Detection mode."""
    ctx.note(r, "waf_enabled", False, because=Text(
        en=f"{by} is in Detection mode: it logs the requests its rules match and blocks none "
        f"({DOC})",
        th=f"{by} อยู่ในโหมด Detection: บันทึกคำขอที่ตรงกับกฎแต่ไม่บล็อกคำขอใดเลย ({DOC})",
    ))


#: Front Door WAF policy types: azurerm (classic, and Standard/Premium) and ARM.
FRONTDOOR_POLICIES = ("azurerm_frontdoor_firewall_policy", "azurerm_cdn_frontdoor_firewall_policy")
ARM_FRONTDOOR_POLICY = "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies"


def frontdoor_policy_blocks(policy: TfResource) -> bool | None:
    """Whether a Front Door WAF policy of the scan is on and in Prevention mode: azurerm
    ``enabled`` (default true) and ``mode`` (classic: default ``Prevention``; Standard/
    Premium: required); ARM ``policySettings.enabledState`` ("Defaults to Enabled if not
    specified": Front Door REST reference, PolicySettings) and ``mode`` (no default
    documented: not written, not known). None when not known."""
    from collections.abc import Mapping

    from gdcc_audit.normalize.terraform.azapi_body import properties
    from gdcc_audit.normalize.terraform.values import flag

    if policy.type in FRONTDOOR_POLICIES:
        on = flag(policy.values, "enabled", True)
        if on is not True:
            return on
        default = "Prevention" if policy.type == FRONTDOOR_POLICIES[0] else None
        return blocks(policy.values.get("mode"), default)
    found = properties(policy)
    settings = None if found is None else found.get("policySettings", {})
    if not isinstance(settings, Mapping):
        return None
    state = settings.get("enabledState", "Enabled")
    if not isinstance(state, str):
        return None
    if state.lower() != "enabled":
        return False
    return blocks(settings.get("mode"))


def switched_on(policy: TfResource) -> bool:
    """Whether a Front Door WAF policy is switched on, whatever its mode (a policy that is
    on but does not block is in Detection mode)."""
    from collections.abc import Mapping

    from gdcc_audit.normalize.terraform.azapi_body import properties
    from gdcc_audit.normalize.terraform.values import flag

    if policy.type in FRONTDOOR_POLICIES:
        return flag(policy.values, "enabled", True) is True
    settings = (properties(policy) or {}).get("policySettings", {})
    state = settings.get("enabledState", "Enabled") if isinstance(settings, Mapping) else None
    return isinstance(state, str) and state.lower() == "enabled"


def mode_not_known(by: str, mode: Any) -> Text:
    """Why a WAF that is on may still block nothing: ``by`` (a ``waf_configuration``) writes no
    ``firewall_mode`` (azurerm requires it: ``Detection`` or ``Prevention``), or one not known;
    in Detection mode a WAF blocks nothing (``DOC``)."""
    said_en = "writes no firewall_mode" if mode is None else "has a firewall_mode not known"
    said_th = "ไม่ได้กำหนด firewall_mode" if mode is None else "มี firewall_mode ที่ไม่ทราบค่า"
    return Text(
        en=f"{by} {said_en} (Detection or Prevention): in Detection mode a WAF blocks nothing "
        f"({DOC})",
        th=f"{by} {said_th} (Detection หรือ Prevention): ในโหมด Detection WAF ไม่บล็อกคำขอใดเลย "
        f"({DOC})",
    )


def policy_outside(r: TfResource, attribute: str) -> Text:
    """Why a WAF is not known when the policy ``attribute`` of ``r`` names is not in the input:
    it may be off or in Detection mode. Names the policy by its reference (or the id written)."""
    targets = sorted({ref.target for ref in r.references if ref.attribute == attribute}) or sorted(
        {ref.target for ref in r.references if attribute.startswith(f"{ref.attribute}.")}
    )
    value = r.values.get(attribute)
    named = ", ".join(targets) if targets else value if isinstance(value, str) else "(not known)"
    return Text(
        en=f"its WAF policy {named} ({attribute}) is not in the input: it may be off or in "
        "Detection mode",
        th=f"ไม่มี WAF policy {named} ({attribute}) ในข้อมูลนำเข้า: อาจปิดอยู่หรืออยู่ในโหมด "
        "Detection",
    )
