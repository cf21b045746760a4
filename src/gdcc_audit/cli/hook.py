"""``gdcc-audit hook FILE...``: the pre-commit hook. It scans only what the staged files need.

- a changed ``.tf``/``.tofu``/``.tfvars`` file: the Terraform module in its folder (the folder's
  own files, not its sub-folders; local modules it calls are read through the calls); with
  ``--callers``, also the folders of the repository that call that folder directly (a
  ``module`` block whose local ``source`` names it), so the changed module is judged with the
  inputs its callers give it. Callers of callers are not followed, and ``--callers`` is not the
  default: in a module repository every example calls the root module, so a change to the
  root would scan most of the repository (terraform-aws-eks: 0.5 instead of 0.3 s CPU);
- a changed YAML/JSON file (Kubernetes, CloudFormation, Heat, plan JSON, waivers): that file;
- a changed tenant manifest: the manifest and every IaC path it names;
- and the tenant manifests that name a changed path (they give its resources their tenant,
  system and classification) — without scanning the rest of their IaC.

With no file names (``pre-commit run --all-files`` passes every file; a bare ``gdcc-audit
hook`` passes none) the whole repository is scanned. Findings print as one short line each:
``file:line address rule message``: the finding's own message (what is wrong: "port 22 is open
to the whole internet (0.0.0.0/0)"), not the rule's title, which states the requirement and read
like good news on a failure line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from gdcc_audit.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    errors_to_exit,
    split,
    start_checkov,
)
from gdcc_audit.cli.debug import debug_option
from gdcc_audit.gcpause import gc_paused
from gdcc_audit.load.terraform.names import CONFIG_SUFFIXES

TERRAFORM = (*CONFIG_SUFFIXES, ".tfvars", ".tfvars.json")
STRUCTURED = (".yaml", ".yml", ".json", ".template", ".hot")
_SEVERITIES = ["info", "low", "medium", "high", "critical", "none"]
#: How far into a YAML/JSON file a tenant manifest declares itself.
_HEAD = 4096


@dataclass
class Targets:
    """What one hook run scans."""

    paths: list[str] = field(default_factory=list)
    manifests: list[str] = field(default_factory=list)

    def add(self, path: str) -> None:
        if path not in self.paths:
            self.paths.append(path)


def _is_manifest(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD).decode("utf-8", "replace")
    except OSError:
        return False
    return "gdcc-audit/v1" in head and "Tenant" in head


def _repository_files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files of the repository ending in ``suffixes`` (git's list when it is a git work
    tree: tracked and untracked, not ignored)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--"]
            + [f"*{suffix}" for suffix in suffixes],
            cwd=root,
            capture_output=True,
            check=True,
            timeout=30,
        ).stdout.decode("utf-8", "replace")
        return [root / name for name in listed.split("\0") if name]
    except (OSError, subprocess.SubprocessError):
        found = []
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
            found += [Path(folder) / n for n in names if n.endswith(suffixes)]
        return found


def _iac_paths(manifest: Path) -> list[Path]:
    """The IaC paths a manifest names, resolved against its folder (unreadable: none)."""
    import yaml

    try:
        with manifest.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []  # the scan reports the manifest's own error when it is a target
    entries = data.get("iac") if isinstance(data, dict) else None
    paths = []
    for entry in entries if isinstance(entries, list) else []:
        path = entry.get("path") if isinstance(entry, dict) else None
        if isinstance(path, str) and path:
            paths.append(Path(os.path.normpath(manifest.parent / path)))
    return paths


def _inside(path: Path, folder: Path) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return real == base or real.startswith(base + os.sep)


def _module_files(folder: Path) -> list[str]:
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.is_file())
    except OSError:
        return []
    return [str(folder / n) for n in names if n.endswith(CONFIG_SUFFIXES)]


#: A module call's local source (``source = "./modules/x"``, ``"source": "../x"`` in JSON).
_LOCAL_SOURCE = re.compile(r'"?\bsource"?\s*[=:]\s*"(\.{1,2}(?:/[^"]*)?)"')


def callers(folders: Sequence[Path], root: Path) -> list[Path]:
    """Folders of the repository under ``root`` with a module call whose local source is one
    of ``folders`` (direct callers only), in path order."""
    wanted = {os.path.realpath(f) for f in folders}
    found: set[str] = set()
    for path in _repository_files(root, CONFIG_SUFFIXES):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "source" not in text:
            continue
        folder = os.path.realpath(path.parent)
        for source in _LOCAL_SOURCE.findall(text):
            target = os.path.realpath(os.path.join(folder, source))
            if target in wanted and folder not in wanted:
                found.add(str(path.parent))
    return [Path(f) for f in sorted(found)]


def select(files: Sequence[str], root: Path, *, with_callers: bool = False) -> Targets:
    """The paths a hook run scans for ``files`` (relative to ``root`` or absolute);
    ``with_callers`` adds the direct callers of each changed Terraform module."""
    targets = Targets()
    changed: list[Path] = []
    modules: list[Path] = []
    for name in files:
        path = Path(name) if os.path.isabs(name) else root / name
        if not path.is_file():
            continue  # deleted or renamed away: nothing left to scan
        if name.endswith(TERRAFORM):
            module = _module_files(path.parent)
            for item in module or [str(path)]:
                targets.add(item)
            changed.append(path.parent)
            if path.parent not in modules:
                modules.append(path.parent)
        elif name.endswith(STRUCTURED):
            targets.add(str(path))
            changed.append(path)
            if _is_manifest(path):
                targets.manifests.append(str(path))
                for iac in _iac_paths(path):
                    if iac.exists():
                        targets.add(str(iac))
    for caller in callers(modules, root) if modules and with_callers else []:
        for item in _module_files(caller):
            targets.add(item)
        changed.append(caller)
    if changed:
        chosen = set(targets.manifests)
        for candidate in _repository_files(root, STRUCTURED):
            if str(candidate) in chosen or not _is_manifest(candidate):
                continue
            if any(_inside(c, iac) for iac in _iac_paths(candidate) for c in changed):
                targets.add(str(candidate))
                targets.manifests.append(str(candidate))
                chosen.add(str(candidate))
    return targets


def _short(path: str, root: Path) -> str:
    try:
        return os.path.relpath(path, root)
    except ValueError:
        return path


def lines(result: object, lang: str, fail_on: str, root: Path) -> Iterable[str]:
    """One short line per failing finding at or above ``fail_on``, then unmapped checkov
    failures (when the bridge ran)."""
    from gdcc_audit.models.common import Severity
    from gdcc_audit.models.result import AuditResult

    assert isinstance(result, AuditResult)
    threshold = Severity.INFO if fail_on == "none" else Severity(fail_on)
    rules = {r.id: r for r in result.rules}
    for finding in result.failures(threshold):
        meta = rules.get(finding.rule_id)
        said = finding.message.get(lang)
        title = said if said else (meta.title.get(lang) if meta else "")
        where = ""
        if finding.location is not None:
            where = _short(finding.location.file, root)
            where += f":{finding.location.start_line}" if finding.location.start_line else ""
        yield f"{where} {finding.display_name} {finding.rule_id} {title}".strip()
    if result.checkov is not None:
        for item in result.checkov.unmapped:
            where = ""
            if item.location is not None:
                where = _short(item.location.file, root)
                where += f":{item.location.start_line}" if item.location.start_line else ""
            yield f"{where} {item.resource} {item.check_id} {item.check_name} (unmapped)".strip()


@click.command("hook")
@click.argument("files", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--fail-on",
    type=click.Choice(_SEVERITIES),
    default="high",
    show_default=True,
    help="Fail the commit on findings at or above this severity (and list those).",
)
@click.option("--lang", type=click.Choice(["th", "en"]), default="en", show_default=True)
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=".",
    show_default=True,
    help="Repository root (pre-commit runs hooks there); resource ids are relative to it.",
)
@click.option("--waivers", "waiver_files", multiple=True, type=click.Path(dir_okay=False))
@click.option("--baseline", type=click.Path(dir_okay=False), help="A saved JSON result.")
@click.option("--rules", "rule_ids", multiple=True, help="Only these rule ids.")
@click.option(
    "--checkov",
    is_flag=False,
    flag_value="auto",
    default=None,
    metavar="[PATH]",
    help="Also run checkov on the same paths (see 'scan --checkov').",
)
@click.option(
    "--exclude",
    "exclude",
    multiple=True,
    metavar="GLOB",
    help="Do not scan files or folders matching GLOB (see 'scan --exclude'); a pattern with "
    "'/' also matches the path from the repository root.",
)
@click.option(
    "--callers",
    "with_callers",
    is_flag=True,
    help="Also judge a changed Terraform module through the folders that call it directly "
    "(module blocks with a local source naming it).",
)
@debug_option
def hook(
    files: tuple[str, ...],
    fail_on: str,
    lang: str,
    root: Path,
    waiver_files: tuple[str, ...],
    baseline: str | None,
    rule_ids: tuple[str, ...],
    checkov: str | None,
    exclude: tuple[str, ...],
    with_callers: bool,
) -> None:
    """pre-commit hook: scan what the staged FILES need; one short line per finding."""
    with errors_to_exit():
        if files:
            targets = select(files, root, with_callers=with_callers)
            if not targets.paths:
                sys.exit(EXIT_OK)  # nothing gdcc-audit reads was changed
            paths = [Path(p) for p in targets.paths]
        else:
            paths = [root]
        # checkov first, as in 'scan': it runs while the pipeline is imported and scans.
        session = start_checkov(checkov, None, paths)
        try:
            with gc_paused():  # long-lived objects, no cycles (see ``cli.scan``)
                from gdcc_audit.api import audit
                from gdcc_audit.models.common import Severity
                from gdcc_audit.settings import Settings

            settings = Settings(
                lang=lang,
                fail_on=Severity.INFO if fail_on == "none" else Severity(fail_on),
                rule_ids=split(rule_ids),
                waiver_files=tuple(waiver_files),
                baseline=baseline,
                manifest_iac=not files,
                id_base=str(root),
                checkov=checkov,
                exclude=exclude,
            )
            # One line per finding: no scores.
            result = audit(paths, settings, brief=True, checkov_session=session)
        finally:
            if session is not None:
                session.stop()  # when an error came before checkov was collected
    for line in lines(result, lang, fail_on, root):
        click.echo(line)
    for item in result.not_assessed:
        where = _short(item.path, root) + (f":{item.line}" if item.line else "")
        click.echo(f"gdcc-audit: error: {where}: {item.error}", err=True)
    if result.not_assessed:
        sys.exit(EXIT_ERROR)
    if fail_on != "none" and result.failures(settings.fail_on):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)
