"""Network checks: what the internet can reach."""

from __future__ import annotations

from typing import Any

from gdcc_audit.evaluate.rule import Outcome, RuleContext, not_applicable, passed, unknown
from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import Resource


def admin_ports_not_public(resource: Resource, context: RuleContext) -> Outcome:
    """No management port (SSH, RDP, database ports...) is open to the whole internet.

    Sources are judged as address ranges (:mod:`gdcc_audit.models.cidr`): any /0 prefix
    (``192.168.1.0/0`` too), ``::/0``, provider words such as ``*`` or ``Internet``, and
    ranges that together cover every address all mean "the internet". One finding per
    resource: every exposed port and the sources that expose it are in its evidence.
    """
    ports: list[int] = list(context.params.get("ports", [22, 3389]))
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
