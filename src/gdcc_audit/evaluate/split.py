"""The rule engine over a large inventory in several processes: same findings, same order.

Evaluation is single-threaded Python, and at 100,000 resources it is about a quarter of a
scan. From :data:`MIN_RESOURCES` resources on, and when worker processes may be started, the
resources are cut into contiguous shares: this process evaluates the first while forked
children (which inherit the resources, rules and graph without copying them) evaluate the
others and send back their findings and counts. The findings are put back together in
resource order and the counts merged key by key in the order they were first seen, so the
result is exactly what one process gives. The children are those of
:func:`gdcc_audit.load.parallel.map_shares`: a child that fails, or anything that keeps
children from starting (no ``fork``, other threads running), makes this process evaluate that
share itself.

A child sends each finding as the position of its resource in the share, its rule id and what
the rule decided (status, message, evidence, key): everything taken from the resource and the
rule metadata is filled in here from this process's own objects, as the engine does.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from gdcc_audit.evaluate.engine import evaluate
from gdcc_audit.evaluate.tally import VerdictCounts
from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Finding, call_chain_of

if TYPE_CHECKING:
    from gdcc_audit.evaluate.rule import Rule
    from gdcc_audit.graph.model import ResourceGraph
    from gdcc_audit.models.resource import Resource
    from gdcc_audit.models.tenant import Tenant
    from gdcc_audit.settings import Settings

#: Below this many resources one process evaluates everything (a fork is not worth it).
MIN_RESOURCES = 20_000
#: Resources per process below which another process is not worth starting.
PER_PROCESS = 10_000
#: This process's share is this many times each child's: a child also encodes its findings
#: and pickles them (measured at 100,000 resources: a child's half cost ~1.1x this
#: process's half, in CPU seconds).
FIRST_SHARE = 1.1
#: The same with ``meanwhile`` (the graph export, ~1/5 of the rules' CPU at 100,000
#: resources) done here while the children evaluate.
FIRST_SHARE_MEANWHILE = 0.75


def process_count(requested: int, resources: int) -> int:
    """Processes to evaluate ``resources`` with: 1 below :data:`MIN_RESOURCES`, else
    ``requested`` (0: the CPUs, at most 8), never more than one per :data:`PER_PROCESS`."""
    from gdcc_audit.load.parallel import MAX_WORKERS, available_cpus, may_start_processes

    if resources < MIN_RESOURCES or not hasattr(os, "fork") or not may_start_processes():
        return 1
    wanted = requested or min(available_cpus(), MAX_WORKERS)
    return max(1, min(wanted, resources // PER_PROCESS))


def evaluate_all(
    resources: Sequence[Resource],
    rules: Sequence[Rule],
    *,
    tenants: Sequence[Tenant],
    graph: ResourceGraph,
    settings: Settings,
    counted: VerdictCounts | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[Finding]:
    """``list(evaluate(...))``, in :func:`process_count` processes for a large inventory.
    ``meanwhile`` (called once, here) is work for this process while the children evaluate
    (or after the rules, in one process): it must not depend on the findings."""
    pending = [meanwhile] if meanwhile is not None else []
    processes = process_count(settings.workers, len(resources))
    if processes <= 1:
        every = list(
            evaluate(
                resources, rules, tenants=tenants, graph=graph, settings=settings, counted=counted
            )
        )
        for work in pending:
            work()
        return every
    from gdcc_audit.load.parallel import contiguous_shares, map_shares

    # Built once here rather than once in every process (most rule packs ask for it).
    graph.reach  # noqa: B018
    first = FIRST_SHARE if meanwhile is None else FIRST_SHARE_MEANWHILE
    cuts = contiguous_shares([1] * len(resources), processes, first)
    shares = [resources[cut.start : cut.stop] for cut in cuts]
    here = os.getpid()

    def run(share: Sequence[Resource]) -> _Share:
        mine = VerdictCounts() if counted is not None else None
        found = evaluate(
            share, rules, tenants=tenants, graph=graph, settings=settings, counted=mine
        )
        if os.getpid() == here:  # this process's own share (or one a failed child left)
            made = list(found)
            while pending:  # once, before the children's findings are read
                pending.pop()()
            return made, mine
        return _encode(found, share), mine

    findings: list[Finding] = []
    for share, (made, mine) in zip(shares, map_shares(run, shares), strict=True):
        findings.extend(made if isinstance(made, list) else _decode(made, share))
        if counted is not None and mine is not None:
            counted.severity.update(mine.severity)
            for key, count in mine.counts.items():
                counted.counts[key] = counted.counts.get(key, 0) + count
    for work in pending:  # no share was evaluated here (none can be missing: defensive)
        work()
    return findings


#: What one share gives: its findings (as they are here, encoded from a child) and counts.
_Share = tuple["list[Finding] | _Encoded", "VerdictCounts | None"]
_Encoded = tuple[list[tuple[str, str]], list[tuple[Any, ...]]]


def _encode(findings: Iterable[Finding], share: Sequence[Resource]) -> _Encoded:
    """The texts of the findings (each distinct message object once) and one row per
    finding: resource position, rule id, status, severity, message position, evidence, key."""
    position = {resource.id: index for index, resource in enumerate(share)}
    texts: list[tuple[str, str]] = []
    text_at: dict[int, int] = {}
    keep: list[Text] = []  # the messages stay alive while their ids are keys
    rows: list[tuple[Any, ...]] = []
    for finding in findings:
        message = finding.message
        at = text_at.get(id(message))
        if at is None:
            at = text_at[id(message)] = len(texts)
            texts.append((message.th, message.en))
            keep.append(message)
        rows.append(
            (
                position[finding.resource_id],
                finding.rule_id,
                finding.status,
                finding.severity,
                at,
                finding.evidence,
                finding.evidence_key,
            )
        )
    return texts, rows


def _decode(encoded: _Encoded, share: Sequence[Resource]) -> list[Finding]:
    texts, rows = encoded
    messages = [Text(th=th, en=en) for th, en in texts]
    findings = []
    for index, rule_id, status, severity, at, evidence, key in rows:
        resource = share[index]
        findings.append(
            Finding.trusted(
                rule_id=rule_id,
                resource_id=resource.id,
                resource_kind=resource.kind,
                resource_name=resource.name,
                provider_type=resource.provider_type,
                address=resource.address,
                called_at=resource.attributes.get("called_at"),
                call_chain=call_chain_of(resource.attributes),
                system=resource.system,
                status=status,
                severity=severity,
                message=messages[at],
                evidence=evidence,
                evidence_key=key,
                location=resource.location,
            )
        )
    return findings
