"""JSON output: the AuditResult, keys sorted, so equal inputs give equal bytes.

By default PASS and NOT_APPLICABLE findings are saved as counts per rule
(``finding_groups``): they are most of a large scan's findings. ``full_findings`` (``scan
--full-findings``) lists every finding. The graph is cut down to the attack paths of the
findings (``graph.complete`` is false, with the whole graph's node and edge counts);
``full_graph`` (``scan --full-graph``) keeps every node and edge. The text is compact (no
indentation): the C encoder writes it about ten times faster than an indented dump, and it is
a third smaller. It is written in pieces (findings a batch at a time), so a large result is
never held twice as one dict and one string.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import cache
from typing import IO, Any, cast

from pydantic import TypeAdapter
from pydantic_core import to_jsonable_python

from gdcc_audit.graph.export import path_subgraph
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.result_layout import COMPACT, LAYOUTS, Compactor
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.redact import redact_result

#: Findings serialised per piece of text.
_BATCH = 2_000


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@cache
def _findings_adapter() -> TypeAdapter[list[Finding]]:
    return TypeAdapter(list[Finding])


def iter_result_json(
    result: AuditResult,
    *,
    full_findings: bool = False,
    full_graph: bool = False,
    layout: str = COMPACT,
) -> Iterator[str]:
    """The canonical JSON text of a result in pieces (their concatenation is
    :func:`result_to_json`); secrets masked. ``layout`` is ``1.1`` (compact, the default)
    or ``1.0`` (every finding whole; see :mod:`gdcc_audit.models.result_layout`)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown JSON result layout {layout!r}; known: {', '.join(LAYOUTS)}")
    shown = redact_result(result if full_findings else result.grouped())
    # The graph is cut to its attack paths before it is made JSON-ready: dumping the whole
    # graph first (a copy of every node and edge, ~100 MB at 100,000 resources) was the
    # peak of a large scan's memory.
    head = shown.model_dump(mode="json", exclude={"findings", "graph"})
    head["schema_version"] = layout
    graph = shown.graph
    if not full_graph and graph is not None:
        graph = path_subgraph(graph, (f.evidence for f in shown.findings))
    head["graph"] = to_jsonable_python(graph)
    compactor = Compactor(head["resources"], head["rules"]) if layout == COMPACT else None
    keys = [*head, "findings"] if compactor is None else [*head, "findings", "messages"]
    yield "{"
    for index, key in enumerate(sorted(keys)):
        yield ("," if index else "") + _text(key) + ":"
        if compactor is not None and key == "messages":
            yield _text(compactor.messages)  # complete: "findings" sorts before "messages"
        elif compactor is not None and key == "frameworks":
            yield _text(compactor.frameworks(head[key]))  # likewise after "findings"
        elif key != "findings":
            yield _text(head[key])
        else:
            yield from _findings_json(shown.findings, compactor)
    yield "}"


def _findings_json(findings: Sequence[Finding], compactor: Compactor | None) -> Iterator[str]:
    yield "["
    for start in range(0, len(findings), _BATCH):
        batch = _findings_adapter().dump_python(list(findings[start : start + _BATCH]), mode="json")
        if compactor is not None:
            batch = [compactor.finding(item) for item in batch]
        yield ("," if start else "") + _text(batch)[1:-1]
    yield "]"


def result_to_json(
    result: AuditResult,
    *,
    full_findings: bool = False,
    full_graph: bool = False,
    layout: str = COMPACT,
) -> str:
    """The canonical JSON text of a result (also embedded in PDF reports); secrets masked."""
    pieces = iter_result_json(
        result, full_findings=full_findings, full_graph=full_graph, layout=layout
    )
    return "".join(pieces)


class JsonReporter(Reporter):
    """Machine-readable result; its schema version is ``schema_version`` in the output."""

    format = "json"
    extension = "json"

    def needs_every_finding(self, options: ReportOptions) -> bool:
        return options.full_findings

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        text = cast(IO[str], stream)
        pieces = iter_result_json(
            result,
            full_findings=options.full_findings,
            full_graph=options.full_graph,
            layout=options.json_layout,
        )
        for piece in pieces:
            text.write(piece)
        text.write("\n")
