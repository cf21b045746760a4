"""Graph rules judged over the cases of Terraform inputs that are not known.

A Terraform resource whose value depends on an input that is not known carries a variant per
case (``Resource.variants`` of role "case": ``var.wide`` true, then false); the resource
itself, which the graph is built from, keeps what is not known. A rule on the resource alone
reads each case (``engine.judge_cases``); a graph rule also reads the resources around it (a
security group's source, a public IP switch of the instance, a database's public endpoint):
when its verdict is UNKNOWN and a resource near the judged one (itself, a hop of the path
it found, or within :data:`NEAR` references of them) has cases, the rule is run again on
graphs built with those resources taken in each case, and one verdict is given as for a
resource's own cases: the same PASS or FAIL in every case -> that; a PASS in one and a FAIL
in another -> UNKNOWN naming each; any case not decided -> the verdict stands.

Cases of two resources that test the same input the same way are taken together
(``Variant.axes``: ``var.wide`` true in both); any other case is taken with every case of
the others. Past :data:`MAX_SCENARIOS` combinations, the verdict stands (UNKNOWN, with its
own reason). Graphs are built once per combination and only for such verdicts, at most
:data:`MAX_GRAPHS` per scan: a scan with no case pays nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import product
from typing import Any

from gdcc_audit.evaluate.rule import Outcome, RuleContext
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource, Variant

#: Most combinations of cases a graph verdict is read in (past it: the verdict stands).
MAX_SCENARIOS = 8
#: Most graphs built for combinations in one scan (past it, verdicts that need another
#: stand): each is the whole scan's graph built again.
MAX_GRAPHS = 32
#: How many times a verdict is read again with the resources with cases near the paths the
#: last reading found (a path through another instance whose public IP is a case).
ROUNDS = 3
#: How many references away from the judged resource (or a hop of its path) a resource's
#: cases are taken into account.
NEAR = 2


class GraphCases:
    """The case resources of a scan and the graphs of their combinations (built on demand)."""

    def __init__(self, graph: ResourceGraph, cased: dict[str, Resource]) -> None:
        self.graph = graph
        self.cased = cased
        self._graphs: dict[tuple[tuple[str, str], ...], ResourceGraph] = {}

    @classmethod
    def of(cls, graph: ResourceGraph) -> GraphCases | None:
        """None when no resource of ``graph`` has cases (nothing to do)."""
        cased = {
            r.id: r for r in graph.resources() if r.variants and r.variants[0].role == "case"
        }
        return cls(graph, cased) if cased else None

    def near(self, resource: Resource, *outcomes: Outcome) -> list[Resource]:
        """The resources with cases within :data:`NEAR` references of ``resource`` or of a
        node of the paths ``outcomes`` name, in the graph's order."""
        starts = {resource.id, *(node for o in outcomes for node in _nodes(o.evidence))}
        seen = {node for node in starts if self.graph.get(node) is not None}
        edge = list(seen)
        for _ in range(NEAR):
            following: list[str] = []
            for node in edge:
                found = self.graph.get(node)
                if found is None:
                    continue
                for other in self.graph.connected(found):
                    if other.id not in seen:
                        seen.add(other.id)
                        following.append(other.id)
            edge = following
        return [r for node, r in self.cased.items() if node in seen]

    def scenarios(self, cased: list[Resource]) -> list[tuple[Text, dict[str, Variant]]] | None:
        """Each combination of the cases of ``cased`` (a label, and the variant each
        resource takes); None past :data:`MAX_SCENARIOS`."""
        axes: dict[str, int] = {}
        readings: list[tuple[Resource, list[tuple[Variant, dict[str, int]]]]] = []
        for resource in cased:
            own: list[tuple[Variant, dict[str, int]]] = []
            for variant in resource.variants:
                taken = {_axis(resource, key): branch for key, branch in variant.axes}
                if not taken:
                    return None  # (cases read without what they take: not combined)
                for key, branch in taken.items():
                    axes[key] = max(axes.get(key, 0), branch + 1)
                own.append((variant, taken))
            readings.append((resource, own))
        total = 1
        for size in axes.values():
            total *= size
            if total > MAX_SCENARIOS * 8:
                return None
        keys = list(axes)
        found: dict[tuple[int, ...], tuple[Text, dict[str, Variant]]] = {}
        for values in product(*(range(axes[key]) for key in keys)):
            given = dict(zip(keys, values, strict=True))
            chosen: dict[str, Variant] = {}
            picks: list[int] = []
            for resource, own in readings:
                match = next((n for n, (_, taken) in enumerate(own)
                              if all(given[k] == b for k, b in taken.items())), None)
                if match is None:
                    return None
                chosen[resource.id] = own[match][0]
                picks.append(match)
            if tuple(picks) not in found:
                found[tuple(picks)] = (_label(chosen, self.cased), chosen)
                if len(found) > MAX_SCENARIOS:
                    return None
        return list(found.values())

    def affordable(self, scenarios: list[tuple[Text, dict[str, Variant]]]) -> bool:
        """Whether the graphs of ``scenarios`` not built yet keep the scan within
        :data:`MAX_GRAPHS`."""
        missing = {_key(chosen) for _, chosen in scenarios} - self._graphs.keys()
        return len(self._graphs) + len(missing) <= MAX_GRAPHS

    def context(self, context: RuleContext, chosen: dict[str, Variant]) -> RuleContext:
        """``context`` with the graph of the resources ``chosen`` names taken in their case."""
        key = _key(chosen)
        graph = self._graphs.get(key)
        if graph is None:
            resources = [
                chosen[r.id].resource if r.id in chosen else r for r in self.graph.resources()
            ]
            graph = ResourceGraph(resources, list(self.graph.tenants), self.graph.scope)
            self._graphs[key] = graph
        return replace(context, graph=graph)


def _key(chosen: dict[str, Variant]) -> tuple[tuple[str, str], ...]:
    """The graph of a combination: each resource taken in its case, by label."""
    return tuple(sorted((node, v.label.en) for node, v in chosen.items()))


def _axis(resource: Resource, key: str) -> str:
    """The key of an axis across the scan: an input of one Terraform root, or the
    resource's own split."""
    if key.startswith("#"):
        return resource.id + key
    return f"{resource.attributes.get('root', '')}:{key}"


def _label(chosen: dict[str, Variant], cased: dict[str, Resource]) -> Text:
    """How a combination is read: each case's label once, a resource's own split (a
    condition, a ``dynamic`` block) naming its resource."""
    en: list[str] = []
    th: list[str] = []
    for node, variant in chosen.items():
        own = any(key.startswith("#") for key, _ in variant.axes)
        where = f" ({cased[node].address or cased[node].name})" if own else ""
        if variant.label.en + where not in en:
            en.append(variant.label.en + where)
            th.append(variant.label.th + where)
    return Text(en=" and ".join(en), th=" และ ".join(th))


def _nodes(evidence: Any) -> Iterator[str]:
    """The graph nodes a verdict's evidence names (``path_hops[].node``, nested too)."""
    if isinstance(evidence, dict):
        node = evidence.get("node")
        if isinstance(node, str):
            yield node
        for value in evidence.values():
            if isinstance(value, dict | list):
                yield from _nodes(value)
    elif isinstance(evidence, list):
        for item in evidence:
            yield from _nodes(item)
