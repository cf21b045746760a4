"""Graph checks for a missing companion: a flow log, an audit-log sink, a backup plan.

"Not found" means "missing" only when the whole configuration was scanned (a Terraform root
with all its modules, a whole CloudFormation or Heat template): then the verdict is FAIL.
When part of it was not available (a remote module, a manifest excerpt, Kubernetes objects
applied from elsewhere), it is UNKNOWN, and the finding says what was missing. The rule
parameter ``complete_inventory: true`` declares the input to be the whole tenant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gdcc_audit.evaluate.conditions import not_known_reason
from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, not_applicable, passed, unknown
from gdcc_audit.graph.paths import Companions
from gdcc_audit.models.common import Classification, Text
from gdcc_audit.models.finding import Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.models.resource import ONLY_WITH, Resource

if TYPE_CHECKING:
    from gdcc_audit.graph.queries import FlowDowngrade

#: Providers whose IaC has no flow-log resource type (OpenStack Heat and the openstack
#: Terraform provider: Neutron packet logging is an operator setting).
_NO_FLOW_LOG_RESOURCE = frozenset({"openstack"})


def _missing(context: RuleContext, found: Companions, en: str, th: str) -> Outcome:
    if found.complete or context.params.get("complete_inventory", False):
        return failed(
            Text(
                en=f"{en}; the whole configuration was scanned",
                th=f"{th} ทั้งที่ตรวจการตั้งค่าครบทั้งชุดแล้ว",
            ),
            scope="complete",
        )
    gaps = "; ".join(found.missing)
    return unknown(
        Text(
            en=f"{en} in the scanned input, but part of it was not available: {gaps}",
            th=f"{th}ในข้อมูลที่ตรวจ แต่บางส่วนของการตั้งค่าไม่ได้ถูกตรวจ: {reason_th(gaps)}",
        ),
        scope="partial",
        not_scanned=list(found.missing),
    )


def flow_log_for_exposed_network(resource: Resource, context: RuleContext) -> Outcome:
    """A network (VPC or subnet) that holds an internet-reachable workload records its
    traffic: a flow log refers to it or to its parent network, or its own setting is on."""
    held = context.graph.holds_exposed_workload(resource)
    if held is False:
        return not_applicable(
            Text(
                en="holds no workload reachable from the internet",
                th="ไม่มีเวิร์กโหลดที่เข้าถึงได้จากอินเทอร์เน็ต",
            )
        )
    outcome = flow_log_outcome(
        resource,
        context,
        "no flow log records this internet-facing network",
        "ไม่มี flow log บันทึกข้อมูลจราจรของเครือข่ายที่เปิดสู่อินเทอร์เน็ตนี้",
    )
    if held is None and outcome.status is not Status.PASS:
        # a workload only perhaps sits here, or the internet only perhaps reaches it:
        # whether the rule applies is not known
        other = context.graph.exposed_only_with(resource)
        if other is not None:  # named: what only another value creates
            return unknown(
                Text(
                    en=f"an internet-facing workload sits in this network only when the "
                    f"template creates {other.name} ({other.attributes[ONLY_WITH]}), and no "
                    "flow log records it",
                    th=f"เวิร์กโหลดที่เปิดสู่อินเทอร์เน็ตอยู่ในเครือข่ายนี้เฉพาะเมื่อเทมเพลตสร้าง {other.name} "
                    "(สร้างขึ้นเฉพาะเมื่อใช้ค่าพารามิเตอร์อื่นที่ไม่ใช่ค่าเริ่มต้น) "
                    "และไม่มี flow log บันทึกข้อมูลจราจร",
                ),
                **dict(outcome.evidence),
            )
        return unknown(
            Text(
                en="an internet-facing workload may sit in this network (the input does not "
                "tell for certain its subnet or whether the internet reaches it), and no flow "
                "log records it",
                th="เวิร์กโหลดที่เปิดสู่อินเทอร์เน็ตอาจอยู่ในเครือข่ายนี้ (ข้อมูลนำเข้าไม่ได้ระบุแน่ชัด"
                "ว่าเวิร์กโหลดอยู่ใน subnet ใด หรืออินเทอร์เน็ตเข้าถึงได้หรือไม่) "
                "และไม่มี flow log บันทึกข้อมูลจราจร",
            ),
            **dict(outcome.evidence),
        )
    return outcome


def flow_log_outcome(resource: Resource, context: RuleContext, en: str, th: str) -> Outcome:
    """PASS when the network's own setting is on or an enabled flow log refers to it (or to
    its parent network); FAIL when the logs found are off or its setting is off, or when none
    is found and the whole configuration was scanned (``en``/``th`` say what is missing);
    UNKNOWN when part of the configuration was not available, naming it."""
    graph = context.graph
    found = graph.companions(resource, "logging.flow_log")
    active = [
        f for f in found.found if (log := graph.get(f)) is None or log.facets.enabled is not False
    ]
    if resource.facets.flow_logging or active:
        return passed(flow_logs=active)
    if found.found or resource.facets.flow_logging is False:
        return failed(
            Text(en="traffic flow logging is off", th="ปิดการบันทึกข้อมูลจราจร (flow log)"),
            flow_logs=list(found.found),
        )
    if "flow_logging" in resource.unknown:
        # the mapper knows why its setting is not known (a subnet that may be its own)
        return unknown(not_known_reason("flow_logging"), flow_logging=None)
    if resource.provider in _NO_FLOW_LOG_RESOURCE:
        return unknown(
            Text(
                en="this provider's IaC has no flow-log resource: traffic logging of the "
                "network is configured on the platform, not in the scanned files",
                th="IaC ของผู้ให้บริการนี้ไม่มีทรัพยากร flow log การบันทึกข้อมูลจราจรของเครือข่าย"
                "ตั้งค่าที่แพลตฟอร์ม ไม่ได้อยู่ในไฟล์ที่ตรวจ",
            ),
            scope="platform",
        )
    logged = _logged_subnets(resource, context)
    if logged:  # a flow log on a subnet records that subnet only
        named = ", ".join(logged)
        word = "vSwitch" if resource.provider == "alicloud" else "subnet"
        many = len(logged) > 1
        en = (f"{en} (only its {word}{'s' if many else ''} {named} "
              f"{'are' if many else 'is'} recorded)")
        th = f"{th} (บันทึกเฉพาะ {word} {named} ของเครือข่ายนี้)"
    return _missing(context, found, en, th)


def _logged_subnets(resource: Resource, context: RuleContext) -> list[str]:
    """The subnets (vSwitches) of a VPC that an enabled flow log of their own records."""
    if resource.kind != "network.vpc":
        return []
    graph = context.graph
    found = []
    for subnet in graph.referrers(resource, "network.subnet"):
        logs = graph.referrers(subnet, "logging.flow_log")
        if any(log.facets.enabled is not False for log in logs):
            found.append(subnet.address or subnet.name)
    return sorted(found)


def audit_sink_for_system(resource: Resource, context: RuleContext) -> Outcome:
    """A system of NCSC category medium or above has an audit-log sink: an audit trail or a
    log group among its resources, or the tenant's central logging. One only another value
    of a template's parameters creates (``ONLY_WITH``: a log group under ``Condition:
    IsProd``, false with the defaults) is no sink of the system the defaults deploy (it
    PASSed)."""
    graph = context.graph
    tenant = context.tenant
    if tenant is not None and tenant.settings.logging.central_logging:
        return passed(central_logging=True)
    system_id = resource.name
    members = graph.system_members(resource)
    found_sinks = [m for m in members if m.kind in ("logging.audit_trail", "logging.log_group")]
    sinks = [m.id for m in found_sinks if ONLY_WITH not in m.attributes]
    if sinks:
        return passed(sinks=sinks)
    other = [m for m in found_sinks if ONLY_WITH in m.attributes]
    where = ("", "")
    if other:  # named: the sink the system lacks with the defaults
        where = (f" ({other[0].name} is {other[0].attributes[ONLY_WITH]})",
                 f" ({other[0].name} สร้างขึ้นเฉพาะเมื่อใช้ค่าพารามิเตอร์อื่นที่ไม่ใช่ค่าเริ่มต้น)")
    if not members:
        return unknown(
            Text(
                en="no infrastructure of this system was scanned",
                th="ไม่ได้ตรวจโครงสร้างพื้นฐานของระบบนี้",
            ),
            scope="partial",
        )
    found = graph.members_scope(members)
    return _missing(
        context,
        found,
        f"system {system_id} has no audit-log sink{where[0]}",
        f"ระบบ {system_id} ไม่มีที่จัดเก็บบันทึกการตรวจสอบ (audit log){where[1]}",
    )


def backup_plan_for_personal_data(resource: Resource, context: RuleContext) -> Outcome:
    """A database holding personal data is backed up: its own automated backups, or a
    backup plan that refers to it. NOT_APPLICABLE where the type has no backups of its own
    (``Resource.absent``)."""
    graph = context.graph
    if not graph.personal_data(resource):
        return not_applicable(
            Text(en="no personal data known", th="ไม่พบว่ามีข้อมูลส่วนบุคคล")
        )
    absent = resource.absent.get("backup_enabled")
    if absent is not None and resource.facets.backup_enabled is None:
        # backups are not this type's (a DMS migration server, an Aurora instance whose
        # cluster keeps them): judged where they are (normalize.absent)
        return not_applicable(absent)
    if resource.facets.backup_enabled:
        return passed(backup="automated")
    found = graph.companions(resource, "backup.plan")
    if found.found:
        return passed(backup_plans=list(found.found))
    if resource.facets.backup_enabled is False:
        return failed(
            Text(
                en="automated backups are off and no backup plan covers it",
                th="ปิดการสำรองข้อมูลอัตโนมัติและไม่มีแผนสำรองข้อมูลครอบคลุม",
            )
        )
    return _missing(
        context,
        found,
        "no backup plan covers this database",
        "ไม่มีแผนสำรองข้อมูลที่ครอบคลุมฐานข้อมูลนี้",
    )


def data_flows_keep_their_level(resource: Resource, context: RuleContext) -> Outcome:
    """Every declared data flow out of a system goes to a system declared to protect that
    data: personal data only into systems that declare personal data, classified data only
    into systems of the same classification or higher."""
    graph = context.graph
    flows = graph.data_flows(resource)
    if not flows:
        return not_applicable(
            Text(en="declares no data flow out of this system",
                 th="ไม่ได้ประกาศการไหลของข้อมูลออกจากระบบนี้")
        )
    found = graph.flow_downgrades(resource)
    targets = [t.name for t, _ in flows]
    hard = [d for d in found if d.problem != "unknown"]
    if hard:
        en = "; ".join(_flow_text(d, "en") for d in hard)
        th = "; ".join(_flow_text(d, "th") for d in hard)
        return failed(
            Text(en=en, th=th),
            flows_to=targets,
            downgrades=[f"{d.source.name} -> {d.target.name}: {d.problem}" for d in hard],
        )
    if found:
        names = ", ".join(d.target.name for d in found)
        level = Classification.parse(found[0].source_level)
        return unknown(
            Text(
                en=f"data classified {level.words} flows to {names}, whose "
                "classification is not declared",
                th=f"{level.data_text('th')} ไหลไปยัง {names} ซึ่งไม่ได้ประกาศชั้นความลับ",
            ),
            flows_to=targets,
        )
    return passed(flows_to=targets)


def _flow_text(downgrade: FlowDowngrade, lang: str) -> str:
    target = downgrade.target.name
    if downgrade.problem == "personal":
        return (
            f"personal data flows to {target}, which does not declare personal data"
            if lang == "en"
            else f"ข้อมูลส่วนบุคคลไหลไปยัง {target} ซึ่งไม่ได้ประกาศว่ามีข้อมูลส่วนบุคคล"
        )
    source = Classification.parse(downgrade.source_level)
    held = Classification.parse(downgrade.target_level)
    return (
        f"data classified {source.words} flows to {target}, classified {held.words}"
        if lang == "en"
        else f"{source.data_text('th')} ไหลไปยัง {target} ซึ่งกำหนดชั้นความลับไว้เพียง{held.th}"
    )
