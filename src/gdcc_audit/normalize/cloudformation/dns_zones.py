"""CloudFormation Route 53 hosted zones (GDCC-DNS-001 DNSSEC, GDCC-DNS-002 query logging), as
Terraform's ``aws_route53_zone`` (``normalize/terraform/dns_logging.py``).

``AWS::Route53::HostedZone`` is public unless it lists ``VPCs``. A public zone logs its
queries with its own ``QueryLoggingConfig``; a private zone's queries are logged by Route 53
Resolver query logging on the VPCs that ask them
(``AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation`` naming the VPC), set where
the VPC is made. DNSSEC signing is off until an ``AWS::Route53::DNSSEC`` names the zone.
The associations, ``AWS::Route53::DNSSEC`` and key-signing keys are folded into the zones.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, kind_only
from gdcc_audit.normalize.cloudformation.values import ResourceRef, as_str, dig, is_known

ZONE = "AWS::Route53::HostedZone"
DNSSEC = "AWS::Route53::DNSSEC"
KEY_SIGNING_KEY = "AWS::Route53::KeySigningKey"
RESOLVER_LOGGING = "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation"
_VPC = "AWS::EC2::VPC"
#: Folded into the zones (or, for an association, the VPC's private zones): not listed.
_FOLDED = frozenset({DNSSEC, KEY_SIGNING_KEY, RESOLVER_LOGGING})


def hosted_zone(props: dict[str, Any]) -> Mapped:
    """A hosted zone: private when it lists ``VPCs``; DNSSEC off until linked; a public zone
    logs with ``QueryLoggingConfig.CloudWatchLogsLogGroupArn`` (off by default), a private
    zone's logging is decided by ``link_zones``."""
    vpcs = props.get("VPCs")
    if not is_known(vpcs):
        public: bool | None = None
    else:
        public = not (isinstance(vpcs, list) and vpcs)
    arn = dig(props, "QueryLoggingConfig", "CloudWatchLogsLogGroupArn")
    logging: bool | None = None
    if public is True:
        logging = arn is not None  # a reference or parameter is a log group all the same
    return Mapped(
        "network.dns_zone",
        {"public_endpoint": public, "dnssec": False, "access_logging": logging},
    )


TYPES: dict[str, TypeMapper] = {
    ZONE: hosted_zone,
    # folded into their zones by link_zones
    DNSSEC: kind_only("network.dns_zone"),
    KEY_SIGNING_KEY: kind_only("network.dns_zone"),
    RESOLVER_LOGGING: kind_only("network.dns_zone"),
}


def _vpc_key(value: Any, by_id: dict[str, Pending]) -> tuple[str, str] | None:
    """A VPC a property names: ``("vpc", logical id)`` of the template's VPC, ``("id",
    literal)`` for a literal id, None when not known (a parameter without a value, an import)."""
    if isinstance(value, ResourceRef):
        found = by_id.get(value.target)
        if found is not None and found.provider_type == _VPC:
            return ("vpc", value.target)
        return None
    text = as_str(value) if is_known(value) else None
    return ("id", text) if text else None


def _private_logging(zone: Pending, logged: set[tuple[str, str]], by_id: dict[str, Pending]
                     ) -> None:
    """Decide a private zone's query logging from the Resolver associations of the
    template (see ``normalize/terraform/dns_logging.private_zone_logging``)."""
    vpcs = zone.props.get("VPCs")
    keys = [_vpc_key(dig(v, "VPCId"), by_id) for v in vpcs] if isinstance(vpcs, list) else []
    silent = [k[1] for k in keys if k is not None and k[0] == "vpc" and k not in logged]
    mapped = zone.mapped
    if silent:
        mapped.facets["access_logging"] = False
        mapped.because["access_logging"] = Text(
            en=f"no {RESOLVER_LOGGING} of the template names its VPC {', '.join(silent)}: "
            "queries from it are not logged (off by default)",
            th=f"ไม่มี {RESOLVER_LOGGING} ในเทมเพลตที่ระบุ VPC {', '.join(silent)} ของโซนนี้ "
            "คำสอบถามจาก VPC นั้นจึงไม่ถูกบันทึก (ค่าเริ่มต้นปิดอยู่)",
        )
        return
    outside = [k for k in keys if k is None or k[0] != "vpc"]
    if outside and not all(k in logged for k in outside):
        named = ", ".join(k[1] for k in outside if k is not None)
        where = f"its VPC {named} is not in the template" if named else (
            "its VPC is given by a value not known from the template (a parameter, an import)"
        )
        mapped.facets["access_logging"] = None
        mapped.unknown["access_logging"] = Text(
            en="a private zone's queries are logged by Resolver query logging on the VPCs that "
            f"ask them ({RESOLVER_LOGGING}), set where the VPC is made; {where}",
            th="คำสอบถามของโซนส่วนตัวถูกบันทึกโดย Resolver query logging ของ VPC ที่ส่งคำสอบถาม "
            f"({RESOLVER_LOGGING}) ซึ่งกำหนดที่ VPC นั้น VPC ของโซนนี้ไม่อยู่ในเทมเพลต"
            f"{' (' + named + ')' if named else ''}",
        )
        return
    mapped.facets["access_logging"] = bool(keys)


def link_zones(items: list[Pending]) -> list[Pending]:
    """Fold DNSSEC, key-signing keys and Resolver query logging associations into the hosted
    zones they concern; decide each private zone's query logging."""
    by_id = {i.logical_id: i for i in items}
    logged: set[tuple[str, str]] = set()
    for item in items:
        if item.provider_type == RESOLVER_LOGGING:
            key = _vpc_key(item.props.get("ResourceId"), by_id)
            if key is not None:
                logged.add(key)
        elif item.provider_type == DNSSEC:
            target = item.props.get("HostedZoneId")
            zone = by_id.get(target.target) if isinstance(target, ResourceRef) else None
            if zone is not None and zone.provider_type == ZONE:
                zone.mapped.facets["dnssec"] = True
                zone.mapped.written.add("dnssec")
                zone.references.append(Reference(target=item.logical_id, attribute="dnssec"))
    for item in items:
        if item.provider_type == ZONE and item.mapped.facets.get("public_endpoint") is False:
            _private_logging(item, logged, by_id)
    return [i for i in items if i.provider_type not in _FOLDED]
