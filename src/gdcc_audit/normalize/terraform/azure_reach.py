"""GDCC-NET-002 on Azure data services with an IP firewall of their own (AI Search, Data
Explorer, Service Bus): one reading for every provider (stop 39).

GDCC-NET-002 asks whether the service has a public endpoint, as on AWS (RDS
``publicly_accessible``) and Google (a Cloud SQL / AlloyDB public IP): public network access
on is a public endpoint, whatever its firewall lists. The firewall's allowed ranges are what the
service admits, judged by the resource graph (GDCC-GRAPH-004 "admits any address"), so they are
kept in its ``ingress``; the NET-002 finding names them and says so. An Azure SQL server's
firewall rules were read that way already (``azurerm.firewall_reasons`` / ``server_ingress``),
and so was a Cosmos DB account's ``ip_range_filter``; AI Search's ``allowed_ips``, Data
Explorer's ``allowed_ip_ranges`` and Service Bus' ``network_rule_set`` turned a public endpoint
into a PASS.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.normalize.terraform import azapi_subnets
from gdcc_audit.normalize.terraform.context import TfContext

#: HTTPS: the port AI Search and Data Explorer answer on (their REST / query endpoints).
HTTPS = 443


def as_source(item: str) -> str:
    """A listed address as a source block (``203.0.113.5`` -> ``203.0.113.5/32``); kept as
    written when it is not an address."""
    try:
        return str(ipaddress.ip_network(item.strip(), strict=False))
    except ValueError:
        return item


def name_firewall(
    r: TfResource, ctx: TfContext, public: bool | None, allowed: str | Text | None,
    graph: bool = True,
) -> None:
    """Say on GDCC-NET-002 what the service's own firewall admits when its public network
    access is on (``allowed``: its ranges, or subnets, as written; empty: nothing to say). A
    firewall narrows who reaches the public endpoint; it does not remove it. ``graph``: its
    ranges are the service's ``ingress``, judged by GDCC-GRAPH-004 (a database); a message
    broker's are not judged by a rule."""
    if public is not True or not allowed:
        return
    what = allowed if isinstance(allowed, Text) else Text(en=allowed, th=allowed)
    en = (
        f"its firewall admits {what.en}: a firewall narrows who reaches the public endpoint, "
        "it does not remove it"
    )
    th = f"ไฟร์วอลล์อนุญาต {what.th}: ไฟร์วอลล์จำกัดผู้ที่เข้าถึงปลายทางสาธารณะได้ แต่ไม่ได้ปิดปลายทางนั้น"
    if graph:
        en += "; the addresses it admits are judged by GDCC-GRAPH-004"
        th += " ส่วนหมายเลขไอพีที่อนุญาตตรวจโดย GDCC-GRAPH-004"
    ctx.note(r, "public_endpoint", True, because=Text(en=en, th=th))


#: What a trusted-services bypass lets through the firewall of Event Hubs, Service Bus,
#: Cosmos DB and AI Search: the Microsoft services each service's page lists as trusted (for
#: Cosmos DB, the services allowed to bypass its firewall checks; ``network_acl_bypass_ids``
#: names resources such as Azure Synapse workspaces), which
#: still authenticate like any client (keys or Microsoft Entra ID with an Azure role): not
#: every client hosted in Azure, unlike the SQL family's 0.0.0.0 rule. Pages: Event Hubs
#: learn.microsoft.com/azure/event-hubs/network-security ("Trusted services"), Service Bus
#: learn.microsoft.com/azure/service-bus-messaging/service-bus-service-endpoints ("Trusted
#: Microsoft services"), Cosmos DB learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall
#: (``networkAclBypass``, "Indicates what services are allowed to bypass firewall checks",
#: with ``networkAclBypassResourceIds``), AI Search REST ``NetworkRuleSet.bypass``
#: ("AzureServices: requests originating from Azure trusted services can bypass the rules
#: defined in the 'ipRules' section"; "None" is the default).
TRUSTED_BYPASS = {
    "eventhub": Text(
        en="trusted Microsoft services (trusted_service_access_enabled): only those Microsoft "
        "lists for Event Hubs, each still authenticated (keys or Microsoft Entra ID), not "
        "every client hosted in Azure",
        th="บริการที่ Microsoft รับรอง (trusted_service_access_enabled) เฉพาะที่ Microsoft "
        "ระบุไว้สำหรับ Event Hubs ซึ่งยังต้องยืนยันตัวตน (กุญแจหรือ Microsoft Entra ID) "
        "ไม่ใช่ไคลเอนต์ทุกตัวที่อยู่ใน Azure",
    ),
    "servicebus": Text(
        en="trusted Microsoft services (trusted_services_allowed): only those Microsoft lists "
        "for Service Bus, each still authenticated (keys or Microsoft Entra ID), not every "
        "client hosted in Azure",
        th="บริการที่ Microsoft รับรอง (trusted_services_allowed) เฉพาะที่ Microsoft "
        "ระบุไว้สำหรับ Service Bus ซึ่งยังต้องยืนยันตัวตน (กุญแจหรือ Microsoft Entra ID) "
        "ไม่ใช่ไคลเอนต์ทุกตัวที่อยู่ใน Azure",
    ),
    "cosmos": Text(
        en="Azure services allowed to bypass its firewall checks "
        "(network_acl_bypass_for_azure_services; network_acl_bypass_ids names the resources, "
        "such as Azure Synapse workspaces), still authenticated (account keys or Microsoft "
        "Entra ID), not every client hosted in Azure",
        th="บริการ Azure ที่ได้รับอนุญาตให้ข้ามการตรวจของ firewall "
        "(network_acl_bypass_for_azure_services; network_acl_bypass_ids ระบุทรัพยากร เช่น "
        "workspace ของ Azure Synapse) ซึ่งยังต้องยืนยันตัวตน (กุญแจของบัญชีหรือ "
        "Microsoft Entra ID) ไม่ใช่ไคลเอนต์ทุกตัวที่อยู่ใน Azure",
    ),
    "search": Text(
        en="Azure trusted services (network_rule_bypass_option AzureServices), still "
        "authenticated (API keys or Microsoft Entra ID), not every client hosted in Azure",
        th="บริการ Azure ที่ได้รับความเชื่อถือ (network_rule_bypass_option AzureServices) "
        "ซึ่งยังต้องยืนยันตัวตน (API key หรือ Microsoft Entra ID) "
        "ไม่ใช่ไคลเอนต์ทุกตัวที่อยู่ใน Azure",
    ),
}


def with_bypass(admits: Text | str | None, kind: str, on: bool) -> Text | str | None:
    """``admits`` (what a firewall admits, for :func:`name_firewall`) with the trusted
    services its bypass lets through (:data:`TRUSTED_BYPASS`) when ``on``; unchanged when
    off or when the firewall lists nothing (it then admits every address anyway)."""
    if not on or not admits:
        return admits
    what = admits if isinstance(admits, Text) else Text(en=admits, th=admits)
    extra = TRUSTED_BYPASS[kind]
    return Text(en=f"{what.en}, and {extra.en}", th=f"{what.th} และ{extra.th}")


def named_subnets(
    ctx: TfContext, holder: TfResource, attribute: str, count: int
) -> Text:
    """The subnets ``count`` virtual network rules written under ``attribute`` of ``holder``
    name, for a NET-002 message: each subnet of the scan by its address (an azurerm or AzAPI
    subnet), and how many are not in the scan (``subnet azurerm_subnet.app and 1 subnet not
    in the scan``)."""
    found = [
        item.address
        for item in ctx.referenced_all(holder, attribute, ("azurerm_subnet", "azapi_resource"))
        if azapi_subnets.is_subnet(item)
    ][:count]
    rest = count - len(found)
    en: list[str] = []
    th: list[str] = []
    if found:
        en.append(("subnets " if len(found) > 1 else "subnet ") + ", ".join(found))
        th.append("subnet " + ", ".join(found))
    if rest:
        en.append(f"{rest} subnet{'s' if rest > 1 else ''} not in the scan")
        th.append(f"subnet ที่ไม่อยู่ในชุดที่ตรวจ {rest} รายการ")
    return Text(en=" and ".join(en), th=" และ ".join(th))


def listed(ranges: tuple[str, ...]) -> str:
    """The ranges of a firewall for a message (``203.0.113.0/24, 198.51.100.7``)."""
    return ", ".join(ranges)


def https_ingress(
    r: TfResource, public: bool | None, ranges: tuple[str, ...] | None, endpoints: list[str],
    attribute: str,
) -> tuple[IngressRule, ...]:
    """What a service with an IP allow-list admits on HTTPS: with public network access on,
    every address when nothing is listed (the public endpoint answers every network), else
    the listed ranges (``attribute`` declares them); with it off, nothing from the internet;
    not known, a rule whose sources are not known. Its private endpoints (``endpoints``)
    admit addresses of their virtual networks that are not read."""

    def rule(sources: tuple[str, ...] | None, by: str | None) -> IngressRule:
        return IngressRule(protocol="tcp", from_port=HTTPS, to_port=HTTPS, sources=sources,
                           declared_by=by)

    found: list[IngressRule] = []
    if public is not False:
        if ranges is None or public is None:
            found.append(rule(None, r.address))
        elif not ranges:
            found.append(rule(("0.0.0.0/0",), r.address))
        else:
            found.extend(rule((as_source(item),), f"{r.address} {attribute}") for item in ranges)
    found.extend(rule(None, endpoint) for endpoint in endpoints)
    return tuple(found)


#: The ports of a Service Bus or Event Hubs namespace: AMQP 5671 (TLS) and 5672, HTTPS 443
#: (REST, AMQP over WebSockets): the IP firewall rules "apply to all connections from clients
#: using any supported protocol (AMQP (5671) and HTTPS (443))" (learn.microsoft.com/azure/
#: service-bus-messaging/service-bus-ip-filtering; event-hubs-ip-filtering alike).
BROKER_PORTS = (5671, 5672, 443)


def broker_ingress(
    r: TfResource, public: bool | None, everyone: bool | None, ranges: tuple[str, ...],
    subnets: Sequence[tuple[str, ...] | None], endpoints: list[str],
    attributes: tuple[str, str],
) -> tuple[IngressRule, ...]:
    """What a message broker namespace admits on :data:`BROKER_PORTS`: with public network
    access on (``public``), every address when its rule set admits every one (``everyone``:
    no rule set, default action Allow, Deny with no rule, a tier without the feature), else
    its IP rules' ranges (``ranges``, ``attributes[0]`` declares them) and the subnets of its
    virtual network rules (``subnets``, ``attributes[1]``: the sources of a subnet of the
    scan, ``azurerm._subnet_ref``, None for one not known); not known, a rule whose sources
    are not known. Its private endpoints admit addresses of their virtual
    networks that are not read. No graph rule judges a broker (``messaging.*`` is in none of
    their kinds, docs/graph.md): the edges say who reaches it."""

    def rules(sources: tuple[str, ...] | None, by: str) -> list[IngressRule]:
        return [IngressRule(protocol="tcp", from_port=port, to_port=port, sources=sources,
                            declared_by=by) for port in BROKER_PORTS]

    found: list[IngressRule] = []
    if public is not False:
        if public is None or everyone is None:
            found.extend(rules(None, r.address))
        elif everyone:
            found.extend(rules(("0.0.0.0/0",), r.address))
        else:
            ip_attribute, subnet_attribute = attributes
            for item in ranges:
                found.extend(rules((as_source(item),), f"{r.address} {ip_attribute}"))
            for subnet in subnets:
                found.extend(rules(subnet, f"{r.address} {subnet_attribute}"))
    for endpoint in endpoints:
        found.extend(rules(None, endpoint))
    return tuple(found)


#: What ``bypass = AzureServices`` admits through a storage account's or key vault's firewall
#: that denies by default: "a subset of such trusted Azure services" (a fixed list: Azure
#: Backup, Azure Monitor, Event Grid, ...) that "use strong authentication to connect"
#: (learn.microsoft.com/azure/storage/common/storage-network-security, "Grant access to
#: trusted Azure services"); for Key Vault "trusted Microsoft services" that still need a
#: Microsoft Entra token and the vault's permissions (learn.microsoft.com/azure/key-vault/
#: general/overview-vnet-service-endpoints). No client of another tenant gets in by it,
#: unlike the SQL family's 0.0.0.0 rule (``AZURE_SERVICES``): the firewall still narrows the
#: endpoint (GDCC-NET-004 PASS), and the reason says so (azurerm and AzAPI).
TRUSTED_SERVICES = {
    "storage": Text(
        en="its firewall denies other networks; bypass AzureServices lets only Microsoft's "
        "trusted Azure services through, each still authorized by the account's keys or "
        "Azure RBAC, not every client hosted in Azure "
        "(learn.microsoft.com/azure/storage/common/storage-network-security)",
        th="firewall ปฏิเสธเครือข่ายอื่น bypass AzureServices ให้ผ่านได้เฉพาะบริการ Azure "
        "ที่ Microsoft รับรอง ซึ่งยังต้องได้รับอนุญาตด้วยกุญแจของบัญชีหรือ Azure RBAC "
        "ไม่ใช่ไคลเอนต์ทุกตัวที่อยู่ใน Azure "
        "(learn.microsoft.com/azure/storage/common/storage-network-security)",
    ),
    "vault": Text(
        en="its firewall denies other networks; bypass AzureServices lets only trusted "
        "Microsoft services through, each still signing in with Microsoft Entra ID and "
        "authorized by the vault's access policies or Azure RBAC, not every client hosted in "
        "Azure (learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints)",
        th="firewall ปฏิเสธเครือข่ายอื่น bypass AzureServices ให้ผ่านได้เฉพาะบริการที่ Microsoft "
        "รับรอง ซึ่งยังต้องลงชื่อเข้าใช้ด้วย Microsoft Entra ID และได้รับอนุญาตจาก access policy "
        "ของ vault หรือ Azure RBAC ไม่ใช่ไคลเอนต์ทุกตัวที่อยู่ใน Azure "
        "(learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints)",
    ),
}
