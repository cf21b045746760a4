"""DNS query logging of Terraform hosted zones (GDCC-DNS-002).

A public zone logs its own queries (Route 53 ``aws_route53_query_log``, Cloud DNS
``cloud_logging_config``). A private zone's queries are logged by the networks that ask them:
Route 53 Resolver query logging on a VPC ("logs queries that originate in VPCs that you
specify", Route 53 Developer Guide, "Resolver query logging") and a Cloud DNS server policy
with ``enable_logging`` on a VPC network (cloud.google.com/dns/docs/monitoring). Both are off
until configured, and both are usually made where the network is: a private zone attached to
a network outside the scan cannot be judged from the scan.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import Contribution, TfContext
from gdcc_audit.normalize.terraform.values import block, blocks, flag

AWS_ZONE = "aws_route53_zone"
AWS_ZONE_ASSOCIATION = "aws_route53_zone_association"
AWS_RESOLVER_LOGGING = "aws_route53_resolver_query_log_config_association"
GOOGLE_ZONE = "google_dns_managed_zone"
GOOGLE_POLICY = "google_dns_policy"
_GOOGLE_NETWORKS = ["google_compute_network"]

#: A network a private zone is attached to: ``("vpc", address)`` for a network of the scan,
#: ``("data", address)`` for a network a data source reads (made elsewhere),
#: ``("ref", target)`` for a reference outside it, ``("id", literal)`` for a literal id / URL,
#: ``("maybe", "a or b")`` for one of several a value not known chooses.
NetworkKey = tuple[str, str]


def _made(network: TfResource) -> str:
    """The key kind of a network a reference resolves to: ``vpc`` when the scan makes it,
    ``data`` when a data source reads it (made, and its query logging set, in another
    configuration: fabric's openshift zone on ``data.google_compute_network.default``
    FAILed as if the scan made it)."""
    return "data" if network.mode == "data" else "vpc"


def _vpc_key(r: TfResource, ctx: TfContext, attribute: str) -> NetworkKey | None:
    """What VPC ``attribute`` names: the ``aws_vpc`` it refers to (or the candidates, when a
    value not known chooses: ``coalesce(var.vpc, aws_vpc.main.id)``), or the literal VPC
    id."""
    for ref in r.references:
        if ref.attribute == attribute:
            vpc = ctx.target_of(r, attribute, ["aws_vpc"])
            if vpc is not None:
                return (_made(vpc), vpc.address)
            chosen = ctx.choices(r, attribute)
            return ("maybe", " or ".join(chosen)) if chosen else ("ref", ref.target)
    value = r.values.get(attribute)  # a top-level attribute; a vpc block's is read there
    if isinstance(value, str) and value:
        return ("id", value)
    return None


def _zone_vpcs(zone: TfResource, ctx: TfContext) -> list[NetworkKey | None]:
    """The VPCs a hosted zone's ``vpc`` blocks name (none: a public zone)."""
    found: list[NetworkKey | None] = []
    for index, vpc in enumerate(blocks(zone.values, "vpc") or []):
        key = _vpc_key(zone, ctx, f"vpc.{index}.vpc_id")
        literal = vpc.get("vpc_id")
        if key is None and isinstance(literal, str) and literal:
            key = ("id", literal)
        found.append(key)
    return found


def _google_networks(r: TfResource, attribute: str, urls: list[Any], ctx: TfContext) -> set[str]:
    """Keys of the networks ``attribute`` names: addresses of networks of the scan it refers
    to, and the literal network URLs written."""
    found = {n.address for n in ctx.referenced_all(r, attribute, _GOOGLE_NETWORKS)}
    return found | {u for u in urls if isinstance(u, str) and u}


def _network_blocks(
    r: TfResource, ctx: TfContext, items: list[Any] | None, prefix: str
) -> list[NetworkKey | None]:
    """One key per ``networks`` block of ``r`` (``items``, written at ``prefix``: ``networks.``
    or ``private_visibility_config.0.networks.``): a network of the scan it refers to, else
    the reference, else its literal ``network_url``; None when its value is not known."""
    found: list[NetworkKey | None] = []
    for index, item in enumerate(items or []):
        where = f"{prefix}{index}."
        key: NetworkKey | None = None
        for ref in r.references:
            if not ref.attribute.startswith(where):
                continue
            network = ctx.resolve(r, ref.target)
            if network is not None and network.type in _GOOGLE_NETWORKS:
                key = (_made(network), network.address)
                break
            key = ("ref", ref.target)
        url = item.get("network_url") if isinstance(item, Mapping) else None
        if key is None and isinstance(url, str) and url:
            key = ("id", url)
        found.append(key)
    return found


def _zone_networks(zone: TfResource, ctx: TfContext) -> list[NetworkKey | None]:
    """The networks a private Cloud DNS zone's ``private_visibility_config`` names."""
    visibility = block(zone.values, "private_visibility_config") or {}
    return _network_blocks(
        zone, ctx, blocks(visibility, "networks"), "private_visibility_config.0.networks."
    )


def _policy_networks(policy: TfResource, ctx: TfContext) -> list[NetworkKey | None]:
    """The networks a ``google_dns_policy``'s ``networks`` blocks name, keyed as a zone's."""
    return _network_blocks(policy, ctx, blocks(policy.values, "networks"), "networks.")


def _logged_google(ctx: TfContext) -> set[NetworkKey]:
    """The networks a server policy of the scan turns query logging on for."""
    return {
        key
        for policy in ctx.related([GOOGLE_POLICY])
        if flag(policy.values, "enable_logging", False) is True
        for key in _policy_networks(policy, ctx)
        if key is not None
    }


def _logged_aws(ctx: TfContext) -> set[NetworkKey]:
    """The VPCs a Resolver query logging association of the scan names."""
    return {
        key
        for item in ctx.related([AWS_RESOLVER_LOGGING])
        if (key := _vpc_key(item, ctx, "resource_id")) is not None
    }


def google_dns_policy_logging(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``google_dns_policy`` with ``enable_logging``: query logging on its networks logs the
    queries made from them, those the private zones visible to them answer included (private
    zone logging is a DNS server policy setting of the network: cloud.google.com/dns/docs/
    monitoring; ``cloud_logging_config`` is the public zones'); a private
    ``google_dns_managed_zone`` of one of those networks logs (its GDCC-DNS-002 FAILed)."""
    if flag(r.values, "enable_logging", False) is not True:
        return []
    urls = [n.get("network_url") for n in blocks(r.values, "networks") or []]
    networks = _google_networks(r, "networks", urls, ctx)
    if not networks:
        return []
    found = []
    for zone in ctx.related([GOOGLE_ZONE]):
        visibility = block(zone.values, "private_visibility_config") or {}
        zone_urls = [n.get("network_url") for n in blocks(visibility, "networks") or []]
        if _google_networks(zone, "private_visibility_config", zone_urls, ctx) & networks:
            found.append(Contribution(zone.address, r.address, {"access_logging": True}))
    return found


def resolver_query_logging(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_route53_resolver_query_log_config_association``: Resolver query logging on a VPC
    logs the DNS queries made from it, those its private hosted zones answer included ("Resolver
    query logging ... logs queries that originate in VPCs that you specify", Route 53
    Developer Guide, "Resolver query logging"; public DNS query logging covers public zones
    only). Every private zone attached to that VPC (a ``vpc`` block of the zone, or an
    ``aws_route53_zone_association``) has its queries logged."""
    key = _vpc_key(r, ctx, "resource_id")
    if key is None:
        return []
    zones = [z for z in ctx.related([AWS_ZONE]) if key in _zone_vpcs(z, ctx)]
    for association in ctx.related([AWS_ZONE_ASSOCIATION]):
        if _vpc_key(association, ctx, "vpc_id") == key:
            zone = ctx.target_of(association, "zone_id", [AWS_ZONE])
            if zone is not None and blocks(zone.values, "vpc") and zone not in zones:
                zones.append(zone)
    return [Contribution(zone.address, r.address, {"access_logging": True}) for zone in zones]


def private_zone_logging(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether a private zone's queries are logged: False when a network of the scan it is
    attached to has no query logging in the scan (said so); not known when a network outside
    the scan has none in the scan either (its logging is set where it is made) or a block or
    module of the root that may turn it on was not read; True when every network's queries
    are logged (``resolver_query_logging`` and ``google_dns_policy_logging`` also turn it on
    for the networks of the scan)."""
    aws = r.type == AWS_ZONE
    networks = _zone_vpcs(r, ctx) if aws else _zone_networks(r, ctx)
    logged = _logged_aws(ctx) if aws else _logged_google(ctx)
    setting = AWS_RESOLVER_LOGGING if aws else f"{GOOGLE_POLICY} with enable_logging"
    setting_th = AWS_RESOLVER_LOGGING if aws else f"{GOOGLE_POLICY} ที่เปิด enable_logging"
    silent = [k[1] for k in networks if k is not None and k[0] == "vpc" and k not in logged]
    if silent:
        ctx.note(r, "access_logging", False, because=Text(
            en=f"no {setting} of the scanned configuration names its network "
            f"{', '.join(silent)}: queries from it are not logged (off by default)",
            th=f"ไม่มี {setting_th} ในการตั้งค่าที่ตรวจที่ระบุเครือข่าย {', '.join(silent)} "
            "ของโซนนี้ คำสอบถามจากเครือข่ายนั้นจึงไม่ถูกบันทึก (ค่าเริ่มต้นปิดอยู่)",
        ))
        return False
    lost = ctx.lost_naming(
        [AWS_RESOLVER_LOGGING] if aws else [GOOGLE_POLICY],
        Text(en=f"a {setting}", th=f" {setting_th} "),
    )
    if lost is not None:
        ctx.note(r, "access_logging", None, unknown=lost)
        return None
    gaps = ctx.gaps_naming(
        Text(en=f"a {setting} naming its network", th=f" {setting_th} ที่ระบุเครือข่ายของโซนนี้")
    )
    if gaps:
        ctx.note(r, "access_logging", None, unknown=gaps)
        return None
    outside = [k for k in networks if k is None or k[0] != "vpc"]
    chosen = [k[1] for k in outside if k is not None and k[0] == "maybe"]
    if chosen and not all(k in logged for k in outside):
        ctx.note(r, "access_logging", None, unknown=Text(
            en=f"its network is one of {'; '.join(chosen)}, chosen by a value not known "
            "before apply",
            th=f"เครือข่ายของโซนนี้เป็นหนึ่งใน {'; '.join(chosen)} ซึ่งเลือกด้วยค่าที่ไม่ทราบก่อน apply",
        ))
        return None
    if outside and not all(k in logged for k in outside):
        named = ", ".join(k[1] for k in outside if k is not None)
        read = all(k is not None and k[0] == "data" for k in outside)
        where = Text(
            en=f"its network {named} is read by a data source: it is made, and its query "
            "logging set, outside the scan",
            th=f"เครือข่าย {named} ของโซนนี้อ่านจาก data source: สร้างและตั้งค่าการบันทึกคำสอบถาม"
            "ไว้นอกข้อมูลที่ตรวจ",
        ) if named and read else Text(
            en=f"its network {named} is not in the scan",
            th=f"เครือข่าย {named} ของโซนนี้ไม่อยู่ในข้อมูลที่ตรวจ",
        ) if named else Text(
            en="its network is given by a value not known from the scan (an input, or another "
            "configuration's)",
            th="เครือข่ายของโซนนี้มาจากค่าที่ไม่ทราบจากข้อมูลที่ตรวจ (ค่านำเข้าหรือค่าจากการตั้งค่าอื่น)",
        )
        ctx.note(r, "access_logging", None, unknown=Text(
            en=f"a private zone's queries are logged by query logging of the networks that ask "
            f"them ({setting}), set where the network is made; {where.en}",
            th=f"คำสอบถามของโซนส่วนตัวถูกบันทึกโดยการตั้งค่าของเครือข่ายที่ส่งคำสอบถาม ({setting_th}) "
            f"ซึ่งกำหนดที่เครือข่ายนั้น {where.th}",
        ))
        return None
    if not networks:
        # a Cloud DNS private zone whose private_visibility_config names no network (a
        # module's default of no network): no server policy logs a query of it
        ctx.note(r, "access_logging", False, because=Text(
            en="it is visible to no network (private_visibility_config names none), so no "
            f"{setting} logs its queries",
            th=f"โซนนี้ไม่ได้เปิดให้เครือข่ายใดเห็น (private_visibility_config ไม่ได้ระบุเครือข่าย) "
            f"จึงไม่มี {setting_th} ใดบันทึกคำสอบถามของโซนนี้",
        ))
        return False
    return True  # every network logs its queries
