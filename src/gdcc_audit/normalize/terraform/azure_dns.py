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

Query logging (GDCC-DNS-002) is limited to AWS and Google (rule applicability): Azure public
DNS keeps no query log of a zone; private-zone queries are logged per virtual network by a DNS
security policy, not read here.
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.azapi_body import arm_type, properties, same, same_type
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext

PUBLIC_ZONE = "Microsoft.Network/dnsZones"
PRIVATE_ZONE = "Microsoft.Network/privateDnsZones"
DNSSEC_CONFIG = "Microsoft.Network/dnsZones/dnssecConfigs"
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


def public_zone(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_dns_zone`` (module docstring)."""
    return "network.dns_zone", Facets(public_endpoint=True, dnssec=_dnssec(r, ctx))


def private_zone(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_private_dns_zone`` / AzAPI ``privateDnsZones``: resolvable only from its
    linked virtual networks."""
    return "network.dns_zone", Facets(public_endpoint=False)


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
