"""View data for the attack-path figures (one per finding with a path) and the system-level
overview figure of the HTML and PDF reports.

The figures are SVG shapes with their labels in HTML text (WeasyPrint lays out SVG ``<text>``
code point by code point and breaks Thai), drawn by ``reports/templates/attack_path.html.j2``.
Only data from the ``AuditResult`` is used: the ``path_hops`` evidence of findings and the
resources' systems.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.labels import resource_label

#: Shape drawn for a node, by the first part of its kind.
_SHAPES = {
    "internet": "cloud",
    "database": "cylinder",
    "storage": "cylinder",
    "messaging": "cylinder",
    "network": "gateway",
    "k8s": "pod",
    "compute": "server",
    "container": "server",
}
#: Overview geometry (SVG user units; the figure scales to the page width).
ROW = 76
WIDTH = 600


@dataclass(frozen=True)
class PathNode:
    """One hop of an attack-path figure."""

    label: str
    kind: str
    shape: str
    ports: str | None
    certain: bool
    via: str | None
    last: bool


@dataclass(frozen=True)
class AttackPathView:
    """One path, ready to draw: ``internet → lb:443 → vm → db:5432``."""

    text: str
    certain: bool
    nodes: tuple[PathNode, ...]


def attack_path(evidence: Mapping[str, Any]) -> AttackPathView | None:
    """The figure of a finding's ``path_hops`` evidence, or None when it has none."""
    hops = evidence.get("path_hops")
    parts = evidence.get("parts")
    if hops is None and isinstance(parts, list):
        # a merged finding (several verdicts of one rule): draw the first part with a path
        first = next((p for p in parts if isinstance(p, dict) and p.get("path_hops")), None)
        return attack_path(first) if first is not None else None
    if not isinstance(hops, list) or not hops:
        return None
    nodes = []
    for index, hop in enumerate(hops):
        if not isinstance(hop, dict):
            return None
        kind = str(hop.get("kind") or "")
        ports = hop.get("ports")
        nodes.append(
            PathNode(
                label=str(hop.get("label") or hop.get("node") or "?"),
                kind=kind,
                shape=_SHAPES.get(kind.split(".", maxsplit=1)[0], "box"),
                ports=None if ports in (None, "all") else str(ports),
                certain=bool(hop.get("certain", True)),
                via=hop.get("via") if isinstance(hop.get("via"), str) else None,
                last=index == len(hops) - 1,
            )
        )
    return AttackPathView(
        text=str(evidence.get("path") or ""),
        certain=bool(evidence.get("path_certain", True)),
        nodes=tuple(nodes),
    )


@dataclass(frozen=True)
class OverviewSystem:
    """One system box of the overview: how the internet reaches it."""

    id: str
    name: str
    personal_data: bool
    classification: str | None
    paths: int
    certain: bool
    y: int
    resources: tuple[str, ...]
    #: Declared data flows to other systems: ``(target id, carries personal data)``.
    flows: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class SystemOverview:
    """Systems of the tenant and which of them the internet reaches (through any path)."""

    systems: tuple[OverviewSystem, ...]
    height: int
    width: int = WIDTH

    @property
    def reached(self) -> int:
        """How many systems the internet reaches."""
        return sum(1 for s in self.systems if s.paths)


def system_overview(result: AuditResult, lang: str) -> SystemOverview | None:
    """The overview figure: every system of the tenants, with the paths that reach it."""
    system_of = {r.id: r.system for r in result.resources}
    reached: dict[str, list[Finding]] = {}
    for finding in _path_findings(result.findings):
        hops = finding.evidence.get("path_hops") or []
        targets = {system_of.get(str(h.get("node"))) for h in hops if isinstance(h, dict)}
        for sid in targets - {None}:
            reached.setdefault(str(sid), []).append(finding)
    listed: list[tuple[str, str, bool, str | None]] = []
    for tenant in result.tenants:
        for system in tenant.systems:
            name = system.name_th if lang == "th" else system.name_en
            found = system.data_classification
            listed.append(
                (system.id, name, system.personal_data, found.value if found else None)
            )
    known = {s[0] for s in listed}
    listed.extend((s, s, False, None) for s in sorted(reached) if s not in known)
    if not listed or not reached:
        return None
    flows: dict[str, list[tuple[str, bool]]] = {}
    for tenant in result.tenants:
        for flow in tenant.data_flows:
            flows.setdefault(flow.source, []).append((flow.target, flow.personal_data))
    systems = []
    for index, (sid, name, personal, classification) in enumerate(listed):
        findings = reached.get(sid, [])
        systems.append(
            OverviewSystem(
                id=sid,
                name=name,
                personal_data=personal,
                classification=classification,
                paths=len(findings),
                certain=any(f.status == Status.FAIL for f in findings),
                y=index * ROW + ROW // 2,
                resources=tuple(
                    sorted({resource_label(f.resource_name, f.address) for f in findings})
                ),
                flows=tuple(flows.get(sid, ())),
            )
        )
    return SystemOverview(tuple(systems), height=len(systems) * ROW)


def _path_findings(findings: Iterable[Finding]) -> Iterable[Finding]:
    for finding in findings:
        if finding.status in (Status.FAIL, Status.UNKNOWN) and finding.evidence.get("path_hops"):
            hops = finding.evidence["path_hops"]
            if isinstance(hops, list) and hops and hops[0].get("node") == "internet":
                yield finding
