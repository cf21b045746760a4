"""One resource read several ways (``Resource.variants``): a template mapped with each set
of parameter values it may be deployed with (a Heat template with and without each
environment file of the scan that sets its parameters: ``normalize.heat.environments``; a
CloudFormation template with each allowed value of a parameter without a default, or with
another allowed value of one whose default decides: ``normalize.cloudformation.choices``).

The rule engine judges each variant (``evaluate.engine.judge_variants``); the resource the
scan holds (and the graph reads) keeps the facts every deciding variant agrees on (not the
alternatives'), and a fact they disagree on is not known, with the reason.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import (
    EXISTS_MAYBE,
    FACET_NAMES,
    ONLY_WITH,
    Resource,
    Variant,
)

#: ``Resource.attributes`` key of a read's resource whose ``Condition`` is false with the
#: values read but not whatever the parameters (``Env`` without allowed values, ``IsProd:
#: !Equals [!Ref Env, prod]``): the condition's name. It is kept as written and judged so
#: (:func:`as_written`) unless another read creates it (then that read's).
FALSE_CONDITION = "false_condition"


#: The label of a CloudFormation template read with its parameters' defaults.
AS_WRITTEN = Text(en="with the parameter defaults", th="เมื่อใช้ค่าเริ่มต้นของพารามิเตอร์")


def false_condition(name: str) -> dict[str, str]:
    """The attributes of a resource kept although its condition ``name`` is false with the
    values read: it may not be created, and is no companion of what they create."""
    how = condition_label(name).en
    return {FALSE_CONDITION: name, EXISTS_MAYBE: how, ONLY_WITH: how}


def condition_label(name: str) -> Text:
    """How a resource whose condition is false with the defaults is deployed."""
    return Text(
        en=f"deployed only when condition {name} holds, which is false with the "
        "parameters' defaults",
        th=f"สร้างขึ้นเฉพาะเมื่อเงื่อนไข {name} เป็นจริง ซึ่งเป็นเท็จเมื่อใช้ค่าเริ่มต้นของพารามิเตอร์",
    )


def as_written(resource: Resource, reads: Sequence[tuple[Text, Resource]] = ()) -> Resource:
    """``resource`` judged as written, its verdicts naming its condition (an ``only``
    variant), when it carries :data:`FALSE_CONDITION`; else unchanged. ``reads``: the
    template's other reads of it (label, resource; its condition false there too), each
    that gives it other facts one more way it may be deployed (a FAIL in one is a FAIL: a
    property ``!If [Make, 0.0.0.0/0, ...]`` of a resource created only when ``Make`` and
    ``IsProd`` hold is open)."""
    name = resource.attributes.get(FALSE_CONDITION)
    if not isinstance(name, str) or resource.variants:
        return resource
    label = condition_label(name)
    variants = [Variant(label=label, resource=resource, role="only")]
    for how, other in reads:
        if not any(_same(v.resource, other) for v in variants):
            _add(variants, Variant(label=Text(en=f"{label.en}; read {how.en}",
                                              th=f"{label.th}; {how.th}"),
                                   resource=other, role="only"))
    return resource.model_copy(update={"variants": tuple(variants)})


@dataclass
class Alternative:
    """A template read with another allowed value of a parameter whose default decides."""

    #: How it is deployed: "with IsPublic = 'true'".
    label: Text
    resources: Sequence[Resource]
    #: The default it replaces, as a verdict names it: "the default of IsPublic ('false',
    #: at db.yaml:6)"; and the parameter -> ``file:line`` of that default.
    instead: Text
    set_at: dict[str, str] = field(default_factory=dict)


def _same(one: Resource, other: Resource) -> bool:
    """Whether two reads of a resource give the rules the same facts."""
    return (
        one.facets == other.facets
        and one.references == other.references
        and one.attributes == other.attributes
    )


def combine(
    base: Sequence[Resource],
    labelled: Sequence[tuple[Text, Sequence[Resource]]],
    first: Text,
    role: str = "deploy",
    alternatives: Sequence[Alternative] = (),
    only: Collection[str] = (),
) -> list[Resource]:
    """The resources of ``base`` (the template read as written, labelled ``first``), each
    with the variants of ``labelled`` reads (label, resources) that give it other facts; a
    resource only another read deploys (its condition) is that read's, with its variants.
    ``role``: the role of ``base`` and ``labelled`` (``Variant.role``); ``alternatives``:
    reads with another allowed value of a parameter whose default decides, kept where they
    give a resource other facts (they do not change the facts the resource keeps);
    ``only``: the ids of resources only some ``labelled`` reads create (a Heat environment
    maps a custom type to a built-in one): judged as those reads give them, each verdict
    naming them ("deployed only with ..."), and they may not be created (``EXISTS_MAYBE``,
    ``ONLY_WITH``)."""
    # condition false in that read (FALSE_CONDITION): id -> each read's label and resource
    held: dict[str, list[tuple[Text, Resource]]] = {}

    def created(label: Text, resources: Sequence[Resource]) -> list[Resource]:
        for r in resources:
            if FALSE_CONDITION in r.attributes:
                held.setdefault(r.id, []).append((label, r))
        return [r for r in resources if FALSE_CONDITION not in r.attributes]

    base = created(first, base)
    labelled = [(label, created(label, resources)) for label, resources in labelled]
    alternatives = [replace(a, resources=created(a.label, a.resources)) for a in alternatives]
    reads: list[tuple[Text, dict[str, Resource]]] = [
        (label, {r.id: r for r in resources}) for label, resources in labelled
    ]
    others = [(a, {r.id: r for r in a.resources}) for a in alternatives]
    found: list[Resource] = []
    seen: set[str] = set()
    ordered = [(first, r) for r in base] + [
        (label, r) for label, resources in labelled for r in resources
    ]
    for label, resource in ordered:
        if resource.id in seen:
            continue
        seen.add(resource.id)
        if resource.id in only:
            found.append(_made_only(resource, [
                (other_label, by_id[resource.id]) for other_label, by_id in reads
                if resource.id in by_id
            ]))
            continue
        variants = [Variant(label=label, resource=resource, role=role)]
        for other_label, by_id in reads:
            other = by_id.get(resource.id)
            if other is None or other_label == label:
                continue
            _add(variants, Variant(label=other_label, resource=other, role=role))
        deciding = len(variants)
        for alternative, by_id in others:
            other = by_id.get(resource.id)
            if other is not None and not any(_same(v.resource, other) for v in variants):
                _add(variants, Variant(label=alternative.label, resource=other,
                                       role="alternative", instead=alternative.instead,
                                       set_at=alternative.set_at))
        if len(variants) == 1:
            found.append(resource)
        elif deciding == 1:
            found.append(resource.model_copy(update={"variants": tuple(variants)}))
        else:
            found.append(_agreed(resource, variants, variants[:deciding]))
    found.extend(_only_alternatives(others, seen))
    # a resource another read creates and folds into another (a rule into its group: the
    # group's ``merged_from``) is judged there
    folded = {
        str(i) for read in (base, *(r for _, r in labelled), *(a.resources for a in alternatives))
        for r in read for i in r.attributes.get("merged_from") or ()
    }
    found.extend(
        as_written(r[0][1], r[1:]) for i, r in held.items()
        if i not in seen and r[0][1].address not in folded
    )
    return found


def _made_only(resource: Resource, reads: Sequence[tuple[Text, Resource]]) -> Resource:
    """``resource``, which only ``reads`` (label, its read there) create: an ``only`` variant
    per read that gives it other facts, the facts they agree on, and may not be created."""
    variants: list[Variant] = []
    for label, read in reads:
        _add(variants, Variant(label=Text(en=f"deployed only {label.en}",
                                          th=f"สร้างขึ้นเฉพาะ{label.th}"),
                               resource=read, role="only"))
    how = "; ".join(v.label.en for v in variants)
    agreed = _agreed(resource, variants, variants) if len(variants) > 1 else resource.model_copy(
        update={"variants": tuple(variants)}
    )
    attributes = {**agreed.attributes, EXISTS_MAYBE: how, ONLY_WITH: how}
    return agreed.model_copy(update={"attributes": attributes})


def _only_alternatives(
    others: Sequence[tuple[Alternative, dict[str, Resource]]], seen: set[str]
) -> list[Resource]:
    """The resources only another allowed value deploys (their condition is false with the
    defaults: ``Condition: Make`` on ``MakeSg`` defaulting to ``'false'``): judged as that
    value reads them (an ``only`` variant, which the verdict names: "deployed only with
    MakeSg = 'true'"), other alternatives that give them other facts named as usual; they
    may not be created (``EXISTS_MAYBE``), which the graph reads."""
    found: list[Resource] = []
    for alternative, by_id in others:
        for resource in by_id.values():
            if resource.id in seen:
                continue
            seen.add(resource.id)
            label = Text(en=f"deployed only {alternative.label.en}",
                         th=f"สร้างขึ้นเฉพาะ{alternative.label.th}")
            variants = [Variant(label=label, resource=resource, role="only",
                                instead=alternative.instead, set_at=alternative.set_at)]
            for other, by_other in others:
                again = by_other.get(resource.id)
                if other is not alternative and again is not None and not any(
                    _same(v.resource, again) for v in variants
                ):
                    _add(variants, Variant(label=other.label, resource=again,
                                           role="alternative", instead=other.instead,
                                           set_at=other.set_at))
            attributes = {**resource.attributes, EXISTS_MAYBE: label.en, ONLY_WITH: label.en}
            found.append(resource.model_copy(
                update={"attributes": attributes, "variants": tuple(variants)}
            ))
    return found


def _add(variants: list[Variant], variant: Variant) -> None:
    """Add ``variant``, or its label to one of the same role that gives the same facts."""
    same = next(
        (v for v in variants if v.role == variant.role and _same(v.resource, variant.resource)),
        None,
    )
    if same is None:
        variants.append(variant)
    else:  # the same facts: one variant, both labels
        variants[variants.index(same)] = same.model_copy(
            update={"label": _joined(same.label, variant.label),
                    "set_at": {**same.set_at, **variant.set_at}}
        )


def _joined(one: Text, other: Text) -> Text:
    return Text(en=f"{one.en}, or {other.en}", th=f"{one.th} หรือ {other.th}")


def with_variants(
    resource: Resource, variants: Sequence[Variant], deciding: Sequence[Variant]
) -> Resource:
    """``resource`` with ``variants``, its facets those every ``deciding`` one agrees on
    (:func:`_agreed`), for a step after mapping that gives a resource variants
    (``normalize.foreign_bucket_policies``)."""
    return _agreed(resource, list(variants), list(deciding))


def _agreed(resource: Resource, variants: list[Variant], deciding: list[Variant]) -> Resource:
    """``resource`` with only the facets every ``deciding`` variant agrees on (the others not
    known, and why), the references of them all, and the variants."""
    reads = [v.resource for v in deciding]
    differ = sorted(
        name for name in FACET_NAMES
        if any(getattr(r.facets, name) != getattr(resource.facets, name) for r in reads)
    )
    why = Text(
        en="its value depends on how the template is deployed ("
        + "; ".join(v.label.en for v in deciding) + ")",
        th="ค่าขึ้นกับวิธีนำเทมเพลตไปใช้ (" + "; ".join(v.label.th for v in deciding) + ")",
    )
    references = tuple(dict.fromkeys(ref for r in reads for ref in r.references))
    return resource.model_copy(
        update={
            "facets": resource.facets.model_copy(update=dict.fromkeys(differ)),
            "unknown": {**resource.unknown, **dict.fromkeys(differ, why)},
            "defaults": {n: d for n, d in resource.defaults.items() if n not in differ},
            "value_origins": {
                n: o for n, o in resource.value_origins.items() if n not in differ
            },
            "undetermined": {
                n: o for n, o in resource.undetermined.items() if n not in differ
            },
            "references": references,
            "variants": tuple(variants),
        }
    )
