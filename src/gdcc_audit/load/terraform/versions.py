"""Which provider versions a Terraform root runs with: the strongest fact first.

1. ``.terraform.lock.hcl`` in the root folder: the exact version ``terraform init`` selected
   and every later ``init`` keeps ("Dependency Lock File": Terraform "will use the version
   recorded in the lock file" unless ``-upgrade``).
2. Else the ``version`` constraints of ``required_providers`` in the root and in every module
   it instantiates: Terraform selects a version that meets all of them ("Version
   Constraints": "each module ... the intersection of all"), the newest such release.
3. Else nothing: ``terraform init`` installs the newest release of the provider.

:class:`VersionRange` holds the versions constraints allow (``!=`` exclusions are ignored:
the range only grows, which makes a verdict more cautious, never less).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.source import read_source

if TYPE_CHECKING:
    from gdcc_audit.load.terraform.ast import Block

Version = tuple[int, int, int]

LOCK_FILE = ".terraform.lock.hcl"

_VERSION = re.compile(r"^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?\s*$")
_CONSTRAINT = re.compile(r"^\s*(~>|>=|<=|!=|=|>|<)?\s*(.+?)\s*$")
_LOCK_PROVIDER = re.compile(r'^provider\s+"([^"]+)"\s*\{(.*?)^\}', re.MULTILINE | re.DOTALL)
_LOCK_VERSION = re.compile(r'^\s*version\s*=\s*"([^"]*)"', re.MULTILINE)


def parse_version(text: str) -> tuple[Version, int] | None:
    """``(major, minor, patch)`` and how many parts were written (``5.0`` -> 2); None when
    ``text`` is not a version. A pre-release or build suffix is dropped."""
    match = _VERSION.match(text)
    if match is None:
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    written = len(parts)
    parts += [0] * (3 - written)
    return (parts[0], parts[1], parts[2]), written


def show(version: Version) -> str:
    """``6.0`` for ``(6, 0, 0)``, ``5.31.2`` for ``(5, 31, 2)``."""
    return ".".join(str(p) for p in (version if version[2] else version[:2]))


@dataclass(frozen=True)
class VersionRange:
    """Versions from ``low`` (inclusive when ``low_in``) to ``high`` (inclusive when
    ``high_in``); None is unbounded."""

    low: Version | None = None
    low_in: bool = True
    high: Version | None = None
    high_in: bool = False

    def empty(self) -> bool:
        """No version meets the range."""
        if self.low is None or self.high is None:
            return False
        if self.low == self.high:
            return not (self.low_in and self.high_in)
        return self.low > self.high

    def meet(self, other: VersionRange) -> VersionRange:
        """Versions in both ranges."""
        low, low_in = self.low, self.low_in
        if other.low is not None and (
            low is None or other.low > low or (other.low == low and not other.low_in)
        ):
            low, low_in = other.low, other.low_in
        high, high_in = self.high, self.high_in
        if other.high is not None and (
            high is None or other.high < high or (other.high == high and not other.high_in)
        ):
            high, high_in = other.high, other.high_in
        return VersionRange(low, low_in, high, high_in)

    def overlaps(self, start: Version | None, end: Version | None) -> bool:
        """Some version from ``start`` (inclusive) to before ``end`` is in the range."""
        return not self.meet(VersionRange(start, True, end, False)).empty()


def parse_constraint(text: str) -> VersionRange | None:
    """The versions a constraint string allows (``"~> 5.0, != 5.1.0"``); None when a part
    cannot be read (the constraint then says nothing)."""
    found = VersionRange()
    for part in text.split(","):
        match = _CONSTRAINT.match(part)
        if match is None or not match.group(2):
            return None
        op, parsed = match.group(1) or "=", parse_version(match.group(2))
        if parsed is None:
            return None
        version, written = parsed
        if op == "!=":
            continue
        if op == "=":
            step = VersionRange(version, True, version, True)
        elif op == ">=":
            step = VersionRange(low=version)
        elif op == ">":
            step = VersionRange(low=version, low_in=False)
        elif op == "<=":
            step = VersionRange(high=version, high_in=True)
        elif op == "<":
            step = VersionRange(high=version)
        # "~>": only the rightmost written part may grow ("~> 5.0": >= 5.0, < 6.0)
        elif written == 1:
            step = VersionRange(low=version)
        elif written == 2:
            step = VersionRange(low=version, high=(version[0] + 1, 0, 0))
        else:
            step = VersionRange(low=version, high=(version[0], version[1] + 1, 0))
        found = found.meet(step)
    return found


@dataclass(frozen=True)
class Constraint:
    """One ``version`` constraint of ``required_providers`` and where it is written."""

    text: str
    where: str


@dataclass
class ProviderPin:
    """What the scan says of the version of one provider (by its type name: ``aws``)."""

    #: The source address, without the registry host (``hashicorp/aws``).
    source: str
    #: The version recorded in the root's lock file, and that file.
    locked: str | None = None
    lock_file: str | None = None
    constraints: list[Constraint] = field(default_factory=list)

    def allowed(self) -> VersionRange | None:
        """The versions the constraints allow together (None when there is none to read)."""
        ranges = [parse_constraint(c.text) for c in self.constraints]
        known = [r for r in ranges if r is not None]
        if not known:
            return None
        found = known[0]
        for step in known[1:]:
            found = found.meet(step)
        return found


def provider_type(source: str) -> str:
    """``aws`` for ``registry.terraform.io/hashicorp/aws`` or ``hashicorp/aws``."""
    return source.rstrip("/").rsplit("/", 1)[-1].lower()


def short_source(source: str) -> str:
    """``hashicorp/aws`` for ``registry.terraform.io/hashicorp/aws``; a bare name gets the
    ``hashicorp`` namespace, as Terraform gives it."""
    parts = source.strip().lower().split("/")
    if len(parts) == 1:
        return f"hashicorp/{parts[0]}"
    return "/".join(parts[-2:])


def read_lock_file(directory: str, max_bytes: int) -> tuple[dict[str, str], str | None]:
    """Provider type -> version from ``directory``'s ``.terraform.lock.hcl``, and its path
    (no file: empty, None). The file is written by Terraform in a fixed form: each
    ``provider "<source>" {`` block holds one ``version = "..."`` line."""
    path = os.path.join(directory, LOCK_FILE)
    if not os.path.isfile(path):
        return {}, None
    try:
        text = read_source(Path(path), max_bytes).text
    except InputError:
        return {}, None
    found: dict[str, str] = {}
    for match in _LOCK_PROVIDER.finditer(text):
        version = _LOCK_VERSION.search(match.group(2))
        if version is not None and parse_version(version.group(1)) is not None:
            found[provider_type(match.group(1))] = version.group(1)
    return found, path


def required_providers(value: Any, where: str) -> dict[str, tuple[str, Constraint | None]]:
    """Provider type -> (source, version constraint) from the evaluated body of one
    ``required_providers`` block: ``{aws = {source = "hashicorp/aws", version = "~> 5.0"}}``
    or the older ``{aws = "~> 2.0"}``. The type is the source's (the local name when no
    source is written)."""
    found: dict[str, tuple[str, Constraint | None]] = {}
    if not isinstance(value, dict):
        return found
    for local, spec in value.items():
        if not isinstance(local, str):
            continue
        source, version = local, None
        if isinstance(spec, str):
            version = spec
        elif isinstance(spec, dict):
            if isinstance(spec.get("source"), str):
                source = spec["source"]
            if isinstance(spec.get("version"), str):
                version = spec["version"]
        constraint = Constraint(version.strip(), where) if version and version.strip() else None
        found[provider_type(source)] = (short_source(source), constraint)
    return found


def provider_pins(
    root: str,
    settings_blocks: list[Block],
    max_bytes: int,
    provider_blocks: list[Block] | None = None,
) -> dict[str, ProviderPin]:
    """Provider type -> what the root's lock file and the ``required_providers`` of the root
    and its modules (``settings_blocks``: their ``terraform`` blocks) say of its version,
    with the deprecated ``version`` argument of ``provider_blocks`` (Terraform 0.12 style,
    still honoured with a warning) as one more constraint."""
    # The evaluator only when reading a configuration (mappers read pins without it).
    from gdcc_audit.load.terraform.budget import Budget
    from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown
    from gdcc_audit.load.terraform.types import ConstantScope

    pins: dict[str, ProviderPin] = {}
    budget = Budget()
    for block in settings_blocks:
        for inner in block.body.blocks:
            if inner.type != "required_providers":
                continue
            value: dict[str, Any] = {}
            lines: dict[str, int] = {}
            for name, attribute in inner.body.attributes.items():
                value[name] = evaluate_or_unknown(
                    attribute.expr, Context(ConstantScope(), budget=budget)
                )
                lines[name] = attribute.start_line
            for name, item in value.items():
                found = required_providers({name: item}, f"{inner.file}:{lines[name]}")
                for kind, (source, constraint) in found.items():
                    pin = pins.setdefault(kind, ProviderPin(source))
                    if constraint is not None and constraint not in pin.constraints:
                        pin.constraints.append(constraint)
    for block in provider_blocks or ():
        argument = block.body.attributes.get("version")
        if argument is None or not block.labels:
            continue
        text = evaluate_or_unknown(argument.expr, Context(ConstantScope(), budget=budget))
        if isinstance(text, str) and text.strip():
            kind = provider_type(block.labels[0])
            pin = pins.setdefault(kind, ProviderPin(short_source(block.labels[0])))
            constraint = Constraint(text.strip(), f"{block.file}:{argument.start_line}")
            if constraint not in pin.constraints:
                pin.constraints.append(constraint)
    locked, path = read_lock_file(root, max_bytes)
    for kind, version in locked.items():
        pin = pins.setdefault(kind, ProviderPin(f"hashicorp/{kind}"))
        pin.locked, pin.lock_file = version, path
    return pins
