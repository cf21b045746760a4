"""One resource read several ways (``Resource.variants``): a template mapped with each set
of parameter values it may be deployed with (a Heat template with and without each
environment file of the scan that sets its parameters: ``normalize.heat.environments``).

The rule engine judges each variant (``evaluate.engine.judge_variants``); the resource the
scan holds (and the graph reads) keeps the facts every variant agrees on, and a fact they
disagree on is not known, with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import FACET_NAMES, Resource, Variant


def _same(one: Resource, other: Resource) -> bool:
    """Whether two reads of a resource give the rules the same facts."""
    return (
        one.facets == other.facets
        and one.references == other.references
        and one.attributes == other.attributes
    )


def combine(
    base: Sequence[Resource], labelled: Sequence[tuple[Text, Sequence[Resource]]], first: Text
) -> list[Resource]:
    """The resources of ``base`` (the template read as written, labelled ``first``), each
    with the variants of ``labelled`` reads (label, resources) that give it other facts; a
    resource only another read deploys (its condition) is that read's, with its variants."""
    reads: list[tuple[Text, dict[str, Resource]]] = [
        (label, {r.id: r for r in resources}) for label, resources in labelled
    ]
    found: list[Resource] = []
    seen: set[str] = set()
    ordered = [(first, r) for r in base] + [
        (label, r) for label, resources in labelled for r in resources
    ]
    for label, resource in ordered:
        if resource.id in seen:
            continue
        seen.add(resource.id)
        variants = [Variant(label=label, resource=resource)]
        for other_label, by_id in reads:
            other = by_id.get(resource.id)
            if other is None or other_label == label:
                continue
            same = next((v for v in variants if _same(v.resource, other)), None)
            if same is None:
                variants.append(Variant(label=other_label, resource=other))
            else:  # the same facts: one variant, both labels
                variants[variants.index(same)] = Variant(
                    label=_joined(same.label, other_label), resource=same.resource
                )
        found.append(resource if len(variants) == 1 else _agreed(resource, variants))
    return found


def _joined(one: Text, other: Text) -> Text:
    return Text(en=f"{one.en}, or {other.en}", th=f"{one.th} หรือ {other.th}")


def _agreed(resource: Resource, variants: list[Variant]) -> Resource:
    """``resource`` with only the facets every variant agrees on (the others not known, and
    why), the references of them all, and the variants."""
    reads = [v.resource for v in variants]
    differ = sorted(
        name for name in FACET_NAMES
        if any(getattr(r.facets, name) != getattr(resource.facets, name) for r in reads)
    )
    why = Text(
        en="its value depends on how the template is deployed ("
        + "; ".join(v.label.en for v in variants) + ")",
        th="ค่าขึ้นกับวิธีนำเทมเพลตไปใช้ (" + "; ".join(v.label.th for v in variants) + ")",
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
