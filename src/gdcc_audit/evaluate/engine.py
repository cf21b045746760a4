"""The rule engine: rules indexed by kind, applicability, isolation of crashing rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import ConfigError
from gdcc_audit.evaluate.graph_cases import ROUNDS, GraphCases
from gdcc_audit.evaluate.lost_graph import connected_lost
from gdcc_audit.evaluate.rule import Outcome, Rule, RuleContext
from gdcc_audit.evaluate.tally import COUNTED, VerdictCounts
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.common import Classification, Level, Text
from gdcc_audit.models.facet_words import APPLICABILITY_WORDS, found, not_known
from gdcc_audit.models.finding import Finding, Status, call_chain_of
from gdcc_audit.models.reason_words import item_th
from gdcc_audit.models.resource import FACET_NAMES, LostMention, Resource, Variant
from gdcc_audit.models.rule import Applicability, RuleMeta
from gdcc_audit.models.value_origin import in_thai, join_places
from gdcc_audit.normalize.versioned_defaults import label_th
from gdcc_audit.settings import Settings

if TYPE_CHECKING:
    from gdcc_audit.models.tenant import System, Tenant


def select_rules(
    rules: Sequence[Rule],
    settings: Settings,
    reach: Callable[[RuleMeta], set[str]] | None = None,
    other_ids: Collection[str] = (),
) -> list[Rule]:
    """Rules chosen by id, tag, minimum severity and framework; unknown ids are an error.

    With ``settings.frameworks``, a rule is kept when it counts in one of them: ``reach`` gives
    the frameworks a rule reaches directly or through the crosswalk (default: direct only).
    ``other_ids`` are ids selected elsewhere (checkov checks the bridge keeps): not unknown.
    """
    known = {r.id for r in rules} | set(other_ids)
    missing = [rid for rid in settings.rule_ids if rid not in known]
    if missing:
        raise ConfigError(f"unknown rule id(s): {', '.join(missing)}")
    return [rule for rule in rules if keeps(rule.meta, settings, reach)]


def keeps(
    meta: RuleMeta, settings: Settings, reach: Callable[[RuleMeta], set[str]] | None = None
) -> bool:
    """Whether the selection in ``settings`` (ids, tags, severity, frameworks) keeps a rule."""
    if settings.rule_ids and meta.id not in settings.rule_ids:
        return False
    if settings.tags and not set(settings.tags) & set(meta.tags):
        return False
    if settings.min_severity and meta.severity.rank < settings.min_severity.rank:
        return False
    reached = reach(meta) if reach is not None else meta.frameworks()
    return not (settings.frameworks and not set(settings.frameworks) & reached)


def effective_personal_data(
    resource: Resource, tenant: Tenant | None, system: System | None
) -> bool | None:
    """Whether the resource holds personal data: its own facet, else its system, else tenant."""
    if resource.facets.personal_data is not None:
        return resource.facets.personal_data
    if system is not None:
        return system.personal_data
    if resource.kind == "tenant" and tenant is not None:
        return any(s.personal_data for s in tenant.systems)
    return None


def effective_level(
    resource: Resource, tenant: Tenant | None, system: System | None
) -> Level | None:
    """The NCSC security category that governs the resource."""
    if resource.facets.security_category is not None:
        return resource.facets.security_category.overall
    if system is not None:
        return system.level
    if resource.kind == "tenant" and tenant is not None:
        return tenant.highest_level
    return None


def effective_classification(
    resource: Resource, tenant: Tenant | None, system: System | None
) -> Classification | None:
    """The data classification that governs the resource."""
    if resource.facets.data_classification is not None:
        return resource.facets.data_classification
    if system is not None:
        return system.data_classification
    if resource.kind == "tenant" and tenant is not None:
        return tenant.highest_classification
    return None


def applies(
    rule: Applicability, resource: Resource, tenant: Tenant | None, system: System | None
) -> tuple[bool, Text | None]:
    """Whether a rule applies; when not, a reason. An unknown condition means it does not."""
    if rule.is_unconditional:
        return True, None
    if rule.providers is not None and resource.provider not in rule.providers:
        return False, _why("provider", resource.provider)
    if rule.cii is not None:
        cii = tenant.cii.designated if tenant is not None else None
        if cii != rule.cii:
            return False, _why("cii", cii)
    if rule.personal_data is not None:
        personal = effective_personal_data(resource, tenant, system)
        if personal != rule.personal_data:
            return False, _why("personal_data", personal)
    if rule.min_security_category is not None:
        level = effective_level(resource, tenant, system)
        if level is None or level.rank < rule.min_security_category.rank:
            return False, _why("security_category", level)
    if rule.classifications is not None:
        found = effective_classification(resource, tenant, system)
        if found not in rule.classifications:
            return False, _why("data_classification", found)
    return True, None


def absent_reason(reads: frozenset[str], resource: Resource) -> Text | None:
    """Why a rule judging ``reads`` does not apply to the resource: every one of those facets
    is one its type does not have (``Resource.absent``) and is still unknown; else ``None``.
    A facet the mapper did read is always judged."""
    absent = resource.absent
    if not reads or not reads <= absent.keys():
        return None
    if any(getattr(resource.facets, name) is not None for name in reads):
        return None
    reasons = list(dict.fromkeys(absent[name] for name in sorted(reads)))
    if len(reasons) == 1:
        return _not_a_property(reasons[0], resource.provider_type)
    joined = Text(en="; ".join(r.en for r in reasons), th="; ".join(r.th for r in reasons))
    return _not_a_property(joined, resource.provider_type)


@lru_cache(maxsize=256)
def _not_a_property(reason: Text, provider_type: str) -> Text:
    return Text(
        en=f"does not apply to {provider_type}: {reason.en}",
        th=f"ไม่ใช้กับ {provider_type}: {reason.th}",
    )


@lru_cache(maxsize=1024)
def _why(condition: str, value: Any) -> Text:
    # Cached: the same reason is given to thousands of resources; one shared Text each.
    words = APPLICABILITY_WORDS.get(condition)
    said = None
    if words is not None:
        said = not_known(words, ("", "")) if value is None else found(words, value)
    if said is None:
        shown = "not known" if value is None else str(value)
        shown_th = "ไม่ทราบ" if value is None else str(value)
        said = (f"{condition} is {shown}", f"{condition} คือ {shown_th}")
    return Text(en=f"does not apply: {said[0]}", th=f"ไม่เข้าเงื่อนไขการใช้บังคับ: {said[1]}")


def _rules_set_at(opened_by: Any) -> str | None:
    """Where the parameter values of the inbound rules that open a port are set
    (``value_set_at`` of GDCC-NET-001's ``opened_by``), if any."""
    places = [
        item["value_set_at"] for item in opened_by if isinstance(item, Mapping)
        and item.get("value_set_at")
    ] if isinstance(opened_by, list) else []
    return join_places(places) or None


def _with_origins(resource: Resource, outcome: Outcome, title: Text | None = None) -> Outcome:
    """Point a FAIL at the line to change when its deciding value is written elsewhere (a
    module argument, a variable default, a parameter default): ``value set at FILE:LINE``;
    a PASS too (``title``: its message when the rule words none), so that a verdict a
    default decides says where that default is."""
    if outcome.status not in (Status.FAIL, Status.PASS):
        return outcome
    used = {n: resource.value_origins[n] for n in outcome.evidence if n in resource.value_origins}
    opened = _rules_set_at(outcome.evidence.get("opened_by"))
    if opened:
        used.setdefault("ingress", opened)
    if not used:
        return outcome
    places = join_places(list(used.values()))
    message = outcome.message
    if message is None and outcome.status == Status.PASS:
        message = title
    if message is not None and f"value set at {places}" not in message.en:
        message = Text(
            en=f"{message.en} (value set at {places})",
            th=f"{message.th} (ค่ากำหนดไว้ที่ {in_thai(places)})",
        )
    # a parameter default an alternative named (``_with_alternatives``) is kept when the
    # facet's own origin is another line
    prior = {
        k: v for k, v in outcome.evidence.get("value_set_at", {}).items()
        if v not in used.values()
    }
    evidence = {**outcome.evidence, "value_set_at": {**prior, **used}}
    return Outcome(outcome.status, message, evidence, outcome.key)


def _with_unknown(resource: Resource, outcome: Outcome) -> Outcome:
    """Say why an UNKNOWN is unknown when the mapper knows (``Resource.unknown``): the reason
    is added to the message and to the evidence (``unknown_because``)."""
    used = {n: resource.unknown[n] for n in outcome.evidence if n in resource.unknown}
    if not used:
        return outcome
    reasons = list(dict.fromkeys(used.values()))
    message = outcome.message
    if message is not None:
        message = Text(
            en=f"{message.en}: " + "; ".join(r.en for r in reasons),
            th=f"{message.th}: " + "; ".join(r.th for r in reasons),
        )
    evidence = {**outcome.evidence, "unknown_because": {n: r.en for n, r in used.items()}}
    return Outcome(outcome.status, message, evidence, outcome.key)


def _with_reasons(resource: Resource, outcome: Outcome, title: Text) -> Outcome:
    """Say why a PASS or FAIL holds when a facet it rests on is decided by something other
    than the resource's own attribute (``Resource.decided_by``): the reason is added to the
    message (the rule's title for a PASS without one) and to ``evidence.decided_by``."""
    if outcome.status not in (Status.FAIL, Status.PASS):
        return outcome
    used = {n: resource.decided_by[n] for n in outcome.evidence if n in resource.decided_by}
    if not used:
        return outcome
    reasons = list(dict.fromkeys(used.values()))
    evidence = {**outcome.evidence, "decided_by": {n: r.en for n, r in used.items()}}
    message = outcome.message or title
    why = Text(en="; ".join(r.en for r in reasons), th="; ".join(r.th for r in reasons))
    message = Text(en=f"{message.en} ({why.en})", th=f"{message.th} ({why.th})")
    return Outcome(outcome.status, message, evidence, outcome.key)


def _with_undetermined(resource: Resource, outcome: Outcome) -> Outcome:
    """Name the items of a listing known only in part (``Resource.undetermined``) in a
    PASS or FAIL that rests on it: evidence ``undetermined_<facet>``, so that a reader of one
    item (the checkov bridge's ``listed:`` comparison) does not take an item the listing
    does not name for one that is fine."""
    if outcome.status not in (Status.FAIL, Status.PASS):
        return outcome
    used = {
        f"undetermined_{name}": list(items)
        for name, items in resource.undetermined.items()
        if name in outcome.evidence
    }
    if not used:
        return outcome
    return Outcome(outcome.status, outcome.message, {**outcome.evidence, **used}, outcome.key)


def _with_defaults(resource: Resource, outcome: Outcome, title: Text | None = None) -> Outcome:
    """Say "default" when a facet the verdict rests on is the provider's documented default
    (its attribute is not written): the evidence names the attribute and the documentation
    page, and a FAIL's message tells the user which attribute to add."""
    outcome = _with_origins(resource, outcome, title)
    if outcome.status == Status.UNKNOWN and resource.unknown:
        return _with_unknown(resource, outcome)
    if outcome.status not in (Status.FAIL, Status.PASS) or not resource.defaults:
        return outcome
    used = [name for name in outcome.evidence if name in resource.defaults]
    if not used:
        return outcome
    defaults = {name: resource.defaults[name] for name in used}
    evidence = {
        **outcome.evidence,
        "defaults": {
            name: {"attribute": d.attribute, "value": "default", "documentation": d.doc}
            | ({"provider_version": d.version} if d.version is not None else {})
            | ({"unless": d.unless.en} if d.unless is not None else {})
            for name, d in defaults.items()
        },
    }
    message = outcome.message
    if outcome.status == Status.FAIL and message is not None:
        names = ", ".join(f"'{d.attribute}'" for d in defaults.values())
        unless = list(dict.fromkeys(d.unless for d in defaults.values() if d.unless is not None))
        # A default that changed between provider versions says which version it is from.
        versions = "; ".join(dict.fromkeys(d.version for d in defaults.values() if d.version))
        which = f" ({versions})" if versions else ""
        versions_th = "; ".join(
            dict.fromkeys(label_th(d.version) for d in defaults.values() if d.version)
        )
        which_th = f" ({versions_th})" if versions else ""
        message = Text(
            en=f"{message.en} (provider default{which}: {names} not set"
            + "".join(f"; {u.en}" for u in unless)
            + ")",
            th=f"{message.th} (ค่าเริ่มต้นของผู้ให้บริการ{which_th}: ไม่ได้กำหนด {names}"
            + "".join(f"; {u.th}" for u in unless)
            + ")",
        )
    return Outcome(outcome.status, message, evidence, outcome.key)


#: What ``_missing`` (evaluate/checks/companions.py) adds to a FAIL that rests on a companion
#: not found anywhere in a configuration scanned whole.
_WHOLE_EN = "; the whole configuration was scanned"
_WHOLE_TH = " ทั้งที่ตรวจการตั้งค่าครบทั้งชุดแล้ว"
#: Kinds a companion check finds missing (evaluate/checks/companions.py): a lost part of
#: another known kind cannot be the companion such a FAIL says is missing.
_COMPANION_KINDS = frozenset(
    {"logging.flow_log", "backup.plan", "logging.audit_trail", "logging.log_group"}
)


def with_lost(
    lost: tuple[LostMention, ...],
    outcome: Outcome,
    title: Text | None = None,
    reads: frozenset[str] = frozenset(),
    connected: tuple[LostMention, ...] = (),
) -> Outcome:
    """A PASS of a resource that a part not assessed names (or may configure) is UNKNOWN:
    that part may grant, attach or set what the verdict rests on. A FAIL that rests on a
    companion not found (``scope: complete``) is UNKNOWN too: the part may be that companion
    (unless it is known to declare a resource of another kind, ``LostMention.kind``).
    Every other verdict stands (a FAIL on what was read is a FAIL whatever the part adds).
    A part that can set only some facets (``LostMention.facets``) counts only for a verdict
    on one of them: a facet in its evidence or among the facets the rule ``reads``; a
    verdict that names no facet counts as resting on any. ``connected`` are parts naming
    another resource linked to this one in the graph (for graph rules, a PASS only:
    :mod:`gdcc_audit.evaluate.lost_graph`)."""
    status = outcome.status
    connected = connected if status == Status.PASS else ()
    if status == Status.FAIL and outcome.evidence.get("scope") == "complete":
        lost = tuple(m for m in lost if m.kind is None or m.kind in _COMPANION_KINDS)
    elif status != Status.PASS:
        return outcome
    if any(m.facets is not None for m in lost):
        judged = _judged_facets(outcome, reads)
        lost = tuple(
            m for m in lost if m.facets is None or not judged or judged.intersection(m.facets)
        )
    if not lost and not connected:
        return outcome
    linked = [m.where for m in connected if not m.unexpanded]
    named = [m.where for m in lost if m.named and not m.unexpanded]
    blind = [m.where for m in lost if not m.named]
    # read, but its count / for_each not evaluated: its instances are not known
    linked_instances = [m.where for m in connected if m.unexpanded]
    named_instances = [m.where for m in lost if m.named and m.unexpanded]
    reason = _lost_reason(linked, linked_instances, named, named_instances, blind)
    before = outcome.message or title
    if status == Status.PASS:
        message = (
            Text(
                en=f"{reason.en}; what was assessed passes: {before.en}",
                th=f"{reason.th} ส่วนที่ตรวจได้ผ่าน: {before.th}",
            )
            if before is not None
            else reason
        )
    else:
        assert before is not None  # a companion check always words its FAIL
        message = Text(
            en=f"{before.en.removesuffix(_WHOLE_EN)} in what was assessed, but {reason.en}: "
            "it may be there",
            th=f"{before.th.removesuffix(_WHOLE_TH)}ในส่วนที่ตรวจได้ แต่{reason.th} "
            "ซึ่งอาจมีสิ่งนั้นอยู่",
        )
    evidence = dict(outcome.evidence)
    if linked or named or blind:
        evidence["not_assessed"] = [*linked, *named, *blind]
    if linked_instances or named_instances:
        evidence["instances_not_known"] = [*linked_instances, *named_instances]
    if status == Status.FAIL:
        evidence["scope"] = "partial"
    return Outcome(Status.UNKNOWN, message, evidence, outcome.key)


#: What each kind of part :func:`with_lost` names says, in the order the reason lists them:
#: linked and not assessed, linked with instances not known, named and not assessed, named
#: with instances not known, blind.
_LOST_WORDS = (
    (
        "a block that names a resource linked to this one was not assessed",
        "บล็อกที่อ้างถึงทรัพยากรที่เชื่อมกับทรัพยากรนี้ไม่ได้ถูกตรวจ",
    ),
    (
        "the instances of a block that names a resource linked to this one are not known: "
        "its count / for_each could not be evaluated",
        "ไม่ทราบว่าบล็อกที่อ้างถึงทรัพยากรที่เชื่อมกับทรัพยากรนี้สร้างกี่ชุด "
        "เพราะประเมิน count / for_each ไม่ได้",
    ),
    (
        "a block that names this resource was not assessed",
        "บล็อกที่อ้างถึงทรัพยากรนี้ไม่ได้ถูกตรวจ",
    ),
    (
        "the instances of a block that names this resource are not known: its count / "
        "for_each could not be evaluated",
        "ไม่ทราบว่าบล็อกที่อ้างถึงทรัพยากรนี้สร้างกี่ชุด เพราะประเมิน count / for_each ไม่ได้",
    ),
    (
        "part of this configuration was not assessed and may configure this resource",
        "บางส่วนของการตั้งค่านี้ไม่ได้ถูกตรวจและอาจกำหนดค่าทรัพยากรนี้",
    ),
)


def _lost_reason(*groups: list[str]) -> Text:
    """Why a verdict is UNKNOWN (:func:`with_lost`): the places of each kind of part
    (``_LOST_WORDS``' order), each kind with its words."""
    en: list[str] = []
    th: list[str] = []
    for places, (english, thai) in zip(groups, _LOST_WORDS, strict=True):
        if places:
            where = ", ".join(places)
            en.append(f"{english} ({where})")
            th.append(f"{thai} ({where})")
    return Text(en="; ".join(en), th="; ".join(th))


def _lost_parts(
    outcome: Outcome,
    resource: Resource,
    rule: Rule,
    linked: Mapping[str, tuple[LostMention, ...]],
) -> Outcome:
    """``outcome`` given the parts not assessed that name the resource, and for a graph rule
    (tagged ``graph``) those naming a resource linked to it."""
    beside = linked.get(resource.id, ()) if linked and "graph" in rule.meta.tags else ()
    if not resource.lost and not beside:
        return outcome
    return with_lost(resource.lost, outcome, rule.meta.title, rule.reads, beside)


def _judged_facets(outcome: Outcome, reads: frozenset[str]) -> set[str]:
    """The facets a verdict rests on: those in its evidence (or its parts'), and ``reads``."""
    keys = set(outcome.evidence)
    for part in outcome.evidence.get("parts") or ():
        if isinstance(part, Mapping):
            keys.update(part)
    return (keys & FACET_NAMES) | reads


def _check_status(outcome: Outcome) -> None:
    if not isinstance(outcome.status, Status):
        raise TypeError(f"check returned status {outcome.status!r}, not a Status")


def _message(rule: RuleMeta, outcome: Outcome) -> Text:
    message = outcome.message or rule.title
    if not isinstance(message, Text):
        raise TypeError(f"check returned message {message!r}, not a Text")
    return message


def _with_grants(
    grants: tuple[str, ...], outcome: Outcome, message: Text
) -> tuple[Outcome, Text]:
    """Name the grants that decide a FAIL or UNKNOWN on ``public_access`` (an IAM binding or
    ACL entry for everyone, ``Facets.public_grants``): ``evidence.granted_by`` and the
    message, unless the check named them itself."""
    if outcome.status not in (Status.FAIL, Status.UNKNOWN) or "granted_by" in outcome.evidence:
        return outcome, message
    named = "; ".join(grants)
    named_th = "; ".join(map(item_th, grants))
    message = Text(
        en=f"{message.en} (granted by {named})", th=f"{message.th} (ให้สิทธิ์โดย {named_th})"
    )
    evidence = {**outcome.evidence, "granted_by": list(grants)}
    return Outcome(outcome.status, outcome.message, evidence, outcome.key), message


def _finding(
    rule: RuleMeta,
    resource: Resource,
    outcome: Outcome,
    messages: dict[tuple[type[Text], str, str], Text] | None = None,
    judged: Resource | None = None,
) -> Finding:
    """The finding of ``outcome`` on ``resource``; ``judged``: the variant of the resource
    the verdict is (``Resource.variants``), whose defaults and origins it names."""
    # Every value comes from already-validated models (rule metadata, the canonical resource)
    # or from Outcome's typed fields, so the finding is constructed without re-validation.
    _check_status(outcome)
    judged = judged or resource
    outcome = _with_defaults(judged, outcome, rule.title)
    if judged.decided_by:
        outcome = _with_reasons(judged, outcome, rule.title)
    if judged.undetermined:
        outcome = _with_undetermined(judged, outcome)
    message = _message(rule, outcome)
    if judged.facets.public_grants and "public_access" in outcome.evidence:
        outcome, message = _with_grants(judged.facets.public_grants, outcome, message)
    if messages is not None:
        # Equal messages held once: rules word most verdicts the same way for thousands of
        # resources (275 distinct texts among 18,460 findings of the synthetic 10k tenant),
        # and a Thai message is ~0.5 KB. Texts are frozen, so sharing one is invisible.
        message = messages.setdefault((type(message), message.th, message.en), message)
    return Finding.trusted(
        rule_id=rule.id,
        resource_id=resource.id,
        resource_kind=resource.kind,
        resource_name=resource.name,
        provider_type=resource.provider_type,
        address=resource.address,
        called_at=resource.attributes.get("called_at"),
        call_chain=call_chain_of(resource.attributes),
        system=resource.system,
        status=outcome.status,
        severity=rule.severity,
        message=message,
        evidence=dict(outcome.evidence),
        evidence_key=str(outcome.key),
        location=resource.location,
    )


#: Which verdict a merged finding takes: the worst one present.
_WORST_FIRST = (Status.ERROR, Status.FAIL, Status.UNKNOWN, Status.PASS, Status.NOT_APPLICABLE)


def merge_outcomes(outcomes: Sequence[Outcome]) -> Outcome:
    """One verdict per resource and rule: a check that returned several (one per port, role,
    path...) becomes one finding with the worst status, the messages of that status joined,
    and every part's key and evidence listed under ``parts``. Its fingerprint then depends
    on the rule and resource only, so it stays stable as parts come and go."""
    if len(outcomes) == 1:
        return outcomes[0]
    if not outcomes:
        return Outcome(Status.PASS)
    status = next(s for s in _WORST_FIRST if any(o.status == s for o in outcomes))
    worst = [o for o in outcomes if o.status == status]
    messages = [o.message for o in worst if o.message is not None]
    message = (
        Text(en="; ".join(m.en for m in messages), th="; ".join(m.th for m in messages))
        if messages
        else None
    )
    parts = [
        {"status": o.status.value, **({"key": o.key} if o.key else {}), **o.evidence}
        for o in outcomes
    ]
    return Outcome(status, message, {"parts": parts})


def judge_variants(
    rule: Rule, resource: Resource, context: RuleContext
) -> tuple[Outcome, Resource]:
    """One verdict on a resource read several ways (``Resource.variants``: a template with
    and without each environment that sets its parameters, with each allowed value of a
    parameter without a default), and the variant it is: the same verdict for every deciding
    variant -> that one; an ERROR or a FAIL in one way of deploying it -> that (naming how it
    is deployed); else UNKNOWN naming each variant's verdict. Never a PASS that one way of
    deploying it does not earn. Alternatives (another allowed value of a parameter whose
    default decides) do not change the verdict; one that would give another is named in it
    (:func:`_with_alternatives`)."""
    deciding = [v for v in resource.variants if v.role != "alternative"]
    judged: list[tuple[Variant, Outcome]] = []
    for variant in deciding:
        outcomes = _run(rule, variant.resource, context)
        judged.append((variant, merge_outcomes(outcomes)))
    verdicts = {v.label.en: o.status.value for v, o in judged}
    statuses = {o.status for _, o in judged}
    worst = next((s for s in (Status.ERROR, Status.FAIL) if s in statuses), None)
    if any(v.role == "choice" for v in deciding) and worst != Status.ERROR:
        worst = None  # a parameter without a default: every value it may be given counts
    # an alternative is read beside the first choice (``cloudformation.mapper``): it is
    # compared with that read's verdict, not with the verdict over every choice
    first = judged[0][1].status if deciding and deciding[0].role == "choice" else None
    if len(statuses) == 1 or worst is not None:
        chosen, outcome = next((v, o) for v, o in judged if worst is None or o.status == worst)
        message = outcome.message or rule.meta.title
        if len(statuses) > 1 or chosen.role == "only":
            message = Text(
                en=f"{message.en} ({chosen.label.en})", th=f"{message.th} ({chosen.label.th})"
            )
        evidence = {**outcome.evidence, "variants": verdicts} if len(judged) > 1 else dict(
            outcome.evidence
        )
        decided = Outcome(outcome.status, message, evidence, outcome.key)
        return _with_alternatives(rule, resource, decided, context, first), chosen.resource
    words = Text(
        en="the verdict depends on how the template is deployed: "
        + "; ".join(f"{o.status.value} {v.label.en}" for v, o in judged),
        th="ผลการตรวจขึ้นกับวิธีนำเทมเพลตไปใช้: "
        + "; ".join(f"{o.status.value} {v.label.th}" for v, o in judged),
    )
    undecided = Outcome(Status.UNKNOWN, words, {"variants": verdicts})
    return _with_alternatives(rule, resource, undecided, context, first), resource


def judge_cases(
    rule: Rule, resource: Resource, context: RuleContext
) -> tuple[Outcome, Resource] | None:
    """The verdict on a Terraform resource whose own is UNKNOWN, read in each case of an
    input that is not known (``Resource.variants`` of role "case": ``var.x`` true, then
    false): :func:`combine_cases` of each case's verdict, and the case it is (the first
    when they agree, else the resource); None when a case is not decided."""
    judged = [(v, merge_outcomes(_run(rule, v.resource, context))) for v in resource.variants]
    outcome = combine_cases(rule, [(v.label, o) for v, o in judged])
    if outcome is None:
        return None
    return outcome, judged[0][0].resource if outcome.status != Status.UNKNOWN else resource


def combine_cases(rule: Rule, judged: Sequence[tuple[Text, Outcome]]) -> Outcome | None:
    """One verdict from the verdicts of each case (its label) of an input that is not known:
    the verdict every case gives (``cidr = var.x ? "10.0.0.0/8" : "192.168.0.0/16"``:
    private either way), with the message of each case where they differ; UNKNOWN naming
    each case's verdict when one passes and another fails (a FAIL in one case is no FAIL of
    the resource: the input may be given the other way, as a CloudFormation parameter
    without a default, role "choice"); None when a case is not decided (UNKNOWN,
    NOT_APPLICABLE, ERROR: the resource's own verdict stands, with its reason)."""
    statuses = {o.status for _, o in judged}
    if not statuses <= {Status.PASS, Status.FAIL}:
        return None
    verdicts = {label.en: o.status.value for label, o in judged}
    if len(statuses) == 1:
        outcome = judged[0][1]
        said = [o.message or rule.meta.title for _, o in judged]
        message = said[0]
        if any(m != message for m in said[1:]):
            message = Text(
                en="; ".join(f"{m.en} ({label.en})" for (label, _), m in zip(judged, said,
                                                                            strict=True)),
                th="; ".join(f"{m.th} ({label.th})" for (label, _), m in zip(judged, said,
                                                                            strict=True)),
            )
        evidence = {**outcome.evidence, "variants": verdicts}
        return Outcome(outcome.status, message, evidence, outcome.key)

    def case(label: Text, o: Outcome, lang: str) -> str:
        why = o.message.get(lang) if o.message is not None and o.status == Status.FAIL else ""
        return f"{o.status.value} {label.get(lang)}" + (f" ({why})" if why else "")

    words = Text(
        en="the verdict depends on an input that is not known: "
        + "; ".join(case(label, o, "en") for label, o in judged),
        th="ผลการตรวจขึ้นกับค่านำเข้าที่ไม่ทราบค่า: "
        + "; ".join(case(label, o, "th") for label, o in judged),
    )
    return Outcome(Status.UNKNOWN, words, {"variants": verdicts})


def judge_graph_cases(
    rule: Rule, resource: Resource, context: RuleContext, outcome: Outcome, cases: GraphCases
) -> tuple[Outcome, Resource] | None:
    """A graph rule's UNKNOWN ``outcome`` on ``resource`` read again on the graphs of the
    cases of the resources near it (``evaluate.graph_cases``): :func:`combine_cases` of
    each combination's verdict (the judged resource taken in its case too); None when no
    resource near it has cases, past the bound, or when a combination is not decided. A
    combination not decided whose paths pass near other resources with cases is read again
    with those too (at most :data:`graph_cases.ROUNDS` times)."""
    seen: list[Outcome] = [outcome]
    near: list[Resource] = []
    for _ in range(ROUNDS):
        wider = cases.near(resource, *seen)
        if len(wider) == len(near):
            return None  # (no other resource with cases: the verdict stands)
        near = wider
        scenarios = cases.scenarios(near)
        if scenarios is None or not cases.affordable(scenarios):
            return None
        judged: list[tuple[Text, Outcome]] = []
        first = resource
        for label, chosen in scenarios:
            taken = chosen[resource.id].resource if resource.id in chosen else resource
            if not judged:
                first = taken
            found = merge_outcomes(_run(rule, taken, cases.context(context, chosen)))
            judged.append((label, found))
        decided = combine_cases(rule, judged)
        if decided is not None:
            return decided, first if decided.status != Status.UNKNOWN else resource
        seen.extend(o for _, o in judged)
    return None


def _with_alternatives(
    rule: Rule,
    resource: Resource,
    outcome: Outcome,
    context: RuleContext,
    compared: Status | None = None,
) -> Outcome:
    """Name in a verdict each alternative (another allowed value of a parameter whose
    default decides) that gives a PASS or FAIL other than it (than ``compared``, the verdict
    of the read the alternatives were read beside, when given): the message says the verdict
    rests on the default and what the other value gives ("a deployment with IsPublic =
    'true': FAIL"); the evidence lists every alternative's verdict (``alternatives``) and
    where the defaults are set (``value_set_at``)."""
    alternatives = [v for v in resource.variants if v.role == "alternative"]
    if not alternatives:
        return outcome
    judged = [(v, merge_outcomes(_run(rule, v.resource, context))) for v in alternatives]
    against = outcome.status if compared is None else compared
    other = [
        (v, o) for v, o in judged
        if o.status != against and o.status in (Status.PASS, Status.FAIL)
    ]
    evidence = {**outcome.evidence, "alternatives": {v.label.en: o.status.value
                                                     for v, o in judged}}
    if not other:
        return Outcome(outcome.status, outcome.message, evidence, outcome.key)
    instead = list(dict.fromkeys(v.instead for v, _ in other if v.instead is not None))
    known = dict(evidence.get("value_set_at", {}))
    for variant, _ in other:  # a default's line not already named (by the facet it sets)
        for name, at in variant.set_at.items():
            if at not in known.values():
                known[name] = at
    evidence["value_set_at"] = known
    before = outcome.message or rule.meta.title
    en = "; ".join(f"a deployment {v.label.en}: {o.status.value}" for v, o in other)
    th = "; ".join(f"หากนำไปใช้{v.label.th}: {o.status.value}" for v, o in other)
    message = Text(
        en=f"{before.en} (decided by {', '.join(i.en for i in instead)}; {en})",
        th=f"{before.th} (ตัดสินจาก {', '.join(i.th for i in instead)}; {th})",
    )
    return Outcome(outcome.status, message, evidence, outcome.key)


def _judged(
    rule: Rule, resource: Resource, context: RuleContext, cases: GraphCases | None = None
) -> tuple[list[Outcome], Resource | None]:
    """The rule's outcomes on the resource, and the variant they are of (None: itself).
    ``cases``: the scan's Terraform case resources, for a graph rule's UNKNOWN verdict
    (:func:`judge_graph_cases`)."""
    own_cases = bool(resource.variants) and resource.variants[0].role == "case"
    if cases is not None and "graph" in rule.meta.tags and (own_cases or not resource.variants):
        # the graph's own cases first: a case of the resource read on the scan's graph still
        # meets the resource's values not known there
        outcomes = _run(rule, resource, context)
        merged = merge_outcomes(outcomes)
        if merged.status != Status.UNKNOWN:
            return outcomes, None
        decided = judge_graph_cases(rule, resource, context, merged, cases)
        if decided is not None:
            return [decided[0]], decided[1]
        if not own_cases:
            return outcomes, None
    if resource.variants and resource.variants[0].role == "case":
        outcomes = _run(rule, resource, context)
        if merge_outcomes(outcomes).status != Status.UNKNOWN:
            return outcomes, None  # decided whatever the input is
        decided = judge_cases(rule, resource, context)
        return ([decided[0]], decided[1]) if decided is not None else (outcomes, None)
    if resource.variants:
        outcome, judged = judge_variants(rule, resource, context)
        return [outcome], judged
    return _run(rule, resource, context), None


def _run(rule: Rule, resource: Resource, context: RuleContext) -> list[Outcome]:
    result = rule.check(resource, context)
    outcomes = [result] if isinstance(result, Outcome) else list(result)
    for outcome in outcomes:
        if not isinstance(outcome, Outcome):
            raise TypeError(f"check returned {type(outcome).__name__}, not Outcome")
    return outcomes


def evaluate(
    resources: Iterable[Resource],
    rules: Sequence[Rule],
    *,
    tenants: Sequence[Tenant],
    graph: ResourceGraph,
    settings: Settings,
    counted: VerdictCounts | None = None,
) -> Iterator[Finding]:
    """Run every rule on every resource of its kinds. A rule that raises is an ERROR finding.

    With ``counted``, PASS and NOT_APPLICABLE verdicts are added to it instead of yielded as
    findings (for a grouped result); every other verdict is a finding as before.
    """
    # Per kind: each rule with its metadata and parameters (merged once, read-only).
    by_kind: dict[str, list[tuple[Rule, RuleMeta, Mapping[str, Any]]]] = defaultdict(list)
    for rule in rules:
        meta = rule.meta
        overrides = settings.rule_parameters.get(meta.id, {})
        merged = MappingProxyType({**meta.parameters, **overrides})
        for kind in meta.kinds:
            by_kind[kind].append((rule, meta, merged))
    tenant_by_id = {t.id: t for t in tenants}
    linked, cases = connected_lost(graph), GraphCases.of(graph)
    now = settings.audit_time()
    # One context per rule parameters, tenant and system (they hold nothing else); a context
    # holds its tenant and system, so their ids stay theirs while the dict lives.
    contexts: dict[tuple[int, int, int], RuleContext] = {}
    messages: dict[tuple[type[Text], str, str], Text] = {}
    tally = counted.counts if counted is not None else None
    if counted is not None:
        counted.severity.update((rule.meta.id, rule.meta.severity) for rule in rules)
    for resource in resources:
        candidates = by_kind.get(resource.kind)
        if not candidates:
            continue
        tenant = tenant_by_id.get(resource.tenant) if resource.tenant else None
        system = tenant.system(resource.system) if tenant else None
        for rule, meta, params in candidates:
            ok, reason = applies(meta.applicability, resource, tenant, system)
            if ok and resource.absent and rule.reads:
                reason = absent_reason(rule.reads, resource)
                ok = reason is None
            if not ok:
                if tally is not None:
                    key = (meta.id, Status.NOT_APPLICABLE, resource.tenant)
                    tally[key] = tally.get(key, 0) + 1
                else:
                    yield _finding(
                        meta, resource, Outcome(Status.NOT_APPLICABLE, reason), messages
                    )
                continue
            where = (id(params), id(tenant), id(system))
            context = contexts.get(where)
            if context is None:
                context = RuleContext(settings, now, tenant, system, graph, params)
                contexts[where] = context
            try:
                outcomes, judged = _judged(rule, resource, context, cases)
            except Exception as exc:
                message = Text(
                    en=f"rule {meta.id} failed to run: {type(exc).__name__}: {exc}",
                    th=f"กฎ {meta.id} ทำงานผิดพลาด: {type(exc).__name__}: {exc}",
                )
                yield _finding(meta, resource, Outcome(Status.ERROR, message), messages)
                continue
            outcome = outcomes[0] if len(outcomes) == 1 else merge_outcomes(outcomes)
            outcome = _lost_parts(outcome, resource, rule, linked)
            if tally is not None and outcome.status in COUNTED:
                # A malformed verdict fails as it would as a finding.
                _check_status(outcome)
                _message(meta, outcome)
                key = (meta.id, outcome.status, resource.tenant)
                tally[key] = tally.get(key, 0) + 1
                continue
            yield _finding(meta, resource, outcome, messages, judged)
