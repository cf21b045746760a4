"""The Terraform HCL loader: module folders in, one ``TfDocument`` per root and file out.

Every folder with ``.tf``/``.tofu`` files is a module. A scanned folder that another scanned
folder calls as a local module (``source = "../.."``) is evaluated through that call, with the
caller's inputs, instead of again as a root with unknown variables. A folder that no scanned
folder instantiates (never called, or called only with ``count = 0``) is evaluated as a root
of its own, so every file is assessed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from gdcc_audit.errors import InputError
from gdcc_audit.load.cache import ParseCache
from gdcc_audit.load.guard import crash_error
from gdcc_audit.load.interface import Claim, Document, Loader, LoadOptions, ParsedFile
from gdcc_audit.load.lost import META_KEY as LOST_KEY
from gdcc_audit.load.lost import LostPart, terraform_part, terraform_parts, uncovered_regions
from gdcc_audit.load.parallel import (
    MAX_WORKERS,
    available_cpus,
    balanced_shares,
    call_beside,
    contiguous_shares,
    map_files,
    map_shares,
    reap,
    share_count,
    worker_count,
)
from gdcc_audit.load.source import read_source
from gdcc_audit.load.terraform.ast import Body
from gdcc_audit.load.terraform.budget import Budget
from gdcc_audit.load.terraform.config import (
    ModuleDef,
    is_local_source,
    is_override_file,
    literal_string,
    question_lines,
    real_path,
)
from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown
from gdcc_audit.load.terraform.json_syntax import parse_tf_json
from gdcc_audit.load.terraform.module import Evaluation, ModuleInstance
from gdcc_audit.load.terraform.names import CONFIG_SUFFIXES, JSON_SUFFIXES, module_files
from gdcc_audit.load.terraform.parse import ParsedHcl, parse_hcl
from gdcc_audit.load.terraform.types import ConstantScope
from gdcc_audit.load.terraform.unread_inputs import (
    INPUT_MODE,
    INPUT_TYPE,
    held_value,
    inputs_read,
    loaded_by_default,
)
from gdcc_audit.load.terraform.versions import provider_pins
from gdcc_audit.load.terraform_model import (
    FORMAT,
    UNKNOWN,
    RootResources,
    TfDocument,
    TfResource,
)

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

HCL_SUFFIXES = CONFIG_SUFFIXES
TFVARS_SUFFIX = ".tfvars"
TFVARS_JSON_SUFFIX = ".tfvars.json"


#: Parses of files from this many characters on are cached in parts (``DiskCache.put_parts``:
#: one pickle memo per part, never one for the whole tree).
_PARTS_FROM = 4_000_000
#: Top-level blocks per part of such an entry (a part of the realistic 20 MB file is ~0.6 MB).
_BLOCKS_PER_PART = 1_000
#: Parses of files from this many characters on are written to the cache by a child forked
#: for it, while this process goes on (pickling the tree of a 20 MB file costs ~1.5 s, as much
#: as reading the file); the loader waits for the child before it returns.
_WRITE_BESIDE = 4_000_000


@dataclass
class _File:
    path: str
    sha256: str | None
    parsed: ParsedHcl | None
    errors: list[InputError] = field(default_factory=list)
    #: The lines holding a ``?`` (``config.question_lines``); None when not told (JSON syntax).
    questions: tuple[int, ...] | None = None


def read_hcl_file(
    path: str,
    settings: Settings,
    cache: ParseCache,
    *,
    parse: bool = True,
    workers: int = 1,
    writers: list[int] | None = None,
) -> _File | None:
    """Read and parse one HCL file, or take its parse from the cache (keyed by its path and
    bytes). With ``parse=False``, None when the cache does not have it. A large file is
    parsed by up to ``workers`` processes (same result); with ``writers``, its parse is
    written to the cache by a forked child, whose pid is added there (reap it)."""
    try:
        source = read_source(Path(path), settings.max_file_bytes)
    except InputError as exc:
        return _File(path, None, None, [exc])
    limits = f"{settings.max_depth}/{settings.max_hcl_nodes}/{settings.max_string_bytes}"
    large = len(source.text) >= _PARTS_FROM
    key = cache.key("hcl-parts" if large else "hcl", path, source.sha256, limits)
    parsed = _cached_parse(cache, key) if large else cache.get(key, ParsedHcl)
    if parsed is None:
        if not parse:
            return None
        try:
            if path.endswith(JSON_SUFFIXES):
                try:
                    parsed = parse_tf_json(path, source.text, settings.max_depth)
                except InputError as exc:
                    return _File(path, source.sha256, None, [exc])
            else:
                parsed = parse_hcl(
                    path,
                    source.text.encode("utf-8"),
                    settings.max_depth,
                    settings.max_hcl_nodes,
                    settings.max_string_bytes,
                    workers,
                )
        except Exception as exc:  # a parser bug loses this file only
            return _File(path, source.sha256, None, [crash_error(path, exc, "parsing it")])
        store = partial(_cache_parse, cache, large)
        writer = None
        if writers is not None and cache.enabled and len(source.text) >= _WRITE_BESIDE:
            writer = call_beside(store, key, parsed)
            if writer is not None:
                writers.append(writer)
        if writer is None:
            store(key, parsed)
    errors = [
        InputError(path, f"partially parsed: {issue.message}", issue.line, issue.column)
        for issue in parsed.issues
    ]
    questions = None if path.endswith(JSON_SUFFIXES) else question_lines(source.text)
    return _File(path, source.sha256, parsed, errors, questions)


def _cache_parse(cache: ParseCache, large: bool, key: str, parsed: ParsedHcl) -> None:
    """Write a parse to the cache; a large one in parts: the file's attributes and issues,
    then its top-level blocks ``_BLOCKS_PER_PART`` at a time."""
    if not large:
        cache.put(key, parsed)
        return
    blocks = parsed.body.blocks
    head = ParsedHcl(Body(parsed.body.attributes), parsed.issues)
    step = _BLOCKS_PER_PART
    cache.put_parts(key, [head, *(blocks[i : i + step] for i in range(0, len(blocks), step))])


def _cached_parse(cache: ParseCache, key: str) -> ParsedHcl | None:
    """A parse written by ``_cache_parse`` in parts, joined again (None when absent)."""
    parts = cache.get_parts(key, ParsedHcl)
    if parts is None:
        return None
    head, *rest = parts
    for part in rest:
        head.body.blocks.extend(part)
    return cast(ParsedHcl, head)


def _read_job(job: tuple[str, Settings]) -> _File:
    """One file in a worker process (module level, so it can be sent to the worker)."""
    path, settings = job
    loaded = read_hcl_file(path, settings, ParseCache.for_settings(settings))
    assert loaded is not None  # parse=True always gives a file
    return loaded


class _Workspace:
    """Parsed files and module definitions, shared by every root of one load."""

    def __init__(self, settings: Settings, options: LoadOptions | None = None) -> None:
        self.settings = settings
        self.options = options or LoadOptions()
        self.cache = ParseCache.for_settings(settings)
        self.files: dict[str, _File] = {}
        self.modules: dict[str, ModuleDef | None] = {}
        #: Module definitions by the real path of their folder.
        self.by_real: dict[str, ModuleDef] = {}
        #: Evaluation issues already yielded (path, line, message).
        self.reported: set[tuple[str, int | None, str]] = set()
        #: Children writing parses to the cache (see ``read_hcl_file``).
        self.writers: list[int] = []

    def wait_for_writers(self) -> None:
        """Reap the children writing parses to the cache: their entries are then whole."""
        while self.writers:
            reap(self.writers.pop())

    def file(self, path: str) -> _File:
        found = self.files.get(path)
        if found is None:
            found = self.files[path] = self._read(path)
        return found

    def _read(self, path: str) -> _File:
        # Files are read one at a time here: a large one may use every CPU for its pieces.
        workers = self.settings.workers or min(available_cpus(), MAX_WORKERS)
        loaded = read_hcl_file(
            path, self.settings, self.cache, workers=workers, writers=self.writers
        )
        assert loaded is not None  # parse=True always gives a file
        return loaded

    def preload(self, paths: Sequence[str]) -> None:
        """Parse ``paths`` up front: cached parses first, then the others, in worker
        processes when there are many (module folders outside ``paths`` are still read
        when a module call reaches them)."""
        missing: list[str] = []
        sizes: list[int] = []
        for path in dict.fromkeys(paths):
            if path in self.files:
                continue
            found = read_hcl_file(path, self.settings, self.cache, parse=False)
            if found is not None:
                self.files[path] = found
                continue
            missing.append(path)
            try:
                sizes.append(os.path.getsize(path))
            except OSError:
                sizes.append(0)
        workers = worker_count(self.settings.workers, sizes)
        if workers <= 1 or len(missing) < 2:
            shares = balanced_shares(sizes, share_count(self.settings.workers, sizes))
            if len(shares) > 1:  # a small repository: this process and forked children
                groups = [[missing[i] for i in share] for share in shares]
                for group, files in zip(groups, map_shares(self._read_group, groups), strict=True):
                    self.files.update(zip(group, files, strict=True))
                return
            for path in missing:  # one file may still be parsed in pieces
                self.file(path)
            return
        jobs = [(path, self.settings) for path in missing]
        for path, loaded in zip(missing, map_files(_read_job, jobs, workers), strict=True):
            self.files[path] = loaded

    def _read_group(self, paths: list[str]) -> list[_File]:
        """Parse ``paths`` here (one share of :meth:`preload`)."""
        files = [read_hcl_file(path, self.settings, self.cache) for path in paths]
        assert all(files)  # parse=True always gives a file
        return cast(list[_File], files)

    def module(self, directory: str) -> ModuleDef | None:
        """The module in a folder (None when it has no Terraform files)."""
        directory = os.path.normpath(directory)
        if directory not in self.modules:
            definition = self.modules[directory] = self._module(directory)
            if definition is not None:
                self.by_real.setdefault(real_path(directory), definition)
        return self.modules[directory]

    def _module(self, directory: str) -> ModuleDef | None:
        try:
            names = sorted(e.name for e in os.scandir(directory) if e.is_file())
        except OSError:
            return None
        # OpenTofu reads x.tofu instead of x.tf; Terraform ignores .tofu. Keep Terraform's view
        # where both exist (discovery lists the .tofu twin as not read, with the reason), and
        # take .tofu / .tofu.json files that have no Terraform twin.
        chosen = module_files(names)
        if not chosen:
            return None
        definition = ModuleDef(directory)
        # Override files are merged in after every other file, in lexical order (Terraform).
        for name in sorted(chosen, key=lambda n: (is_override_file(n), n)):
            loaded = self.file(os.path.join(directory, name))
            if loaded.parsed is None:
                definition.files.append(loaded.path)
            elif is_override_file(name):
                loaded.errors.extend(definition.override(loaded.path, loaded.parsed.body))
            else:
                loaded.errors.extend(
                    definition.add(loaded.path, loaded.parsed.body, loaded.questions)
                )
        return definition


def _constant(expr: Any, budget: Budget) -> Any:
    return evaluate_or_unknown(expr, Context(ConstantScope(), budget=budget))


_JSON_KEY = re.compile(r'^[ \t]*("(?:[^"\\\n]|\\.)*")[ \t]*:', re.MULTILINE)


def _json_key_lines(text: str, names: Iterable[str]) -> dict[str, int]:
    """Line of each top-level key of a ``.tfvars.json`` object (the first line that starts
    with ``"name":``), in one pass over the text."""
    wanted = set(names)
    lines: dict[str, int] = {}
    line, position = 1, 0
    for match in _JSON_KEY.finditer(text):
        try:
            key = json.loads(match.group(1))
        except ValueError:
            continue
        if key in wanted and key not in lines:
            line += text.count("\n", position, match.start())
            position = match.start()
            lines[key] = line
    return lines


def read_var_file(
    path: str, workspace: _Workspace
) -> tuple[dict[str, Any], list[InputError], dict[str, str]]:
    """Values of a ``.tfvars`` (HCL) or ``.tfvars.json`` file, and where each is written
    (``file:line``, the line a user changes)."""
    if path.endswith(".json"):
        try:
            source = read_source(Path(path), workspace.settings.max_file_bytes)
            data = json.loads(source.text)
        except InputError as exc:
            return {}, [exc], {}
        except json.JSONDecodeError as exc:
            return {}, [InputError(path, f"invalid JSON: {exc.msg}", exc.lineno, exc.colno)], {}
        values = data if isinstance(data, dict) else {}
        lines = _json_key_lines(source.text, values)
        return values, [], {name: f"{path}:{line}" for name, line in lines.items()}
    loaded = workspace.file(path)
    if loaded.parsed is None:
        return {}, loaded.errors, {}
    attrs = loaded.parsed.body.attributes
    budget = Budget()
    values = {}
    for name, attribute in attrs.items():
        with budget.at(path, attribute.start_line):
            values[name] = _constant(attribute.expr, budget)
    problems = [InputError(path, message, line) for _, line, message in budget.messages()]
    origins = {name: f"{path}:{a.start_line}" for name, a in attrs.items()}
    return values, [*loaded.errors, *problems], origins


def root_values(
    directory: str, workspace: _Workspace
) -> tuple[dict[str, Any], list[InputError], dict[str, str]]:
    """Variable values for a root: terraform.tfvars, then *.auto.tfvars, then --var-file;
    with the ``file:line`` each value comes from (a later file wins, as in Terraform)."""
    try:
        names = sorted(e.name for e in os.scandir(directory) if e.is_file())
    except OSError:
        names = []
    files: list[str] = [n for n in ("terraform.tfvars", "terraform.tfvars.json") if n in names]
    files += [n for n in names if n.endswith((".auto.tfvars", ".auto.tfvars.json"))]
    paths = [os.path.join(directory, n) for n in files] + list(workspace.settings.var_files)
    values: dict[str, Any] = {}
    errors: list[InputError] = []
    origins: dict[str, str] = {}
    for path in paths:
        found, problems, where = read_var_file(path, workspace)
        values.update(found)
        errors.extend(problems)
        for name in found:
            origins.pop(name, None)
        origins.update(where)
    return values, errors, origins


def evaluate_root(directory: str, workspace: _Workspace) -> tuple[Evaluation, list[InputError]]:
    """Evaluate one root module with its local modules."""
    evaluation = Evaluation(
        directory, workspace.module, not_created_types=workspace.options.not_created_types
    )
    definition = workspace.module(directory)
    values, errors, origins = root_values(directory, workspace)
    if definition is not None:
        root = ModuleInstance(evaluation, definition, root_values=values, root_origins=origins)
        try:
            root.collect()
        finally:
            root.release()
    evaluation.budget.forget()
    evaluation.files.clear()  # the texts kept for the evaluation may be freed
    evaluation.issues.extend(evaluation.budget_issues())
    return evaluation, errors


class _DefaultsScope(ConstantScope):
    """Constants, variables at the root's values (``terraform.tfvars``, ``*.auto.tfvars``,
    ``--var-file``) or else their declared defaults, and locals made of them (a module call's
    ``source`` OpenTofu evaluates early, read to know which folder it calls)."""

    def __init__(self, definition: ModuleDef, budget: Budget, values: dict[str, Any]) -> None:
        self.definition = definition
        self.budget = budget
        self.values = values
        self._reading: set[str] = set()

    def local(self, name: str, ctx: Any) -> Any:
        attribute = self.definition.locals.get(name)
        if attribute is None or name in self._reading:
            return UNKNOWN
        self._reading.add(name)  # (a local that reads itself is not known)
        try:
            return evaluate_or_unknown(attribute.expr, Context(self, budget=self.budget))
        finally:
            self._reading.discard(name)

    def variable(self, name: str, ctx: Any) -> Any:
        if name in self.values:
            return self.values[name]
        block = self.definition.variables.get(name)
        default = block.body.attributes.get("default") if block is not None else None
        return _constant(default.expr, self.budget) if default is not None else UNKNOWN


def _computed_sources(directory: str, definition: ModuleDef, workspace: _Workspace) -> list[str]:
    """The local folders of module calls whose ``source`` is not a literal (OpenTofu's early
    evaluation: ``"./mods/${var.name}"``), taken at the values the root evaluation uses (its
    tfvars, else the variables' defaults): a folder called so is no root of its own (its
    resources were assessed twice; with the defaults only, twice again when a tfvars value
    picks another folder)."""
    found: list[str] = []
    budget = Budget()
    values: dict[str, Any] | None = None
    for call in definition.calls.values():
        attribute = call.body.attributes.get("source")
        if attribute is None or literal_string(attribute) is not None:
            continue
        if values is None:
            values = root_values(directory, workspace)[0]
        scope = _DefaultsScope(definition, budget, values)
        value = evaluate_or_unknown(attribute.expr, Context(scope, budget=budget))
        if isinstance(value, str) and is_local_source(value):
            found.append(value)
    return found


def plan_roots(dirs: Sequence[str], workspace: _Workspace) -> list[str]:
    """Scanned folders that no other scanned folder calls as a local module."""
    scanned = {real_path(d): d for d in dirs}
    called: set[str] = set()
    for directory in dirs:
        definition = workspace.module(directory)
        if definition is None:
            continue
        computed = _computed_sources(directory, definition, workspace)
        for source in [*definition.local_sources(), *computed]:
            target = real_path(os.path.join(directory, source))
            if target != real_path(directory) and target in scanned:
                called.add(target)
    return [d for d in dirs if real_path(d) not in called]


class TerraformLoader(Loader):
    """Reads Terraform and OpenTofu HCL (``.tf``, ``.tofu``, ``.tfvars``)."""

    name = "terraform"
    suffixes = (*HCL_SUFFIXES, TFVARS_SUFFIX)
    #: Parsed JSON files it reads: Terraform's JSON syntax and ``.tfvars.json`` files.
    json_suffixes = (*JSON_SUFFIXES, TFVARS_JSON_SUFFIX)
    options_from = (FORMAT,)

    def __init__(self, options: LoadOptions | None = None) -> None:
        self.options = options or LoadOptions()

    def with_options(self, options: LoadOptions) -> TerraformLoader:
        return TerraformLoader(options)

    def recognise(self, parsed: ParsedFile) -> bool:
        """``*.tf.json`` / ``*.tofu.json`` (Terraform's JSON syntax) and ``*.tfvars.json``
        arrive parsed, as every JSON file does."""
        return parsed.path.name.endswith(self.json_suffixes)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        """One document per file per root evaluation; syntax problems as InputError."""
        workspace = _Workspace(settings, self.options)
        try:
            yield from self._load(claims, workspace)
        finally:
            workspace.wait_for_writers()

    def _load(
        self, claims: Sequence[Claim], workspace: _Workspace
    ) -> Iterator[Document | InputError]:
        dirs: list[str] = []
        tfvars: list[str] = []
        for claim in claims:
            path = str(claim.path)
            if path.endswith((TFVARS_SUFFIX, TFVARS_JSON_SUFFIX)):
                tfvars.append(path)
            directory = os.path.dirname(path) or "."
            if path.endswith(HCL_SUFFIXES) and directory not in dirs:
                dirs.append(directory)
        workspace.preload(
            [str(c.path) for c in claims if str(c.path).endswith((*HCL_SUFFIXES, TFVARS_SUFFIX))]
        )
        emitted: set[str] = set()
        instantiated: set[str] = set()
        roots: set[str] = set()
        queue = plan_roots(dirs, workspace)
        first = True
        while queue:
            # The roots no scanned folder calls (most of a large scan) may be evaluated in
            # several processes; roots left over after them, one at a time here.
            evaluated = _evaluate_roots(queue, workspace) if first else None
            first = False
            for position, root in enumerate(queue):
                instantiated.add(real_path(root))
                roots.add(real_path(root))
                done = _evaluate(root, workspace) if evaluated is None else evaluated[position]
                items, reached = _emit(root, done, workspace, emitted)
                instantiated |= reached
                yield from items
            leftover = [
                d
                for d in dirs
                if real_path(d) not in instantiated and workspace.module(d) is not None
            ]
            queue = plan_roots(leftover, workspace) or leftover[:1]
        for path in tfvars:
            root = os.path.dirname(path) or "."
            digest: str | None
            if path.endswith(TFVARS_JSON_SUFFIX):
                # a variable definitions file in JSON (``terraform.tfvars.json``, loaded by
                # Terraform as ``terraform.tfvars``; it was not recognised): read for the
                # secrets it holds that reach no resource
                try:
                    digest = read_source(Path(path), workspace.settings.max_file_bytes).sha256
                except InputError as exc:
                    yield exc
                    continue
            else:
                loaded = workspace.file(path)
                if path not in emitted:
                    yield from loaded.errors
                    emitted.add(path)
                digest = loaded.sha256
            held = _unread_tfvars(path, root, workspace, real_path(root) in roots)
            yield Document(path, FORMAT, TfDocument(root, held), digest)


def _unread_tfvars(
    path: str, root: str, workspace: _Workspace, evaluated: bool
) -> list[TfResource]:
    """The secrets of the ``.tfvars`` file ``path`` that reach no resource
    (``unread_inputs``), each kept as a resource of mode ``"input"`` (``var.NAME`` at its
    line): every one, unless the file is applied to its folder's root (``evaluated``: the
    folder was evaluated as a root; the file is loaded by itself or given as ``--var-file``),
    its line is the value that root takes (no later file replaces it) and the root declares
    the variable and reads it in a resource, data source, provider block or module call
    (that resource's finding then names the line)."""
    values, _, where = read_var_file(path, workspace)
    if not values:
        return []
    definition = workspace.module(root) if evaluated else None
    found = [
        (name, kept) for name, value in values.items()
        if (kept := held_value(
            name, value, definition.variables.get(name) if definition is not None else None
        )) is not None
    ]
    if not found:
        return []
    applied: set[tuple[str, str]] = set()
    read: frozenset[str] = frozenset()
    given = {real_path(p) for p in workspace.settings.var_files}
    if definition is not None and (loaded_by_default(path) or real_path(path) in given):
        for name, taken in root_values(root, workspace)[2].items():
            file, _, line = taken.rpartition(":")
            applied.add((name, f"{real_path(file)}:{line}"))
        read = inputs_read(definition, outputs_count=False) & definition.variables.keys()
    held: list[TfResource] = []
    for name, kept in found:
        origin = where.get(name)
        line = origin.rpartition(":")[2] if origin else ""
        if name in read and (name, f"{real_path(path)}:{line}") in applied:
            continue
        number = int(line) if line.isdigit() else None
        # why it reaches no resource, said in its finding (``secrets.unread``)
        if definition is None:
            why = "tfvars_no_root"
        elif not (loaded_by_default(path) or real_path(path) in given):
            why = "tfvars_not_loaded"
        elif name not in definition.variables:
            why = "tfvars_undeclared"
        elif name not in read:
            why = "tfvars_unread"
        else:
            why = "tfvars_replaced"
        held.append(
            TfResource(
                address=f"var.{name}",
                type=INPUT_TYPE,
                name=name,
                values={name: kept},
                file=path,
                start_line=number,
                end_line=number,
                mode=INPUT_MODE,
                origins={name: origin} if origin else {},
                unread=why,
            )
        )
    return held


#: Roots' Terraform files, in bytes, from which their evaluation is shared with forked
#: children (evaluation runs at about 1 MB of HCL a second: 2 MB is ~2 s of work).
SPLIT_MIN_BYTES = 2_000_000
#: Bytes of Terraform per process below which another process is not worth starting.
SPLIT_PER_PROCESS = 1_000_000
#: This process's share of the roots is this many times each child's: a child also pickles
#: the resources it found (measured at 100,000 resources: a child's half cost ~1.4-1.6x
#: this process's half, in CPU seconds).
SPLIT_FIRST = 1.4


@dataclass
class _Evaluated:
    """What evaluating one root gave, before its documents are emitted (picklable: a child
    evaluating roots sends it back)."""

    #: Why the evaluation stopped (it then gave nothing else).
    failure: str | None = None
    errors: list[InputError] = field(default_factory=list)
    issues: list[InputError] = field(default_factory=list)
    resources: list[TfResource] = field(default_factory=list)
    lost: list[TfResource] = field(default_factory=list)
    not_created: list[TfResource] = field(default_factory=list)
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    unexpanded: list[dict[str, Any]] = field(default_factory=list)
    instantiated: set[str] = field(default_factory=set)
    #: Module folders read while evaluating it, in order (see ``_emit``).
    read: list[str] = field(default_factory=list)


def _evaluate(root: str, workspace: _Workspace) -> _Evaluated:
    """Evaluate one root (a loader bug or too deep a nesting is its ``failure``)."""
    before = len(workspace.modules)
    try:
        evaluation, errors = evaluate_root(root, workspace)
    except RecursionError:
        done = _Evaluated(failure="module too deeply nested to evaluate")
    except Exception as exc:  # a loader bug must not stop the scan of other roots
        done = _Evaluated(
            failure=f"internal error while evaluating this module: {type(exc).__name__}: {exc}"
        )
    else:
        done = _Evaluated(
            errors=errors,
            issues=evaluation.issues,
            resources=evaluation.resources,
            lost=evaluation.lost,
            not_created=evaluation.not_created,
            providers=evaluation.providers,
            unexpanded=evaluation.unexpanded,
            instantiated=evaluation.instantiated,
        )
    done.read = list(workspace.modules)[before:]
    return done


def _root_bytes(root: str, workspace: _Workspace) -> int:
    definition = workspace.module(root)
    total = 0
    for path in definition.files if definition is not None else ():
        with contextlib.suppress(OSError):
            total += os.path.getsize(path)
    return total


def _evaluate_roots(roots: Sequence[str], workspace: _Workspace) -> list[_Evaluated] | None:
    """Each root evaluated, in order, by this process and children forked for contiguous
    shares of them (:func:`map_shares`; a failed child's share is evaluated here), when
    they hold enough Terraform; None when one process should evaluate them, one at a time.
    Evaluation is a function of the root's files: a child's ``_Evaluated`` is what this
    process would have found (``_emit`` reads the module folders it read here too)."""
    if len(roots) < 2 or workspace.settings.workers == 1:
        return None
    weights = [_root_bytes(root, workspace) for root in roots]
    total = sum(weights)
    if total < SPLIT_MIN_BYTES:
        return None
    wanted = workspace.settings.workers or min(available_cpus(), MAX_WORKERS)
    processes = min(wanted, len(roots), max(1, total // SPLIT_PER_PROCESS))
    if processes < 2:
        return None
    shares = contiguous_shares(weights, processes, SPLIT_FIRST)
    results = map_shares(lambda share: [_evaluate(roots[i], workspace) for i in share], shares)
    return [done for made in results for done in made]


def _emit(
    root: str, done: _Evaluated, workspace: _Workspace, emitted: set[str]
) -> tuple[list[Document | InputError], set[str]]:
    """Documents and errors of one evaluated root, and the module folders it instantiated."""
    for directory in done.read:
        # Read here too when a child evaluated the root: the modules' errors join their
        # files' errors, and the folders' paths are known, as when evaluated here.
        workspace.module(directory)
    if done.failure is not None:
        return [InputError(root, done.failure)], set()
    out: list[Document | InputError] = []
    out.extend(e for e in done.errors if e.path not in emitted)
    for issue in done.issues:
        key = (issue.path, issue.line, issue.message)
        if key not in workspace.reported:  # a module evaluated from two roots: said once
            workspace.reported.add(key)
            out.append(issue)
    by_file: dict[str, list[TfResource]] = {}
    for resource in done.resources:
        by_file.setdefault(resource.file, []).append(resource)
    files: list[str] = []
    for directory in sorted(done.instantiated):
        definition = workspace.by_real.get(directory)
        if definition is not None:
            files.extend(definition.files)
    meta: dict[str, Any] = {"root": root, "module_folders": sorted(done.instantiated)}
    lost = _lost_parts(sorted(done.instantiated), workspace)
    if lost:
        meta[LOST_KEY] = lost
    whole_root = RootResources(
        done.resources,
        lost=done.lost,
        unexpanded=list(done.unexpanded),
        not_created=done.not_created,
    )
    definitions = [
        definition
        for directory in sorted(done.instantiated)
        if (definition := workspace.by_real.get(directory)) is not None
    ]
    pins = provider_pins(
        root,
        [block for definition in definitions for block in definition.settings],
        workspace.settings.max_file_bytes,
        [block for definition in definitions for block in definition.providers],
    )
    for path in files:
        loaded = workspace.file(path)
        if path not in emitted:
            emitted.add(path)
            out.extend(loaded.errors)
        if loaded.parsed is None:
            continue
        document = TfDocument(
            root,
            by_file.get(path, []),
            providers=done.providers,
            unexpanded_modules=[m for m in done.unexpanded if m["file"] == path],
            whole_root=whole_root,
            provider_pins=pins,
        )
        out.append(Document(path, FORMAT, document, loaded.sha256, meta=dict(meta)))
    return out, done.instantiated


def _lost_parts(directories: Sequence[str], workspace: _Workspace) -> list[LostPart]:
    """What of the module folders ``directories`` (real paths) was not assessed and whom it
    names (see :mod:`gdcc_audit.normalize.lost`): the lines a syntax error took (what no
    block or attribute read from the file covers), each block declared twice, and whole
    files that could not be read (blind: their text is not known)."""
    parts: list[LostPart] = []
    texts: dict[str, str | None] = {}

    def text_of(path: str) -> str | None:
        if path not in texts:
            try:
                texts[path] = read_source(Path(path), workspace.settings.max_file_bytes).text
            except InputError:
                texts[path] = None
        return texts[path]

    for directory in directories:
        definition = workspace.by_real.get(directory)
        if definition is None:
            continue
        for path in definition.files:
            loaded = workspace.file(path)
            parsed = loaded.parsed
            if parsed is not None and not parsed.issues:
                continue
            text = text_of(path) if parsed is not None else None
            if text is None:
                line = next((e.line for e in loaded.errors if e.line), 1)
                parts.append(LostPart(path, line, blind=True, folder=directory))
                continue
            assert parsed is not None
            spans = [(b.start_line, b.end_line) for b in parsed.body.blocks]
            spans += [(a.start_line, a.end_line) for a in parsed.body.attributes.values()]
            for line, region in uncovered_regions(text, spans):
                parts.extend(terraform_parts(path, line, region, directory))
        for block in definition.duplicates:
            text = text_of(block.file)
            if text is None:
                continue
            lines = text.splitlines()[block.start_line - 1 : block.end_line]
            part = terraform_part(block.file, block.start_line, "\n".join(lines), directory)
            if part is not None:
                parts.append(part)
    return parts


__all__ = ["TerraformLoader", "evaluate_root", "is_local_source"]
