"""Checks that look for a companion resource through the graph (flow logs, network policies).

When no companion is found, the verdict depends on whether the input is known to be the
whole inventory. A Terraform module or a manifest excerpt often leaves flow logs or
NetworkPolicies to another module, so "not found here" is not "absent": by default the
verdict is UNKNOWN. Set the rule parameter ``complete_inventory: true`` (e.g. through
``Settings.rule_parameters``) when the scanned input is the complete tenant, and a missing
companion becomes a FAIL. A resource whose own facet says the feature is off FAILs either way.
"""

from __future__ import annotations

from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, passed, unknown
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource


def flow_logs_enabled(resource: Resource, context: RuleContext) -> Outcome:
    """The network (VPC or subnet) has traffic flow logging.

    PASS when its ``flow_logging`` facet is true, or when an enabled ``logging.flow_log``
    refers to it. FAIL when every flow log referring to it is disabled, or when its
    ``flow_logging`` facet is false and no enabled flow log refers to it. Otherwise UNKNOWN,
    or FAIL with ``complete_inventory: true``.
    """
    logs = list(context.graph.referrers(resource, kind="logging.flow_log"))
    active = [log.id for log in logs if log.facets.enabled is not False]
    if resource.facets.flow_logging or active:
        return passed(flow_logs=active)
    if logs or resource.facets.flow_logging is False:
        return failed(
            Text(en="traffic flow logging is off", th="ไม่ได้เปิดการบันทึกข้อมูลจราจร (flow log)"),
            flow_logs=[log.id for log in logs],
        )
    if context.params.get("complete_inventory", False):
        return failed(
            Text(
                en="no flow log refers to this network",
                th="ไม่มี flow log ที่บันทึกข้อมูลจราจรของเครือข่ายนี้",
            )
        )
    return unknown(
        Text(
            en="no flow log found in the scanned input; it may be defined elsewhere",
            th="ไม่พบ flow log ในข้อมูลที่ตรวจ ซึ่งอาจกำหนดไว้ที่อื่น",
        )
    )


def namespace_default_deny(resource: Resource, context: RuleContext) -> Outcome:
    """The Kubernetes namespace has a default-deny NetworkPolicy.

    PASS when the namespace's ``default_deny`` facet is true or a ``k8s.network_policy``
    with ``default_deny: true`` refers to it. FAIL when its facet is false, or when the
    policies referring to it are all known not to be default-deny. Otherwise UNKNOWN, or
    FAIL with ``complete_inventory: true``.
    """
    policies = list(context.graph.referrers(resource, kind="k8s.network_policy"))
    deny = [p.id for p in policies if p.facets.default_deny]
    if resource.facets.default_deny or deny:
        return passed(policies=deny)
    known_not = bool(policies) and all(p.facets.default_deny is False for p in policies)
    if resource.facets.default_deny is False or known_not:
        return failed(
            Text(
                en="no default-deny NetworkPolicy: every pod accepts traffic from any pod",
                th="ไม่มี NetworkPolicy แบบปฏิเสธโดยปริยาย ทุก pod รับการเชื่อมต่อจาก pod ใดก็ได้",
            ),
            policies=[p.id for p in policies],
        )
    if context.params.get("complete_inventory", False):
        return failed(
            Text(
                en="no NetworkPolicy refers to this namespace",
                th="ไม่มี NetworkPolicy ที่ใช้กับ namespace นี้",
            )
        )
    return unknown(
        Text(
            en="no default-deny NetworkPolicy found in the scanned input",
            th="ไม่พบ NetworkPolicy แบบปฏิเสธโดยปริยายในข้อมูลที่ตรวจ",
        )
    )
