"""Huawei Cloud WAF in front of a load balancer (GDCC-NET-003 on ``huaweicloud_elb_loadbalancer``
/ ``huaweicloud_lb_loadbalancer``).

A WAF domain protects what it names (registry.terraform.io/providers/huaweicloud/huaweicloud/
latest/docs/resources/waf_dedicated_domain and .../waf_domain):

- **in line** (cloud ELB access mode): ``huaweicloud_waf_dedicated_domain`` with
  ``loadbalancer_id`` (``mode = "elb-shared"``): "All listeners configured and to be configured
  for the load balancer will be protected by WAF";
- **as its origin**: a domain whose ``server`` ``address`` is the balancer's address (its EIP,
  its private address): WAF forwards the domain's requests to it, but requests sent to the
  balancer's own address do not pass WAF unless its listeners admit only WAF's back-to-source
  addresses (an ``ip_group``).

Whether the WAF acts: ``protect_status`` "Default value is ``0``" (the provider sets 0 when it
is not written): ``0`` "WAF only forwards requests ... and does not detect attacks", ``-1``
bypassed, ``1`` enabled; then the domain's ``huaweicloud_waf_policy`` ``protection_mode``
"Defaults to **log**" ("WAF logs detected attacks only"), ``block`` blocks them. A domain
without ``policy_id`` gets a policy WAF creates ("If not specified, a new policy will be
created automatically"), whose action the input does not show. Only blocking counts as a WAF
in front: one that logs, is suspended or bypassed lets the attack through.
"""

from __future__ import annotations

from dataclasses import dataclass

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.huaweicloud import EIP_ASSOCIATIONS, bound_to

DOMAINS = ("huaweicloud_waf_dedicated_domain", "huaweicloud_waf_domain")
POLICY = "huaweicloud_waf_policy"
BALANCERS = ("huaweicloud_elb_loadbalancer", "huaweicloud_lb_loadbalancer")
EIP = "huaweicloud_vpc_eip"


@dataclass(frozen=True)
class Verdict:
    """Whether WAF blocks attacks for the balancer (None: not known), and why."""

    value: bool | None
    why: Text


def _status(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def protection(domain: TfResource, ctx: TfContext) -> Verdict:
    """Whether WAF domain ``domain`` blocks attacks (``protect_status``, then its policy)."""
    name = domain.address
    raw = domain.values.get("protect_status")
    status = 0 if raw is None else None if raw is UNKNOWN else _status(raw)
    if status is None:
        return Verdict(None, Text(
            en=f"the protect_status of WAF domain {name} is not known",
            th=f"ไม่ทราบ protect_status ของโดเมน WAF {name}",
        ))
    if status == 0:
        default = ", the provider default" if raw is None else ""
        return Verdict(False, Text(
            en=f"WAF domain {name} has protection suspended (protect_status 0{default}): WAF "
            "only forwards requests and detects no attack",
            th=f"โดเมน WAF {name} พักการป้องกันไว้ (protect_status 0"
            f"{', ค่าเริ่มต้นของ provider' if raw is None else ''}): WAF ส่งต่อคำขอเท่านั้น "
            "ไม่ตรวจจับการโจมตี",
        ))
    if status != 1:
        return Verdict(False, Text(
            en=f"WAF domain {name} is bypassed (protect_status {status}): requests go to the "
            "origin without passing WAF",
            th=f"โดเมน WAF {name} ถูก bypass (protect_status {status}): คำขอไปถึง origin "
            "โดยไม่ผ่าน WAF",
        ))
    return _policy(domain, ctx)


def _policy(domain: TfResource, ctx: TfContext) -> Verdict:
    name = domain.address
    if domain.values.get("policy_id") is None or domain.values.get("policy_id") == "":
        return Verdict(None, Text(
            en=f"WAF domain {name} uses the policy WAF creates for it, whose protective action "
            "(block or log only) is not in the input",
            th=f"โดเมน WAF {name} ใช้นโยบายที่ WAF สร้างให้ ซึ่งไม่ทราบจากข้อมูลนำเข้าว่าบล็อกหรือบันทึกอย่างเดียว",
        ))
    policy = ctx.referenced(domain, "policy_id", [POLICY])
    if policy is None or policy.mode != "managed":
        return Verdict(None, Text(
            en=f"the policy of WAF domain {name} is not in the scan: whether it blocks attacks "
            "or only logs them is not known",
            th=f"นโยบายของโดเมน WAF {name} ไม่อยู่ในข้อมูลที่ตรวจ: ไม่ทราบว่าบล็อกหรือบันทึกอย่างเดียว",
        ))
    mode = policy.values.get("protection_mode")
    if mode is UNKNOWN:
        return Verdict(None, Text(
            en=f"the protection_mode of {policy.address} is not known",
            th=f"ไม่ทราบ protection_mode ของ {policy.address}",
        ))
    if str(mode).lower() == "block":
        return Verdict(True, Text(
            en=f"WAF domain {name} protects it (protect_status 1) with {policy.address}, which "
            "blocks attacks (protection_mode block)",
            th=f"โดเมน WAF {name} ป้องกันอยู่ (protect_status 1) ด้วย {policy.address} "
            "ซึ่งบล็อกการโจมตี (protection_mode block)",
        ))
    default = ", the provider default" if mode is None else ""
    return Verdict(False, Text(
        en=f"{policy.address}, the policy of WAF domain {name}, only logs attacks "
        f"(protection_mode log{default}): they reach the application",
        th=f"{policy.address} นโยบายของโดเมน WAF {name} บันทึกการโจมตีอย่างเดียว (protection_mode "
        f"log{', ค่าเริ่มต้นของ provider' if mode is None else ''}): การโจมตีไปถึงแอปพลิเคชัน",
    ))


def _eip_of(eip: TfResource, r: TfResource, ctx: TfContext) -> bool | None:
    """Whether EIP ``eip`` of the scan is the balancer's (its ``ipv4_eip_id``, or an EIP
    association of the root naming both); None when its ``ipv4_eip_id`` is one of several
    EIPs a value not known chooses, ``eip`` among them."""
    own = ctx.may_designate(r, "ipv4_eip_id", [EIP], eip)
    if own:
        return True
    for item in ctx.related(EIP_ASSOCIATIONS):
        names_eip = any(ctx.resolve(item, ref.target) is eip for ref in item.references)
        if names_eip and bound_to(item, r, ctx):
            return True
    return own


def names(domain: TfResource, r: TfResource, ctx: TfContext) -> str | None:
    """How ``domain`` relates to balancer ``r``: ``inline`` (its ``loadbalancer_id``),
    ``origin`` (a ``server`` address of ``r`` or of its EIP), ``unknown`` (a target the scan
    cannot tell: an input, a literal address), None (another resource of the scan)."""
    if domain.values.get("loadbalancer_id") not in (None, ""):
        found = ctx.referenced(domain, "loadbalancer_id", BALANCERS)
        if found is None:
            return "unknown"
        return "inline" if found.address == r.address else None
    refs = [ref for ref in domain.references if ref.attribute.split(".", 1)[0] == "server"]
    targets = [ctx.resolve(domain, ref.target) for ref in refs]
    if any(t is not None and t.address == r.address for t in targets):
        return "origin"
    eips = [_eip_of(t, r, ctx) for t in targets if t is not None and t.type == EIP]
    if True in eips:
        return "origin"
    if None in eips:
        return "unknown"  # an EIP that may be the balancer's
    servers = domain.values.get("server")
    count = len(servers) if isinstance(servers, list) else None
    resolved = [t for t in targets if t is not None and t.mode == "managed"]
    if count is None or len(resolved) < count:
        return "unknown"
    return None


def _combine(found: list[Verdict]) -> Verdict:
    for value in (True, None):
        for verdict in found:
            if verdict.value is value:
                return verdict
    return found[0]


def elb_waf(r: TfResource, ctx: TfContext, admits_all: bool | None) -> bool | None:
    """Whether a WAF that blocks attacks is in front of balancer ``r`` (module docstring);
    ``admits_all``: whether its listeners admit every address (None: not known). No WAF
    domain of a wholly scanned root naming it: False."""
    related = {"inline": [], "origin": [], "unknown": []}  # type: dict[str, list[TfResource]]
    for domain in ctx.related(DOMAINS):
        if domain.mode != "managed":
            continue
        how = names(domain, r, ctx)
        if how is not None:
            related[how].append(domain)
    if related["inline"]:
        verdict = _combine([protection(d, ctx) for d in related["inline"]])
    elif related["origin"]:
        verdict = _combine([protection(d, ctx) for d in related["origin"]])
        shown = ", ".join(d.address for d in related["origin"])
        if verdict.value is not False and admits_all:
            verdict = Verdict(False, Text(
                en=f"WAF domain {shown} forwards to it as its origin, but its listeners admit "
                "every address: requests sent straight to its address do not pass WAF",
                th=f"โดเมน WAF {shown} ส่งต่อคำขอมายังทรัพยากรนี้ในฐานะ origin แต่ listener "
                "รับทุกที่อยู่: คำขอที่ส่งตรงมายังที่อยู่ของทรัพยากรนี้ไม่ผ่าน WAF",
            ))
        elif verdict.value is True:
            verdict = Verdict(None, Text(
                en=f"WAF domain {shown} forwards to it as its origin; whether its listeners "
                "admit only WAF's back-to-source addresses (ip_group) is not known",
                th=f"โดเมน WAF {shown} ส่งต่อคำขอมายังทรัพยากรนี้ในฐานะ origin ไม่ทราบว่า listener "
                "รับเฉพาะที่อยู่ back-to-source ของ WAF (ip_group) หรือไม่",
            ))
    elif related["unknown"]:
        shown = ", ".join(d.address for d in related["unknown"])
        verdict = Verdict(None, Text(
            en=f"WAF domains whose balancer or origin address is not known may protect it: "
            f"{shown}",
            th=f"โดเมน WAF ที่ไม่ทราบ load balancer หรือที่อยู่ origin อาจป้องกันทรัพยากรนี้: {shown}",
        ))
    elif foreign := sorted(
        f"{item.address} ({item.root})" for item in ctx.document.foreign_associations
        if item.kind == "waf" and r.type in item.targets
    ):
        verdict = Verdict(None, Text(
            en="WAF domains of other roots of the scan name a balancer or origin they look up "
            f"outside their root, which may be this one: {', '.join(foreign)}",
            th="โดเมน WAF ใน root อื่นของการตรวจนี้ระบุ load balancer หรือ origin ที่ค้นหานอก root "
            f"ของตน ซึ่งอาจเป็นทรัพยากรนี้: {', '.join(foreign)}",
        ))
    elif lost := ctx.lost_naming(DOMAINS, Text(en="a WAF domain", th="โดเมน WAF ")):
        verdict = Verdict(None, lost)
    elif gaps := ctx.gaps_naming(
        Text(en="a WAF domain naming it", th="โดเมน WAF ที่ระบุทรัพยากรนี้")
    ):
        verdict = Verdict(None, gaps)
    else:
        verdict = Verdict(False, Text(
            en="no WAF domain of the scanned configuration names it (loadbalancer_id, or its "
            "address as origin) and the whole Terraform root was scanned",
            th="ไม่มีโดเมน WAF ในการตั้งค่าที่ตรวจที่ระบุทรัพยากรนี้ (loadbalancer_id หรือที่อยู่ในฐานะ "
            "origin) และได้ตรวจ Terraform root ครบทั้งชุดแล้ว",
        ))
    if verdict.value is None:
        ctx.note(r, "waf_enabled", None, unknown=verdict.why)
    else:
        ctx.note(r, "waf_enabled", verdict.value, because=verdict.why)
    return verdict.value
