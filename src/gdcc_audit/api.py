"""The audit pipeline: load -> normalize -> graph -> evaluate -> AuditResult."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from gdcc_audit.__about__ import __version__
from gdcc_audit.errors import ConfigError, InputError
from gdcc_audit.evaluate.engine import keeps, select_rules
from gdcc_audit.evaluate.rule import Rule
from gdcc_audit.evaluate.split import evaluate_all
from gdcc_audit.evaluate.tally import COUNTED, VerdictCounts
from gdcc_audit.frameworks.registry import (
    FrameworkIndex,
    Frameworks,
    compile_beside,
    load_framework_index,
    load_frameworks,
    reach,
)
from gdcc_audit.gcpause import gc_paused
from gdcc_audit.govern.apply import SourcedWaiver, apply_baseline, apply_waivers
from gdcc_audit.govern.files import FORMAT as WAIVERS_FORMAT
from gdcc_audit.govern.files import read_baseline, read_waiver_file, sourced
from gdcc_audit.graph import export as graph_export
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.scope import Scope
from gdcc_audit.load.discover import Discovery, discover
from gdcc_audit.load.guard import CrashError, guarded_load
from gdcc_audit.load.interface import Document, Loader
from gdcc_audit.load.kube_kinds import FORMAT as KUBERNETES_FORMAT
from gdcc_audit.load.manifest import FORMAT as MANIFEST_FORMAT
from gdcc_audit.load.parallel import reap
from gdcc_audit.load.terraform_model import FORMAT as TF_FORMAT
from gdcc_audit.load.terraform_model import TfDocument
from gdcc_audit.models.finding import Finding, Status, call_chain_of
from gdcc_audit.models.resource import Resource
from gdcc_audit.models.result import (
    AuditResult,
    ContextUse,
    InputFile,
    InputStatus,
    ResourceSummary,
    UnreadModule,
)
from gdcc_audit.models.rule import RuleMeta, RulePack, rule_packs
from gdcc_audit.normalize.ecs_clusters import link_cluster_hosts
from gdcc_audit.normalize.foreign_bucket_policies import fold as fold_bucket_policies
from gdcc_audit.normalize.interface import MapContext, Mapper
from gdcc_audit.normalize.lost import attach as attach_lost
from gdcc_audit.normalize.not_judged import reasons as not_judged_reasons
from gdcc_audit.normalize.share import FacetsPool
from gdcc_audit.normalize.split import Job, map_documents
from gdcc_audit.normalize.unread import (
    NESTED,
    READ_FOR_CONTEXT,
    UNMAPPED_TYPES,
    UNRESOLVED_COMPANIONS,
)
from gdcc_audit.plugins import Registry, collect, make_plugin_manager
from gdcc_audit.resources import rules_dir
from gdcc_audit.settings import RUN_OPTIONS, Settings

if TYPE_CHECKING:
    from pydantic import BaseModel

    from gdcc_audit.bridges.checkov import CheckovSession
    from gdcc_audit.models.framework import RuleMapping
    from gdcc_audit.models.tenant import Tenant, TenantManifest
    from gdcc_audit.models.waiver import BaselineInfo

#: Formats that are not infrastructure-as-code (checkov never reads them).
_NOT_IAC = frozenset({MANIFEST_FORMAT, WAIVERS_FORMAT, None})

#: ``progress(stage, done, total)`` is called as the audit advances.
Progress = Callable[[str, int, int], None]


@dataclass
class _Owner:
    root: str
    tenant: Tenant
    system: str | None




@dataclass
class _Run:
    settings: Settings
    registry: Registry
    manager: pluggy.PluginManager
    progress: Progress | None
    files: dict[str, InputFile] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    #: Resource types the mappers read but do not map (type -> count, every document).
    not_judged: dict[str, int] = field(default_factory=dict)
    #: Types read only for other resources: type -> (count, the reading types), every document.
    read_for_context: dict[str, tuple[int, set[str]]] = field(default_factory=dict)
    #: Companions whose target is not in the scan: input path -> addresses.
    companions_without_target: dict[str, list[str]] = field(default_factory=dict)
    #: Terraform module calls not read, in every document (``UnreadModule``).
    modules_not_read: dict[tuple[str, str, int | None, str], UnreadModule] = field(
        default_factory=dict
    )
    #: Real paths found so far in this run (``real_path``).
    _real: dict[str, str] = field(default_factory=dict)

    def real_path(self, path: str) -> str:
        """``os.path.realpath(path)``, found once per run (files and folders do not move
        during a scan; each document's path is asked several times)."""
        found = self._real.get(path)
        if found is None:
            found = self._real[path] = os.path.realpath(path)
        return found

    def note_error(self, error: InputError) -> None:
        previous = self.files.get(error.path)
        partial = previous is not None and previous.status in (
            InputStatus.ASSESSED,
            InputStatus.PARTIALLY_ASSESSED,
        )
        status = InputStatus.PARTIALLY_ASSESSED if partial else InputStatus.NOT_ASSESSED
        if previous is not None and previous.error is not None:
            # The first error stays the headline (with its line); later ones are kept too.
            where = f"line {error.line}: " if error.line else ""
            field = f"{error.field}: " if error.field and error.field not in error.message else ""
            self.files[error.path] = previous.model_copy(
                update={
                    "status": status,
                    "additional_errors": (
                        *previous.additional_errors,
                        f"{where}{field}{error.message}",
                    ),
                }
            )
            return
        self.files[error.path] = InputFile(
            path=error.path,
            sha256=previous.sha256 if previous else None,
            format=previous.format if previous else None,
            status=status,
            error=error.message,
            field=error.field,
            line=error.line,
            column=error.column,
            resources=previous.resources if previous else 0,
        )

    def note_warning(self, warning: InputError) -> None:
        """Keep a warning on an input file (read, but the user should look at this)."""
        where = f"line {warning.line}: " if warning.line else ""
        named = warning.field and warning.field not in warning.message
        field = f"{warning.field}: " if named else ""
        text = f"{where}{field}{warning.message}"
        known = self.files.get(warning.path)
        if known is None:
            known = InputFile(path=warning.path, status=InputStatus.ASSESSED)
        self.files[warning.path] = known.model_copy(
            update={"warnings": (*known.warnings, text)}
        )

    def note_unread_modules(self, document: Document, scanned: Collection[str]) -> None:
        """Keep the module calls a Terraform document could not read and the nested templates
        of a CloudFormation or Heat document that are not among the ``scanned`` files (real
        paths); once each."""
        nested = [
            item
            for item in document.meta.get(NESTED) or ()
            if item.get("local") is None or os.path.realpath(item["local"]) not in scanned
        ]
        for item in [*(getattr(document.data, "unexpanded_modules", None) or ()), *nested]:
            module = UnreadModule(
                address=str(item.get("address") or "?"),
                source=item.get("source"),
                reason=str(item.get("reason") or "not available"),
                path=document.path,
                line=item.get("line"),
            )
            self.modules_not_read[(module.path, module.address, module.line, module.reason)] = (
                module
            )

    def configured(self, loader: Loader) -> Loader:
        """``loader`` told what the mappers of the formats it names read (``LoadOptions``):
        work whose result no mapper reads is left out."""
        known = self.registry.mappers
        mappers = [known[fmt] for fmt in loader.options_from if fmt in known]
        if not mappers or len(mappers) < len(loader.options_from):
            return loader  # a format nobody maps here: the loader reads what it always read
        options = mappers[0].load_options()
        for mapper in mappers[1:]:
            options = options.joined(mapper.load_options())
        return loader.with_options(options)

    def absorb(self, found: Discovery) -> None:
        for walked, real in found.real_paths.items():  # the walk found them (``real_path``)
            self._real.setdefault(walked, real)
        for error in found.errors:
            self.note_error(error)
        for path, digest in found.unrecognised:
            self.files.setdefault(
                str(path),
                InputFile(
                    path=str(path),
                    sha256=digest,
                    status=InputStatus.NOT_RECOGNISED,
                    error=found.reasons.get(str(path)),
                ),
            )
        loaders = {ldr.name: ldr for ldr in self.registry.loaders}
        total = sum(len(claims) for claims in found.claims.values())
        done = 0
        for loader_name, claims in found.claims.items():
            loader = self.configured(loaders[loader_name])
            for item in guarded_load(loader, claims, self.settings):
                done += 1
                if self.progress:
                    self.progress("load", min(done, total), total)
                if isinstance(item, InputError):
                    self.note_error(item)
                    continue
                self.documents.append(item)
                digest = item.sha256 or found.hashes.get(item.path)
                known = self.files.get(item.path)
                if known is None:
                    self.files[item.path] = InputFile(
                        path=item.path,
                        sha256=digest,
                        format=item.format,
                        status=InputStatus.ASSESSED,
                    )
                elif known.status == InputStatus.NOT_ASSESSED:
                    # An error in one block, then the rest of the file: assessed in part.
                    update = {
                        "status": InputStatus.PARTIALLY_ASSESSED,
                        "sha256": known.sha256 or digest,
                        "format": item.format,
                    }
                    self.files[item.path] = known.model_copy(update=update)
        for warning in found.warnings:
            self.note_warning(warning)
        for path, pattern in found.excluded:
            # Listed, never silently dropped: a report says what the auditor left out. A
            # folder left out may still be read as a module that a scanned root calls.
            self.files.setdefault(
                str(path),
                InputFile(
                    path=str(path),
                    status=InputStatus.EXCLUDED,
                    error=f'left out by the exclude pattern "{pattern}"',
                    excluded_by=pattern,
                ),
            )


def _owners(manifests: Sequence[Document]) -> list[_Owner]:
    owners = []
    for document in manifests:
        manifest: TenantManifest = document.data
        base = Path(document.path).parent
        tenant = manifest.tenant()
        for source in manifest.iac:
            owners.append(_Owner(os.path.realpath(base / source.path), tenant, source.system))
    return sorted(owners, key=lambda o: len(o.root), reverse=True)


def _root_folders(roots: Sequence[Path]) -> list[str]:
    """The real path of each scanned folder (or a scanned file's folder)."""
    return [os.path.realpath(root if root.is_dir() else root.parent) for root in roots]


def _common_base(folders: Sequence[str]) -> str | None:
    """What resource ids are relative to when several folders are scanned: their common
    parent, so that two scanned roots declaring the same address (``scan examples/a
    examples/b``, each with ``aws_s3_bucket.this``; two ``template.yaml`` with a ``Bucket``)
    keep distinct ids (``a:this``, ``b:this``), the ids a scan of the parent gives; they
    had the same id and the second root's resource was dropped as a duplicate. None for one
    folder (each file's scanned folder, as before). Only the folders the user names count: a
    tenant manifest's IaC folders stay the base of their own ids."""
    distinct = sorted(set(folders))
    if len(distinct) < 2:
        return None
    try:
        return os.path.commonpath(distinct)
    except ValueError:  # folders on different drives: no common parent
        return None


def _base_of(real: str, folders: Sequence[str]) -> str | None:
    """The scanned folder (from :func:`_root_folders`) that contains the real path ``real``."""
    best: str | None = None
    for folder in folders:
        inside = real == folder or real.startswith(folder + os.sep)
        if inside and (best is None or len(folder) > len(best)):
            best = folder
    return best


def _owner_of(real: str, owners: Sequence[_Owner]) -> _Owner | None:
    for owner in owners:
        if real == owner.root or real.startswith(owner.root + os.sep):
            return owner
    return None


@dataclass(frozen=True)
class Prepared:
    """What an audit needs before it reads any input: plugins, rules and catalogs (the
    catalogs on first use: choosing the rules needs only their ``index``, and a brief audit
    without a tenant manifest nothing more)."""

    settings: Settings
    manager: pluggy.PluginManager
    registry: Registry
    index: FrameworkIndex
    rules: list[Rule]

    @cached_property
    def frameworks(self) -> Frameworks:
        """The catalogs and crosswalk the registry names, loaded on first use."""
        return load_frameworks(self.registry.frameworks)


def prepare(
    settings: Settings | None = None, *, plugin_manager: pluggy.PluginManager | None = None
) -> Prepared:
    """Load plugins, rule packs and catalogs once; raises ConfigError/PluginError up front."""
    settings = settings or Settings()
    manager = plugin_manager or make_plugin_manager()
    # On a first run the built-in frameworks compile in a child while the rule packs do here.
    beside = compile_beside()
    try:
        registry = collect(manager, settings)
    finally:
        if beside is not None:
            reap(beside)
    index = load_framework_index(registry.frameworks)
    index.check_rule_ids(r.id for r in registry.rules)
    index.check_selected(settings.frameworks)  # an unknown framework id: a ConfigError up front
    rules = select_rules(
        registry.rules,
        settings,
        lambda meta: reach(meta, index),
        _checkov_ids(settings, {r.id for r in registry.rules}),
    )
    return Prepared(settings, manager, registry, index, list(rules))


def _checkov_ids(settings: Settings, native: set[str]) -> set[str]:
    """The checkov checks ``--rules`` names (``CKV_...``): each must be in a reviewed table
    of rules/checkov/, and they run only with the bridge (a ConfigError up front)."""
    named = {
        i for i in settings.rule_ids if i not in native and i.startswith(("CKV_", "CKV2_"))
    }
    if not named:
        return set()
    if not settings.checkov:
        raise ConfigError(
            f"{', '.join(sorted(named))}: checkov checks run only with the checkov bridge "
            "(add --checkov)"
        )
    from gdcc_audit.bridges.checkov.table import bridged_ids

    known = bridged_ids(rules_dir() / "checkov")
    unknown = sorted(named - known)
    if unknown:
        raise ConfigError(
            f"unknown rule id(s): {', '.join(unknown)} (no reviewed checkov table in "
            "rules/checkov/ names them)"
        )
    return named


def audit(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    plugin_manager: pluggy.PluginManager | None = None,
    progress: Progress | None = None,
    prepared: Prepared | None = None,
    brief: bool = False,
    grouped: bool = False,
    checkov_session: CheckovSession | None = None,
) -> AuditResult:
    """Audit tenant manifests and IaC under ``paths``; bad files are reported, never fatal.

    ``prepared`` (from :func:`prepare`) reuses loaded plugins, rules and catalogs across audits
    with the same settings, as portfolio workers do. ``brief`` leaves out what a list of
    findings does not need: framework scores and grades (``frameworks``, ``grade``,
    ``grades`` stay empty) and the graph data (``graph`` is None); every rule still runs and
    every finding, input and waiver is the same (the pre-commit hook uses it).
    ``grouped`` returns the result :meth:`AuditResult.grouped` would give (PASS and
    NOT_APPLICABLE findings as counts per rule; scores unchanged); the engine then counts
    those verdicts without building their findings, which a large scan is mostly made of.
    ``checkov_session`` is a :class:`~gdcc_audit.bridges.checkov.CheckovSession` already
    started on ``paths`` (the CLI starts checkov before it imports the pipeline), used
    instead of starting checkov here when ``settings.checkov`` is set; it is stopped if the
    audit fails, and left alone (to its owner) when the settings do not ask for checkov.
    """
    with gc_paused():
        try:
            return _audit(
                paths, settings, plugin_manager, progress, prepared, brief, grouped, checkov_session
            )
        except BaseException:
            if checkov_session is not None:
                checkov_session.stop()
            raise


def _audit(
    paths: Iterable[str | Path],
    settings: Settings | None,
    plugin_manager: pluggy.PluginManager | None,
    progress: Progress | None,
    prepared: Prepared | None,
    brief: bool,
    grouped: bool = False,
    checkov_session: CheckovSession | None = None,
) -> AuditResult:
    if prepared is None:
        prepared = prepare(settings, plugin_manager=plugin_manager)
    settings, manager, registry = prepared.settings, prepared.manager, prepared.registry
    rules = prepared.rules
    # A broken baseline would make every finding "new": refused up front (exit 2).
    baseline = read_baseline(Path(settings.baseline), settings) if settings.baseline else None
    run = _Run(settings, registry, manager, progress)
    roots = [Path(p) for p in paths]
    checkov = _start_checkov(settings, roots, checkov_session)
    scan = partial(_scan_native, run, roots, prepared, checkov, grouped, not brief)
    native = (
        scan()
        if checkov is None
        else _behind_checkov(partial(_scan_then_prepare, scan, run, prepared, checkov, brief))
    )
    tenants, waivers, resources = native.tenants, native.waivers, native.resources
    scope, graph, counted, findings = native.scope, native.graph, native.counted, native.findings
    index = native.index
    graph_data = native.graph_data
    del native
    rule_metas = [r.meta for r in rules]
    checkov_run = None
    if checkov is not None:
        merged = checkov.finish(*_merge_arguments(run, prepared, resources, findings))
        findings, checkov_run = merged.findings, merged.run
        rule_metas += merged.rules
        if index is not None:
            from gdcc_audit.score import extend_index

            index = extend_index(index, merged.rules, prepared.frameworks)
        for error in merged.errors:
            run.note_error(error)
    # The canonical resources (every facet) and the graph are not needed past this point:
    # released before waivers, scores and the result are built (at 100,000 resources they
    # are hundreds of MB of the peak).
    summaries = tuple(_summary(r) for r in sorted(resources, key=lambda r: r.id))
    tenant_of = {r.id: r.tenant for r in resources}
    graph.release()
    del graph, resources, scope
    findings, register = apply_waivers(findings, waivers, settings.audit_time().date())
    findings, baseline_info = _against_baseline(findings, baseline)
    scores = None
    if not brief:
        # Scoring builds the catalog, framework and tenant models: imported here, so a brief
        # audit (the pre-commit hook) never builds them.
        from gdcc_audit.score import score_audit

        scores = score_audit(
            tenants=tenants,
            findings=findings,
            rules=rule_metas,
            frameworks=prepared.frameworks,
            selected=settings.frameworks,
            on=settings.audit_time().date(),
            tenant_of=tenant_of,
            passed=counted.passed() if counted is not None else None,
            index=index,
        )
    # A brief result is read, never serialised: built without validating what this function
    # made and validated already (and so without building AuditResult's validator).
    result = (AuditResult.model_construct if brief else AuditResult)(
        tool_version=__version__,
        scanned_at=settings.audit_time(),
        tenants=tuple(tenants),
        inputs=tuple(sorted(run.files.values(), key=lambda f: f.path)),
        resources=summaries,
        rules=tuple(rule_metas),
        findings=tuple(sorted(findings, key=finding_order)),
        settings=settings.model_dump(mode="json", exclude={"now", *RUN_OPTIONS}),
        not_judged=dict(sorted(run.not_judged.items())),
        not_judged_why=not_judged_reasons(run.not_judged),
        read_for_context={
            name: ContextUse(count=count, used_by=tuple(sorted(readers)))
            for name, (count, readers) in sorted(run.read_for_context.items())
        },
        companions_without_target={
            path: tuple(sorted(addresses))
            for path, addresses in sorted(run.companions_without_target.items())
        },
        modules_not_read=tuple(
            sorted(run.modules_not_read.values(), key=lambda m: (m.path, m.line or 0, m.address))
        ),
        graph=graph_data,
        frameworks=scores.frameworks if scores else (),
        grade=scores.grade if scores else None,
        grades=scores.grades if scores else (),
        waivers=register,
        baseline=baseline_info,
        checkov=checkov_run,
        installed_packs=_installed_packs(registry, rules),
        **(_grouping(counted) if counted is not None else {}),
    )
    return result.grouped() if grouped and counted is None else result


def _installed_packs(registry: Registry, rules: list[Rule]) -> tuple[RulePack, ...]:
    """The installed packs of which the audit evaluates only some rules (a selection), for
    ``AuditResult.installed_packs``: each with its newest file version and all its rules."""
    counts: dict[str, int] = {}
    for rule in rules:
        counts[rule.meta.pack] = counts.get(rule.meta.pack, 0) + 1
    return tuple(
        pack
        for pack in rule_packs(r.meta for r in registry.rules)
        if pack.name in counts and pack.rules > counts[pack.name]
    )


@dataclass
class _Native:
    """What the native scan (load, normalize, graph, evaluate) hands to the rest of an audit."""

    tenants: list[Tenant]
    waivers: list[SourcedWaiver]
    resources: list[Resource]
    scope: Scope
    graph: ResourceGraph
    counted: VerdictCounts | None
    findings: list[Finding]
    #: The graph as data (``graph_export.to_data``), or None when not asked for.
    graph_data: dict[str, Any] | None
    #: The native rules' mapping index, when it was built while checkov ran.
    index: dict[str, list[RuleMapping]] | None = None


#: Resources from which a scan collects the loaders' cyclic garbage once it has normalized.
COLLECT_FROM = 5000


#: Formats whose loaders and mappers leave no reference cycle of note, measured: Terraform
#: configurations (the loader releases its module instances, ``ModuleInstance.release``:
#: terraform-aws-eks 96,191 -> 421 objects, a few dynamically made classes), Kubernetes and
#: tenant manifests; Heat and CloudFormation templates since their walkers are module
#: functions and a file's error keeps no traceback (``guard._unwound``): heat-templates
#: 50,267 -> 0, aws-cloudformation-templates 156,701 -> 0. (The Heat and CloudFormation
#: formats by name: ``load.heat`` is not imported for this.)
_NO_CYCLES = frozenset(
    {TF_FORMAT, KUBERNETES_FORMAT, MANIFEST_FORMAT, "cloudformation", "heat", "heat_environment"}
)


def _leaves_cycles(documents: list[Document]) -> bool:
    """Whether a loader of ``documents`` leaves reference cycles worth a collection: any but
    those of :data:`_NO_CYCLES` (Terraform plans and states are still collected)."""
    return any(
        d.format not in _NO_CYCLES
        or (isinstance(d.data, TfDocument) and d.data.source != "hcl")  # plans, states
        for d in documents
    )


def _link_kubernetes(
    resources: list[Resource], files: Mapping[str, InputFile] | None = None
) -> list[Resource]:
    """Facts joined across Kubernetes objects (normalize/kubernetes/link.py); its modules are
    imported only when the scan holds Kubernetes objects or a Terraform binding that gives
    everyone a role (a Terraform-only pre-commit hook does not pay for them). ``files``: the
    input files, whose YAML / JSON ones not (wholly) assessed may hold any object."""
    if not any(
        r.origin == KUBERNETES_FORMAT or (r.kind == "k8s.role_binding" and r.facets.public_grants)
        for r in resources
    ):
        return resources
    from gdcc_audit.normalize.kubernetes.link import link

    unassessed = [
        f"{f.path}:{f.line or 1}" for f in (files or {}).values()
        if f.status in (InputStatus.PARTIALLY_ASSESSED, InputStatus.NOT_ASSESSED)
        and f.format in (None, KUBERNETES_FORMAT)
        and f.path.lower().endswith((".yaml", ".yml", ".json"))
        and not _kustomization_without_roles(f)
    ]
    return link(resources, sorted(unassessed))


def _kustomization_without_roles(found: InputFile) -> bool:
    """A kustomization whose errors leave out no ClusterRole: the objects it could not build
    are named in them (``load.kustomize``: "kustomize: Deployment web as this kustomization
    builds it is not assessed"); the files it builds from are judged on their own."""
    from gdcc_audit.load.kubernetes import KUSTOMIZATION_FILES

    if os.path.basename(found.path) not in KUSTOMIZATION_FILES:
        return False
    errors = [found.error or "", *found.additional_errors]  # the others as "line 45: ..."
    return all(
        e.split(": ", 1)[-1 if e.startswith("line ") else 0].startswith("kustomize")
        and "ClusterRole" not in e for e in errors
    )


def _scan_native(
    run: _Run,
    roots: list[Path],
    prepared: Prepared,
    checkov: CheckovSession | None,
    grouped: bool,
    export: bool,
) -> _Native:
    """Load, normalize, build the graph and evaluate the rules (everything but checkov);
    with ``export``, the graph as data too (made while forked children evaluate rules)."""
    settings, manager, registry = prepared.settings, prepared.manager, prepared.registry
    rules = prepared.rules
    run.absorb(discover(roots, registry.loaders, settings))

    manifests = [d for d in run.documents if d.format == MANIFEST_FORMAT]
    for manifest in manifests:
        for error in _unknown_evidence_controls(manifest, prepared.frameworks):
            run.note_error(error)
    tenants = [m.data.tenant() for m in manifests]
    owners = _owners(manifests)
    covered = [os.path.realpath(r) for r in roots]
    extra = [
        Path(o.root)
        for o in owners
        if settings.manifest_iac
        and not any(o.root == c or o.root.startswith(c + os.sep) for c in covered)
    ]
    if extra:
        run.absorb(discover(extra, registry.loaders, settings))
        if checkov is not None:
            checkov.start(extra)

    waivers = _waivers(run, manifests)
    known_rules = {r.id for r in registry.rules}
    if any(w.waiver.rule.startswith(("CKV_", "CKV2_")) for w in waivers):
        from gdcc_audit.bridges.checkov.table import bridged_ids

        known_rules |= bridged_ids(rules_dir() / "checkov")  # checkov checks can be waived
    for item in waivers:
        if item.waiver.rule not in known_rules:
            # A misspelt rule id would leave the waiver silently unused.
            run.note_error(
                InputError(
                    item.file,
                    f"waiver names rule {item.waiver.rule!r}, which no installed rule pack has "
                    "(see 'gdcc-audit rules list')",
                    item.line,
                    field="rule",
                )
            )
    run.documents = [d for d in run.documents if d.format != WAIVERS_FORMAT]
    resources = _normalize(
        run, manifests, tenants, owners, [*roots, *extra], _common_base(_root_folders(roots))
    )
    # what one template, file or root cannot see alone: joined once every input is mapped
    resources = link_cluster_hosts(fold_bucket_policies(resources))
    resources = _link_kubernetes(attach_lost(resources, run.documents), run.files)
    scope = Scope.from_documents(run.documents)
    collect = len(resources) >= COLLECT_FROM and _leaves_cycles(run.documents)
    # Nothing reads the loaded documents after this: their raw values (every attribute of
    # every resource) are released before the graph and the findings are built.
    run.documents = []
    if collect:
        # A loader's state (a resolver's closures and caches) held in reference cycles,
        # which the paused collector (gcpause) leaves in memory: collected once here, so the
        # graph and the findings reuse that memory. Small scans, and scans of loaders that
        # leave no cycle of note, skip it: a collection traverses the whole heap (0.25 s for
        # one 20 MB Terraform file, 0.8 s for 100,000 resources).
        gc.collect()
    graph = ResourceGraph(resources, tenants, scope)
    manager.hook.enrich_graph(graph=graph, resources=resources, settings=settings)
    # The checkov bridge compares native verdicts of every status with its own: it gets them all.
    counted = VerdictCounts() if grouped and checkov is None else None
    exported: list[dict[str, Any]] = []
    findings = evaluate_all(
        resources,
        rules,
        tenants=tenants,
        graph=graph,
        settings=settings,
        counted=counted,
        meanwhile=(lambda: exported.append(graph_export.to_data(graph))) if export else None,
    )
    graph_data = exported[0] if exported else None
    return _Native(tenants, waivers, resources, scope, graph, counted, findings, graph_data)


def _merge_arguments(
    run: _Run, prepared: Prepared, resources: list[Resource], findings: list[Finding]
) -> tuple[
    list[Resource], list[Finding], list[RuleMeta], list[str], Callable[[RuleMeta], bool]
]:
    """What the checkov session's ``prepare`` and ``finish`` are given."""
    settings, index = prepared.settings, prepared.index
    return (
        resources,
        findings,
        [r.meta for r in prepared.registry.rules],
        [p for p, f in run.files.items() if f.format not in _NOT_IAC],
        lambda meta: keeps(meta, settings, lambda m: reach(m, index)),
    )


def _scan_then_prepare(
    scan: Callable[[], _Native],
    run: _Run,
    prepared: Prepared,
    checkov: CheckovSession,
    brief: bool,
) -> _Native:
    """The native scan, then, while checkov still runs, whatever follows it and does not
    need checkov's output: the session's preparation (table, indexes, its own warm-ups) and
    the validators of the result and its scores, which are built on first use. Once checkov
    ends, only its conversion, the scores and the reports are left."""
    from gdcc_audit.models.framework import (
        ControlResult,
        EvidenceUse,
        FrameworkResult,
        RuleMapping,
        TenantGrade,
    )
    from gdcc_audit.models.result import FindingGroup
    from gdcc_audit.score import mapping_index

    native = scan()
    checkov.prepare(*_merge_arguments(run, prepared, native.resources, native.findings))
    models: list[type[BaseModel]] = [ResourceSummary, InputFile]
    if not brief:
        native.index = mapping_index([r.meta for r in prepared.rules], prepared.frameworks)
        models += [
            RuleMapping,
            EvidenceUse,
            ControlResult,
            FrameworkResult,
            TenantGrade,
            FindingGroup,
            AuditResult,
        ]
    for model in models:
        model.model_rebuild()
    return native


#: How much lower the native scan's priority is while checkov runs (``nice`` increment).
NATIVE_NICENESS = 10


def _behind_checkov(function: Callable[[], _Native]) -> _Native:
    """``function()`` in a thread of lower priority (nice +``NATIVE_NICENESS``): checkov, the
    long pole of a bridged scan, keeps the CPUs it uses, and this short native scan takes
    what is left. The thread ends with it, so what follows checkov (merging, scores,
    reports) runs at the process's own priority. With another thread running, the scan
    forks no children either (see ``load.parallel``). Where the priority of one thread
    cannot be set, it runs as it is."""
    import threading

    outcome: list[_Native] = []
    failure: list[BaseException] = []

    def body() -> None:
        with contextlib.suppress(AttributeError, OSError):
            me = threading.get_native_id()  # on Linux, a thread's priority is its own
            niceness = os.getpriority(os.PRIO_PROCESS, me) + NATIVE_NICENESS
            os.setpriority(os.PRIO_PROCESS, me, niceness)
        try:
            outcome.append(function())
        except BaseException as exc:  # raised again in the calling thread
            failure.append(exc)

    thread = threading.Thread(target=body, name="gdcc-audit-native", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def _grouping(counted: VerdictCounts) -> dict[str, Any]:
    """The fields of a grouped result whose PASS and NOT_APPLICABLE verdicts were counted."""
    return {
        "finding_groups": counted.groups(),
        "grouped_statuses": tuple(s for s in Status if s in COUNTED),
    }


def _against_baseline(
    findings: list[Finding], baseline: tuple[frozenset[str], BaselineInfo] | None
) -> tuple[list[Finding], BaselineInfo | None]:
    """Findings marked when already failing in the baseline, and the baseline's counts."""
    if baseline is None:
        return findings, None
    known, info = baseline
    findings = apply_baseline(findings, known)
    failing = [f for f in findings if f.is_failure]
    counts = {
        "known": sum(1 for f in failing if f.baseline),
        "new": sum(1 for f in failing if not f.baseline),
    }
    return findings, info.model_copy(update=counts)


def _start_checkov(
    settings: Settings, roots: Sequence[Path], started: CheckovSession | None = None
) -> CheckovSession | None:
    """Start checkov on the scanned paths (it then runs while the native scan does), or take
    the session ``started`` on them already; a missing checkov is a ConfigError up front."""
    if not settings.checkov:
        return None
    if started is not None:
        started.bind(settings)
        return started
    from gdcc_audit.bridges.checkov import CheckovSession

    session = CheckovSession(settings)
    session.start([r for r in roots if r.exists()])
    return session


def _waivers(run: _Run, manifests: Sequence[Document]) -> list[SourcedWaiver]:
    """Waivers of the files named by ``--waivers`` and by the manifests' ``waivers:``, in that
    order; each file once. A waiver file found in a scanned folder but named by neither is
    recognised (listed as an input) and not applied."""
    named = [Path(p) for p in run.settings.waiver_files]
    for manifest in manifests:
        base = Path(manifest.path).parent
        named.extend(Path(os.path.normpath(base / p)) for p in manifest.data.waivers)
    loaded = {os.path.realpath(d.path): d for d in run.documents if d.format == WAIVERS_FORMAT}
    failed = {os.path.realpath(p) for p, f in run.files.items() if f.error is not None}
    result: list[SourcedWaiver] = []
    seen: set[str] = set()
    for path in named:
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        document = loaded.get(real)
        if document is None:
            if real in failed:
                continue  # discovered already, and its error is listed
            try:
                document = read_waiver_file(path, run.settings)
            except InputError as error:
                run.note_error(error)
                continue
            run.files[document.path] = InputFile(
                path=document.path,
                sha256=document.sha256,
                format=WAIVERS_FORMAT,
                status=InputStatus.ASSESSED,
            )
        result.extend(sourced(document))
    return result


def _unknown_evidence_controls(document: Document, frameworks: Frameworks) -> list[InputError]:
    """Evidence that names a control no catalog has would silently attest nothing: an error."""
    manifest: TenantManifest = document.data
    errors = []
    for index, evidence in enumerate(manifest.evidence):
        for position, ref in enumerate(evidence.controls):
            try:
                known = frameworks.control(ref) is not None
            except ValueError:
                known = False
            if not known:
                pointer = f"/evidence/{index}/controls/{position}"
                errors.append(
                    InputError(
                        document.path,
                        f"evidence[{index}] names control {ref!r}, which no loaded catalog "
                        "has (see 'gdcc-audit frameworks list'); it attests nothing",
                        document.lines.line_of(pointer) if document.lines else None,
                        field=f"evidence[{index}].controls[{position}]",
                    )
                )
    return errors


def finding_order(finding: Finding) -> tuple[int, str, str, str]:
    """Most severe first, then by rule, resource and evidence key: a stable order."""
    return (-finding.severity.rank, finding.rule_id, finding.resource_id, finding.evidence_key)


def _relate(run: _Run, owners: Sequence[_Owner]) -> None:
    """Let each mapper write what one of its documents says of another before any is mapped
    (``Mapper.relate``: a nested template takes the parameters its parent passes). Documents
    of different tenant manifests' IaC folders are never related (other deployments)."""
    by_mapper: dict[tuple[int, str | None], tuple[Mapper, list[Document]]] = {}
    for document in run.documents:
        mapper = run.registry.mappers.get(document.format)
        if mapper is not None:
            owner = _owner_of(run.real_path(document.path), owners)
            key = (id(mapper), owner.root if owner else None)
            by_mapper.setdefault(key, (mapper, []))[1].append(document)
    for mapper, documents in by_mapper.values():
        for warning in mapper.relate(documents):
            run.note_warning(warning)


def _map_context(
    run: _Run, tenant: Tenant | None, system: str | None, base: str | None, document: Document
) -> MapContext:
    """The mapper's context of one document, given the real paths the run found already
    (of the document, its base and its Terraform root module's folder: a resource's id is
    the document's path, or its root's, from its base)."""
    known = {document.path: run.real_path(document.path)}
    anchor = document.meta.get("root")
    for path in (base, anchor if isinstance(anchor, str) else None):
        if path:
            known[path] = run.real_path(path)
    return MapContext(run.settings, tenant, system, base, _real=known)


def _normalize(
    run: _Run,
    manifests: Sequence[Document],
    tenants: Sequence[Tenant],
    owners: Sequence[_Owner],
    roots: Sequence[Path],
    common: str | None = None,
) -> list[Resource]:
    """The resources of the loaded documents; ``common``: the id base of a scan of several
    folders (``_common_base`` of the folders the user named, not those a manifest names:
    a manifest's IaC folder keeps being the base of its ids)."""
    resources: dict[str, Resource] = {}
    facets = FacetsPool()
    counts: dict[str, int] = {}
    crashed: set[str] = set()
    single = tenants[0] if len(tenants) == 1 else None
    by_manifest = {m.path: t for m, t in zip(manifests, tenants, strict=True)}
    total = len(run.documents)
    folders = _root_folders(roots)
    jobs: list[Job] = []
    _relate(run, owners)
    for document in run.documents:
        mapper = run.registry.mappers.get(document.format)
        if mapper is None:
            jobs.append((document, None, None))
            continue
        real = run.real_path(document.path)
        owner = _owner_of(real, owners)
        tenant = by_manifest.get(document.path) or (owner.tenant if owner else single)
        # A module file outside the scanned folders (``source = "../../modules/app"`` of a
        # root below them) takes its root module's base: its ids then carry that root's folder,
        # so two roots calling the same module never share an id (one was dropped as a
        # duplicate, the scan failing).
        anchor = document.meta.get("root")
        inside = _base_of(
            run.real_path(anchor) if isinstance(anchor, str) else real, folders
        )
        base = run.settings.id_base or (common if inside is not None and common else inside)
        context = _map_context(run, tenant, owner.system if owner else None, base, document)
        jobs.append((document, mapper, context))
    mapped = map_documents(jobs, run.settings.workers, facets)
    scanned = {run.real_path(path) for path in run.files}
    for done, ((document, mapper, _), items) in enumerate(zip(jobs, mapped, strict=True), start=1):
        if mapper is None:
            run.note_error(InputError(document.path, f"no mapper for format {document.format!r}"))
            continue
        for item in items:
            if isinstance(item, CrashError):
                crashed.add(document.path)
            if isinstance(item, InputError):
                run.note_error(item)
            elif item.id in resources:
                run.note_error(
                    InputError(
                        document.path,
                        f"duplicate resource id {item.id!r}",
                        item.location.start_line,
                    )
                )
            else:
                resources[item.id] = item
                counts[document.path] = counts.get(document.path, 0) + 1
        for name, count in (document.meta.get(UNMAPPED_TYPES) or {}).items():
            run.not_judged[name] = run.not_judged.get(name, 0) + count
        for name, use in (document.meta.get(READ_FOR_CONTEXT) or {}).items():
            count, readers = run.read_for_context.get(name, (0, set()))
            run.read_for_context[name] = (count + use["count"], readers | set(use["for"]))
        run.note_unread_modules(document, scanned)
        for address in document.meta.get(UNRESOLVED_COMPANIONS) or ():
            found = run.companions_without_target.setdefault(document.path, [])
            if address not in found:
                found.append(address)
        if run.progress:
            run.progress("normalize", done, total)
    for path, count in counts.items():
        if path in run.files and run.files[path].status != InputStatus.NOT_ASSESSED:
            run.files[path] = run.files[path].model_copy(update={"resources": count})
    for path in crashed - counts.keys():
        if path in run.files:  # the mapper crashed before anything of the file was assessed
            run.files[path] = run.files[path].model_copy(
                update={"status": InputStatus.NOT_ASSESSED}
            )
    return list(resources.values())


def _summary(resource: Resource) -> ResourceSummary:
    return ResourceSummary(
        id=resource.id,
        kind=resource.kind,
        name=resource.name,
        provider=resource.provider,
        provider_type=resource.provider_type,
        address=resource.address,
        called_at=resource.attributes.get("called_at"),
        call_chain=call_chain_of(resource.attributes),
        system=resource.system,
        file=resource.location.file,
        line=resource.location.start_line,
    )
