"""Evaluating a module instance: variables, locals, outputs, resources (with count/for_each
and dynamic blocks) and local module calls, recursively."""

from __future__ import annotations

import json
import linecache
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from gdcc_audit.errors import InputError
from gdcc_audit.load.former_types import FORMER_TYPES
from gdcc_audit.load.terraform import branches as branch_cases
from gdcc_audit.load.terraform import known_modules
from gdcc_audit.load.terraform.aliases import not_passed, undeclared
from gdcc_audit.load.terraform.ast import (
    Attr,
    Attribute,
    Binary,
    Block,
    Body,
    Call,
    Conditional,
    Expr,
    ForExpr,
    Index,
    Lit,
    ObjectExpr,
    Op,
    Template,
    Traversal,
    TupleExpr,
    Unary,
    Var,
    field_values,
)
from gdcc_audit.load.terraform.budget import Budget
from gdcc_audit.load.terraform.cloudinit import CLOUDINIT_TYPES
from gdcc_audit.load.terraform.cloudinit import render as render_cloudinit
from gdcc_audit.load.terraform.config import (
    META_ARGUMENTS,
    META_BLOCKS,
    MODULE_META,
    PROVISIONING_BLOCKS,
    ModuleDef,
    is_local_source,
    literal_string,
    provider_reference,
    real_path,
    reference_text,
)
from gdcc_audit.load.terraform.designation import (
    NOWHERE,
    RESULT_NAMES,
    Choices,
    chooses,
    designates_nothing,
    item_refs,
    lists_beyond,
    possible_results,
    reads_beyond,
)
from gdcc_audit.load.terraform.evaluate import (
    CAPITALISED_BOOLS,
    EACH_REFS,
    Context,
    evaluate,
    evaluate_pending,
    render_text_with_placeholders,
    render_with_placeholders,
    same_shape,
)
from gdcc_audit.load.terraform.line_tokens import code_lines
from gdcc_audit.load.terraform.origins import (
    INPUT_NAMES,
    MAX_HOPS,
    MISSING,
    ExprShape,
    Ref,
    branch_ref,
    carried,
    condition_ref,
    condition_subject,
    conjuncts,
    each_path,
    element_line,
    expr_shape,
    in_place,
    indexed_ref,
    input_ref,
    is_literal,
    item_line,
    item_of,
    looked_up,
    names_read,
    picked_ref,
    sole_input,
    span_end,
    traversal_keys,
    unwrapped,
    value_at,
)
from gdcc_audit.load.terraform.policy_document import render as render_policy_document
from gdcc_audit.load.terraform.secret_origins import SecretTracer, has_secret_names
from gdcc_audit.load.terraform.secret_sources import SECRET_MARK, variable_flag
from gdcc_audit.load.terraform.template_refs import interpolation_origins
from gdcc_audit.load.terraform.types import convert
from gdcc_audit.load.terraform.unread_inputs import (
    INPUT_MODE,
    INPUT_TYPE,
    held_value,
    inputs_read,
    passed_inputs,
    takes_default,
    writes_text,
)
from gdcc_audit.load.terraform.values import (
    Computed,
    Differs,
    EvalError,
    NonEmpty,
    NotNull,
    SetValue,
    has_unknown,
    instance_suffix,
    is_unknown,
    map_key,
    settled,
    to_number,
)
from gdcc_audit.load.terraform_model import (
    DYNAMIC_STATEMENT_TEXT,
    TEXT_PARTIALS,
    UNKNOWN,
    UNKNOWN_TEXT,
    Case,
    TfReference,
    TfResource,
)
from gdcc_audit.models.value_origin import join_places, line_order, unset_input

MAX_DEPTH = 12
MAX_INSTANCES = 5000

#: An input value and the references its expression held.
Valued = tuple[Any, frozenset[str]]


@dataclass
class Evaluation:
    """One root module's evaluation: what every module instance in it contributes."""

    root_dir: str
    load_module: Callable[[str], ModuleDef | None]
    resources: list[TfResource] = field(default_factory=list)
    #: Resources declared a second time (Terraform refuses them; not assessed), evaluated
    #: only so that the mapper can tell which resource and properties each would configure.
    lost: list[TfResource] = field(default_factory=list)
    #: Resources ``count`` makes 0 because of an input or local (``RootResources``).
    not_created: list[TfResource] = field(default_factory=list)
    #: The types of resource whose instances ``not_created`` holds (``LoadOptions``: the
    #: types a mapper reads there); None: every type.
    not_created_types: Set[str] | None = None
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    unexpanded: list[dict[str, Any]] = field(default_factory=list)
    instantiated: set[str] = field(default_factory=set)
    #: Per module folder: the variables every call of it seen so far gives a value
    #: (``unread_inputs.passed_inputs``), and the secret defaults its resources read, which
    #: reach none when every call gives the variable (``_unread_inputs``).
    passed_inputs: dict[str, frozenset[str]] = field(default_factory=dict)
    replaced_defaults: dict[str, list[TfResource]] = field(default_factory=dict)
    #: Problems met while evaluating (capped or refused count/for_each), with file and line.
    issues: list[InputError] = field(default_factory=list)
    #: What the module's expressions may still build and spend (see ``budget``).
    budget: Budget = field(default_factory=Budget)
    #: Files read by ``file()`` / ``templatefile()``, by (path, root, module) as asked: each
    #: is read from disk once per root (up to ``FILES_KEPT_CHARS`` characters in all), so a
    #: module instance reading it again gets the same text without the work.
    files: dict[tuple[str, str, str], tuple[str, str | None]] = field(default_factory=dict)
    files_chars: int = 0
    #: The lines of configuration files read to place a local's object key (``key_line``).
    lines: dict[str, list[str]] = field(default_factory=dict)

    def budget_issues(self) -> list[InputError]:
        """Where the evaluation budget made values UNKNOWN, as input errors."""
        return [
            InputError(file or self.root_dir, message, line)
            for file, line, message in self.budget.messages()
        ]


#: Key of an instance's ``each`` names: the instance exists only if a ``for`` filter not
#: known keeps the items (:func:`_unfiltered`; the resource may not be created).
EACH_MAYBE = "__maybe__"


def _unfiltered(expr: Any) -> Any:
    """A ``for`` expression whose filter tests no item (``{ for k, v in var.rules : k => v
    if local.create }``) without that filter: it keeps every item or none, so when the
    filter is not known its instances are those items, each one that may not be created
    (terraform-aws-efs: ``local.create_security_group`` is ``length(var.mount_targets) >
    0``, the map zipped from another module's output); None for any other expression."""
    if not isinstance(expr, ForExpr) or expr.cond is None:
        return None
    own = {name for name in (expr.key_var, expr.value_var) if name}
    if _reads_names(expr.cond, own):
        return None
    return replace(expr, cond=None)


def _reads_names(node: Any, names: set[str]) -> bool:
    """Whether ``node`` reads a variable named one of ``names`` (a ``for`` item)."""
    if isinstance(node, Var):
        return node.name in names
    if isinstance(node, tuple | list):
        return any(_reads_names(item, names) for item in node)
    return any(_reads_names(item, names) for item in field_values(node))


def expansion(
    body: Body, ctx: Context, issues: list[InputError] | None = None, block: Block | None = None
) -> list[tuple[Any, dict[str, Any]]]:
    """``(instance key, bound names)`` for each instance count/for_each asks for. A negative
    count (Terraform refuses it) gives no instance; more than ``MAX_INSTANCES`` are capped;
    both are appended to ``issues`` with the line of ``block`` (the resource or module call).
    A resource's ``for_each`` filtered by a condition not known that tests no item gives the
    items, each instance marked as one that may not be created (:data:`EACH_MAYBE`)."""
    what = _address(block)
    count_attr = body.attributes.get("count")
    each_attr = body.attributes.get("for_each")
    if count_attr is not None:
        with ctx.budget.at(None, count_attr.start_line):
            count = evaluate_pending(count_attr.expr, ctx)
        if isinstance(count, str):
            # converted to a number as Terraform does (``count = var.n`` of a string input)
            count = _number_or_unknown(count)
        if count is UNKNOWN or isinstance(count, bool) or not isinstance(count, int | float):
            return [(UNKNOWN, {"count": {"index": UNKNOWN}})]
        if count < 0 or count != int(count):
            _issue(issues, block, count_attr, f"{what}: count = {count} is not a whole number >= 0 "
                   "(Terraform refuses it); no instance assessed")
            return []
        if count > MAX_INSTANCES:
            _issue(issues, block, count_attr, f"{what}: count capped at {MAX_INSTANCES:,} of "
                   f"{int(count):,}: the other instances are not assessed")
        return [(i, {"count": {"index": i}}) for i in range(min(int(count), MAX_INSTANCES))]
    if each_attr is not None:
        with ctx.budget.at(None, each_attr.start_line):
            value = evaluate_pending(each_attr.expr, ctx)
        maybe = False
        whole = (
            _unfiltered(each_attr.expr)
            if block is not None and block.type == "resource" and is_unknown(value) else None
        )
        if whole is not None:
            with ctx.budget.at(None, each_attr.start_line):
                unfiltered = evaluate_pending(whole, ctx)
            if (isinstance(unfiltered, dict) and UNKNOWN not in unfiltered) or (
                isinstance(unfiltered, list)
                and all(isinstance(v, str | int | float) for v in unfiltered)
            ):
                value, maybe = unfiltered, True
        if isinstance(value, dict) and UNKNOWN not in value:
            items = sorted(value.items())
        elif isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            items = [(map_key(v), map_key(v)) for v in value]
        else:
            return [(UNKNOWN, {"each": {"key": UNKNOWN, "value": UNKNOWN}})]
        if len(items) > MAX_INSTANCES:
            _issue(issues, block, each_attr, f"{what}: for_each capped at {MAX_INSTANCES:,} of "
                   f"{len(items):,}: the other instances are not assessed")
        # items known only after apply: what each reads (``designation.item_refs``)
        refs = item_refs(each_attr.expr, ctx) if isinstance(value, dict) and any(
            has_unknown(v) for _, v in items
        ) else {}
        marks = {EACH_MAYBE: True} if maybe else {}
        return [
            (k, {"each": {"key": k, "value": v, EACH_REFS: refs[k], **marks} if k in refs
                 else {"key": k, "value": v, **marks}})
            for k, v in items[:MAX_INSTANCES]
        ]
    return [(None, {})]


def _number_or_unknown(text: str) -> Any:
    """``text`` converted to a number, or UNKNOWN when it is not one."""
    try:
        return to_number(text)
    except EvalError:
        return UNKNOWN


#: Region prefixes of the partitions whose service principals may not end in
#: ``amazonaws.com`` (China, the isolated Regions).
_OTHER_PARTITIONS = ("cn-", "us-iso", "eu-iso")


def _service_principal(values: Mapping[str, Any]) -> dict[str, Any]:
    """``data "aws_service_principal"``'s attributes from its arguments: ``name`` is
    ``<service_name>.amazonaws.com`` ("Service Principal Names should always end in the
    standard global format: {servicename}.amazonaws.com. However, in some AWS partitions,
    AWS may expect a different format": Terraform AWS provider, data source
    aws_service_principal, registry.terraform.io/providers/hashicorp/aws/latest/docs/
    data-sources/service_principal), as CloudFormation's ``${AWS::URLSuffix}`` is read
    outside China; not known when the service is not, or the ``region`` written is of
    another partition (``cn-north-1``). ``id`` names the Region (the provider's when
    ``region`` is not written): not known unless written."""
    service, region = values.get("service_name"), values.get("region")
    other = isinstance(region, str) and region.startswith(_OTHER_PARTITIONS)
    # (a ``region`` not known is as the provider's: the partition is taken as above)
    known = isinstance(service, str) and bool(service) and not other
    return {
        **values,
        "name": f"{service}.amazonaws.com" if known else UNKNOWN,
        "suffix": "amazonaws.com" if known else UNKNOWN,
        "id": f"{service}.{region}.amazonaws.com" if known and isinstance(region, str) else UNKNOWN,
    }


def _at(block: Block, attribute: Attribute) -> tuple[str | None, int | None]:
    """Where a budget problem in ``attribute`` of ``block`` is reported."""
    return block.file, attribute.start_line


def _address(block: Block | None) -> str:
    if block is None:
        return ""
    if block.type == "module":
        return "module." + ".".join(block.labels[:1])
    return ("data." if block.type == "data" else "") + ".".join(block.labels[:2])


def _issue(
    issues: list[InputError] | None, block: Block | None, attribute: Attribute, message: str
) -> None:
    if issues is not None and block is not None:
        issues.append(InputError(block.file, message, attribute.start_line))


#: A module call's own arguments (not inputs of the module).
_CALL_ARGUMENTS = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})


class ModuleInstance:
    """One instance of a module (the root, or one call/count/for_each instance of a child)."""

    def __init__(
        self,
        evaluation: Evaluation,
        definition: ModuleDef,
        prefix: str = "",
        inputs: dict[str, Callable[[str | None], Valued]] | None = None,
        root_values: dict[str, Any] | None = None,
        parent: ModuleInstance | None = None,
        call: Block | None = None,
        stack: tuple[str, ...] = (),
        root_origins: dict[str, str] | None = None,
        call_names: dict[str, Any] | None = None,
    ) -> None:
        self.evaluation = evaluation
        self.definition = definition
        self.prefix = prefix
        self.path_module = definition.dir
        self.path_root = evaluation.root_dir
        self.inputs = inputs or {}
        self.root_values = root_values
        #: ``file:line`` of each root variable value set in a ``.tfvars`` file.
        self.root_origins = root_origins or {}
        self.parent = parent
        self.call = call
        #: The ``count`` / ``each`` of this instance of ``call`` (what its arguments read).
        self.call_names = call_names or {}
        self.stack = (*stack, real_path(definition.dir))
        self._values: dict[str, Valued] = {}
        self._busy: set[str] = set()
        self._rendering: set[str] = set()
        self._children: dict[str, dict[Any, ModuleInstance] | None] = {}
        self._managed: dict[tuple[str, str], Block] | None = None
        self._declared_providers: set[str] | None = None
        self._proxy_providers: set[str] | None = None
        #: (block type, resource type, name) -> its instances, expanded once.
        self._instances: dict[tuple[str, str, str], list[tuple[Any, dict[str, Any]]]] = {}
        #: what each block's count / for_each expression refers to
        self._expansion_refs: dict[tuple[str, str, str], tuple[str, ...]] = {}
        #: ``for_each`` of a block rendered with a placeholder (see ``rendered_each``).
        self._rendered: dict[tuple[int, str], Any] = {}

    @property
    def call_chain(self) -> tuple[str, ...]:
        """``file:line`` of each ``module`` block this instance comes through, the root
        module's first (``module.a.module.b``: a's call in the root, then b's in a)."""
        found: list[str] = []
        instance: ModuleInstance | None = self
        while instance is not None and instance.call is not None:
            found.append(f"{instance.call.file}:{instance.call.start_line}")
            instance = instance.parent
        return tuple(reversed(found))

    # -- Scope protocol ----------------------------------------------------------------------
    def read_file(self, path: str) -> tuple[str, str | None]:
        """What ``file(path)`` reads, as Terraform would: a relative path is relative to the
        root module's folder (where Terraform runs), ``path.module`` / ``path.root`` give
        paths as scanned. Only a regular UTF-8 file inside the root's or this module's
        folder, of at most ``READ_FILE_BYTES``, is read (``("refused", None)`` otherwise:
        the value stays unknown); ``("missing", None)`` when there is no such file there.
        A file read from disk raises the evaluation's total as module bytes would (see
        ``budget``); read again in this root, it is the same text (``Evaluation.files``),
        or past ``FILES_KEPT_CHARS`` read again, each reading spending its characters."""
        evaluation = self.evaluation
        key = (path, self.path_root, self.path_module)
        found = evaluation.files.get(key)
        if found is not None:
            return found
        found = read_configuration_file(*key)
        size = len(found[1] or "")
        evaluation.budget.cover(size)
        if evaluation.files_chars + size <= FILES_KEPT_CHARS:
            evaluation.files[key] = found
            evaluation.files_chars += size
        else:  # read from disk each time: each reading is work
            evaluation.budget.spend(size)
        return found

    def variable(self, name: str, ctx: Context) -> Any:
        """``var.name``: the caller's input, a tfvars value or the default (rendered with
        ``ctx.placeholder`` in place of what cannot be known, when it is set)."""
        mark = ctx.placeholder
        return self._cached(_keyed("var." + name, mark), ctx, lambda: self._variable(name, mark))

    def local(self, name: str, ctx: Context) -> Any:
        """``local.name``, evaluated on first use."""
        attribute = self.definition.locals.get(name)
        if attribute is None:
            raise EvalError(f"no local {name!r}")
        where = (self.definition.local_files.get(name), attribute.start_line)
        mark = ctx.placeholder
        return self._cached(
            _keyed("local." + name, mark),
            ctx,
            lambda: self._evaluate(attribute.expr, where=where, placeholder=mark),
        )

    def module_ref(self, ops: tuple[Op, ...], ctx: Context) -> tuple[Any, int]:
        """``module.NAME[KEY].OUTPUT``; a module that was not expanded gives UNKNOWN."""
        name = ops[0].name if isinstance(ops[0], Attr) else ""
        if name not in self.definition.calls:
            raise EvalError(f"no module call {name!r}")
        instances = self.children(name)
        if instances is None:
            modelled = self._modelled_output(name, ops, ctx)
            if modelled is not None:
                return modelled
            ctx.refs.add(f"{self.prefix}module.{name}")
            return UNKNOWN, len(ops)
        used = 1
        if None in instances:
            target: ModuleInstance | None = instances[None]
        elif UNKNOWN in instances:
            ctx.refs.add(f"{self.prefix}module.{name}")
            return UNKNOWN, len(ops)
        elif len(ops) > 1 and isinstance(ops[1], Index):
            key = evaluate(ops[1].key, ctx)
            if is_unknown(key):
                return UNKNOWN, len(ops)
            key = int(key) if isinstance(key, int | float) else map_key(key)
            if key not in instances:
                raise EvalError(f"module.{name} has no instance {key!r}")
            target, used = instances[key], 2
        else:
            target = None
        if target is None:
            whole = {k: m.outputs_value(ctx) for k, m in instances.items()}
            each = "for_each" in self.definition.calls[name].body.attributes
            if all(isinstance(k, int) for k in whole) and (whole or not each):
                return [whole[k] for k in sorted(whole)], used  # count: a list
            return whole, used  # for_each: a map, empty when it makes no instance
        following = ops[used] if len(ops) > used else None
        if isinstance(following, Attr):
            return target.output(following.name, ctx), used + 1
        return target.outputs_value(ctx), used

    def _modelled_output(
        self, name: str, ops: tuple[Op, ...], ctx: Context
    ) -> tuple[Any, int] | None:
        """``module.NAME.OUTPUT`` of a call not expanded whose module's outputs are modelled
        (``known_modules``: the Cloud Posse label's ``enabled``, the keys of the AVM
        interfaces' maps); None otherwise (a call
        with count / for_each, the whole module used as a value, another module)."""
        call = self.definition.calls[name]
        model = known_modules.modelled(
            literal_string(call.body.attributes.get("source")),
            literal_string(call.body.attributes.get("version")),
        )
        if (
            model is None or len(ops) < 2 or not isinstance(ops[1], Attr)
            or {"count", "for_each"} & set(call.body.attributes)
        ):
            return None

        def argument(arg: str) -> Any:
            attribute = call.body.attributes.get(arg)
            if attribute is None:
                return None
            value, refs = self._evaluate(attribute.expr, where=_at(call, attribute))
            ctx.refs.update(refs)
            return value

        value = model(argument, ops[1].name)
        if has_unknown(value):
            ctx.refs.add(f"{self.prefix}module.{name}")
        return value, 2

    # -- values ------------------------------------------------------------------------------
    def _cached(self, key: str, ctx: Context, compute: Callable[[], Valued]) -> Any:
        found = self._values.get(key)
        if found is None:
            if key in self._busy:
                return UNKNOWN  # a cycle: Terraform would reject it; we do not guess
            self._busy.add(key)
            try:
                found = compute()
            finally:
                self._busy.discard(key)
            self._values[key] = found
        ctx.refs.update(found[1])
        return found[0]

    def context(
        self, names: dict[str, Any] | None = None, placeholder: str | None = None
    ) -> Context:
        """A context in this instance, spending the evaluation's budget."""
        return Context(
            self, dict(names or {}), placeholder=placeholder, budget=self.evaluation.budget
        )

    def _evaluate(
        self,
        expr: Any,
        names: dict[str, Any] | None = None,
        where: tuple[str | None, int | None] = (None, None),
        placeholder: str | None = None,
    ) -> Valued:
        ctx = self.context(names, placeholder)
        with ctx.budget.at(*where, self.prefix):
            value = evaluate_pending(expr, ctx)
        return value, frozenset(ctx.refs)

    def _variable(self, name: str, placeholder: str | None = None) -> Valued:
        block = self.definition.variables.get(name)
        if block is None:
            raise EvalError(f"no variable {name!r}")
        attrs = block.body.attributes
        refs: frozenset[str] = frozenset()
        if name in self.inputs:
            value, refs = self.inputs[name](placeholder)
        elif self.root_values is not None and name in self.root_values:
            value = self.root_values[name]
        elif "default" in attrs:
            value = self._evaluate(attrs["default"].expr, where=_at(block, attrs["default"]))[0]
        else:
            value = UNKNOWN
        if value is None and "default" in attrs and literal_false(attrs.get("nullable")):
            value = self._evaluate(attrs["default"].expr, where=_at(block, attrs["default"]))[0]
        type_attr = attrs.get("type")
        flags = [flag for flag in ("sensitive", "ephemeral") if literal_true(attrs.get(flag))]
        if flags:
            where = self._where(block.file, block.start_line)
            refs = refs | {
                f"{SECRET_MARK}{variable_flag(flags[0])} {self.prefix}var.{name}, {where}"
            }
        return convert(value, type_attr.expr if type_attr else None), refs

    def _where(self, file: str, line: int | None) -> str:
        """``file:line`` with the file relative to the root module's folder."""
        try:
            shown = os.path.relpath(file, self.evaluation.root_dir)
        except ValueError:
            shown = file
        return f"{shown}:{line}" if line is not None else shown

    def secret_source(
        self, mode: str, rtype: str, name: str, attributes: list[str]
    ) -> str | None:
        """How the read of a secret attribute (see ``secret_sources.secret_attribute``) of
        ``<rtype>.<name>`` in this module is described, with where the block is declared;
        None when the block shows the value is no secret: an ``aws_ssm_parameter`` of type
        ``String`` / ``StringList``, a ``data.aws_ssm_parameter`` read without decryption or
        named under ``/aws/service/`` (AWS's public parameters, never SecureString)."""
        kind = "data" if mode == "data" else "resource"
        block = next(
            (
                b
                for b in self.definition.resources
                if b.type == kind and tuple(b.labels[:2]) == (rtype, name)
            ),
            None,
        )
        written = block.body.attributes if block is not None else {}
        if rtype == "aws_ssm_parameter" and attributes[-1] == "value":
            if kind == "resource" and literal_string(written.get("type")) in (
                "String", "StringList"
            ):
                return None
            if kind == "data" and (
                literal_false(written.get("with_decryption"))
                or (literal_string(written.get("name")) or "").startswith("/aws/service/")
            ):
                return None
        address = f"{self.prefix}{'data.' if kind == 'data' else ''}{rtype}.{name}"
        where = f", {self._where(block.file, block.start_line)}" if block is not None else ""
        return f"sensitive attribute {address}.{'.'.join(attributes)}{where}"

    def variable_origin(
        self, name: str, depth: int = 0, path: tuple[str, ...] = (), avoid: Any = MISSING
    ) -> str | None:
        """``file:line`` where ``var.name``'s value (the item ``path`` of it, for an
        object) is written: the module call's argument (followed up when it is itself an
        input or local of the caller, or an object written in place: :meth:`_item_origin`),
        the ``.tfvars`` line of a root input, or the variable's default; ``None`` when there
        is no value. ``avoid``: a literal the value is known not to be (see
        :meth:`expression_origin`)."""
        block = self.definition.variables.get(name)
        if block is None or depth > MAX_HOPS:
            return None
        argument = self.call.body.attributes.get(name) if self.call is not None else None
        if name in self.inputs and not (argument is not None and takes_default(argument, block)):
            # (``null`` given to a ``nullable = false`` variable: its default is the value)
            if argument is None or self.call is None:
                return None
            if self.parent is not None:
                # this instance's ``each.value`` / ``count.index`` element, per instance
                each = self.call_names.get("each") or {}
                count = self.call_names.get("count") or {}
                key = each.get("key", count.get("index"))
                value = each.get("value", MISSING)
                expr = self.parent._tried(argument.expr, value, key)
                found = self.parent._instance_value(self.call, key, expr, path, value)
                if found is not None:
                    return found
                place = (self.call.file, argument.start_line, argument.end_line)
                found = self.parent._item_origin(expr, path, depth + 1, place, avoid)
                if found is not None:
                    return found
                if each_path(expr) is not None:
                    # the instance's entry has no such key (a type's optional default gives
                    # it): the argument's line, the same for every instance, is not where
                    return None
            return f"{self.call.file}:{argument.start_line}"
        if self.root_values is not None and name in self.root_values:
            return self._tfvars_origin(name, path)
        default = block.body.attributes.get("default")
        if default is None:
            return None
        place = (block.file, default.start_line, default.end_line)
        found = self._item_origin(default.expr, path, depth + 1, place) if path else None
        at = found or f"{block.file}:{default.start_line}"
        if self.call is None:  # a root module (a module repository scanned on its own)
            return at
        # the caller does not pass it: its ``module`` block is the line its user changes
        called = f"{self.call.file}:{self.call.start_line}"
        return unset_input(called, self.prefix.rstrip("."), name, at)

    def _tfvars_origin(self, name: str, path: tuple[str, ...]) -> str | None:
        """The ``.tfvars`` line of root input ``name`` (of its item ``path``, when one line
        alone writes it within its parent item: ``buckets = { logs = { acl = .. } }``)."""
        found = self.root_origins.get(name)
        if found is None or not path:
            return found
        file, _, line = found.rpartition(":")
        if not line.isdigit():
            return found
        lines = self._lines(file)
        start = int(line)
        item = item_line(lines, start, span_end(lines, start, len(lines)), path)
        return f"{file}:{item}" if item is not None else found

    def each_origin(
        self, block: Block, key: Any, each: tuple[str, ...], depth: int = 0
    ) -> str | None:
        """Where ``each.value.PATH`` (``each``: :func:`each_path`) of the instance ``key`` of
        ``block`` is written, when the block's ``for_each`` is one input or local of this
        module (a map of objects): that key's entry (``buckets = { logs = { acl = .. } }``:
        ``logs``'s ``acl`` line), followed to where it is written; ``each.key``: the entry's
        line. None otherwise (a set of strings, a ``for`` expression)."""
        attribute = block.body.attributes.get("for_each")
        if attribute is None or not isinstance(key, str) or depth > MAX_HOPS:
            return None
        found = self._for_each_source(attribute.expr, key)
        if found is None:
            return None
        source, element = found
        return self.origin(source.deeper((element, *each[1:])), depth + 1)

    def _for_each_source(self, expr: Any, key: str) -> tuple[Ref, str] | None:
        """The input or local a ``for_each`` takes its instances from and the key (a list's
        position) of the element behind the instance ``key``: the input itself
        (``for_each = var.buckets``), or an input re-keyed by a ``for`` expression that keeps
        each element whole (``{ for i, r in var.rules : i => r }``, ``{ for r in var.rules :
        r.name => r }``: the one element whose ``name`` is the key); None otherwise."""
        expr = unwrapped(expr)
        ref = input_ref(expr)
        if ref is not None:
            return ref, key
        if not (isinstance(expr, ForExpr) and expr.key is not None and expr.cond is None
                and not expr.group and _bare(expr.value) == expr.value_var):
            return None
        ref = input_ref(expr.collection)
        by = unwrapped(expr.key)
        if ref is None:
            return None
        if expr.key_var is not None and _bare(by) == expr.key_var:
            return ref, key
        path = (
            traversal_keys(by.ops)
            if isinstance(by, Traversal) and _bare(by.base) == expr.value_var else None
        )
        if not path:
            return None
        value = self.named(ref.kind, ref.name)
        collection = value_at(value, ".".join(ref.path)) if ref.path else value
        items = (
            collection.items() if isinstance(collection, dict)
            else enumerate(collection) if isinstance(collection, list) else ()
        )
        found = [str(k) for k, item in items if value_at(item, ".".join(path)) == key]
        return (ref, found[0]) if len(found) == 1 else None

    def origin(self, ref: Ref, depth: int = 0, avoid: Any = MISSING) -> str | None:
        """``file:line`` where the value ``ref`` reads is written: a variable's
        (:meth:`variable_origin`) or a local's (:meth:`local_origin`). ``avoid``: a literal
        the value is known not to be (see :meth:`expression_origin`)."""
        if ref.kind == "var":
            return self.variable_origin(ref.name, depth, ref.path, avoid)
        return self.local_origin(ref.name, ref.path, depth, avoid)

    def expression_origin(self, expr: Any, depth: int = 0, avoid: Any = MISSING) -> str | None:
        """``file:line`` where the value of an expression that is one input or local (or
        a conditional on one) is written; None for any other expression. When the value is
        known not to be the literal ``avoid`` (``cond ? null : var.x`` read where the value
        is not null), a conditional one of whose results is that literal gave its other
        result, one input or local: its place (the secret written for ``var.x``), not the
        condition's."""
        expr = self._tried(expr)
        if avoid is not MISSING:
            branch = branch_ref(expr)
            if branch is not None and branch[1] == avoid and type(branch[1]) is type(avoid):
                return self.origin(branch[0], depth, avoid)
        ref = input_ref(expr) or condition_ref(expr)
        return self.origin(ref, depth) if ref is not None else None

    def local_origin(
        self, name: str, path: tuple[str, ...] = (), depth: int = 0, avoid: Any = MISSING
    ) -> str | None:
        """``file:line`` where ``local.name`` (the item ``path`` of it: ``local.settings.acl``)
        is written: followed to the input or local it reads (``local.a = var.b``,
        ``local.c = local.a ? "x" : "y"``), else its own line (its item's) when the value is
        written there; None otherwise."""
        attribute = self.definition.locals.get(name)
        file = self.definition.local_files.get(name)
        if attribute is None or file is None or depth > MAX_HOPS:
            return None
        place = (file, attribute.start_line, attribute.end_line)
        return self._item_origin(attribute.expr, path, depth + 1, place, avoid)

    def _item_origin(
        self,
        expr: Any,
        path: tuple[str, ...],
        depth: int,
        place: tuple[str, int, int],
        avoid: Any = MISSING,
    ) -> str | None:
        """Where the item ``path`` of ``expr`` (written in ``place``: file, first and last
        line) is written: through the objects written in place (``{ acl = "x" }``: the
        item's line, when one line alone writes that key), then followed to the input or
        local it reads; the line itself when the value is written there; None otherwise."""
        file, start, end = place
        for at, key in enumerate(path):
            inner = input_ref(expr)
            if inner is not None:  # ``local.s = var.settings``: ``local.s.acl`` reads it
                return self.origin(inner.deeper(path[at:]), depth + 1, avoid)
            if isinstance(expr, ForExpr):  # ``{ for u in var.users : u.name => u }``
                keyed = self._for_each_source(expr, key)
                return (
                    self.origin(keyed[0].deeper((keyed[1], *path[at + 1:])), depth + 1)
                    if keyed is not None else None
                )
            expr = item_of(expr, key)
            if expr is None:
                return None
        upstream = self.expression_origin(expr, depth + 1, avoid)
        if upstream is not None:
            return upstream
        if not is_literal(expr):
            return None
        lines = self._lines(file)
        line = item_line(lines, start, end, path) if path else None
        if path and path[-1].isdigit():  # an element of a list: the line holding it
            low = line or start
            line = element_line(lines, low, span_end(lines, low, end), expr) or line
        return f"{file}:{line or start}"

    def _lines(self, file: str) -> list[str]:
        """The lines of a configuration file (read once per evaluation)."""
        found = self.evaluation.lines.get(file)
        if found is None:
            try:
                with open(file, encoding="utf-8", errors="replace") as stream:
                    found = stream.read().splitlines()
            except OSError:
                found = []
            self.evaluation.lines[file] = found
        return found

    def output(self, name: str, ctx: Context) -> Any:
        """The value of one output of this instance."""
        block = self.definition.outputs.get(name)
        if block is None or "value" not in block.body.attributes:
            raise EvalError(f"no output {name!r}")
        attribute = block.body.attributes["value"]
        where = _at(block, attribute)
        marks: frozenset[str] = frozenset()
        flag = block.body.attributes.get("sensitive")
        if literal_true(flag):
            at = self._where(block.file, block.start_line)
            module = self.prefix.rstrip(".")
            marks = frozenset({f"{SECRET_MARK}sensitive output {module}.{name}, {at}"})

        mark = ctx.placeholder

        def compute() -> Valued:
            value, refs = self._evaluate(attribute.expr, None, where, mark)
            return value, refs | marks

        return self._cached(_keyed("output." + name, mark), ctx, compute)

    def outputs_value(self, ctx: Context) -> dict[str, Any]:
        """All outputs as one object (``module.x`` used as a value)."""
        return {name: self.output(name, ctx) for name in self.definition.outputs}

    # -- module calls ------------------------------------------------------------------------
    def children(self, name: str) -> dict[Any, ModuleInstance] | None:
        """The instances of a module call, keyed by instance key; None when not expanded."""
        if name not in self._children:
            self._children[name] = None  # guards against a call reaching itself
            self._children[name] = self._expand_call(self.definition.calls[name])
        return self._children[name]

    def release(self) -> None:
        """Drop what this instance and its children hold, once the root is collected: the
        tree is held in reference cycles (each child names its parent, its inputs are
        closures over the caller), which only the cyclic collector would free (paused
        during a scan: ``gcpause``). Broken here, reference counting frees the tree, its
        caches and the parsed files it alone kept, as soon as the root is dropped."""
        stack = [self]
        while stack:
            instance = stack.pop()
            for instances in vars(instance).get("_children", {}).values():
                stack.extend((instances or {}).values())
            vars(instance).clear()

    def _unexpanded(self, call: Block, source: str | None, reason: str) -> None:
        item = {
            "address": f"{self.prefix}module.{call.labels[0]}",
            "source": source,
            "reason": reason,
            "file": call.file,
            "line": call.start_line,
        }
        version = literal_string(call.body.attributes.get("version"))
        if known_modules.resourceless(source, version):
            # not read, but hides no resource: no gap of the root (``root_gaps``, the
            # graph's scope); still listed among the modules not read
            item["resourceless"] = True
        elif (unread := known_modules.unread_versions(source, version)) is not None:
            item["reason"] = f"{reason}; {unread}"
        self.evaluation.unexpanded.append(item)

    def module_key(self, call: Block) -> str:
        """``db.sub``: the key ``terraform init`` gives this call in ``modules.json``."""
        names = [call.labels[0]]
        instance: ModuleInstance | None = self
        while instance is not None and instance.call is not None:
            names.insert(0, instance.call.labels[0])
            instance = instance.parent
        return ".".join(names)

    def _source(self, call: Block) -> tuple[str | None, str | None]:
        """A module call's ``source``, and why it is not known when it is not. OpenTofu 1.8
        evaluates variables and locals in it ("early evaluation",
        https://opentofu.org/docs/language/modules/sources/): ``"./mods/${var.name}"`` was
        reported as a remote source not downloaded (its local module not read)."""
        attribute = call.body.attributes.get("source")
        source = literal_string(attribute)
        if source is not None or attribute is None:
            return source, None
        value = self._evaluate(attribute.expr, where=_at(call, attribute))[0]
        if isinstance(value, str) and value:
            return value, None
        return None, (
            "source not known statically (OpenTofu evaluates the variables and locals it "
            "names; their values are not known here)"
        )

    def _expand_call(self, call: Block) -> dict[Any, ModuleInstance] | None:
        source, unknown = self._source(call)
        if unknown is not None:
            self._unexpanded(call, source, unknown)
            return None
        if source is not None and is_local_source(source):
            directory = os.path.normpath(os.path.join(self.definition.dir, source))
        else:
            # A registry or git module that `terraform init` downloaded is read from there.
            installed = installed_modules(self.evaluation.root_dir).get(self.module_key(call))
            if installed is None:
                self._unexpanded(call, source, "remote source: not downloaded")
                return None
            directory = installed
        if real_path(directory) in self.stack:
            self._unexpanded(call, source, "module calls itself")
            return None
        if len(self.stack) >= MAX_DEPTH:
            self._unexpanded(call, source, f"module nesting deeper than {MAX_DEPTH}")
            return None
        definition = self.evaluation.load_module(directory)
        if definition is None:
            self._unexpanded(call, source, "no Terraform files in the module folder")
            return None
        instances: dict[Any, ModuleInstance] = {}
        with self.evaluation.budget.at(call.file, call.start_line, self.prefix):
            expanded = expansion(call.body, self.context(), self.evaluation.issues, call)
        for key, names in expanded:
            if key is UNKNOWN:
                self._unexpanded(call, source, "count/for_each not known statically")
                return None
            prefix = f"{self.prefix}module.{call.labels[0]}{instance_suffix(key)}."
            inputs = {
                arg: self._input_thunk(call, attribute.expr, names, _at(call, attribute))
                for arg, attribute in call.body.attributes.items()
                if arg not in MODULE_META
            }
            instances[key] = ModuleInstance(
                self.evaluation, definition, prefix, inputs, None, self, call, self.stack,
                call_names=names,
            )
        return instances

    def _input_thunk(
        self, call: Block, expr: Any, names: dict[str, Any], where: tuple[str | None, int | None]
    ) -> Callable[[str | None], Valued]:
        def thunk(placeholder: str | None) -> Valued:
            bound = names if placeholder is None else self.rendered_each(call, names, placeholder)
            return self._evaluate(expr, bound, where, placeholder)

        return thunk

    def rendered_each(
        self, block: Block, names: dict[str, Any], placeholder: str
    ) -> dict[str, Any]:
        """``names`` of an instance of a ``for_each`` block with ``each.value`` rendered with
        ``placeholder`` in place of what cannot be known (the instances stay those of the
        plain value: same key, else ``names`` as given)."""
        each = names.get("each")
        attribute = block.body.attributes.get("for_each")
        if attribute is None or not isinstance(each, dict):
            return names
        cache = (id(block), placeholder)
        if cache not in self._rendered:
            inner = self.context(None, placeholder)
            with self.evaluation.budget.at(block.file, attribute.start_line, self.prefix):
                self._rendered[cache] = evaluate_pending(attribute.expr, inner)
        rendered = self._rendered[cache]
        key = each.get("key")
        if not isinstance(rendered, dict) or not isinstance(key, str) or key not in rendered:
            return names
        return {**names, "each": {"key": key, "value": rendered[key]}}

    # -- providers ---------------------------------------------------------------------------
    def provider_key(self, local: str) -> str:
        """The provider configuration a local provider name resolves to: a root-level key
        (``aws``, ``aws.west``) through the ``providers`` maps of the module calls and the
        implicit inheritance of default configurations, or ``module.x.aws`` for a
        configuration the module declares itself (a legacy module's own ``provider`` block,
        which Terraform uses for that module's resources; so is a proxy block, empty or with
        ``alias`` only, that the call does not pass)."""
        if self.parent is None or self.call is None:
            return local
        if local in self._own_providers() and local not in self._proxies():
            return self.prefix + local
        mapping = self.call.body.attributes.get("providers")
        if mapping is not None and hasattr(mapping.expr, "items"):
            for key_expr, value_expr in mapping.expr.items:
                if reference_text(key_expr) == local:
                    target = provider_reference(value_expr)
                    if target is not None:
                        parent = self.parent
                        return parent.provider_instance(
                            parent.provider_key(target[0]), target[1], self.call_names
                        )
        if "." in local or local in self._own_providers():
            # an alias only this module knows, or a proxy block the call does not pass: the
            # module's own configuration, empty (Terraform keeps a child module's provider
            # block, empty or not, unless the call's providers map replaces it; it is then
            # not inherited: its Region is the environment's, not known)
            return self.prefix + local
        return self.parent.provider_key(local)

    def provider_instance(self, key: str, index: Expr | None, names: dict[str, Any]) -> str:
        """``key`` (a configuration of this module), or the instance ``index`` picks of a
        configuration with ``for_each`` (``aws.by_region["th"]``), its key evaluated with
        ``names`` (the resource's or module call's ``each``). An index not known gives the
        configuration itself, whose values (its ``region``...) are then not known: never the
        default configuration, which a resource naming ``aws.by_region[...]`` does not use."""
        if index is None:
            return key
        picked = self._evaluate(index, names)[0]
        if isinstance(picked, bool) or not isinstance(picked, str | int):
            return key
        instance = key + instance_suffix(picked)
        return instance if instance in self.evaluation.providers else key

    def _own_providers(self) -> set[str]:
        if self._declared_providers is None:
            self._declared_providers = {
                self._provider_key_of(block) for block in self.definition.providers
            }
        return self._declared_providers

    def _proxies(self) -> set[str]:
        """Keys of this module's proxy configuration blocks: empty (``provider "aws" {}``) or
        with ``alias`` only. Before ``configuration_aliases`` (Terraform 0.13) a module wrote
        them to be passed its caller's configurations; Terraform still reads them so ("Redundant
        empty provider block") when the call's ``providers`` map passes one. One the call does
        not pass stays the module's own configuration, empty (Terraform's
        ``ProviderConfigTransformer`` replaces a child module's empty block by the caller's only
        for a ``providers`` entry; hashicorp/terraform#16695: "If a provider block is present
        in a child module then it overrides the implicit inheritance behavior")."""
        if self._proxy_providers is None:
            self._proxy_providers = {
                self._provider_key_of(block)
                for block in self.definition.providers
                if not block.body.blocks and set(block.body.attributes) <= {"alias"}
            }
        return self._proxy_providers

    def _provider_key_of(self, block: Block) -> str:
        """``aws`` or ``aws.west`` for a provider block (its alias evaluated)."""
        key = block.labels[0]
        alias = block.body.attributes.get("alias")
        alias_name = self._evaluate(alias.expr, where=_at(block, alias))[0] if alias else None
        return f"{key}.{alias_name}" if isinstance(alias_name, str) else key

    def data_value(self, rtype: str, name: str, ctx: Context) -> Any:
        """``data.aws_iam_policy_document.NAME``: ``{json, minified_json}`` rendered from its
        statements (with ``count`` / ``for_each``, a list / map of them, one per instance:
        ``data.aws_iam_policy_document.NAME[0].json``); ``data.cloudinit_config.NAME``: its
        arguments and ``rendered`` (see ``cloudinit``), a single instance only;
        ``data.aws_service_principal.NAME``: its ``name`` (:func:`_service_principal`, per
        instance as a policy document's). Every other data source is UNKNOWN."""
        if rtype not in ("aws_iam_policy_document", "aws_service_principal") and (
            rtype not in CLOUDINIT_TYPES
        ):
            return UNKNOWN
        block = next(
            (
                b
                for b in self.definition.resources
                if b.type == "data" and tuple(b.labels[:2]) == (rtype, name)
            ),
            None,
        )
        if block is None:
            return UNKNOWN
        repeated = bool({"count", "for_each"} & set(block.body.attributes))
        if rtype in CLOUDINIT_TYPES:
            if repeated:
                return UNKNOWN
            return self._cached(f"data.{rtype}.{name}", ctx, lambda: self._cloudinit(block))
        one = self._principal if rtype == "aws_service_principal" else self._policy_document
        if not repeated:
            return one(block, {}, ctx)
        instances = self._expanded(block)
        if any(key is UNKNOWN for key, _ in instances):
            return UNKNOWN
        rendered = {key: one(block, names, ctx) for key, names in instances}
        if "for_each" in block.body.attributes and not rendered:
            return {}  # no instance of a for_each: an empty map (``values()`` of it is [])
        if all(isinstance(key, int) for key in rendered):  # count: a list indexed from 0
            return [rendered[key] for key in sorted(rendered)]
        return rendered

    def _principal(self, block: Block, names: dict[str, Any], _ctx: Context) -> Any:
        """One instance of an ``aws_service_principal``: its arguments and the attributes
        known from them (:func:`_service_principal`)."""
        values: dict[str, Any] = {}
        for argument in ("service_name", "region"):
            written = block.body.attributes.get(argument)
            if written is not None:
                values[argument], _ = self._evaluate(
                    written.expr, names, where=_at(block, written)
                )
        return _service_principal(values)

    def _policy_document(self, block: Block, names: dict[str, Any], ctx: Context) -> Any:
        """One instance of an ``aws_iam_policy_document``, rendered (``count.index`` /
        ``each`` in ``names``)."""
        key = f"data.{block.labels[0]}.{block.labels[1]}"
        if key in self._rendering:
            return UNKNOWN  # a document that includes itself
        self._rendering.add(key)
        try:
            # with a placeholder, what cannot be known is rendered as it (a principal ARN
            # built from the caller's account id names that account)
            inner = self.context(names, ctx.placeholder)
            with self.evaluation.budget.at(block.file, block.start_line, self.prefix):
                values = evaluate_body(block.body, inner, "", [], top=True)
        finally:
            self._rendering.discard(key)
        text = render_policy_document(values, ctx.placeholder)
        if text is UNKNOWN:
            # whatever it holds, the document's JSON is a text that is never empty: a list of
            # documents (source_policy_documents = flatten(concat(data.x[*].json, ...)))
            # keeps its length, and what reads the text reads it rendered with a placeholder
            return UNKNOWN if ctx.placeholder is not None else {
                "json": NonEmpty(), "minified_json": NonEmpty()
            }
        return {"json": text, "minified_json": text}

    def _cloudinit(self, block: Block) -> Valued:
        """A cloud-init configuration's arguments with ``rendered``, and the secrets its
        parts read (the references stay the data source's own)."""
        secrets: dict[str, tuple[str, ...]] = {}
        with self.evaluation.budget.at(block.file, block.start_line, self.prefix):
            values = evaluate_body(block.body, self.context(), "", [], top=True, secrets=secrets)
        marks = frozenset(SECRET_MARK + read for reads in secrets.values() for read in reads)
        return {**values, "id": UNKNOWN, "rendered": render_cloudinit(values)}, marks

    def list_files(self, path: str, pattern: str) -> tuple[str, list[str] | None]:
        """What ``fileset(path, pattern)`` lists, inside the configuration only (see
        ``list_configuration_files``)."""
        return list_configuration_files(path, pattern, self.path_root, self.path_module)

    def _managed_block(self, rtype: str, name: str) -> Block | None:
        """The ``resource "<rtype>" "<name>"`` block of this module, if any."""
        if self._managed is None:
            self._managed = {
                (b.labels[0], b.labels[1]): b
                for b in self.definition.resources
                if b.type == "resource" and len(b.labels) >= 2
            }
        return self._managed.get((rtype, name))

    def lookup_argument(self, rtype: str, name: str, argument: str) -> Any:
        """The argument a data source of this module, without ``count`` / ``for_each``, looks
        up by (``data "aws_iam_openid_connect_provider" "x" { url = "https://..." }``), as
        written and evaluated; UNKNOWN when it is not written or not known. What the lookup
        finds is not known, but it is what the argument names."""
        block = next(
            (
                b for b in self.definition.resources
                if b.type == "data" and tuple(b.labels[:2]) == (rtype, name)
            ),
            None,
        )  # fmt: skip
        if block is None or {"count", "for_each"} & set(block.body.attributes):
            return UNKNOWN
        written = block.body.attributes.get(argument)
        if written is None:
            return UNKNOWN
        value, _ = self._evaluate(written.expr, where=_at(block, written))
        return value

    def resource_keys(self, rtype: str, name: str) -> Any:
        """The instance keys of managed resource ``<rtype>.<name>`` of this module: count
        indexes as a list, for_each keys as a dict (key → None; so that no instance of a
        for_each is an empty map, not an empty list); None when it has neither; UNKNOWN when
        they are not known or there is no such resource."""
        block = self._managed_block(rtype, name)
        if block is None:
            return UNKNOWN
        if not {"count", "for_each"} & set(block.body.attributes):
            return None
        expanded = self._expanded(block)
        keys = [key for key, _ in expanded]
        if any(key is UNKNOWN for key in keys) or any(_maybe(names) for _, names in expanded):
            return UNKNOWN
        return dict.fromkeys(keys) if "for_each" in block.body.attributes else keys

    def resource_value(
        self, rtype: str, name: str, ops: tuple[Op, ...], ctx: Context
    ) -> tuple[Any, int]:
        """``aws_vpc.main.cidr_block``, ``aws_subnet.private[0].cidr_block``: the argument as
        written in this module (Terraform plans a configured argument with the configured
        value), evaluated for that instance; an argument of a nested block written once
        (``kubernetes_namespace_v1.this[0].metadata[0].name``, ``aws_emrcontainers_virtual_
        cluster.x.container_provider[0].info[0].eks_info[0].namespace``: a nested block is a
        list of the blocks written, ``[0]`` the one). Whole resources or blocks, a block
        written twice or by ``dynamic``, unknown instance keys and arguments not written
        (computed ones such as ``id`` or ``arn``) stay UNKNOWN."""
        block = self._managed_block(rtype, name)
        if block is None:
            return UNKNOWN, len(ops)
        written = block.body.attributes
        names: dict[str, Any] = {}
        used, suffix = 0, ""
        if {"count", "for_each"} & set(written):
            if not ops or not isinstance(ops[0], Index):
                return UNKNOWN, len(ops)
            key = evaluate_pending(ops[0].key, self.context(ctx.names))
            if is_unknown(key) or isinstance(key, bool):
                return UNKNOWN, len(ops)
            key = int(key) if isinstance(key, int | float) else map_key(key)
            instances = dict(self._expanded(block))
            if key not in instances:
                return UNKNOWN, len(ops)
            names, used, suffix = instances[key], 1, f"[{key!r}]"
        following = ops[used] if len(ops) > used else None
        if not isinstance(following, Attr):
            return UNKNOWN, len(ops)
        attribute = following.name
        if (rtype, attribute) == ("kubernetes_manifest", "object") and "object" not in written:
            return self._manifest_object(block, ops, used, suffix, names, ctx)
        body, path = block.body, ""
        if attribute not in written and attribute not in META_ARGUMENTS:
            found = self._nested_argument(block.body, ops[used:], names)
            if found is None:
                return UNKNOWN, len(ops)
            body, path, attribute, walked = found
            used += walked
        argument = body.attributes.get(attribute)
        if argument is None or attribute in META_ARGUMENTS:
            return UNKNOWN, len(ops)
        cache = f"resource.{rtype}.{name}{suffix}.{path}{attribute}"
        # Evaluated in a context of its own: the caller refers to the resource, not to what
        # the resource's argument refers to.
        where = _at(block, argument)
        own = self.context()
        value = self._cached(cache, own, lambda: self._evaluate(argument.expr, names, where))
        # ... but a secret the argument reads is read through it too
        ctx.refs.update(ref for ref in own.refs if ref.startswith(SECRET_MARK))
        return value, used + 1

    def _manifest_object(
        self, block: Block, ops: tuple[Op, ...], used: int, suffix: str,
        names: dict[str, Any], ctx: Context,
    ) -> tuple[Any, int]:
        """``kubernetes_manifest.x.object.metadata.name``: the object as the provider reads it
        back, whose fields written in the resource's ``manifest`` are the manifest's values
        (the provider fills the others from the API server: "object" is "the resulting
        object as returned by the API server", a field the manifest does not write stays
        UNKNOWN). https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/
        resources/manifest#object"""
        argument = block.body.attributes.get("manifest")
        if argument is None:
            return UNKNOWN, len(ops)
        own = self.context()
        value = self._cached(
            f"resource.kubernetes_manifest.{block.labels[1]}{suffix}.manifest", own,
            lambda: self._evaluate(argument.expr, names, _at(block, argument)))
        ctx.refs.update(ref for ref in own.refs if ref.startswith(SECRET_MARK))
        walked = used + 1
        for op in ops[walked:]:
            if isinstance(op, Attr):
                key: Any = op.name
            elif isinstance(op, Index):
                key = evaluate_pending(op.key, self.context(ctx.names))
            else:
                break  # a splat: the caller applies it to what is read so far
            if isinstance(value, dict) and isinstance(key, str) and key in value:
                value = value[key]
            elif isinstance(value, list) and isinstance(key, int | float) \
                    and not isinstance(key, bool) and 0 <= int(key) < len(value):
                value = value[int(key)]
            else:
                return UNKNOWN, len(ops)  # not written (filled by the API server) or not known
            walked += 1
        return value, walked

    def _nested_argument(
        self, body: Body, ops: tuple[Op, ...], names: dict[str, Any]
    ) -> tuple[Body, str, str, int] | None:
        """The nested block ``ops`` walk to through ``.<block>[0]`` steps (each block type
        written once in its body, not by ``dynamic``), the path walked (``metadata[0].``),
        the argument named after it and how many ops are read before that argument's; None
        when the walk names no such argument."""
        path, walked = "", 0
        while True:
            step = ops[walked] if len(ops) > walked else None
            if not isinstance(step, Attr):
                return None
            if step.name in body.attributes:
                return body, path, step.name, walked
            kind = step.name
            written = [b for b in body.blocks if b.type == kind]
            if len(written) != 1 or any(
                b.type == "dynamic" and b.labels[:1] == (kind,) for b in body.blocks
            ):
                return None
            index = ops[walked + 1] if len(ops) > walked + 1 else None
            if not isinstance(index, Index):
                return None
            key = evaluate_pending(index.key, self.context(names))
            if isinstance(key, bool) or not isinstance(key, int | float) or key != 0:
                return None
            body, path, walked = written[0].body, f"{path}{kind}[0].", walked + 2

    # -- resources ---------------------------------------------------------------------------
    def collect(self) -> None:
        """Add this instance's resources, and its children's, to the evaluation."""
        folder = real_path(self.definition.dir)
        if self.call is not None:
            # the variables this call gives a value (its default then reaches nothing here)
            given = passed_inputs(self.call, self.definition)
            before = self.evaluation.passed_inputs.get(folder)
            self.evaluation.passed_inputs[folder] = given if before is None else before & given
        if folder not in self.evaluation.instantiated:
            self.evaluation.instantiated.add(folder)
            self.evaluation.budget.cover(self.definition.source_bytes())
            self._unread_inputs()
        for block in self.definition.providers:
            # Kept as a resource of mode "provider" so the mapper can find credentials
            # written into the block (access_key/secret_key, passwords, tokens), and by key
            # (``module.x.aws`` for a module's own block) for the resources that use it.
            key, values = self._provider(block)
            self.evaluation.providers[self.prefix + key] = values
            self._provider_instances(block, self.prefix + key)
            # ``region = var.region`` in two blocks of one module: the same region, known or not
            symbols = {
                attr: text
                for attr, attribute in block.body.attributes.items()
                if values.get(attr) is UNKNOWN
                and (text := input_reference(attribute.expr)) is not None
            }
            self.evaluation.resources.append(
                TfResource(
                    address=f"{self.prefix}provider.{key}",
                    type="provider",
                    name=key,
                    values=values,
                    file=block.file,
                    start_line=block.start_line,
                    end_line=block.end_line,
                    mode="provider",
                    module=self.prefix.rstrip("."),
                    provider=block.labels[0],
                    provider_config=self.prefix + key,
                    symbols=symbols,
                )
            )
        if self.parent is None:
            self.evaluation.issues.extend(undeclared(self.definition, self._own_providers()))
        elif self.call is not None:
            for issue in not_passed(
                self.definition, self.call, self._own_providers(), self._proxies(),
                self.prefix.rstrip(".").rsplit("[", 1)[0] if self.prefix.endswith("].")
                else self.prefix.rstrip("."),
            ):
                if not any(vars(issue) == vars(seen) for seen in self.evaluation.issues):
                    self.evaluation.issues.append(issue)
        for block in self.definition.resources:
            self._resource(block)
        for block in self.definition.duplicates:
            # read for what they write (a secret: ``normalize.terraform.written_secrets``)
            if block.type in ("resource", "data") and len(block.labels) >= 2:
                with self.evaluation.budget.at(block.file, block.start_line, self.prefix):
                    self._resource_instances(block, self.evaluation.lost)
        for name in self.definition.calls:
            children = self.children(name)
            if children is None:
                self._unread_call(self.definition.calls[name])
            for child in (children or {}).values():
                child.collect()
        if self.parent is None:
            # a called module's secret default that every call replaces reaches no resource
            for folder, held in self.evaluation.replaced_defaults.items():
                given = self.evaluation.passed_inputs.get(folder, frozenset())
                self.evaluation.resources.extend(h for h in held if h.name in given)

    def _unread_inputs(self) -> None:
        """The variables of this module whose default holds a secret that reaches no
        resource (``unread_inputs``): read by none of its resources, data sources, provider
        blocks or module calls (nor, in a called module, its outputs), or, in the root,
        replaced by a ``.tfvars`` value; each kept as a resource of mode ``"input"``
        (``var.NAME`` at the variable's block, ``value set at`` its ``default`` line)."""
        root = self.parent is None
        read: frozenset[str] | None = None  # walked once, when a default holds a secret
        for name, block in self.definition.variables.items():
            default = block.body.attributes.get("default")
            if default is None or not writes_text(default.expr):
                continue
            value = held_value(
                name, self._evaluate(default.expr, where=_at(block, default))[0], block
            )
            if value is None:
                continue
            replaced = root and self.root_values is not None and name in self.root_values
            if read is None:
                read = inputs_read(self.definition, outputs_count=not root)
            held = TfResource(
                address=f"{self.prefix}var.{name}",
                type=INPUT_TYPE,
                name=name,
                values={name: value},
                file=block.file,
                start_line=block.start_line,
                end_line=block.end_line,
                mode=INPUT_MODE,
                module=self.prefix.rstrip("."),
                origins={name: f"{block.file}:{default.start_line}"},
                unread="unused_default" if name not in read else "default_replaced_by_tfvars",
            )
            if name in read and not replaced:
                if not root:
                    # read by its resources: it reaches none when every call of the module
                    # passes the variable (``collect`` decides once all calls are seen)
                    held.unread = "default_replaced_by_calls"
                    self.evaluation.replaced_defaults.setdefault(
                        real_path(self.definition.dir), []
                    ).append(held)
                continue
            self.evaluation.resources.append(held)

    def _unread_call(self, call: Block) -> None:
        """A module call whose module is not read (a registry module ``terraform init`` has
        not downloaded, a count not known ...: ``unexpanded``), kept as a resource of mode
        "module" holding its arguments as evaluated here, so that a secret written in them
        (``password = "..."`` given to ``terraform-aws-modules/rds/aws``) is found
        (GDCC-SECRET-001: it had no finding); the module's own resources stay not known."""
        with self.evaluation.budget.at(call.file, call.start_line, self.prefix):
            values = evaluate_body(call.body, self.context(), "", [])
        self.evaluation.resources.append(
            TfResource(
                address=f"{self.prefix}module.{call.labels[0]}",
                type="module",
                name=call.labels[0],
                values={k: v for k, v in values.items() if k not in _CALL_ARGUMENTS},
                file=call.file,
                start_line=call.start_line,
                end_line=call.end_line,
                mode="module",
                module=self.prefix.rstrip("."),
            )
        )

    def _provider_instances(self, block: Block, key: str) -> None:
        """Each instance of a provider configuration with ``for_each`` (OpenTofu), by its key
        (``aws.by_region["th"]``), its arguments evaluated with that ``each``; the block's own
        entry (``key``) keeps what no instance key tells (``region = each.value``: not known)."""
        if "for_each" not in block.body.attributes:
            return
        with self.evaluation.budget.at(block.file, block.start_line, self.prefix):
            expanded = expansion(block.body, self.context(), self.evaluation.issues, block)
            for each_key, names in expanded:
                if each_key is UNKNOWN:
                    return
                values = evaluate_body(block.body, self.context(names), "", [])
                self.evaluation.providers[key + instance_suffix(each_key)] = values

    def _provider(self, block: Block) -> tuple[str, dict[str, Any]]:
        """``aws`` or ``aws.west``, and the provider block's values."""
        key = self._provider_key_of(block)
        with self.evaluation.budget.at(block.file, block.start_line, self.prefix):
            return key, evaluate_body(block.body, self.context(), "", [])

    def _expanded(self, block: Block) -> list[tuple[Any, dict[str, Any]]]:
        """The instances ``count``/``for_each`` of a resource block ask for, expanded once
        (for the resource itself and for references to its arguments); issues said once."""
        key = (block.type, block.labels[0], block.labels[1])
        found = self._instances.get(key)
        if found is None:
            ctx = self.context()
            with self.evaluation.budget.at(block.file, block.start_line, self.prefix):
                found = expansion(block.body, ctx, self.evaluation.issues, block)
            self._instances[key] = found
            self._expansion_refs[key] = tuple(
                sorted({
                    *(ref for ref in ctx.refs if not ref.startswith(SECRET_MARK)),
                    *expansion_inputs(block.body),
                })
            )
        return found

    def _alternatives(
        self, block: Block, names: dict[str, Any], values: dict[str, Any]
    ) -> tuple[Any, ...] | None:
        """``TfResource.alternatives``: the values of one instance of ``block`` in each case
        of what its arguments test that is not known: an input tested against null (null,
        then not null), else as a boolean (``var.on ? [1] : []``, a ``dynamic`` block's
        ``for_each`` too; true, then false) or against a written value; else a condition of
        another shape, else a ``dynamic`` block over a collection not known (:mod:`branches`).
        A case whose values still hold an UNKNOWN is split again on the next such test, while
        the cases stay at most :data:`MAX_CASES` (past it, the rest stays not known in that
        case, as it is in the resource). None when no argument tests such a value (or
        ``values`` holds no UNKNOWN: nothing to learn). What every case gives holds whatever
        the input is (``mapper._in_every_case``)."""
        if block.type != "resource" or not any(has_unknown(v) for v in values.values()):
            return None
        tests = self.definition.null_tests
        kept = tests.get(id(block))
        if kept is None or kept[0] is not block:
            quiet = {  # (no input nor local read: nothing tested)
                id(attribute) for _, attribute, _, names in self._attribute_places(block)
                if INPUT_NAMES.isdisjoint(names)
            }
            kept = tests[id(block)] = (
                block, list(dict.fromkeys([
                    *null_tests(block.body, quiet), *switches(block.body, self.definition.variables)
                ]))
            )
        open_tests = [
            (reference, tested) for reference, tested in kept[1]
            if self.named(*reference.split(".", 1)) is UNKNOWN
        ]
        first = self._next_split(block, names, _Node(block.body, {}, ("", ""), (), 0, 0),
                               open_tests)
        if first is None:
            return None
        read = list(dict.fromkeys(first[0]))
        pending = list(first[1])
        count = len(pending)
        leaves: list[Case] = []
        while pending:
            node = pending.pop(0)
            case = self._case(
                block, node.body, self._bound(names, node.bound), node.label, node.axes
            )
            more = None
            if any(has_unknown(v) for v in case.values.values()):
                more = self._next_split(block, names, node, open_tests)
            if more is None or count + len(more[1]) - 1 > MAX_CASES:
                leaves.append(case)
                continue
            count += len(more[1]) - 1
            read.extend(name for name in more[0] if name not in read)
            pending.extend(more[1])
        return (", ".join(read), *leaves)

    def _conditions(self, block: Block) -> tuple[list[Expr], list[Block]]:
        """The conditions and ``dynamic`` blocks of ``block`` that may be split
        (:mod:`branches`), read once per block."""
        splits = self.definition.branch_splits
        kept = splits.get(id(block))
        if kept is None or kept[0] is not block:
            # (no line of the block holds a "?": no conditional, nothing to walk)
            plain = self.definition.unconditional.get(id(block)) is block
            kept = splits[id(block)] = (
                block,
                [] if plain else branch_cases.conditions(block.body),
                branch_cases.dynamic_blocks(block.body),
            )
        return kept[1], kept[2]

    def _bound(self, names: dict[str, Any], bound: dict[str, Any]) -> dict[str, Any]:
        """``names`` with the inputs and local values a case gives (``var.x``, ``local.y``)."""
        if not bound:
            return names
        by_kind: dict[str, dict[str, Any]] = {}
        for reference, value in bound.items():
            kind, name = reference.split(".", 1)
            by_kind.setdefault(kind, {})[name] = value
        return {**names, **{kind: _Names(self, kind, given) for kind, given in by_kind.items()}}

    def _next_split(
        self, block: Block, names: dict[str, Any], node: _Node,
        open_tests: list[tuple[str, Any]],
    ) -> tuple[list[str], list[_Node]] | None:
        """The next split of ``node`` (what it reads, and its cases): the first input tested
        that the node does not give, else the first condition not known it does not force,
        else the first ``dynamic`` block over a collection not known it does not copy; None
        when there is none."""
        for reference, tested in open_tests:
            if reference in node.bound:
                continue
            name = self.prefix + reference
            key = f"{name} {_test_key(tested)}"
            return [name], [
                node.then(node.body, {reference: value}, label, (key, n))
                for n, (value, label) in enumerate(
                    zip(_cases(tested), _case_labels(name, tested), strict=True)
                )
            ]
        conditions, dynamics = self._conditions(block)
        if (not conditions and not dynamics) or self.evaluation.budget.hits:
            return None
        ctx = self.context(self._bound(names, node.bound))
        for index, cond in enumerate(conditions):
            if index < node.forced or not is_unknown(evaluate_pending(cond, ctx)):
                continue
            read = ", ".join(self.prefix + name for name in branch_cases.inputs(cond))
            how = [(f"when the condition on {read} holds",
                    f"เมื่อเงื่อนไขที่อ่าน {read} เป็นจริง"),
                   (f"when the condition on {read} does not hold",
                    f"เมื่อเงื่อนไขที่อ่าน {read} เป็นเท็จ")]
            return [self.prefix + n for n in branch_cases.inputs(cond)], [
                node.then(self._rewritten(node.body, cond, case), {}, words,
                          (f"#c{index}", n), forced=index + 1)
                for n, (case, words) in enumerate(zip((True, False), how, strict=True))
            ]
        for index, dynamic in enumerate(dynamics if not node.forced else ()):
            # (a body whose conditions were forced holds copies of its blocks: not split)
            each = dynamic.body.attributes["for_each"].expr
            if index < node.copied or not is_unknown(evaluate_pending(each, ctx)):
                continue
            read = ", ".join(self.prefix + name for name in branch_cases.inputs(each))
            kind = dynamic.labels[0]
            return [self.prefix + n for n in branch_cases.inputs(each)], [
                node.then(self._rewritten(node.body, dynamic, copies), {},
                          (f"with {_blocks(copies, kind)} from {read}",
                           f'เมื่อ {read} สร้างบล็อก "{kind}" {copies} บล็อก'),
                          (f"#d{index}", n), copied=index + 1)
                for n, copies in enumerate(branch_cases.COPIES)
            ]
        return None

    def _rewritten(self, body: Body, split: Expr | Block, case: bool | int) -> Body:
        """``body`` with the conditionals on ``split`` forced to ``case`` (a condition), or
        with ``split`` written ``case`` times (a ``dynamic`` block): rewritten once for every
        root and instance of the block (``ModuleDef.rewritten``; the cases of a module's
        resource are split the same way in each call of the module)."""
        kept = self.definition.rewritten
        key = (id(body), id(split), case)
        found = kept.get(key)
        if found is None or found[0] is not body or found[1] is not split:
            result = (
                branch_cases.copied(body, split, case) if isinstance(split, Block)
                else branch_cases.forced(body, split, bool(case))
            )
            found = kept[key] = (body, split, result)
        return found[2]

    def _case(
        self, block: Block, body: Body, names: dict[str, Any], label: tuple[str, str],
        axes: tuple[tuple[str, int], ...] = (),
    ) -> Case:
        """One case of ``TfResource.alternatives``: ``body`` evaluated with ``names``;
        ``label``: how the case is read (``Case.label``)."""
        designated: dict[str, str] = {}
        shapes: dict[str, str] = {}
        with self.evaluation.budget.at(block.file, block.start_line, self.prefix):
            values = evaluate_body(
                body, self.context(names), "", [], top=True, designated=designated,
                shapes=shapes,
            )
        return Case(values, designated, shapes, label, axes)

    def named(self, kind: str, name: str) -> Any:
        """``var.<name>`` or ``local.<name>`` of this instance; UNKNOWN when there is none."""
        try:
            if kind == "var":
                return self.variable(name, self.context())
            return self.local(name, self.context())
        except EvalError:
            return UNKNOWN

    def _file_read(self, expr: Any) -> str | None:
        """The file an argument written ``file(PATH)`` or ``templatefile(PATH, VARS)`` reads
        (``private_key = file("keys/id_rsa")``, ``user_data = templatefile("init.sh", {...})``),
        as scanned, when it is inside the configuration: where a secret it holds is written
        (a private key committed beside the code, a password in the script)."""
        if not isinstance(expr, Call) or (expr.name, len(expr.args)) not in _READS:
            return None
        path = evaluate_pending(expr.args[0], self.context())
        if not isinstance(path, str) or not path:
            return None
        found, _ = self.read_file(path)
        if found != "ok":
            return None
        return os.path.normpath(as_scanned(path, self.path_root, self.path_module))

    def _resource(self, block: Block) -> None:
        with self.evaluation.budget.at(block.file, block.start_line, self.prefix):
            self._resource_instances(block)

    @staticmethod
    def _symbols(
        block: Block, values: dict[str, Any], keys: dict[str, str | None]
    ) -> dict[str, str]:
        """``TfResource.symbols``: the :func:`same_value_key` of each top-level attribute
        whose value is UNKNOWN (``keys`` caches them across the block's instances)."""
        out: dict[str, str] = {}
        for name, attribute in block.body.attributes.items():
            if values.get(name) is not UNKNOWN:
                continue
            if name not in keys:
                keys[name] = same_value_key(attribute.expr)
            key = keys[name]
            if key is not None:
                out[name] = key
        return out

    def _value_keys(self, block: Block) -> dict[str, str | None]:
        """Where :meth:`_symbols` keeps the :func:`same_value_key` of ``block``'s attributes:
        in a called module, one dict per block shared by every root and instance
        (``ModuleDef.value_keys``); a root module's block, read once per scan, keeps its own."""
        if not self.prefix:
            return {}
        kept = self.definition.value_keys.get(id(block))
        if kept is None or kept[0] is not block:
            kept = self.definition.value_keys[id(block)] = (block, {})
        return kept[1]

    def _block_origins(
        self, block: Block
    ) -> tuple[dict[str, int], dict[str, str], dict[str, str], list[tuple[str, str, Any]]]:
        """Where the values of ``block``'s attributes are written (``TfResource``'s
        ``attribute_lines``, ``origins``, ``chosen_by``), and the ``(path, origin, the other
        result's literal)`` of each ``cond ? var.x : literal`` (``_branch_chosen``)."""
        lines: dict[str, int] = {}
        origins: dict[str, str] = {}
        chosen: dict[str, str] = {}
        branches: list[tuple[str, str, Any]] = []
        for attr_path, attribute, written_here, names in self._attribute_places(block):
            if written_here:
                lines[attr_path] = attribute.start_line
            if INPUT_NAMES.isdisjoint(names):  # reads no input nor local: no place to follow
                read = self._file_read(attribute.expr)
                if read is not None:
                    origins[attr_path] = read
                continue
            expr = self._tried(attribute.expr)
            shape = self._expr_shape(attr_path, expr)
            for path, ref in shape.refs:
                origin = self.origin(ref)
                if origin is not None:  # a list of inputs: each one's place
                    known = origins.get(path)
                    origins[path] = join_places([known, origin]) if known else origin
            read = self._file_read(attribute.expr)
            if read is not None:
                origins[attr_path] = read
            if attr_path in origins:
                continue
            deciding = shape.condition
            if deciding is not None:
                origin = self.origin(deciding)
                if origin is not None:
                    chosen[attr_path] = origin
            # ``cond ? null : var.x``: an instance whose value is not the literal took
            # var.x's (``_branch_chosen``), else the condition chose
            branch = shape.branch
            if branch is not None:
                # the caller's argument may be such a conditional too: the value is not
                # the literal there either (``avoid``)
                origin = self.origin(branch[0], avoid=branch[1])
                if origin is not None:
                    branches.append((attr_path, origin, branch[1]))
                continue
            if deciding is not None:
                continue
            # computed from one input alone (``var.kms_key_id != null``, ``!var.private``,
            # ``length(var.grants) > 0``): its value decides; not a document written in
            # place that merely names an input (a policy's bucket name); nor one that reads
            # another name too (a resource, ``count.index``: no input alone, ``sole_input``),
            # unless ``try()`` chose one of its arguments
            alone = (
                shape.sole()
                if not written_here and (names <= INPUT_NAMES or expr is not attribute.expr)
                else None
            )
            origin = self.origin(alone) if alone is not None else None
            if origin is not None:
                chosen[attr_path] = origin
        return lines, origins, chosen, branches

    def _interpolated(self, block: Block) -> dict[str, dict[str, str]]:
        """``TfResource.interpolated`` of ``block``: for each argument written as a heredoc,
        where each input or local interpolated in it is written."""
        found: dict[str, dict[str, str]] = {}
        for attr_path, attribute, written_here, names in self._attribute_places(block):
            if INPUT_NAMES.isdisjoint(names):  # interpolates no input nor local
                continue
            # where the heredoc is written, under "" (no ``attribute_lines`` entry names it:
            # the argument reads an input, ``base64encode(<<EOF ... ${var.pw} ...)``)
            expr = attribute.expr
            at = None if written_here else f"{block.file}:{attribute.start_line}"
            ref = input_ref(expr)
            if ref is not None and ref.kind == "local" and not ref.path:
                # ``user_data = local.script``, the local a heredoc: what it interpolates,
                # and where it is written (no origin names a local that is not a literal)
                local = self.definition.locals.get(ref.name)
                file = self.definition.local_files.get(ref.name)
                if local is not None and file is not None:
                    expr, at = local.expr, f"{file}:{local.start_line}"
            origins = interpolation_origins(expr, self.origin)
            if origins:
                found[attr_path] = {**origins, "": at} if at is not None else origins
        return found

    def _expr_shape(self, attr_path: str, expr: Any) -> ExprShape:
        """``expr``'s :class:`ExprShape` under ``attr_path``; in a called module computed once
        per expression (``ModuleDef.expr_shapes``) rather than once per root and instance. A
        root module's blocks are read once per scan: nothing is kept for them."""
        if not self.prefix:
            return expr_shape(attr_path, expr)
        shapes = self.definition.expr_shapes
        key = (attr_path, id(expr))
        kept = shapes.get(key)
        if kept is None or kept.expr is not expr:
            kept = shapes[key] = expr_shape(attr_path, expr)
        return kept

    def _attribute_places(
        self, block: Block
    ) -> list[tuple[str, Attribute, bool, frozenset[str]]]:
        """Each attribute of ``block`` (and of its provisioning blocks) with its value path,
        whether its value is written in place and the names it reads (one walk of its
        expression, :func:`names_read`: whether it reads an input or local at all, and what
        else); computed once per block of the module (``ModuleDef.attribute_places``), not
        once per root calling it."""
        places = self.definition.attribute_places
        kept = places.get(id(block))
        if kept is None or kept[0] is not block:
            found = []
            for attr_path, attribute in [
                *attribute_paths(block.body), *provisioning_paths(block.body)
            ]:
                names = names_read(attribute.expr)
                found.append((attr_path, attribute, in_place(attribute.expr, names), names))
            kept = places[id(block)] = (block, found)
        return kept[1]

    def _has_secret_names(self, block: Block) -> bool:
        """:func:`secret_origins.has_secret_names` of ``block``, kept per block
        (``ModuleDef.secret_named``)."""
        kept = self.definition.secret_named.get(id(block))
        if kept is None or kept[0] is not block:
            kept = self.definition.secret_named[id(block)] = (block, has_secret_names(block.body))
        return kept[1]

    def _not_created_by(self, block: Block) -> str | None:
        """Where the input or local that makes ``block``'s ``count`` 0 is written: each
        part of ``count = A && B ? 1 : 0`` (or ``count = A ? 1 : 0``) that is false and reads
        one input or local alone (``length(keys(var.versioning)) > 0``, ``var.logging !=
        ""``); None when there is no such part, or the block is not a resource."""
        attribute = block.body.attributes.get("count")
        expr = unwrapped(attribute.expr) if attribute is not None else None
        if block.type != "resource" or not isinstance(expr, Conditional):
            return None
        places: list[str] = []
        for part in conjuncts(expr.cond):
            ref = sole_input(part)
            if ref is None:
                continue
            try:
                with self.evaluation.budget.at(block.file, block.start_line, self.prefix):
                    value = evaluate_pending(part, self.context())
            except EvalError:
                continue
            origin = self.origin(ref) if value is False else None
            if origin is not None:
                places.append(origin)
        return join_places(places) or None

    def _tried(self, expr: Any, each: Any = MISSING, key: Any = None) -> Any:
        """The argument of ``try(...)`` whose value it gives, when that can be told: the
        first that reads an input or local (or is a conditional on one) whose keys exist
        (``try(var.versioning["enabled"] ? ... : ..., ...)`` given ``{ enabled = true }``),
        or ``each.value``'s keys (``each``: the instance's ``each.value``, ``key`` its
        ``each.key``), or a literal; ``expr`` itself otherwise (and for any other
        expression). ``lookup(M, "k", d)`` is read as ``try(M["k"], d)``
        (``lookup(var.settings, "acl", "private")``, ``lookup(var.versioning, each.key,
        false)``)."""
        # ``compact(split(",", lookup(...)))``: the lookup's value, reshaped
        call = carried(expr)
        named = {"key": key, "value": each}
        arguments = looked_up(call, named) if isinstance(call, Call) else None
        if arguments is None:
            if not (isinstance(call, Call) and call.name == "try"):
                return expr
            arguments = list(call.args)
        for given in arguments:
            argument = carried(given)  # ``join(",", var.ingress_cidr_blocks)``
            ref = input_ref(argument) or condition_ref(argument)
            if ref is None and key is not None:  # ``var.rules[count.index]["cidr"]``
                ref = picked_ref(argument, key, each)
            path = each_path(argument) or each_path(condition_subject(argument))
            if ref is not None:
                value = self.named(ref.kind, ref.name)
                found = value_at(value, ".".join(ref.path)) if ref.path else value
            elif path is not None and path[0] == "value" and each is not MISSING:
                found = value_at(each, ".".join(path[1:])) if path[1:] else each
            else:
                return argument if is_literal(argument) else expr
            if found is MISSING:
                continue  # the key is not there: Terraform's try moves on
            return expr if found is UNKNOWN else argument
        return expr

    def _instance_origins(
        self, block: Block, key: Any, names: dict[str, Any], values: dict[str, Any]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """For one instance of a ``for_each`` or ``count`` block: where the values of its
        attributes set from ``each.value`` (``acl = each.value.acl``, ``try(each.value.acl,
        ...)``, ``[each.value.cidr]``) or from the element ``count.index`` picks
        (``var.cidrs[count.index]``) are written (``origins``), and of those a conditional on
        one chooses (``chosen_by``)."""
        counted = isinstance(key, int) and "count" in block.body.attributes
        if not counted and not (isinstance(key, str) and "for_each" in block.body.attributes):
            return {}, {}
        each = names.get("each", {}).get("value", MISSING)
        attributes = [
            (path, self._tried(a.expr, each, key), a.expr)
            for path, a, _, _ in self._attribute_places(block)
        ]
        # the arguments a lookup or try gave (a whole input there is where the value is)
        given = {id(tried) for _, tried, written in attributes if tried is not written}
        return _origins_by(
            [(path, tried) for path, tried, _ in attributes],
            # a conditional's result is tried too (``has ? lookup(var.r[count.index], "k",
            # "*") : null``)
            lambda expr: self._instance_value(
                block, key, (found := self._tried(expr, each, key)), each=each,
                tried=found is not expr or id(found) in given,
            ),
            values,
        )

    def _instance_entry(self, block: Block, key: Any) -> tuple[str, str, int, int] | None:
        """The entry of the input or local the instance ``key`` of ``block`` takes its values
        from (``TfResource.entries``): its element of a ``for_each`` over one input or local
        (re-keyed or not), or the element ``count.index`` picks when every argument reading
        an element by ``count.index`` reads the same list (``var.rules[count.index]``,
        ``lookup(var.rules[count.index], "cidr_block", null)``); None otherwise."""
        each = block.body.attributes.get("for_each")
        if each is not None:
            found = self._for_each_source(each.expr, key) if isinstance(key, str) else None
            return self._entry(found[0].deeper((found[1],))) if found is not None else None
        if not isinstance(key, int) or "count" not in block.body.attributes:
            return None
        kept = self.definition.counted_lists.get(id(block))
        if kept is None or kept[0] is not block:
            lists = {
                picked[0]
                for _, attribute, _, _ in self._attribute_places(block)
                for node in _calls_and_traversals(attribute.expr)
                if (picked := indexed_ref(node)) is not None
            }
            kept = self.definition.counted_lists[id(block)] = (
                block, next(iter(lists)) if len(lists) == 1 else None
            )
        return self._entry(kept[1].deeper((str(key),))) if kept[1] is not None else None

    def _dynamic_origins(
        self, block: Block, entries: dict[str, tuple[str, str, int, int]],
        moved: dict[str, str | None],
    ) -> dict[str, str]:
        """Where the values of the blocks a ``dynamic`` block makes are written, when its
        ``for_each`` is one input or local (``dynamic "ingress" { for_each = var.rules
        ... cidr_blocks = ingress.value.cidr_blocks }``): the n-th ``ingress`` block's
        arguments point at the n-th element's (the key's, for a map) line; ``entries``
        receives each made block's element (``ingress.N``: see ``TfResource.entries``).
        Terraform makes the blocks of one type in the order they are written, a ``dynamic``
        one's where it stands: a block written beside them is at its position among them,
        its values set at its own lines (its entry: the block's line) unless an input sets
        them; ``moved`` receives, for each such written block, its path as
        ``attribute_paths`` counts it (``ingress.0.``) and its position (``ingress.2.``), or
        None when a ``dynamic`` block before it makes blocks not known."""
        kinds = {
            child.labels[0] if child.type == "dynamic" and child.labels else child.type
            for child in block.body.blocks if child.type == "dynamic"
        }
        found: dict[str, str] = {}
        for kind in kinds:
            position, ordinal = 0, 0
            for child in block.body.blocks:
                if child.type == kind:
                    at = f"{kind}.{position}." if position >= 0 else None
                    moved[f"{kind}.{ordinal}."] = at
                    if at is not None:
                        self._written_block(child, at, found, entries)
                        position += 1
                    ordinal += 1
                elif (child.type == "dynamic" and tuple(child.labels[:1]) == (kind,)
                      and position >= 0):
                    position = self._dynamic_block(child, kind, position, found, entries)
        return found

    def _written_block(
        self, child: Block, at: str, into: dict[str, str],
        entries: dict[str, tuple[str, str, int, int]],
    ) -> None:
        """A block written beside ``dynamic`` ones of its type, at ``at`` (``ingress.2.``):
        its values written in place are set at their own lines, the block's line its entry."""
        for path, attribute in attribute_paths(child.body, at):
            if in_place(attribute.expr):
                into[path] = f"{child.file}:{attribute.start_line}"
        entries[at[:-1]] = (f"{child.file}:{child.start_line}", child.file, child.start_line,
                            child.end_line)

    def _dynamic_block(
        self, dynamic: Block, kind: str, position: int, into: dict[str, str],
        entries: dict[str, tuple[str, str, int, int]] | None = None,
    ) -> int:
        """:meth:`_dynamic_origins` of one ``dynamic`` block whose blocks start at
        ``position``: the position after them, or -1 when how many it makes is not known."""
        attributes = dynamic.body.attributes
        each = attributes.get("for_each")
        content = next((b for b in dynamic.body.blocks if b.type == "content"), None)
        if each is None or content is None:
            return -1
        elements = self._dynamic_elements(each, dynamic.file)
        if elements is None:
            return -1
        iterator = attributes.get("iterator")
        name = (reference_text(iterator.expr) if iterator is not None else None) or kind
        for element in elements:
            paths = attribute_paths(content.body, f"{kind}.{position}.")
            origins, _ = _origins_by(
                [(path, a.expr) for path, a in paths],
                lambda expr, e=element: self._iterated(e, expr, name),  # type: ignore[misc]
            )
            into.update(origins)
            entry = self._entry(element) if origins and entries is not None else None
            if entry is not None and entries is not None:
                entries[f"{kind}.{position}"] = entry
            position += 1
        return position

    def _dynamic_elements(self, each: Attribute, file: str) -> list[Ref] | None:
        """The element behind each block a ``dynamic`` block's ``for_each`` makes: each
        element of one input or local (list order, map keys sorted, as Terraform makes
        them), or that input itself when the ``for_each`` wraps it in a list of one
        (``var.x != null ? [var.x] : []``, ``length(var.x) > 0 ? [var.x] : []``, ``[var.x]``:
        terraform-aws-modules' ``metadata_options``); None when not known."""
        expr = each.expr
        source = input_ref(expr)
        if source is not None:
            value = self.named(source.kind, source.name)
            collection = value_at(value, ".".join(source.path)) if source.path else value
            if isinstance(collection, dict):
                return [source.deeper((str(k),)) for k in sorted(collection)]
            if isinstance(collection, list):
                return [source.deeper((str(n),)) for n in range(len(collection))]
            return None
        wrapped = _wrapped_input(expr)
        if wrapped is None:
            return None
        try:
            with self.evaluation.budget.at(file, each.start_line, self.prefix):
                made = evaluate_pending(expr, self.context())
        except EvalError:
            return None
        return [wrapped] * len(made) if isinstance(made, list | dict) and len(made) <= 1 else None

    def _entry(self, ref: Ref) -> tuple[str, str, int, int] | None:
        """Where the list or map entry ``ref`` reads is written, with its file and lines
        (``TfResource.entries``); None when it is not written as one (no line of its own)."""
        place = self.origin(ref)
        found = line_order(place) if place is not None else []
        if place is None or not found:
            return None
        file, line = found[-1]
        lines = self._lines(file)
        if not 0 < line <= len(lines) or not code_lines(lines)[line - 1].rstrip().endswith(
            ("{", "[")
        ):
            return None  # not an entry opening there (a whole list on one line, a scalar)
        return place, file, line, span_end(lines, line, len(lines))

    def _iterated(self, element: Ref, expr: Any, name: str) -> str | None:
        """Where ``NAME.value.PATH`` (``expr``; ``lookup(NAME.value, "k", d)`` read as
        ``NAME.value["k"]``) of ``element`` is written (``NAME.key``: the element's own
        line, a map's key); None for any other expression, and for a key the element does
        not have or sets to null (the default is the module's)."""
        call = unwrapped(expr)
        looked = looked_up(call) if isinstance(call, Call) else None
        path = each_path(looked[0] if looked else expr, name)
        if path is None:
            # the input read directly, the same in every block made (AVM's
            # ``retention_days = var.short_term_retention_policy.retention_days``)
            read = input_ref(expr)
            return self.origin(read) if read is not None else None
        if len(path) > 1:
            found = value_at(self.named(element.kind, element.name),
                             ".".join((*element.path, *path[1:])))
            if found is MISSING or found is None:
                return None
        return self.origin(element.deeper(path[1:]))

    def _instance_value(
        self, block: Block, key: Any, expr: Any, deeper: tuple[str, ...] = (),
        each: Any = MISSING, tried: bool = False,
    ) -> str | None:
        """Where the value of ``expr`` (its item ``deeper``) in the instance ``key`` of
        ``block`` (``each``: its ``each.value``) is written, when it is ``each.value`` (keys
        of it) or the element of an input or local the instance picks (``count.index``,
        ``each.key``, ``each.value.name``: :func:`picked_ref`); None otherwise."""
        path = each_path(expr)
        if path is not None:
            keyed = path[0] == "key" and deeper  # ``each.key`` has no items
            return None if keyed else self.each_origin(block, key, path + deeper)
        picked = picked_ref(expr, key, each)
        if picked is None:
            # an input's key this instance picked (``lookup(var.versioning, each.key, ...)``),
            # or the input a lookup's default gives when the element lacks the key
            # (``lookup(var.rules[count.index], "cidr_blocks", join(",", var.cidrs))``)
            ref = input_ref(expr) if isinstance(expr, Traversal) else None
            return self.origin(ref.deeper(deeper)) if ref is not None and (
                ref.path or tried
            ) else None
        return self.origin(picked.deeper(deeper))

    def _resource_instances(self, block: Block, into: list[TfResource] | None = None) -> None:
        rtype, name = block.labels[0], block.labels[1]
        mode = "data" if block.type == "data" else "managed"
        base = f"data.{rtype}.{name}" if mode == "data" else f"{rtype}.{name}"
        provider_attr = block.body.attributes.get("provider")
        named = provider_reference(provider_attr.expr) if provider_attr else None
        provider_config = self.provider_key(named[0] if named else rtype.split("_", 1)[0])
        if provider_attr is not None and named is None:
            # names no configuration (``aliases.undeclared`` says so): its Region is not
            # known, never the default configuration's
            provider_config += ".(not a reference)"
        provider_index = named[1] if named else None
        keys = self._value_keys(block)  # same_value_key of each attribute, when asked
        for attribute in capitalised_booleans(block.body) if into is None else ():
            word = attribute.expr.name  # type: ignore[attr-defined]
            _issue(
                self.evaluation.issues, block, attribute,
                f"{attribute.name} = {word}: Terraform refuses `{word}` (its booleans are "
                f"`true` / `false`); read as {word.lower()}",
            )
        made = self.evaluation.resources if into is None else into
        chain = self.call_chain
        expanded = self._expanded(block)
        kept = self.evaluation.not_created_types
        wanted = not expanded and into is None and (
            kept is None or FORMER_TYPES.get(rtype, rtype) in kept
        )
        why = self._not_created_by(block) if wanted else None
        if why is not None:  # as its first instance would be: what it would configure
            made, expanded = self.evaluation.not_created, [(0, {"count": {"index": 0}})]
        if not expanded:
            return  # no instance (``count = 0``): where its values are written is not asked
        lines, origins, chosen, branches = self._block_origins(block)
        interpolated = self._interpolated(block)
        nested = block_lines(block.body)
        entries: dict[str, tuple[str, str, int, int]] = {}
        if any(child.type == "dynamic" for child in block.body.blocks):
            moved: dict[str, str | None] = {}
            made_by = self._dynamic_origins(block, entries, moved)
            if any(old != new for old, new in moved.items()):
                lines, origins, chosen = (
                    _moved(lines, moved), _moved(origins, moved), _moved(chosen, moved)
                )
                nested = {  # (a block's own path moves as its values' do)
                    at.rstrip("."): line
                    for at, line in _moved({f"{p}.": v for p, v in nested.items()}, moved).items()
                }
                branches = [
                    (at, origin, literal) for path, origin, literal in branches
                    if (at := _moved_path(path, moved)) is not None
                ]
            origins = {**made_by, **origins}
        for key, names in expanded:
            references: list[TfReference] = []
            partial: dict[str, str] = {}
            secrets: dict[str, tuple[str, ...]] = {}
            shapes: dict[str, str] = {}
            provisioning: dict[str, Any] = {}
            designated: dict[str, str] = {}
            choices = Choices()
            values = evaluate_body(
                block.body,
                self.context(names),
                "",
                references,
                top=True,
                partial=partial,
                secrets=secrets,
                rendering=lambda p, n=names: self.context(  # type: ignore[misc]
                    self.rendered_each(block, n, p), p
                ),
                shapes=shapes,
                provisioning=provisioning,
                designated=designated,
                choices=choices,
            )
            own, picked = self._instance_origins(block, key, names, values)
            element = self._instance_entry(block, key) if own else None
            if self._has_secret_names(block):
                traced = SecretTracer(self, block, key, names).origins(
                    values, {**origins, **own}
                )
                own = {**own, **traced} if traced else own
            made.append(
                TfResource(
                    address=self.prefix + base + instance_suffix(key),
                    type=rtype,
                    name=name,
                    values=values,
                    file=block.file,
                    start_line=block.start_line,
                    end_line=block.end_line,
                    mode=mode,
                    module=self.prefix.rstrip("."),
                    references=references,
                    index=key,
                    provider_config=self.provider_instance(provider_config, provider_index, names),
                    origins={**origins, **own} if own else origins,
                    attribute_lines=lines,
                    interpolated=interpolated,
                    block_lines=nested,
                    entries={**entries, "": element} if element is not None else entries,
                    chosen_by={
                        **(_branch_chosen(chosen, branches, values) if branches else chosen),
                        **picked,
                    } if picked else (
                        _branch_chosen(chosen, branches, values) if branches else chosen
                    ),
                    called_at=chain[0] if chain else "",
                    call_chain=chain if len(chain) > 1 else (),
                    not_created_by=why or "",
                    partial=partial,
                    symbols=self._symbols(block, values, keys),
                    secrets=secrets,
                    shapes=shapes,
                    provisioning=provisioning,
                    designated=designated,
                    beyond=tuple(choices.beyond),
                    unset=tuple(choices.unset),
                    chosen=tuple(choices.chosen),
                    results=choices.results,
                    alternatives=self._alternatives(block, names, values),
                    expansion_refs=self._expansion_refs.get(
                        (block.type, rtype, name), ()
                    ) if key is UNKNOWN or _maybe(names) else (),
                    maybe=_maybe(names),
                )
            )


def _maybe(names: dict[str, Any]) -> bool:
    """Whether an instance may not be created (:data:`EACH_MAYBE`)."""
    each = names.get("each")
    return isinstance(each, dict) and bool(each.get(EACH_MAYBE))


#: Most cases of one resource (:meth:`ModuleInstance._alternatives`): past it, a case is not
#: split again and what it does not decide stays not known in it.
MAX_CASES = 8


@dataclass(frozen=True)
class _Node:
    """A case of a resource being split (:meth:`ModuleInstance._alternatives`): its body,
    the inputs it gives (``"var.x"`` -> value), how it is read, what it takes
    (``Case.axes``), and how many of the block's conditions / ``dynamic`` blocks are past."""

    body: Body
    bound: dict[str, Any]
    label: tuple[str, str]
    axes: tuple[tuple[str, int], ...]
    forced: int
    copied: int

    def then(
        self, body: Body, bound: dict[str, Any], label: tuple[str, str],
        axis: tuple[str, int], forced: int | None = None, copied: int | None = None,
    ) -> _Node:
        """This case split once more: ``label`` joined to its own ("when var.a is true and
        var.b is false")."""
        en, th = label
        if self.label[0]:
            en = f"{self.label[0]} and {en.removeprefix('when ')}"
            th = f"{self.label[1]} และ {th.removeprefix('เมื่อ ')}"
        return _Node(
            body, {**self.bound, **bound}, (en, th), (*self.axes, axis),
            self.forced if forced is None else forced,
            self.copied if copied is None else copied,
        )


def _test_key(tested: Any) -> str:
    """How an input is tested, for ``Case.axes``: ``null``, ``bool``, ``eq "prod"``."""
    if tested in ("null", "bool"):
        return str(tested)
    return f"eq {json.dumps(tested[1], default=str)}"


class _Names(dict[str, Any]):
    """``var`` or ``local`` as a bound name: every input (local value) of a module instance
    as the instance gives it, ``override`` in place of one."""

    def __init__(self, instance: ModuleInstance, kind: str, override: dict[str, Any]) -> None:
        super().__init__(override)
        self.instance = instance
        self.kind = kind

    def __contains__(self, name: object) -> bool:
        if dict.__contains__(self, name):
            return True  # (an input Terraform would refuse as undeclared: each case all the same)
        definition = self.instance.definition
        return name in (definition.variables if self.kind == "var" else definition.locals)

    def __missing__(self, name: str) -> Any:
        return self.instance.named(self.kind, name)


def _blocks(copies: int, kind: str) -> str:
    """'no "ingress" block', '1 "ingress" block', '2 "ingress" blocks'."""
    if copies == 0:
        return f'no "{kind}" block'
    return f'{copies} "{kind}" block' + ("s" if copies > 1 else "")


def _case_labels(name: str, tested: Any) -> tuple[tuple[str, str], tuple[str, str]]:
    """How each of the two cases of :func:`_cases` is read (``Case.label``)."""
    if tested == "null":
        return (f"when {name} is null", f"เมื่อ {name} เป็น null"), (
            f"when {name} is not null", f"เมื่อ {name} ไม่เป็น null")
    if tested == "bool":
        return (f"when {name} is true", f"เมื่อ {name} เป็นจริง"), (
            f"when {name} is false", f"เมื่อ {name} เป็นเท็จ")
    value = json.dumps(tested[1], default=str)
    return (f"when {name} is {value}", f"เมื่อ {name} เป็น {value}"), (
        f"when {name} is not {value}", f"เมื่อ {name} ไม่เป็น {value}")


def _cases(tested: Any) -> tuple[Any, Any]:
    """The two values an input is given in turn for :func:`null_tests`' ``tested``."""
    if tested == "null":
        return None, NotNull()
    if tested == "bool":
        return True, False
    return tested[1], Differs(tested[1])


def null_tests(body: Body, quiet: Collection[int] = ()) -> list[tuple[str, Any]]:
    """The inputs and local values the arguments of ``body`` test, as ``var.x`` /
    ``local.y`` in order of appearance with how: ``"null"`` for those its top-level arguments
    compare with null (``var.x != null``, ``null == local.y``), then ``"bool"`` for those a
    condition tests as they are (``var.on ? a : b``, ``!var.on ? a : b``) and ``("eq",
    value)`` for those it compares with a written value (``var.env == "prod" ? a : b``), in
    nested blocks too (a ``dynamic`` block's ``for_each = var.on ? [1] : []``). ``quiet``:
    the ids of attributes known to read no input nor local (``_attribute_places``), not
    walked: they test none."""
    found: list[tuple[str, Any]] = []
    conditions: list[tuple[str, Any]] = []
    for name, attribute in body.attributes.items():
        if name not in META_ARGUMENTS and id(attribute) not in quiet:
            _null_walk(attribute.expr, found, conditions)
    for block in body.blocks:
        if block.type not in META_BLOCKS:
            _null_nested(block.body, quiet, found, conditions)
    return list(dict.fromkeys([*found, *conditions]))


#: Arguments that switch a public IP or a public endpoint on or off: one written as a boolean
#: input (``associate_public_ip_address = var.public_ip``) is split true, then false
#: (:func:`switches`), so graph rules read each case (``evaluate.graph_cases``).
SWITCHES = frozenset({
    "associate_public_ip_address", "map_public_ip_on_launch", "publicly_accessible",
    "endpoint_public_access", "assign_public_ip", "enable_private_endpoint",
    "enable_private_nodes", "ipv4_enabled", "public_network_access_enabled",
})


def switches(body: Body, variables: Mapping[str, Block]) -> list[tuple[str, Any]]:
    """``("var.x", "bool")`` for each argument of :data:`SWITCHES` in ``body`` (nested blocks
    too, ``dynamic`` ones not) written exactly as an input declared ``type = bool``."""
    found: list[tuple[str, Any]] = []
    for name, attribute in body.attributes.items():
        reference = input_reference(attribute.expr) if name in SWITCHES else None
        if reference is None or not reference.startswith("var."):
            continue
        declared = variables.get(reference[4:])
        kind = declared.body.attributes.get("type") if declared is not None else None
        if kind is not None and _names_bool(kind.expr):
            found.append((reference, "bool"))
    for block in body.blocks:
        if block.type not in META_BLOCKS and block.type != "dynamic":
            found.extend(switches(block.body, variables))
    return found


def _names_bool(expr: Any) -> bool:
    """Whether a variable's ``type`` expression is ``bool``."""
    if isinstance(expr, Traversal) and not expr.ops:
        expr = expr.base
    return isinstance(expr, Var) and expr.name == "bool"


def _null_walk(
    node: Any, found: list[tuple[str, Any]], conditions: list[tuple[str, Any]]
) -> None:
    """:func:`null_tests`' walk of one expression, adding to ``found`` (null tests) and
    ``conditions`` (module functions, not closures: a closure calling itself is a reference
    cycle, left to the paused collector with what it holds)."""
    if isinstance(node, Binary) and node.op in ("==", "!="):
        for side, other in ((node.left, node.right), (node.right, node.left)):
            name = input_reference(side)
            if name is not None and isinstance(other, Lit) and other.value is None:
                found.append((name, "null"))
    if isinstance(node, Conditional):
        _condition_tests(node.cond, conditions)
    if isinstance(node, ForExpr) and node.cond is not None:
        # a filter on an input (``[for r in local.rules : r if var.enabled]``,
        # ``{for k, v in ... : k => v if var.env == "prod"}``) keeps every item or none
        _condition_tests(node.cond, conditions)
    for item in node if isinstance(node, tuple | list) else field_values(node):
        kind = type(item)
        if kind in _QUIET_LEAVES or (kind is Lit and type(item.value) in _QUIET_LEAVES):
            continue  # (most of a body: texts, literals, names; nothing in them is tested)
        _null_walk(item, found, conditions)


#: Nodes and values :func:`_null_walk` finds nothing in (a name, an attribute's name, a
#: text, a number, a flag, null): not walked into.
_QUIET_LEAVES = frozenset({str, int, float, bool, type(None), Var, Attr})


def _condition_tests(cond: Any, conditions: list[tuple[str, Any]]) -> None:
    """What a condition tests, for :func:`null_tests`: an input or local as it is
    (``var.on``, ``!var.on``: ``"bool"``) or compared with a written value
    (``var.env == "prod"``: ``("eq", "prod")``)."""
    test = cond.operand if isinstance(cond, Unary) else cond
    name = input_reference(test)
    if name is not None and (not isinstance(cond, Unary) or cond.op == "!"):
        conditions.append((name, "bool"))
    if isinstance(test, Binary) and test.op in ("==", "!="):
        for side, other in ((test.left, test.right), (test.right, test.left)):
            name = input_reference(side)
            if (name is not None and isinstance(other, Lit)
                    and isinstance(other.value, str | int | float)
                    and not isinstance(other.value, bool)):
                conditions.append((name, ("eq", other.value)))


def _null_nested(
    inner: Body,
    quiet: Collection[int],
    found: list[tuple[str, Any]],
    conditions: list[tuple[str, Any]],
) -> None:
    """:func:`null_tests` of a nested block: its conditions (null tests of the top-level
    arguments only, as before)."""
    for attribute in inner.attributes.values():
        if id(attribute) in quiet:
            continue
        before = len(found)
        _null_walk(attribute.expr, found, conditions)
        del found[before:]
    for block in inner.blocks:
        if block.type not in META_BLOCKS:
            _null_nested(block.body, quiet, found, conditions)


def installed_modules(root_dir: str) -> dict[str, str]:
    """Module key -> folder, from ``.terraform/modules/modules.json`` of a root that
    ``terraform init`` prepared (empty when there is none or it cannot be read)."""
    path = os.path.join(root_dir, ".terraform", "modules", "modules.json")
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError):
        return {}
    found: dict[str, str] = {}
    for entry in data.get("Modules", []) if isinstance(data, dict) else []:
        key, folder = entry.get("Key"), entry.get("Dir")
        if isinstance(key, str) and key and isinstance(folder, str) and folder:
            found[key] = os.path.normpath(os.path.join(root_dir, folder))
    return found


def capitalised_booleans(body: Body) -> list[Attribute]:
    """Attributes (also in nested blocks) written ``= True`` / ``= False``."""
    found = [
        attribute
        for attribute in body.attributes.values()
        if isinstance(attribute.expr, Var) and attribute.expr.name in CAPITALISED_BOOLS
    ]
    for child in body.blocks:
        found.extend(capitalised_booleans(child.body))
    return found


def _written_blocks(body: Body, prefix: str) -> Iterator[tuple[str, Block]]:
    """Each nested block written in ``body`` with its value path (``vpc_config.0``: the n-th
    written block of that type); meta-arguments' and ``dynamic`` blocks are not followed."""
    seen: dict[str, int] = {}
    for child in body.blocks:
        if child.type in META_BLOCKS or child.type == "dynamic":
            continue
        index = seen.get(child.type, 0)
        seen[child.type] = index + 1
        yield f"{prefix}{child.type}.{index}", child


def block_lines(body: Body, prefix: str = "") -> dict[str, int]:
    """The first line of each nested block, by value path as :func:`attribute_paths`
    (``access_policy.0``; ``dynamic`` blocks are not followed)."""
    found: dict[str, int] = {}
    for path, child in _written_blocks(body, prefix):
        found[path] = child.start_line
        found.update(block_lines(child.body, path + "."))
    return found


def attribute_paths(body: Body, prefix: str = "") -> list[tuple[str, Attribute]]:
    """Attributes with their value paths: ``acl``, ``vpc_config.0.endpoint_public_access``
    (the n-th written block of that type; ``dynamic`` blocks are not followed)."""
    found = [(prefix + name, attribute) for name, attribute in body.attributes.items()]
    for path, child in _written_blocks(body, prefix):
        found.extend(attribute_paths(child.body, path + "."))
    return found


def _branch_taken(expr: Any, path: str, values: dict[str, Any]) -> Any:
    """The result of a conditional one of whose results is a literal that the value at
    ``path`` of ``values`` is known not to be: the other result; None otherwise."""
    expr = unwrapped(expr)
    if not isinstance(expr, Conditional):
        return None
    value = value_at(values, path)
    if value is UNKNOWN or value is MISSING:
        return None
    for mine, theirs in ((expr.then, expr.other), (expr.other, expr.then)):
        other = unwrapped(theirs)
        if isinstance(other, Lit) and value != other.value and not isinstance(unwrapped(mine), Lit):
            return mine
    return None


def _wrapped_input(expr: Any) -> Ref | None:
    """The input or local a ``for_each`` wraps in a list or map of one, alone or as a
    conditional's result whose other result is empty (``var.x != null ? [var.x] : []``;
    Azure Verified Modules' ``var.x != null ? { this = var.x } : {}``)."""
    expr = unwrapped(expr)
    if isinstance(expr, Conditional):
        for mine, theirs in ((expr.then, expr.other), (expr.other, expr.then)):
            other = unwrapped(theirs)
            if isinstance(other, TupleExpr | ObjectExpr) and not other.items:
                return _wrapped_input(mine)
        return None
    if isinstance(expr, TupleExpr) and len(expr.items) == 1:
        return input_ref(expr.items[0])
    if isinstance(expr, ObjectExpr) and len(expr.items) == 1:
        return input_ref(expr.items[0][1])
    return None


def _moved_path(path: str, moved: dict[str, str | None]) -> str | None:
    """``path`` of a written block (``ingress.0.cidr_blocks``) at its position among the
    blocks ``dynamic`` ones make (``ingress.2.cidr_blocks``: ``_dynamic_origins``); None
    when that position is not known; ``path`` itself for any other path."""
    parts = path.split(".", 2)
    if len(parts) < 3:
        return path
    prefix = f"{parts[0]}.{parts[1]}."
    if prefix not in moved:
        return path
    at = moved[prefix]
    return None if at is None else at + parts[2]


_Found = TypeVar("_Found")


def _moved(found: dict[str, _Found], moved: dict[str, str | None]) -> dict[str, _Found]:
    """``found`` (by value path) with the paths of written blocks moved (``_moved_path``)."""
    out: dict[str, _Found] = {}
    for path, value in found.items():
        at = _moved_path(path, moved)
        if at is not None:
            out[at] = value
    return out


def _calls_and_traversals(node: Any) -> Iterator[Any]:
    """Every function call and traversal inside an expression (``indexed_ref`` reads them)."""
    if isinstance(node, Call | Traversal):
        yield node
    if isinstance(node, tuple | list):
        for item in node:
            yield from _calls_and_traversals(item)
    else:
        for item in field_values(node):
            yield from _calls_and_traversals(item)


def _bare(expr: Any) -> str | None:
    """The name when the expression is a bare name (``rule``), else None."""
    expr = unwrapped(expr)
    if isinstance(expr, Traversal) and not expr.ops:
        expr = expr.base
    return expr.name if isinstance(expr, Var) else None


def _origins_by(
    attributes: list[tuple[str, Any]],
    find: Callable[[Any], str | None],
    values: dict[str, Any] | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    """Where the values of ``attributes`` (path, expression) are written, by ``find`` (where
    one expression's value is, or None): the expression itself, each item of a list of
    them (``[each.value.cidr]``), or the result of a conditional whose other result is a
    literal when the value (in ``values``) is not that literal (``has ? r.port : null``),
    as ``origins``; the condition of a conditional, as ``chosen_by``."""
    origins: dict[str, str] = {}
    chosen: dict[str, str] = {}
    for path, written in attributes:
        if values is not None and value_at(values, path) is None:
            continue  # null: not set (``lookup(each.value, "k", null)`` of an optional key)
        taken = _branch_taken(written, path, values) if values is not None else None
        expr = written if taken is None else taken
        if isinstance(expr, TupleExpr) and expr.items:
            places = [find(item) for item in expr.items]
            if None not in places:
                origins[path] = join_places([p for p in places if p])
            continue
        found = find(expr)
        if found is not None:
            origins[path] = found
            continue
        subject = condition_subject(expr)
        found = find(subject) if subject is not None else None
        if found is not None:
            chosen[path] = found
    return origins, chosen


def _branch_chosen(
    chosen: dict[str, str], branches: list[tuple[str, str, Any]], values: dict[str, Any]
) -> dict[str, str]:
    """``chosen`` with the paths of ``branches`` whose value in this instance is known and is
    not the literal result: they hold the variable's value, written at its origin."""
    found = dict(chosen)
    for path, origin, literal in branches:
        value = value_at(values, path)
        if value is not UNKNOWN and value is not MISSING and value != literal:
            found[path] = origin
    return found


def expansion_inputs(body: Body) -> list[str]:
    """The inputs and local values (``var.create``, ``local.listeners``) the ``count`` /
    ``for_each`` of ``body`` reads: two resources whose expansion reads the same ones are
    created together (``EXISTS_MAYBE``)."""
    found: list[str] = []
    for name in ("count", "for_each"):
        attribute = body.attributes.get(name)
        if attribute is not None:
            _expansion_walk(attribute.expr, found)
    return found


def _expansion_walk(node: Any, found: list[str]) -> None:
    """:func:`expansion_inputs`' walk (a module function: a closure calling itself is a
    reference cycle, left to the paused collector)."""
    if (
        isinstance(node, Traversal) and isinstance(node.base, Var)
        and node.base.name in {"var", "local"} and node.ops and isinstance(node.ops[0], Attr)
    ):
        found.append(f"{node.base.name}.{node.ops[0].name}")
    if isinstance(node, tuple | list):
        for item in node:
            _expansion_walk(item, found)
    else:
        for item in field_values(node):
            _expansion_walk(item, found)


def input_reference(expr: Any) -> str | None:
    """``var.name`` / ``local.name`` (also written ``"${var.name}"``) when the expression is
    exactly one input value or local: two attributes of one module instance written so hold
    the same value, known or not."""
    if isinstance(expr, Template) and len(expr.parts) == 1:
        expr = expr.parts[0]
    if (
        isinstance(expr, Traversal)
        and isinstance(expr.base, Var)
        and expr.base.name in {"var", "local"}
        and len(expr.ops) == 1
        and isinstance(expr.ops[0], Attr)
    ):
        return f"{expr.base.name}.{expr.ops[0].name}"
    return None


#: Names whose value differs between the instances of one block (``count.index``,
#: ``each.key``) or that name the block itself.
_PER_INSTANCE = frozenset({"count", "each", "self"})
#: Functions whose result differs at each call.
_IMPURE = frozenset({"timestamp", "plantimestamp", "uuid", "bcrypt"})


def same_value_key(expr: Any) -> str | None:
    """A key shared by the attributes of one module instance that hold the same value, known
    or not: :func:`input_reference` for ``var.x`` / ``local.x``, else the expression's syntax
    tree, when it reads no per-instance name (``count``, ``each``, ``self``) and calls no
    function whose result differs per call (two attributes written
    ``length(var.name) > 0 ? var.name : module.this.id`` hold the same value); None for a
    literal."""
    simple = input_reference(expr)
    if simple is not None:
        return simple
    if isinstance(expr, Lit) or not _same_everywhere(expr):
        return None
    return f"expr:{expr!r}"


def _same_everywhere(node: Any) -> bool:
    if isinstance(node, Var):
        return node.name not in _PER_INSTANCE
    if isinstance(node, Call) and node.name.removeprefix("core::") in _IMPURE:
        return False
    if isinstance(node, tuple):
        return all(_same_everywhere(item) for item in node)
    return all(_same_everywhere(item) for item in field_values(node))


def literal_false(attribute: Any) -> bool:
    """Whether an attribute is the literal ``false``."""
    return attribute is not None and getattr(attribute.expr, "value", None) is False


def literal_true(attribute: Any) -> bool:
    """Whether an attribute is the literal ``true``."""
    return attribute is not None and getattr(attribute.expr, "value", None) is True


def evaluate_body(
    body: Body,
    ctx: Context,
    path: str,
    references: list[TfReference],
    top: bool = False,
    partial: dict[str, str] | None = None,
    secrets: dict[str, tuple[str, ...]] | None = None,
    rendering: Callable[[str], Context] | None = None,
    shapes: dict[str, str] | None = None,
    provisioning: dict[str, Any] | None = None,
    designated: dict[str, str] | None = None,
    choices: Choices | None = None,
) -> dict[str, Any]:
    """Attributes and nested blocks as plain values; references appended with their path.
    ``partial`` receives the placeholder rendering of top-level attributes that are UNKNOWN
    (``TfResource.partial``), in the context ``rendering`` gives for a placeholder (an
    instance's ``each.value`` rendered too) when set; ``secrets`` the secrets each attribute
    reads, by path (``TfResource.secrets``); ``provisioning`` the top-level ``connection``
    and ``provisioner`` blocks' values (``TfResource.provisioning``); ``designated`` the value
    paths whose value is one resource instance's ``id`` / ``arn`` (``TfResource.designated``),
    ``choices`` those a condition not known may set to a value that reads no resource
    (``TfResource.beyond``) or to nothing (``TfResource.unset``), nested blocks' arguments
    too."""
    values: dict[str, Any] = {}
    budget = ctx.budget
    for name, attribute in body.attributes.items():
        expr = attribute.expr
        if top and name in META_ARGUMENTS:
            if name == "depends_on":
                inner = Context(ctx.scope, ctx.names, budget=budget)
                evaluate_pending(expr, inner)
                _note(references, inner.refs, name)
            continue
        if type(expr) is Lit:
            # Most attributes: what evaluating it gives (no reference, nothing spent; an
            # UNKNOWN literal has no placeholder rendering).
            values[name] = expr.value
            continue
        inner = Context(ctx.scope, ctx.names, placeholder=ctx.placeholder, budget=budget)
        with budget.at(None, attribute.start_line):
            raw = evaluate_pending(expr, inner)
            if designated is not None and type(raw) is Computed:
                designated[path + name] = raw.ref
            elif inner.refs and designated is not None:
                _chosen(expr, raw, inner, path + name, designated, choices)
            value = values[name] = settled(
                raw, shapes, path + name, designated if type(raw) is dict else None
            )
            if value is UNKNOWN and choices is not None and name in RESULT_NAMES:
                choices.results[path + name] = tuple(possible_results(expr, inner))
        if inner.refs:
            _note(references, inner.refs, path + name, secrets)
        if partial is not None and value is UNKNOWN:
            shown = ctx if rendering is None else rendering(UNKNOWN_TEXT)
            text = render_with_placeholders(expr, shown, UNKNOWN_TEXT)
            if text is not None:
                partial[name] = text
        if partial is not None and name in TEXT_PARTIALS and has_unknown(value):
            shown = ctx if rendering is None else rendering(UNKNOWN_TEXT)
            rendered = render_text_with_placeholders(expr, shown, UNKNOWN_TEXT)
            if rendered is not None:
                partial[name] = json.dumps(rendered)
    for block in body.blocks:
        kind = block.type
        if top and kind in META_BLOCKS:
            if provisioning is not None and kind in PROVISIONING_BLOCKS:
                _provisioning(block, ctx, provisioning, shapes)
            continue
        if kind == "dynamic" and block.labels:
            _dynamic(block, ctx, path, references, values, secrets, shapes, designated, choices)
            continue
        current = values.setdefault(kind, [])
        if isinstance(current, list):
            child_path = f"{path}{kind}.{len(current)}."
            # (a role's inline policy: its text with values not known marked, as a
            # top-level policy's, ``inline_policy.0.policy``)
            nested: dict[str, str] | None = (
                {} if partial is not None and top and kind in PARTIAL_BLOCKS else None
            )
            current.append(
                evaluate_body(
                    block.body, ctx, child_path, references, partial=nested,
                    secrets=secrets, rendering=rendering, shapes=shapes,
                    designated=designated, choices=choices,
                )
            )
            if nested and partial is not None:
                partial.update({f"{child_path}{name}": text for name, text in nested.items()})
    return values


#: Nested blocks whose arguments not known get a rendering with placeholders in
#: ``TfResource.partial`` too, keyed by path (``inline_policy.0.policy``): an
#: ``aws_iam_role``'s inline policies, read like an ``aws_iam_role_policy``'s ``policy``.
PARTIAL_BLOCKS = frozenset({"inline_policy"})


def _chosen(
    expr: Any,
    raw: Any,
    ctx: Context,
    path: str,
    designated: dict[str, str],
    choices: Choices | None,
) -> None:
    """What an argument that reads resources but is no one resource's id designates when it
    chooses its value (a condition, ``coalesce``, ``try``, ...): possibly something beyond the
    configuration (``choices.beyond``) or nothing (``choices.unset``), or, for a known value
    chosen from an input, no resource (``designated`` = ``NOWHERE``). See ``designation``."""
    if is_unknown(raw) or (isinstance(raw, list) and any(is_unknown(item) for item in raw)):
        if choices is not None:
            outside, empty = reads_beyond(expr, ctx)
            if outside:
                choices.beyond.append(path)
            if empty:
                choices.unset.append(path)
            if chooses(expr, ctx):
                choices.chosen.append(path)
            if not outside and lists_beyond(expr, ctx):
                # ``concat([a.id], var.extra)``: an item may be beyond (``a`` is one all the
                # same: not ``chosen``)
                choices.beyond.append(path)
    elif isinstance(raw, str) and designates_nothing(expr, ctx):
        designated[path] = NOWHERE


def _provisioning(
    block: Block, ctx: Context, into: dict[str, Any], shapes: dict[str, str] | None
) -> None:
    """A resource's ``connection`` / ``provisioner`` block, evaluated into ``into`` (a
    provisioner under its type: ``{"remote-exec": {...}}``), the shapes of its strings
    written in part into ``shapes`` under their paths there. What it refers to is not the
    resource's (``self.public_ip``, the resources a ``local-exec`` command names): no
    reference is noted."""
    done = into.setdefault(block.type, [])
    path = f"{block.type}.{len(done)}."
    label = block.labels[0] if block.labels else ""
    if block.type == "provisioner":
        path += f"{label}."
    values = evaluate_body(block.body, ctx, path, [], shapes=shapes)
    done.append({label: values} if block.type == "provisioner" else values)


def provisioning_paths(body: Body, prefix: str = "") -> list[tuple[str, Attribute]]:
    """The attributes of a resource's ``connection`` / ``provisioner`` blocks with their
    paths in ``TfResource.provisioning`` (``connection.0.private_key``,
    ``provisioner.1.remote-exec.connection.0.password``)."""
    found: list[tuple[str, Attribute]] = []
    seen: dict[str, int] = {}
    for block in body.blocks:
        if block.type not in PROVISIONING_BLOCKS:
            continue
        index = seen.get(block.type, 0)
        seen[block.type] = index + 1
        inner = f"{prefix}{block.type}.{index}."
        if block.type == "provisioner":
            inner += f"{block.labels[0] if block.labels else ''}."
            found.extend(provisioning_paths(block.body, inner))  # its own connection
        found.extend(attribute_paths(block.body, inner))
    return found


def _dynamic(
    block: Block,
    ctx: Context,
    path: str,
    references: list[TfReference],
    values: dict[str, Any],
    secrets: dict[str, tuple[str, ...]] | None = None,
    shapes: dict[str, str] | None = None,
    designated: dict[str, str] | None = None,
    choices: Choices | None = None,
) -> None:
    label = block.labels[0]
    attrs = block.body.attributes
    content = next((b for b in block.body.blocks if b.type == "content"), None)
    each = attrs.get("for_each")
    if content is None or each is None:
        return
    inner = Context(ctx.scope, ctx.names, budget=ctx.budget)
    with ctx.budget.at(None, each.start_line):
        collection = evaluate_pending(each.expr, inner)
        if ctx.placeholder is not None:
            # the blocks are those of the plain value; their contents may show more
            collection = same_shape(collection, evaluate_pending(each.expr, ctx))
    _note(references, inner.refs, path + label)
    if collection is UNKNOWN:
        collection = _one_element_set(each.expr, ctx)
    iterator = reference_text(attrs["iterator"].expr) if "iterator" in attrs else None
    current = values.get(label, [])
    if collection is UNKNOWN and label == "statement" and not path and (
        ctx.placeholder is not None and isinstance(current, list)
    ):  # (a policy document's statements, rendered for ``TfResource.partial``)
        values[label] = [*current, _maybe_statement(content, each, ctx, iterator or label)]
        return
    if collection is UNKNOWN or not isinstance(collection, list | dict) or current is UNKNOWN:
        values[label] = UNKNOWN
        return
    items: Iterable[tuple[Any, Any]] = (
        sorted(collection.items()) if isinstance(collection, dict)
        else ((item, item) for item in collection) if isinstance(collection, SetValue)
        else enumerate(collection)
    )
    for key, item in items:
        ctx.budget.iterate()
        bound = ctx.bind(**{iterator or label: {"key": key, "value": item}})
        child_path = f"{path}{label}.{len(current)}."
        current.append(
            evaluate_body(
                content.body, bound, child_path, references, secrets=secrets, shapes=shapes,
                designated=designated, choices=choices,
            )
        )
    values[label] = current


def _maybe_statement(
    content: Block, each: Attribute, ctx: Context, name: str
) -> dict[str, Any]:
    """The statements a policy document's ``dynamic "statement"`` over a collection not known
    writes, in a rendering with placeholders (``TfResource.partial``): one statement whose
    effect is not known (there may be none, or several), its content as written with the
    iterator not known. The document's other statements stay read: an administrator grant
    among them is one whatever the collection holds (GDCC-IAM-005 FAIL), and the statement
    not known makes the rest not known, never a PASS (a reader of the text takes a
    statement whose effect is not known as one that may grant anything). A written
    ``effect = "Deny"`` is kept: denials grant nothing, however many there are."""
    bound = ctx.bind(**{name: {"key": UNKNOWN, "value": UNKNOWN}})
    written = evaluate_body(content.body, bound, "", [])
    effect = written.get("effect")
    if isinstance(effect, str) and effect.lower() == "deny":
        return written  # (a Deny grants nothing, however many there are)
    what = reference_text(each.expr) or _written_collection(content.file, each.start_line)
    scope = ctx.scope
    where = (
        scope._where(content.file, each.start_line) if isinstance(scope, ModuleInstance)
        else f"{os.path.basename(content.file)}:{each.start_line}"
    )
    return {**written, "effect": f"{ctx.placeholder}{DYNAMIC_STATEMENT_TEXT}{what} at {where})"}


def _written_collection(file: str, line: int) -> str:
    """A ``for_each`` written on one line as its text (``toset(var.names)``), for a message;
    "a collection not known" otherwise."""
    linecache.checkcache(file)  # (a file changed since it was last read)
    written = linecache.getline(file, line).strip()
    name, _, value = written.partition("=")
    value = value.split("#", 1)[0].strip()
    balanced = all(value.count(a) == value.count(b) for a, b in ("()", "[]", "{}"))
    if name.strip() != "for_each" or not value or not balanced or len(value) > 80:
        return "a collection not known"
    return value


def _one_element_set(expr: Any, ctx: Context) -> Any:
    """A ``dynamic`` block's ``for_each = toset([x])`` with ``x`` not known: a set of that one
    element (the set's length is known: "a single unknown value cannot represent more than
    one known value", cty ``Value.Length``), so one block is written with its iterator's value
    not known (terraform-aws-iam's cluster autoscaler policy, ``for_each =
    toset(var.cluster_autoscaler_cluster_names)`` given ``[module.eks.cluster_name]``);
    UNKNOWN for anything else (two elements not known may be one)."""
    if not isinstance(expr, Call) or expr.name != "toset" or len(expr.args) != 1 or expr.expand:
        return UNKNOWN
    inner = Context(ctx.scope, ctx.names, budget=ctx.budget)
    items = evaluate_pending(expr.args[0], inner)
    if isinstance(items, list) and len(items) == 1 and not isinstance(items, SetValue):
        return SetValue(items)
    return UNKNOWN


def _keyed(key: str, placeholder: str | None) -> str:
    """The cache key of a value rendered with ``placeholder`` (None: the plain value)."""
    return key if placeholder is None else f"{key}\0{placeholder}"


def _note(
    references: list[TfReference],
    targets: set[str],
    attribute: str,
    secrets: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """``targets`` as references of ``attribute``; the secret reads among them (see
    ``secret_sources``) into ``secrets`` instead."""
    for target in sorted(targets):
        if target.startswith(SECRET_MARK):
            if secrets is not None:
                read = target[len(SECRET_MARK) :]
                if read not in secrets.get(attribute, ()):
                    secrets[attribute] = (*secrets.get(attribute, ()), read)
            continue
        reference = TfReference(target, attribute)
        if reference not in references:
            references.append(reference)


__all__ = ["Evaluation", "ModuleInstance", "evaluate_body", "instance_suffix"]


#: The largest file ``file()`` / ``templatefile()`` read (a larger one stays unknown).
READ_FILE_BYTES = 2 * 1024 * 1024


#: The file functions (and their number of arguments) whose file is where the value is set.
_READS = frozenset({("file", 1), ("templatefile", 2)})


def as_scanned(path: str, root: str, module: str) -> str:
    """The file a file function's ``path`` names, as the scan was given it: relative to the
    root (Terraform runs there) unless absolute or already under the root's or the module's
    folder (``path.module``, ``path.root`` give those)."""
    if os.path.isabs(path) or any(
        path == folder or path.startswith(folder.rstrip("/") + "/") for folder in (root, module)
    ):
        return path
    return os.path.join(root, path)


def _inside(path: str, root: str, module: str) -> tuple[str, list[str]] | None:
    """The real path ``path`` names (relative to the root, as Terraform runs there) and the
    real folders of the configuration; None when it is outside them."""
    real = os.path.realpath(as_scanned(path, root, module))
    allowed = [os.path.realpath(folder) for folder in (root, module)]
    if not any(real == folder or real.startswith(folder + os.sep) for folder in allowed):
        return None
    return real, allowed


def read_configuration_file(path: str, root: str, module: str) -> tuple[str, str | None]:
    """See :meth:`ModuleInstance.read_file`."""
    inside = _inside(path, root, module)
    if inside is None:
        return "refused", None
    real = inside[0]
    try:
        if not os.path.isfile(real):
            return ("missing", None) if not os.path.exists(real) else ("refused", None)
        if os.path.getsize(real) > READ_FILE_BYTES:
            return "refused", None
        with open(real, "rb") as handle:
            data = handle.read(READ_FILE_BYTES + 1)
        return "ok", data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return "refused", None


#: The most characters of files an evaluation keeps to give again (``Evaluation.files``).
FILES_KEPT_CHARS = 32 * 1024 * 1024

#: The most directory entries ``fileset`` looks at (more: the value stays unknown).
FILESET_ENTRIES = 10_000


def list_configuration_files(
    path: str, pattern: str, root: str, module: str
) -> tuple[str, list[str] | None]:
    """``fileset(path, pattern)``: the regular files below ``path`` whose path relative to it
    matches ``pattern`` (``*`` and ``?`` within a name, ``**`` across folders, ``[...]``,
    ``{a,b}``), sorted. ``path`` must be inside the root's or the module's folder, and so
    must each file (a symbolic link out of them is left out, linked folders are not
    entered); ``("refused", None)`` otherwise or past ``FILESET_ENTRIES`` entries. A missing
    folder lists nothing, as in Terraform."""
    inside = _inside(path, root, module)
    if inside is None:
        return "refused", None
    real, allowed = inside
    matcher = _glob(pattern)
    if matcher is None:
        return "refused", None
    if not os.path.isdir(real):
        return "ok", []
    found: list[str] = []
    seen = 0
    for folder, dirs, files in os.walk(real):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
        seen += len(dirs) + len(files)
        if seen > FILESET_ENTRIES:
            return "refused", None
        for name in files:
            full = os.path.join(folder, name)
            relative = os.path.relpath(full, real).replace(os.sep, "/")
            if not matcher.fullmatch(relative):
                continue
            target = os.path.realpath(full)
            if os.path.isfile(target) and any(
                target.startswith(folder_ + os.sep) for folder_ in allowed
            ):
                found.append(relative)
    return "ok", sorted(found)


def _glob(pattern: str) -> re.Pattern[str] | None:
    """A ``fileset`` pattern as a regular expression (None when it cannot be read)."""
    out: list[str] = []
    i, depth = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                return None
            body = pattern[i + 1 : end]
            negate = body.startswith(("!", "^"))
            body = body[1:] if negate else body
            out.append("[" + ("^" if negate else "") + body.replace("\\", "\\\\") + "]")
            i = end
        elif char == "{":
            out.append("(?:")
            depth += 1
        elif char == "}" and depth:
            out.append(")")
            depth -= 1
        elif char == "," and depth:
            out.append("|")
        elif char == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 1
        else:
            out.append(re.escape(char))
        i += 1
    if depth:
        return None
    try:
        return re.compile("".join(out))
    except re.error:
        return None
