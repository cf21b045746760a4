"""Network checks: what the internet can reach."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, not_applicable, passed, unknown
from gdcc_audit.graph import azure
from gdcc_audit.graph.acl_numbers import PossibleAcls, possible_acls
from gdcc_audit.models import cidr
from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.models.resource import (
    NAMES_DEFAULT_GROUP,
    VPC_FIREWALLS_KNOWN,
    AclRule,
    IngressRule,
    Resource,
)


def admin_ports_not_public(resource: Resource, context: RuleContext) -> Outcome:
    """No management port (SSH, RDP, database ports...) is open to the whole internet.

    Sources are judged as address ranges (:mod:`gdcc_audit.models.cidr`): any /0 prefix
    (``192.168.1.0/0`` too), ``::/0``, provider words such as ``*`` or ``Internet``, and
    ranges that together cover every address all mean "the internet". One finding per
    resource: every exposed port and the sources that expose it are in its evidence, with the
    rule that opens each port (``opened_by``: its declaring resource and ``file:line``; a rule
    of a separate resource, such as ``aws_security_group_rule``, is named in the message).
    """
    ports: list[int] = list(context.params.get("ports", [22, 3389]))
    if resource.kind == "network.acl":
        return _acl_admin_ports(resource, ports)
    rules = resource.facets.ingress
    if rules is None and resource.kind == "compute.instance" and azure.applies(resource):
        judged = _azure_vm(resource, context, ports)
        if judged is not None:
            return judged
    if rules is None and resource.kind == "compute.instance":
        judged = _judged_on_groups(resource, context)
        if judged is not None:
            return judged
        default = context.graph.default_group(resource)
        if default is not None:
            return _in_default_group(default, _names_default(resource))
    if rules is None:
        # ``ingress`` named only when the mapper says why (Resource.unknown): the engine adds it
        why: dict[str, Any] = {"ingress": None} if "ingress" in resource.unknown else {}
        return unknown(Text(en="inbound rules are not known", th="ไม่ทราบกฎขาเข้า"), **why)
    exposed: set[int] = set()
    doubtful: set[int] = set()
    by_source: set[str] = set()
    opened_by: list[dict[str, Any]] = []
    maybe_by: list[tuple[int, IngressRule]] = []
    for rule in rules:
        internet = rule.from_internet
        for port in ports:
            covered = rule.covers(port)
            if internet and covered:
                exposed.add(port)
                by_source.update(rule.internet_sources)
                opened_by.append(
                    {"port": port, "sources": list(rule.internet_sources),
                     **_declared(resource, rule)}
                )
            elif covered is not False and internet is not False:
                doubtful.add(port)
                maybe_by.append((port, rule))
    undetermined = doubtful - exposed
    undetermined_by = [
        {"port": port, **_declared(resource, rule)}
        for port, rule in maybe_by
        if port in undetermined
    ]
    if exposed:
        listed = ", ".join(str(p) for p in sorted(exposed))
        origins = ", ".join(sorted(by_source))
        opened_by.sort(key=lambda item: item["port"])
        evidence: dict[str, Any] = {
            "ports": sorted(exposed),
            "sources": sorted(by_source),
            "opened_by": opened_by,
        }
        if undetermined:
            evidence["undetermined_ports"] = sorted(undetermined)
            evidence["undetermined_by"] = sorted(undetermined_by, key=lambda i: i["port"])
        where_en, where_th = _opened_by_text(resource, opened_by, sorted(exposed))
        if cidr.covers_internet(by_source):
            reach_en, reach_th = "the whole internet", "อินเทอร์เน็ตทั้งหมด"
        else:
            # a public range of /8 (IPv6 /16) or wider: a large part of the internet
            reach_en, reach_th = "the internet", "อินเทอร์เน็ต"
        message = Text(
            en=f"{_ports_en(sorted(exposed))} open to {reach_en} ({origins}){where_en}",
            th=f"พอร์ต {listed} เปิดให้เข้าถึงได้จาก{reach_th} ({origins}){where_th}",
        )
        return Outcome(Status.FAIL, message, evidence)
    if doubtful:
        listed = ", ".join(str(p) for p in sorted(doubtful))
        verb = "is" if len(doubtful) == 1 else "are"
        # why the sources are not known, when the input said it (a prefix list outside the
        # scan: normalize.prefix_lists)
        whys = list(dict.fromkeys(r.unknown_why for _, r in maybe_by if r.unknown_why))
        why_en = "".join(f": {w.en}" for w in whys[:1]) + "".join(f"; {w.en}" for w in whys[1:])
        why_th = "".join(f": {w.th}" for w in whys[:1]) + "".join(f"; {w.th}" for w in whys[1:])
        return unknown(
            Text(
                en=f"cannot tell whether {_noun(sorted(doubtful))} {listed} {verb} open to the "
                f"internet{why_en}",
                th=f"ไม่สามารถระบุได้ว่าพอร์ต {listed} เปิดสู่อินเทอร์เน็ตหรือไม่{why_th}",
            ),
            undetermined_ports=sorted(doubtful),
            undetermined_by=sorted(undetermined_by, key=lambda i: i["port"]),
        )
    return passed(checked_ports=ports)


def _judged_on_groups(resource: Resource, context: RuleContext) -> Outcome | None:
    """An instance whose rules are its security groups' (VPC firewall rules for Compute
    Engine): NOT_APPLICABLE, judged there; UNKNOWN on the default network when its
    pre-populated rules are judged nowhere; None when it has none known."""
    from gdcc_audit.graph.defaults import (
        PROJECT_TYPES,
        is_uncertain,
        why_not_known,
    )
    from gdcc_audit.graph.network import LAUNCHER_TYPES

    referenced = list(context.graph.references(resource, "network.security_group"))
    for template in context.graph.references(resource):
        if template.provider_type in LAUNCHER_TYPES:
            # launched from a launch template: its groups are the instance's
            referenced.extend(context.graph.references(template, "network.security_group"))
    groups = sorted({g.name for g in referenced if g.provider_type not in PROJECT_TYPES})
    network = context.graph.default_groups().google_default_network(resource)
    if network is not None and is_uncertain(network):
        # the default network's pre-populated rules: judged nowhere in the scan
        why = why_not_known(network)
        return unknown(
            Text(en=f"inbound rules are not known: {why}",
                 th=f"ไม่ทราบกฎขาเข้า: {reason_th(why)}"),
            security_groups=groups,
        )
    if network is not None:
        groups = sorted({*groups, network.name})  # the project, judged as a rule set
    if not groups and resource.attributes.get(VPC_FIREWALLS_KNOWN) is True:
        return not_applicable(
            Text(
                en="no VPC firewall rule of the scan admits traffic to it (Google Cloud "
                "denies ingress that no rule allows)",
                th="ไม่มีกฎไฟร์วอลล์ VPC ในการตั้งค่าที่ตรวจอนุญาตการเชื่อมต่อเข้ามา "
                "(Google Cloud ปฏิเสธการเชื่อมต่อขาเข้าที่ไม่มีกฎอนุญาต)",
            ),
            security_groups=[],
        )
    if groups:
        # The instance's exposure is its security groups' rules, judged (and reported) there.
        return not_applicable(
            Text(
                en=f"judged on its security groups: {', '.join(groups)}",
                th=f"ประเมินที่กลุ่มความปลอดภัยของเครื่อง: {', '.join(groups)}",
            ),
            security_groups=groups,
        )
    return None


def _sku_notes(routes: list[azure.Route]) -> tuple[str, str]:
    """`` (...)`` naming where the public IP SKU of ``routes`` comes from when not written
    (a provider default of the versions the root runs with, or why it is not known), in
    English and Thai; empty when every SKU is written."""
    notes = list(dict.fromkeys(r.sku_note for r in routes if r.sku_note is not None))
    if not notes:
        return "", ""
    return (
        f" ({'; '.join(n.en for n in notes)})",
        f" ({'; '.join(n.th for n in notes)})",
    )


def _azure_vm(resource: Resource, context: RuleContext, ports: list[int]) -> Outcome | None:
    """An Azure VM has no rules of its own: the NSGs of its network interfaces and of their
    subnets filter it (``graph/azure.py``), judged on those groups. A way in without any NSG
    lets every port in: from the internet through a Basic SKU public IP ("Open by default"),
    not through a Standard one ("closed to inbound traffic ... NSG is required"; learn.
    microsoft.com/azure/virtual-network/ip-services/public-ip-addresses). None when its
    network interfaces are not known."""
    routes = azure.routes(context.graph, resource)
    if routes is None:
        return None
    groups = sorted({name for route in routes for name in route.groups})
    bare = [r for r in routes if r.open and r.public is not False and r.sku != "standard"]
    sure = sorted({r.interface for r in bare if r.public is True and r.sku == "basic"})
    if sure:
        names = ", ".join(sure)
        en, th = _sku_notes([r for r in bare if r.interface in sure and r.sku == "basic"])
        return failed(
            Text(
                en=f"{_ports_en(ports)} open to the whole internet: no network security group "
                f"on {names} or its subnet, and its Basic SKU public IP is open by default{en}",
                th=f"พอร์ต {', '.join(str(p) for p in ports)} เปิดให้เข้าถึงได้จากอินเทอร์เน็ตทั้งหมด: "
                f"ไม่มี network security group ที่ {names} หรือ subnet ของมัน และ public IP แบบ "
                f"Basic SKU เปิดรับโดยปริยาย{th}",
            ),
            ports=ports,
            interfaces=sure,
        )
    if bare:
        names = ", ".join(sorted({r.interface for r in bare}))
        en, th = _sku_notes(bare)
        return unknown(
            Text(
                en=f"cannot tell whether {_noun(ports)} {', '.join(str(p) for p in ports)} "
                f"{'is' if len(ports) == 1 else 'are'} open to the internet: no network security "
                f"group on {names} or its subnet, and whether its public IP is of the Basic SKU "
                f"(open by default) is not known{en}",
                th=f"ไม่สามารถระบุได้ว่าพอร์ต {', '.join(str(p) for p in ports)} เปิดสู่อินเทอร์เน็ตหรือไม่: "
                f"ไม่มี network security group ที่ {names} หรือ subnet ของมัน และไม่ทราบว่า public IP "
                f"เป็นแบบ Basic SKU (เปิดรับโดยปริยาย) หรือไม่{th}",
            ),
            undetermined_ports=ports,
        )
    if groups:
        return not_applicable(
            Text(
                en=f"judged on its network security groups: {', '.join(groups)}",
                th=f"ประเมินที่ network security group ของเครื่อง: {', '.join(groups)}",
            ),
            security_groups=groups,
        )
    hidden = [r for r in routes if r.rules is None and not r.open]
    if hidden:
        return _private_behind_unknown(hidden) if all(
            r.public is False for r in routes
        ) else None
    return passed(
        Text(
            en="no network security group filters it, but no public IP address lets the "
            "internet in (none, or of the Standard SKU: closed until an NSG allows)",
            th="ไม่มี network security group กรองทราฟฟิก แต่ไม่มี public IP ที่ให้อินเทอร์เน็ตเข้ามาได้ "
            "(ไม่มี หรือเป็นแบบ Standard SKU ที่ปิดจนกว่า NSG จะอนุญาต)",
        ),
        checked_ports=ports,
    )


def _private_behind_unknown(hidden: list[azure.Route]) -> Outcome:
    """UNKNOWN for an Azure VM with no public IP address of its own whose NSG is not known
    (its subnet in a module that was not read: Azure Verified Modules' examples). Not PASS: a
    public load balancer, application gateway or firewall DNAT rule outside the scan may
    still forward the internet to it, filtered only by that NSG."""
    names = ", ".join(sorted({r.interface for r in hidden}))
    why = "; ".join(dict.fromkeys(r.why for r in hidden if r.why))
    return unknown(
        Text(
            en=f"it has no public IP address of its own (network interface {names}), but the "
            f"network security group that filters it is not known: {why}; a public load "
            "balancer, application gateway or firewall DNAT rule outside the scan may still "
            "forward the internet to it, filtered only by that group",
            th=f"เครื่องนี้ไม่มี public IP ของตนเอง (network interface {names}) แต่ไม่ทราบ "
            f"network security group ที่กรองทราฟฟิกของมัน: {reason_th(why)}; load balancer "
            "สาธารณะ, application gateway หรือกฎ DNAT ของไฟร์วอลล์ที่อยู่นอกการตั้งค่าที่ตรวจ "
            "ยังอาจส่งต่อทราฟฟิกจากอินเทอร์เน็ตมายังเครื่องนี้ โดยมีเพียง network security group "
            "นั้นกรอง",
        ),
    )


def _noun(ports: list[int]) -> str:
    return "port" if len(ports) == 1 else "ports"


def _ports_en(ports: list[int]) -> str:
    """``port 22 is`` / ``ports 22, 3389 are``."""
    listed = ", ".join(str(p) for p in ports)
    return f"port {listed} is" if len(ports) == 1 else f"ports {listed} are"


def _declared(resource: Resource, rule: AclRule | IngressRule) -> dict[str, Any]:
    """Who declares a rule and where: the separate resource it came from, else the resource
    holding it (an inline block), with ``file:line``; and where a parameter value of it is
    set (``value_set_at``), when one is."""
    set_at = getattr(rule, "set_at", None)
    value = {"value_set_at": set_at} if set_at is not None else {}
    if rule.declared_by is not None:
        return {"declared_by": rule.declared_by, "declared_at": rule.declared_at, **value}
    location = resource.location
    at = location.file if location.start_line is None else f"{location.file}:{location.start_line}"
    return {
        "declared_by": resource.address or resource.name,
        "declared_at": rule.declared_at or at,
        **value,
    }


def _opened_by_text(
    resource: Resource, opened_by: list[dict[str, Any]], exposed: list[int]
) -> tuple[str, str]:
    """``; opened by aws_network_acl_rule.x at main.tf:9`` for the rules of other resources
    that open a port (the lines a user changes), in English and Thai; empty when every one is
    the resource's own."""
    own = resource.address or resource.name
    culprits: dict[tuple[str, str | None], list[int]] = {}
    for item in opened_by:
        if item["declared_by"] != own:
            ports = culprits.setdefault((item["declared_by"], item["declared_at"]), [])
            if item["port"] not in ports:
                ports.append(item["port"])
    if not culprits:
        return "", ""
    parts_en, parts_th = [], []
    for (by, at), ports in culprits.items():
        place_en = f"{by} at {at}" if at else by
        place_th = f"{reason_th(by)} ที่ {at}" if at else reason_th(by)
        if len(culprits) > 1 or sorted(ports) != exposed:
            listed = ", ".join(str(p) for p in sorted(ports))
            place_en += f" ({_noun(ports)} {listed})"
            place_th += f" (พอร์ต {listed})"
        parts_en.append(place_en)
        parts_th.append(place_th)
    return f"; opened by {', '.join(parts_en)}", f"; เปิดโดย {', '.join(parts_th)}"


def _acl_covers(rule: AclRule, port: int) -> bool | None:
    """Whether an ACL entry matches traffic to ``port`` (TCP or UDP; ICMP never)."""
    if rule.protocol in ("icmp", "icmpv6"):
        return False
    if rule.protocol == "all":
        return True
    if rule.protocol == "unknown" or rule.from_port is None or rule.to_port is None:
        return None
    return rule.from_port <= port <= rule.to_port


@dataclass(frozen=True)
class _PortFate:
    """How one port fares from the whole internet through a network ACL's inbound entries:
    ``verdict`` ``open``, ``closed`` or ``doubtful``; ``deciding``: the entry that opens it
    (one per IP version open); ``also``: allows for the whole internet behind a deciding
    entry and before any deny, which open the port too once it is removed (to be changed as
    well); ``may_open``: the entries that may open a doubtful port; ``shared``: the rule
    numbers shared by entry resources, of which AWS keeps one, that leave it doubtful;
    ``overwritten``: entry resources the ACL's inline entries remove at times, when it is
    open with them and closed without them or the other way round."""

    verdict: str
    deciding: tuple[AclRule, ...] = ()
    also: tuple[AclRule, ...] = ()
    may_open: tuple[AclRule, ...] = ()
    shared: tuple[tuple[int, tuple[AclRule, ...]], ...] = ()
    overwritten: tuple[AclRule, ...] = ()


def _distinct(entries: Sequence[AclRule]) -> tuple[AclRule, ...]:
    found: list[AclRule] = []
    for entry in entries:
        if all(entry is not seen for seen in found):
            found.append(entry)
    return tuple(found)


def _acl_fate(possible: PossibleAcls, port: int) -> _PortFate:
    """How one port fares through every ACL the entries may make (:mod:`acl_numbers`): open
    or closed when it is so in each, else doubtful, naming the shared numbers."""
    if not possible.acls:
        return _PortFate(
            "doubtful",
            may_open=tuple(
                e for e in (*(e for _, g in possible.shared for e in g), *possible.overwritten)
                if e.allow is not False
            ),
            shared=possible.shared,
            overwritten=possible.overwritten,
        )
    fates = [_acl_port(list(acl), port) for acl in possible.acls]
    if len(fates) == 1:
        return fates[0]
    verdicts = {f.verdict for f in fates}
    if verdicts == {"closed"}:
        return _PortFate("closed")
    if verdicts == {"open"}:
        return _PortFate(
            "open",
            _distinct([e for f in fates for e in f.deciding]),
            _distinct([e for f in fates for e in f.also]),
        )
    return _PortFate(
        "doubtful",
        may_open=_distinct([e for f in fates for e in (*f.may_open, *f.deciding)]),
        shared=possible.shared,
        overwritten=possible.overwritten,
    )


#: AclRule fields whose None means "not known", in the words a finding uses.
_ACL_UNKNOWN_FIELDS = (
    ("number", "rule number", "หมายเลขกฎ"),
    ("allow", "action", "การอนุญาต"),
    ("cidr", "source range", "ช่วงที่อยู่ต้นทาง"),
    ("from_port", "ports", "พอร์ต"),
)


def _unread_entries_text(
    undetermined_by: list[dict[str, Any]], entries: list[AclRule]
) -> tuple[str, str]:
    """``: not known from the input: rule 1's source range; ...``: the entries that may open a
    doubtful port and what of each is not known (when no other reason is given)."""
    numbers = {row["rule_number"] for row in undetermined_by}
    parts_en: list[str] = []
    parts_th: list[str] = []
    for entry in entries:
        if entry.number not in numbers:
            continue
        missing = [(en, th) for name, en, th in _ACL_UNKNOWN_FIELDS if getattr(entry, name) is None]
        if entry.protocol == "unknown":
            missing.append(("protocol", "โปรโตคอล"))
        if not missing:
            continue
        named = f"rule {entry.number}" if entry.number is not None else "an entry"
        parts_en.append(f"{named}'s {', '.join(en for en, _ in missing)}")
        parts_th.append(f"{', '.join(th for _, th in missing)}ของ {named}")
    if not parts_en:
        return "", ""
    return (
        ": not known from the input: " + "; ".join(parts_en),
        ": ไม่ทราบจากข้อมูลนำเข้า: " + "; ".join(parts_th),
    )


def _shared_text(shared: Sequence[tuple[int, tuple[AclRule, ...]]]) -> tuple[str, str]:
    """``: A, B share rule number 200, and AWS keeps only the entry created first`` (en,
    th)."""
    parts_en = [
        f"{', '.join(e.declared_by or '' for e in group)} share rule number {number}"
        for number, group in shared
    ]
    parts_th = [
        f"{', '.join(e.declared_by or '' for e in group)} ใช้หมายเลขกฎ {number} ซ้ำกัน"
        for number, group in shared
    ]
    return (
        f": {'; '.join(parts_en)}, and AWS keeps only the entry created first",
        f": {'; '.join(parts_th)} และ AWS เก็บไว้เพียงรายการที่สร้างก่อน",
    )


def _overwritten_text(resource: Resource, overwritten: Sequence[AclRule]) -> tuple[str, str]:
    """``: aws_network_acl.a writes entries inline, so the next apply removes those of
    aws_network_acl_rule.b and the one after restores them ...`` (en, th)."""
    names = ", ".join(dict.fromkeys(e.declared_by or "" for e in overwritten))
    acl = resource.address or resource.name
    return (
        f": {acl} writes entries inline, so the next apply removes those of {names} and the "
        "one after restores them (the AWS provider does not take both)",
        f": {acl} กำหนดรายการกฎไว้ภายในตัว การ apply ครั้งถัดไปจึงลบรายการกฎของ {names} "
        "และครั้งต่อไปจะสร้างกลับมา (ผู้ให้บริการ AWS ไม่รองรับการใช้ทั้งสองแบบร่วมกัน)",
    )


def _acl_matching(
    entries: list[AclRule], port: int, version: int
) -> list[tuple[AclRule, bool | None, Any]]:
    """The entries of IP ``version`` that may match ``port``, each with whether it covers the
    port and its network. A narrow or private range is left out: it neither opens the port to
    the internet nor closes it, whatever its number, action or ports (was doubtful when those
    were not known: a private range without a port range left the ACL UNKNOWN)."""
    matching: list[tuple[AclRule, bool | None, Any]] = []
    for entry in entries:
        covers = _acl_covers(entry, port)
        network = cidr.parse(entry.cidr) if entry.cidr is not None else None
        if network is not None and (
            network.version != version
            or (network.prefixlen and not cidr.is_wide_public(str(network)))
        ):
            continue
        if covers is not False:
            matching.append((entry, covers, network))
    return matching


def _acl_port(entries: list[AclRule], port: int) -> _PortFate:
    """How one port fares from the whole internet through inbound ``entries`` (sorted by
    number, unknown numbers last). The first entry for the whole IPv4 or IPv6 internet (a /0
    range) that matches the port decides for that IP version; an entry for part of the
    internet neither opens the port to all of it nor closes it; an entry that may allow and
    whose number, action, ports or range is not known may decide either way; a deny whose
    number, ports or range is not known can only close the port (an allow after it is
    doubtful, and without an allow the port stays closed); no entry matching: denied (the
    ACL's final ``*`` entry). Open when one IP version is open, else doubtful when one is."""
    verdicts: list[str] = []
    deciding: list[AclRule] = []
    also: list[AclRule] = []
    may_open: list[AclRule] = []
    for version in (4, 6):
        matching = _acl_matching(entries, port, version)
        # an entry of unknown number may come before any other: one that may allow may open
        # the port, a deny may close it first
        unsure = any(e.number is None and e.allow is not False for e, _, _ in matching)
        may_deny_first = any(e.number is None and e.allow is False for e, _, _ in matching)
        decided = False
        verdict = "closed"
        for position, (entry, covers, network) in enumerate(matching):
            not_known = network is None or covers is None or entry.number is None
            if entry.allow is False and not_known:
                may_deny_first = True  # it may close the port before what follows
                continue
            if not_known or entry.allow is None:
                unsure = True  # may allow, may deny, for any address
                continue
            if network is None:
                continue
            if network.prefixlen != 0:
                # an allow for a wide public range (0.0.0.0/1) opens the port to that part of
                # the internet whatever follows; a deny for part of it closes nothing for all
                if entry.allow and cidr.is_wide_public(str(network)):
                    if not unsure and not may_deny_first:
                        verdict = "open"
                        deciding.append(entry)
                        also.extend(_behind(matching[position + 1 :]))
                    else:
                        verdict = "doubtful"
                    decided = True
                    break
                continue
            decided = True
            if entry.allow and not unsure and not may_deny_first:
                verdict = "open"
                deciding.append(entry)
                also.extend(_behind(matching[position + 1 :]))
            elif entry.allow or unsure:
                verdict = "doubtful"
            break
        if unsure and not decided:
            verdict = "doubtful"
        if verdict == "doubtful":
            may_open.extend(
                e
                for e, _, net in matching
                if e.allow is not False
                and (net is None or net.prefixlen == 0 or cidr.is_wide_public(str(net)))
                and all(e is not seen for seen in may_open)
            )
        verdicts.append(verdict)
    if "open" in verdicts:
        return _PortFate("open", tuple(deciding), tuple(also))
    if "doubtful" in verdicts:
        return _PortFate("doubtful", may_open=tuple(may_open))
    return _PortFate("closed")


def _behind(rest: Sequence[tuple[AclRule, bool | None, Any]]) -> list[AclRule]:
    """The allows for the whole internet that follow a deciding allow, up to the first deny
    for the whole internet: each opens the port once the entries before it are removed."""
    found: list[AclRule] = []
    for entry, covers, network in rest:
        whole = network is not None and network.prefixlen == 0
        known = covers is True and entry.number is not None and whole
        if entry.allow is False and known:
            break
        if entry.allow is True and known:
            found.append(entry)
    return found


def _names_default(resource: Resource) -> bool:
    """Whether a resource in its default group names it (a Huawei ECS naming ``default`` or
    a lookup of it: ``NAMES_DEFAULT_GROUP``; an OpenStack server whose ``security_groups``
    are all ``default``) rather than naming no group."""
    if resource.attributes.get(NAMES_DEFAULT_GROUP) is True:
        return True
    named = resource.attributes.get("security_groups")
    return isinstance(named, list) and bool(named) and all(n == "default" for n in named)


def _in_default_group(group: Resource, named: bool = False) -> Outcome:
    """An instance that names no security group is in its network's default group
    (``graph.defaults``): one of the scan is judged there; the documented one admits only its
    own members (UNKNOWN when what is not scanned may change it)."""
    from gdcc_audit.graph.defaults import is_documented_default, why_not_known

    lead = Text(
        en="it names only the default security group" if named else "it names no security group",
        th="ระบุเฉพาะกลุ่มความปลอดภัยเริ่มต้น" if named else "ไม่ได้ระบุกลุ่มความปลอดภัย",
    )

    if not is_documented_default(group):
        return not_applicable(
            Text(
                en=f"{lead.en}; judged on the default group: {group.name}",
                th=f"{lead.th} ประเมินที่กลุ่มเริ่มต้น: {group.name}",
            ),
            security_groups=[group.name],
        )
    why = why_not_known(group)
    if why:
        return unknown(
            Text(
                en=f"{lead.en}, so it is in {group.name}, whose rules are not all known: {why}",
                th=f"{lead.th}จึงอยู่ในกลุ่มความปลอดภัยเริ่มต้น ({group.name}) ซึ่งไม่ทราบกฎทั้งหมด",
            ),
            security_groups=[group.name],
        )
    return passed(
        Text(
            en=f"{lead.en}, so it is in {group.name}, whose documented "
            "default rules admit only the group's own members (provider default; a rule added "
            "to it outside the scanned configuration, by the console or another tool, is not "
            "seen)",
            th=f"{lead.th}จึงอยู่ในกลุ่มความปลอดภัยเริ่มต้น ({group.name}) ซึ่งกฎเริ่มต้นตามเอกสาร"
            "ของผู้ให้บริการอนุญาตเฉพาะสมาชิกของกลุ่มเอง (ค่าเริ่มต้นของผู้ให้บริการ "
            "กฎที่เพิ่มให้กลุ่มนี้นอกการตั้งค่าที่ตรวจ เช่น ผ่านคอนโซลหรือเครื่องมืออื่น จะไม่เห็นในการตรวจนี้)",
        ),
        security_groups=[group.name],
        default=True,
    )


def _acl_admin_ports(resource: Resource, ports: list[int]) -> Outcome:
    """A network ACL whose inbound entries let the whole internet reach a management port
    (CIS AWS Foundations: no network ACL allows ingress from 0.0.0.0/0 to remote server
    administration ports). Entries are read in number order, first match wins. The evidence
    names, for each exposed port, the deciding entry (``opened_by`` with ``deciding: true``)
    and the allows behind it that open the port too, with the resource that declares each
    (the ACL for an inline entry, else the ``aws_network_acl_rule`` / ``NetworkAclEntry``)
    and its ``file:line``."""
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
    exposed: dict[int, list[str]] = {}
    doubtful: list[int] = []
    opened_by: list[dict[str, Any]] = []
    undetermined_by: list[dict[str, Any]] = []
    possible = possible_acls(entries)
    shared: list[tuple[int, tuple[AclRule, ...]]] = []
    overwritten: list[AclRule] = []
    for port in ports:
        fate = _acl_fate(possible, port)
        shared.extend(s for s in fate.shared if s not in shared)
        overwritten.extend(e for e in fate.overwritten if all(e is not o for o in overwritten))
        if fate.verdict == "open":
            exposed[port] = [e.cidr for e in fate.deciding if e.cidr is not None]
            for entry in (*fate.deciding, *fate.also):
                opened_by.append(
                    {
                        "port": port,
                        "rule_number": entry.number,
                        "cidr": entry.cidr,
                        "deciding": any(entry is d for d in fate.deciding),
                        **_declared(resource, entry),
                    }
                )
        elif fate.verdict == "doubtful":
            doubtful.append(port)
            undetermined_by.extend(
                {"port": port, "rule_number": e.number, "cidr": e.cidr, **_declared(resource, e)}
                for e in fate.may_open
            )
    refused: dict[str, Any] = {
        "refused_entries": [
            {"rule_number": e.number, **_declared(resource, e)} for e in possible.refused
        ]
    } if possible.refused else {}
    if exposed:
        listed = ", ".join(str(p) for p in sorted(exposed))
        sources = sorted({c for found in exposed.values() for c in found})
        origins = ", ".join(sources)
        evidence: dict[str, Any] = {
            "ports": sorted(exposed),
            "sources": sources,
            "opened_by": opened_by,
            **refused,
        }
        if doubtful:
            evidence["undetermined_ports"] = sorted(doubtful)
            evidence["undetermined_by"] = undetermined_by
        where_en, where_th = _opened_by_text(resource, opened_by, sorted(exposed))
        whole = any(cidr.is_any(c) for c in sources)
        reach_en = "the whole internet" if whole else "the internet"
        reach_th = "อินเทอร์เน็ตทั้งหมด" if whole else "อินเทอร์เน็ต"
        return Outcome(
            Status.FAIL,
            Text(
                en=f"the network ACL lets {reach_en} ({origins}) reach "
                f"{_noun(sorted(exposed))} {listed}{where_en}",
                th=f"network ACL อนุญาตให้{reach_th} ({origins}) เข้าถึงพอร์ต {listed}"
                f"{where_th}",
            ),
            evidence,
        )
    if doubtful:
        listed = ", ".join(str(p) for p in doubtful)
        why_en, why_th = _shared_text(shared) if shared else ("", "")
        if overwritten:
            more_en, more_th = _overwritten_text(resource, overwritten)
            why_en, why_th = why_en + more_en, why_th + more_th
        if not why_en:
            why_en, why_th = _unread_entries_text(undetermined_by, entries)
        return unknown(
            Text(
                en="cannot tell whether the network ACL lets the internet reach "
                f"{_noun(doubtful)} {listed}{why_en}",
                th=f"ไม่สามารถระบุได้ว่า network ACL อนุญาตให้อินเทอร์เน็ตเข้าถึงพอร์ต {listed} หรือไม่"
                f"{why_th}",
            ),
            undetermined_ports=sorted(doubtful),
            undetermined_by=undetermined_by,
            **refused,
        )
    return Outcome(Status.PASS, None, {"checked_ports": ports, **refused})
