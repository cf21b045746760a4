"""Parts of the input that were not assessed, and the verdicts they may change.

A file the loader reads only in part (a block with a syntax error or cut short, a resource or
module declared twice that Terraform would refuse, a CloudFormation resource skipped) is
reported "partially assessed" with the lines lost. What a lost part would have said is not
known, but often whom it speaks about is: its text names resources (``aws_s3_bucket.logs.id``,
``!Ref Vpc``, a bucket's literal name). Such a resource's verdicts may be wrong without it: a
lost ``google_kms_crypto_key_iam_binding`` may grant the key to ``allUsers``, a lost
``aws_flow_log`` may be the flow log a network is said to lack.

Loaders record each lost part (:class:`LostPart`) in ``Document.meta["lost_parts"]``;
:func:`gdcc_audit.normalize.lost.attach` gives every resource it names a
:class:`~gdcc_audit.models.resource.LostMention` (``Resource.lost``), and the engine then
turns that resource's PASS, and a FAIL that rests on something not found, into UNKNOWN
naming the lost line. A lost part whose target cannot be told from its text is *blind*: it
reaches resources through ``var.``/``local.``/``module.``/``data.`` values, it is a module
call, or its file could not be read at all. It may configure any resource of its unit (a
Terraform root, a template): every resource of that unit gets the mention, and the unit is
not "the whole configuration" (:class:`gdcc_audit.graph.scope.Scope` lists it among what
was not available).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: Key of ``Document.meta`` holding the document's unit's lost parts (a list of LostPart).
META_KEY = "lost_parts"
#: Key of ``Document.meta`` where the Terraform mapper writes what each companion declared
#: twice would configure: ``{"file:line": {address: [facet, ...]}}``.
LOST_FACETS = "lost_facets"
#: Key of ``Document.meta`` where the Terraform mapper writes the canonical kind of each
#: resource declared twice that is not a companion: ``{"file:line": kind}``.
LOST_KINDS = "lost_kinds"
#: ``LostPart.type`` of a CloudFormation resource whose ``Type`` is no string (a Rain module,
#: ``!Rain::Module path``): it may create anything, but its ``Overrides`` change only the
#: module's own resources, never another resource's ``Properties``.
RAIN_MODULE = "Rain::Module"


@dataclass(frozen=True)
class LostPart:
    """A part of ``file`` from ``line`` that was not assessed.

    ``names`` are the resources its text refers to (Terraform: ``type.name`` within its
    module folder ``folder``; CloudFormation: logical ids); ``literals`` the strings written
    in it (a Terraform companion, of ``type``, may name its target by its literal name);
    ``blind`` when it may configure any resource of its unit (a module call, a Rain module,
    a file not read); see also ``indirect``."""

    file: str
    line: int
    names: tuple[str, ...] = ()
    literals: tuple[str, ...] = ()
    blind: bool = False
    folder: str = ""
    #: Terraform: the type of the resource block lost, when its header was read.
    type: str = ""
    #: Terraform: its text reads ``var.``/``local.``/``module.``/``data.`` values, so what it
    #: names by them cannot be told (blind when it configures other resources: a companion).
    indirect: bool = False
    #: Terraform: the block was read, but its ``count`` / ``for_each`` could not be
    #: evaluated, so its instances (and what they configure) are not known.
    unexpanded: bool = False

    @property
    def where(self) -> str:
        """``file:line``."""
        return f"{self.file}:{self.line}"


def note(meta: dict[str, Any], part: LostPart) -> None:
    """Add ``part`` to a document's ``meta`` (a mapper that could not read a resource)."""
    parts = list(meta.get(META_KEY) or ())
    if all((p.file, p.line) != (part.file, part.line) for p in parts):
        meta[META_KEY] = [*parts, part]


# -- Terraform text --------------------------------------------------------------------------
#: ``aws_s3_bucket.logs`` (a resource type has an underscore: ``var.x``, ``each.key`` are not).
_TF_REFERENCE = re.compile(r"(?<![\w.])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)")
#: A value Terraform computes from something the text does not show.
_TF_INDIRECT = re.compile(r"(?<![\w.])(?:var|local|module|data)\.[A-Za-z_]")
_TF_HEADER = re.compile(
    r"^\s*(resource|data|module|locals|variable|output|provider|terraform|moved|import|check"
    r"|removed)\b",
    re.MULTILINE,
)
_TF_RESOURCE_TYPE = re.compile(r'^\s*resource\s+"([^"]+)"', re.MULTILINE)
#: A block header's labels (``resource "type" "name"``): not values the block gives.
_TF_LABELS = re.compile(r'^\s*[a-z]+((?:\s+"[^"\n]*")+)\s*\{', re.MULTILINE)
_TF_STRING = re.compile(r'"((?:[^"\\\n]|\\.){1,200})"')
#: Top-level blocks that configure no resource (a lost variable or local leaves the values
#: that use it unknown, which the rules already report).
_TF_HARMLESS = frozenset(
    {"data", "locals", "variable", "output", "provider", "terraform", "moved", "import",
     "check", "removed"}
)
_COMMENT = re.compile(r"^\s*(#|//)")
#: A line that starts a top-level block (at the start of the line, as written by hand).
_TF_BLOCK_START = re.compile(
    r"^(resource|data|module|locals|variable|output|provider|terraform|moved|import|check"
    r"|removed)\b"
)


def terraform_part(file: str, line: int, text: str, folder: str) -> LostPart | None:
    """What a lost Terraform text (one block, or the lines a syntax error took) names; None
    when it configures no resource."""
    text = "\n".join(t for t in text.splitlines() if not _COMMENT.match(t))
    header = _TF_HEADER.search(text)
    kind = header.group(1) if header is not None else ""
    if kind in _TF_HARMLESS:
        return None
    names = tuple(
        dict.fromkeys(m.group(2) + "." + m.group(3) for m in _TF_REFERENCE.finditer(text)
                      if not m.group(1))
    )
    body = _TF_LABELS.sub("{", text)
    literals = tuple(dict.fromkeys(m.group(1) for m in _TF_STRING.finditer(body)))
    indirect = _TF_INDIRECT.search(text) is not None
    if not names and not indirect and kind not in ("module", "resource"):
        return None
    typed = _TF_RESOURCE_TYPE.search(text)
    return LostPart(
        file,
        line,
        names,
        literals if kind else (),
        kind == "module",
        folder,
        typed.group(1) if typed else "",
        indirect,
    )


def terraform_parts(file: str, start: int, text: str, folder: str) -> list[LostPart]:
    """:func:`terraform_part` for each top-level block of a lost text that starts at line
    ``start`` (a syntax error may take several blocks), each at its first line that is
    neither blank nor a comment."""
    lines = text.splitlines()
    cuts = [i for i, t in enumerate(lines) if i == 0 or _TF_BLOCK_START.match(t)]
    parts: list[LostPart] = []
    for index, first in enumerate(cuts):
        chunk = lines[first : cuts[index + 1] if index + 1 < len(cuts) else len(lines)]
        meaningful = [i for i, t in enumerate(chunk) if t.strip() and not _COMMENT.match(t)]
        if not meaningful:
            continue
        part = terraform_part(file, start + first + meaningful[0], "\n".join(chunk), folder)
        if part is not None:
            parts.append(part)
    return parts


def uncovered_regions(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, str]]:
    """The runs of lines of ``text`` that no span (1-based, inclusive) covers, each with the
    line it starts at; runs of blank or comment lines only are left out."""
    lines = text.splitlines()
    covered = [False] * (len(lines) + 2)
    for first, last in spans:
        for number in range(max(1, first), min(last, len(lines)) + 1):
            covered[number] = True
    regions: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []
    for number, content in enumerate(lines, start=1):
        if covered[number]:
            _close(run, regions)
            run = []
        else:
            run.append((number, content))
    _close(run, regions)
    return regions


def _close(run: list[tuple[int, str]], regions: list[tuple[int, str]]) -> None:
    if any(t.strip() and not _COMMENT.match(t) for _, t in run):
        regions.append((run[0][0], "\n".join(t for _, t in run)))


def terraform_base(address: str) -> str:
    """``aws_s3_bucket.b`` for ``module.a["x"].module.b.aws_s3_bucket.b[0]``."""
    rest = address
    while rest.startswith("module."):
        rest = rest[len("module.") :]
        depth, cut = 0, len(rest)
        for at, char in enumerate(rest):
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
            elif char == "." and depth == 0:
                cut = at
                break
        rest = rest[cut + 1 :]
    bracket = rest.find("[")
    return rest if bracket < 0 else rest[:bracket]


# -- CloudFormation values -------------------------------------------------------------------
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}")


def template_names(value: Any, logical_ids: Iterable[str]) -> tuple[str, ...]:
    """The logical ids of ``logical_ids`` that ``value`` (a resource's raw body) refers to:
    ``Ref``, ``Fn::GetAtt``, ``${Id}`` in ``Fn::Sub``, ``DependsOn``, Heat's
    ``get_resource`` / ``get_attr``: any string equal to an id, or to ``Id.Attribute``."""
    known = set(logical_ids)
    found: dict[str, None] = {}
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str):
            head = item.split(".", 1)[0]
            if item in known:
                found[item] = None
            elif head in known:
                found[head] = None
            for match in _SUB_NAME.finditer(item):
                if match.group(1) in known:
                    found[match.group(1)] = None
    return tuple(found)


__all__ = [
    "LOST_FACETS",
    "LOST_KINDS",
    "META_KEY",
    "RAIN_MODULE",
    "LostPart",
    "note",
    "template_names",
    "terraform_part",
    "terraform_parts",
    "uncovered_regions",
]
