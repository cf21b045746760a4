"""Graph conditions of the declarative rule language: questions to the ``ResourceGraph``.

    {graph: internet_reachable, equals: false}                 # any path from the internet
    {graph: internet_reachable, port: 5432, equals: false}     # ... whose last hop passes 5432
    {graph: companions, kind: logging.flow_log, gte: 1}        # count; scope-aware
    {graph: neighbours, kind: crypto.key, gte: 1}              # linked resources of a kind
    {graph: blast_radius_systems, lte: {param: max_systems}}   # other systems it reaches

Three-valued like facets: a path that rests on something not known makes
``internet_reachable`` UNKNOWN; ``companions`` is UNKNOWN when none was found and part of the
configuration was not scanned (the reason names what). A failing query raises, and the engine
reports ERROR for that rule only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import RuleError
from gdcc_audit.evaluate.conditions import Condition, Verdict, compare, operator_of
from gdcc_audit.models.common import Text
from gdcc_audit.models.facet_words import GRAPH_WORDS, not_known
from gdcc_audit.models.finding import Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.models.resource import KINDS, Resource

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph

QUERIES = ("internet_reachable", "companions", "neighbours", "blast_radius_systems")
_NEEDS_KIND = frozenset({"companions", "neighbours"})


@dataclass(frozen=True)
class GraphLeaf(Condition):
    """One graph question compared with an operator."""

    query: str
    op: str
    expected: Any
    kind: str | None = None
    port: int | None = None

    def evaluate(
        self, resource: Resource, params: Mapping[str, Any], graph: ResourceGraph | None = None
    ) -> Verdict:
        if graph is None:
            raise RuleError(f"graph condition {self.query!r} needs the resource graph")
        expected = self.expected
        if isinstance(expected, dict) and set(expected) == {"param"}:
            expected = params[expected["param"]]
        value, evidence, (why_en, why_th) = self._value(resource, graph)
        label = self.query if self.kind is None else f"{self.query}({self.kind})"
        words = GRAPH_WORDS.get(self.query) if self.kind is None else None
        if value is None:
            if words is not None:
                en, th = not_known(words, ("", ""))
                reason = Text(en=f"{en}: {why_en}", th=f"{th}: {why_th}")
            else:
                reason = Text(
                    en=f"{label} is not known: {why_en}",
                    th=f"ไม่ทราบค่า {label}: {why_th}",
                )
            return Verdict(Status.UNKNOWN, reason, evidence)
        detail = f": {evidence['path']}" if "path" in evidence else ""
        return compare(label, value, self.op, expected, evidence, detail, words)

    def _value(
        self, resource: Resource, graph: ResourceGraph
    ) -> tuple[Any, dict[str, Any], tuple[str, str]]:
        """The answer, its evidence, and why it is not known (English, Thai) when ``None``."""
        if self.query == "internet_reachable":
            from gdcc_audit.evaluate.checks.paths import path_evidence

            paths = graph.paths_from_internet(to=resource, port=self.port)
            if not paths:
                return False, {"internet_reachable": False}, ("", "")
            evidence = path_evidence(paths[0])
            if paths[0].certain:
                return True, evidence, ("", "")
            return None, evidence, (
                f"the only path rests on something not known: {paths[0]}",
                f"เส้นทางเดียวที่พบขึ้นกับสิ่งที่ไม่ทราบค่า: {paths[0]}",
            )
        if self.query == "companions":
            assert self.kind is not None
            found = graph.companions(resource, self.kind)
            evidence = {f"companions({self.kind})": list(found.found)}
            if not found.found and not found.complete:
                missing = "; ".join(found.missing)
                return None, evidence, (missing, reason_th(missing))
            return len(found.found), evidence, ("", "")
        if self.query == "neighbours":
            assert self.kind is not None
            names = [r.id for r in graph.neighbours(resource, self.kind)]
            return len(names), {f"neighbours({self.kind})": names}, ("", "")
        radius = graph.blast_radius(resource)
        foreign = [s for s in radius.systems if s != resource.system]
        evidence = {"blast_radius_systems": foreign, "unbounded": radius.unbounded}
        return len(foreign), evidence, ("", "")

    def facets(self) -> set[str]:
        return set()


def compile_graph_condition(
    spec: dict[str, Any], where: str, params: Mapping[str, Any]
) -> GraphLeaf:
    """Validate ``{graph: QUERY, [kind: K], [port: N], OPERATOR: VALUE}``."""
    query = spec.get("graph")
    if query not in QUERIES:
        raise RuleError(f"{where}: unknown graph query {query!r}; known: {', '.join(QUERIES)}")
    kind = spec.get("kind")
    if query in _NEEDS_KIND and kind not in KINDS:
        raise RuleError(f"{where}: graph query {query!r} needs 'kind', a resource kind")
    port = spec.get("port")
    if port is not None and (not isinstance(port, int) or not 0 <= port <= 65535):
        raise RuleError(f"{where}: 'port' must be a port number, got {port!r}")
    op, expected = operator_of(
        spec, {"graph", "kind", "port"}, f"graph query {query!r}", where, params
    )
    return GraphLeaf(str(query), op, expected, kind, port)
