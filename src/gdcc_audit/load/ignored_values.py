"""The values a reading that keeps the last value of a duplicate key ignores, put back.

``kubectl apply -f`` and Helm keep the last value of a key written twice, so a Kubernetes
manifest (or a chart's values file) is judged with it. The first value is not deployed, but it
is written in the file: a password in it is in the repository, in every clone and in the
history, whichever value kubectl keeps. Each ignored value is put back in a copy of its
document (the *shadow*), which the mapper reads for the secrets written in it only.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.yamltree import LocatedDocument

#: Key of ``Document.meta`` holding the shadows of a document: ``(line of the ignored value,
#: the document with it put back)``.
META_KEY = "ignored_values"


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _put_back(data: Any, tokens: list[str], value: Any) -> Any | None:
    """A copy of ``data`` with ``value`` at ``tokens`` (only the containers on the way are
    copied); None when the path is not there (it was inside another ignored value)."""
    if not tokens:
        return value
    head, rest = tokens[0], tokens[1:]
    if isinstance(data, dict) and head in data:
        inner = _put_back(data[head], rest, value)
        return None if inner is None else {**data, head: inner}
    if isinstance(data, list) and head.isdigit() and int(head) < len(data):
        inner = _put_back(data[int(head)], rest, value)
        if inner is None:
            return None
        copied = list(data)
        copied[int(head)] = inner
        return copied
    return None


def shadows(document: LocatedDocument) -> tuple[tuple[int, Any], ...]:
    """For each key of ``document`` written twice with two values, the document with the
    first value in place of the last, and that value's line. A key written twice inside an
    ignored value is put back into that value's shadow (outer keys first)."""
    found: list[tuple[int, Any]] = []
    ordered = sorted(
        (d for d in document.duplicates if not d.same and d.pointer),
        key=lambda d: d.pointer.count("/"),
    )
    for duplicate in ordered:
        tokens = _tokens(duplicate.pointer)
        for base in [document.data, *(data for _line, data in found)]:
            shadow = _put_back(base, tokens, duplicate.dropped)
            if shadow is not None:
                found.append((duplicate.first_line, shadow))
                break
    return tuple(found)
