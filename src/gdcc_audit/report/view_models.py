"""The plain data a report template shows (built by ``gdcc_audit.report.view``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.report.attack_paths import AttackPathView, SystemOverview


@dataclass(frozen=True)
class Bar:
    """One segment of a CSS bar chart: width in percent of the whole bar."""

    key: str
    label: str
    count: int
    percent: float


@dataclass(frozen=True)
class SystemView:
    id: str
    name: str
    other_name: str
    level: str
    classification: str
    personal_data: bool


@dataclass(frozen=True)
class TenantView:
    id: str
    agency: str
    agency_other: str
    ministry: str | None
    code: str | None
    cii: bool
    cii_sector: str | None
    systems: tuple[SystemView, ...]


@dataclass(frozen=True)
class GradeView:
    tenant: str | None
    letter: str
    score: str
    coverage: str
    coverage_pct: float
    provisional: bool
    level: str
    note: str | None


@dataclass(frozen=True)
class ControlRow:
    id: str
    title: str
    status: str
    status_label: str
    rules: str
    findings: str
    reason: str | None


@dataclass(frozen=True)
class FrameworkView:
    id: str
    tenant: str | None
    title: str
    version: str
    draft: bool
    profile: str
    score: str
    score_pct: float
    coverage: str
    coverage_pct: float
    automated_coverage: str
    applicable: int
    assessable: int
    bars: tuple[Bar, ...]
    controls: tuple[ControlRow, ...]
    manual: int


@dataclass(frozen=True)
class Risk:
    rule_id: str
    severity: str
    severity_label: str
    title: str
    rationale: str
    count: int
    resources: str


@dataclass(frozen=True)
class FindingRow:
    #: What the report names the resource by: its native address (report/labels.py).
    resource: str
    #: The engine's internal id (not shown: machine formats carry it).
    resource_id: str
    system: str | None
    location: str | None
    status: str
    status_label: str
    message: str
    evidence: tuple[tuple[str, str], ...]
    fingerprint: str
    #: "known" (failing in the baseline) or "the waiver expired" notes, already translated.
    notes: tuple[str, ...] = ()
    #: The native address (Terraform address, logical id, Kind/namespace/name).
    address: str | None = None
    #: The resource's own name when it says more than its address.
    name: str | None = None
    #: The attack-path figure of a graph finding (report/attack_paths.py).
    attack_path: AttackPathView | None = None
    #: ``file:line`` of the root module's call of the module declaring the resource, then
    #: of each module call inside it down to that module (``a → b``).
    called_at: str | None = None


@dataclass(frozen=True)
class RuleGroup:
    rule_id: str
    title: str
    rationale: str
    remediation: str
    controls: str
    rows: tuple[FindingRow, ...]


@dataclass(frozen=True)
class SeverityGroup:
    severity: str
    label: str
    count: int
    rules: tuple[RuleGroup, ...]


@dataclass(frozen=True)
class ManualControl:
    framework: str
    id: str
    title: str
    status: str
    status_label: str
    evidence: tuple[str, ...]
    reason: str | None


@dataclass(frozen=True)
class ManualGroup:
    """One framework's controls without an automated verdict: attested ones with their
    evidence, the rest (MANUAL) as a compact list sharing their most common reason."""

    framework: str
    title: str
    attested: tuple[ManualControl, ...]
    manual: tuple[ManualControl, ...]
    common_reason: str | None


@dataclass(frozen=True)
class EvidenceRow:
    tenant: str
    type: str
    document: str
    date: str
    expires: str
    valid: bool
    status_label: str
    attestor: str | None
    controls: str
    sha256: str | None


@dataclass(frozen=True)
class InputRow:
    path: str
    format: str
    status: str
    status_label: str
    resources: int
    sha256: str
    error: str | None
    where: str
    #: Each error on its own: the first (its line is in ``where``), then the further ones
    #: ("line N: field: message").
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class WaivedFinding:
    rule_id: str
    #: Named as a finding table names it: the native address (report/labels.py) ...
    resource: str
    resource_id: str
    severity: str
    severity_label: str
    message: str
    fingerprint: str
    #: ... then its own name when it says more, and its system.
    name: str | None = None
    system: str | None = None


@dataclass(frozen=True)
class WaiverRow:
    id: str
    state: str
    state_label: str
    rule: str
    resource: str
    fingerprint: str | None
    reason: str
    approver: str
    approved_on: str
    expires: str
    document: str | None
    sha256: str | None
    where: str
    #: Findings it names: waived while active, failing again when expired or pending.
    findings: tuple[WaivedFinding, ...]
    #: The resources it names, as finding tables name them: (native address, system), each
    #: once; none for a waiver matching no failing finding (``resource`` is all there is).
    names: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class DecidedGroup:
    """Resource types no GDCC rule applies to by decision that share one reason."""

    reason: str
    #: (type, resources of that type in the scan), by type name.
    types: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ReportView:
    """Everything a report template shows."""

    lang: str
    title: str
    period: str
    period_months: str
    scanned: str
    scanned_iso: str
    tool_version: str
    schema_version: str
    tenants: tuple[TenantView, ...]
    grades: tuple[GradeView, ...]
    frameworks: tuple[FrameworkView, ...]
    status_counts: tuple[Bar, ...]
    severity_bars: tuple[Bar, ...]
    failures: int
    resources: int
    files_assessed: int
    risks: tuple[Risk, ...]
    severity_groups: tuple[SeverityGroup, ...]
    undecided: tuple[RuleGroup, ...]
    manual_controls: tuple[ManualGroup, ...]
    evidence: tuple[EvidenceRow, ...]
    not_assessed: tuple[InputRow, ...]
    inputs: tuple[InputRow, ...]
    #: One row per rule pack: (name and version, rules evaluated — ``2 of 130`` when a
    #: selection evaluated some of the pack's rules —, its files' versions when they differ,
    #: else "").
    packs: tuple[tuple[str, str, str], ...]
    catalogs: tuple[tuple[str, str, str], ...]
    waivers: tuple[WaiverRow, ...] = ()
    #: The methodology's sentence on the rules: how many, from which packs, and the
    #: selection that chose them (``--rules``, ``--tag``, ...), if any.
    rules_text: str = ""
    #: The grade card's note when a selection chose the rules (else "").
    selection: str = ""
    #: The folder every input lies in, when the scan named absolute paths: the report's
    #: paths are relative to it (``report.paths.ScanRoot``); ``None``: paths as scanned.
    scan_root: str | None = None
    #: Resource types no native rule reads, most frequent first: (type, count).
    not_judged: tuple[tuple[str, int], ...] = ()
    #: Of those, the types no GDCC rule applies to by decision, grouped by their reason.
    not_judged_why: tuple[DecidedGroup, ...] = ()
    #: Resources configuring one not in the scan, so judged by no rule: (input path, address).
    companions_without_target: tuple[tuple[str, str], ...] = ()
    #: Files read the way their own tool reads them, with a warning: (input path, warning).
    input_warnings: tuple[tuple[str, str], ...] = ()
    #: Types read only for other resources: (type, count, the types that read them).
    read_for_context: tuple[tuple[str, int, str], ...] = ()
    #: Terraform module calls not read: (address and source, where, reason).
    modules_not_read: tuple[tuple[str, str, str], ...] = ()
    #: True when one of them is a remote module ``terraform init`` would download.
    init_hint: bool = False
    waived: int = 0
    baseline: str | None = None
    #: Charts of the summary (``report.figures.Figure``), in the order shown.
    figures: tuple[Any, ...] = ()
    #: Document control: id, version, classification marking, sign-off
    #: (``report.document.DocumentView``).
    document: Any = None
    #: The checkov bridge run and its unmapped failures (``report.unmapped.CheckovView``).
    checkov: Any = None
    #: The system-level overview figure: which systems the internet reaches.
    graph_overview: SystemOverview | None = None
    extra: dict[str, Any] = field(default_factory=dict)
