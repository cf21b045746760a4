"""A module directory's declarations, gathered from its parsed files."""

from __future__ import annotations

import contextlib
import os
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.terraform.ast import (
    Attr,
    Attribute,
    Block,
    Body,
    Expr,
    Index,
    Lit,
    Traversal,
    Var,
)
from gdcc_audit.load.terraform.origins import ExprShape, Ref

#: Resource arguments that configure Terraform itself rather than the resource.
META_ARGUMENTS = frozenset({"count", "for_each", "provider", "depends_on"})
META_BLOCKS = frozenset({"lifecycle", "provisioner", "connection"})
#: Meta blocks read for the secrets written in them only (``TfResource.provisioning``): how
#: Terraform logs in to the machine it made (``connection { password, private_key }``) and
#: what it runs there or locally (``provisioner "remote-exec" { inline }``, ``local-exec``
#: ``command`` / ``environment``).
PROVISIONING_BLOCKS = frozenset({"provisioner", "connection"})
MODULE_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})


def question_lines(text: str) -> tuple[int, ...]:
    """The 1-based lines of a native HCL text holding a ``?`` (counted by ``\\n``, as the
    parsers count them): a conditional (``cond ? a : b``) is written on one of them, so a
    block none of whose lines holds one has no condition to split (:func:`may_branch`,
    ``branches.conditions``)."""
    found: list[int] = []
    line, at = 1, 0
    position = text.find("?")
    while position >= 0:
        line += text.count("\n", at, position)
        at = position
        if not found or found[-1] != line:
            found.append(line)
        position = text.find("?", position + 1)
    return tuple(found)


def may_branch(questions: Sequence[int], start_line: int, end_line: int) -> bool:
    """Whether a line from ``start_line`` to ``end_line`` holds a ``?``
    (``questions``: :func:`question_lines` of the block's file)."""
    index = bisect_left(questions, start_line)
    return index < len(questions) and questions[index] <= end_line


@dataclass
class ModuleDef:
    """Everything declared in one module directory."""

    dir: str
    files: list[str] = field(default_factory=list)
    variables: dict[str, Block] = field(default_factory=dict)
    locals: dict[str, Attribute] = field(default_factory=dict)
    #: The file each local is declared in.
    local_files: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, Block] = field(default_factory=dict)
    resources: list[Block] = field(default_factory=list)
    calls: dict[str, Block] = field(default_factory=dict)
    providers: list[Block] = field(default_factory=list)
    #: ``terraform`` blocks (their ``required_providers`` say which provider versions the
    #: module accepts).
    settings: list[Block] = field(default_factory=list)
    #: Resource and module blocks declared a second time (not assessed; see ``add``).
    duplicates: list[Block] = field(default_factory=list)
    _addresses: dict[tuple[str, str, str], Block] = field(default_factory=dict, repr=False)
    #: Per block (by id, the block kept beside its entry): each attribute's value path,
    #: whether its value is written in place and the names it reads (``origins.names_read``).
    #: A function of the block's text alone, so every root calling the module shares it
    #: (``ModuleInstance._block_origins``).
    attribute_places: dict[
        int, tuple[Block, list[tuple[str, Attribute, bool, frozenset[str]]]]
    ] = field(default_factory=dict, repr=False)
    #: Per block (by id, kept as ``attribute_places``): the inputs and locals its arguments
    #: test against null or as a condition (``module.null_tests``), shared by every root
    #: calling the module.
    null_tests: dict[int, tuple[Block, list[tuple[str, Any]]]] = field(
        default_factory=dict, repr=False
    )
    #: Per block (by id, kept as ``attribute_places``): the other conditions and the
    #: ``dynamic`` blocks its arguments could be split on (``branches.conditions``,
    #: ``branches.dynamic_blocks``), shared as ``null_tests``.
    branch_splits: dict[int, tuple[Block, list[Any], list[Block]]] = field(
        default_factory=dict, repr=False
    )
    #: Per argument expression of a called module (by id, the expression kept in its entry,
    #: with the value path it is read under): what ``ModuleInstance._block_origins`` reads
    #: from its shape alone, shared by every root and instance that takes the expression.
    expr_shapes: dict[tuple[str, int], ExprShape] = field(
        default_factory=dict, repr=False
    )
    #: The bodies a split of a resource's cases rewrites (``branches.forced`` /
    #: ``branches.copied``), by the ids of the body, the condition or ``dynamic`` block and
    #: the branch or count of copies (the body and what was forced kept beside the result):
    #: a function of the block's text alone, so every root and instance of the block, and
    #: every case split again from the same body, shares one rewrite
    #: (``ModuleInstance._rewritten``).
    rewritten: dict[tuple[int, int, object], tuple[Body, object, Body]] = field(
        default_factory=dict, repr=False
    )
    #: Per block of a called module (by id, kept as ``attribute_places``): the
    #: ``module.same_value_key`` of each top-level attribute asked for so far (a function of
    #: its expression alone), shared by every root and instance of the block.
    value_keys: dict[int, tuple[Block, dict[str, str | None]]] = field(
        default_factory=dict, repr=False
    )
    #: Per ``count`` block (by id, kept as ``attribute_places``): the one input or local list
    #: its arguments read by ``count.index``, None when several or none
    #: (``ModuleInstance._instance_entry``), shared by every root and instance of the block.
    counted_lists: dict[int, tuple[Block, Ref | None]] = field(default_factory=dict, repr=False)
    #: Per block (by id, kept as ``attribute_places``): whether it has an argument named like
    #: a secret (``secret_origins.has_secret_names``: only those are traced).
    secret_named: dict[int, tuple[Block, bool]] = field(default_factory=dict, repr=False)
    #: Resource blocks (by id, the block itself kept) none of whose lines holds a ``?``: no
    #: conditional in their arguments (``branches.conditions`` is not asked); a block of a
    #: file whose lines were not told (JSON syntax), or merged with an override, is not here.
    unconditional: dict[int, Block] = field(default_factory=dict, repr=False)

    def add(
        self, file: str, body: Body, questions: tuple[int, ...] | None = None
    ) -> list[InputError]:
        """Add the top-level blocks of one file; a resource, module call or output declared
        twice in the module (Terraform refuses the configuration) is an error with its line,
        and the first declaration is kept. ``questions``: the file's lines holding a ``?``
        (``branches.question_lines``; None when not told)."""
        self.files.append(file)
        errors: list[InputError] = []
        for block in body.blocks:
            kind, labels = block.type, block.labels
            if kind in ("resource", "data") and len(labels) >= 2:
                key = (kind, labels[0], labels[1])
                first = self._addresses.get(key)
                if first is not None:
                    what = ("data." if kind == "data" else "") + ".".join(labels[:2])
                    errors.append(_duplicate(block, what, first, _SECRETS_ONLY))
                    self.duplicates.append(block)
                    continue
                self._addresses[key] = block
                self.resources.append(block)
                if questions is not None and not may_branch(
                    questions, block.start_line, block.end_line
                ):
                    self.unconditional[id(block)] = block
            elif kind == "variable" and labels:
                self.variables[labels[0]] = block
            elif kind == "locals":
                self.locals.update(block.body.attributes)
                self.local_files.update(dict.fromkeys(block.body.attributes, file))
            elif kind == "output" and labels:
                if labels[0] in self.outputs:
                    errors.append(_duplicate(block, f"output {labels[0]}", self.outputs[labels[0]]))
                    continue
                self.outputs[labels[0]] = block
            elif kind == "module" and labels:
                if labels[0] in self.calls:
                    errors.append(_duplicate(block, f"module.{labels[0]}", self.calls[labels[0]]))
                    self.duplicates.append(block)
                    continue
                self.calls[labels[0]] = block
            elif kind == "provider" and labels:
                self.providers.append(block)
            elif kind == "terraform":
                self.settings.append(block)
        return errors

    def override(self, file: str, body: Body) -> list[InputError]:
        """Merge the top-level blocks of an override file (``override.tf``, ``*_override.tf``)
        into the blocks they name, as Terraform does ("Override Files"): an argument replaces
        the argument of the same name, nested blocks of a type replace every block of that type
        (a ``dynamic`` one included), ``lifecycle`` is merged argument by argument, locals by
        name. An override whose block is not declared (Terraform refuses it) is an error with
        its line and is not assessed; a default (not aliased) provider block needs none: it
        overrides the empty configuration an absent one stands for."""
        self.files.append(file)
        errors: list[InputError] = []
        for block in body.blocks:
            kind, labels = block.type, block.labels
            if kind in ("resource", "data") and len(labels) >= 2:
                key = (kind, labels[0], labels[1])
                base = self._addresses.get(key)
                if base is None:
                    errors.append(_no_base(block, ".".join(labels[:2])))
                    self.duplicates.append(block)
                    continue
                merged = merge_blocks(base, block)
                self._addresses[key] = merged
                self.resources[self.resources.index(base)] = merged
            elif kind == "locals":
                self.locals.update(block.body.attributes)
                self.local_files.update(dict.fromkeys(block.body.attributes, file))
            elif kind in ("variable", "output", "module") and labels:
                table = {"variable": self.variables, "output": self.outputs, "module": self.calls}
                found = table[kind].get(labels[0])
                if found is None:
                    what = f"module.{labels[0]}" if kind == "module" else f"{kind} {labels[0]}"
                    errors.append(_no_base(block, what))
                    if kind == "module":
                        self.duplicates.append(block)
                    continue
                table[kind][labels[0]] = merge_blocks(found, block)
            elif kind == "provider" and labels:
                alias = literal_string(block.body.attributes.get("alias"))
                for index, provider in enumerate(self.providers):
                    same = literal_string(provider.body.attributes.get("alias")) == alias
                    if provider.labels[:1] == labels[:1] and same:
                        self.providers[index] = merge_blocks(provider, block)
                        break
                else:
                    if alias is None and "alias" not in block.body.attributes:
                        # "an absent provider configuration implies an empty provider
                        # configuration", which a default one overrides (Terraform's
                        # configs/module.go, mergeFile); an aliased one needs its base
                        self.providers.append(block)
                    else:
                        errors.append(_no_base(block, f"provider {labels[0]}"))
            elif kind == "terraform":
                self.settings.append(block)
        return errors

    def source_bytes(self) -> int:
        """Bytes of the module's files (a file that cannot be read counts 0)."""
        total = 0
        for path in self.files:
            with contextlib.suppress(OSError):
                total += os.path.getsize(path)
        return total

    def local_sources(self) -> list[str]:
        """The literal ``source`` of every module call that names a local directory."""
        out = []
        for call in self.calls.values():
            source = literal_string(call.body.attributes.get("source"))
            if source is not None and is_local_source(source):
                out.append(source)
        return out


#: What is done with a resource or data block declared a second time: the secrets written in
#: it are found all the same (``normalize.terraform.written_secrets``).
_SECRETS_ONLY = "this one is read only for the secrets written in it"


def _duplicate(
    block: Block, what: str, first: Block, done: str = "this one is not assessed"
) -> InputError:
    where = "" if first.file == block.file else f" in {os.path.basename(first.file)}"
    return InputError(
        block.file,
        f"duplicate {what}: already declared at line {first.start_line}{where} "
        f"(Terraform refuses this configuration); {done}",
        block.start_line,
    )


def _no_base(block: Block, what: str) -> InputError:
    return InputError(
        block.file,
        f"override of {what}: no such block is declared in the module (Terraform refuses "
        "this configuration); this override is not assessed",
        block.start_line,
    )


def is_override_file(path: str) -> bool:
    """``override.tf``, ``x_override.tf`` (and ``.tf.json`` / ``.tofu``): merged into the
    module's other blocks after every other file is read, not declared anew."""
    name = os.path.basename(path)
    for suffix in (".tf.json", ".tofu.json", ".tf", ".tofu"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            return stem == "override" or stem.endswith("_override")
    return False


def _nested_type(block: Block) -> str:
    """The block type a nested block stands for (a ``dynamic "ingress"`` one: ``ingress``)."""
    return block.labels[0] if block.type == "dynamic" and block.labels else block.type


def merge_blocks(base: Block, override: Block) -> Block:
    """``base`` with ``override`` merged in (Terraform's override rules): the base block's
    file and lines are kept, the arguments the override writes replace the base's, each
    nested block type the override writes replaces all base blocks of that type, and
    ``lifecycle`` is merged argument by argument."""
    replaced = {_nested_type(b) for b in override.body.blocks if b.type != "lifecycle"}
    blocks = [b for b in base.body.blocks if _nested_type(b) not in replaced]
    for block in override.body.blocks:
        if block.type != "lifecycle":
            blocks.append(block)
            continue
        index = next((i for i, b in enumerate(blocks) if b.type == "lifecycle"), None)
        if index is None:
            blocks.append(block)
        else:
            blocks[index] = Block(
                "lifecycle",
                (),
                Body({**blocks[index].body.attributes, **block.body.attributes},
                     blocks[index].body.blocks),
                blocks[index].file,
                blocks[index].start_line,
                blocks[index].end_line,
            )  # fmt: skip
    body = Body({**base.body.attributes, **override.body.attributes}, blocks)
    return Block(base.type, base.labels, body, base.file, base.start_line, base.end_line)


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


def provider_reference(expr: Expr) -> tuple[str, Expr | None] | None:
    """The provider configuration an expression names: ``("aws.west", None)`` for
    ``aws.west``; ``("aws.by_region", key)`` for one instance of a configuration with
    ``for_each`` (OpenTofu 1.9: ``aws.by_region["th"]``, ``aws.by_region[each.key]``,
    https://opentofu.org/docs/language/providers/configuration/#for_each), the key still to
    evaluate; None for anything else."""
    if isinstance(expr, Traversal) and expr.ops and isinstance(expr.ops[-1], Index):
        base = Traversal(expr.base, expr.ops[:-1]) if len(expr.ops) > 1 else expr.base
        text = reference_text(base)
        return (text, expr.ops[-1].key) if text is not None and "." in text else None
    text = reference_text(expr)
    return (text, None) if text is not None else None


@lru_cache(maxsize=65536)
def real_path(path: str) -> str:
    """``os.path.realpath``, cached (called for every folder of every module call)."""
    return os.path.realpath(path)
