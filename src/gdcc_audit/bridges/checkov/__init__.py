"""The checkov bridge: checkov's checks under gdcc-audit's severities and control mappings.

:class:`CheckovSession` is what the pipeline uses: ``start()`` launches checkov on the scanned
IaC paths before the native scan, ``finish()`` waits for it and merges its results. Nothing here
imports checkov.

This module is light (no pydantic model, no table): ``gdcc-audit scan --checkov`` starts checkov
with it right after reading its arguments, before it imports the pipeline. What merging needs
is imported by :meth:`CheckovSession.finish`.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdcc_audit.bridges.checkov.runner import (
    CheckovFailed,
    Job,
    collect,
    find_checkov,
    start,
    stop,
)
from gdcc_audit.errors import InputError

if TYPE_CHECKING:
    from gdcc_audit.bridges.checkov.convert import Merger
    from gdcc_audit.bridges.checkov.table import load_table
    from gdcc_audit.models.checkov import CheckovRun
    from gdcc_audit.models.finding import Finding
    from gdcc_audit.models.resource import Resource
    from gdcc_audit.models.rule import RuleMeta
    from gdcc_audit.settings import Settings

__all__ = ["CheckovSession", "Merged", "load_table"]

#: ``--checkov-timeout``'s default (seconds).
DEFAULT_TIMEOUT = 900.0


def __getattr__(name: str) -> Any:
    """``load_table`` is imported on first use (it loads pydantic models)."""
    if name == "load_table":
        from gdcc_audit.bridges.checkov.table import load_table

        return load_table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Merged:
    """The findings after the bridge, the bridged rules used, the run, and input errors for
    the files checkov could not assess (crash, timeout, malformed JSON)."""

    findings: list[Finding]
    rules: list[RuleMeta]
    run: CheckovRun
    errors: list[InputError] = field(default_factory=list)


class CheckovSession:
    """checkov jobs for one audit.

    Made from the audit's settings, or, to start checkov before the settings are built (as
    the CLI does), from the ``--checkov`` choice and timeout alone; :func:`gdcc_audit.api.audit`
    then takes it as ``checkov_session`` and binds it to its settings. :meth:`stop` (or the
    end of the audit, or of the process) stops whatever is still running.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        checkov: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.settings = settings
        choice = settings.checkov if settings is not None else checkov
        self.executable = find_checkov(choice or "auto")
        self.timeout = settings.checkov_timeout if settings is not None else timeout
        self.jobs: list[Job] = []
        #: (absolute path given to checkov, the path as the user gave it), longest first.
        self.given: list[tuple[str, str]] = []
        #: Work to do while checkov runs, after :meth:`prepare`'s own (the CLI imports its
        #: reporters there): anything that does not need the result.
        self.meanwhile: list[Callable[[], object]] = []
        self._prepared: tuple[Merger, list[str]] | None = None
        # If the audit stops with an exception (or the session is dropped), checkov and its
        # workers are stopped rather than left running.
        weakref.finalize(self, stop, self.jobs)

    def start(self, paths: Sequence[Path]) -> None:
        """Start checkov on folders (one run) and on single files (another: checkov refuses
        ``-d`` and ``-f`` together)."""
        self.given += [(os.path.abspath(p), str(p)) for p in paths]
        self.given.sort(key=lambda pair: len(pair[0]), reverse=True)
        folders = [str(p) for p in paths if p.is_dir()]
        files = [str(p) for p in paths if p.is_file()]
        for group, as_files in ((folders, False), (files, True)):
            if group:
                self.jobs.append(
                    start(
                        self.executable,
                        group,
                        files=as_files,
                        timeout=self.timeout,
                    )
                )

    def bind(self, settings: Settings) -> None:
        """Use ``settings`` (the audit's) for merging; checkov keeps running as started."""
        self.settings = settings

    def stop(self) -> None:
        """Stop checkov if it is still running (nothing happens after :meth:`finish`)."""
        stop(self.jobs)

    def prepare(
        self,
        resources: Sequence[Resource],
        findings: Sequence[Finding],
        native_rules: Sequence[RuleMeta],
        iac_files: Sequence[str],
        keep: Callable[[RuleMeta], bool],
    ) -> None:
        """Do what :meth:`finish` needs that does not depend on checkov's output, while checkov
        still runs (the audit calls it right after the native scan, which ends long before
        checkov): read the table, index the resources and native findings, build the
        metadata of every bridged check and the validators of what merging makes, then run
        :attr:`meanwhile`. :meth:`finish` takes the same arguments and prepares itself when
        this was not called; only reading checkov's JSON and converting it is left then."""
        from gdcc_audit.bridges.checkov.convert import Merger
        from gdcc_audit.bridges.checkov.table import load_table
        from gdcc_audit.models.checkov import CheckovRun, UnmappedCheck
        from gdcc_audit.models.finding import Finding
        from gdcc_audit.models.location import SourceLocation
        from gdcc_audit.resources import rules_dir

        if self.settings is None:
            raise ValueError("CheckovSession.finish: bind the audit's settings first")
        settings = self.settings
        table = load_table(rules_dir() / "checkov", {m.id: m for m in native_rules})
        in_force = {
            m.id: {**m.parameters, **settings.rule_parameters.get(m.id, {})}
            for m in native_rules
        }
        merger = Merger(
            table.filtered(keep), resources, findings, self.display, in_force, self._excluded()
        )
        merger.table.checks  # noqa: B018 - builds every check and applies the selection now
        for model in (Finding, SourceLocation, UnmappedCheck, CheckovRun):
            model.model_rebuild()  # validators are built on first use: built here
        self._prepared = (merger, list(iac_files))
        for work in self.meanwhile:
            work()

    def _excluded(self) -> Callable[[str], bool] | None:
        """Whether a file checkov reports on is one the run's exclude patterns leave out
        (checkov is not told: its own ``--skip-path`` reads patterns differently)."""
        assert self.settings is not None
        patterns = self.settings.exclude
        if not patterns:
            return None
        from gdcc_audit.load.discover import excluded_below

        roots = [path for job in self.jobs for path in job.paths]
        return lambda file: excluded_below(os.path.abspath(file), roots, patterns) is not None

    def finish(
        self,
        resources: Sequence[Resource],
        findings: Sequence[Finding],
        native_rules: Sequence[RuleMeta],
        iac_files: Sequence[str],
        keep: Callable[[RuleMeta], bool],
    ) -> Merged:
        """Wait for checkov and merge its results into ``findings``.

        ``keep`` applies the run's rule selection (ids, tags, severity, frameworks) to the
        bridged checks. ``iac_files`` are the scanned IaC files: when a checkov run fails, those
        under its paths are named in the error (their native results stand). After
        :meth:`prepare`, what it was given is used.
        """
        from gdcc_audit.models.checkov import CheckovRun

        if self._prepared is None:
            self.prepare(resources, findings, native_rules, iac_files, keep)
        assert self._prepared is not None
        merger, iac_files = self._prepared
        reports = []
        seconds = 0.0
        version = None
        errors: list[InputError] = []
        messages: list[str] = []
        for job in self.jobs:
            try:
                output = collect(job)
            except CheckovFailed as exc:
                message = str(exc)
                messages.append(message)
                affected = _under(iac_files, job.paths)
                for path in affected or job.paths:
                    errors.append(
                        InputError(
                            path,
                            f"checkov bridge: {message}; checkov's checks are missing for this "
                            "file (its native results stand)",
                        )
                    )
                continue
            reports.extend(output.reports)
            seconds = max(seconds, output.seconds)
            version = version or output.version
        merged = merger.merge(reports)
        run = CheckovRun(
            executable=self.executable,
            version=version,
            paths=tuple(p for job in self.jobs for p in job.paths),
            seconds=round(seconds, 2),
            error="; ".join(messages) or None,
            bridged=len(merged.findings),
            corroborated=merged.corroborated,
            disagreed=tuple(merged.disagreed),
            unmapped=tuple(merged.unmapped),
            parse_errors=tuple(sorted(set(merged.parse_errors))),
        )
        return Merged([*merged.native, *merged.findings], list(merged.rules.values()), run, errors)

    def display(self, path: str) -> str:
        """checkov's absolute path written as the user gave the scanned path (as the native
        findings are)."""
        for absolute, given in self.given:
            if path == absolute:
                return given
            if path.startswith(absolute + os.sep):
                return os.path.join(given, path[len(absolute) + 1 :])
        return path


def _under(files: Sequence[str], roots: Sequence[str]) -> list[str]:
    """The files that are, or are inside, one of ``roots``."""
    real_roots = [os.path.realpath(r) for r in roots]
    chosen = []
    for path in files:
        real = os.path.realpath(path)
        if any(real == r or real.startswith(r + os.sep) for r in real_roots):
            chosen.append(path)
    return sorted(chosen)
