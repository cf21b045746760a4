"""A fast reader for the plain subset of HCL, used before tree-sitter on large files.

Most of a large Terraform file is plain: blocks with literal labels, attributes whose values
are literals, strings with ``${...}`` interpolations, references, function calls, tuples,
objects, one comparison or one conditional. For a piece of such text this module builds the
same syntax tree as :mod:`parse` builds from tree-sitter's parse (same nodes, same values,
same lines) and counts the syntax nodes tree-sitter would have made (the file's node cap),
in about a third of the time. Anything else — heredocs, ``for`` expressions, splats,
directives, parentheses, chains of operators, block comments, a string escape other than
the common ones, a line that is not cut where HCL cuts it — makes :func:`read_plain` return
None, and the caller parses the piece with tree-sitter, so the result never depends on which
reader read it (``tests/terraform/test_fastparse.py`` compares both on every corpus file).
"""

from __future__ import annotations

import re

from gdcc_audit.load.terraform.ast import (
    Attr,
    Attribute,
    Binary,
    Block,
    Body,
    Call,
    Conditional,
    Expr,
    Index,
    Lit,
    ObjectExpr,
    Op,
    Part,
    Template,
    Traversal,
    TupleExpr,
    Unary,
    Var,
)
from gdcc_audit.load.terraform.parse import unescape


class _Unsupported(Exception):
    """The text is outside the plain subset: tree-sitter reads it."""


_IDENT = re.compile(rb"[A-Za-z_][A-Za-z0-9_-]*")
_NUMBER = re.compile(rb"[0-9]+(?:\.[0-9]+)?(?![A-Za-z0-9_.])")
#: A string without escapes, interpolations or directives.
_PLAIN_STRING = re.compile(rb'"([^"\\$%\n\r]*)"')
#: The literal text of a template up to its end or its next interpolation: common escapes,
#: ``$`` and ``%`` not starting an interpolation, a directive or their escapes.
_TEMPLATE_TEXT = re.compile(
    rb'(?:[^"\\$%\n\r]+|\\[nrt"\\]|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\$(?![{$])|%(?![{%]))*'
)
_SPACES = re.compile(rb"[ \t]*")
#: Blank lines, and spaces before the next token.
_BLANK = re.compile(rb"[ \t\n]*")
_OPERATOR = re.compile(rb"(==|!=|<=|>=|&&|\|\||[<>+\-*/%])[ \t]")
#: The end of an attribute or block line: spaces, an optional line comment, the newline.
_LINE_END = re.compile(rb"[ \t]*(?:(#|//)[^\n]*)?(?:\n|\Z)")
_COMMENT_LINE = re.compile(rb"[ \t]*(?:#|//)[^\n]*(?:\n|\Z)")
_KEYWORDS = {b"true": True, b"false": False}
#: The commonest line, read in one match: ``name = "plain string"``, a number, ``true``,
#: ``false``, ``null`` or ``a.b.c``, then the end of the line (what ``item`` would read, step
#: by step).
_SIMPLE_ATTRIBUTE = re.compile(
    rb'([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=[ \t]*(?:"([^"\\$%\n\r]*)"|([0-9]+(?:\.[0-9]+)?)'
    rb"|(true|false|null)|([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+))"
    rb"[ \t]*(?:(#|//)[^\n]*)?(?:\n|\Z)"
)
#: The commonest object member: ``key = "plain string"`` (key bare or a plain string), and
#: the spaces after it.
_SIMPLE_MEMBER = re.compile(
    rb'(?:([A-Za-z_][A-Za-z0-9_-]*)|"([^"\\$%\n\r]*)")[ \t]*=[ \t]*"([^"\\$%\n\r]*)"[ \t]*'
)
#: Literal values of the bare words ``true``, ``false`` and ``null`` with their node counts.
_WORDS = {b"true": (True, 3), b"false": (False, 3), b"null": (None, 2)}

# Byte values.
_QUOTE, _LBRACKET, _RBRACKET, _LBRACE, _RBRACE = 34, 91, 93, 123, 125
_LPAREN, _RPAREN, _DOT, _COMMA, _EQUALS, _NEWLINE = 40, 41, 46, 44, 61, 10
_SPACE, _TAB, _HASH, _SLASH, _DOLLAR = 32, 9, 35, 47, 36


class _Reader:
    """One piece of HCL read by recursive descent; positions are byte offsets."""

    def __init__(
        self, src: bytes, path: str, line_offset: int, max_depth: int, max_string: int
    ) -> None:
        self.src = src
        self.path = path
        #: Deepest nesting allowed: a little under the builder's limit, which is then never
        #: reached for text read here.
        self.max_depth = max_depth - 2
        self.max_string = max_string
        self.depth = 0
        # Lines are counted forwards only: positions asked for never decrease.
        self.line_at = 0
        self.line = 1 + line_offset

    def line_of(self, position: int) -> int:
        """1-based line of ``position`` (never before the last position asked for)."""
        self.line += self.src.count(b"\n", self.line_at, position)
        self.line_at = position
        return self.line

    # -- structure -------------------------------------------------------------------------
    def top(self) -> list[tuple[Attribute | Block, int]]:
        """The top-level items with their tree-sitter node counts."""
        src, size = self.src, len(self.src)
        items: list[tuple[Attribute | Block, int]] = []
        at = 0
        while True:
            at = _BLANK.match(src, at).end()  # type: ignore[union-attr]
            if at >= size:
                return items
            byte = src[at]
            if byte == _HASH or (byte == _SLASH and src.startswith(b"//", at)):
                at = _COMMENT_LINE.match(src, at).end()  # type: ignore[union-attr]
                continue
            item, count, at, _comment = self.item(at)
            items.append((item, count))

    def item(self, at: int) -> tuple[Attribute | Block, int, int, bool]:
        """An attribute or block starting at ``at`` (the first byte of its name): the item,
        its node count, the position after its line, and whether a comment ends the line."""
        src = self.src
        simple = _SIMPLE_ATTRIBUTE.match(src, at)
        if (
            simple is not None
            and self.depth + 2 <= self.max_depth
            and (simple.group(5) is None or simple.group(5).split(b".", 1)[0] not in _NOT_BASES)
        ):
            return self._simple_attribute(simple, at)
        name = _IDENT.match(src, at)
        if name is None:
            raise _Unsupported
        start = self.line_of(at)
        key = name.group()
        after = _SPACES.match(src, name.end()).end()  # type: ignore[union-attr]
        if src[after : after + 1] == b"=" and src[after + 1 : after + 2] != b"=":
            value_at = _SPACES.match(src, after + 1).end()  # type: ignore[union-attr]
            expr, count, end = self.expression(value_at)
            line = _LINE_END.match(src, end)
            if line is None:
                raise _Unsupported
            attribute = Attribute(key.decode(), expr, start, self.line_of(end))
            return attribute, count + 3, line.end(), line.group(1) is not None
        block, count, end = self.block(key, start, after)
        return block, count, end, False

    def _simple_attribute(
        self, simple: re.Match[bytes], at: int
    ) -> tuple[Attribute | Block, int, int, bool]:
        """:meth:`item` for a line ``_SIMPLE_ATTRIBUTE`` matched: the same attribute, node
        count, end and comment flag as reading it step by step."""
        raw, number, word, names = simple.group(2, 3, 4, 5)
        expr: Expr
        if raw is not None:
            if simple.end(2) + 1 - simple.start(2) + 1 > self.max_string:
                raise _Unsupported
            expr, count = Lit(raw.decode()), 4 + _literal_nodes(raw)
        elif number is not None:
            expr, count = Lit(float(number) if b"." in number else int(number)), 2
        elif word is not None:
            value, count = _WORDS[word]
            expr = Lit(value)
        else:
            base, *attrs = names.decode().split(".")
            expr = Traversal(Var(base), tuple(Attr(attr) for attr in attrs))
            count = 2 + 3 * len(attrs)  # the variable, and "." + identifier per attribute
        line = self.line_of(at)
        # expression node + attribute, identifier and "=".
        attribute = Attribute(simple.group(1).decode(), expr, line, line)
        return attribute, count + 4, simple.end(), simple.group(6) is not None

    def block(self, kind: bytes, start: int, at: int) -> tuple[Block, int, int]:
        src = self.src
        labels: list[str] = []
        count = 6  # block, identifier, block_start and its "{", block_end and its "}"
        while True:
            byte = src[at] if at < len(src) else 0
            if byte == _QUOTE:
                label = _PLAIN_STRING.match(src, at)
                if label is None:
                    raise _Unsupported
                labels.append(label.group(1).decode())
                count += 3 + _literal_nodes(label.group(1))
                at = label.end()
            elif byte == _LBRACE:
                break
            else:
                label = _IDENT.match(src, at)
                if label is None:
                    raise _Unsupported
                labels.append(label.group().decode())
                count += 1
                at = label.end()
            at = _SPACES.match(src, at).end()  # type: ignore[union-attr]
        self.depth += 1
        if self.depth > self.max_depth:
            raise _Unsupported
        body = Body()
        at += 1
        if src[at : at + 1] == b"}":  # ``{}``
            close = at
        else:
            line = _SPACES.match(src, at).end()  # type: ignore[union-attr]
            if src[line : line + 1] != b"\n":
                raise _Unsupported  # a one-line block, or a comment after "{"
            close, inner = self.body(line + 1, body)
            count += inner
        self.depth -= 1
        end = self.line_of(close)
        closing = _LINE_END.match(src, close + 1)
        if closing is None or closing.group(1) is not None:
            raise _Unsupported  # text or a comment after "}"
        block = Block(kind.decode(), tuple(labels), body, self.path, start, end)
        return block, count, closing.end()

    def body(self, at: int, body: Body) -> tuple[int, int]:
        """The items of a block body up to its ``}``: the position of the "}" and the node
        count of the items and comments (and of the "body" node, when there are items)."""
        src = self.src
        count = 0
        items = 0
        while True:
            at = _BLANK.match(src, at).end()  # type: ignore[union-attr]
            if at >= len(src):
                raise _Unsupported
            byte = src[at]
            if byte == _RBRACE:
                return at, count + (1 if items else 0)
            if byte == _HASH or (byte == _SLASH and src.startswith(b"//", at)):
                at = _COMMENT_LINE.match(src, at).end()  # type: ignore[union-attr]
                count += 1
                continue
            item, inner, at, comment = self.item(at)
            count += inner + comment  # a comment ending the item's line is in the body
            items += 1
            if isinstance(item, Attribute):
                body.attributes[item.name] = item
            else:
                body.blocks.append(item)

    # -- expressions -----------------------------------------------------------------------
    def expression(self, at: int) -> tuple[Expr, int, int]:
        """An expression node: (value, node count with the "expression" node, end)."""
        src = self.src
        # Two levels per expression: at least what the builder counts (an expression node,
        # and one more for the operands of an operator).
        self.depth += 2
        if self.depth > self.max_depth:
            raise _Unsupported
        byte = src[at] if at < len(src) else 0
        if byte in (45, 33):  # "-" or "!"
            operand, count, end = self.term(at + 1)
            follow = _SPACES.match(src, end).end()  # type: ignore[union-attr]
            if _OPERATOR.match(src, follow) or src[follow : follow + 1] == b"?":
                raise _Unsupported  # precedence decides
            self.depth -= 2
            # expression, operation, unary_operation, the operator
            return Unary(chr(byte), operand), count + 4, end
        left, count, end = self.term(at)
        follow = _SPACES.match(src, end).end()  # type: ignore[union-attr]
        operator = _OPERATOR.match(src, follow) if follow > end else None
        if operator is not None:
            right_at = _SPACES.match(src, operator.end()).end()  # type: ignore[union-attr]
            right, right_count, end = self.term(right_at)
            left = Binary(operator.group(1).decode(), left, right)
            count += right_count + 3  # operation, binary_operation, the operator
            follow = _SPACES.match(src, end).end()  # type: ignore[union-attr]
            if follow > end and _OPERATOR.match(src, follow):
                raise _Unsupported  # a chain: precedence decides
        if follow > end and src[follow : follow + 2] == b"? ":
            then, then_count, then_end = self.term(_skip(src, follow + 2))
            colon = _SPACES.match(src, then_end).end()  # type: ignore[union-attr]
            if colon == then_end or src[colon : colon + 2] != b": ":
                raise _Unsupported
            other, other_count, end = self.term(_skip(src, colon + 2))
            follow = _SPACES.match(src, end).end()  # type: ignore[union-attr]
            if follow > end and (_OPERATOR.match(src, follow) or src[follow] == 63):
                raise _Unsupported
            self.depth -= 2
            # expression, conditional, the condition's expression, "?", then's expression,
            # ":", other's expression
            total = 1 + 1 + (count + 1) + 1 + (then_count + 1) + 1 + (other_count + 1)
            return Conditional(left, then, other), total, end
        self.depth -= 2
        return left, count + 1, end

    def term(self, at: int) -> tuple[Expr, int, int]:
        """A term and its attribute/index operations: (value, node count, end)."""
        src = self.src
        byte = src[at] if at < len(src) else 0
        if byte == _QUOTE:
            return self.string(at)
        if 48 <= byte <= 57:
            number = _NUMBER.match(src, at)
            if number is None:
                raise _Unsupported
            text = number.group()
            value: int | float = float(text) if b"." in text else int(text)
            return Lit(value), 2, number.end()
        if byte == _LBRACKET:
            return self.tuple_expr(at)
        if byte == _LBRACE:
            return self.object_expr(at)
        name = _IDENT.match(src, at)
        if name is None:
            raise _Unsupported
        word = name.group()
        end = name.end()
        following = src[end] if end < len(src) else 0
        if word in _KEYWORDS or word == b"null":
            if following in (_DOT, _LBRACKET, _LPAREN):
                raise _Unsupported
            if word == b"null":
                return Lit(None), 2, end
            return Lit(_KEYWORDS[word]), 3, end
        if word in (b"for", b"in"):
            raise _Unsupported
        base: Expr
        if following == _LPAREN:
            base, count, end = self.call(word, end)
        else:
            base, count = Var(word.decode()), 2
        ops: list[Op] = []
        while end < len(src):
            following = src[end]
            if following == _DOT:
                attr = _IDENT.match(src, end + 1)
                if attr is None:
                    raise _Unsupported  # legacy index ``.0``, splat ``.*``
                ops.append(Attr(attr.group().decode()))
                count += 3
                end = attr.end()
            elif following == _LBRACKET:
                if src[end + 1 : end + 2] in (b"*", b"]", b" ", b"\n"):
                    raise _Unsupported
                key, key_count, key_end = self.expression(end + 1)
                if src[key_end : key_end + 1] != b"]":
                    raise _Unsupported
                ops.append(Index(key))
                count += key_count + 4  # index, new_index, "[", "]"
                end = key_end + 1
            else:
                break
        return (Traversal(base, tuple(ops)) if ops else base), count, end

    def call(self, name: bytes, at: int) -> tuple[Expr, int, int]:
        src = self.src
        at = _BLANK.match(src, at + 1).end()  # type: ignore[union-attr]
        args: list[Expr] = []
        count = 4  # function_call, identifier, "(", ")"
        if src[at : at + 1] != b")":
            count += 1  # function_arguments
            while True:
                arg, arg_count, at = self.expression(at)
                args.append(arg)
                count += arg_count
                at = _BLANK.match(src, at).end()  # type: ignore[union-attr]
                byte = src[at] if at < len(src) else 0
                if byte == _RPAREN:
                    break
                if byte != _COMMA:
                    raise _Unsupported
                count += 1
                at = _BLANK.match(src, at + 1).end()  # type: ignore[union-attr]
                if src[at : at + 1] in (b")", b"."):
                    raise _Unsupported  # trailing comma, expansion "..."
        return Call(name.decode(), tuple(args)), count, at + 1

    def tuple_expr(self, at: int) -> tuple[Expr, int, int]:
        src = self.src
        at = _BLANK.match(src, at + 1).end()  # type: ignore[union-attr]
        items: list[Expr] = []
        count = 6  # collection_value, tuple, tuple_start and "[", tuple_end and "]"
        while src[at : at + 1] != b"]":
            item, item_count, at = self.expression(at)
            items.append(item)
            count += item_count
            at = _BLANK.match(src, at).end()  # type: ignore[union-attr]
            byte = src[at] if at < len(src) else 0
            if byte == _COMMA:
                count += 1
                at = _BLANK.match(src, at + 1).end()  # type: ignore[union-attr]
            elif byte != _RBRACKET:
                raise _Unsupported
        return TupleExpr(tuple(items)), count, at + 1

    def object_expr(self, at: int) -> tuple[Expr, int, int]:
        src = self.src
        at = _BLANK.match(src, at + 1).end()  # type: ignore[union-attr]
        items: list[tuple[Expr, Expr]] = []
        count = 6  # collection_value, object, object_start and "{", object_end and "}"
        while src[at : at + 1] != b"}":
            key: Expr
            simple = _SIMPLE_MEMBER.match(src, at)
            if (
                simple is not None
                and simple.group(1) not in _NOT_KEYS
                and self.depth + 2 <= self.max_depth
                and simple.end(3) + 1 - (simple.start(3) - 1) <= self.max_string
                and src[simple.end() : simple.end() + 1] in (b",", b"\n", b"}")
            ):
                # ``key = "plain"`` then a separator: what ``member`` reads step by step.
                name, quoted, raw = simple.group(1, 2, 3)
                if quoted is None:
                    key, key_count = Lit(name.decode()), 3
                else:
                    key, key_count = Lit(quoted.decode()), 5 + _literal_nodes(quoted)
                items.append((key, Lit(raw.decode())))
                # the value's string and expression nodes, object_elem and "="
                count += key_count + 4 + _literal_nodes(raw) + 1 + 2
                after = simple.end()
            else:
                key, value, member_count, at = self.member(at)
                items.append((key, value))
                count += member_count
                after = _SPACES.match(src, at).end()  # type: ignore[union-attr]
            byte = src[after] if after < len(src) else 0
            if byte == _COMMA:
                count += 1
                at = _BLANK.match(src, after + 1).end()  # type: ignore[union-attr]
            elif byte == _NEWLINE:
                at = _BLANK.match(src, after).end()  # type: ignore[union-attr]
            elif byte == _RBRACE:
                at = after
            else:
                raise _Unsupported
        return ObjectExpr(tuple(items)), count, at + 1

    def member(self, at: int) -> tuple[Expr, Expr, int, int]:
        """``key = value`` in an object: key, value, node count and the value's end."""
        src = self.src
        key: Expr
        if src[at : at + 1] == b'"':
            plain = _PLAIN_STRING.match(src, at)
            if plain is None:
                raise _Unsupported
            key = Lit(plain.group(1).decode())
            key_count = 5 + _literal_nodes(plain.group(1))
            at = plain.end()
        else:
            name = _IDENT.match(src, at)
            if name is None or name.group() in _NOT_KEYS:
                raise _Unsupported
            key, key_count, at = Lit(name.group().decode()), 3, name.end()
        at = _SPACES.match(src, at).end()  # type: ignore[union-attr]
        if src[at : at + 1] != b"=" or src[at + 1 : at + 2] == b"=":
            raise _Unsupported
        value, value_count, at = self.expression(
            _SPACES.match(src, at + 1).end()  # type: ignore[union-attr]
        )
        return key, value, key_count + value_count + 2, at  # object_elem, "="

    def string(self, at: int) -> tuple[Expr, int, int]:
        src = self.src
        plain = _PLAIN_STRING.match(src, at)
        if plain is not None:
            end = plain.end()
            if end - at > self.max_string:
                raise _Unsupported
            raw = plain.group(1)
            return Lit(raw.decode()), 4 + _literal_nodes(raw), end
        parts: list[Part] = []
        count = 4  # template_expr, quoted_template, its start and end
        cursor = at + 1
        while True:
            text = _TEMPLATE_TEXT.match(src, cursor)
            assert text is not None  # the pattern matches the empty string
            if text.end() > cursor:
                raw = src[cursor : text.end()]
                count += _literal_nodes(raw)
                parts.append(unescape(raw.decode()))
            cursor = text.end()
            byte = src[cursor] if cursor < len(src) else 0
            if byte == _QUOTE:
                break
            if byte != _DOLLAR or src[cursor + 1 : cursor + 2] != b"{":
                raise _Unsupported
            inner = _SPACES.match(src, cursor + 2).end()  # type: ignore[union-attr]
            if src[inner : inner + 1] == b"~":
                raise _Unsupported  # strip marker
            expr, expr_count, end = self.expression(inner)
            end = _SPACES.match(src, end).end()  # type: ignore[union-attr]
            if src[end : end + 1] != b"}" or src.find(b"\n", inner, end) >= 0:
                raise _Unsupported
            parts.append(expr)
            count += expr_count + 3  # template_interpolation, its start and end
            cursor = end + 1
        if cursor + 1 - at > self.max_string:
            raise _Unsupported
        if not parts:
            return Lit(""), count, cursor + 1
        if len(parts) == 1 and isinstance(parts[0], str):
            # Escapes but no interpolation: a string literal (literal_value and string_lit
            # in place of template_expr and quoted_template: as many nodes).
            return Lit(parts[0]), count, cursor + 1
        return Template(tuple(parts)), count, cursor + 1


#: Bare words that are not object keys here (tree-sitter reads them otherwise).
_NOT_KEYS = (b"true", b"false", b"null", b"for")
#: Bare words that do not start a traversal here.
_NOT_BASES = (b"true", b"false", b"null", b"for", b"in")
_VISIBLE = re.compile(rb"[!-~]")


def _literal_nodes(raw: bytes) -> int:
    """Template literal nodes tree-sitter makes for the text ``raw`` of a string: none when
    it is empty or only spaces (spaces between tokens are not nodes), else one."""
    if raw.isascii():
        return 1 if raw.strip(b" \t") else 0
    if not raw.strip(b" \t"):
        return 0
    if _VISIBLE.search(raw):
        return 1
    raise _Unsupported  # only non-ASCII characters and spaces: Unicode spaces or not?


def _skip(src: bytes, at: int) -> int:
    return _SPACES.match(src, at).end()  # type: ignore[union-attr]


def read_plain(
    src: bytes, path: str, line_offset: int, max_depth: int, max_string: int
) -> list[tuple[Attribute | Block, int]] | None:
    """The top-level items of ``src`` (``line_offset`` lines before it) with the syntax
    nodes tree-sitter makes for each, or None when the text is not all in the plain subset."""
    if b"\r" in src:
        return None
    try:
        return _Reader(src, path, line_offset, max_depth, max_string).top()
    except (_Unsupported, IndexError, UnicodeDecodeError, RecursionError):
        return None
