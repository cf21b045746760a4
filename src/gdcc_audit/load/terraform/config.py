"""A module directory's declarations, gathered from its parsed files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

from gdcc_audit.load.terraform.ast import Attr, Attribute, Block, Body, Expr, Lit, Traversal, Var

#: Resource arguments that configure Terraform itself rather than the resource.
META_ARGUMENTS = frozenset({"count", "for_each", "provider", "depends_on"})
META_BLOCKS = frozenset({"lifecycle", "provisioner", "connection"})
MODULE_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})


@dataclass
class ModuleDef:
    """Everything declared in one module directory."""

    dir: str
    files: list[str] = field(default_factory=list)
    variables: dict[str, Block] = field(default_factory=dict)
    locals: dict[str, Attribute] = field(default_factory=dict)
    outputs: dict[str, Block] = field(default_factory=dict)
    resources: list[Block] = field(default_factory=list)
    calls: dict[str, Block] = field(default_factory=dict)
    providers: list[Block] = field(default_factory=list)

    def add(self, file: str, body: Body) -> None:
        """Add the top-level blocks of one file."""
        self.files.append(file)
        for block in body.blocks:
            kind, labels = block.type, block.labels
            if kind in ("resource", "data") and len(labels) >= 2:
                self.resources.append(block)
            elif kind == "variable" and labels:
                self.variables[labels[0]] = block
            elif kind == "locals":
                self.locals.update(block.body.attributes)
            elif kind == "output" and labels:
                self.outputs[labels[0]] = block
            elif kind == "module" and labels:
                self.calls[labels[0]] = block
            elif kind == "provider" and labels:
                self.providers.append(block)

    def local_sources(self) -> list[str]:
        """The literal ``source`` of every module call that names a local directory."""
        out = []
        for call in self.calls.values():
            source = literal_string(call.body.attributes.get("source"))
            if source is not None and is_local_source(source):
                out.append(source)
        return out


def literal_string(attribute: Attribute | None) -> str | None:
    """The value of an attribute that is a plain string literal."""
    if attribute is not None and isinstance(attribute.expr, Lit):
        value = attribute.expr.value
        if isinstance(value, str):
            return value
    return None


def is_local_source(source: str) -> bool:
    """Terraform reads ``./`` and ``../`` sources from disk; everything else is downloaded."""
    return source.startswith(("./", "../", ".\\", "..\\")) or source in (".", "..")


def reference_text(expr: Expr) -> str | None:
    """``aws.west`` for the expression ``aws.west`` (provider references)."""
    if isinstance(expr, Var):
        return expr.name
    if isinstance(expr, Traversal) and isinstance(expr.base, Var):
        names = [expr.base.name]
        for op in expr.ops:
            if not isinstance(op, Attr):
                return None
            names.append(op.name)
        return ".".join(names)
    if isinstance(expr, Lit) and isinstance(expr.value, str):
        return expr.value
    return None


@lru_cache(maxsize=65536)
def real_path(path: str) -> str:
    """``os.path.realpath``, cached (called for every folder of every module call)."""
    return os.path.realpath(path)
