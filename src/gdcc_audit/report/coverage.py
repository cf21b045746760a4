"""What the methodology section says was read but not judged, beyond the counts: the types no
GDCC rule applies to by decision with the reason (``not_judged_why``), the resources that
configure something not in the scan (``companions_without_target``) and the files read with
a warning (``inputs[].warnings``). The same data as the JSON result and the console lines."""

from __future__ import annotations

from collections import defaultdict

from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.view_models import DecidedGroup


def decided_groups(result: AuditResult, lang: str) -> tuple[DecidedGroup, ...]:
    """The types no GDCC rule applies to by decision, those sharing one reason together (a
    client VPN's routes, subnets and authorization rules), each with its resource count;
    groups in the order of their first type, types by name."""
    by_reason: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name in sorted(result.not_judged_why):
        reason = result.not_judged_why[name].get(lang)
        by_reason[reason].append((name, result.not_judged.get(name, 0)))
    return tuple(DecidedGroup(reason=r, types=tuple(types)) for r, types in by_reason.items())


def companion_rows(result: AuditResult) -> tuple[tuple[str, str], ...]:
    """(input path, address) of each resource that configures another one not in the scan."""
    return tuple(
        (path, address)
        for path, addresses in sorted(result.companions_without_target.items())
        for address in addresses
    )


def warning_rows(result: AuditResult) -> tuple[tuple[str, str], ...]:
    """(input path, warning) of each file read the way its own tool reads it, with a word for
    the user (a Heat key written twice)."""
    return tuple((item.path, warning) for item in result.inputs for warning in item.warnings)
