"""Turn checkov's results into gdcc-audit findings.

Each checkov result is matched to a canonical resource (by native address, else by file and
line). A check in a reviewed table becomes a finding with the table's severity and controls,
except where a native rule judged the same property of the same resource: the native finding
is kept, and checkov's id is listed on it as corroboration when the verdicts agree (a
disagreement is recorded on the run). Failures of checks in no table are returned as unmapped:
reported, never scored.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.bridges.checkov.table import BridgedCheck, CheckovTable, table_check_id
from gdcc_audit.models.checkov import UnmappedCheck
from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Finding, Status, call_chain_of
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.resource import Resource
from gdcc_audit.models.rule import RuleMeta


@dataclass
class Bridged:
    """What checkov added: new findings, native findings it corroborated, the rules used."""

    findings: list[Finding] = field(default_factory=list)
    native: list[Finding] = field(default_factory=list)
    rules: dict[str, RuleMeta] = field(default_factory=dict)
    corroborated: int = 0
    disagreed: list[str] = field(default_factory=list)
    unmapped: list[UnmappedCheck] = field(default_factory=list)
    parse_errors: list[str] = field(default_factory=list)


def _real(path: str) -> str:
    return os.path.realpath(path)


def checkov_address(framework: str, resource: str) -> list[str]:
    """Native addresses a checkov resource name may stand for.

    Terraform: the same address. Kubernetes: checkov writes ``Kind.namespace.name`` (the name
    may contain dots), gdcc-audit ``namespace/Kind/name`` or ``Kind/name``. CloudFormation:
    ``AWS::S3::Bucket.Logical`` -> ``Logical``.
    """
    if framework == "kubernetes":
        kind, _, rest = resource.partition(".")
        namespace, _, name = rest.partition(".")
        if not name:
            return [f"{kind}/{namespace}"]
        return [f"{namespace}/{kind}/{name}", f"{kind}/{name}"]
    if framework == "cloudformation":
        return [resource.rsplit(".", 1)[-1]]
    return [resource]


class ResourceIndex:
    """Canonical resources by (file, address) and by (file, line).

    Real paths are resolved once per file: checkov names the same few files in every result,
    and resolving one walks every folder of its path. A module's file declares one resource
    per root module calling it (``examples/a`` and ``examples/b`` both calling ``module.m``):
    the same file and address stand for several resources, told apart by the file of the
    module call checkov names (:func:`caller_of`) and each resource's ``called_at``, never by
    taking the first."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        self.by_address: dict[tuple[str, str], list[Resource]] = {}
        #: The instances of a block with ``count`` / ``for_each`` by the block's address
        #: (``aws_sg.this`` for ``aws_sg.this[0]``): checkov names a module's resource so.
        self.by_block: dict[tuple[str, str], list[Resource]] = {}
        self.by_file: dict[str, list[Resource]] = {}
        self._real: dict[str, str] = {}
        for resource in resources:
            real = self.real(resource.location.file)
            self.by_file.setdefault(real, []).append(resource)
            addresses = [resource.address] if resource.address else []
            merged = resource.attributes.get("merged_from")
            if isinstance(merged, list):
                addresses += [m for m in merged if isinstance(m, str)]
            for address in addresses:
                _add(self.by_address.setdefault((real, address), []), resource)
            own = resource.address
            if own and own.endswith("]") and "[" in own:
                _add(self.by_block.setdefault((real, own[: own.rindex("[")]), []), resource)

    def real(self, path: str) -> str:
        """``os.path.realpath(path)``, resolved once per path."""
        found = self._real.get(path)
        if found is None:
            found = self._real[path] = _real(path)
        return found

    def find(
        self,
        framework: str,
        resource: str,
        file: str | None,
        lines: Sequence[int],
        caller: str | None = None,
    ) -> Resource | None:
        """The resource checkov's result is about, or None; ``caller``: the real path of the
        file of the module call checkov names for a module's resource (:func:`caller_of`)."""
        if file is None:
            return None
        real = self.real(file)
        for address in checkov_address(framework, resource):
            found = self.by_address.get((real, address))
            if found:
                return found[0] if len(found) == 1 else _called_from(found, address, caller)
            # a block checkov names without its index: its one instance (several: ambiguous)
            instances = self.by_block.get((real, address), ())
            if len(instances) == 1:
                return instances[0]
            if instances:
                return _called_from(instances, address, caller)
        if not lines:
            return None
        start = lines[0]
        candidates = self.by_file.get(real, [])
        exact = [r for r in candidates if r.location.start_line == start]
        if len(exact) == 1:
            return exact[0]
        if framework != "secrets":
            return None  # an ambiguous or foreign block: never guess the resource
        inside = [
            r
            for r in candidates
            if r.location.start_line is not None
            and r.location.start_line <= start <= (r.location.end_line or r.location.start_line)
        ]
        # The innermost block that holds the secret's line.
        inside.sort(key=lambda r: (r.location.end_line or 0) - (r.location.start_line or 0))
        return inside[0] if inside else None


def _add(group: list[Resource], resource: Resource) -> None:
    if resource not in group:
        group.append(resource)


def caller_of(result: Mapping[str, Any]) -> str | None:
    """The real path of the file that calls the module a checkov result's resource is in
    (``caller_file_path`` is relative to the folder checkov scanned, which is
    ``file_abs_path`` less ``file_path``); None for a resource of a root module."""
    caller = result.get("caller_file_path")
    absolute, relative = result.get("file_abs_path"), result.get("file_path")
    if not (isinstance(caller, str) and isinstance(absolute, str) and isinstance(relative, str)):
        return None
    if not caller or not relative or not absolute.endswith(relative):
        return None
    return _real(absolute[: len(absolute) - len(relative)] + caller)


def _called_from(
    candidates: Sequence[Resource], address: str, caller: str | None
) -> Resource | None:
    """The one of ``candidates`` (the same module resource in several root modules) whose
    root module's call of the module (``called_at``) is in the file ``caller``, or None.

    Only a module called by a root (``module.m.aws_x.y``) is told apart: checkov names the
    root's file as the caller. Deeper (``module.a.module.b.aws_x.y``) the caller is the file of
    module ``a``, the same for every root: which root's resource checkov judged is not known."""
    if caller is None or address.count("module.") != 1 or not address.startswith("module."):
        return None
    chosen = [
        candidate
        for candidate in candidates
        if isinstance(called := candidate.attributes.get("called_at"), str)
        and _real(called.rpartition(":")[0]) == caller
    ]
    return chosen[0] if len(chosen) == 1 else None


def _file(result: Mapping[str, Any]) -> str | None:
    """The file checkov's result is in, as checkov gives it."""
    file = result.get("file_abs_path") or result.get("repo_file_path") or result.get("file_path")
    return file if isinstance(file, str) and file else None


def _location(
    result: Mapping[str, Any],
    display: Callable[[str], str] | None = None,
    seen: dict[tuple[str, tuple[Any, ...]], SourceLocation] | None = None,
) -> SourceLocation | None:
    """Where checkov's result is; ``seen`` shares one location among the results of the same
    file and lines (a resource's every check: one validation instead of dozens)."""
    file = _file(result)
    if file is None:
        return None
    lines = result.get("file_line_range") or []
    key = None
    if seen is not None and isinstance(lines, list) and all(type(n) is int for n in lines):
        key = (file, tuple(lines))
        found = seen.get(key)
        if found is not None:
            return found
    if display is not None:
        file = display(file)
    start = lines[0] if lines and isinstance(lines[0], int) and lines[0] >= 1 else None
    end = lines[-1] if start and isinstance(lines[-1], int) and lines[-1] >= start else None
    location = SourceLocation(file=file, start_line=start, end_line=end)
    if seen is not None and key is not None:
        seen[key] = location
    return location


def _name(framework: str, result: Mapping[str, Any], location: SourceLocation | None) -> str:
    """checkov's resource name; for secrets (a hash of the value) the file and line."""
    if framework == "secrets" and location is not None:
        return f"{os.path.basename(location.file)}:{location.start_line}"
    return str(result.get("resource") or "?")


def _key(finding: Finding) -> tuple[str, str]:
    return finding.rule_id, finding.resource_id


class Merger:
    """Everything merging needs that does not depend on checkov's output (the resource index,
    the native findings by rule and resource, the table): built while checkov still runs, so
    that only :meth:`merge` is left once it ends.

    ``parameters`` are the native rules' parameters in force (rule id -> parameters): a
    mapped check compared under other parameters (see :func:`judged_alike`) keeps its own
    finding rather than yield to the native rule's verdict on another property."""

    def __init__(
        self,
        table: CheckovTable,
        resources: Sequence[Resource],
        native: Sequence[Finding],
        display: Callable[[str], str] | None = None,
        parameters: Mapping[str, Mapping[str, Any]] | None = None,
        excluded: Callable[[str], bool] | None = None,
    ) -> None:
        self.table = table
        self.excluded = excluded
        self.native = native
        self.display = display
        self.parameters = parameters
        self.index = ResourceIndex(resources)
        self.by_rule_resource: dict[tuple[str, str], list[int]] = {}
        for position, finding in enumerate(native):
            self.by_rule_resource.setdefault(_key(finding), []).append(position)

    def merge(self, reports: Sequence[Mapping[str, Any]]) -> Bridged:
        """Findings from checkov's reports; the native findings with corroboration."""
        table, index, native = self.table, self.index, self.native
        display, parameters, excluded = self.display, self.parameters, self.excluded
        by_rule_resource = self.by_rule_resource
        out = Bridged()
        corroboration: dict[int, list[str]] = {}
        seen: set[tuple[str, str, str]] = set()
        locations: dict[tuple[str, tuple[Any, ...]], SourceLocation] = {}
        for report in reports:
            framework = str(report.get("check_type", ""))
            results = report.get("results", {})
            out.parse_errors.extend(str(p) for p in results.get("parsing_errors", []) or [])
            for status, items in (
                (Status.FAIL, results.get("failed_checks", [])),
                (Status.PASS, results.get("passed_checks", [])),
            ):
                for result in items:
                    if excluded is not None and excluded(_file(result) or ""):
                        continue  # a file the run's exclude patterns leave out
                    check_id = table_check_id(framework, str(result.get("check_id", "")))
                    location = _location(result, display, locations)
                    lines = result.get("file_line_range") or []
                    resource = index.find(
                        framework,
                        str(result.get("resource", "")),
                        location.file if location else None,
                        lines,
                        caller_of(result),
                    )
                    entry = table.get(check_id)
                    if entry is None and table.is_known(check_id):
                        continue  # reviewed, but left out by the run's rule selection
                    if entry is None:
                        if status == Status.FAIL:
                            out.unmapped.append(
                                UnmappedCheck(
                                    check_id=check_id,
                                    check_name=str(result.get("check_name", "")),
                                    framework=framework,
                                    resource=_name(framework, result, location),
                                    resource_id=resource.id if resource else None,
                                    location=location,
                                )
                            )
                        continue
                    name = _name(framework, result, location)
                    resource_id = resource.id if resource else f"checkov:{framework}:{name}"
                    if (
                        resource is not None
                        and entry.native_rule is not None
                        and judged_alike(entry, parameters)
                    ):
                        hits = by_rule_resource.get((entry.native_rule, resource.id), [])
                        if hits:
                            # checkov may name a rule resource merged into the resource (an
                            # aws_network_acl_rule in its ACL): judged by whether the finding
                            # blames it
                            named = checkov_address(framework, str(result.get("resource", "")))
                            companion = companion_of(resource, named)
                            native_status = _worst(
                                native_verdict(native[i], entry.evidence_key, companion)
                                for i in hits
                            )
                            if _agree(status, native_status):
                                for i in hits:
                                    # Listed only on a finding with the same verdict: a port
                                    # that checkov finds closed does not corroborate a FAIL
                                    # for another.
                                    if _agree(status, native[i].status):
                                        corroboration.setdefault(i, []).append(check_id)
                                out.corroborated += 1
                            else:
                                out.disagreed.append(
                                    f"{check_id} {name}: checkov {status.value}, native "
                                    f"{entry.native_rule} {native_status.value}"
                                )
                            continue
                    once = (check_id, resource_id, status.value)
                    if once in seen:
                        continue  # checkov repeats a module resource per caller: one finding
                    seen.add(once)
                    out.rules[check_id] = entry.meta
                    out.findings.append(
                        _finding(entry, framework, status, result, resource, resource_id, location)
                    )
        # One resource failing and passing the same check (two module instances): keep the FAIL.
        failing = {(f.rule_id, f.resource_id) for f in out.findings if f.status == Status.FAIL}
        out.findings = [
            f for f in out.findings if f.status == Status.FAIL or _key(f) not in failing
        ]
        out.native = [
            finding.model_copy(
                update={"corroboration": tuple(sorted({*finding.corroboration, *corroboration[i]}))}
            )
            if i in corroboration
            else finding
            for i, finding in enumerate(native)
        ]
        return out


def bridge(
    reports: Sequence[Mapping[str, Any]],
    table: CheckovTable,
    resources: Sequence[Resource],
    native: Sequence[Finding],
    display: Callable[[str], str] | None = None,
    parameters: Mapping[str, Mapping[str, Any]] | None = None,
) -> Bridged:
    """Findings from checkov's reports; ``native`` findings are returned with corroboration
    (:class:`Merger` built and used at once; see it for ``parameters``)."""
    return Merger(table, resources, native, display, parameters).merge(reports)


def judged_alike(entry: BridgedCheck, parameters: Mapping[str, Mapping[str, Any]] | None) -> bool:
    """Whether the native rule, with the parameters in force, tests the property a mapped
    check tests. A mapping compared under parameters of its own (``mapping.yaml``
    ``parameters``: checkov's 365-day log retention against GDCC-LOG-001's 90 days, port 80
    against GDCC-NET-001's administration ports) matches only when those parameters are in
    force (for ``ports``: when the port of its evidence key is among them); otherwise a
    native PASS would hide checkov's FAIL on another property. Without ``parameters`` (not
    known) such a mapping does not match."""
    if not entry.parameters:
        return True
    if parameters is None or entry.native_rule is None:
        return False
    effective = parameters.get(entry.native_rule, {})
    key = entry.evidence_key or ""
    for name, wanted in entry.parameters.items():
        have = effective.get(name)
        if name == "ports" and key.startswith("port:"):
            if not isinstance(have, list | tuple) or int(key.split(":", 1)[1]) not in have:
                return False
        elif have != wanted:
            return False
    return True


def native_verdict(
    finding: Finding, evidence_key: str | None, companion: str | None = None
) -> Status:
    """The native verdict on the one property a mapped check tests, for the resource checkov
    named. Shared by the bridge (corroboration, dedupe) and ``benchmarks/accuracy_groundtruth``.

    A native rule may judge several properties in one finding (GDCC-NET-001: every port, the
    failing ones listed in ``evidence['ports']``); a mapped check with ``evidence_key:
    port:22`` tests one of them: a FAIL or UNKNOWN that does not list port 22 (among
    ``ports`` or ``undetermined_ports``) is a PASS for port 22, a port among
    ``undetermined_ports`` is UNKNOWN, and an UNKNOWN without that list (the rules themselves
    are not known) stays UNKNOWN. ``listed:<field>:<name>`` tests one item of a list in the
    evidence (``name`` or ``name=value``; GDCC-DB-005's database flags).

    ``companion`` is the native address checkov named when it is a resource merged into the
    finding's resource (``aws_network_acl_rule`` into its ACL, ``aws_security_group_rule`` into
    its group), which checkov judges on its own. When the finding names the rule that opens
    each port (``opened_by``, ``undetermined_by``), the verdict on the companion is whether
    the finding blames it: FAIL when it opens the port (any failing port without a port key),
    UNKNOWN when it may open a port not known to be open or closed, else PASS. A ``listed:``
    item ``<what> on <where>`` is read for the companion (:func:`_companion_item`: a GKE node
    pool merged into its cluster is listed as ``secure boot on <pool address>``).
    """
    evidence = finding.evidence
    if companion is not None and ("opened_by" in evidence or "undetermined_by" in evidence):
        return _blame(finding, evidence_key, companion)
    if companion is not None and finding.status in {Status.FAIL, Status.UNKNOWN}:
        granted = evidence.get("granted_by")
        if isinstance(granted, list | tuple):
            return _granted(granted, companion)
    if not evidence_key or finding.evidence_key == evidence_key:
        return finding.status
    kind, _, value = evidence_key.partition(":")
    if kind == "listed":
        field, _, item = value.partition(":")
        return _listed_verdict(finding, field, _companion_item(item, companion))
    if kind != "port" or not value.isdigit():
        return finding.status
    return _port_verdict(finding, int(value))


def _port_verdict(finding: Finding, port: int) -> Status:
    if finding.status not in {Status.FAIL, Status.UNKNOWN}:
        return finding.status
    if port in _ints(finding.evidence.get("ports")):
        return Status.FAIL
    undetermined = finding.evidence.get("undetermined_ports")
    if undetermined is None and finding.status == Status.UNKNOWN:
        return Status.UNKNOWN  # the rules themselves are not known
    if port in _ints(undetermined):
        return Status.UNKNOWN
    return Status.PASS


def _blame(finding: Finding, evidence_key: str | None, companion: str) -> Status:
    """Whether ``finding`` blames the rule resource ``companion`` (for the port of
    ``evidence_key``, else for any port)."""
    kind, _, value = (evidence_key or "").partition(":")
    port = int(value) if kind == "port" and value.isdigit() else None

    def names(field: str) -> bool:
        items = finding.evidence.get(field)
        return isinstance(items, list | tuple) and any(
            isinstance(item, Mapping)
            and item.get("declared_by") == companion
            and (port is None or item.get("port") == port)
            for item in items
        )

    if names("opened_by"):
        return Status.FAIL
    if names("undetermined_by"):
        return Status.UNKNOWN
    return Status.PASS


def _granted(granted: list[Any] | tuple[Any, ...], companion: str) -> Status:
    """Whether the grant resource ``companion`` (an IAM member or binding merged into the
    resource it opens) is among the grants that make it public (``evidence['granted_by']``:
    ``ROLE to MEMBER by ADDRESS at FILE:LINE``): FAIL when it names everyone, UNKNOWN when its
    members are not known, PASS when it is not listed."""
    mine = [g for g in granted if isinstance(g, str) and f" by {companion} at " in g]
    if not mine:
        return Status.PASS
    if all(" to members not known by " in g or " not known by " in g for g in mine):
        return Status.UNKNOWN
    return Status.FAIL


def companion_of(resource: Resource, addresses: Iterable[str]) -> str | None:
    """The one of ``addresses`` (what checkov named) that is a companion merged into
    ``resource`` (``attributes['merged_from']``), not the resource itself; else ``None``."""
    merged = resource.attributes.get("merged_from")
    if not isinstance(merged, list):
        return None
    return next((a for a in addresses if a != resource.address and a in merged), None)


def _listed_verdict(finding: Finding, field: str, name: str) -> Status:
    """One item of a listing: FAIL when the finding lists it, UNKNOWN when the listing is not
    known or names it among the items not known (``undetermined_<field>``; an entry ending
    in ``*`` matches every item of its prefix), else PASS."""
    if finding.status not in {Status.FAIL, Status.UNKNOWN}:
        return finding.status
    items = finding.evidence.get(field)
    if not isinstance(items, list | tuple):
        return Status.UNKNOWN
    if any(_names(item, name) for item in items):
        return Status.FAIL
    undetermined = finding.evidence.get(f"undetermined_{field}")
    if isinstance(undetermined, list | tuple) and any(_names(i, name) for i in undetermined):
        return Status.UNKNOWN
    return Status.PASS


def _companion_item(item: str, companion: str | None) -> str:
    """The listing item a mapped check names, for the companion checkov judged: an item
    ``<what> on <where>`` (GDCC-CMP-012's ``secure boot on default node pool``) is
    ``<what> on <companion>`` when checkov named a companion merged into the resource (a
    ``google_container_node_pool`` in its cluster, listed by its address)."""
    what, on, _ = item.partition(" on ")
    return f"{what} on {companion}" if companion is not None and on else item


def _names(item: Any, name: str) -> bool:
    """Whether a listing's ``item`` (``name``, ``name=value``, or a pattern ``prefix*``) is
    the item ``name``."""
    text = str(item)
    if text.endswith("*"):
        return name.startswith(text[:-1])
    return text == name or text.startswith(name + "=")


def _ints(value: Any) -> set[int]:
    return {v for v in value if isinstance(v, int)} if isinstance(value, list | tuple) else set()


def _worst(statuses: Iterable[Status]) -> Status:
    order = [Status.ERROR, Status.FAIL, Status.UNKNOWN, Status.PASS, Status.NOT_APPLICABLE]
    found = set(statuses)
    return next(s for s in order if s in found)


def _agree(checkov: Status, native: Status) -> bool:
    if checkov == Status.FAIL:
        return native in (Status.FAIL, Status.ERROR)
    return native == Status.PASS


def _finding(
    entry: BridgedCheck,
    framework: str,
    status: Status,
    result: Mapping[str, Any],
    resource: Resource | None,
    resource_id: str,
    location: SourceLocation | None,
) -> Finding:
    meta = entry.meta
    check_name = str(result.get("check_name", ""))
    verdict = (
        Text(en="failed", th="ไม่ผ่าน") if status == Status.FAIL else Text(en="passed", th="ผ่าน")
    )
    name = _name(framework, result, location)
    if resource is not None:
        provider_type = resource.provider_type
    elif framework.startswith("terraform") and "." in name:
        provider_type = name.split(".")[-2]
    else:
        provider_type = framework
    return Finding(
        rule_id=meta.id,
        resource_id=resource_id,
        resource_kind=resource.kind if resource else meta.kinds[0],
        resource_name=resource.name if resource else name,
        address=(resource.address if resource else None) or name,
        called_at=resource.attributes.get("called_at") if resource else None,
        call_chain=call_chain_of(resource.attributes) if resource else None,
        provider_type=provider_type,
        system=resource.system if resource else None,
        status=status,
        severity=meta.severity,
        message=Text(
            en=f"checkov {meta.id} {verdict.en}: {meta.title.en}",
            th=f"checkov {meta.id} {verdict.th}: {meta.title.th}",
        ),
        evidence={
            "checkov_check": meta.id,
            "checkov_name": check_name,
            "checkov_resource": name,
            "checkov_framework": framework,
        },
        location=location or (resource.location if resource else None),
    )
