"""Huawei Cloud Elastic Load Balance: dedicated (``huaweicloud_elb_*``) and shared
(``huaweicloud_lb_*``) load balancers and their listeners.

From the provider's pages (registry.terraform.io/providers/huaweicloud/huaweicloud/latest/
docs/resources/): a listener's ``tls_ciphers_policy`` "Defaults to **tls-1-0**" (both kinds);
a dedicated HTTPS listener's ``security_policy_id`` wins over it ("If both ... are specified,
only ``security_policy_id`` will take effect"), its TLS versions being the ``protocols`` of
that ``huaweicloud_elb_security_policy``. A balancer has no protocol of its own (judged on
its listeners: ``normalize.absent``); it is public with an EIP of its own (dedicated:
``ipv4_eip_id``, or ``iptype`` with a bandwidth for a new one; ``ipv6_bandwidth_id`` for
its IPv6 address) or an EIP association naming it or its VIP port; its access logs are an
``huaweicloud_elb_logtank`` naming it.
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets, IngressRule
from gdcc_audit.normalize.terraform.common import minimum_tls, port
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.huaweicloud import bound_eip, own_address
from gdcc_audit.normalize.terraform.huaweicloud_waf import BALANCERS, elb_waf
from gdcc_audit.normalize.terraform.uncertain import may_configure
from gdcc_audit.normalize.terraform.values import is_set, string_list, text

DEDICATED = "huaweicloud_elb_loadbalancer"
SHARED = "huaweicloud_lb_loadbalancer"
SECURITY_POLICY = "huaweicloud_elb_security_policy"
LOGTANK = "huaweicloud_elb_logtank"
#: Protocols that terminate TLS at the listener.
_TLS = {"HTTPS", "TLS", "QUIC", "TERMINATED_HTTPS"}


def listener(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_elb_listener`` / ``huaweicloud_lb_listener``: HTTPS / TLS, and the
    lowest TLS version of its policy (custom security policy first, else
    ``tls_ciphers_policy``, default tls-1-0)."""
    v = r.values
    proto = text(v, "protocol")
    if proto is None:
        return "network.load_balancer", Facets()
    secure = proto.upper() in _TLS
    if not secure:
        return "network.load_balancer", Facets(encrypted_in_transit=False)
    custom = is_set(v, "security_policy_id") if r.type == "huaweicloud_elb_listener" else False
    version: str | None
    if custom is False:
        version = minimum_tls([v.get("tls_ciphers_policy", "tls-1-0")])
    else:
        policy = ctx.referenced(r, "security_policy_id", [SECURITY_POLICY])
        protocols = None if policy is None else string_list(policy.values, "protocols", None)
        version = None if not protocols else minimum_tls(protocols)
        if policy is not None and version is not None:
            ctx.note(r, "tls_min_version", version, because=Text(
                en=f"the custom security policy {policy.address} allows "
                f"{', '.join(protocols or ())}",
                th=f"security policy {policy.address} อนุญาต {', '.join(protocols or ())}",
            ))
    return "network.load_balancer", Facets(encrypted_in_transit=True, tls_min_version=version)


def _logged(r: TfResource, ctx: TfContext) -> bool | None:
    """An ``huaweicloud_elb_logtank`` of the scan names it: True; none in a wholly scanned
    root: False (said so); otherwise not known."""
    certain, maybe = ctx.naming(ctx.related([LOGTANK]), "loadbalancer_id", BALANCERS, r)
    if certain:
        return True
    if maybe:
        ctx.note(r, "access_logging", None, unknown=may_configure(maybe[0].address))
        return None
    lost = ctx.lost_naming([LOGTANK], Text(en=f"a {LOGTANK}", th=f" {LOGTANK} "))
    if lost is not None:
        ctx.note(r, "access_logging", None, unknown=lost)
        return None
    if ctx.root_gaps():
        return None
    ctx.note(r, "access_logging", False, because=Text(
        en=f"no {LOGTANK} of the scanned configuration names it and the whole Terraform root "
        "was scanned",
        th=f"ไม่มี {LOGTANK} ในการตั้งค่าที่ตรวจที่ระบุ load balancer นี้ และได้ตรวจ Terraform root "
        "ครบทั้งชุดแล้ว",
    ))
    return False


def loadbalancer(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_elb_loadbalancer`` (dedicated) / ``huaweicloud_lb_loadbalancer``
    (shared): public with an EIP; access logs through a log tank."""
    own = (
        [own_address(r, ctx, n) for n in ("ipv4_eip_id", "iptype", "ipv6_bandwidth_id")]
        if r.type == DEDICATED else [False]
    )
    bound = bound_eip(r, ctx)
    public = True if True in own or bound else (None if None in own else bound)
    ingress = _ingress(r, ctx)
    admits_all = None if ingress is None else all(
        "0.0.0.0/0" in (rule.sources or ()) for rule in ingress
    )
    return "network.load_balancer", Facets(
        public_endpoint=public, access_logging=_logged(r, ctx), ingress=ingress,
        waf_enabled=elb_waf(r, ctx, admits_all) if _http(r, ctx) else None,
    )


#: Listener protocols WAF inspects ("WAF forwards only HTTP/S traffic", waf_dedicated_domain).
_HTTP = {"HTTP", "HTTPS", "TERMINATED_HTTPS", "QUIC"}


def _http(r: TfResource, ctx: TfContext) -> bool:
    """False when every listener of the scan on ``r`` carries no HTTP (TCP, UDP, TLS): no
    WAF applies; True otherwise (no listener in the scan: its traffic is not known)."""
    certain, maybe = ctx.naming(ctx.related(list(LISTENERS)), "loadbalancer_id", BALANCERS, r)
    # a listener that may be another balancer's may be this one's: its protocol counts
    protocols = [item.values.get("protocol") for item in certain + maybe]
    if not protocols or any(not isinstance(p, str) or p.upper() in _HTTP for p in protocols):
        return True
    shown = ", ".join(sorted(set(map(str, protocols))))
    ctx.absent.setdefault(r.address, {})["waf_enabled"] = Text(
        en=f"its listeners carry no HTTP ({shown}): WAF forwards only HTTP/S traffic",
        th=f"listener ของทรัพยากรนี้ไม่ได้รับ HTTP ({shown}): WAF ส่งต่อเฉพาะ HTTP/S",
    )
    return False


def _ingress(r: TfResource, ctx: TfContext) -> tuple[IngressRule, ...] | None:
    """What the balancer admits: each listener's port from any address (a listener has no
    source filter unless an IP address group is bound to it: ``ip_group``, then not known);
    not known without a listener of the scan."""
    rules: list[IngressRule] = []
    certain, maybe = ctx.naming(ctx.related(list(LISTENERS)), "loadbalancer_id", BALANCERS, r)
    if maybe:
        return None  # a listener that may be this balancer's: what it admits is not known
    for item in certain:
        number = port(item.values.get("protocol_port"))
        if number is None or is_set(item.values, "ip_group") is not False:
            return None
        rules.append(IngressRule(protocol="tcp", from_port=number, to_port=number,
                                 sources=("0.0.0.0/0", "::/0"), declared_by=item.address))
    return tuple(rules) or None


def pool(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_elb_pool`` / ``huaweicloud_lb_pool`` and their members: what a listener
    forwards to (graph/network.py, as Octavia pools)."""
    return "network.target_group", Facets()


LISTENERS = ("huaweicloud_elb_listener", "huaweicloud_lb_listener")
POOLS = ("huaweicloud_elb_pool", "huaweicloud_lb_pool")

MAPPINGS: dict[str, MapFn] = {
    **dict.fromkeys(LISTENERS, listener),
    **dict.fromkeys((*POOLS, "huaweicloud_elb_member", "huaweicloud_lb_member"), pool),
    DEDICATED: loadbalancer,
    SHARED: loadbalancer,
}
