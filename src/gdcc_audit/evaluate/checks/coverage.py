"""Checks that look for a companion resource through the graph (flow logs, network policies).

Flow logs follow the scan scope (see :mod:`gdcc_audit.evaluate.checks.companions`): a missing
one is a FAIL when the whole configuration of the network was scanned, UNKNOWN naming what
was not available otherwise. NetworkPolicies are often applied from elsewhere, so for them
"not found here" is not "absent": the verdict is UNKNOWN. Set the rule parameter
``complete_inventory: true`` (e.g. through ``Settings.rule_parameters``) when the scanned
input is the complete tenant, and a missing companion becomes a FAIL. A resource whose own
facet says the feature is off FAILs either way.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from gdcc_audit.evaluate.checks.companions import flow_log_outcome
from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, passed, unknown
from gdcc_audit.graph.kube import name, namespace, namespace_known
from gdcc_audit.load.kube_kinds import FORMAT as KUBERNETES
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph


def flow_logs_enabled(resource: Resource, context: RuleContext) -> Outcome:
    """The network (VPC or subnet) has traffic flow logging.

    PASS when its ``flow_logging`` facet is true, or when an enabled ``logging.flow_log``
    refers to it or to its parent network. FAIL when the flow logs found are disabled, when
    its ``flow_logging`` facet is false, or when none is found and the whole configuration it
    came from was scanned (a Terraform root with its modules, a whole template). UNKNOWN when
    part of that configuration was not available (the finding names it), unless
    ``complete_inventory: true``.
    """
    return flow_log_outcome(
        resource,
        context,
        "no flow log records this network",
        "ไม่มี flow log บันทึกข้อมูลจราจรของเครือข่ายนี้",
    )


def namespace_default_deny(resource: Resource, context: RuleContext) -> Outcome:
    """The Kubernetes namespace has a default-deny NetworkPolicy.

    PASS when the namespace's ``default_deny`` facet is true or a ``k8s.network_policy``
    with ``default_deny: true`` refers to it. FAIL when its facet is false, or when the
    policies referring to it are all known not to be default-deny. Otherwise UNKNOWN, or
    FAIL with ``complete_inventory: true``.
    """
    policies = list(context.graph.referrers(resource, kind="k8s.network_policy"))
    apart: list[Resource] = []
    if _has_twins(resource, context.graph):
        policies, apart = _beside_or_apart(resource, context.graph)
    deny = [p.id for p in policies if p.facets.default_deny]
    if resource.facets.default_deny or deny:
        return passed(policies=deny)
    elsewhere = [p for p in apart if p.facets.default_deny]
    if elsewhere:
        files = ", ".join(sorted({p.location.file for p in elsewhere}))
        return unknown(
            Text(
                en=f"a default-deny NetworkPolicy of namespace {name(resource)} is written "
                f"apart from this Namespace object ({files}), and the scan holds other "
                f"Namespace objects named {name(resource)} (separate installs): whether it "
                "is applied with this one is not known",
                th=f"มี NetworkPolicy แบบปฏิเสธโดยปริยายของ namespace {name(resource)} เขียนไว้แยกจาก "
                f"Namespace นี้ ({files}) และข้อมูลที่ตรวจมี Namespace ชื่อ {name(resource)} อื่นอีก "
                "(ติดตั้งแยกกัน) จึงไม่ทราบว่า policy นั้นถูกใช้ร่วมกับ Namespace นี้หรือไม่",
            ),
            policies=[p.id for p in elsewhere],
        )
    known_not = bool(policies) and all(p.facets.default_deny is False for p in policies)
    if known_not:
        # the pods its policies select are isolated by them; the others are not
        return failed(
            Text(
                en=f"no default-deny NetworkPolicy: a pod none of its {len(policies)} "
                "policies selects accepts traffic from any pod",
                th=f"ไม่มี NetworkPolicy แบบปฏิเสธโดยปริยาย: pod ที่ไม่มี policy ใดใน "
                f"{len(policies)} รายการเลือก รับการเชื่อมต่อจาก pod ใดก็ได้",
            ),
            policies=[p.id for p in policies],
        )
    if resource.facets.default_deny is False:
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


def _has_twins(resource: Resource, graph: ResourceGraph) -> bool:
    """Whether the scan holds another Namespace manifest of this name in another file: the
    manifests are then separate installs (metallb's six rendered manifests each create
    ``metallb-system``), not one cluster's objects."""
    if resource.origin != KUBERNETES:
        return False
    own = name(resource)
    return any(
        other.id != resource.id and other.origin == KUBERNETES and name(other) == own
        and other.location.file != resource.location.file
        for other in graph.of_kind("k8s.namespace")
    )


def _beside_or_apart(
    resource: Resource, graph: ResourceGraph
) -> tuple[list[Resource], list[Resource]]:
    """The NetworkPolicy manifests of this namespace's name written beside the Namespace
    object (its file or folder: applied with it), and those written apart from it (another
    folder: applied with it only perhaps; a reference to the namespace resolves to one of the
    same-named objects, whichever the scan read first)."""
    own = name(resource)
    folder = posixpath.dirname(resource.location.file)
    beside: list[Resource] = []
    apart: list[Resource] = []
    for policy in graph.of_kind("k8s.network_policy"):
        if policy.origin != KUBERNETES or not namespace_known(policy):
            continue
        if namespace(policy) != own:
            continue
        file = policy.location.file
        near = file == resource.location.file or posixpath.dirname(file) == folder
        (beside if near else apart).append(policy)
    return beside, apart
