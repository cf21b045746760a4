"""Access logs of Azure gateways (GDCC-LOG-007) from the root's diagnostic settings.

An application gateway, an API Management service or a Front Door keeps no access log of its
own: "Platform logs ... resource logs aren't collected and stored until you create a
diagnostic setting and route them to one or more locations"
(learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings). The log is a
resource-log category a diagnostic setting of the resource sends (the supported categories,
learn.microsoft.com/azure/azure-monitor/reference/supported-logs/):

- ``Microsoft.Network/applicationGateways``: ``ApplicationGatewayAccessLog``;
- ``Microsoft.ApiManagement/service``: ``GatewayLogs`` (or, for every API, a service-level
  Application Insights diagnostic: ``azurerm_api_management_diagnostic``
  ``identifier = "applicationinsights"``, "Specifies the percentage of requests that are
  logged ... Default: 100", learn.microsoft.com/azure/api-management/
  diagnostic-logs-reference);
- ``Microsoft.Network/frontDoors`` (classic) and ``Microsoft.Cdn/profiles`` (Standard /
  Premium; an ``azurerm_cdn_frontdoor_endpoint`` is logged by its profile's setting):
  ``FrontDoorAccessLog``.

A setting is an ``azurerm_monitor_diagnostic_setting`` (``target_resource_id``,
``enabled_log`` / legacy ``log`` blocks) or an AzAPI ``Microsoft.Insights/diagnosticSettings``
(``parent_id``, ``properties.logs``). The ``allLogs`` category group holds every category;
a setting sending only the ``audit`` group may or may not hold the access log (no page lists
the group's categories for these services): not known.

Verdicts (:func:`access_logged`): a setting of the gateway sending the category: logged. One
whose categories, or whose instances (``for_each`` not known), are not known, or a setting
of the root whose target is not known (an input, a module output), or a block of the root
lost to a syntax error, a setting of another root of the scan naming a gateway it looks up,
or a module of the root not read: not known, saying which. Otherwise not logged, saying that
Azure keeps none by default.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.azapi_body import arm_type, properties, same_type
from gdcc_audit.normalize.terraform.context import TfContext, may_be_beyond
from gdcc_audit.normalize.terraform.values import blocks, flag, number, text

SETTING = "azurerm_monitor_diagnostic_setting"
ARM_SETTING = "Microsoft.Insights/diagnosticSettings"
_DOC = "learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings"

#: The access-log category (as documented) of each gateway type a setting targets, by
#: azurerm type and by lower-case ARM type.
ACCESS_LOG: dict[str, str] = {
    "azurerm_application_gateway": "ApplicationGatewayAccessLog",
    "microsoft.network/applicationgateways": "ApplicationGatewayAccessLog",
    "azurerm_api_management": "GatewayLogs",
    "microsoft.apimanagement/service": "GatewayLogs",
    "azurerm_frontdoor": "FrontDoorAccessLog",
    "microsoft.network/frontdoors": "FrontDoorAccessLog",
    "azurerm_cdn_frontdoor_profile": "FrontDoorAccessLog",
    "microsoft.cdn/profiles": "FrontDoorAccessLog",
    # a DNS security policy's query log ("DnsResponse", table DNSQueryLogs: Azure Monitor
    # supported logs, Microsoft.Network/dnsResolverPolicies)
    "microsoft.network/dnsresolverpolicies": "DnsResponse",
}
#: The last ARM type segment of each azurerm gateway type (a literal resource id names it).
_SEGMENT = {
    "azurerm_application_gateway": "applicationgateways",
    "azurerm_api_management": "service",
    "azurerm_frontdoor": "frontdoors",
    "azurerm_cdn_frontdoor_profile": "profiles",
}
#: The types a setting's target reference may resolve to (gateways and AzAPI resources).
_TARGETS = (*_SEGMENT, "azapi_resource")
#: Data sources that look up resources of any type (``data "azurerm_resources"`` by type and
#: resource group): a setting of each may be a gateway's.
_LOOKUPS = ("azurerm_resources", "azapi_resource_list", "azapi_resource_id")


@dataclass(frozen=True)
class Setting:
    """A diagnostic setting of the root as a gateway's log sees it."""

    address: str
    #: The address of the resource it targets; None when that is not known.
    target: str | None
    #: Whether the target is known (``target`` None and ``known``: not a resource of the
    #: root, a subscription or a literal id of another resource).
    known: bool
    #: The categories and the category groups it sends (lower case); None when not known.
    sent: tuple[frozenset[str], frozenset[str]] | None
    #: Whether its instances are known (``for_each`` / ``count`` evaluated).
    counted: bool
    #: Whether it is an AzAPI ``Microsoft.Insights/diagnosticSettings``.
    arm: bool = False


def sent_categories(r: TfResource) -> tuple[frozenset[str], frozenset[str]] | None:
    """The log categories and category groups a diagnostic setting sends (lower case):
    ``enabled_log`` / ``log`` blocks of an azurerm setting (a ``log`` with ``enabled =
    false`` sends nothing), ``properties.logs`` of an AzAPI one (``enabled`` true); None when
    not known."""
    if r.type != SETTING:
        return _arm_sent(r)
    logs = blocks(r.values, "enabled_log")
    legacy = blocks(r.values, "log")
    if logs is None or legacy is None:
        return None
    items = [*logs, *(x for x in legacy if flag(x, "enabled", True) is not False)]
    return _collect(items, ("category", "category_group"))


def _arm_sent(r: TfResource) -> tuple[frozenset[str], frozenset[str]] | None:
    values = properties(r)
    logs = None if values is None else values.get("logs", [])
    if not isinstance(logs, list) or any(not isinstance(x, Mapping) for x in logs):
        return None
    items = []
    for item in logs:
        on = item.get("enabled")
        if on is False:
            continue
        if on is not True:
            return None
        items.append(item)
    return _collect(items, ("category", "categoryGroup"))


def _collect(
    items: list[Any], keys: tuple[str, str]
) -> tuple[frozenset[str], frozenset[str]] | None:
    categories: set[str] = set()
    groups: set[str] = set()
    for item in items:
        for key, into in ((keys[0], categories), (keys[1], groups)):
            value = item.get(key)
            if isinstance(value, str):
                into.add(value.lower())
            elif value is not None:
                return None
    return frozenset(categories), frozenset(groups)


def is_setting(r: TfResource) -> bool:
    """Whether ``r`` is a diagnostic setting (azurerm or AzAPI)."""
    return r.type == SETTING or (
        r.type == "azapi_resource" and same_type(arm_type(r), ARM_SETTING)
    )


def as_azurerm(r: TfResource) -> TfResource:
    """An AzAPI ``Microsoft.Insights/diagnosticSettings`` read as the
    ``azurerm_monitor_diagnostic_setting`` it equals: ``parent_id`` is
    ``target_resource_id``, each enabled ``properties.logs`` item an ``enabled_log``."""
    sent = _arm_sent(r)
    logs: Any = UNKNOWN if sent is None else [
        *({"category": c} for c in sorted(sent[0])),
        *({"category_group": g} for g in sorted(sent[1])),
    ]
    refs = [
        dataclasses.replace(ref, attribute="target_resource_id" + ref.attribute[9:])
        if ref.attribute.split(".", 1)[0] == "parent_id" else ref
        for ref in r.references
    ]
    values = {"target_resource_id": r.values.get("parent_id"), "enabled_log": logs}
    return dataclasses.replace(r, type=SETTING, values=values, references=refs)


def _attribute(r: TfResource) -> str:
    return "target_resource_id" if r.type == SETTING else "parent_id"


def _key(r: TfResource) -> str:
    """The :data:`ACCESS_LOG` key of a resource (its azurerm type, or lower-case ARM type)."""
    if r.type == "azapi_resource":
        return (arm_type(r) or "").lower()
    return r.type


def _segment(r: TfResource) -> str | None:
    """The last ARM type segment (lower case) of a gateway of the root."""
    if r.type == "azapi_resource":
        found = arm_type(r)
        return found.rsplit("/", 1)[-1].lower() if found else None
    return _SEGMENT.get(r.type)


def names_gateway(value: str) -> bool:
    """Whether a literal resource id may name a gateway (by its type segment)."""
    parts = value.rstrip("/").lower().split("/")
    return len(parts) >= 2 and parts[-2] in _SEGMENT.values()


def _literal_target(value: str, ctx: TfContext) -> tuple[str | None, bool]:
    """The gateway of the root a literal resource id names: by its type segment and name
    (a gateway whose name is not known may be it)."""
    parts = value.rstrip("/").lower().split("/")
    if len(parts) < 2:
        return None, True
    segment, name = parts[-2], parts[-1]
    for candidate in ctx.related(_TARGETS):
        if candidate.mode != "managed" or _segment(candidate) != segment:
            continue
        written = candidate.values.get("name")
        if not isinstance(written, str):
            return None, False
        if written.lower() == name:
            return candidate.address, True
    return None, True


def _shaped_target(shape: str, ctx: TfContext) -> tuple[str | None, bool]:
    """The target of an id written in part (``"${azurerm_resource_group.rg.id}/providers/
    Microsoft.Network/applicationGateways/${local.name}"``): by its type segment and name
    when they are written."""
    parts = shape.rstrip("/").split("/")
    if len(parts) < 2 or UNKNOWN_TEXT in parts[-2]:
        return None, False
    if parts[-2].lower() not in _SEGMENT.values():
        return None, True
    if UNKNOWN_TEXT in parts[-1]:
        return None, False
    return _literal_target(shape, ctx)


def _target(r: TfResource, ctx: TfContext) -> tuple[str | None, bool]:
    """What a setting targets: (the address of a resource of the root, known)."""
    attribute = _attribute(r)
    value = r.values.get(attribute)
    if isinstance(value, str) and value:
        return _literal_target(value, ctx)
    shape = r.shapes.get(attribute)
    if shape is not None:
        return _shaped_target(shape, ctx)
    designated = r.designated.get(attribute)
    if designated:
        # the one instance its value is (``element(azurerm_x.k[*].id, count.index)``)
        return _referenced(r, designated, ctx)
    if may_be_beyond(r, attribute):
        return None, False  # a value reading no resource may be it (an input set)
    refs = [ref for ref in r.references if ref.attribute.split(".", 1)[0] == attribute]
    # several references (a conditional, a coalesce) naming different targets: not known
    found = {_referenced(r, ref.target, ctx) for ref in refs}
    return found.pop() if len(found) == 1 else (None, False)


def several_targets(r: TfResource, ctx: TfContext) -> bool:
    """Whether a setting's target references name more than one resource of the input
    (``var.on ? azurerm_kubernetes_cluster.k.id : azurerm_key_vault.v.id``); not when its
    value is one of them (``element(azurerm_kubernetes_cluster.k[*].id, count.index)``)."""
    if r.designated.get(_attribute(r)):
        return False
    refs = [ref for ref in r.references if ref.attribute.split(".", 1)[0] == _attribute(r)]
    found = {getattr(ctx.resolve(r, ref.target), "address", None) for ref in refs}
    return len(found - {None}) > 1


def _referenced(r: TfResource, target: str, ctx: TfContext) -> tuple[str | None, bool]:
    """What one reference of a setting's target names (as :func:`_target`)."""
    found = ctx.resolve(r, target)
    if found is None:
        return None, False  # a module output, a remote state
    if found.mode == "managed":
        return found.address, True
    if found.type in _LOOKUPS:
        return None, False
    if found.type not in _TARGETS:
        return None, True  # a subscription, a workspace, another service
    # a data source looks up a resource that exists already: one of the root only when it
    # is looked up by the same name
    same = [
        c for c in ctx.by_type.get(found.type, ())
        if c.mode == "managed" and c.values.get("name") == found.values.get("name")
    ]
    named = isinstance(found.values.get("name"), str)
    return (same[0].address if same else None), named


def settings(ctx: TfContext) -> list[Setting]:
    """Every diagnostic setting of the root (built once per document)."""
    memo: list[Setting] | None = ctx.memo.get(SETTING)
    if memo is not None:
        return memo
    found = []
    for r in ctx.related([SETTING, "azapi_resource"]):
        if r.mode != "managed" or not is_setting(r):
            continue
        target, known = _target(r, ctx)
        found.append(Setting(
            r.address, target, known, sent_categories(r), r.index is not UNKNOWN,
            arm=r.type != SETTING,
        ))
    ctx.memo[SETTING] = found
    return found


#: AKS resource-log categories that record who did what through the API server: the audit
#: log (kube-audit-admin leaves out get and list), and the category groups holding them
#: (learn.microsoft.com/azure/aks/monitor-aks-reference#resource-logs).
AKS_AUDIT_CATEGORIES = frozenset({"kube-audit", "kube-audit-admin"})
AKS_AUDIT_GROUPS = frozenset({"alllogs", "audit"})


def arm_audit(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether an AzAPI diagnostic setting of the root sends AKS cluster ``r``'s audit log
    (the azurerm settings are merged by ``azurerm.aks_diagnostics``): False when none does
    (the cluster keeps none by default), None when one that targets it is not known."""
    found = [s for s in settings(ctx) if s.arm and s.target == r.address]
    hits = [
        s for s in found if s.counted and s.sent is not None
        and (s.sent[0] & AKS_AUDIT_CATEGORIES or s.sent[1] & AKS_AUDIT_GROUPS)
    ]
    if hits:
        ctx.note(r, "control_plane_logging", True, because=Text(
            en=f"the diagnostic setting {hits[0].address} sends its audit log",
            th=f"diagnostic setting {hits[0].address} ส่ง audit log ของคลัสเตอร์นี้",
        ))
        return True
    unsure = [s.address for s in found if s.sent is None or not s.counted]
    if unsure:
        ctx.note(r, "control_plane_logging", None, unknown=Text(
            en=f"the log categories or instances of diagnostic settings of it are not known: "
            f"{', '.join(unsure)}",
            th=f"ไม่ทราบ category ของ log หรือจำนวน instance ของ diagnostic setting ของคลัสเตอร์นี้: "
            f"{', '.join(unsure)}",
        ))
        return None
    return False


def _sends(setting: Setting, category: str) -> bool | None:
    """Whether a setting sends ``category``: True, False, or None (not known, or only the
    ``audit`` group, whose categories are not listed)."""
    if setting.sent is None:
        return None
    categories, groups = setting.sent
    if category.lower() in categories or "alllogs" in groups:
        return True
    return None if "audit" in groups else False


def _apim(r: TfResource, ctx: TfContext) -> tuple[list[str], list[str]]:
    """API Management diagnostics naming ``r``: service-level Application Insights ones
    logging requests (sampling not 0), and others that may log some APIs' requests
    (API-level, or not known)."""
    logging: list[str] = []
    maybe: list[str] = []
    kinds = ("azurerm_api_management_diagnostic", "azurerm_api_management_api_diagnostic")
    for item in ctx.related(kinds):
        service = ctx.referenced(item, "api_management_name", [r.type]) or ctx.referenced(
            item, "api_management_id", [r.type]
        )
        if service is None:
            if not isinstance(item.values.get("api_management_name"), str):
                maybe.append(item.address)
            continue
        if service.address != r.address:
            continue
        identifier = text(item.values, "identifier")
        sampling = number(item.values, "sampling_percentage", 100)
        if (
            item.type == "azurerm_api_management_diagnostic"
            and identifier == "applicationinsights"
            and sampling is not None and sampling > 0
            and item.index is not UNKNOWN
        ):
            logging.append(item.address)
        elif identifier is None or identifier == "applicationinsights":
            maybe.append(item.address)
    for item in ctx.related(["azapi_resource"]):
        kind = (arm_type(item) or "").lower()
        if kind.startswith("microsoft.apimanagement/service/") and kind.endswith("/diagnostics"):
            parent = ctx.referenced(item, "parent_id", _TARGETS)
            if parent is None or parent.address == r.address or kind.count("/") > 2:
                maybe.append(item.address)
    return logging, maybe


def access_logged(r: TfResource, ctx: TfContext, target: TfResource | None = None) -> bool | None:
    """Whether a diagnostic setting sends ``r``'s access log (module docstring); ``target``
    is the resource the settings name when it is not ``r`` (a Front Door endpoint's
    profile). Noted with why."""
    value, why = _verdict(r, ctx, target or r)
    if value is None:
        ctx.note(r, "access_logging", None, unknown=why)
    else:
        ctx.note(r, "access_logging", value, because=why)
    return value


def log_of(owner: TfResource, ctx: TfContext) -> tuple[bool | None, Text]:
    """Whether a diagnostic setting of the scan sends ``owner``'s access log, and why (as
    :func:`access_logged`, without noting it)."""
    return _verdict(owner, ctx, owner)


def _verdict(r: TfResource, ctx: TfContext, owner: TfResource) -> tuple[bool | None, Text]:
    category = ACCESS_LOG[_key(owner)]
    mine = [s for s in settings(ctx) if s.target == owner.address]
    hits = [s for s in mine if _sends(s, category) is True and s.counted]
    if hits:
        return True, Text(
            en=f"the diagnostic setting {hits[0].address} sends its access log ({category})",
            th=f"diagnostic setting {hits[0].address} ส่ง access log ({category}) ของทรัพยากรนี้",
        )
    logging, maybe = _apim(r, ctx) if _key(r) in ("azurerm_api_management",
                                                  "microsoft.apimanagement/service") else ([], [])
    if logging:
        return True, Text(
            en=f"the API Management diagnostic {logging[0]} logs the requests of every API to "
            "Application Insights",
            th=f"API Management diagnostic {logging[0]} บันทึกคำขอของทุก API ไปยัง Application "
            "Insights",
        )
    unsure = [s.address for s in mine if _sends(s, category) is None or (
        _sends(s, category) and not s.counted
    )]
    if unsure:
        return None, Text(
            en=f"the log categories or instances of diagnostic settings of it are not known: "
            f"{', '.join(unsure)}",
            th=f"ไม่ทราบ category ของ log หรือจำนวน instance ของ diagnostic setting ของทรัพยากรนี้: "
            f"{', '.join(unsure)}",
        )
    if maybe:
        return None, Text(
            en=f"API Management diagnostics may log the requests of some of its APIs: "
            f"{', '.join(maybe)}",
            th=f"API Management diagnostic อาจบันทึกคำขอของบาง API: {', '.join(maybe)}",
        )
    undecided = [
        s.address for s in settings(ctx)
        if not s.known and _sends(s, category) is not False
    ]
    if undecided:
        return None, Text(
            en=f"diagnostic settings whose target is not known may send its access log: "
            f"{', '.join(undecided)}",
            th=f"diagnostic setting ที่ไม่ทราบเป้าหมายอาจส่ง access log ของทรัพยากรนี้: "
            f"{', '.join(undecided)}",
        )
    lost = ctx.lost_naming(
        [SETTING, "azapi_resource"], Text(en="a diagnostic setting", th=" diagnostic setting ")
    )
    if lost is not None:
        return None, lost
    foreign = _foreign(owner, ctx, category)
    if foreign:
        return None, Text(
            en="diagnostic settings of other roots of the scan target a resource they look up "
            f"outside their root, which may be this one: {', '.join(foreign)}",
            th="diagnostic setting ใน root อื่นของการตรวจนี้ระบุทรัพยากรที่ค้นหานอก root ของตน "
            f"ซึ่งอาจเป็นทรัพยากรนี้: {', '.join(foreign)}",
        )
    gaps = ctx.gaps_naming(Text(
        en="a diagnostic setting sending its access log",
        th=" diagnostic setting ที่ส่ง access log ของทรัพยากรนี้",
    ))
    if gaps:
        return None, gaps
    via = "" if owner is r else f" (its profile {owner.address})"
    if mine:
        named = ", ".join(s.address for s in mine)
        why = Text(
            en=f"its diagnostic settings{via} ({named}) send neither {category} nor the allLogs "
            f"group, and Azure keeps no access log without one ({_DOC})",
            th=f"diagnostic setting ของทรัพยากรนี้{via} ({named}) ไม่ได้ส่ง {category} หรือกลุ่ม "
            f"allLogs และ Azure ไม่เก็บ access log หากไม่มีการตั้งค่า ({_DOC})",
        )
    else:
        why = Text(
            en=f"no diagnostic setting of the scanned configuration sends its access log{via} "
            f"({category} or the allLogs group) and the whole Terraform root was scanned; "
            f"Azure keeps none by default ({_DOC})",
            th=f"ไม่มี diagnostic setting ในการตั้งค่าที่ตรวจที่ส่ง access log ของทรัพยากรนี้{via} "
            f"({category} หรือกลุ่ม allLogs) และได้ตรวจ Terraform root ครบทั้งชุดแล้ว "
            f"โดยค่าเริ่มต้น Azure ไม่เก็บ access log ({_DOC})",
        )
    return False, why


def _foreign(owner: TfResource, ctx: TfContext, category: str) -> list[str]:
    """Settings of the scan's other roots that may target ``owner``: looking a resource up
    outside their root (not a lookup of another type, or of another literal name)."""
    name = owner.values.get("name")
    found = []
    for item in ctx.document.foreign_associations:
        if item.kind != "diagnostic":
            continue
        if item.looked_up is not None and (
            item.looked_up[0] != owner.type
            or (isinstance(name, str) and item.looked_up[1] != name)
        ):
            continue
        if item.categories is not None and not (
            category.lower() in item.categories
            or {"alllogs", "audit"} & set(item.categories)
        ):
            continue
        found.append(f"{item.address} ({item.root})")
    return sorted(set(found))
