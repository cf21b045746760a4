"""The outcome of an audit, handed to reporters as data only."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, GetCoreSchemaHandler, computed_field, model_validator
from pydantic_core import CoreSchema

from gdcc_audit.models.common import FrozenModel, Severity, Text
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.rule import RuleMeta, RulePack, rule_packs, selected_by

if TYPE_CHECKING:
    from gdcc_audit.models.checkov import CheckovRun
    from gdcc_audit.models.framework import FrameworkResult, TenantGrade
    from gdcc_audit.models.tenant import Tenant
    from gdcc_audit.models.waiver import BaselineInfo, WaiverRecord, WaiverState

#: The JSON layout ``scan --format json`` writes (``gdcc_audit.models.result_layout``); results
#: in layout 1.0 are read as well.
RESULT_SCHEMA_VERSION = "1.1"


class InputStatus(StrEnum):
    """What became of one input file."""

    ASSESSED = "assessed"
    PARTIALLY_ASSESSED = "partially_assessed"
    NOT_ASSESSED = "not_assessed"
    NOT_RECOGNISED = "not_recognised"
    #: Left out by an exclude pattern (``scan --exclude``): the pattern is ``excluded_by``.
    EXCLUDED = "excluded"


class InputFile(FrozenModel):
    """One input file, its hash and whether it could be assessed."""

    path: str
    sha256: str | None = None
    format: str | None = None
    status: InputStatus
    resources: int = 0
    error: str | None = None
    field: str | None = None
    line: int | None = None
    column: int | None = None
    additional_errors: tuple[str, ...] = Field(
        default=(), description="Further errors in the same file, as 'line N: field: message'"
    )
    warnings: tuple[str, ...] = Field(
        default=(),
        description="What was read the way the file's own tool reads it but deserves a look, "
        "as 'line N: field: message' (a key written twice in a Heat template: Heat keeps the "
        "last value)",
        # Written only where there are some, so results without them keep their bytes.
        exclude_if=lambda value: not value,
    )
    excluded_by: str | None = Field(
        default=None,
        description="The exclude pattern that left this file or folder out",
        # Written only where a pattern applies, so results without exclusions keep their bytes.
        exclude_if=lambda value: value is None,
    )

    def errors(self) -> list[str]:
        """Every error of the file: the first (with its line) and the ones after it."""
        if self.error is None:
            return list(self.additional_errors)
        where = f"line {self.line}: " if self.line else ""
        field = f"{self.field}: " if self.field and self.field not in self.error else ""
        return [f"{where}{field}{self.error}", *self.additional_errors]


class ResourceSummary(FrozenModel):
    """What a report needs to know about a resource without its raw attributes."""

    id: str
    kind: str
    name: str
    provider: str
    provider_type: str
    address: str | None = None
    #: ``Finding.called_at``: the root module's module block a Terraform module's resource
    #: comes through
    called_at: str | None = None
    #: ``Finding.call_chain``: every module block it comes through, outermost first, when
    #: there are several
    call_chain: tuple[str, ...] | None = None
    system: str | None = None
    file: str | None = None
    line: int | None = None


class FindingGroup(FrozenModel):
    """How many findings of one rule had one status, when they were saved as a count only."""

    rule_id: str
    status: Status
    severity: Severity
    count: int = Field(ge=1)


#: Verdicts the default JSON result saves as counts per rule (``scan --full-findings`` keeps
#: each one): they are most of a large scan's findings and say "nothing to do".
GROUPED_STATUSES = (Status.PASS, Status.NOT_APPLICABLE)


class ContextUse(FrozenModel):
    """How many resources of a type were read only for what they say of others, and the
    types whose verdicts read them (``aws_db_parameter_group`` for ``aws_db_instance``)."""

    count: int
    used_by: tuple[str, ...]


class UnreadModule(FrozenModel):
    """A Terraform module call or a nested CloudFormation / Heat stack whose template was not
    read, so none of its resources is assessed (a registry or git source ``terraform init`` has
    not downloaded, a missing folder, a ``count`` / ``for_each`` not known statically, a nested
    template that is not among the scanned files)."""

    address: str
    source: str | None = None
    reason: str
    path: str
    line: int | None = None


def _import_field_models() -> None:
    """Put the tenant, framework, waiver and checkov models of AuditResult's fields in this
    module's namespace, where pydantic resolves the field annotations.

    They are imported when AuditResult's validator, serializer or schema is first built
    (``AuditResult.model_rebuild``), not with this module: a run that never validates a
    result (the pre-commit hook's brief audit) does not build those ~30 model classes.
    """
    from gdcc_audit.models.checkov import CheckovRun
    from gdcc_audit.models.framework import FrameworkResult, TenantGrade
    from gdcc_audit.models.tenant import Tenant
    from gdcc_audit.models.waiver import BaselineInfo, WaiverRecord, WaiverState

    globals().update(
        CheckovRun=CheckovRun,
        FrameworkResult=FrameworkResult,
        TenantGrade=TenantGrade,
        Tenant=Tenant,
        BaselineInfo=BaselineInfo,
        WaiverRecord=WaiverRecord,
        WaiverState=WaiverState,
    )


class AuditResult(FrozenModel):
    """Everything an audit found; the input of every reporter and the history store."""

    schema_version: str = RESULT_SCHEMA_VERSION
    tool_version: str
    scanned_at: dt.datetime
    tenants: tuple[Tenant, ...] = ()
    inputs: tuple[InputFile, ...] = ()
    resources: tuple[ResourceSummary, ...] = ()
    rules: tuple[RuleMeta, ...] = ()
    findings: tuple[Finding, ...] = ()
    finding_groups: tuple[FindingGroup, ...] = Field(
        default=(),
        description="Findings saved as counts per rule and status (the statuses named in "
        "grouped_statuses); `findings` then lists only the other statuses",
    )
    grouped_statuses: tuple[Status, ...] = Field(
        default=(),
        description="Statuses whose findings are in finding_groups instead of findings "
        "(empty: every finding is listed; scan --full-findings)",
    )
    settings: dict[str, Any] = Field(default_factory=dict)
    not_judged: dict[str, int] = Field(
        default_factory=dict,
        description="Resource types read but judged by no native rule (no mapping to a "
        "canonical kind: azapi_resource, a type added to a provider lately): type -> how many",
        # Written only when there are some, so other results keep their bytes.
        exclude_if=lambda value: not value,
    )
    not_judged_why: dict[str, Text] = Field(
        default_factory=dict,
        description="For the types of not_judged that no GDCC rule applies to by decision "
        "(a site-to-site VPN connection, an EMR Serverless application): type -> why",
        exclude_if=lambda value: not value,
    )
    read_for_context: dict[str, ContextUse] = Field(
        default_factory=dict,
        description="Resource types no native rule judges on their own but that the mappers "
        "read for other resources of the scan (a database's parameter group, the account's "
        "EBS encryption by default): type -> how many and the types that read them",
        exclude_if=lambda value: not value,
    )
    companions_without_target: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Resources that configure another resource (a bucket policy or ACL, an IAM "
        "grant, a security group rule) whose target is not in the scan, so no rule judged "
        "them: input path -> their addresses",
        # Written only when there are some, so other results keep their bytes.
        exclude_if=lambda value: not value,
    )
    modules_not_read: tuple[UnreadModule, ...] = Field(
        default=(),
        description="Terraform module calls and nested CloudFormation / Heat stacks whose "
        "template was not read (a remote source not downloaded by `terraform init`, a missing "
        "folder, a count/for_each not known statically, a nested template not in the scan): "
        "none of their resources is assessed",
        # Written only when there are some, so other results keep their bytes.
        exclude_if=lambda value: not value,
    )
    graph: dict[str, Any] | None = Field(
        default=None,
        description="The resource graph (version, nodes, edges, unresolved): dependency edges "
        "typed by relation and network reachability edges with ports; see docs/graph.md. The "
        "default JSON result keeps only the nodes on the findings' attack paths and the edges "
        "between them (complete: false, with total_nodes and total_edges of the whole graph); "
        "scan --full-graph keeps every node and edge",
    )
    frameworks: tuple[FrameworkResult, ...] = Field(
        default=(), description="Per tenant and framework: control statuses, score and coverage"
    )
    grade: TenantGrade | None = Field(
        default=None, description="The tenant's grade; with several tenants, the lowest one"
    )
    grades: tuple[TenantGrade, ...] = Field(default=(), description="One grade per tenant")
    waivers: tuple[WaiverRecord, ...] = Field(
        default=(), description="The waiver register: every waiver read, its state and matches"
    )
    baseline: BaselineInfo | None = Field(
        default=None, description="The earlier result compared with (scan --baseline)"
    )
    checkov: CheckovRun | None = Field(
        default=None, description="The checkov bridge run (scan --checkov), with unmapped failures"
    )
    extensions: dict[str, Any] = Field(
        default_factory=dict, description="Results added by later stages or plugins"
    )
    installed_packs: tuple[RulePack, ...] = Field(
        default=(),
        description="The rule packs as installed (each with its newest file version and "
        "all its rules), written when the audit evaluated only some rules of a pack (a "
        "selection by rule id, tag, minimum severity or framework): rule_packs names the "
        "installed version and how many rules the pack holds from it",
        # Written only then, so other results keep their bytes.
        exclude_if=lambda value: not value,
    )

    @classmethod
    def model_rebuild(
        cls,
        *,
        force: bool = False,
        raise_errors: bool = True,
        _parent_namespace_depth: int = 2,
        _types_namespace: Any = None,
    ) -> bool | None:
        """pydantic's ``model_rebuild``, with the field models imported first: pydantic calls
        it when the validator, serializer or schema is first needed (``_import_field_models``)."""
        _import_field_models()
        return super().model_rebuild(
            force=force,
            raise_errors=raise_errors,
            _parent_namespace_depth=_parent_namespace_depth + 1,
            _types_namespace=_types_namespace,
        )

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[BaseModel], handler: GetCoreSchemaHandler, /
    ) -> CoreSchema:
        """pydantic's schema, with the field models imported first: pydantic asks for it when
        it builds AuditResult's validator or a model that holds an AuditResult field."""
        _import_field_models()
        return handler(source)

    @model_validator(mode="before")
    @classmethod
    def _read_compact_layout(cls, data: Any) -> Any:
        # A JSON result in layout 1.1 names resources, messages and findings by position;
        # read back in the models' shape, it is the same result as its 1.0 form.
        from gdcc_audit.models.result_layout import expand, is_compact

        data = expand(data) if is_compact(data) else data
        # rule_packs is computed from the rules, so a result read back from JSON drops it
        if isinstance(data, dict) and "rule_packs" in data:
            data = {k: v for k, v in data.items() if k != "rule_packs"}
        return data

    @computed_field(  # type: ignore[prop-decorator]
        description="The rule packs the rules came from, one entry per pack: its version "
        "is the newest of its files' (file_versions counts the rules per file version)"
    )
    @property
    def rule_packs(self) -> tuple[RulePack, ...]:
        """The rule packs of ``rules``, each named once with its newest file version."""
        return rule_packs(self.rules, self.installed_packs)

    @property
    def selected_by(self) -> tuple[str, ...]:
        """The settings that chose some of the installed rules only (``rule_ids``, ``tags``,
        ``min_severity``, ``frameworks``): none for an audit with every rule."""
        return selected_by(self.settings)

    @property
    def tenant(self) -> Tenant | None:
        """The tenant when exactly one was audited."""
        return self.tenants[0] if len(self.tenants) == 1 else None

    def rule(self, rule_id: str) -> RuleMeta | None:
        """The metadata of a rule used in this audit."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def failures(self, at_least: Severity = Severity.INFO) -> list[Finding]:
        """FAIL and ERROR findings at or above a severity that count for ``--fail-on``:
        neither waived nor already failing in the baseline."""
        return [
            f for f in self.findings if f.counts_for_fail_on and f.severity.rank >= at_least.rank
        ]

    @property
    def waived(self) -> list[Finding]:
        """Failing findings an active waiver accepts."""
        return [f for f in self.findings if f.is_failure and f.is_waived]

    def waiver_records(self, state: WaiverState) -> list[WaiverRecord]:
        """Register entries in one state."""
        return [w for w in self.waivers if w.state == state]

    def count(self, status: Status) -> int:
        """How many findings have this status (grouped ones included)."""
        return self.counts()[status]

    def counts(self) -> dict[Status, int]:
        """How many findings have each status (grouped ones included), in one pass."""
        tally = dict.fromkeys(Status, 0)
        for finding in self.findings:
            tally[finding.status] += 1
        for group in self.finding_groups:
            tally[group.status] += group.count
        return tally

    def grouped(self, statuses: tuple[Status, ...] = GROUPED_STATUSES) -> AuditResult:
        """This result with the findings of ``statuses`` replaced by counts per rule.

        Scores, failures, unknowns and waivers are unchanged; only the individual PASS and
        NOT_APPLICABLE verdicts are summarised (this is what the default JSON result saves).
        """
        wanted = frozenset(statuses) - frozenset(self.grouped_statuses)
        if not wanted:
            return self
        counts: dict[tuple[str, Status], tuple[Severity, int]] = {}
        for group in self.finding_groups:
            counts[(group.rule_id, group.status)] = (group.severity, group.count)
        kept: list[Finding] = []
        for finding in self.findings:
            if finding.status in wanted:
                key = (finding.rule_id, finding.status)
                _, count = counts.get(key, (finding.severity, 0))
                counts[key] = (finding.severity, count + 1)
            else:
                kept.append(finding)
        groups = tuple(
            FindingGroup(rule_id=rule_id, status=status, severity=severity, count=count)
            for (rule_id, status), (severity, count) in sorted(counts.items())
        )
        statuses_now = tuple(s for s in Status if s in wanted or s in self.grouped_statuses)
        return self.model_copy(
            update={
                "findings": tuple(kept),
                "finding_groups": groups,
                "grouped_statuses": statuses_now,
            }
        )

    def framework(self, framework_id: str, tenant: str | None = None) -> FrameworkResult | None:
        """The result of one framework (for one tenant when several were audited)."""
        return next(
            (
                f
                for f in self.frameworks
                if f.framework == framework_id and (tenant is None or f.tenant == tenant)
            ),
            None,
        )

    @property
    def not_assessed(self) -> list[InputFile]:
        """Inputs not assessed, or assessed only in part (an error in one block of the file)."""
        incomplete = (InputStatus.NOT_ASSESSED, InputStatus.PARTIALLY_ASSESSED)
        return [i for i in self.inputs if i.status in incomplete]
