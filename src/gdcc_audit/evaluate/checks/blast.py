"""Graph checks on what an identity or a key reaches, and on Kubernetes isolation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from gdcc_audit.evaluate.checks.kubernetes import bound_role
from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, not_applicable, passed, unknown
from gdcc_audit.graph import grants, kube
from gdcc_audit.graph.paths import BlastRadius
from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.models.resource import EXISTS_MAYBE, ONLY_WITH, Resource, exists_with
from gdcc_audit.normalize.kubernetes.escalation import in_namespace

if TYPE_CHECKING:
    from gdcc_audit.graph.queries import LogTampering

_POWERFUL_ROLES = frozenset({"cluster-admin", "admin", "edit"})
#: What makes a role as powerful as ``edit`` or more for a default service account, each a
#: privilege escalation risk of Kubernetes' "Role Based Access Control Good Practices"
#: (https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks):
#: reading Secrets ("effectively allows to access all Secrets"), creating workloads ("implicitly
#: grants the API access levels of any service account in that namespace"), the
#: escalate, bind and impersonate verbs, and the other escalation paths (GDCC-K8S-022). What
#: the finding says, and the role facet.
_RISKS = (
    (Text(en="can read Secrets", th="อ่าน Secret ได้"), "reads_secrets"),
    (Text(en="can run pods as any service account of its namespace",
          th="สร้าง pod ที่ทำงานเป็น service account ใดก็ได้ของ namespace ได้"), "runs_workloads"),
    (Text(en="can raise its own privileges (escalate, bind or impersonate)",
          th="ยกระดับสิทธิ์ของตนเองได้ (escalate, bind หรือ impersonate)"), "rbac_escalation"),
    (Text(en="opens a privilege escalation path (admission webhooks, certificate approval, "
             "nodes/proxy, service account tokens or PersistentVolumes)",
          th="เปิดช่องทางยกระดับสิทธิ์ (admission webhook, การอนุมัติใบรับรอง, nodes/proxy, "
             "token ของ service account หรือ PersistentVolume)"), "escalation_paths"),
)


def identity_blast_radius(resource: Resource, context: RuleContext) -> Outcome:
    """A workload identity (role, service account) reaches only its own system: its
    permissions do not name resources of other systems, and it holds no wildcard or
    administrator permission. A FAIL that only roles and policies another value of a
    template's parameters creates give (``ONLY_WITH``: an administrator policy attached
    only when IsProd holds) is not the defaults' deployment's: UNKNOWN, naming them (it
    was FAIL)."""
    radius = context.graph.blast_radius(resource)
    found = _radius_outcome(resource, context, radius)
    if found.status is not Status.FAIL or not radius.elsewhere:
        return found
    alone = _radius_outcome(resource, context, context.graph.blast_radius(resource, alone=True))
    if alone.status is Status.FAIL:
        return found
    named = ", ".join(radius.elsewhere)
    message = found.message or Text(en="", th="")
    return unknown(
        Text(en=f"{message.en}, where the template creates {named}; not with its "
             "parameters' defaults",
             th=f"{message.th} เมื่อเทมเพลตสร้าง {named} แต่ไม่ใช่เมื่อใช้ค่าเริ่มต้นของพารามิเตอร์"),
        **found.evidence,
        permissions_elsewhere=list(radius.elsewhere),
    )


def _radius_outcome(resource: Resource, context: RuleContext, radius: BlastRadius) -> Outcome:
    """The verdict on a blast radius; a FAIL on what is known of an AWS radius whose roles or
    policies are not all known (a managed policy ARN not listed beside ``s3:*`` on ``*``)
    names what is not known too: the radius may be wider (it said "a wildcard or
    administrator permission reaches all N aws resources", taking the policy not known for
    one that grants everything)."""
    found = _with_impersonation(_radius_judged(resource, context, radius), radius)
    # (AWS only: an Azure identity's role assignments may always be made outside the scan,
    # which GDCC-IAM-005 says; a Kubernetes FAIL is on what its roles are known to grant)
    if (
        found.status is not Status.FAIL or not (radius.not_known or radius.trusts_not_known)
        or radius.unbounded or resource.provider != "aws"
    ):
        return found
    message = found.message or Text(en="", th="")
    what = _not_known(radius)
    return failed(
        Text(
            en=f"{message.en}; and {what.en} (they may reach more)",
            th=f"{message.th} และ{what.th} (อาจเข้าถึงได้มากกว่านี้)",
        ),
        **found.evidence,
        **_not_known_evidence(radius),
    )


def _with_impersonation(found: Outcome, radius: BlastRadius) -> Outcome:
    """A FAIL or UNKNOWN that rests on Google service accounts the identity may act as (a
    grant on them gives it ``roles/iam.serviceAccountUser``...) names each, with the role
    and grant (evidence ``impersonates``): the radius holds their grants too."""
    if not radius.impersonates or found.status not in (Status.FAIL, Status.UNKNOWN):
        return found
    message = found.message or Text(en="", th="")
    named = "; ".join(radius.impersonates)
    return Outcome(
        found.status,
        Text(
            en=f"{message.en}; it may act as {named}",
            th=f"{message.th} และอาจทำงานในนามของ {named}",
        ),
        {**found.evidence, "impersonates": list(radius.impersonates)},
        found.key,
    )


def _not_known(radius: BlastRadius) -> Text:
    """What a blast radius rests on that is not known: the permissions of roles and
    policies, and the trust policies of roles the node may pass to some services only
    (whether one of those services may assume them decides whether it acts as them)."""
    parts: list[Text] = []
    if radius.not_known:
        named = ", ".join(radius.not_known)
        parts.append(Text(
            en=f"the permissions of {named} are not known from the input",
            th=f"ไม่ทราบสิทธิ์ของ {named} จากข้อมูลนำเข้า",
        ))
    if radius.trusts_not_known:
        named = ", ".join(radius.trusts_not_known)
        one = len(radius.trusts_not_known) == 1
        parts.append(Text(
            en=f"the trust {'policy' if one else 'policies'} of {named}, which it may pass "
            f"to some services only, {'is' if one else 'are'} not known from the input",
            th=f"ไม่ทราบนโยบายความเชื่อถือ (trust policy) ของ {named} ซึ่งส่งต่อ (pass) "
            "ให้บริการบางรายการเท่านั้นได้ จากข้อมูลนำเข้า",
        ))
    return Text(en="; ".join(p.en for p in parts), th="; ".join(p.th for p in parts))


def _not_known_evidence(radius: BlastRadius) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if radius.not_known:
        found["permissions_not_known"] = list(radius.not_known)
    if radius.trusts_not_known:
        found["trusts_not_known"] = list(radius.trusts_not_known)
    return found


def _radius_judged(resource: Resource, context: RuleContext, radius: BlastRadius) -> Outcome:
    foreign, held = _foreign(resource, context, radius)
    limit = int(context.params.get("max_foreign_systems", 0))
    evidence: dict[str, Any] = {
        "reaches_resources": len(radius.resources),
        "reaches_systems": list(radius.systems),
    }
    # named only when there are some (an identity it may become; a store whose data it may
    # read or write, but not act as)
    if radius.acts_as:
        evidence["acts_as"] = [_address(context, r) for r in radius.acts_as]
    if radius.data:
        evidence["reaches_data"] = [_address(context, r) for r in radius.data]
    if radius.describes:
        # wildcards that only describe and list: they reach nothing, named wherever found
        evidence["describe_grants"] = list(radius.describes)
    if radius.escalations:
        # not a wildcard: a grant that lets the holder give itself any permission
        evidence["escalations"] = list(radius.escalations)
    if radius.unbounded and radius.namespaces:
        where = ", ".join(radius.namespaces)
        who = _unbounded_by(radius.escalations, role=True)
        count = len(radius.resources)
        every = Text(en="the 1 resource", th="ทรัพยากร 1 รายการ") if count == 1 else Text(
            en=f"all {count} resources", th=f"ทรัพยากรทั้งหมด {count} รายการ")
        return failed(
            Text(
                en=f"{who.en} reaches {every.en} of namespace {where}",
                th=f"{who.th}เข้าถึง{every.th}ของ namespace {where}",
            ),
            **evidence,
            namespaces=list(radius.namespaces),
        )
    if radius.unbounded and radius.loose_describes and not radius.escalations:
        # the wildcards only describe and list; the other actions of their statements, on
        # resources not known, may name anything: still all, said as it is
        text = "; ".join(radius.loose_describes)
        evidence["describe_grants"] = list(radius.loose_describes)
        every = _every(resource, context, radius)
        return failed(
            Text(
                en=f"actions on resources not known reach {every.en} (the wildcards "
                f"beside them only describe and list): {text}",
                th=f"action บนทรัพยากรที่ไม่ทราบเข้าถึง{every.th} (wildcard ที่อยู่ด้วยกันมีเพียง "
                f"action ประเภท describe และ list): {text}",
            ),
            **evidence,
        )
    if radius.unbounded:
        who = _unbounded_by(radius.escalations, role=False)
        if radius.unbounded_through:
            # the grant is a role's it may act as (pass, assume), not its own: named
            roles = ", ".join(_address(context, r) for r in radius.unbounded_through)
            who = Text(en=f"{who.en} (held by {roles}, which it may act as)",
                       th=f"{who.th} (เป็นสิทธิ์ของ {roles} ซึ่งอาจทำงานในนามได้) ")
        every = _every(resource, context, radius)
        return failed(
            Text(en=f"{who.en} reaches {every.en}", th=f"{who.th}เข้าถึง{every.th}"),
            **evidence,
        )
    if radius.service_wide:
        return _service_wide(resource, context, radius, (foreign, held), limit, evidence)
    if len(foreign) > limit:
        return failed(_other_systems(context, radius, foreign, held, evidence), **evidence)
    if len(foreign) + len(held) > limit:
        return _held_systems(context, radius, held, evidence)
    if radius.wildcards or radius.describes:
        # limited to the resources it names, or to describing and listing, but a wildcard
        # still grants actions the provider adds later: not least privilege
        parts: list[Text] = []
        if radius.wildcards:
            grants = "; ".join(radius.wildcards)
            # an Azure role reaches what is in its assignment's scope, not resources it names
            scope = (
                Text(en="within the scope of its role assignments",
                     th="ภายในขอบเขตของการกำหนดบทบาท")
                if resource.provider in _AZURE
                else Text(en="on named resources", th="บนทรัพยากรที่ระบุ")
            )
            parts.append(Text(en=f"it grants actions by wildcard {scope.en}: {grants}",
                              th=f"ให้สิทธิ์ action แบบ wildcard {scope.th}: {grants}"))
            evidence["wildcard_grants"] = list(radius.wildcards)
        if radius.describes:
            parts.append(_reaching_none(radius.describes))
        return failed(
            Text(en="; ".join(p.en for p in parts), th="; ".join(p.th for p in parts)),
            **evidence,
        )
    if radius.not_known or radius.trusts_not_known:
        # a policy that cannot be read may grant a wildcard, a role whose trust cannot be
        # read may be passed: no PASS on what is not known
        return unknown(_not_known(radius), **evidence, **_not_known_evidence(radius))
    return passed(**evidence)


def _every(
    resource: Resource, context: RuleContext, radius: BlastRadius,
    ids: tuple[str, ...] | None = None, of: tuple[str, str] = ("", ""),
) -> Text:
    """``N aws resources`` of an unbounded blast radius (or of ``ids``, ``of`` a service):
    those only another value of a template's parameters creates (``ONLY_WITH``, unless
    ``resource``'s too) counted apart (they were counted as what the defaults create)."""
    listed = radius.resources if ids is None else ids
    found = [context.graph.get(r) for r in listed]
    other = sum(1 for r in found if r is not None and not exists_with(resource, r))
    count, provider = len(listed) - other, resource.provider
    of_en, of_th = of
    # "all N resources"; one is "the 1 resource" (it said "all 1 aws resources"), none "no"
    # resource (all of them only other parameter values create); Thai has no plural: "all"
    # (ทั้งหมด) is left out for one and none
    if count == 1:
        en, th = f"the 1 {provider} resource{of_en}", f"ทรัพยากร {provider} 1 รายการ{of_th}"
    elif count == 0:
        en, th = f"no {provider} resource{of_en}", f"ทรัพยากร {provider} 0 รายการ{of_th}"
    else:
        en = f"all {count} {provider} resources{of_en}"
        th = f"ทรัพยากร {provider} ทั้งหมด {count} รายการ{of_th}"
    if not other:
        return Text(en=en, th=th)
    return Text(
        en=f"{en}, and {other} that only other parameter values create",
        th=f"{th} และอีก {other} รายการที่สร้างขึ้นเฉพาะเมื่อใช้ค่าพารามิเตอร์อื่นที่ไม่ใช่ค่าเริ่มต้น",
    )


def _foreign(
    resource: Resource, context: RuleContext, radius: BlastRadius
) -> tuple[list[str], list[str]]:
    """The other systems a blast radius reaches: those of resources the defaults create
    with ``resource``, and those reached only through resources another value of a
    template's parameters creates (``ONLY_WITH``: a bucket of system payroll under
    ``Condition: IsProd``) or that may not be created (``EXISTS_MAYBE``: a Terraform
    ``count`` not known, not ``resource``'s own doubt), counted apart (they made a FAIL)."""
    sure: set[str] = set()
    held: set[str] = set()
    for found in radius.resources:
        target = context.graph.get(found)
        system = target.system if target is not None else None
        if target is None or not system or system == resource.system:
            continue
        (held if _maybe_there(resource, target) else sure).add(system)
    return sorted(sure), sorted(held - sure)


def _maybe_there(resource: Resource, target: Resource) -> bool:
    """Whether ``target`` may not exist where ``resource`` does: only another value of a
    template's parameters creates it (``ONLY_WITH``), or it may not be created for a reason
    that is not ``resource``'s too (``EXISTS_MAYBE``)."""
    if not exists_with(resource, target):
        return True
    why = target.attributes.get(EXISTS_MAYBE)
    return isinstance(why, str) and why != resource.attributes.get(EXISTS_MAYBE)


def _other_systems(
    context: RuleContext, radius: BlastRadius, foreign: list[str], held: list[str],
    evidence: dict[str, Any],
) -> Text:
    """"reaches resources of other systems: ...", with the Azure grants (role assignment,
    Key Vault access policy) that reach them (``granted_by``: the line to change, not only
    the resource reached) and the systems reached only where the template creates
    resources another value of its parameters creates, named apart."""
    granted = sorted({
        grant for found, given in radius.granted
        if (target := context.graph.get(found)) is not None and target.system in foreign
        for grant in given
    })
    if granted:
        evidence["granted_by"] = granted
    text = Text(
        en=f"reaches resources of other systems: {', '.join(foreign)}",
        th=f"เข้าถึงทรัพยากรของระบบอื่น: {', '.join(foreign)}",
    )
    if not held:
        return text
    where = _held_targets(context, radius, held, evidence)
    return Text(
        en=f"{text.en}; and of {', '.join(held)} only where {where.en}",
        th=f"{text.th} และของ {', '.join(held)} เฉพาะเมื่อ{where.th}",
    )


def _held_targets(
    context: RuleContext, radius: BlastRadius, held: list[str], evidence: dict[str, Any]
) -> Text:
    """The resources of the systems ``held`` a blast radius reaches, each with what creates
    it (``Bucket (deployed only when condition IsProd holds, ...)``), noted in ``evidence``
    (``reaches_elsewhere``)."""
    targets = [
        t for r in radius.resources
        if (t := context.graph.get(r)) is not None and t.system in held
    ]
    evidence["reaches_elsewhere"] = [_address(context, t.id) for t in targets]
    made = [t for t in targets if ONLY_WITH in t.attributes]
    maybe = [t for t in targets if ONLY_WITH not in t.attributes]
    en = [f"the template creates {t.address or t.name} ({t.attributes[ONLY_WITH]})"
          for t in made]
    en += [f"{t.address or t.name} is created ({t.attributes.get(EXISTS_MAYBE)})"
           for t in maybe]
    th = [f"เทมเพลตสร้าง {t.address or t.name} (สร้างขึ้นเฉพาะเมื่อใช้ค่าพารามิเตอร์อื่นที่ไม่ใช่ค่าเริ่มต้น)"
          for t in made]
    th += [f"มีการสร้าง {t.address or t.name} (ไม่แน่ว่าจะถูกสร้าง: {t.attributes.get(EXISTS_MAYBE)})"
           for t in maybe]
    return Text(en="; ".join(en), th="; ".join(th))


def _held_systems(
    context: RuleContext, radius: BlastRadius, held: list[str], evidence: dict[str, Any]
) -> Outcome:
    """UNKNOWN: the identity reaches resources of other systems only where the template
    creates them (``ONLY_WITH``); with its parameters' defaults it does not (it was FAIL)."""
    where = _held_targets(context, radius, held, evidence)
    systems = ", ".join(held)
    defaults = all(
        ONLY_WITH in t.attributes
        for r in radius.resources
        if (t := context.graph.get(r)) is not None and t.system in held
    )
    tail = (
        Text(en="not with its parameters' defaults",
             th="แต่ไม่ใช่เมื่อใช้ค่าเริ่มต้นของพารามิเตอร์")
        if defaults
        else Text(en="whether they are created is not known",
                  th="ไม่ทราบว่าทรัพยากรเหล่านั้นถูกสร้างหรือไม่")
    )
    return unknown(
        Text(
            en=f"reaches resources of other systems ({systems}) only where {where.en}; "
            f"{tail.en}",
            th=f"เข้าถึงทรัพยากรของระบบอื่น ({systems}) เฉพาะเมื่อ{where.th} {tail.th}",
        ),
        **evidence,
    )


def _service_wide(
    resource: Resource, context: RuleContext, radius: BlastRadius,
    systems: tuple[list[str], list[str]], limit: int, evidence: dict[str, Any],
) -> Outcome:
    """FAIL: a wildcard grant reaches every resource of a few services (``s3:Get*`` on
    ``*``), counted among those services' resources only (it said "reaches all N aws
    resources", queues and databases too); what else the radius holds is said after it."""
    wanted = {r.id for r in context.graph.of_iam_services(radius.services)}
    ids = tuple(r for r in radius.resources if r in wanted)
    named = ", ".join(radius.services)
    noun = Text(en="services", th="บริการ") if len(radius.services) > 1 else Text(
        en="service", th="บริการ")
    every = _every(
        resource, context, radius, ids, (f" of {noun.en} {named}", f"ของ{noun.th} {named}")
    )
    text = _held_through(context, radius)
    evidence["service_wildcards"] = list(radius.service_wide)
    if not ids and not any(
        context.graph.apart(resource, r) for r in context.graph.of_iam_services(radius.services)
    ):
        head = Text(
            en=f"may act on every resource of {noun.en} {named}, none of them in the scan",
            th=f"อาจกระทำกับทรัพยากรทุกรายการของ{noun.th} {named} ซึ่งไม่มีในสิ่งที่ตรวจ",
        )
    elif not ids:
        # (some are of CloudFormation templates that share no stack with its own:
        # ``ResourceGraph.apart``)
        head = Text(
            en=f"may act on every resource of {noun.en} {named}, none of them in the stacks"
            " of its template (the scan's other templates are deployed apart)",
            th=f"อาจกระทำกับทรัพยากรทุกรายการของ{noun.th} {named} ซึ่งไม่มีในสแตกของเทมเพลตนี้"
            " (เทมเพลตอื่นในสิ่งที่ตรวจถูกนำไปใช้แยกกัน)",
        )
    else:
        head = Text(en=f"reach{{}} {every.en}", th=f"เข้าถึง{every.th}")
    if radius.service_loose:
        parts = [Text(
            en=f"actions on resources not known {head.en.format('')} (the wildcards beside "
            f"them only describe and list): {text.en}",
            th=f"action บนทรัพยากรที่ไม่ทราบ{head.th} (wildcard ที่อยู่ด้วยกันมีเพียง "
            f"action ประเภท describe และ list): {text.th}",
        )]
    else:
        parts = [Text(en=f"a wildcard permission {head.en.format('es')}: {text.en}",
                      th=f"สิทธิ์แบบ wildcard {head.th}: {text.th}")]
    foreign, held = systems
    if len(foreign) > limit:
        parts.append(_other_systems(context, radius, foreign, held, evidence))
    elif len(foreign) + len(held) > limit:
        # systems reached only through resources another value of the template's parameters
        # creates (ONLY_WITH) or that may not be created: counted apart above, named here
        # (they were not named at all)
        where = _held_targets(context, radius, held, evidence)
        named_held = ", ".join(held)
        parts.append(Text(
            en=f"it reaches resources of other systems ({named_held}) only where {where.en}",
            th=f"เข้าถึงทรัพยากรของระบบอื่น ({named_held}) เฉพาะเมื่อ{where.th}",
        ))
    if radius.wildcards:
        grants_text = "; ".join(radius.wildcards)
        parts.append(Text(en=f"it grants actions by wildcard on named resources: {grants_text}",
                          th=f"ให้สิทธิ์ action แบบ wildcard บนทรัพยากรที่ระบุ: {grants_text}"))
        evidence["wildcard_grants"] = list(radius.wildcards)
    if radius.describes:
        parts.append(_reaching_none(radius.describes))
    return failed(
        Text(en="; ".join(p.en for p in parts), th="; ".join(p.th for p in parts)), **evidence
    )


def _reaching_none(described: tuple[str, ...]) -> Text:
    """What a blast radius's wildcard grants that reach no resource give (``describes``):
    describing and listing, and the Systems Manager agent's message channels, on every
    resource or on resources not known (a variable, a parameter without a value)."""
    text = "; ".join(described)
    where = _where(described)
    if not any(
        grants.agent_channel(action) for grant in described for action in _ACTION.findall(grant)
    ):
        return Text(
            en=f"it grants describe and list actions by wildcard {where.en} "
            f"(they show what exists, not its data, and change nothing): {text}",
            th=f"ให้สิทธิ์ action ประเภท describe และ list แบบ wildcard {where.th} "
            f"(เห็นว่ามีทรัพยากรใดอยู่ ไม่เห็นข้อมูลและเปลี่ยนแปลงสิ่งใดไม่ได้): {text}",
        )
    return Text(
        en=f"it grants by wildcard, {where.en}, actions that reach none of them "
        "(describing, listing, the Systems Manager agent's message channels): "
        f"{text}",
        th=f"ให้สิทธิ์ action แบบ wildcard {where.th} ซึ่งไม่เข้าถึงทรัพยากรใด "
        "(describe, list และช่องทางข้อความของ agent ของ Systems Manager): "
        f"{text}",
    )


def _where(described: tuple[str, ...]) -> Text:
    """Where describe grants apply: every resource (``on *``), resources not known, or
    both."""
    everywhere = ["*" in grant.rsplit(" on ", 1)[-1].split(", ") for grant in described]
    if all(everywhere):
        return Text(en="on every resource", th="บนทรัพยากรทั้งหมด")
    if not any(everywhere):
        return Text(en="on resources not known", th="บนทรัพยากรที่ไม่ทราบ")
    return Text(en="on every resource and on resources not known",
                th="บนทรัพยากรทั้งหมดและบนทรัพยากรที่ไม่ทราบ")


#: An action (pattern) in a grant's text (``"Sid": ssmmessages:*, ec2:Describe* on *``).
_ACTION = re.compile(r"[A-Za-z0-9-]+:[A-Za-z0-9*?]+")

#: Providers whose grants are role assignments at a scope (``graph/azure_grants.py``).
_AZURE = frozenset({"azurerm", "azapi"})


def _held_through(context: RuleContext, radius: BlastRadius) -> Text:
    """The service-wide grants, each held only through identities the node acts as (a role
    it may pass) followed by those identities: the grant is theirs, not the node's."""
    through = dict(radius.service_through)
    en: list[str] = []
    th: list[str] = []
    for grant in radius.service_wide:
        roles = ", ".join(_address(context, r) for r in through.get(grant, ()))
        en.append(f"{grant} (held by {roles}, which it may act as)" if roles else grant)
        th.append(f"{grant} (เป็นสิทธิ์ของ {roles} ซึ่งอาจทำงานในนามได้)" if roles else grant)
    return Text(en="; ".join(en), th="; ".join(th))


def _unbounded_by(escalations: tuple[str, ...], role: bool) -> Text:
    """What makes a blast radius everything of its scope, as the subject of the message: a
    wildcard or administrator grant, else the privilege escalation grants named."""
    if not escalations:
        return (
            Text(en="a wildcard or administrator role", th="บทบาทแบบ wildcard หรือผู้ดูแลระบบ")
            if role
            else Text(
                en="a wildcard or administrator permission",
                th="สิทธิ์แบบ wildcard หรือผู้ดูแลระบบ",
            )
        )
    grants = "; ".join(escalations)
    return Text(
        en=f"a privilege escalation grant ({grants}), which lets the holder give itself any "
        "permission,",
        th=f"สิทธิ์ที่ยกระดับสิทธิ์ได้ ({grants}) ทำให้ผู้ถือให้สิทธิ์ใดก็ได้แก่ตนเอง จึง",
    )


def _address(context: RuleContext, resource_id: str) -> str:
    found = context.graph.get(resource_id)
    return (found.address or found.name) if found is not None else resource_id


def key_rotation_for_personal_data(resource: Resource, context: RuleContext) -> Outcome:
    """A key that encrypts personal data is rotated automatically. A store only another value
    of a template's parameters creates (``ONLY_WITH``, unless the key's too) is not protected
    with the defaults: a key protecting only such stores and never rotated is UNKNOWN, naming
    them (it was FAIL)."""
    graph = context.graph
    stores = [
        r for r in graph.neighbours(resource)
        if r.kind != "crypto.key" and graph.personal_data(r)
    ]
    protected = [r.name for r in stores if exists_with(resource, r)]
    elsewhere = [r for r in stores if not exists_with(resource, r)]
    if not protected and not elsewhere and not graph.personal_data(resource):
        return not_applicable(
            Text(en="protects no known personal data", th="ไม่ได้ปกป้องข้อมูลส่วนบุคคลที่ทราบ")
        )
    if resource.facets.key_rotation is True:
        return passed(protects=protected + [r.name for r in elsewhere])
    if resource.facets.key_rotation is None:
        return unknown(
            Text(en="key rotation is not known", th="ไม่ทราบการหมุนเวียนกุญแจ"),
            protects=protected + [r.name for r in elsewhere],
        )
    if not protected and not graph.personal_data(resource):
        named = ", ".join(f"{r.name} ({r.attributes[ONLY_WITH]})" for r in elsewhere)
        return unknown(
            Text(
                en="the key is never rotated and protects personal data only where the "
                f"template creates {named}",
                th="กุญแจไม่มีการหมุนเวียน และปกป้องข้อมูลส่วนบุคคลเฉพาะเมื่อเทมเพลตสร้าง "
                f"{', '.join(r.name for r in elsewhere)} "
                "(สร้างขึ้นเฉพาะเมื่อใช้ค่าพารามิเตอร์อื่นที่ไม่ใช่ค่าเริ่มต้น)",
            ),
            protects=[],
            protects_elsewhere=[r.name for r in elsewhere],
        )
    return failed(
        Text(
            en=f"the key protecting personal data is never rotated: {', '.join(protected)}",
            th=f"กุญแจที่ปกป้องข้อมูลส่วนบุคคลไม่มีการหมุนเวียน: {', '.join(protected)}",
        ),
        protects=protected,
    )


def data_pods_isolated(resource: Resource, context: RuleContext) -> Outcome:
    """A Kubernetes data workload (database image or port) is selected by a NetworkPolicy
    that limits who may connect; otherwise every pod of the cluster can reach it."""
    from gdcc_audit.graph.network import is_data_store

    if not is_data_store(resource):
        from gdcc_audit.graph.ecs_stores import maybe_store_text

        maybe = maybe_store_text(resource)  # an image named like a database, no port
        if maybe is not None:
            return unknown(maybe)
        return not_applicable(Text(en="not a data workload", th="ไม่ใช่เวิร์กโหลดข้อมูล"))
    isolated = context.graph.pod_isolated(resource)
    if isolated is True and kube.host_network(resource):
        # "NetworkPolicy behaviour for hostNetwork pods is undefined": a network plugin may
        # apply it, or (the most common implementation) ignore hostNetwork pods when matching
        # podSelector and treat their traffic as the node's (Kubernetes, "Network Policies",
        # "NetworkPolicy and hostNetwork pods"). It PASSed.
        return unknown(host_network_policy(resource))
    if isolated is True:
        return passed()
    if isolated is None:
        return unknown(
            Text(
                en="a NetworkPolicy may select it, but whether one does is not known (a "
                "selector, the pod's labels or a namespace not known)",
                th="อาจมี NetworkPolicy ที่เลือก pod นี้ แต่ไม่ทราบว่าเลือกจริงหรือไม่ (ไม่ทราบ "
                "selector, label ของ pod หรือ namespace)",
            )
        )
    message = Text(
        en=f"no NetworkPolicy isolates it: every pod in the cluster can connect "
        f"(namespace {kube.namespace(resource)})",
        th=f"ไม่มี NetworkPolicy แยกส่วน ทุก pod ในคลัสเตอร์เชื่อมต่อได้ "
        f"(namespace {kube.namespace(resource)})",
    )
    if kube.host_network(resource):
        # a NetworkPolicy is no fix for a pod on the node's network (a kubeadm etcd): say
        # what is
        message = on_node_network(message, resource)
    return failed(message, namespace=kube.namespace(resource))


def _store_ports(resource: Resource) -> list[int]:
    """The ports a data pod listens on: those its containers declare, else its database
    image's (a kubeadm etcd declares none: 2379)."""
    from gdcc_audit.graph.store_images import image_engine

    declared = sorted({port for _, port in kube.container_ports(resource)})
    if declared:
        return declared
    return sorted({
        engine[1] for image in kube.images(resource)
        if (engine := image_engine(image)) is not None
    })


def on_node_network(message: Text, resource: Resource) -> Text:
    """``message`` with what to change for a data pod on the node's network (hostNetwork:
    a kubeadm etcd), for which a NetworkPolicy is no fix (:func:`node_firewall`)."""
    change = node_firewall(resource)
    return Text(
        en=f"{message.en}; its pods run on the node's network (hostNetwork), where a "
        f"NetworkPolicy is no reliable boundary: {change.en}",
        th=f"{message.th} และ pod ใช้เครือข่ายของโหนด (hostNetwork) ซึ่ง NetworkPolicy "
        f"ไม่ใช่ขอบเขตที่เชื่อถือได้: {change.th}",
    )


def node_firewall(resource: Resource) -> Text:
    """What to change for a data pod on the node's network: the nodes' own filtering of its
    ports, which is what admits or refuses a connection to it."""
    from gdcc_audit.graph.store_images import image_engine

    ports = ", ".join(map(str, _store_ports(resource)))
    etcd = any(
        (engine := image_engine(image)) is not None and engine[0] == "etcd"
        for image in kube.images(resource)
    )
    who_en = "only the clients that need it" + (", such as the API server" if etcd else "")
    who_th = "เฉพาะไคลเอนต์ที่จำเป็น" + (" เช่น API server" if etcd else "")
    where_en = f"port(s) {ports}" if ports else "its database port"
    where_th = f"พอร์ต {ports}" if ports else "พอร์ตฐานข้อมูล"
    return Text(
        en=f"limit who reaches {where_en} on its nodes with the nodes' firewall or security "
        f"group ({who_en})",
        th=f"จำกัดผู้ที่เข้าถึง{where_th} บนโหนดด้วยไฟร์วอลล์หรือ security group ของโหนด "
        f"({who_th})",
    )


def host_network_policy(resource: Resource) -> Text:
    """Why a NetworkPolicy selecting a data pod on the node's network (``hostNetwork:
    true``, a kubeadm etcd) does not settle who can connect to it, and what to change."""
    change = node_firewall(resource)
    return Text(
        en="a NetworkPolicy selects it, but its pods run on the node's network "
        "(hostNetwork), where NetworkPolicy behaviour is undefined: most network "
        f"plugins do not isolate such pods; {change.en}",
        th="มี NetworkPolicy เลือก pod นี้ แต่ pod ใช้เครือข่ายของโหนด (hostNetwork) "
        "ซึ่ง Kubernetes ไม่กำหนดว่า NetworkPolicy มีผลอย่างไร "
        f"network plugin ส่วนใหญ่ไม่แยกส่วน pod ลักษณะนี้ {change.th}",
    )


def default_account_not_powerful(resource: Resource, context: RuleContext) -> Outcome:
    """No RoleBinding gives a namespace's ``default`` service account (used by every pod
    that names none) a powerful role: cluster-admin, admin, edit, or wildcard rules.

    The binding reaches a default account when it names one or a group every service
    account belongs to (facet ``binds_default_service_account``, for manifests and the
    Terraform kubernetes provider alike); a binding whose subjects or role are not known is
    UNKNOWN, not "does not apply".
    """
    binds = resource.facets.binds_default_service_account
    if binds is False:
        return not_applicable(
            Text(en="does not bind a default service account", th="ไม่ได้ผูก service account default")
        )
    if binds is None:
        return unknown(
            Text(
                en="whether the binding reaches a default service account is not known",
                th="ไม่ทราบว่าการผูกนี้ถึง service account default หรือไม่",
            ),
            binds_default_service_account=None,
        )
    role_name = bound_role(resource) or ""
    roles = list(context.graph.references(resource, "k8s.role"))
    powerful = role_name in _POWERFUL_ROLES or any(
        r.facets.admin_privileges or r.facets.wildcard_permissions for r in roles
    )
    if powerful:
        return failed(
            Text(
                en=f"the default service account is bound to the powerful role {role_name}",
                th=f"service account default ถูกผูกกับบทบาทที่มีสิทธิ์สูง {role_name}",
            ),
            role=role_name,
        )
    risks = [
        text for text, facet in _RISKS if any(_granted(r, facet, resource) for r in roles)
    ]
    if risks:
        return failed(
            Text(
                en=f"the default service account is bound to the powerful role {role_name}: "
                + "; ".join(f"it {t.en}" for t in risks),
                th=f"service account default ถูกผูกกับบทบาทที่มีสิทธิ์สูง {role_name}: "
                + "; ".join(t.th for t in risks),
            ),
            role=role_name,
            risks=[t.en for t in risks],
        )
    not_known = [r for r in roles if any(getattr(r.facets, f) is None for _, f in _RISKS)]
    if not_known:  # an aggregated ClusterRole none of whose selected roles is in the scan
        reasons = sorted({t.en for r in not_known for t in r.unknown.values()})
        return unknown(
            Text(
                en=f"the permissions of role {role_name} are not known"
                + (f": {reasons[0]}" if reasons else ""),
                th=f"ไม่ทราบสิทธิ์ของบทบาท {role_name}",
            ),
            role=role_name,
        )
    if not roles:
        if not role_name:
            return unknown(
                Text(en="the bound role is not known", th="ไม่ทราบบทบาทที่ผูกไว้"),
                role=None,
            )
        return unknown(
            Text(
                en=f"role {role_name} was not scanned; its permissions are not known",
                th=f"ไม่ได้ตรวจบทบาท {role_name} จึงไม่ทราบสิทธิ์",
            ),
            role=role_name,
        )
    return passed(role=role_name)


def _granted(role: Resource, facet: str, binding: Resource) -> bool:
    """The role grants the risk ``facet`` through the binding: a RoleBinding grants nothing
    on cluster-scoped objects (webhooks, nodes, PersistentVolumes, certificate signers)."""
    value = getattr(role.facets, facet)
    if facet == "escalation_paths" and value and binding.provider_type in kube.ROLE_BINDINGS:
        return bool(in_namespace(value))
    return bool(value)


def _held_part(workload: Resource, found: LogTampering) -> Resource | None:
    """The role, policy, log store or recorder of ``found`` that only another value of a
    template's parameters creates (``ONLY_WITH``, unless ``workload``'s too); None when the
    defaults create them all."""
    return next((r for r in (found.policy, found.role, found.store, found.recorder)
                 if not exists_with(workload, r)), None)


def _held_tampering(
    resource: Resource, first: LogTampering, part: Resource, stores: list[str]
) -> Outcome:
    """UNKNOWN: the workload can alter its logs only where the template creates a part of the
    way (an IAM policy under ``Condition: IsProd``); it was FAIL for the defaults."""
    what = (f"{first.action} on {first.store.name} (written by {first.recorder.name}) "
            f"through role {first.role.name}, policy {first.policy.name}, {first.label()}")
    return unknown(
        Text(
            en=f"{resource.name} can alter the logs that record it only where the template "
            f"creates {part.name} ({part.attributes[ONLY_WITH]}): {what}",
            th=f"{resource.name} แก้ไขหรือลบล็อกที่บันทึกตัวเองได้เฉพาะเมื่อเทมเพลตสร้าง {part.name} "
            f"(สร้างขึ้นเฉพาะเมื่อใช้ค่าพารามิเตอร์อื่นที่ไม่ใช่ค่าเริ่มต้น): {first.action} บน "
            f"{first.store.name} (บันทึกโดย {first.recorder.name}) ผ่าน role "
            f"{first.role.name} นโยบาย {first.policy.name} {first.label()}",
        ),
        workload=resource.name,
        log_stores=stores,
        only_with=part.name,
        policy=first.policy.name,
        statement=first.label(),
        action=first.action,
    )


def logs_not_writable_by_recorded(resource: Resource, context: RuleContext) -> Outcome:
    """A workload cannot alter or erase the logs that record it: no statement of its role's
    policies allows a delete, overwrite or retention change on the bucket or log group its
    network's flow logs or the audit trail deliver to."""
    writers = context.graph.log_writers(resource)
    if not writers.stores:
        return not_applicable(
            Text(en="no scanned log store records this workload",
                 th="ไม่พบที่เก็บล็อกที่บันทึกเวิร์กโหลดนี้ในสิ่งที่ตรวจ")
        )
    stores = sorted({f"{s.name} ({r.name})" for s, r in writers.stores})
    sure = [t for t in writers.found if t.certain and _held_part(resource, t) is None]
    held = [(t, part) for t in writers.found
            if t.certain and (part := _held_part(resource, t)) is not None]
    if not sure and held:
        return _held_tampering(resource, *held[0], stores)
    if sure:
        first = sure[0]
        what = (f"{first.action} on {first.store.name} (written by {first.recorder.name}) "
                f"through role {first.role.name}, policy {first.policy.name}, "
                f"{first.label()}")
        return failed(
            Text(
                en=f"{resource.name} can alter the logs that record it: {what}",
                th=f"{resource.name} สามารถแก้ไขหรือลบล็อกที่บันทึกตัวเองได้: {first.action} บน "
                f"{first.store.name} (บันทึกโดย {first.recorder.name}) ผ่าน role "
                f"{first.role.name} นโยบาย {first.policy.name} {first.label()}",
            ),
            workload=resource.name,
            role=first.role.name,
            policy=first.policy.name,
            statement=first.label(),
            action=first.action,
            log_store=first.store.name,
            recorder=first.recorder.name,
            writes=sorted({f"{t.role.name}/{t.policy.name}/{t.label()}: {t.action} on "
                           f"{t.store.name}" for t in sure}),
        )
    doubts = [
        f"{t.role.name}/{t.policy.name}/{t.label()}: {t.action} on resources not known"
        for t in writers.found
    ] + list(writers.not_known)
    if doubts:
        return unknown(
            Text(
                en=f"whether {resource.name} can alter its logs is not known: {doubts[0]}",
                th=f"ไม่ทราบว่า {resource.name} แก้ไขล็อกของตัวเองได้หรือไม่: "
                f"{reason_th(doubts[0])}",
            ),
            log_stores=stores,
            not_known=doubts,
        )
    return passed(log_stores=stores)
