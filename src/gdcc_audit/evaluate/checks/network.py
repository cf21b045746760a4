"""Network checks: what the internet can reach."""

from __future__ import annotations

from collections.abc import Iterator

from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, not_applicable, passed, unknown
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource


def admin_ports_not_public(resource: Resource, context: RuleContext) -> Iterator[Outcome]:
    """No management port (SSH, RDP, database ports...) is open to 0.0.0.0/0 or ::/0.

    One FAIL per exposed port, so each can be waived or fixed on its own.
    """
    ports: list[int] = list(context.params.get("ports", [22, 3389]))
    rules = resource.facets.ingress
    if rules is None and resource.kind == "compute.instance":
        referenced = context.graph.references(resource, "network.security_group")
        groups = sorted(g.name for g in referenced)
        if groups:
            # The instance's exposure is its security groups' rules, judged (and reported) there.
            yield not_applicable(
                Text(
                    en=f"judged on its security groups: {', '.join(groups)}",
                    th=f"ประเมินที่กลุ่มความปลอดภัยของเครื่อง: {', '.join(groups)}",
                ),
                security_groups=groups,
            )
            return
    if rules is None:
        yield unknown(Text(en="inbound rules are not known", th="ไม่ทราบกฎขาเข้า"))
        return
    exposed: set[int] = set()
    doubtful: set[int] = set()
    for rule in rules:
        internet = rule.from_internet
        for port in ports:
            covered = rule.covers(port)
            if internet and covered:
                exposed.add(port)
            elif covered is not False and internet is not False:
                doubtful.add(port)
    for port in sorted(exposed):
        yield failed(
            Text(
                en=f"port {port} is open to the whole internet",
                th=f"พอร์ต {port} เปิดให้เข้าถึงได้จากอินเทอร์เน็ตทั้งหมด",
            ),
            key=f"port:{port}",
            port=port,
        )
    for port in sorted(doubtful - exposed):
        yield unknown(
            Text(
                en=f"cannot tell whether port {port} is open to the internet",
                th=f"ไม่สามารถระบุได้ว่าพอร์ต {port} เปิดสู่อินเทอร์เน็ตหรือไม่",
            ),
            key=f"port:{port}",
            port=port,
        )
    if not exposed and not doubtful:
        yield passed(checked_ports=ports)
