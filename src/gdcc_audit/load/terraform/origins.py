"""Which input or local value an expression takes its value from (``var.acl``,
``local.settings.acl``, the condition of ``var.public ? "public-read" : "private"``): what
``ModuleInstance`` follows to the line a user changes (``value set at FILE:LINE``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.terraform.ast import (
    Attr,
    Binary,
    Call,
    Conditional,
    Index,
    Lit,
    ObjectExpr,
    Template,
    Traversal,
    TupleExpr,
    Unary,
    Var,
    field_values,
)
from gdcc_audit.load.terraform.line_tokens import closing_lines, code_lines
from gdcc_audit.load.terraform_model import UNKNOWN

#: How many references a chain of locals and module arguments is followed through.
MAX_HOPS = 20

#: What :func:`value_at` gives when the path leads nowhere.
MISSING = object()


@dataclass(frozen=True, slots=True)
class Ref:
    """``var.NAME`` or ``local.NAME`` (``kind``), with the object keys read from it
    (``local.settings.acl``: ``path`` is ``("acl",)``)."""

    kind: str
    name: str
    path: tuple[str, ...] = ()

    def deeper(self, path: tuple[str, ...]) -> Ref:
        """This reference with ``path`` read further from it."""
        return Ref(self.kind, self.name, self.path + path)


#: Functions that give their one argument's value in another type or case: where that
#: argument is written is where the result is (``tobool(var.versioning["status"])``).
_CONVERSIONS = frozenset({"tobool", "tostring", "tonumber", "lower", "upper", "title", "trimspace"})


def unwrapped(expr: Any) -> Any:
    """The expression inside ``"${...}"`` (the Terraform 0.11 spelling gives the same value)
    or inside a conversion (:data:`_CONVERSIONS`)."""
    if isinstance(expr, Template) and len(expr.parts) == 1 and not isinstance(expr.parts[0], str):
        return unwrapped(expr.parts[0])
    if isinstance(expr, Call) and expr.name in _CONVERSIONS and len(expr.args) == 1:
        return unwrapped(expr.args[0])
    return expr


def input_ref(expr: Any) -> Ref | None:
    """The reference when the expression is exactly one input or local value, or keys read
    from one (``var.x``, ``local.s.acl``, ``local.s["acl"]``); None otherwise."""
    expr = unwrapped(expr)
    if not (
        isinstance(expr, Traversal)
        and isinstance(expr.base, Var)
        and expr.base.name in ("var", "local")
        and expr.ops
        and isinstance(expr.ops[0], Attr)
    ):
        return None
    path = traversal_keys(expr.ops[1:])
    return Ref(expr.base.name, expr.ops[0].name, path) if path is not None else None


def traversal_keys(ops: Any) -> tuple[str, ...] | None:
    """The object keys a run of traversal operations reads (``.acl``, ``["acl"]``); None
    when one is no such key (an index computed, a splat)."""
    path: list[str] = []
    for op in ops:
        if isinstance(op, Attr):
            path.append(op.name)
        elif isinstance(op, Index) and isinstance(op.key, Lit) and isinstance(op.key.value, str):
            path.append(op.key.value)
        else:
            return None
    return tuple(path)


def direct_variable(expr: Any) -> str | None:
    """``X`` when the expression is exactly ``var.X`` (or ``"${var.X}"``)."""
    ref = input_ref(expr)
    return ref.name if ref is not None and ref.kind == "var" and not ref.path else None


def condition_ref(expr: Any) -> Ref | None:
    """The reference when the expression is a conditional whose condition reads one input or
    local alone: ``var.X ? a : b``, ``!local.X ? ...``, ``var.X == "y" ? ...`` (``!=`` too,
    either side): its value chooses the result (``acl = var.public ? "public-read" :
    "private"``), so its line is the one a user changes."""
    return input_ref(condition_subject(expr))


def condition_subject(expr: Any) -> Any:
    """What the condition of a conditional reads (``var.X`` of ``var.X ? a : b``, ``!var.X ?
    ...``, ``var.X == "y" ? ...``, ``each.value.public ? ...``); None for any other
    expression."""
    expr = unwrapped(expr)
    if not isinstance(expr, Conditional):
        return None
    cond = unwrapped(expr.cond)
    if isinstance(cond, Unary) and cond.op == "!":
        cond = unwrapped(cond.operand)
    if isinstance(cond, Binary) and cond.op in ("==", "!="):
        if isinstance(cond.right, Lit):
            cond = cond.left
        elif isinstance(cond.left, Lit):
            cond = cond.right
        else:
            return None
    return cond


def each_path(expr: Any, name: str = "each") -> tuple[str, ...] | None:
    """``("value", KEY...)`` when the expression is ``each.value`` or keys read from it
    (``each.value.acl``, ``each.value["acl"]``), ``("key",)`` for ``each.key``; None for any
    other expression. ``name``: the iterator (``ingress`` of a ``dynamic "ingress"``
    block's ``ingress.value.cidr_blocks``)."""
    expr = unwrapped(expr)
    if not (
        isinstance(expr, Traversal)
        and isinstance(expr.base, Var)
        and expr.base.name == name
        and expr.ops
        and isinstance(expr.ops[0], Attr)
        and expr.ops[0].name in ("key", "value")
    ):
        return None
    rest = traversal_keys(expr.ops[1:])
    if rest is None or (rest and expr.ops[0].name == "key"):
        return None
    return (expr.ops[0].name, *rest)


def branch_ref(expr: Any) -> tuple[Ref, Any] | None:
    """``(reference, literal)`` when the expression is a conditional one of whose results is
    one input or local and the other a literal (``length(local.grants) == 0 ? var.acl :
    null``): an instance whose value is not that literal took the reference's."""
    expr = unwrapped(expr)
    if not isinstance(expr, Conditional):
        return None
    for mine, theirs in ((expr.then, expr.other), (expr.other, expr.then)):
        ref = input_ref(carried(mine))
        other = unwrapped(theirs)
        if ref is not None and isinstance(other, Lit):
            return ref, other.value
    return None


#: Functions whose result is their one argument that is not a literal, reshaped (joined,
#: split, compacted, deduplicated...): where that argument is written is where the value is
#: (``join(",", var.source_address_prefix)``, ``compact(split(",", var.cidrs))``).
_CARRIERS = frozenset({
    "join", "split", "compact", "distinct", "flatten", "sort", "tolist", "toset", "trimspace",
    "lower", "upper",
})


def carried(expr: Any) -> Any:
    """The argument whose value a :data:`_CARRIERS` call reshapes, when every other argument
    is a literal (followed through nested calls); ``expr`` itself otherwise."""
    expr = unwrapped(expr)
    while isinstance(expr, Call) and expr.name in _CARRIERS and not expr.expand:
        moving = [a for a in expr.args if not is_literal(a)]
        if len(moving) != 1:
            return expr
        expr = unwrapped(moving[0])
    return expr


#: :attr:`ExprShape._sole` before :meth:`ExprShape.sole` walked the expression.
_NOT_WALKED = object()


@dataclass
class ExprShape:
    """What an argument's expression read under a value path says by its shape alone, before
    any input's value is known: its inputs (:func:`refs_of`), the input its condition reads
    (:func:`condition_ref`), its input-or-literal branches (:func:`branch_ref`) and, asked
    for only when the value is not written in place, the one input it is computed from
    (:meth:`sole`). Kept per expression of a called module in ``ModuleDef.expr_shapes``, so
    every root and instance taking it shares one walk."""

    expr: Any
    refs: tuple[tuple[str, Ref], ...]
    condition: Ref | None
    branch: tuple[Ref, Any] | None
    _sole: Ref | object | None = _NOT_WALKED

    def sole(self) -> Ref | None:
        """:func:`sole_input` of the expression, walked once."""
        if self._sole is _NOT_WALKED:
            self._sole = sole_input(self.expr)
        return self._sole  # type: ignore[return-value]


def expr_shape(path: str, expr: Any) -> ExprShape:
    """The :class:`ExprShape` of ``expr`` read under ``path``."""
    return ExprShape(expr, tuple(refs_of(path, expr)), condition_ref(expr), branch_ref(expr))


def refs_of(path: str, expr: Any) -> list[tuple[str, Ref]]:
    """``(path, reference)`` when the expression is exactly one input or local (see
    :func:`input_ref`), or for each item of a list of them alone (``cidr_blocks =
    [var.office]``); for an object written in place (``variables = { API_TOKEN =
    var.token }``), ``(path.KEY, reference)`` for each of its items that is one (where a
    secret given through a variable is written)."""
    ref = input_ref(expr)
    if ref is not None:
        return [(path, ref)]
    if isinstance(expr, TupleExpr) and expr.items:  # ``[var.a, var.b]``: each, none written
        refs = [input_ref(item) for item in expr.items]
        return [(path, r) for r in refs if r is not None] if None not in refs else []
    if not isinstance(expr, ObjectExpr):
        return []
    found = []
    for key, value in expr.items:
        name = key_name(key)
        ref = input_ref(value)
        if name is not None and ref is not None:
            found.append((f"{path}.{name}", ref))
    return found


def indexed_ref(expr: Any) -> tuple[Ref, tuple[str, ...]] | None:
    """``(reference, rest)`` when the expression reads one element of an input or local
    list by ``count.index`` (``var.cidrs[count.index]``, ``element(var.cidrs,
    count.index)``, ``var.subnets[count.index].cidr``): the element is ``reference`` read at
    the instance's index, then ``rest``; None otherwise."""
    expr = unwrapped(expr)
    if isinstance(expr, Call) and expr.name == "element" and len(expr.args) == 2:
        ref = input_ref(expr.args[0])
        return (ref, ()) if ref is not None and _is_count_index(expr.args[1]) else None
    if not isinstance(expr, Traversal):
        return None
    for at, op in enumerate(expr.ops):
        if isinstance(op, Index) and _is_count_index(op.key):
            ref = input_ref(Traversal(expr.base, expr.ops[:at]))
            rest = traversal_keys(expr.ops[at + 1:])
            return (ref, rest) if ref is not None and rest is not None else None
    return None


def instance_key(expr: Any, key: Any, each: Any = MISSING) -> str | None:
    """The key (as a string) an index expression gives in one instance: ``count.index``
    (``key`` an int), ``each.key`` (``key`` a string), ``each.value`` or a key read from it
    (``each`` the instance's value; ``local.rules[each.value.name]``) when that is a string
    or number; None for any other expression."""
    if _is_count_index(expr):
        return str(key) if isinstance(key, int) and not isinstance(key, bool) else None
    path = each_path(expr)
    if path == ("key",):
        return key if isinstance(key, str) else None
    if path is None or each is MISSING:
        return None
    found = value_at(each, ".".join(path[1:])) if path[1:] else each
    ok = isinstance(found, str | int) and not isinstance(found, bool)
    return str(found) if ok else None


def picked_ref(expr: Any, key: Any, each: Any = MISSING) -> Ref | None:
    """The element of an input or local an instance picks, with the keys read from it
    (``var.rules[count.index]["cidr"]``, ``var.settings[each.key].acl``,
    ``local.rules[each.value.name]``, ``element(var.cidrs, count.index)``): that reference,
    the instance's key (:func:`instance_key`) in its path; None otherwise."""
    expr = unwrapped(expr)
    if isinstance(expr, Call) and expr.name == "element" and len(expr.args) == 2:
        ref = input_ref(expr.args[0])
        picked = instance_key(expr.args[1], key, each)
        return ref.deeper((picked,)) if ref is not None and picked is not None else None
    if not isinstance(expr, Traversal):
        return None
    for at, op in enumerate(expr.ops):
        picked = instance_key(op.key, key, each) if isinstance(op, Index) else None
        if picked is not None:
            ref = input_ref(Traversal(expr.base, expr.ops[:at]))
            rest = traversal_keys(expr.ops[at + 1:])
            if ref is None or rest is None:
                return None
            return ref.deeper((picked, *rest))
    return None


def _is_count_index(expr: Any) -> bool:
    expr = unwrapped(expr)
    return (
        isinstance(expr, Traversal) and isinstance(expr.base, Var) and expr.base.name == "count"
        and len(expr.ops) == 1 and isinstance(expr.ops[0], Attr) and expr.ops[0].name == "index"
    )


def looked_up(call: Call, each: dict[str, Any] | None = None) -> list[Any] | None:
    """``[M["k"], d]`` for ``lookup(M, "k", d)`` (``[M["k"]]`` without a default) when ``M``
    is a reference and ``"k"`` a literal, or ``each.key`` / ``each.value`` whose string value
    ``each`` gives (``lookup(var.versioning, each.value, false)`` of a ``for_each`` over a
    set of names): the arguments of the ``try`` it amounts to; None for any other call."""
    if call.name != "lookup" or len(call.args) not in (2, 3):
        return None
    target, key = unwrapped(call.args[0]), unwrapped(call.args[1])
    name = key_name(key) if isinstance(key, Lit | Template) else None
    path = each_path(key)
    if name is None and path is not None and len(path) == 1 and each is not None:
        found = each.get(path[0])
        name = found if isinstance(found, str) else None
    if not isinstance(target, Traversal) or name is None:
        return None
    return [Traversal(target.base, (*target.ops, Index(Lit(name)))), *call.args[2:]]


def key_name(key: Any) -> str | None:
    """The name an object key written as a word or a literal string gives."""
    if isinstance(key, Var):
        return key.name
    key = unwrapped(key)
    if isinstance(key, Template) and len(key.parts) == 1 and isinstance(key.parts[0], str):
        return key.parts[0]
    if isinstance(key, Lit) and isinstance(key.value, str):
        return key.value
    return None


def item_of(expr: Any, name: str) -> Any:
    """The value of the item ``name`` of an object written in place; None when ``expr`` is
    no such object or has no such item (the last one written wins, as in Terraform)."""
    if isinstance(expr, TupleExpr) and name.isdigit():  # ``count.index``'s element
        return expr.items[int(name)] if int(name) < len(expr.items) else None
    if not isinstance(expr, ObjectExpr):
        return None
    found = None
    for key, value in expr.items:
        if key_name(key) == name:
            found = value
    return found


def is_literal(expr: Any) -> bool:
    """Whether the expression is a value written in place (a number, bool, string without
    interpolation, or a list / object of them)."""
    if isinstance(expr, Lit):
        return True
    if isinstance(expr, Template):
        return all(isinstance(part, str | Lit) for part in expr.parts)
    if isinstance(expr, TupleExpr):
        return all(is_literal(item) for item in expr.items)
    if isinstance(expr, ObjectExpr):
        return all(is_literal(value) for _, value in expr.items)
    return False


def key_line(lines: list[str], start: int, end: int, name: str) -> int | None:
    """The line (1-based, within ``start``..``end``) where the object key ``name`` is
    written, when exactly one line there writes it; None otherwise."""
    pattern = re.compile(rf'^\s*"?{re.escape(name)}"?\s*[=:]')
    code = code_lines(lines)
    found = [
        n for n in range(start, min(end, len(lines)) + 1)
        # a line starting in code (not inside a heredoc or a block comment)
        if pattern.match(lines[n - 1]) and code[n - 1].strip()
        and _starts_in_code(lines[n - 1], code[n - 1])
    ]
    return found[0] if len(found) == 1 else None


def _starts_in_code(line: str, code: str) -> bool:
    """Whether ``line`` begins with code (its first character is not blanked)."""
    text = line.lstrip()
    return bool(text) and code[len(line) - len(text)] == text[0]


_OPEN, _CLOSE = "{[(", "}])"


def span_end(lines: list[str], start: int, end: int) -> int:
    """The last line (within ``start``..``end``) of the value written from line ``start``
    (an object or list may run over several lines: where its brackets close); ``start``
    itself when it closes there, ``end`` when it does not close."""
    code = code_lines(lines)  # brackets in strings, comments and heredocs do not count
    last = min(end, len(lines))
    if 1 <= start <= last:
        closes = closing_lines(code)[start - 1]
        return closes if closes <= last else end
    depth = 0
    for number in range(start, last + 1):
        text = code[number - 1]
        depth += sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)
        if depth <= 0:
            return number
    return end


def item_line(lines: list[str], start: int, end: int, path: tuple[str, ...]) -> int | None:
    """The line of the item ``path`` of an object written over ``start``..``end``, each key
    looked for within its parent item's own lines (``{ a = { acl = .. }, b = { acl = .. } }``:
    ``("b", "acl")`` is b's ``acl``): the deepest item found on exactly one line (not looking
    further once a key is not, lest a sibling's key be taken); None when the first is not."""
    line: int | None = None
    low = start
    for key in path:
        found = key_line(lines, low, end, key)
        if found is None and key.isdigit():  # an element of a list: where it opens
            found = element_start(lines, line or start, end, int(key))
        if found is None:
            break
        line, end = found, span_end(lines, found, end)
        low = found + 1 if end > found else found
    return line


def element_start(lines: list[str], start: int, end: int, index: int) -> int | None:
    """The line where the element ``index`` of the list opening on line ``start`` opens, when
    the elements before it and it are objects or lists (``[ { ... }, { ... } ]``, one
    bracket opening each); None otherwise (a scalar element, no list there)."""
    depth, seen = 0, -1
    opened = False
    code = code_lines(lines)  # a string's text blanked: its brackets do not count
    for number in range(start, min(end, len(lines)) + 1):
        text = code[number - 1]
        at = text.index("[") if not opened and "[" in text else (0 if opened else -1)
        if at < 0:
            return None
        for char in text[at:]:
            if char in _OPEN:
                if opened and depth == 1:
                    seen += 1
                    if seen == index:
                        return number
                depth += 1
                opened = True
            elif char in _CLOSE:
                depth -= 1
                if opened and depth == 0:
                    return None
            elif opened and depth == 1 and char in "#/":
                break  # a comment between elements
            elif opened and depth == 1 and not char.isspace() and char != ",":
                return None  # a scalar element: not counted here
    return None


def element_line(lines: list[str], start: int, end: int, expr: Any) -> int | None:
    """The line (within ``start``..``end``) of a list element that is a string literal
    (``"0.0.0.0/0",`` of a list written over several lines), when exactly one line there
    holds that quoted text; None otherwise."""
    expr = unwrapped(expr)
    text = expr.value if isinstance(expr, Lit) else None
    if isinstance(expr, Template) and len(expr.parts) == 1 and isinstance(expr.parts[0], str):
        text = expr.parts[0]
    if not isinstance(text, str) or not text:
        return None
    quoted = f'"{text}"'
    code = code_lines(lines)
    found = [
        n for n in range(start, min(end, len(lines)) + 1)
        if quoted in lines[n - 1]
        # a string of the configuration, not text of a heredoc or comment
        and code[n - 1][lines[n - 1].index(quoted)] == '"'
    ]
    return found[0] if len(found) == 1 else None




def value_at(values: Any, path: str) -> Any:
    """The value at a dotted value path (``versioning_configuration.0.status``) of evaluated
    values; ``MISSING`` when there is none, UNKNOWN when a part is not known."""
    current = values
    for part in path.split("."):
        if current is UNKNOWN:
            return UNKNOWN
        if isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        elif isinstance(current, dict) and part in current:
            current = current[part]
        else:
            return MISSING
    return current


#: Names a document written in place (a ``jsonencode`` policy, a heredoc) may read: its
#: module's own values (a bucket name in a policy's ``Resource``), never another object's.
_OWN_NAMES = frozenset({"var", "local", "each", "count", "path", "terraform"})
#: Functions that turn a document written in place into text.
_ENCODERS = frozenset({"jsonencode", "yamlencode"})


#: The names through which an expression reads an input or a local value.
INPUT_NAMES = frozenset({"var", "local"})


def names_read(expr: Any) -> frozenset[str]:
    """Every name the expression reads (its ``Var`` nodes, anywhere in it; not a key of an
    object written as a word), found in one walk: what :func:`in_place` asks of it, and
    whether it can read an input or local at all (no ``var`` nor ``local`` among them: no
    ``value set at`` to follow, :meth:`ExprShape` has nothing to find)."""
    found: set[str] = set()
    stack = [expr]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        kind = type(node)
        if kind is Traversal:  # most references: a name, then attributes
            push(node.base)
            extend(op for op in node.ops if type(op) is not Attr)
        elif kind is Var:
            found.add(node.name)
        elif kind is Lit or kind is str:
            continue
        elif kind is ObjectExpr:
            for key, value in node.items:
                if not isinstance(key, Var):  # a key written as a word is a name
                    push(key)
                push(value)
        elif isinstance(node, tuple | list):
            extend(node)
        else:
            extend(field_values(node))
    return _interned(frozenset(found))


#: One frozenset per set of names read (most arguments read none, or one resource type).
_NAME_SETS: dict[frozenset[str], frozenset[str]] = {}


def _interned(names: frozenset[str]) -> frozenset[str]:
    kept = _NAME_SETS.get(names)
    if kept is None:
        if len(_NAME_SETS) > 4096:
            _NAME_SETS.clear()
        kept = _NAME_SETS[names] = names
    return kept


def in_place(expr: Any, names: frozenset[str] | None = None) -> bool:
    """Whether the expression's value is written where it stands: literals and functions of
    them, or a document (``jsonencode({...})``, a template with text) that reads nothing but
    its module's inputs and locals. Not one input or local alone, nor an expression that
    computes the value from inputs (``try(var.v["enabled"] ? ...)``): followed to where the
    input is written instead; nor one that reads a resource, data source or module, whose
    own block is then the line to change. ``names``: its :func:`names_read`, when known."""
    if names is not None and (not names or not names <= _OWN_NAMES):
        return not names  # no name: no input either; a name not its own: not in place
    if input_ref(expr) is not None:
        return False
    document = (isinstance(expr, Call) and expr.name in _ENCODERS) or (
        isinstance(expr, Template) and any(isinstance(p, str) and p.strip() for p in expr.parts)
    )
    if names is not None:
        return document
    return _reads_only(expr, _OWN_NAMES if document else frozenset())


def _reads_only(expr: Any, names: frozenset[str]) -> bool:
    """Whether the expression reads no name but ``names``."""
    if isinstance(expr, Var):
        return expr.name in names
    if isinstance(expr, ObjectExpr):  # a key written as a word is a name, not a reference
        return all(
            (isinstance(key, Var) or _reads_only(key, names)) and _reads_only(value, names)
            for key, value in expr.items
        )
    if isinstance(expr, tuple | list):
        return all(_reads_only(item, names) for item in expr)
    return all(_reads_only(item, names) for item in field_values(expr))


def conjuncts(expr: Any) -> list[Any]:
    """The parts of ``A && B && C`` (``expr`` itself when it is no conjunction)."""
    expr = unwrapped(expr)
    if isinstance(expr, Binary) and expr.op == "&&":
        return [*conjuncts(expr.left), *conjuncts(expr.right)]
    return [expr]


#: Nodes and values that read no name (a literal, a template's text, a call's flag).
_LEAVES = frozenset({Lit, str, bool, int, float, type(None)})


def sole_input(expr: Any) -> Ref | None:
    """The input or local an expression reads, when it reads exactly one and nothing else
    but literals and functions (``length(keys(var.versioning)) > 0``); None otherwise."""
    found: set[Ref] = set()
    return next(iter(found)) if _sole_walk(expr, found) and len(found) == 1 else None


def _sole_walk(node: Any, found: set[Ref]) -> bool:
    """:func:`sole_input`'s walk, adding each input read to ``found``: False once the node
    reads something else or a second input (a module function, not a closure: a closure
    calling itself is a reference cycle, left to the paused collector)."""
    if type(node) in _LEAVES:  # (a literal, a text of a template: nothing read)
        return True
    ref = input_ref(node)
    if ref is not None:
        found.add(Ref(ref.kind, ref.name))
        return len(found) == 1  # a second one: not one input alone, stop here
    if isinstance(node, Var):
        return False  # another object, or a name bound by an expression
    if isinstance(node, tuple | list):
        return all(_sole_walk(item, found) for item in node)
    return all(_sole_walk(item, found) for item in field_values(node))
