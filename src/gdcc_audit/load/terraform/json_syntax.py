"""Terraform's JSON configuration syntax (``*.tf.json``, OpenTofu's ``*.tofu.json``), read as
the HCL it stands for.

The JSON is written out as native syntax and parsed by the same HCL parser, so strings keep
their ``${...}`` interpolations and every later stage sees the usual syntax tree. Nested
objects become attribute values (an object or list of objects); the mappers read a nested
block written either way. Each top-level block keeps the line of its JSON key.
https://developer.hashicorp.com/terraform/language/syntax/json
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from gdcc_audit.load.terraform.parse import ParsedHcl, SyntaxIssue, parse_hcl
from gdcc_audit.load.yamltree import escape, parse_yaml

#: A comment property: "ignored" in any object that stands for a block or its labels, whatever
#: its value (CDK for Terraform writes ``"//": {"metadata": {...}}`` in every block it makes).
#: https://developer.hashicorp.com/terraform/language/syntax/json#comment-properties
COMMENT = "//"
_LABELLED = {"resource": 2, "data": 2, "module": 1, "variable": 1, "output": 1, "provider": 1}


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


#: Where a template sequence starts (``$${`` and ``%%{`` are escaped starts, text).
_SEQUENCE = re.compile(r"\$\$\{|%%\{|\$\{|%\{")


def _template(text: str) -> str:
    """A JSON string value as the native quoted template it stands for: its literal text
    escaped, its ``${ }`` / ``%{ }`` sequences written as they are (an expression's own
    strings keep their quotes: ``"${join(\",\", x)}"`` in JSON is ``"${join(",", x)}"``;
    escaped as literal text, the quotes ended the string and the block was skipped as a
    syntax error). A sequence that does not close is written as literal text, and so is the
    rest of the string after it."""
    if "{" not in text:
        return _string(text)
    out: list[str] = []
    literal: list[str] = []
    position = 0
    while (found := _SEQUENCE.search(text, position)) is not None:
        literal.append(text[position : found.start()])
        if found.group() in ("$${", "%%{"):  # an escaped start: text
            literal.append(found.group())
            position = found.end()
            continue
        end = _sequence_end(text, found.start())
        if end < 0:
            # not closed: the rest is text (HCL refuses it); no later start is tried, each
            # would scan to the end again
            position = found.start()
            break
        out.append(_string("".join(literal))[1:-1])
        literal = []
        out.append(text[found.start() : end + 1])
        position = end + 1
    literal.append(text[position:])
    out.append(_string("".join(literal))[1:-1])
    return '"' + "".join(out) + '"'


def _sequence_end(text: str, start: int) -> int:
    """The index of the ``}`` that closes the ``${`` / ``%{`` at ``start`` (braces nested,
    quoted strings skipped), or -1."""
    depth = 0
    position = start + 1
    quoted = False
    while position < len(text):
        char = text[position]
        if quoted:
            if char == "\\":
                position += 1
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    return -1


def _key(name: str) -> str:
    return name if name.replace("_", "a").replace("-", "a").isalnum() else _string(name)


def _value(value: Any) -> str:
    if isinstance(value, str):
        return _template(value)
    if value is None:
        return "null"
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_string(str(k))} = {_value(v)}" for k, v in value.items()) + "}"
    return "null"


_DYNAMIC = "dynamic"


def _body(body: Any, skip: frozenset[str] = frozenset()) -> str:
    if not isinstance(body, dict):
        return ""
    return "".join(
        f"  {_key(str(k))} = {_value(v)}\n"
        for k, v in body.items()
        if k not in skip and k not in (COMMENT, _DYNAMIC)
    ) + ("" if _DYNAMIC in skip else _dynamic(body.get(_DYNAMIC)))


def _dynamic(value: Any) -> str:
    """``"dynamic": {"ingress": {"for_each": ..., "content": {...}}}`` as the native
    ``dynamic "ingress"`` blocks it stands for (an object or array at each level). Read as
    an argument named ``dynamic``, its blocks were never made: a security group whose ingress
    rules a JSON dynamic block writes PASSed GDCC-NET-001 with port 22 open to the internet."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, dict):
            continue
        for name, spec in item.items():
            if name == COMMENT:
                continue
            for body in spec if isinstance(spec, list) else [spec]:
                if not isinstance(body, dict):
                    continue
                content = body.get("content")
                inner = "".join(
                    f"  content {{\n{_body(c)}  }}\n"
                    for c in (content if isinstance(content, list) else [content])
                    if isinstance(c, dict)
                )
                head = f"  dynamic {_string(str(name))} {{\n"
                out.append(head + _body(body, frozenset({"content"})) + inner + "  }\n")
    return "".join(out)


#: A provider reference written in JSON: "a string containing the reference expression"
#: (``"aws.west"``, OpenTofu's ``"aws.by_region[each.key]"``), not a template.
_PROVIDER_REF = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)?(?:\[[^\[\]\n]+\])?")


def _provider_refs(kind: str, body: Any) -> dict[str, str]:
    """A resource's ``provider`` and a module call's ``providers`` map written as the
    references they are (``provider = aws.by_region[each.key]``). As quoted text, an
    instance of a provider configuration with ``for_each`` named no configuration of the
    scan, and the default one's region was read."""
    if not isinstance(body, dict):
        return {}
    value = body.get("provider")
    if kind in ("resource", "data") and isinstance(value, str) and _PROVIDER_REF.fullmatch(value):
        return {"provider": f"  provider = {value}\n"}
    mapping = body.get("providers")
    if kind == "module" and isinstance(mapping, dict) and all(
        isinstance(v, str) and _PROVIDER_REF.fullmatch(v) for v in mapping.values()
    ):
        pairs = ", ".join(f"{_key(str(k))} = {v}" for k, v in mapping.items())
        return {"providers": f"  providers = {{{pairs}}}\n"}
    return {}


_REQUIRED = "required_providers"


def _nested(value: Any) -> str:
    """``required_providers`` blocks (an object, or an array of them) inside ``terraform``."""
    bodies = value if isinstance(value, list) else [value]
    return "".join(
        f"  {_REQUIRED} {{\n{_body(body)}  }}\n" for body in bodies if isinstance(body, dict)
    )


def _blocks(
    value: Any, labels: tuple[str, ...], pointer: tuple[str, ...], depth: int
) -> Iterator[tuple[tuple[str, ...], tuple[str, ...], Any]]:
    """(labels, JSON pointer parts, body) of every block under a top-level key, however deep
    its labels go. At any level the value may be "a JSON array of objects, each processed
    the same way" (``"resource": [{"aws_s3_bucket": {...}}]``, as generators write it);
    such blocks were lost without a word (the file assessed with no resource)."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _blocks(item, labels, (*pointer, str(index)), depth)
        return
    if depth == 0:
        yield labels, pointer, value
        return
    if isinstance(value, dict):
        for name, inner in value.items():
            if name != COMMENT:
                yield from _blocks(inner, (*labels, str(name)), (*pointer, str(name)), depth - 1)


def to_hcl(data: Any) -> tuple[str, list[tuple[str, ...]]]:
    """Native syntax for a decoded ``.tf.json`` document, and the JSON pointer parts of each
    block (``("resource", "aws_s3_bucket", "b")``) in the order written."""
    out: list[str] = []
    order: list[tuple[str, ...]] = []
    for kind, value in (data.items() if isinstance(data, dict) else []):
        if kind == "locals":
            for _, pointer, body in _blocks(value, (), (kind,), 0):
                out.append("locals {\n" + _body(body) + "}\n")
                order.append(pointer)
        elif kind == "terraform":
            # its required_providers pin the provider versions some defaults depend on
            # (normalize/versioned_defaults.py); they were not read from JSON, and a default
            # of the newest provider decided (a Redshift cluster pinned to AWS provider 5
            # PASSed GDCC-ENC-001 on 6's ``encrypted`` default)
            for _, pointer, body in _blocks(value, (), (kind,), 0):
                out.append(
                    "terraform {\n"
                    + _body(body, frozenset({_REQUIRED}))
                    + _nested(body.get(_REQUIRED) if isinstance(body, dict) else None)
                    + "}\n"
                )
                order.append(pointer)
        elif kind in _LABELLED:
            skip = frozenset({"type"}) if kind == "variable" else frozenset()
            for labels, pointer, body in _blocks(value, (), (kind,), _LABELLED[kind]):
                head = " ".join([kind, *(_string(label) for label in labels)])
                refs = _provider_refs(kind, body)
                text = _body(body, skip | set(refs)) + "".join(refs.values())
                out.append(f"{head} {{\n{text}}}\n")
                order.append(pointer)
    return "".join(out), order


def parse_tf_json(path: str, text: str, max_depth: int) -> ParsedHcl:
    """A ``.tf.json`` file as a parsed HCL body, each block at its JSON key's line; invalid
    JSON raises ``InputError`` with its line (the file is then not assessed)."""
    documents = parse_yaml(text, path, max_depth=max_depth)  # InputError: not assessed
    document = documents[0] if documents else None
    data = document.data if document is not None else {}
    source, order = to_hcl(data)
    parsed = parse_hcl(path, source.encode("utf-8"), max_depth)
    lines = document.lines if document is not None else {}
    for block, parts in zip(parsed.body.blocks, order, strict=False):
        span = lines.get("/" + "/".join(escape(p) for p in parts))
        if span is not None:
            block.start_line, block.end_line = span
    # Issues of the generated text have no meaning in the JSON file: report them at line 1.
    parsed.issues = [SyntaxIssue(1, 1, issue.message) for issue in parsed.issues]
    return parsed
