"""Azure DNS zones (GDCC-DNS-001): ``azurerm_dns_zone``, ``azurerm_private_dns_zone`` and
their AzAPI forms (``Microsoft.Network/dnsZones``, ``Microsoft.Network/privateDnsZones``).

- A private DNS zone ("resolvable only from the virtual networks linked to it",
  learn.microsoft.com/azure/dns/private-dns-privatednszone) is not public: DNS-001 PASSes
  saying so. An AzAPI ``dnsZones`` body with ``zoneType = "Private"`` (the legacy private
  zones) likewise; ``Public`` is the default.
- A public zone is signed only when a DNSSEC configuration is created for it ("DNSSEC zone
  signing ... you can sign a zone", learn.microsoft.com/azure/dns/dnssec; a new zone is
  unsigned). The azurerm provider has no resource for it (none up to 4.x); AzAPI writes it as
  the child ``Microsoft.Network/dnsZones/dnssecConfigs`` whose ``parent_id`` is the zone. One
  naming the zone signs it; one whose parent is not known leaves it not known; none: unsigned
  (FAIL, saying how to sign it), as a Route 53 zone without ``aws_route53_hosted_zone_dnssec``.

Query logging (GDCC-DNS-002):

- A public zone has none to turn on: Azure DNS gives a public zone metrics (query volume,
  record sets: learn.microsoft.com/azure/dns/dns-alerts-metrics) and no resource log (no
  ``Microsoft.Network/dnszones`` entry in Azure Monitor's supported resource logs): NOT
  APPLICABLE, saying so.
- A private zone is resolved by the virtual networks linked to it
  (``azurerm_private_dns_zone_virtual_network_link``, AzAPI ``privateDnsZones/
  virtualNetworkLinks``; "resolvable only from the virtual networks linked to it"). Their
  queries are logged by a DNS security policy linked to the virtual network ("DNS security
  policy ... filter and log DNS queries at the virtual network level":
  learn.microsoft.com/azure/dns/dns-security-policy) whose diagnostic setting sends
  ``DnsResponse`` (table DNSQueryLogs). azurerm has no resource for these policies (none in
  the provider up to Aug 2026): AzAPI ``Microsoft.Network/dnsResolverPolicies`` and its
  ``virtualNetworkLinks`` child (``properties.virtualNetwork.id``). Every linked network of the
  scan with such a policy whose log is sent: PASS; a network none logs, in a configuration
  wholly scanned, resolving through Azure's DNS: FAIL naming it; a network with DNS servers of
  its own or holding a DNS forwarder (Azure Firewall DNS proxy, private DNS resolver: their own
  logs may record the queries), one looked up (managed elsewhere), a link or policy not known:
  UNKNOWN saying which.
"""

from __future__ import annotations

from collections.abc import Sequence

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.azapi_body import arm_type, properties, same, same_type
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext

PUBLIC_ZONE = "Microsoft.Network/dnsZones"
PRIVATE_ZONE = "Microsoft.Network/privateDnsZones"
DNSSEC_CONFIG = "Microsoft.Network/dnsZones/dnssecConfigs"
ZONE_LINK = "azurerm_private_dns_zone_virtual_network_link"
ARM_ZONE_LINK = "Microsoft.Network/privateDnsZones/virtualNetworkLinks"
POLICY = "Microsoft.Network/dnsResolverPolicies"
POLICY_LINK = "Microsoft.Network/dnsResolverPolicies/virtualNetworkLinks"
_VNETS = ("azurerm_virtual_network", "azapi_resource")
_POLICY_DOC = "learn.microsoft.com/azure/dns/dns-security-policy"
_UNSIGNED = Text(
    en="no DNSSEC configuration of the scan signs the zone and an Azure DNS zone is unsigned "
    "until one is created (learn.microsoft.com/azure/dns/dnssec); the azurerm provider has no "
    "resource for it: AzAPI Microsoft.Network/dnsZones/dnssecConfigs",
    th="ไม่มีการตั้งค่า DNSSEC ในการกำหนดค่าที่สแกนที่ลงนามโซนนี้ "
    "และโซน Azure DNS จะไม่ถูกลงนามจนกว่าจะสร้างการตั้งค่านั้น "
    "(learn.microsoft.com/azure/dns/dnssec) ผู้ให้บริการ azurerm ไม่มีทรัพยากรสำหรับสิ่งนี้: "
    "ใช้ AzAPI Microsoft.Network/dnsZones/dnssecConfigs",
)


def _dnssec(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether an AzAPI DNSSEC configuration of the root signs zone ``r`` (module
    docstring)."""
    known = True
    for other in ctx.related(["azapi_resource"]):
        if not same_type(arm_type(other), DNSSEC_CONFIG):
            continue
        parent = ctx.referenced(other, "parent_id", ["azurerm_dns_zone", "azapi_resource"])
        if same(parent, r):
            ctx.note(r, "dnssec", True, because=Text(
                en=f"signed by {other.address}", th=f"ลงนามโดย {other.address}",
            ))
            return True
        known = known and parent is not None
    if not known:
        return None
    ctx.note(r, "dnssec", False, because=_UNSIGNED)
    return False


_NO_QUERY_LOG = Text(
    en="an Azure public DNS zone has no query log to turn on: Azure DNS gives it metrics only "
    "(query volume, record sets: learn.microsoft.com/azure/dns/dns-alerts-metrics) and no "
    f"resource log; DNS query logs come from DNS security policies of virtual networks "
    f"({_POLICY_DOC})",
    th="โซน DNS สาธารณะของ Azure ไม่มี log การสอบถามให้เปิด: Azure DNS ให้เพียง metric "
    "(จำนวนการสอบถาม, record set: learn.microsoft.com/azure/dns/dns-alerts-metrics) "
    "และไม่มี resource log ส่วน log การสอบถาม DNS มาจาก DNS security policy ของ virtual network "
    f"({_POLICY_DOC})",
)


def public_zone(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_dns_zone`` (module docstring): no query log exists for it (DNS-002 N/A)."""
    ctx.absent.setdefault(r.address, {})["access_logging"] = _NO_QUERY_LOG
    return "network.dns_zone", Facets(public_endpoint=True, dnssec=_dnssec(r, ctx))


def private_zone(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_private_dns_zone`` / AzAPI ``privateDnsZones``: resolvable only from its
    linked virtual networks, whose DNS security policies log the queries (module
    docstring)."""
    return "network.dns_zone", Facets(public_endpoint=False, access_logging=_queries_logged(r, ctx))


def _is(found: TfResource | None, arm: str) -> bool:
    return found is not None and same_type(arm_type(found), arm)


def _vnet(link: TfResource, ctx: TfContext, attribute: str) -> TfResource | None:
    """The virtual network of the scan a link names (azurerm ``virtual_network_id``; AzAPI
    ``properties.virtualNetwork.id``, the body's one reference to a network)."""
    if link.type != "azapi_resource":
        return ctx.referenced(link, attribute, ["azurerm_virtual_network"])
    found = {
        t.address: t for ref in link.references if ref.attribute.split(".", 1)[0] == "body"
        if (t := ctx.resolve(link, ref.target)) is not None and (
            t.type == "azurerm_virtual_network" or _is(t, "Microsoft.Network/virtualNetworks")
        )
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _zone_networks(r: TfResource, ctx: TfContext) -> tuple[list[TfResource], list[str]]:
    """The virtual networks of the scan linked to private zone ``r``, and the links of the
    zone whose network is not known."""
    networks: dict[str, TfResource] = {}
    unknown: list[str] = []
    for link in ctx.related([ZONE_LINK, "azapi_resource"]):
        if link.type == ZONE_LINK:
            zone = ctx.referenced(link, "private_dns_zone_name", [r.type])
        elif _is(link, ARM_ZONE_LINK):
            zone = ctx.referenced(link, "parent_id", [r.type])
        else:
            continue
        if not same(zone, r):
            continue
        network = _vnet(link, ctx, "virtual_network_id")
        if network is None:
            unknown.append(link.address)
        else:
            networks[network.address] = network
    return list(networks.values()), unknown


def _policies(ctx: TfContext) -> tuple[dict[str, list[TfResource]], list[str]]:
    """The DNS security policies of the scan by the address of each virtual network they are
    linked to, and the policy links whose network or policy is not known."""
    found: dict[str, list[TfResource]] = {}
    unknown: list[str] = []
    for link in ctx.related(["azapi_resource"]):
        if not _is(link, POLICY_LINK):
            continue
        policy = ctx.referenced(link, "parent_id", ["azapi_resource"])
        network = _vnet(link, ctx, "")
        if policy is None or network is None:
            unknown.append(link.address)
            continue
        found.setdefault(network.address, []).append(policy)
    return found, unknown


_DNS_SERVERS = "azurerm_virtual_network_dns_servers"
_FORWARDERS = ("azurerm_firewall", "azurerm_private_dns_resolver")


def _forwarder(network: TfResource, ctx: TfContext) -> str | None:
    """A DNS forwarder of the scan in ``network`` (an Azure Firewall, whose DNS proxy takes
    the queries of networks that name it as their DNS server and logs them: learn.microsoft.
    com/azure/firewall/dns-settings; a private DNS resolver, ``virtual_network_id``): queries
    of other networks reach the zone through it. None when there is none."""
    for item in ctx.related(_FORWARDERS):
        if item.type == "azurerm_private_dns_resolver":
            target = ctx.referenced(item, "virtual_network_id", [network.type])
        else:
            subnet = ctx.referenced(item, "ip_configuration", ["azurerm_subnet"])
            target = None if subnet is None else ctx.referenced(
                subnet, "virtual_network_name", [network.type]
            )
        if same(target, network):
            return item.address
    return None


def _own_dns_servers(network: TfResource, ctx: TfContext) -> bool | None:
    """Whether a virtual network sends its queries to DNS servers of its own rather than to
    Azure's ("By default, VMs ... use Azure-provided name resolution"; custom DNS servers
    take the queries: learn.microsoft.com/azure/virtual-network/
    virtual-networks-name-resolution-for-vms-and-role-instances): ``dns_servers`` (AzAPI
    ``properties.dhcpOptions.dnsServers``) or an ``azurerm_virtual_network_dns_servers``
    naming it; None when not known."""
    from gdcc_audit.normalize.terraform.values import string_list

    found: Sequence[str] | None
    if network.type == "azapi_resource":
        options = (properties(network) or {}).get("dhcpOptions")
        servers = options.get("dnsServers") if isinstance(options, dict) else options
        if servers is None:
            found = []
        elif isinstance(servers, list) and all(isinstance(x, str) for x in servers):
            found = list(servers)
        else:
            found = None
    else:
        found = [] if network.values.get("dns_servers") is None else string_list(
            network.values, "dns_servers"
        )
    if found is None:
        return None
    if found:
        return True
    for item in ctx.related([_DNS_SERVERS]):
        target = ctx.referenced(item, "virtual_network_id", [network.type])
        if target is None or same(target, network):
            return None if target is None else True
    return False


def _queries_logged(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether the queries of every virtual network linked to private zone ``r`` are logged
    (module docstring); noted with why."""
    from gdcc_audit.normalize.terraform.azure_diagnostics import log_of

    networks, unknown = _zone_networks(r, ctx)
    if unknown or not networks:
        ctx.note(r, "access_logging", None, unknown=Text(
            en="the virtual networks linked to the zone, whose DNS security policies would log "
            "its queries, are not known"
            + (f": {', '.join(unknown)}" if unknown else " (no virtual network link of the scan)"),
            th="ไม่ทราบ virtual network ที่ลิงก์กับโซนนี้ ซึ่ง DNS security policy "
            "ของเครือข่ายนั้นจะบันทึกการสอบถาม"
            + (f": {', '.join(unknown)}" if unknown else " (ไม่มี virtual network link ในการสแกน)"),
        ))
        return None
    policies, doubtful = _policies(ctx)
    logged: list[str] = []
    for network in networks:
        verdicts = [(p, *log_of(p, ctx)) for p in policies.get(network.address, ())]
        hit = next(((p, why) for p, value, why in verdicts if value is True), None)
        if hit is not None:
            logged.append(f"{network.address}: {hit[0].address} ({hit[1].en})")
            continue
        unsure = [why.en for _, value, why in verdicts if value is None]
        if unsure or doubtful:
            detail = unsure[0] if unsure else (
                "DNS security policy links whose network or policy is not known: "
                + ", ".join(doubtful)
            )
            ctx.note(r, "access_logging", None, unknown=Text(
                en=f"whether the DNS queries of {network.address} are logged is not known: "
                f"{detail}",
                th=f"ไม่ทราบว่ามีการบันทึกการสอบถาม DNS ของ {network.address} หรือไม่: {detail}",
            ))
            return None
        gaps = ctx.gaps_naming(Text(en="a DNS security policy", th=" DNS security policy"))
        if gaps is not None:
            ctx.note(r, "access_logging", None, unknown=gaps)
            return None
        if network.mode == "data":
            ctx.note(r, "access_logging", None, unknown=Text(
                en=f"{network.address}, a virtual network linked to the zone, is looked up: it "
                "is managed elsewhere, where a DNS security policy may be linked to it",
                th=f"{network.address} ซึ่งเป็น virtual network ที่ลิงก์กับโซนถูกค้นหา (data source) "
                "จึงจัดการอยู่ที่อื่น ซึ่งอาจลิงก์ DNS security policy ไว้",
            ))
            return None
        forwarder = _forwarder(network, ctx)
        if forwarder is not None:
            ctx.note(r, "access_logging", None, unknown=Text(
                en=f"{network.address}, a virtual network linked to the zone, has no DNS "
                f"security policy of the scan, but {forwarder} in it forwards other networks' "
                "queries and its own logs may record them (Azure Firewall DNS proxy logs)",
                th=f"{network.address} ซึ่งเป็น virtual network ที่ลิงก์กับโซนไม่มี DNS security "
                f"policy ในการสแกน แต่ {forwarder} ในเครือข่ายนี้ส่งต่อการสอบถามของเครือข่ายอื่น "
                "และ log ของมันเองอาจบันทึกการสอบถามเหล่านั้น",
            ))
            return None
        own = _own_dns_servers(network, ctx)
        if own is not False:
            ctx.note(r, "access_logging", None, unknown=Text(
                en=f"{network.address}, a virtual network linked to the zone, has no DNS "
                "security policy of the scan, but "
                + ("it may send its queries to DNS servers of its own (dns_servers not known)"
                   if own is None else
                   "it sends its queries to DNS servers of its own (dns_servers), which may "
                   "log them (an Azure Firewall DNS proxy, a DNS server VM)"),
                th=f"{network.address} ซึ่งเป็น virtual network ที่ลิงก์กับโซนไม่มี DNS security "
                "policy ในการสแกน แต่ส่งการสอบถามไปยัง DNS server ของตนเอง (dns_servers) "
                "ซึ่งอาจบันทึก log ได้",
            ))
            return None
        ctx.note(r, "access_logging", False, because=Text(
            en=f"no DNS security policy of the scanned configuration logs the queries of "
            f"{network.address}, a virtual network linked to the zone"
            + (" (its policies send no DnsResponse log)" if verdicts else "")
            + f"; Azure logs DNS queries only through one ({_POLICY_DOC})",
            th=f"ไม่มี DNS security policy ในการกำหนดค่าที่สแกนที่บันทึกการสอบถามของ "
            f"{network.address} ซึ่งเป็น virtual network ที่ลิงก์กับโซนนี้"
            + (" (policy ที่มีไม่ได้ส่ง log DnsResponse)" if verdicts else "")
            + f" และ Azure บันทึกการสอบถาม DNS ผ่าน policy นี้เท่านั้น ({_POLICY_DOC})",
        ))
        return False
    ctx.note(r, "access_logging", True, because=Text(
        en="the DNS queries of its linked virtual networks are logged: " + "; ".join(logged),
        th="มีการบันทึกการสอบถาม DNS ของ virtual network ที่ลิงก์: " + "; ".join(logged),
    ))
    return True


def azapi_zone(r: TfResource, ctx: TfContext) -> Mapped:
    """AzAPI ``Microsoft.Network/dnsZones``: public unless ``zoneType`` is ``Private``."""
    body = properties(r)
    kind = None if body is None else body.get("zoneType", "Public")
    if not isinstance(kind, str):
        return "network.dns_zone", Facets()
    if kind.lower() == "private":
        return private_zone(r, ctx)
    return public_zone(r, ctx)


MAPPINGS: dict[str, MapFn] = {
    "azurerm_dns_zone": public_zone,
    "azurerm_private_dns_zone": private_zone,
}
