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
import os
from collections.abc import Callable, Iterator, Sequence
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
    workers: int = 0,
) -> Iterator[str]:
    """The canonical JSON text of a result in pieces (their concatenation is
    :func:`result_to_json`); secrets masked. ``layout`` is ``1.1`` (compact, the default)
    or ``1.0`` (every finding whole; see :mod:`gdcc_audit.models.result_layout`).
    ``workers=1`` writes everything in this process (no child writes part of a large
    result's findings); the text is the same."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown JSON result layout {layout!r}; known: {', '.join(LAYOUTS)}")
    shown = redact_result(result if full_findings else result.grouped())
    # What follows the findings (frameworks, graph, resources...) may be written by a forked
    # child (see ``_beside``): the frameworks and graph are made JSON-ready there, when written.
    later = {"findings", "graph", "frameworks"}
    head = shown.model_dump(mode="json", exclude=later)
    head["schema_version"] = layout
    compactor = Compactor(head["resources"], head["rules"]) if layout == COMPACT else None
    keys = sorted([*head, *later] if compactor is None else [*head, *later, "messages"])
    at = keys.index("findings")

    def value(key: str) -> Any:
        if key == "graph":
            # Cut to its attack paths before it is made JSON-ready: dumping the whole graph
            # first (a copy of every node and edge, ~100 MB at 100,000 resources) was the
            # peak of a large scan's memory.
            graph = shown.graph
            if not full_graph and graph is not None:
                graph = path_subgraph(graph, (f.evidence for f in shown.findings))
            return to_jsonable_python(graph)
        if key == "frameworks":
            dumped = shown.model_dump(mode="json", include={"frameworks"})["frameworks"]
            # Finding references: complete, as "findings" sorts before "frameworks".
            return dumped if compactor is None else compactor.frameworks(dumped)
        if compactor is not None and key == "messages":
            return compactor.messages  # complete: "findings" sorts before "messages"
        return head[key]

    def rest() -> Iterator[str]:
        """The text after the findings list."""
        yield "]"
        for key in keys[at + 1 :]:
            yield "," + _text(key) + ":" + _text(value(key))
        yield "}"

    yield "{"
    for index, key in enumerate(keys[:at]):
        yield ("," if index else "") + _text(key) + ":" + _text(value(key))
    yield ("," if at else "") + _text("findings") + ":["
    findings = shown.findings
    middle = None if workers == 1 else _middle(len(findings))
    if middle is None:
        yield from _pieces(findings, 0, len(findings), compactor)
        yield from rest()
    else:
        yield from _beside(findings, middle, compactor, rest)


def _pieces(
    findings: Sequence[Finding], start: int, stop: int, compactor: Compactor | None
) -> Iterator[str]:
    """The JSON text of ``findings[start:stop]`` in the list, a batch at a time."""
    for begin in range(start, stop, _BATCH):
        chunk = list(findings[begin : min(begin + _BATCH, stop)])
        batch = _findings_adapter().dump_python(chunk, mode="json")
        if compactor is not None:
            batch = [compactor.finding(item) for item in batch]
        yield ("," if begin else "") + _text(batch)[1:-1]


#: From this many findings the end of the text (the last part of the findings list, then the
#: frameworks, graph, resources and the rest) is written by a forked child (into a temporary
#: file, copied here after this process wrote the first part of the findings).
SPLIT_FINDINGS = 20_000


def _middle(count: int) -> int | None:
    """Where the findings are cut between this process and a child (a multiple of the batch
    size), or None when one process writes them all."""
    if count < SPLIT_FINDINGS:
        return None
    from gdcc_audit.load.parallel import may_fork

    if not may_fork():
        return None
    # The child also writes everything after the findings (at 100,000 resources about as
    # much work as 3/5 of the findings), and this process pays for the fork (pages its
    # objects share with the child are copied as it touches them), numbers the messages and
    # copies the child's text: measured at 100,000 resources, with 3/4 of the findings here
    # the child's part cost ~1.15x this process's in CPU seconds; 4/5 evens them.
    middle = max(1, count * 4 // 5 // _BATCH) * _BATCH
    return middle if middle < count else None


def _beside(
    findings: Sequence[Finding],
    middle: int,
    compactor: Compactor | None,
    rest: Callable[[], Iterator[str]],
) -> Iterator[str]:
    """The findings' text from ``middle`` on and the ``rest`` of the document, written by a
    forked child while this process writes the findings before ``middle``: the same text as
    one process writes. The messages are numbered up front (in result order, as
    :meth:`Compactor.finding` numbers them) and the child counts the findings before its
    part (:meth:`Compactor.follow`), so its numbers and references are this process's; a
    child that fails costs only time."""
    import codecs
    import tempfile

    from gdcc_audit.load.parallel import call_beside

    if compactor is not None:
        compactor.number_messages(f.message for f in findings)
    with tempfile.TemporaryFile() as spill:

        def write_rest() -> None:
            if compactor is not None:
                compactor.follow(f.fingerprint for f in findings[:middle])
            for piece in _pieces(findings, middle, len(findings), compactor):
                spill.write(piece.encode("utf-8"))
            for piece in rest():
                spill.write(piece.encode("utf-8"))
            spill.flush()

        child = call_beside(write_rest)
        try:
            yield from _pieces(findings, 0, middle, compactor)
            status = 1 if child is None else os.waitpid(child, 0)[1]
            child = None
        finally:
            if child is not None:  # closed before the child was waited for: stop it
                _stop(child)
        if status != 0:  # no child, or it failed: that part is written here
            yield from _pieces(findings, middle, len(findings), compactor)
            yield from rest()
            return
        spill.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        while data := spill.read(1 << 20):
            yield decoder.decode(data)
        yield decoder.decode(b"", final=True)


def _stop(pid: int) -> None:
    import contextlib
    import signal

    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


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

    def prepare(self) -> None:
        """Build the findings' serializer."""
        _findings_adapter()

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        text = cast(IO[str], stream)
        pieces = iter_result_json(
            result,
            full_findings=options.full_findings,
            full_graph=options.full_graph,
            layout=options.json_layout,
            workers=options.workers,
        )
        for piece in pieces:
            text.write(piece)
        text.write("\n")
