"""View data for the attack-path figures (one per finding with a path) and the system-level
overview figure of the HTML and PDF reports.

The figures are SVG shapes with their labels in HTML text (WeasyPrint lays out SVG ``<text>``
code point by code point and breaks Thai), drawn by ``reports/templates/attack_path.html.j2``.
Only data from the ``AuditResult`` is used: the ``path_hops`` evidence of findings and the
resources' systems.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.i18n import Translator
from gdcc_audit.report.labels import resource_label
from gdcc_audit.resources import reports_dir

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
#: Overview geometry, in CSS px: report.css gives the labels their sizes in px too, so the
#: screen page and the PDF lay a label out alike and its box is as tall as its lines.
WIDTH = 600
#: Left edge of a system's box; its label's left edge and width.
BOX_X = 240
LABEL_X = 248
LABEL_WIDTH = WIDTH - 256
#: A label's title (name, id, tags): font size and line height; its smaller lines (data
#: flows, the paths and what they reach) the same. Line heights of 1.5 keep a Thai tone mark
#: clear of the line above (ข้อมูลส่วน|บุคคล under a wrapped title touched it at 1.25).
TITLE_PX = 12
TITLE_LINE = 18
SMALL_PX = 10
SMALL_LINE = 15
#: The id in a title (``.code.small``: the small size), monospaced.
CODE_PX = SMALL_PX
MONO_ADVANCE = 0.602
#: Space above and below a label inside its box; the smallest box; space between boxes.
BOX_PAD = 6
MIN_BOX = 56
GAP = 10
#: The tallest figure: a longer list of systems goes on in a second figure (a figure is
#: never cut by a page break, and an A4 page holds about 980 px under its margins).
MAX_FIGURE = 860
#: Width estimates err wide: a line is taken as full before the browser would fill it.
_FILL = 0.94


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


def attack_path(evidence: Mapping[str, Any], internet: str = "internet") -> AttackPathView | None:
    """The figure of a finding's ``path_hops`` evidence, or None when it has none. The
    internet's node is labelled ``internet`` (the report's word: ``อินเทอร์เน็ต``), without
    a kind under it: the Thai report labelled it ``internet`` / ``internet``."""
    hops = evidence.get("path_hops")
    parts = evidence.get("parts")
    if hops is None and isinstance(parts, list):
        # a merged finding (several verdicts of one rule): draw the first part with a path
        first = next((p for p in parts if isinstance(p, dict) and p.get("path_hops")), None)
        return attack_path(first, internet) if first is not None else None
    if not isinstance(hops, list) or not hops:
        return None
    nodes = []
    for index, hop in enumerate(hops):
        if not isinstance(hop, dict):
            return None
        kind = str(hop.get("kind") or "")
        ports = hop.get("ports")
        label = str(hop.get("label") or hop.get("node") or "?")
        if kind == "internet" and hop.get("node") == "internet":
            label = internet
        nodes.append(
            PathNode(
                label=label,
                kind="" if kind == "internet" else kind,
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
    resources: tuple[str, ...]
    #: Declared data flows to other systems: ``(target id, carries personal data)``.
    flows: tuple[tuple[str, bool], ...] = ()
    #: The box in its figure: top edge and height (px); ``y`` is its middle, where the
    #: line from the internet ends.
    top: int = 0
    height: int = MIN_BOX

    @property
    def y(self) -> int:
        """The middle of the box."""
        return self.top + self.height // 2


@dataclass(frozen=True)
class OverviewFigure:
    """Systems drawn in one figure: as many as fit on a page."""

    systems: tuple[OverviewSystem, ...]
    height: int
    width: int = WIDTH


@dataclass(frozen=True)
class SystemOverview:
    """Systems of the tenant and which of them the internet reaches (through any path)."""

    systems: tuple[OverviewSystem, ...]
    figures: tuple[OverviewFigure, ...]
    width: int = WIDTH

    @property
    def reached(self) -> int:
        """How many systems the internet reaches."""
        return sum(1 for s in self.systems if s.paths)


def system_overview(result: AuditResult, t: Translator) -> SystemOverview | None:
    """The overview figure: every system of the tenants, with the paths that reach it; each
    box as tall as its label's lines (a long name, many flows or many resources reached
    wrap, and were cut at a fixed height), in figures that each fit a page."""
    lang = t.lang
    system_of = {r.id: r.system for r in result.resources}
    reached: dict[str, list[Finding]] = {}
    # by system, the paths that reach it, each once: one path is often the evidence of
    # several rules (GRAPH-001 and GRAPH-005 on hie-db), and the figure's "2 paths" then
    # named one resource reached by one route
    routes: dict[str, set[tuple[str, ...]]] = {}
    for finding in _path_findings(result.findings):
        hops = [h for h in finding.evidence.get("path_hops") or [] if isinstance(h, dict)]
        route = tuple(str(h.get("node")) for h in hops)
        targets = {system_of.get(node) for node in route}
        for sid in targets - {None}:
            reached.setdefault(str(sid), []).append(finding)
            routes.setdefault(str(sid), set()).add(route)
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
    systems: list[OverviewSystem] = []
    for sid, name, personal, classification in listed:
        findings = reached.get(sid, [])
        box = OverviewSystem(
            id=sid,
            name=name,
            personal_data=personal,
            classification=classification,
            paths=len(routes.get(sid, ())),
            certain=any(f.status == Status.FAIL for f in findings),
            resources=tuple(
                sorted({resource_label(f.resource_name, f.address) for f in findings})
            ),
            flows=tuple(flows.get(sid, ())),
        )
        systems.append(replace(box, height=max(MIN_BOX, label_height(box, t) + 2 * BOX_PAD)))
    return SystemOverview(tuple(systems), figures=_figures(systems))


def _figures(systems: list[OverviewSystem]) -> tuple[OverviewFigure, ...]:
    """The systems stacked in figures no taller than ``MAX_FIGURE`` (one at least each)."""
    figures: list[OverviewFigure] = []
    placed: list[OverviewSystem] = []
    top = 0
    for system in systems:
        if placed and top + system.height > MAX_FIGURE:
            figures.append(OverviewFigure(tuple(placed), height=top - GAP))
            placed, top = [], 0
        placed.append(replace(system, top=top))
        top += system.height + GAP
    figures.append(OverviewFigure(tuple(placed), height=top - GAP))
    return tuple(figures)


def label_height(system: OverviewSystem, t: Translator) -> int:
    """The height (px) of a system's label as graph_overview.html.j2 writes it, its lines
    counted with the vendored Sarabun's advance widths (wrapped at spaces only, where a
    browser may also break between Thai words: the count errs high, never low)."""
    bold, regular = _font_widths("Sarabun-Bold.ttf"), _font_widths("Sarabun-Regular.ttf")
    title = [_measure(word, bold, TITLE_PX) for word in system.name.split()]
    title.append(len(system.id) * MONO_ADVANCE * CODE_PX)
    tags = [t("graph.personal")] if system.personal_data else []
    if system.classification:
        tags.append(t("classification." + system.classification))
    # each tag with the '·' before it is one unit (span.go-tags, no wrap inside)
    title.extend(
        _measure("· ", regular, TITLE_PX) + _measure(tag, bold, TITLE_PX) for tag in tags
    )
    height = _lines(title, regular, TITLE_PX) * TITLE_LINE
    if system.flows:
        personal = f" ({t('graph.personal')})"
        text = f"{t('graph.flows')}: " + ", ".join(
            target + (personal if carries else "") for target, carries in system.flows
        )
        height += _lines(_words(text, regular), regular, SMALL_PX) * SMALL_LINE
    if system.paths:
        head = f"{t('graph.paths', count=system.paths)}:"
        words = [_measure(w, bold, SMALL_PX) for w in head.split()]
        words += _words(", ".join(system.resources), regular)
    else:
        words = _words(t("graph.no_path"), regular)
    return height + _lines(words, regular, SMALL_PX) * SMALL_LINE


def _words(text: str, widths: Mapping[int, int]) -> list[float]:
    """The widths of ``text``'s words at the small size."""
    return [_measure(word, widths, SMALL_PX) for word in text.split()]


def _measure(text: str, widths: Mapping[int, int], size: float) -> float:
    """Advance width of ``text`` in px (a character the font lacks: one em)."""
    return sum(widths.get(ord(c), 1000) for c in text) * size / 1000


def _lines(words: list[float], regular: Mapping[int, int], size: float) -> int:
    """Lines that words of these widths fill, greedily, in ``LABEL_WIDTH`` (a word wider
    than the line is cut: the label breaks anywhere rather than overflow)."""
    room = LABEL_WIDTH * _FILL
    space = _measure(" ", regular, size)
    lines, used = 1, 0.0
    for width in words:
        if used and used + space + width <= room:
            used += space + width
            continue
        if used:
            lines += 1
        extra = math.ceil(width / room) - 1 if width > room else 0
        lines += extra
        used = width - extra * room
    return lines


@functools.cache
def _font_widths(name: str) -> dict[int, int]:
    """Advance widths (font units of a 1000-unit em) of a vendored font, by code point."""
    from fontTools.ttLib import TTFont

    font = TTFont(reports_dir() / "fonts" / name, lazy=True)
    metrics = font["hmtx"]
    scale = 1000 / font["head"].unitsPerEm
    return {
        code: round(metrics[glyph][0] * scale) for code, glyph in font.getBestCmap().items()
    }


def _path_findings(findings: Iterable[Finding]) -> Iterable[Finding]:
    for finding in findings:
        if finding.status in (Status.FAIL, Status.UNKNOWN) and finding.evidence.get("path_hops"):
            hops = finding.evidence["path_hops"]
            if isinstance(hops, list) and hops and hops[0].get("node") == "internet":
                yield finding
