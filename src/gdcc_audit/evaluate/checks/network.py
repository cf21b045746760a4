"""Network checks: what the internet can reach."""

from __future__ import annotations

from typing import Any

from gdcc_audit.evaluate.rule import Outcome, RuleContext, not_applicable, passed, unknown
from gdcc_audit.models import cidr
from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import AclRule, Resource


def admin_ports_not_public(resource: Resource, context: RuleContext) -> Outcome:
    """No management port (SSH, RDP, database ports...) is open to the whole internet.

    Sources are judged as address ranges (:mod:`gdcc_audit.models.cidr`): any /0 prefix
    (``192.168.1.0/0`` too), ``::/0``, provider words such as ``*`` or ``Internet``, and
    ranges that together cover every address all mean "the internet". One finding per
    resource: every exposed port and the sources that expose it are in its evidence.
    """
    ports: list[int] = list(context.params.get("ports", [22, 3389]))
    if resource.kind == "network.acl":
        return _acl_admin_ports(resource, ports)
    rules = resource.facets.ingress
    if rules is None and resource.kind == "compute.instance":
        referenced = context.graph.references(resource, "network.security_group")
        groups = sorted(g.name for g in referenced)
        if groups:
            # The instance's exposure is its security groups' rules, judged (and reported) there.
            return not_applicable(
                Text(
                    en=f"judged on its security groups: {', '.join(groups)}",
                    th=f"ประเมินที่กลุ่มความปลอดภัยของเครื่อง: {', '.join(groups)}",
                ),
                security_groups=groups,
            )
    if rules is None:
        return unknown(Text(en="inbound rules are not known", th="ไม่ทราบกฎขาเข้า"))
    exposed: set[int] = set()
    doubtful: set[int] = set()
    by_source: set[str] = set()
    for rule in rules:
        internet = rule.from_internet
        for port in ports:
            covered = rule.covers(port)
            if internet and covered:
                exposed.add(port)
                by_source.update(rule.internet_sources)
            elif covered is not False and internet is not False:
                doubtful.add(port)
    if exposed:
        listed = ", ".join(str(p) for p in sorted(exposed))
        origins = ", ".join(sorted(by_source))
        noun_en = "port {} is" if len(exposed) == 1 else "ports {} are"
        evidence: dict[str, Any] = {"ports": sorted(exposed), "sources": sorted(by_source)}
        if doubtful - exposed:
            evidence["undetermined_ports"] = sorted(doubtful - exposed)
        message = Text(
            en=f"{noun_en.format(listed)} open to the whole internet ({origins})",
            th=f"พอร์ต {listed} เปิดให้เข้าถึงได้จากอินเทอร์เน็ตทั้งหมด ({origins})",
        )
        return Outcome(Status.FAIL, message, evidence)
    if doubtful:
        listed = ", ".join(str(p) for p in sorted(doubtful))
        return unknown(
            Text(
                en=f"cannot tell whether port(s) {listed} are open to the internet",
                th=f"ไม่สามารถระบุได้ว่าพอร์ต {listed} เปิดสู่อินเทอร์เน็ตหรือไม่",
            ),
            undetermined_ports=sorted(doubtful),
        )
    return passed(checked_ports=ports)


def _acl_covers(rule: AclRule, port: int) -> bool | None:
    """Whether an ACL entry matches traffic to ``port`` (TCP or UDP; ICMP never)."""
    if rule.protocol in ("icmp", "icmpv6"):
        return False
    if rule.protocol == "all":
        return True
    if rule.protocol == "unknown" or rule.from_port is None or rule.to_port is None:
        return None
    return rule.from_port <= port <= rule.to_port


def _acl_port(entries: list[AclRule], port: int) -> tuple[str, str | None]:
    """How one port fares from the whole internet through inbound ``entries`` (sorted by
    number, unknown numbers last): ``open`` (with the /0 range that allows it), ``closed`` or
    ``doubtful``. The first entry for the whole IPv4 or IPv6 internet (a /0 range) that
    matches the port decides for that IP version; an entry for part of the internet neither
    opens the port to all of it nor closes it; an entry that may allow and whose number,
    action, ports or range is not known may decide either way; a deny whose number, ports or
    range is not known can only close the port (an allow after it is doubtful, and without an
    allow the port stays closed); no entry matching: denied (the ACL's final ``*`` entry)."""
    outcome: tuple[str, str | None] = ("closed", None)
    for version in (4, 6):
        matching = []
        for entry in entries:
            covers = _acl_covers(entry, port)
            network = cidr.parse(entry.cidr) if entry.cidr is not None else None
            if covers is not False and (network is None or network.version == version):
                matching.append((entry, covers, network))
        # an entry of unknown number may come before any other: one that may allow may open
        # the port, a deny may close it first
        unsure = any(e.number is None and e.allow is not False for e, _, _ in matching)
        may_deny_first = any(e.number is None and e.allow is False for e, _, _ in matching)
        decided = False
        for entry, covers, network in matching:
            not_known = network is None or covers is None or entry.number is None
            if entry.allow is False and not_known:
                may_deny_first = True  # it may close the port before what follows
                continue
            if not_known or entry.allow is None:
                unsure = True  # may allow, may deny, for any address
                continue
            if network is None or network.prefixlen != 0:
                continue
            decided = True
            if entry.allow and not unsure and not may_deny_first:
                return "open", entry.cidr
            if entry.allow or unsure:
                outcome = ("doubtful", None)
            break
        if unsure and not decided:
            outcome = ("doubtful", None)
    return outcome


def _acl_admin_ports(resource: Resource, ports: list[int]) -> Outcome:
    """A network ACL whose inbound entries let the whole internet reach a management port
    (CIS AWS Foundations: no network ACL allows ingress from 0.0.0.0/0 to remote server
    administration ports). Entries are read in number order, first match wins."""
    rules = resource.facets.acl_rules
    if rules is None:
        return unknown(
            Text(
                en="the entries of the network ACL are not known",
                th="ไม่ทราบรายการกฎของ network ACL",
            )
        )
    entries = sorted(
        (r for r in rules if not r.egress), key=lambda r: (r.number is None, r.number or 0)
    )
    exposed: dict[int, str] = {}
    doubtful: list[int] = []
    for port in ports:
        verdict, source = _acl_port(entries, port)
        if verdict == "open" and source is not None:
            exposed[port] = source
        elif verdict == "doubtful":
            doubtful.append(port)
    if exposed:
        listed = ", ".join(str(p) for p in sorted(exposed))
        origins = ", ".join(sorted(set(exposed.values())))
        noun_en = "port {} is" if len(exposed) == 1 else "ports {} are"
        evidence: dict[str, Any] = {
            "ports": sorted(exposed),
            "sources": sorted(set(exposed.values())),
        }
        if doubtful:
            evidence["undetermined_ports"] = sorted(doubtful)
        return Outcome(
            Status.FAIL,
            Text(
                en=f"the network ACL lets the whole internet ({origins}) reach "
                f"{noun_en.format(listed)}",
                th=f"network ACL อนุญาตให้อินเทอร์เน็ตทั้งหมด ({origins}) เข้าถึงพอร์ต {listed}",
            ),
            evidence,
        )
    if doubtful:
        listed = ", ".join(str(p) for p in doubtful)
        return unknown(
            Text(
                en=f"cannot tell whether the network ACL lets the internet reach port(s) {listed}",
                th=f"ไม่สามารถระบุได้ว่า network ACL อนุญาตให้อินเทอร์เน็ตเข้าถึงพอร์ต {listed} หรือไม่",
            ),
            undetermined_ports=sorted(doubtful),
        )
    return passed(checked_ports=ports)
