"""Finding input files, parsing YAML/JSON once, handing each file to the loader claiming it."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.cache import ParseCache, parse_yaml_cached
from gdcc_audit.load.guard import call
from gdcc_audit.load.helm_chart import chart_archive, chart_metadata, chart_template
from gdcc_audit.load.interface import Claim, Loader, ParsedFile
from gdcc_audit.load.jsonc import read_jsonc
from gdcc_audit.load.source import decode, read_bytes
from gdcc_audit.load.terraform.names import twin_name
from gdcc_audit.load.yamltree import (
    DuplicateKey,
    LocatedDocument,
    check_depth,
    deep_line,
    depth_error,
    parse_yaml,
    salvage_documents,
)
from gdcc_audit.settings import Settings

#: YAML / JSON files (``.hot``: a Heat template's name in some projects, YAML).
STRUCTURED_SUFFIXES = (".yaml", ".yml", ".json", ".template", ".hot")
SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".terraform", "node_modules", "__pycache__", ".venv", ".tox"}
)
#: Go-template actions that only Helm charts use; a file with them must be rendered first.
#: Words of Go-template actions that only Helm charts use (``{{ .Values.x }}``, ``include``;
#: Helm's ``lookup "v1" "Secret" ...`` and ``required "message" $x``: Ansible's
#: ``lookup('env', ...)`` is no Helm action).
HELM_WORDS = re.compile(
    r"\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|"
    r"\binclude\s|\btemplate\s|\btoYaml\b|\btpl\s|\blookup\s+\"|\brequired\s+\""
)
_HELM_REACH = 200
_HELM_ACTIONS_LOOKED_AT = 1_000


def has_helm_action(text: str) -> bool:
    """Whether one of the first 1,000 ``{{`` opens an action holding a Helm word within 200
    characters (before any ``}``). Bounded work whatever the file: an earlier pattern,
    ``{{[^}]*?word``, took minutes on a file of many ``{{``. A chart template has its first
    action near the top; a file that hides it deeper is parsed as YAML and, being a template,
    reported as invalid YAML."""
    position = text.find("{{")
    for _ in range(_HELM_ACTIONS_LOOKED_AT):
        if position < 0:
            return False
        end = text.find("}", position, position + _HELM_REACH)
        window_end = end if end >= 0 else position + _HELM_REACH
        if HELM_WORDS.search(text, position + 2, window_end):
            return True
        position = text.find("{{", max(position + 2, end if end >= 0 else window_end))
    return False
HELM_REASON = "Helm template: render it first (helm template), then audit the output"
JINJA_REASON = "Jinja template: render it first, then audit the output"
PLACEHOLDER_REASON = (
    "template with {{ }}, {% %} or %%NAME%% placeholders (not YAML or JSON as written): "
    "render it first, then audit the output"
)
TERRAFORM_TEMPLATE_REASON = (
    "Terraform template (templatefile %{ } directives or ${ } expressions; not YAML or JSON "
    "as written): the Terraform configuration that renders it is what gets audited"
)
JSONC_REASON = (
    "JSON with comments (JSONC: editor and tool settings, not infrastructure as code): not "
    "a format gdcc-audit reads"
)
DUPLICATE_REASON = (
    "not a format gdcc-audit reads (read keeping the last value of a key written twice)"
)
TEXT_TEMPLATE_REASON = (
    "a .template file that is neither YAML nor JSON and holds no CloudFormation or Heat "
    "section: a text template of another tool, not read"
)
GO_FUZZ_REASON = "Go fuzz test corpus entry (go test fuzz v1), not configuration"
#: The first line of a Go fuzz corpus file (testdata/fuzz/FuzzX/...), whatever its name.
_GO_FUZZ = b"go test fuzz v1\n"
TERRAGRUNT_REASON = (
    "Terragrunt configuration: not read; audit the Terraform modules it deploys (with the "
    "inputs it gives them as a .tfvars file: --var-file)"
)
#: Files Terragrunt reads as a unit or stack of configuration.
_TERRAGRUNT_FILES = frozenset({"terragrunt.hcl", "terragrunt.stack.hcl"})
KUSTOMIZE_PATCH_REASON = (
    "kustomize patch named in {kustomization}: part of an object, not a whole one: judged "
    "merged into the objects it patches, as that kustomization builds them"
)
#: File names kustomize reads as a kustomization (``kind: Kustomization`` or ``Component``).
_KUSTOMIZATIONS = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})
#: Kustomization fields that name patch files: ``patches`` / ``patchesJson6902`` entries with
#: a ``path``, ``patchesStrategicMerge`` entries as paths (or inline patches, not files).
_PATCH_FIELDS = ("patches", "patchesStrategicMerge", "patchesJson6902")
#: Names of Jinja templates of YAML or JSON (``overcloud.j2.yaml``, as TripleO, Kolla and
#: Ansible roles name them).
_JINJA_SUFFIXES = (".j2.yaml", ".j2.yml", ".j2.json", ".jinja.yaml", ".jinja.yml",
                   ".jinja2.yaml", ".jinja2.yml")  # fmt: skip
# Large JSON (plan files) is parsed with the json module: fast, but without line numbers.
_JSON_WITH_LINES_MAX = 2 * 1024 * 1024


@dataclass
class Discovery:
    """Files found under the given paths, grouped by the loader that claimed them."""

    claims: dict[str, list[Claim]] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    #: What a file's own tool accepts but the user should know (a Heat key written twice).
    warnings: list[InputError] = field(default_factory=list)
    unrecognised: list[tuple[Path, str | None]] = field(default_factory=list)
    #: Why a file in ``unrecognised`` was not taken, when there is more to say than "no loader".
    reasons: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    #: Files and folders left out by an exclude pattern, with the pattern.
    excluded: list[tuple[Path, str]] = field(default_factory=list)
    #: ``os.path.realpath`` of each file found, by its path as text (``Walk.real``).
    real_paths: dict[str, str] = field(default_factory=dict)

    def set_aside(self, path: Path, reason: str) -> None:
        """List ``path`` as not recognised, with the reason."""
        self.unrecognised.append((path, None))
        self.reasons[str(path)] = reason


def _special_kind(path: Path) -> str:
    """What a path that is neither a regular file nor a folder is (never opened: reading a
    FIFO or a device would block or never end)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "not a regular file"
    for test, name in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def excluded_by(relative: str, patterns: Sequence[str]) -> str | None:
    """The first of ``patterns`` that leaves out a file or folder at ``relative`` (a path
    below the scanned folder, ``/``-separated): a pattern without ``/`` matches the name of
    the file or of any folder on the way (``templates``, ``*.tpl.yaml``), one with ``/`` the
    whole relative path, where ``*`` may span folders (``modules/*/examples``)."""
    parts = relative.split("/")
    for pattern in patterns:
        shape = pattern.strip().rstrip("/").removeprefix("./")
        if not shape:
            continue
        if "/" in shape:
            # The path or a folder on its way: a file below a folder left out is left out.
            prefixes = ("/".join(parts[:end]) for end in range(1, len(parts) + 1))
            if any(fnmatch.fnmatchcase(prefix, shape) for prefix in prefixes):
                return pattern
        elif any(fnmatch.fnmatchcase(part, shape) for part in parts):
            return pattern
    return None


def excluded_below(path: str, roots: Sequence[str], patterns: Sequence[str]) -> str | None:
    """The pattern that leaves out ``path`` (absolute) below one of the scanned ``roots``
    (absolute folders or files), as :func:`walk` would; None when none does."""
    for root in roots:
        base = root if os.path.isdir(root) else os.path.dirname(root)
        relative = os.path.relpath(path, base)
        if relative == ".." or relative.startswith(".." + os.sep):
            continue
        pattern = excluded_by(relative.replace(os.sep, "/"), patterns)
        if pattern is not None:
            return pattern
    return None


@dataclass
class Walk:
    """What :func:`walk` found under the given paths."""

    #: Files, each with ``True`` when it was named directly.
    files: list[tuple[Path, bool]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    #: FIFOs, sockets and devices, with what each one is.
    special: list[tuple[Path, str]] = field(default_factory=list)
    #: Symbolic links whose target is missing, found in folders (one named directly is an
    #: error): the loaders' names decide whether configuration was lost.
    broken: list[Path] = field(default_factory=list)
    #: Files and folders left out by an exclude pattern, with the pattern.
    excluded: list[tuple[Path, str]] = field(default_factory=list)
    #: ``os.path.realpath`` of each file in ``files``, by its path as text.
    real: dict[str, str] = field(default_factory=dict)

    def add(self, path: Path, real: str, named: bool) -> None:
        """A file found, with its real path (``named``: given directly)."""
        self.files.append((path, named))
        self.real[str(path)] = real


def walk(paths: Iterable[Path], exclude: Sequence[str] = ()) -> Walk:
    """Files under ``paths``, refusing symlink loops and leaving out what an ``exclude``
    pattern matches (see :func:`excluded_by`) by its path below the scanned folder or, for a
    relative folder inside the current one, from the current folder; a folder left out is
    not entered."""
    found = Walk()
    seen_files: set[str] = set()

    def left_out(path: Path, relative: str, prefix: str = "") -> bool:
        pattern = excluded_by(relative, exclude) if exclude else None
        if pattern is None and exclude and prefix:
            pattern = excluded_by(f"{prefix}/{relative}", exclude)
        if pattern is not None:
            found.excluded.append((path, pattern))
        return pattern is not None

    for path in paths:
        if path.is_dir():
            # A relative folder inside this one (the hook's module folders) also matches
            # patterns by its path from here: "modules/*/examples" while scanning modules/a.
            given = os.path.normpath(path).replace(os.sep, "/")
            inside = not path.is_absolute() and given != "." and not given.startswith("..")
            real = os.path.realpath(path)
            _visit_dir(path, "", frozenset({real}), given if inside else "", real, found,
                       seen_files, left_out)
        elif path.is_file():
            real = os.path.realpath(path)
            named = os.path.normpath(path).replace(os.sep, "/")
            if real not in seen_files and not left_out(path, named):
                seen_files.add(real)
                found.add(path, real, True)
        elif path.exists():
            found.special.append((path, _special_kind(path)))
        else:
            found.errors.append(InputError(str(path), "no such file or folder"))
    return found


def _visit_dir(
    directory: Path, relative: str, ancestors: frozenset[str], prefix: str, real_dir: str,
    found: Walk, seen_files: set[str], left_out: Callable[[Path, str, str], bool],
) -> None:
    """:func:`walk` into ``directory`` (a module function: a closure calling itself kept
    the walk, its files and errors, in a reference cycle until the scan's collection)."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        found.errors.append(InputError(str(directory), f"cannot read folder: {exc.strerror}"))
        return
    for entry in entries:
        path = Path(entry.path)
        below = f"{relative}/{entry.name}" if relative else entry.name
        if entry.is_dir(follow_symlinks=True):
            if entry.name in SKIPPED_DIRS or left_out(path, below, prefix):
                continue
            real = _real_entry(entry, path, real_dir)
            if real in ancestors:
                found.errors.append(
                    InputError(str(path), f"symlink loop: points back to {real}; not followed")
                )
                continue
            _visit_dir(path, below, ancestors | {real}, prefix, real, found, seen_files,
                       left_out)
        elif entry.is_file(follow_symlinks=True):
            real = _real_entry(entry, path, real_dir)
            if real not in seen_files and not left_out(path, below, prefix):
                seen_files.add(real)
                found.add(path, real, False)
        elif entry.is_symlink() and not os.path.exists(path):
            if not left_out(path, below, prefix):
                found.broken.append(path)
        else:
            found.special.append((path, _special_kind(path)))


def _real_entry(entry: os.DirEntry[str], path: Path, real_dir: str) -> str:
    """``os.path.realpath(path)`` of a folder's entry, given the folder's real path: that
    path and the entry's name, unless the entry is a symbolic link (then resolved; an entry
    that is not one resolves to itself inside its real folder, with no system call)."""
    if entry.is_symlink():
        return os.path.realpath(path)
    return os.path.join(real_dir, entry.name)


def parse_structured(
    path: Path, settings: Settings, cache: ParseCache | None = None
) -> ParsedFile:
    """Parse a YAML or JSON file once (or take the parse from ``cache``, keyed by its bytes);
    the result is offered to every structured loader."""
    cache = cache if cache is not None else ParseCache.for_settings(settings)
    data = read_bytes(path, settings.max_file_bytes)
    digest = hashlib.sha256(data).hexdigest()
    text = decode(str(path), data, utf16=True)
    if path.suffix == ".json" and len(data) > _JSON_WITH_LINES_MAX:
        return ParsedFile(path, digest, [LocatedDocument(_json(path, text, settings))])
    cfn = path.suffix in (".yaml", ".yml", ".template")
    if cfn and ("{{/*" in text or "{{- /*" in text):
        text = blank_template_comments(text)
    errors: list[InputError] = []
    try:
        documents = parse_yaml_cached(
            text,
            str(path),
            cache,
            max_nodes=settings.max_yaml_nodes,
            cfn_tags=cfn,
            max_depth=settings.max_depth,
        )
    except InputError as exc:
        kept = _keeping_last(text, path, exc, settings, cfn)
        if kept is not None and any(_for_heat(d.data) for d in kept):
            return ParsedFile(path, digest, kept, warnings=_heat_duplicate_warnings(path, kept))
        if kept is not None and _cfn_duplicates_inert(kept):
            warned = [
                *_duplicate_warnings(path, _inert_only(kept), _CFN_INERT),
                *_duplicate_warnings(path, _parameters_unknown(kept), _CFN_PARAMETER),
            ]
            return ParsedFile(path, digest, kept, warnings=warned)
        reading = _kubernetes_duplicates(path, kept) if kept is not None else None
        if kept is not None and reading is not None:
            differ, same_value = reading
            warned = _duplicate_warnings(path, _same_only(kept), same_value, same_value)
            errors = _duplicate_warnings(path, _same_only(kept, False), differ)
            return ParsedFile(path, digest, kept, errors=errors, warnings=warned)
        if kept is not None and any(_is_cloudformation(d.data) for d in kept):
            exc = InputError(
                exc.path, exc.message + _CFN_DUPLICATE, exc.line, exc.column, field=exc.field
            )
        if path.suffix == ".json" and "YAML" in exc.message:
            # JSON that YAML 1.1 rejects (tabs, some escapes): fall back to the json module.
            documents = [LocatedDocument(_json(path, text, settings))]
        else:
            # A multi-document file keeps the documents that can be read.
            documents, errors = salvage_documents(
                text,
                str(path),
                exc,
                max_nodes=settings.max_yaml_nodes,
                cfn_tags=cfn,
                max_depth=settings.max_depth,
            )
    return ParsedFile(path, digest, [d for d in documents if d.data is not None], errors)


#: A Go-template comment opened at the start of a line (after blanks): ``{{/*``, ``{{- /*``;
#: "discarded" when the template is rendered (text/template), as Helm charts start files.
_COMMENT_OPEN = re.compile(r"^[ \t]*\{\{(?:- )?/\*", re.MULTILINE)
#: Its end, then nothing else on the line: ``*/}}``, ``*/ -}}``.
_COMMENT_CLOSE = re.compile(r"\*/(?: -)?\}\}[ \t]*(?=\r?\n|\Z)")
_NOT_NEWLINE = re.compile(r"[^\n]")


def blank_template_comments(text: str) -> str:
    """``text`` with each Go-template comment that fills its lines blanked (spaces; the lines
    stay where they are): a file whose only template markup is such a comment renders to the
    YAML after it (openstack-helm's ``clusterrole-controller.yaml`` was partially assessed:
    its comment read as a mapping used as a key). A comment ends at its first ``*/`` (they do
    not nest); one sharing its first or last line with other text is left as it is. Linear in
    the text: each end is looked for once (a first version, one regular expression with a
    lazy ``.*?``, took minutes on 20,000 lines of ``{{/* x */}} y``)."""
    pieces: list[str] = []
    done = 0
    close = -1
    for opened in _COMMENT_OPEN.finditer(text):
        if opened.start() < done:
            continue  # inside a comment blanked already
        if close < opened.end():
            close = text.find("*/", opened.end())
            if close < 0:
                break
        closed = _COMMENT_CLOSE.match(text, close)
        if closed is None:
            continue
        comment = text[opened.start() : closed.end()]
        pieces.append(text[done : opened.start()])
        pieces.append(
            " " * len(comment) if "\n" not in comment else _NOT_NEWLINE.sub(" ", comment)
        )
        done = closed.end()
    pieces.append(text[done:])
    return "".join(pieces)


#: Why a CloudFormation template with a key written twice is not assessed.
_CFN_DUPLICATE = (
    ": AWS CloudFormation's handling of a key written twice is undefined (it \"might\" accept "
    "the template, with \"undefined behavior\"), so which value counts is not known"
)


#: Top-level sections of a CloudFormation template that configure no resource: the template's
#: ``Metadata`` (``AWS::CloudFormation::Interface`` labels the console shows), ``Description``
#: and ``Outputs`` (what the stack reports). A resource's own ``Metadata`` is not one of
#: them: ``AWS::CloudFormation::Init`` there configures its instance.
_CFN_INERT_SECTIONS = frozenset({"Metadata", "Description", "Outputs"})
_CFN_INERT = (
    "in the template's {section}, which configures no resource: read keeping the last value, "
    "the value at line {first} is ignored"
)
#: Why a key written twice with the same value is read (anywhere in a template).
_CFN_SAME = "the same value both times, so whichever CloudFormation keeps: read once"


def _cfn_duplicates_inert(documents: list[LocatedDocument]) -> bool:
    """A CloudFormation template whose keys written twice are all in sections that configure
    no resource (``_CFN_INERT_SECTIONS``): whichever value CloudFormation keeps, the resources
    are the same, so the template is assessed with a warning per key (it was not assessed for
    a console parameter label written twice); or in one resource (``Resources.<id>...``):
    that resource's settings are not known, so the loader skips it with an error and the
    rest of the template is assessed (the whole file was not assessed for one resource's
    duplicate ``Name``). A key written twice with the same value is read, anywhere: whichever
    value CloudFormation keeps is that value (a mapping entry copied twice in an instance type
    table left the whole template not assessed)."""
    duplicates = [d for document in documents for d in document.duplicates]
    return (
        bool(duplicates)
        and any(_is_cloudformation(d.data) for d in documents)
        and all(
            d.same
            or (
                d.field is not None
                and (
                    d.field.split(".", 1)[0] in _CFN_INERT_SECTIONS
                    or (d.field.startswith("Resources.") and d.field != "Resources.")
                    or _parameter_of(d) is not None
                )
            )
            for d in duplicates
        )
    )


#: Why a Kubernetes manifest with a key written twice is read keeping the last value, and
#: what that leaves out: the file is partially assessed.
_K8S_DIFFER = (
    "read as `kubectl apply -f` and Helm read it, keeping the last value (kustomize and Flux "
    "refuse the file); the value at line {first} is ignored: only the secrets written in it "
    "are reported"
)
#: Why one written twice with the same value is only a warning: every reader that accepts the
#: file reads that value.
_K8S_SAME = "the same value both times: read once (kustomize and Flux refuse the file)"
#: The same for a Helm chart's values file (``helm install -f``; a chart's ``values.yaml``).
_VALUES_DIFFER = (
    "read as Helm reads a chart's values, keeping the last value; the value at line {first} "
    "is ignored: only the secrets written in it are reported"
)
_VALUES_SAME = "the same value both times: read once, as Helm reads it"


def _kubernetes_duplicates(
    path: Path, documents: list[LocatedDocument]
) -> tuple[str, str] | None:
    """How a file with keys written twice is read when it is Kubernetes objects or a Helm
    chart's values: the reasons for a key written with two values and for one written with
    the same value twice; None for any other file (a kustomization, which kustomize refuses;
    a CloudFormation or Heat template, read as their tools read them).
    ``kubectl apply -f`` converts each document to JSON on the client, keeping the last value
    of a duplicate key, before the API server's field validation sees it (kubernetes/kubernetes
    #125885: ``fieldValidation=Strict`` and only the last ``containers`` sent; #89303, #99286);
    Helm renders and reads with the same YAML library; kustomize and Flux refuse the file. So
    what any tool deploys from it is the last value: the document is judged with it, and the
    ignored first value is named (it may hold a setting the author meant) and read for the
    secrets written in it, which are in the file whichever value is kept
    (:mod:`gdcc_audit.load.ignored_values`). Helm reads a values file with the same
    library, keeping the last value (it was not assessed, and the secrets in it were reported
    by no rule)."""
    from gdcc_audit.load.kube_kinds import is_kubernetes
    from gdcc_audit.load.kubernetes import KUSTOMIZATION_FILES, is_helm_values

    if (
        path.name in KUSTOMIZATION_FILES
        or not any(d.duplicates for d in documents)
        or any(_is_cloudformation(d.data) or _for_heat(d.data) for d in documents)
    ):
        return None
    if any(is_kubernetes(d.data) for d in documents):
        return _K8S_DIFFER, _K8S_SAME
    if is_helm_values(path, ParsedFile(path, "", documents)):
        return _VALUES_DIFFER, _VALUES_SAME
    return None


def _same_only(documents: list[LocatedDocument], same: bool = True) -> list[LocatedDocument]:
    """``documents`` with only their duplicates written with the same value both times (or,
    ``same`` false, only those written with two values)."""
    return [
        replace(d, duplicates=tuple(k for k in d.duplicates if k.same is same))
        for d in documents
    ]


#: Why a CloudFormation parameter declared twice (or a key of its declaration written twice)
#: with two values is read with its value not known.
_CFN_PARAMETER = (
    "a parameter declared twice, differently: which declaration CloudFormation keeps is not "
    "defined, so the template is read with this parameter's value not known"
)


def _parameter_of(duplicate: DuplicateKey) -> str | None:
    """The CloudFormation parameter a key written twice declares (``Parameters.Version``) or
    is part of the declaration of (``Parameters.Version.Default``); None otherwise."""
    parts = (duplicate.field or "").split(".")
    return parts[1] if len(parts) >= 2 and parts[0] == "Parameters" and parts[1] else None


def _parameters_unknown(documents: list[LocatedDocument]) -> list[LocatedDocument]:
    """``documents`` with each parameter declared twice with two values (``_parameter_of``)
    read with its value not known: its ``Default``, ``AllowedValues`` and ``AllowedPattern``
    dropped (they may be either declaration's; sap-commerce-1905.yaml declares ``Version``
    three times: the whole template was not assessed); the documents with only those
    duplicates, for their warnings. ``NoEcho`` is kept when a declaration says it."""
    warned: list[LocatedDocument] = []
    for document in documents:
        chosen = tuple(
            d for d in document.duplicates if not d.same and _parameter_of(d) is not None
        )
        found = document.data.get("Parameters") if isinstance(document.data, dict) else None
        parameters: dict[str, Any] = found if isinstance(found, dict) else {}
        for duplicate in chosen:
            name = _parameter_of(duplicate)
            spec = parameters.get(name) if name is not None else None
            if name is None or not isinstance(spec, dict):
                continue
            hidden = spec.get("NoEcho") or (
                isinstance(duplicate.dropped, dict) and duplicate.dropped.get("NoEcho")
            )
            parameters[name] = {
                k: v for k, v in spec.items()
                if k not in ("Default", "AllowedValues", "AllowedPattern")
            } | ({"NoEcho": hidden} if hidden else {})
        if chosen:
            warned.append(replace(document, duplicates=chosen))
    return warned


def _inert_only(documents: list[LocatedDocument]) -> list[LocatedDocument]:
    """``documents`` as read, their duplicates left to warn about: those of inert sections
    (a resource's are the loader's errors)."""
    return [
        replace(
            d,
            duplicates=tuple(
                k for k in d.duplicates
                if k.same or not (
                    (k.field or "").startswith("Resources.") or _parameter_of(k) is not None
                )
            ),
        )
        for d in documents
    ]


def _is_cloudformation(data: Any) -> bool:
    """:func:`gdcc_audit.load.cloudformation.is_cloudformation`, imported with the first parsed
    YAML / JSON document asked about: a run of Terraform files never loads the CloudFormation
    loader (and its ``Fn::ForEach``, ``AWS::Include``, rain and parameter-default readers)."""
    from gdcc_audit.load.cloudformation import is_cloudformation as real

    return real(data)


def _for_heat(data: Any) -> bool:
    """A template only OpenStack Heat reads: HOT (``heat_template_version``), Heat's own
    CloudFormation-like format (``HeatTemplateFormatVersion``) or a Heat environment file
    (``heat.common.environment_format`` loads it with the same YAML loader). An
    ``AWSTemplateFormatVersion`` template may be meant for AWS CloudFormation as well, which
    does not say what it does."""
    from gdcc_audit.load.heat import is_environment, is_heat

    return (
        is_heat(data)
        or is_environment(data)
        or (isinstance(data, dict) and "HeatTemplateFormatVersion" in data)
    )


def _keeping_last(
    text: str, path: Path, error: InputError, settings: Settings, cfn: bool
) -> list[LocatedDocument] | None:
    """The documents of a file with a key written twice, read keeping the last value, as
    OpenStack Heat reads a template: ``heat.common.template_format`` loads it with
    ``json.loads`` or PyYAML's ``yaml.load`` (CSafeLoader), and both keep the last value of a
    duplicate key without a word. Used for Heat templates (``_for_heat``) and Kubernetes
    manifests (``_kubernetes_duplicates``: ``kubectl apply -f`` and Helm keep the last value
    too); CloudFormation (AWS: a template with duplicates "might" be accepted, with
    "undefined behavior") stays refused, but for sections that configure nothing. ``None``
    when the error is another one or the file does not read either way."""
    if not error.message.startswith("duplicate key "):
        return None
    try:
        documents = parse_yaml(
            text,
            str(path),
            max_nodes=settings.max_yaml_nodes,
            cfn_tags=cfn,
            max_depth=settings.max_depth,
            keep_last=True,
        )
    except InputError:
        return None
    return [d for d in documents if d.data is not None]


#: Why a HOT template's key written twice with two values is read keeping the last: Heat
#: reads it so; the first value is read for the secrets written in it only
#: (``normalize.heat.mapper``, ``load.ignored_values``).
_HOT_DIFFER = (
    "read as Heat reads it, keeping the last value; the value at line {first} is ignored: "
    "only the secrets written in it are reported"
)
_HOT_SAME = "read as Heat reads it, keeping the last value; the value at line {first} is ignored"


def _heat_duplicate_warnings(path: Path, documents: list[LocatedDocument]) -> list[InputError]:
    """:func:`_duplicate_warnings` for a file Heat reads: the ignored values of a template
    (HOT, or Heat's CloudFormation-like format) are read for secrets (its warning says so);
    an environment file keeps the plain reading's words."""
    from gdcc_audit.load.heat import is_heat

    def template(data: Any) -> bool:
        return is_heat(data) or (isinstance(data, dict) and "HeatTemplateFormatVersion" in data)

    hot = [d for d in documents if template(d.data)]
    other = [d for d in documents if not template(d.data)]
    return [
        *_duplicate_warnings(path, hot, _HOT_DIFFER, _HOT_SAME),
        *[
            # an environment's parameter value written twice: its first value is read for
            # secrets on each template of the scan the environment is for
            InputError(w.path, w.message + _ENV_SECRETS, w.line, w.column, field=w.field)
            if not d.same and _env_value(d.pointer) else w
            for document in other
            for d, w in zip(
                document.duplicates, _duplicate_warnings(path, [document]), strict=True
            )
        ],
    ]


#: Added to the warning on a Heat environment's parameter value written twice.
_ENV_SECRETS = (
    ": only the secrets written in it are reported, on the templates of the scan the "
    "environment is for"
)


def _env_value(pointer: str) -> bool:
    """Whether a duplicate key's pointer is a parameter value of a Heat environment
    (``/parameters/NAME``, ``/parameter_defaults/NAME``)."""
    tokens = pointer.split("/")[1:]
    return len(tokens) == 2 and tokens[0] in ("parameters", "parameter_defaults")


def _duplicate_warnings(
    path: Path, documents: list[LocatedDocument], why: str | None = None, same: str = ""
) -> list[InputError]:
    """One warning per key written twice, at its second place (``why``: the reason it is read,
    with ``{section}`` and ``{first}``; Heat's reading by default; ``same``: the reason for
    one written with the same value both times, CloudFormation's by default)."""
    return [
        InputError(
            str(path),
            f"duplicate key {d.key!r} (first at line {d.first_line}): "
            + (
                f"read as Heat reads it, keeping the last value; the value at line "
                f"{d.first_line} is ignored"
                if why is None
                else ((same or _CFN_SAME) if d.same else why).format(
                    section=(d.field or "").split(".", 1)[0], first=d.first_line
                )
            ),
            d.line,
            d.column,
            field=d.field,
        )
        for document in documents
        for d in document.duplicates
    ]


def _json(path: Path, text: str, settings: Settings) -> Any:
    """JSON through the json module (no line numbers), with the same depth limit."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from exc
    except RecursionError as exc:
        line = deep_line(text, settings.max_depth)
        raise depth_error(str(path), settings.max_depth, line) from exc
    check_depth(str(path), data, settings.max_depth, text)
    return data


def _is_helm_template(path: Path, settings: Settings) -> bool:
    """Whether a YAML file holds Helm template actions (it is never valid YAML as written)."""
    if path.suffix not in (".yaml", ".yml"):
        return False
    try:
        data = read_bytes(path, settings.max_file_bytes)
    except InputError:
        return False  # parse_structured reports the problem
    if b"{{" not in data:
        return False
    from gdcc_audit.load.kubernetes import values_name

    # a chart's values are data: Helm renders ``tpl`` strings in them only through a template
    # (``{{ tpl .Values.x . }}``), so a values file is read as the YAML it is (for secrets)
    return not values_name(path) and (
        has_helm_action(data.decode("utf-8", "replace")) or chart_template(path)
    )


def _is_jinja_template(path: Path, settings: Settings) -> bool:
    """Whether a file named as a Jinja template (``*.j2.yaml``) holds Jinja markup (``{%``,
    ``{{``): it is rarely valid YAML as written, and its values are template text."""
    if not path.name.lower().endswith(_JINJA_SUFFIXES):
        return False
    try:
        data = read_bytes(path, settings.max_file_bytes)
    except InputError:
        return False  # parse_structured reports the problem
    return b"{%" in data or b"{{" in data


#: YAML errors that template placeholders cause: ``name: etcd-{{cell}}`` reads ``{{cell}}`` as
#: a mapping used as a key; ``{% if %}`` starts with a character no token can start with.
_PLACEHOLDER_ERRORS = ("a mapping or list used as a key", "invalid YAML: found character '%'",
                       "invalid YAML: found character that cannot start any token")  # fmt: skip


#: The YAML scanner error reported on the line after the simple key it was scanning.
_SIMPLE_KEY = "could not find expected ':'"


def _template_reason(path: Path, error: InputError, settings: Settings) -> str | None:
    """Why a YAML or JSON file that does not parse is a template, or None (it is broken
    input): ``{{ }}`` / ``{% %}`` / ``%%NAME%%`` placeholders (mustache, Jinja, cookiecutter,
    Go templates, sed-style tokens) or a Terraform ``templatefile`` template (``%{ if }``
    directives, ``${ a ? b : c }`` expressions). The file holds them, and the error is one that
    placeholders cause, is on a line that holds one, or follows a template action written on
    its own line."""
    if path.suffix not in (".yaml", ".yml", ".json"):
        return None
    try:
        data = read_bytes(path, settings.max_file_bytes)
    except InputError:
        return None
    terraform = _TERRAFORM_TEMPLATE.search(data) is not None
    if not terraform and _PLACEHOLDER.search(data) is None:
        return None
    reason = TERRAFORM_TEMPLATE_REASON if terraform else PLACEHOLDER_REASON
    if path.suffix != ".json" and error.message.startswith(_PLACEHOLDER_ERRORS):
        return reason
    if error.line is None:
        return None
    lines = data.splitlines()
    # the placeholder is what breaks the line (``Size: {{ x[y].z }}``), or the line before it
    # when YAML was scanning a simple key there ("could not find expected ':'" is reported on
    # the next line: GoReleaser's ``{{addURIAndSha "https://.../{{ .TagName }}/x" .TagName }}``)
    first = error.line - (2 if _SIMPLE_KEY in error.message else 1)
    near = lines[max(first, 0):error.line] if error.line > 0 else []
    if any(_PLACEHOLDER.search(at) or _TERRAFORM_TEMPLATE.search(at) for at in near):
        return reason
    # another error shortly after an action written on its own line (``{{ if .x }}``,
    # ``{{- range .y }}``: Go template lines, as ECK's e2e manifests write them, break the
    # YAML after them; such a line is never YAML's own)
    before = lines[max(error.line - _ACTION_REACH, 0):error.line]
    return reason if any(_ACTION_LINE.match(line) for line in before) else None


def _starts_with(path: Path, head: bytes, settings: Settings) -> bool:
    try:
        return read_bytes(path, settings.max_file_bytes).startswith(head)
    except InputError:
        return False


def _set_aside(
    path: Path, outcome: ParsedFile | InputError, settings: Settings, loaders: Sequence[Loader]
) -> str | None:
    """Why a file that does not parse is not configuration (a template with placeholders,
    JSON with comments, a tool's file with a key written twice, a text template named
    ``.template``), or None: it is broken input."""
    if isinstance(outcome, InputError):
        if _starts_with(path, _GO_FUZZ, settings):
            return GO_FUZZ_REASON
        template = _template_reason(path, outcome, settings)
        if template is not None:
            return template
        if _jsonc_not_configuration(path, outcome, settings, loaders):
            return JSONC_REASON
        errors = [outcome]
    elif outcome.errors and None not in (
        reasons := {_template_reason(path, e, settings) for e in outcome.errors}
    ):
        # a multi-document template: the documents that parse hold template text too
        return min(r for r in reasons if r is not None)
    else:
        errors = outcome.errors
    if not errors:
        return None
    try:
        text = decode(str(path), read_bytes(path, settings.max_file_bytes), utf16=True)
    except InputError:
        return None
    whole = isinstance(outcome, InputError) or not outcome.documents
    if whole and _duplicates_not_configuration(path, text, errors, settings, loaders):
        return DUPLICATE_REASON
    if (
        path.suffix == ".template"
        and errors[0].message.startswith("invalid YAML")
        and _TEMPLATE_MARKERS.search(text) is None
    ):
        return TEXT_TEMPLATE_REASON
    return None


#: What a CloudFormation or Heat template holds (``.template`` names both).
_TEMPLATE_MARKERS = re.compile(
    r'^\s*"?(?:AWSTemplateFormatVersion|heat_template_version|HeatTemplateFormatVersion'
    r'|Resources|resources)"?\s*:',
    re.MULTILINE,
)


def _duplicates_not_configuration(
    path: Path, text: str, errors: list[InputError], settings: Settings,
    loaders: Sequence[Loader],
) -> bool:
    """Whether a file refused only for keys written twice reads, keeping the last value, as
    something no loader takes for configuration (a CI file, a tool's settings): its duplicate
    is that tool's business. Configuration with a duplicate stays an error (Kubernetes and
    CloudFormation refuse it)."""
    if not all(e.message.startswith("duplicate key ") for e in errors):
        return False
    kept = _keeping_last(text, path, errors[0], settings, path.suffix != ".json")
    if not kept:
        return False
    return _owner(path, ParsedFile(path, "", kept), loaders) is None


def _jsonc_not_configuration(
    path: Path, error: InputError, settings: Settings, loaders: Sequence[Loader]
) -> bool:
    """Whether a ``.json`` file that does not parse is JSON with comments or trailing commas
    (``.vscode/launch.json``) that no loader reads as configuration: a tool's settings file,
    not broken input. JSONC that a loader would read (a CloudFormation template with
    comments) stays an error: the tool that deploys it refuses it."""
    if path.suffix != ".json" or not error.message.startswith("invalid JSON"):
        return False
    try:
        text = decode(str(path), read_bytes(path, settings.max_file_bytes), utf16=True)
    except InputError:
        return False
    data = read_jsonc(text)
    if data is None:
        return False
    parsed = ParsedFile(path, "", [LocatedDocument(data)])
    return _owner(path, parsed, loaders) is None


#: A placeholder as template tools write it: ``{{cell}}``, ``{{ .name }}``, ``{{ x | y }}``,
#: ``{{ a[b].c }}``, ``{% if x %}``, ``%%%API_ADDR%%%`` (not any run of braces: ``{{{{}}}}: 1``
#: is a broken key, not a template). Bounded repetitions only, without overlap: a first
#: ``%%+...%%+`` took 8 s on 20,000 ``%`` (quadratic).
_PLACEHOLDER = re.compile(
    rb"\{\{-?\s*[A-Za-z_.$][\w.\- |'\"()\[\]]{0,200}\}\}|\{%-?\s*[a-z]"
    rb"|%{2,3}[A-Za-z_][\w.]{0,100}%{2,3}"
)
#: Terraform template syntax (``templatefile``): a directive (``%{ if x ~}``, ``%{ endfor }``)
#: or an interpolation holding an expression no other tool writes (``${a ? b : c}``,
#: ``${lookup(m, "k")}``, ``${x[0]}``); a plain ``${name}`` is shell, envsubst or
#: CloudFormation too. The part before the first ``?``, ``(`` or ``[`` cannot hold one, so
#: a line of ``${((((...`` is not tried 200 x 200 ways.
_TERRAFORM_TEMPLATE = re.compile(
    rb"%\{~?\s*(?:if|for|else|endif|endfor)\b|\$\{[^}\n?(\[]{0,200}[?(\[][^}\n]{0,200}\}"
)
#: How many lines before a YAML error a template action on its own line is looked for.
_ACTION_REACH = 10
#: A line that is a template action and nothing else (``{{ if .OcpCluster }}``, ``{{- end }}``,
#: ``{{- $run := .TestRun -}}``, ``{% for x in y %}``): no YAML line looks so.
_ACTION_LINE = re.compile(rb"^\s*(\{\{-?\s*[$A-Za-z_.][^{}]{0,200}-?\}\}|\{%-?.{0,200}-?%\})\s*$")


def _patch_paths(data: Any) -> Iterable[str]:
    """The patch files one kustomization document names, as written (relative to it)."""
    if not isinstance(data, dict):
        return
    for name in _PATCH_FIELDS:
        items = data.get(name)
        for item in items if isinstance(items, list) else ():
            written = item.get("path") if isinstance(item, dict) else item
            # an inline strategic merge patch is a multi-line string, not a file name
            if isinstance(written, str) and written.strip() and "\n" not in written:
                yield written.strip()


def kustomize_patches(
    files: Sequence[tuple[Path, bool]], settings: Settings, cache: ParseCache
) -> dict[str, str]:
    """Files of the scan that a kustomization of the scan names as patches, each with that
    kustomization's path. A strategic merge patch looks like a Kubernetes object but holds
    only the fields it changes: judged as a whole object, it failed every rule whose setting
    it leaves out (``runAsNonRoot`` not set) and passed every rule whose risky setting the
    object it patches holds. A kustomization that does not parse is reported as such."""
    found: dict[str, str] = {}
    for path, _named in files:
        if path.name not in _KUSTOMIZATIONS:
            continue
        outcome = call(str(path), "parsing it", partial(parse_structured, path, settings, cache))
        if isinstance(outcome, InputError):
            continue
        for document in outcome.documents:
            for written in _patch_paths(document.data):
                target = os.path.normpath(os.path.join(str(path.parent), written))
                found.setdefault(target, str(path))
    return found


def helmfile_values(
    files: Sequence[tuple[Path, bool]], settings: Settings, cache: ParseCache
) -> dict[str, tuple[str, dict[str, Any]]]:
    """Files of the scan that a helmfile of the scan names as values files (any name:
    ``config/app-prod.yaml``), each with that helmfile's path and the release's chart folder
    when it is local (``load.helmfile``). A helmfile that does not parse names none."""
    from gdcc_audit.load.helmfile import helmfile_name, is_helmfile, named_values

    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for path, _named in files:
        if not helmfile_name(path):
            continue
        outcome = call(str(path), "parsing it", partial(parse_structured, path, settings, cache))
        if isinstance(outcome, InputError):
            continue
        documents = [d.data for d in outcome.documents]
        if not is_helmfile(path, documents):
            continue
        for target, chart in named_values(path, documents).items():
            found.setdefault(target, (str(path), {"chart": chart}))
    return found


def _owner(
    path: Path, parsed: ParsedFile | None, loaders: Sequence[Loader]
) -> Loader | InputError | None:
    """The first loader that claims the file; a loader whose ``claim()`` crashes on it is
    named in the file's error (the file is not assessed: it might have been that loader's)."""
    for loader in loaders:
        claimed = call(
            str(path), f"recognising it ({loader.name})", partial(loader.claim, path, parsed)
        )
        if isinstance(claimed, InputError):
            return claimed
        if claimed:
            return loader
    return None


def _helmfile_claim(
    result: Discovery, path: Path, parsed: ParsedFile | None,
    given: tuple[str, dict[str, Any]] | None, kubernetes: Loader | None,
) -> bool:
    """Give a values file a helmfile names, whatever its name, to the Kubernetes loader
    (read for secrets as a chart's values are); False when it is no such file."""
    if given is None or kubernetes is None or parsed is None:
        return False
    from gdcc_audit.load.kubernetes import values_documents

    if not values_documents(parsed):
        return False
    result.claims.setdefault(kubernetes.name, []).append(Claim(path, parsed, named_by=given))
    return True


def _helmfile_named(path: Path) -> bool:
    """A file named as helmfile's configuration: its ``{{ }}`` actions (a values file name
    ``values/{{ .Release.Name }}.yaml``) are parsed as YAML strings, and a helmfile that is
    no YAML as written is set aside as a template when it fails to parse."""
    from gdcc_audit.load.helmfile import helmfile_name

    return helmfile_name(path)


def _set_aside_unparsed(
    path: Path, patches: dict[str, str], settings: Settings, values: bool = False
) -> str | None:
    """Why a file is not configuration, told before parsing it (or None): a Terragrunt unit
    (listed: a Terragrunt tree scanned as it is holds nothing else to report), OpenTofu's
    twin of a Terraform file (``main.tofu`` beside ``main.tf``: read as Terraform reads the
    folder, see :mod:`gdcc_audit.load.terraform.names`), a kustomize
    patch, a Helm or Jinja template (a chart template is rarely valid YAML, and when it is,
    its values are template text that no loader should read as configuration); ``values``:
    a helmfile names the file as values (data, as a chart's ``values.yaml`` is)."""
    if path.name in _TERRAGRUNT_FILES:
        return TERRAGRUNT_REASON
    twin = twin_name(path.name)
    if twin is not None and os.path.isfile(path.parent / twin):
        return _tofu_twin_reason(twin)
    if not path.name.endswith(STRUCTURED_SUFFIXES):
        return chart_archive(path)
    kustomization = patches.get(os.path.normpath(str(path)))
    if kustomization is not None:
        return KUSTOMIZE_PATCH_REASON.format(kustomization=kustomization)
    if not values and _is_helm_template(path, settings) and not _helmfile_named(path):
        return HELM_REASON
    if _is_jinja_template(path, settings):
        return JINJA_REASON
    return None


def _unread_kinds(parsed: ParsedFile) -> str | None:
    """Why a parsed file of Kubernetes-style objects no loader took is not read (see
    :func:`gdcc_audit.load.kubernetes.unread_kinds_reason`); imported here, when a YAML or
    JSON file is left over, not by a Terraform-only run."""
    from gdcc_audit.load.kubernetes import unread_kinds_reason

    return unread_kinds_reason(d.data for d in parsed.documents)


#: A Heat environment section at the start of a line (``openstack stack create -e x.env``).
_HEAT_ENVIRONMENT = re.compile(
    rb"^(?:resource_registry|parameter_defaults|parameters):[ \t]*(?:#.*)?\r?$", re.MULTILINE
)


def _heat_environment(path: Path, settings: Settings) -> bool:
    """Whether a ``*.env`` file is a Heat environment (YAML with an environment section at
    the start of a line; some projects name them ``x.env``); a dotenv file of ``KEY=value``
    lines is not, and is passed over as before."""
    if path.suffix != ".env":
        return False
    try:
        data = read_bytes(path, settings.max_file_bytes)
    except InputError:
        return False
    return _HEAT_ENVIRONMENT.search(data) is not None


def _may_be_configuration(path: Path, loaders: Sequence[Loader]) -> bool:
    """Whether a file of this name may be configuration: YAML, JSON, ``.template``, or a name
    a loader takes by its suffix (``.tf``)."""
    if path.name.endswith(STRUCTURED_SUFFIXES):
        return True
    return any(loader.suffixes and path.name.endswith(loader.suffixes) for loader in loaders)


def _tofu_twin_reason(twin: str) -> str:
    """Why OpenTofu's file beside its Terraform twin ``twin`` is not read (``names.py``)."""
    return (
        f"OpenTofu reads this file in place of {twin}, which Terraform reads (Terraform reads "
        f"no .tofu file): the folder is assessed as Terraform reads it, with {twin}; "
        f"to assess what OpenTofu deploys, scan a copy of the folder without {twin}"
    )


def discover(paths: Sequence[Path], loaders: Sequence[Loader], settings: Settings) -> Discovery:
    """Walk ``paths`` and give each file to the first loader that claims it."""
    result = Discovery()
    cache = ParseCache.for_settings(settings)
    walked = walk(paths, settings.exclude)
    files, result.errors, result.excluded = walked.files, walked.errors, walked.excluded
    result.real_paths = walked.real
    for path, kind in walked.special:
        result.set_aside(path, f"{kind}, not a regular file: not read")
    for path in walked.broken:
        if _may_be_configuration(path, loaders):
            target = os.readlink(path)
            result.errors.append(InputError(str(path), f"broken symbolic link (to {target})"))
        # else: a link to a script or document, passed over as the file itself would be
    patches = kustomize_patches(files, settings, cache)
    helm_values = helmfile_values(files, settings, cache)
    kubernetes = next((loader for loader in loaders if loader.name == "kubernetes"), None)
    for path, named in files:
        parsed: ParsedFile | None = None
        given = helm_values.get(os.path.normpath(str(path))) if kubernetes else None
        before = _set_aside_unparsed(path, patches, settings, given is not None)
        if before is not None:
            result.set_aside(path, before)
            continue
        if path.name.endswith(STRUCTURED_SUFFIXES) or _heat_environment(path, settings):
            parse = partial(parse_structured, path, settings, cache)
            outcome = call(str(path), "parsing it", parse)
            aside = _set_aside(path, outcome, settings, loaders)
            if aside is not None:
                result.set_aside(path, aside)
                continue
            if isinstance(outcome, InputError):
                result.errors.append(outcome)
                continue
            parsed = outcome
            result.hashes[str(path)] = parsed.sha256
            result.errors.extend(parsed.errors)
            result.warnings.extend(parsed.warnings)
        if _helmfile_claim(result, path, parsed, given, kubernetes):
            continue
        owner = _owner(path, parsed, loaders)
        if isinstance(owner, InputError):
            result.errors.append(owner)
            continue
        if owner is None and parsed is not None and parsed.errors:
            continue  # its broken documents are listed; the rest is nothing we read
        if owner is None:
            if parsed is not None or named:
                result.unrecognised.append((path, parsed.sha256 if parsed else None))
            why = (chart_metadata(path, parsed) or _unread_kinds(parsed)) \
                if parsed is not None else None
            if why is not None:
                result.reasons[str(path)] = why
            continue
        result.claims.setdefault(owner.name, []).append(Claim(path, parsed))
    return result
