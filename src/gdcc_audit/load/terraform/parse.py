"""HCL text to the syntax tree of :mod:`ast`, with tree-sitter's error recovery.

tree-sitter parses the whole file even when a block is broken; a top-level block whose subtree
holds a syntax error is left out and reported (with line and column) so that the rest of the
file is still assessed. A piece of plain HCL is read without tree-sitter by :mod:`fastparse`
(the same tree, lines and node counts, about three times faster); any other piece is parsed
by tree-sitter.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

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
    Part,
    Splat,
    Template,
    TemplateFor,
    TemplateIf,
    Traversal,
    TupleExpr,
    Unary,
    Var,
    fast_pickle,
)
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.masking import redact_text
from gdcc_audit.settings import DEFAULT_MAX_DEPTH, DEFAULT_MAX_HCL_NODES, DEFAULT_MAX_STRING

if TYPE_CHECKING:
    from tree_sitter import Node, Parser


@dataclass
class SyntaxIssue:
    """A syntax error tree-sitter recovered from: 1-based line and column."""

    line: int
    column: int
    message: str


@dataclass
class ParsedHcl:
    """A file's body (broken top-level blocks left out) and the syntax errors found."""

    body: Body
    issues: list[SyntaxIssue] = field(default_factory=list)


fast_pickle(SyntaxIssue)
fast_pickle(ParsedHcl)


_OPERATORS = frozenset({"+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||"})


@lru_cache(maxsize=1)
def _parser() -> Parser:
    # tree-sitter and its HCL grammar load when a file is parsed, not when a cached parse is
    # read (loading the grammar's shared library is ~20 ms).
    import tree_sitter_hcl
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_hcl.language()))


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unescape_match(match: re.Match[str]) -> str:
    text = match.group(0)
    if text == "$${":
        return "${"
    if text == "%%{":
        return "%{"
    code = match.group(1)
    if code[0] in "uU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _SIMPLE_ESCAPES.get(code, text)


def unescape(text: str, quoted: bool = True) -> str:
    """Decode HCL string escapes (heredocs only have ``$${`` and ``%%{``)."""
    if quoted:
        if "\\" not in text and "$${" not in text and "%%{" not in text:
            return text
        return _ESCAPE.sub(_unescape_match, text)
    return text.replace("$${", "${").replace("%%{", "%{")


def _first_error(node: Node) -> Node:
    while True:
        if node.type == "ERROR" or node.is_missing:
            return node
        for child in node.children:
            if child.has_error or child.is_missing:
                node = child
                break
        else:
            return node


def _issue(node: Node, what: str, line_offset: int = 0) -> SyntaxIssue:
    """The first error under ``node`` (lines within the piece parsed; the caller adds the
    lines before it), naming where a lost block starts in the file."""
    bad = _first_error(node)
    line, column = bad.start_point.row + 1, bad.start_point.column + 1
    if bad.is_missing:
        detail = f"missing {bad.type!r}"
    else:
        text = (bad.text or b"").decode("utf-8", "replace").strip().splitlines()
        detail = f"unexpected {_quotable(text[0])}" if text else "syntax error"
    # Name where the lost block starts too: the error is often where it was cut short.
    start = node.start_point.row + 1
    lost = what
    if start != line and what.startswith("block"):
        lost = f"{what} (line {start + line_offset})"
    if what.startswith("block") and _unclosed(node):
        # The parser's recovery took everything after it into the block (a value missing
        # before a '}'): the blocks written there are lost with it, and say so.
        end = node.end_point.row + (node.end_point.column > 0)
        lost = f"{what} (line {start + line_offset}, never closed: lines {start + line_offset}-"
        lost += f"{end + line_offset} with every block in them)"
    return SyntaxIssue(line, column, f"syntax error ({detail}); {lost} skipped")


#: A line that starts a top-level block (Terraform's block types, at the first column).
_TOP_BLOCK = re.compile(
    rb"^(?:resource|data|module|variable|output|locals|provider|terraform|moved|import|"
    rb"check|removed|ephemeral)\b", re.MULTILINE,
)


def _unclosed(node: Node) -> bool:
    """Whether a block's closing brace is missing and other top-level blocks were read into
    it: its body holds a block that starts at the line's first column, or (the recovery took
    them into a value: a string template never closed, ``"name-%{suffix}"``) a line after its
    first starts a top-level block."""
    if not node.children:
        return False
    end = node.children[-1]
    if not (end.is_missing or any(child.is_missing for child in end.children)):
        return False
    if any(
        child.type == "body"
        and any(item.type == "block" and item.start_point.column == 0 for item in child.children)
        for child in node.children
    ):
        return True
    text = node.text or b""
    first = text.find(b"\n")
    return first >= 0 and _TOP_BLOCK.search(text, first + 1) is not None


_HARMLESS = re.compile(r"[a-z_][a-z0-9_.-]{0,30}|[^\w\s]{1,10}|[a-z_]+ \S{1,3}")


def _quotable(text: str) -> str:
    """The unexpected text, quoted only when it cannot be a secret (a lower-case keyword or
    punctuation): a broken line may hold a credential, and error messages reach every report
    and log."""
    head = text[:40]
    if _HARMLESS.fullmatch(head):
        return repr(head)
    masked = redact_text(head)
    if masked != head:
        return repr(masked)
    return f"text of {len(text):,} characters (not quoted: it may be a secret)"


class _TooDeep(Exception):
    """Raised inside the builder when nesting passes the limit; caught per top-level item."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.line = node.start_point.row + 1
        self.column = node.start_point.column + 1


class _Builder:
    """Converts one file's tree-sitter nodes; holds the source for text slices."""

    def __init__(
        self,
        path: str,
        source: bytes,
        max_depth: int = DEFAULT_MAX_DEPTH,
        max_nodes: int = DEFAULT_MAX_HCL_NODES,
        max_string: int = DEFAULT_MAX_STRING,
    ) -> None:
        self.path = path
        self.src = source
        self.issues: list[SyntaxIssue] = []
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.max_string = max_string
        self.depth = 0
        #: Lines before the chunk being built (a big file is parsed in chunks).
        self.line_offset = 0
        #: Syntax nodes of the top-level items built so far, against ``max_nodes``.
        self.nodes = 0
        self.exhausted = False

    def over_string_cap(self, node: Node) -> bool:
        """Whether a string literal is longer than the cap: its value is then unknown (never
        guessed), and the cap is reported with its line."""
        size = node.end_byte - node.start_byte
        if size <= self.max_string:
            return False
        self.issues.append(
            SyntaxIssue(
                node.start_point.row + 1,
                node.start_point.column + 1,
                f"string of {size:,} bytes over the cap of {self.max_string:,}: its value is "
                "not read (unknown)",
            )
        )
        return True

    def nest(self, node: Node) -> None:
        """One level deeper (a block, a bracket, a parenthesis, an operand or an argument)."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise _TooDeep(node)

    def guarded_item(self, node: Node, body: Body) -> None:
        """A top-level block or attribute; one nested past the limit is skipped and listed."""
        depth = self.depth
        try:
            self.item(node, body)
        except _TooDeep as exc:
            self.depth = depth
            self.issues.append(
                SyntaxIssue(
                    exc.line,
                    exc.column,
                    f"nested deeper than {self.max_depth} levels (the limit for every input "
                    f"file); {self.describe(node)} skipped",
                )
            )

    def text(self, node: Node) -> str:
        return self.src[node.start_byte : node.end_byte].decode("utf-8", "replace")

    # -- structure -------------------------------------------------------------------------
    def top_body(self, root: Node, body: Body | None = None) -> Body:
        body = body if body is not None else Body()
        if root.type == "ERROR":
            # The whole file is one error node (a first block cut short): say which block.
            self.salvage(root, body)
            return body
        for child in root.children:
            if child.type == "body":
                self.body_items(child, body, top=True)
            elif child.type == "ERROR":
                self.salvage(child, body)
        return body

    def within_budget(self, node: Node) -> bool:
        """Whether a top-level item still fits the file's node cap; the first that does not
        is reported with its line, and nothing after it is read."""
        if self.exhausted:
            return False
        self.nodes += node.descendant_count
        if self.nodes <= self.max_nodes:
            return True
        self.exhausted = True
        self.issues.append(
            SyntaxIssue(
                node.start_point.row + 1,
                node.start_point.column + 1,
                f"more than {self.max_nodes:,} syntax nodes (the cap per file): the file from "
                "this line on is not assessed",
            )
        )
        return False

    def salvage(self, error: Node, body: Body) -> None:
        what = self.describe(error)
        what = what if what != "block" else "the text there"
        self.issues.append(_issue(error, what, self.line_offset))
        for child in error.children:
            if child.type in ("block", "attribute") and not child.has_error:
                self.guarded_item(child, body)
            elif child.type == "body":
                self.body_items(child, body, top=True)

    def body_items(self, node: Node, body: Body, top: bool = False) -> None:
        for child in node.children:
            kind = child.type
            if kind == "comment":
                continue
            if top and not self.within_budget(child):
                return
            if top and (child.has_error or kind == "ERROR"):
                if kind == "ERROR":
                    self.salvage(child, body)
                else:
                    self.issues.append(_issue(child, self.describe(child), self.line_offset))
                continue
            if kind in ("block", "attribute"):
                if top:
                    self.guarded_item(child, body)
                else:
                    self.item(child, body)

    def describe(self, node: Node) -> str:
        words: list[str] = []
        for child in node.children:
            if child.type == "identifier" and not words:
                words.append(self.text(child))
            elif child.type == "string_lit":
                words.append(self.text(child).strip('"'))
            elif child.type not in ("comment",):
                break
        if node.type == "attribute":
            return f"attribute {words[0] if words else '?'!r}"
        return "block " + " ".join(words) if words else "block"

    def item(self, node: Node, body: Body) -> None:
        start = node.start_point.row + 1 + self.line_offset
        end = node.end_point.row + 1 + self.line_offset
        if node.type == "attribute":
            named = [c for c in node.children if c.is_named and c.type != "comment"]
            if len(named) < 2:
                return
            name = self.text(named[0])
            body.attributes[name] = Attribute(name, self.expr(named[1]), start, end)
            return
        block_type = ""
        labels: list[str] = []
        inner = Body()
        for child in node.children:
            kind = child.type
            if kind == "identifier":
                if block_type:
                    labels.append(self.text(child))
                else:
                    block_type = self.text(child)
            elif kind == "string_lit":
                labels.append(unescape(self.text(child)[1:-1]))
            elif kind == "body":
                self.nest(node)
                self.body_items(child, inner)
                self.depth -= 1
        body.blocks.append(Block(block_type, tuple(labels), inner, self.path, start, end))

    # -- expressions -----------------------------------------------------------------------
    def expr(self, node: Node) -> Expr:
        kind = node.type
        if kind == "expression":
            self.depth += 1
            if self.depth > self.max_depth:
                raise _TooDeep(node)
            children = node.children
            # Most expressions are one term without operations: built without the list.
            if len(children) == 1 and children[0].type not in ("comment", "("):
                built = self.expr(children[0])
            else:
                built = self.sequence([c for c in children if c.type != "comment"])
            self.depth -= 1
            return built
        handler = _HANDLERS.get(kind)
        if handler is None:
            return Lit(None)
        return handler(self, node)

    def expression(self, node: Node) -> Expr:
        return self.sequence([c for c in node.children if c.type != "comment"])

    def sequence(self, children: list[Node]) -> Expr:
        """An expression term followed by attribute, index and splat operations."""
        if not children:
            return Lit(None)
        if children[0].type == "(":
            inner = next((c for c in children if c.type == "expression"), None)
            base = self.expr(inner) if inner is not None else Lit(None)
            rest = children[children.index(inner) + 2 :] if inner is not None else []
        else:
            base = self.expr(children[0])
            rest = children[1:]
        ops = self.ops(rest)
        return Traversal(base, ops) if ops else base

    def ops(self, nodes: list[Node]) -> tuple[Op, ...]:
        ops: list[Op] = []
        for child in nodes:
            kind = child.type
            if kind == "get_attr":
                ident = next((c for c in child.children if c.type == "identifier"), None)
                if ident is not None:
                    ops.append(Attr(self.text(ident)))
            elif kind == "index":
                sub = child.children[0] if child.children else None
                if sub is None:
                    continue
                if sub.type == "legacy_index":
                    digits = self.text(sub)[1:]
                    ops.append(Index(Lit(int(digits) if digits.isdigit() else digits)))
                else:
                    inner = next((c for c in sub.children if c.type == "expression"), None)
                    ops.append(Index(self.expr(inner) if inner is not None else Lit(None)))
            elif kind == "splat":
                for splat in child.children:
                    inside, after = _splat_steps(splat)
                    ops.append(Splat(self.ops(inside)))
                    ops.extend(self.ops(after))
        return tuple(ops)

    def x_literal_value(self, node: Node) -> Expr:
        return self.expr(node.children[0])

    def x_numeric_lit(self, node: Node) -> Expr:
        text = self.text(node)
        try:
            return Lit(int(text))
        except ValueError:
            return Lit(float(text))

    def x_bool_lit(self, node: Node) -> Expr:
        return Lit(self.text(node) == "true")

    def x_null_lit(self, node: Node) -> Expr:
        return Lit(None)

    def x_string_lit(self, node: Node) -> Expr:
        if self.over_string_cap(node):
            return Lit(UNKNOWN)
        return Lit(unescape(self.text(node)[1:-1]))

    def x_template_expr(self, node: Node) -> Expr:
        return self.expr(node.children[0])

    def x_quoted_template(self, node: Node) -> Expr:
        if self.over_string_cap(node):
            return Lit(UNKNOWN)
        children = node.children
        start = children[0].end_byte
        end = children[-1].start_byte if len(children) > 1 else node.end_byte
        return self.template(self.parts(children[1:-1], start, end, quoted=True))

    def x_heredoc_template(self, node: Node) -> Expr:
        if self.over_string_cap(node):
            return Lit(UNKNOWN)
        idents = [c for c in node.children if c.type == "heredoc_identifier"]
        if len(idents) < 2:
            return Lit(None)
        newline = self.src.find(b"\n", idents[0].end_byte)
        start = newline + 1 if newline >= 0 else idents[0].end_byte
        end = self.src.rfind(b"\n", 0, idents[-1].start_byte) + 1
        end = max(end, start)
        inner = [c for c in node.children if start <= c.start_byte < end]
        parts = self.parts(inner, start, end, quoted=False)
        strip = node.children[0].text == b"<<-" or b"-" in (node.children[0].text or b"")
        if strip:
            parts = _dedent(parts, self.src[start:end].decode("utf-8", "replace"))
        return self.template(parts)

    @staticmethod
    def template(parts: list[Part]) -> Expr:
        if not parts:
            return Lit("")
        if len(parts) == 1 and isinstance(parts[0], str):
            return Lit(parts[0])
        return Template(tuple(parts))

    def parts(self, children: list[Node], start: int, end: int, quoted: bool) -> list[Part]:
        parts: list[Part] = []
        cursor = start
        strip_next = False
        for child in children:
            kind = child.type
            if kind not in ("template_interpolation", "template_directive"):
                continue
            literal = unescape(self.src[cursor : child.start_byte].decode("utf-8"), quoted)
            if strip_next:
                literal = literal.lstrip()
            inner = [c for c in child.children if c.type == "strip_marker"]
            if inner and inner[0].start_byte < child.start_byte + 4:
                literal = literal.rstrip()
            if literal:
                parts.append(literal)
            strip_next = bool(inner) and inner[-1].end_byte >= child.end_byte - 2
            if kind == "template_interpolation":
                sub = next((c for c in child.children if c.type == "expression"), None)
                parts.append(self.expr(sub) if sub is not None else Lit(None))
            else:
                parts.append(self.directive(child.children[0], quoted))
            cursor = child.end_byte
        literal = unescape(self.src[cursor:end].decode("utf-8"), quoted)
        if strip_next:
            literal = literal.lstrip()
        if literal:
            parts.append(literal)
        return parts

    def directive(self, node: Node, quoted: bool) -> Part:
        children = node.children
        if node.type == "template_for":
            intro = children[0]
            names = [self.text(c) for c in intro.children if c.type == "identifier"]
            coll = next((c for c in intro.children if c.type == "expression"), None)
            body = self.parts(children[1:-1], intro.end_byte, children[-1].start_byte, quoted)
            key, value = (names[0], names[1]) if len(names) > 1 else (None, names[0])
            collection = self.expr(coll) if coll is not None else Lit(None)
            return TemplateFor(key, value, collection, tuple(body))
        intro = children[0]
        cond_node = next((c for c in intro.children if c.type == "expression"), None)
        cond = self.expr(cond_node) if cond_node is not None else Lit(None)
        else_node = next((c for c in children if c.type == "template_else_intro"), None)
        close = children[-1]
        if else_node is None:
            then = self.parts(children[1:-1], intro.end_byte, close.start_byte, quoted)
            return TemplateIf(cond, tuple(then), ())
        split = children.index(else_node)
        then = self.parts(children[1:split], intro.end_byte, else_node.start_byte, quoted)
        other = self.parts(children[split + 1 : -1], else_node.end_byte, close.start_byte, quoted)
        return TemplateIf(cond, tuple(then), tuple(other))

    def x_collection_value(self, node: Node) -> Expr:
        return self.expr(node.children[0])

    def x_tuple(self, node: Node) -> Expr:
        return TupleExpr(tuple(self.expr(c) for c in node.children if c.type == "expression"))

    def x_object(self, node: Node) -> Expr:
        items: list[tuple[Expr, Expr]] = []
        for elem in node.children:
            if elem.type != "object_elem":
                continue
            exprs = [c for c in elem.children if c.type == "expression"]
            if len(exprs) != 2:
                continue
            key_node = exprs[0]
            key = self.expr(key_node)
            simple = key_node.children[0] if len(key_node.children) == 1 else None
            if isinstance(key, Var) and simple is not None and simple.type == "variable_expr":
                key = Lit(key.name)
            items.append((key, self.expr(exprs[1])))
        return ObjectExpr(tuple(items))

    def x_variable_expr(self, node: Node) -> Expr:
        return Var(self.text(node))

    def x_function_call(self, node: Node) -> Expr:
        names = [self.text(c) for c in node.children if c.type == "identifier"]
        args_node = next((c for c in node.children if c.type == "function_arguments"), None)
        args: tuple[Expr, ...] = ()
        expand = False
        if args_node is not None:
            args = tuple(self.expr(c) for c in args_node.children if c.type == "expression")
            expand = any(c.type == "ellipsis" for c in args_node.children)
        return Call("::".join(names), args, expand)

    def x_for_expr(self, node: Node) -> Expr:
        inner = node.children[0]
        intro = next(c for c in inner.children if c.type == "for_intro")
        names = [self.text(c) for c in intro.children if c.type == "identifier"]
        coll = next((c for c in intro.children if c.type == "expression"), None)
        exprs = [c for c in inner.children if c.type == "expression"]
        cond_node = next((c for c in inner.children if c.type == "for_cond"), None)
        cond = None
        if cond_node is not None:
            sub = next((c for c in cond_node.children if c.type == "expression"), None)
            cond = self.expr(sub) if sub is not None else None
        key_var, value_var = (names[0], names[1]) if len(names) > 1 else (None, names[0])
        collection = self.expr(coll) if coll is not None else Lit(None)
        if inner.type == "for_object_expr" and len(exprs) >= 2:
            group = any(c.type == "ellipsis" for c in inner.children)
            key, value = self.expr(exprs[0]), self.expr(exprs[1])
            return ForExpr(key_var, value_var, collection, key, value, cond, group)
        value = self.expr(exprs[0]) if exprs else Lit(None)
        return ForExpr(key_var, value_var, collection, None, value, cond)

    def x_conditional(self, node: Node) -> Expr:
        """``a ? b : c ? d : e`` is ``a ? b : (c ? d : e)`` in HCL (both results are whole
        expressions: hashicorp/hcl hclsyntax ``parseTernaryConditional``), but tree-sitter-hcl
        nests an unbracketed chain to the left, ``(a ? b : c) ? d : e``: the chain is rebuilt
        to the right (a bracketed condition keeps its brackets' meaning)."""
        levels: list[tuple[Node, Node]] = []  # (true, false) results, outermost first
        current = node
        while True:
            parts = [c for c in current.children if c.type == "expression"]
            if len(parts) < 3:  # cut short (a recovered parse): read as it stands
                first = self._conditional_as_written(parts)
                break
            condition, then, other = parts[0], parts[1], parts[2]
            levels.append((then, other))
            inner = condition.children[0] if len(condition.children) == 1 else None
            if inner is None or inner.type != "conditional":
                first = self.expr(condition)
                break
            current = inner
        if not levels:
            return first
        result = self.expr(levels[0][1])
        for outer, inner_level in pairwise(levels):
            result = Conditional(self.expr(inner_level[1]), self.expr(outer[0]), result)
        return Conditional(first, self.expr(levels[-1][0]), result)

    def _conditional_as_written(self, parts: list[Node]) -> Expr:
        exprs = [self.expr(c) for c in parts]
        while len(exprs) < 3:
            exprs.append(Lit(None))
        return Conditional(exprs[0], exprs[1], exprs[2])

    def x_operation(self, node: Node) -> Expr:
        return self.expr(node.children[0])

    def x_unary_operation(self, node: Node) -> Expr:
        children = [c for c in node.children if c.type != "comment"]
        self.nest(node)
        operand = self.sequence(children[1:])
        self.depth -= 1
        return Unary(children[0].type, operand)

    def x_binary_operation(self, node: Node) -> Expr:
        children = [c for c in node.children if c.type != "comment"]
        split = next((i for i, c in enumerate(children) if i and c.type in _OPERATORS), None)
        if split is None:
            return Lit(None)
        self.nest(node)  # ``a + b + c ...`` nests to the left without brackets
        left, right = self.sequence(children[:split]), self.sequence(children[split + 1 :])
        self.depth -= 1
        return Binary(children[split].type, left, right)


#: ``x_<node type>`` builders by node type (looked up once per expression node).
_HANDLERS: dict[str, Callable[[_Builder, Node], Expr]] = {
    name[2:]: method for name, method in vars(_Builder).items() if name.startswith("x_")
}


def _splat_steps(splat: Node) -> tuple[list[Node], list[Node]]:
    """The steps a splat applies to each element, and those after it. The attribute-only
    splat ``.*`` takes attribute reads (and legacy ``.0`` indexes) alone: a ``[key]`` index
    and what follows apply to the list it gives (``aws_subnet.a.*.id[count.index]`` is
    instance ``count.index``'s id; Terraform's "Splat Expressions", "Legacy (Attribute-only)
    Splat Expressions"). The grammar puts them all inside the splat; a full splat ``[*]``
    does take them all."""
    steps = list(splat.children)
    if splat.type != "attr_splat":
        return steps, []
    for position, step in enumerate(steps):
        if step.type == "index" and step.children and step.children[0].type != "legacy_index":
            return steps[:position], steps[position:]
    return steps, []


def _dedent(parts: list[Part], raw: str) -> list[Part]:
    """``<<-`` heredocs: remove the smallest indentation of the non-blank lines."""
    lines = [ln for ln in raw.split("\n") if ln.strip()]
    if not lines:
        return parts
    indent = min(len(ln) - len(ln.lstrip(" \t")) for ln in lines)
    if indent == 0:
        return parts
    out: list[Part] = []
    at_line_start = True
    for part in parts:
        if isinstance(part, str):
            pieces = part.split("\n")
            for i, piece in enumerate(pieces):
                if i > 0 or at_line_start:
                    cut = len(piece) - len(piece.lstrip(" \t"))
                    pieces[i] = piece[min(cut, indent) :]
            text = "\n".join(pieces)
            at_line_start = text.endswith("\n")
            if text:
                out.append(text)
        else:
            out.append(part)
            at_line_start = False
    return out


#: A file larger than this is parsed in pieces cut before top-level blocks: tree-sitter's tree
#: takes about 100 bytes of memory per byte of source, so a whole 19 MB file took 1.9 GB.
CHUNK_BYTES = 512 * 1024
#: A top-level block longer than this is not parsed (reported with its line): tree-sitter
#: needs 100-210 bytes of memory per byte of one piece (a 2 MiB block of ``[1,1,1,...]`` is
#: 440 MB), and a piece cannot be cut inside a block. Real blocks are kilobytes.
MAX_BLOCK_BYTES = 2 * 1024 * 1024
_TOP_LEVEL = re.compile(
    rb"^(?:resource|data|module|variable|locals|output|provider|terraform|moved|import|check|"
    rb"removed)\b",
    re.MULTILINE,
)


#: What can hide a line that looks like a block start: a string or line comment (one line
#: each), a block comment or a heredoc (many lines).
_LEXEME = re.compile(
    rb'"(?:[^"\\\n]|\\.)*"?|#[^\n]*|//[^\n]*|/\*|<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n'
)
_SPAN_START = re.compile(rb"/\*|<<-?[A-Za-z_]")


def _hidden_spans(source: bytes) -> list[tuple[int, int]]:
    """``(start, end)`` of every block comment and heredoc, in order: a line inside one that
    starts like a block (``resource ...`` commented out, ``import os`` in a heredoc) is no
    place to cut the file. Linear: each string or line comment is read once."""
    spans: list[tuple[int, int]] = []
    position = 0  # always outside any string, comment or heredoc
    while (hit := _SPAN_START.search(source, position)) is not None:
        at = hit.start()
        # Strings and line comments end with their line: read this line (from where the
        # reading stopped, if that is on it) up to the hit.
        cursor = source.rfind(b"\n", position, at) + 1 or position
        inside = None
        while (lexeme := _LEXEME.search(source, cursor, at)) is not None:
            if lexeme.end() == at:  # cut short by the hit: does the whole one cover it?
                whole = _LEXEME.match(source, lexeme.start())
                if whole is not None and whole.end() > at:
                    inside = whole
                    break
            cursor = lexeme.end()
        if inside is not None:
            position = inside.end()  # the hit is inside a string or a line comment
            continue
        covering = _LEXEME.match(source, at)
        if covering is None or covering.group(0)[:1] not in (b"/", b"<"):
            position = at + 2  # ``<<`` that starts no heredoc
            continue
        if covering.group(0) == b"/*":
            close = source.find(b"*/", covering.end())
            end = len(source) if close < 0 else close + 2
        else:
            name = re.escape(covering.group(1))
            closing = re.compile(rb"^[ \t]*" + name + rb"[ \t]*\r?$", re.MULTILINE)
            done = closing.search(source, covering.end())
            end = len(source) if done is None else done.end()
        spans.append((at, end))
        position = end
    return spans


def _block_starts(source: bytes, begin: int, end: int, hidden: list[tuple[int, int]]) -> list[int]:
    """Top-level block starts in ``source[begin:end]`` outside ``hidden`` spans, or at least
    the last of them: the last 64 KiB are searched first (a piece needs only the last)."""
    tail = max(begin, end - 65_536)
    found = [m.start() for m in _TOP_LEVEL.finditer(source, tail, end)]
    found = [at for at in found if not _inside(at, hidden)]
    if found or tail == begin:
        return found
    return [
        m.start()
        for m in _TOP_LEVEL.finditer(source, begin, tail)
        if not _inside(m.start(), hidden)
    ]


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(spans, (at, 1 << 62)) - 1  # the last span starting by ``at``
    return index >= 0 and spans[index][0] < at < spans[index][1]


def chunks(source: bytes, size: int = CHUNK_BYTES) -> Iterator[tuple[int, bytes]]:
    """``(lines before it, piece)``: ``source`` cut at top-level block starts into pieces of
    about ``size`` bytes (a piece with no block start inside goes on to the next one). A line
    inside a block comment or heredoc is never a cut, even when it reads ``resource ...``."""
    hidden = _hidden_spans(source) if len(source) > size else []
    start, line = 0, 0
    while start < len(source):
        cut = len(source)
        if cut - start > size:
            starts = _block_starts(source, start + 1, start + size, hidden)
            if starts:
                cut = starts[-1]
            else:
                later = next(
                    (
                        m.start()
                        for m in _TOP_LEVEL.finditer(source, start + size)
                        if not _inside(m.start(), hidden)
                    ),
                    None,
                )
                cut = later if later is not None else len(source)
        yield line, source[start:cut]
        line += source.count(b"\n", start, cut)
        start = cut


_OVER_CAP = b"${__gdcc_audit_string_over_the_cap__}"
_QUOTED = re.compile(rb'"(?:[^"\\\n]++|\\.)*+"')
_HEREDOC = re.compile(rb"<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n")


def shrink_long_strings(source: bytes, cap: int) -> tuple[bytes, list[tuple[int, int]]]:
    """``source`` with every string literal or heredoc longer than ``cap`` bytes replaced by
    an unknown value (a reference to nothing), keeping every line where it was; and the
    ``(line, size)`` of each. Done before parsing: tree-sitter needs ~180 bytes of memory per
    byte of one long token (900 MB for a 5 MB string)."""
    if len(source) <= cap:
        return source, []
    found: list[tuple[int, int, bytes, int]] = []  # (start, end, replacement, reported at)
    for match in _HEREDOC.finditer(source):
        name = re.escape(match.group(1))
        close = re.compile(rb"^[ \t]*" + name + rb"[ \t]*\r?$", re.MULTILINE).search(
            source, match.end()
        )
        if close is None or close.start() - match.end() <= cap:
            continue
        lines = source.count(b"\n", match.end(), close.start())
        found.append((match.end(), close.start(), _OVER_CAP + b"\n" * lines, match.start()))
    # Quoted strings cannot span lines: only a line longer than the cap can hold one.
    position = 0 if max(map(len, source.split(b"\n"))) > cap else len(source)
    while position < len(source):
        newline = source.find(b"\n", position)
        end = len(source) if newline < 0 else newline
        if end - position > cap:
            for match in _QUOTED.finditer(source, position, end):
                if match.end() - match.start() > cap:
                    replacement = b'"' + _OVER_CAP + b'"'
                    found.append((match.start(), match.end(), replacement, match.start()))
        if newline < 0:
            break
        position = newline + 1
    if not found:
        return source, []
    found.sort()
    out: list[bytes] = []
    shrunk: list[tuple[int, int]] = []
    cursor = 0
    for start, end, replacement, reported in found:
        if start < cursor:
            continue  # inside a heredoc already replaced
        out += [source[cursor:start], replacement]
        shrunk.append((source.count(b"\n", 0, reported) + 1, end - start))
        cursor = end
    out.append(source[cursor:])
    return b"".join(out), shrunk


@dataclass
class _Pieces:
    """What one run of the builder over consecutive pieces made."""

    body: Body
    issues: list[SyntaxIssue]
    #: Syntax nodes of the top-level items read (against the file's cap).
    nodes: int
    #: Whether the cap stopped the reading.
    exhausted: bool


def _parse_pieces(
    path: str,
    pieces: list[tuple[int, bytes]],
    limits: tuple[int, int, int],
    nodes: int = 0,
) -> _Pieces:
    """Build ``pieces`` (``(lines before it, text)``, consecutive) in order, the syntax nodes
    of earlier pieces counting ``nodes`` towards the cap."""
    from gdcc_audit.load.terraform.fastparse import read_plain  # it imports this module

    max_depth, max_nodes, max_string = limits
    builder = _Builder(path, b"", max_depth, max_nodes, max_string)
    builder.nodes = nodes
    body = Body()
    for line_offset, piece in pieces:
        if len(piece) > MAX_BLOCK_BYTES and _TOP_LEVEL.search(piece, 1) is None:
            builder.issues.append(
                SyntaxIssue(
                    line_offset + 1,
                    1,
                    f"top-level block of {len(piece):,} bytes, over the cap of "
                    f"{MAX_BLOCK_BYTES:,} for one block: not read (the rest of the file is)",
                )
            )
            continue
        plain = read_plain(piece, path, line_offset, max_depth, max_string)
        if plain is not None:
            count = sum(nodes for _, nodes in plain)
            # Within the cap: the items are tree-sitter's. Past it, tree-sitter's parse
            # finds (and reports) the item where the cap stops the reading.
            if builder.nodes + count <= max_nodes:
                builder.nodes += count
                for item, _ in plain:
                    if isinstance(item, Attribute):
                        body.attributes[item.name] = item
                    else:
                        body.blocks.append(item)
                continue
        before = len(builder.issues)
        builder.src, builder.line_offset = piece, line_offset
        builder.top_body(_parser().parse(piece).root_node, body)
        for issue in builder.issues[before:]:
            issue.line += line_offset
        if builder.exhausted:
            break
    return _Pieces(body, builder.issues, builder.nodes, builder.exhausted)


fast_pickle(_Pieces)


def _parse_group(job: tuple[str, list[tuple[int, bytes]], tuple[int, int, int], bool]) -> _Pieces:
    """One group of pieces, counted from zero nodes. A later group (not ``first``) that the
    cap stops comes back without its body: the file's reading stops in it or before it, and
    the caller builds it again from the count before it."""
    path, pieces, limits, first = job
    done = _parse_pieces(path, pieces, limits)
    if done.exhausted and not first:
        return _Pieces(Body(), [], done.nodes, True)
    return done


#: A file from this size on is parsed by several processes (its pieces split into one group
#: per process) when more than one CPU is available; below it, starting a process costs more
#: than it saves.
SPLIT_BYTES = 4 * 1024 * 1024


def _groups(pieces: list[tuple[int, bytes]], count: int) -> list[list[tuple[int, bytes]]]:
    """``pieces`` cut into ``count`` runs of about equal bytes; the first is a little larger
    (it is built in this process, which does not pay for sending its tree back)."""
    total = sum(len(piece) for _, piece in pieces)
    # Sending a tree back costs the child about as much as building it again from plain HCL
    # (the reader builds the tree of the realistic 20 MB file in ~1.8 s of CPU, pickling it
    # takes ~1.5 s), and this process the unpickling (~0.5 s): the first share is about 1.7
    # times the others, so that both sides finish about together.
    weights = [1.7] + [1.0] * (count - 1)
    targets = [total * w / sum(weights) for w in weights]
    groups: list[list[tuple[int, bytes]]] = [[] for _ in range(count)]
    index, filled = 0, 0
    for item in pieces:
        if index < count - 1 and filled >= targets[index] and groups[index]:
            index, filled = index + 1, 0
        groups[index].append(item)
        filled += len(item[1])
    return [group for group in groups if group]


def _parse_split(
    path: str,
    pieces: list[tuple[int, bytes]],
    limits: tuple[int, int, int],
    workers: int,
) -> _Pieces:
    """The pieces built by ``workers`` processes (this one included), with the same result as
    one process: each group is built counting nodes from zero, and the groups are joined in
    order while the running count stays under the cap; the group where the count would pass
    the cap is built again here, from the count before it, so the cap stops at the same
    top-level item as in one process."""
    from gdcc_audit.load.parallel import map_shares

    groups = _groups(pieces, workers)
    jobs = [(path, group, limits, index == 0) for index, group in enumerate(groups)]
    results = map_shares(_parse_group, jobs)
    max_nodes = limits[1]
    body, issues, nodes = Body(), [], 0
    for index, (group, result) in enumerate(zip(groups, results, strict=True)):
        done = result
        # The first group was counted from the file's start: its count is the real one.
        if index and (done.exhausted or nodes + done.nodes > max_nodes):
            done = _parse_pieces(path, group, limits, nodes)
        body.blocks.extend(done.body.blocks)
        body.attributes.update(done.body.attributes)
        issues.extend(done.issues)
        if done.exhausted:
            return _Pieces(body, issues, done.nodes, True)
        nodes += done.nodes
    return _Pieces(body, issues, nodes, False)


def parse_hcl(
    path: str,
    source: bytes,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_HCL_NODES,
    max_string: int = DEFAULT_MAX_STRING,
    workers: int = 1,
) -> ParsedHcl:
    """Parse HCL source; broken top-level blocks, those nested deeper than ``max_depth`` and
    those past ``max_nodes`` syntax nodes are left out, strings longer than ``max_string``
    bytes are unknown; each is listed in ``issues``. A file of ``SPLIT_BYTES`` or more is
    parsed by up to ``workers`` processes (same result)."""
    source, shrunk = shrink_long_strings(source, max_string)
    pieces = list(chunks(source, CHUNK_BYTES))
    limits = (max_depth, max_nodes, max_string)
    workers = min(workers, len(pieces))
    if workers > 1 and len(source) >= SPLIT_BYTES:
        done = _parse_split(path, pieces, limits, workers)
    else:
        done = _parse_pieces(path, pieces, limits)
    issues = done.issues
    for line, size in shrunk:
        issues.append(
            SyntaxIssue(
                line,
                1,
                f"string of {size:,} bytes over the cap of {max_string:,}: its value is not "
                "read (unknown)",
            )
        )
    issues.sort(key=lambda issue: (issue.line, issue.column))
    return ParsedHcl(done.body, issues)
