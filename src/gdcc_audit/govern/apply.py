"""The govern stage: waivers and baselines applied to findings (pure functions, no I/O).

- A FAIL or ERROR finding named by a waiver that is valid on the audit date keeps its status
  and gains ``waiver``: scoring and ``--fail-on`` leave it out, every report lists it.
- A waiver past its ``expires`` date (or approved after the audit date) waives nothing: the
  findings it names fail again, and the register shows it as expired (or pending).
- A valid waiver that names no failing finding is ``unused`` in the register.
- A failing finding whose fingerprint already failed in the baseline gains ``baseline=True``
  and no longer counts for ``--fail-on`` (it still counts in the score: it is a real failure).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from gdcc_audit.models.finding import Finding
from gdcc_audit.models.waiver import Waiver, WaiverRecord, WaiverRef, WaiverState

__all__ = ["SourcedWaiver", "apply_baseline", "apply_waivers", "waiver_state"]


@dataclass(frozen=True)
class SourcedWaiver:
    """A waiver with the file and line it was read from."""

    waiver: Waiver
    file: str
    line: int | None = None


def waiver_state(waiver: Waiver, on: dt.date) -> WaiverState | None:
    """EXPIRED after ``expires``, PENDING before ``approved_on``; None while valid.

    ``expires`` is the last day the waiver applies: on that date it still waives.
    """
    if on > waiver.expires:
        return WaiverState.EXPIRED
    if waiver.approved_on is not None and on < waiver.approved_on:
        return WaiverState.PENDING
    return None


def _ref(item: SourcedWaiver) -> WaiverRef:
    w = item.waiver
    return WaiverRef(
        id=w.key(),
        file=item.file,
        approver=w.approver,
        approved_on=w.approved_on,
        expires=w.expires,
        reason=w.reason,
        document=w.document,
    )


def apply_waivers(
    findings: Iterable[Finding], waivers: Sequence[SourcedWaiver], on: dt.date
) -> tuple[list[Finding], tuple[WaiverRecord, ...]]:
    """Mark the failing findings valid waivers accept; return them and the waiver register.

    When several valid waivers name one finding, the first (in the order given: files in
    order, entries in file order) is the one the finding carries; all of them list it.
    """
    states = [waiver_state(item.waiver, on) for item in waivers]
    # by waiver: fingerprint -> the native address reports name its resource by
    matched: list[dict[str, str]] = [{} for _ in waivers]
    out: list[Finding] = []
    for finding in findings:
        if not finding.is_failure or not waivers:
            out.append(finding)
            continue
        chosen: SourcedWaiver | None = None
        for index, item in enumerate(waivers):
            if item.waiver.matches(finding.rule_id, finding.resource_id, finding.fingerprint):
                matched[index].setdefault(finding.fingerprint, finding.display_name)
                if chosen is None and states[index] is None:
                    chosen = item
        waived = finding.model_copy(update={"waiver": _ref(chosen)}) if chosen else finding
        out.append(waived)
    records = tuple(
        _record(item, state, named)
        for item, state, named in zip(waivers, states, matched, strict=True)
    )
    return out, records


def _record(
    item: SourcedWaiver, state: WaiverState | None, named: dict[str, str]
) -> WaiverRecord:
    """The register line of ``item``; ``named``: fingerprint -> address of what it matched."""
    w = item.waiver
    matched = tuple(named)
    if state is None:
        state = WaiverState.ACTIVE if matched else WaiverState.UNUSED
    return WaiverRecord(
        id=w.key(),
        file=item.file,
        line=item.line,
        rule=w.rule,
        resource=w.resource,
        fingerprint=w.fingerprint,
        reason=w.reason,
        approver=w.approver,
        approved_on=w.approved_on,
        expires=w.expires,
        document=w.document,
        sha256=w.sha256,
        state=state,
        matched=matched,
        addresses=tuple(named.values()),
    )


def apply_baseline(findings: Iterable[Finding], known: Collection[str]) -> list[Finding]:
    """Mark failing findings whose fingerprint is in ``known`` (failing in the baseline)."""
    return [
        f.model_copy(update={"baseline": True}) if f.is_failure and f.fingerprint in known else f
        for f in findings
    ]
