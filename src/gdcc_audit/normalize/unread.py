"""What a template declares but no rule reads, written on the document for the audit to report.

- Resource types with no mapping (``AWS::Glue::Job``, a custom Heat type) are counted under
  :data:`UNMAPPED_TYPES` (``{type: count}``): the result names them as not judged.
- Nested templates (a CloudFormation ``AWS::CloudFormation::Stack`` / SAM
  ``AWS::Serverless::Application``, a Heat resource whose type is a template file or URL)
  are listed under :data:`NESTED`; the audit reports those whose template is not among the
  scanned files as not read (a template that is scanned is judged on its own).
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any

from gdcc_audit.load.interface import NESTED as _NESTED
from gdcc_audit.load.interface import nested_template as nested_template  # noqa: PLC0414 (re-export)

#: ``Document.meta`` key of the resource types no mapper reads: ``{type: count}``.
UNMAPPED_TYPES = "unmapped_types"
#: ``Document.meta`` key of the types no mapper judges on their own but that mappers read for
#: other resources of the document: ``{type: {"count": n, "for": [reading types present]}}``.
READ_FOR_CONTEXT = "read_for_context"
#: ``Document.meta`` key of the companions (a bucket policy, an IAM grant) whose target is not
#: in the scan: their addresses.
UNRESOLVED_COMPANIONS = "terraform_unresolved_companions"
#: ``Document.meta`` key of the nested templates (defined with ``Document``).
NESTED = _NESTED


def note_unmapped(meta: MutableMapping[str, Any], types: Iterable[str]) -> None:
    """Count ``types`` (one entry per resource) as read but judged by no rule, adding to what
    the document already counts."""
    counts: dict[str, int] = dict(meta.get(UNMAPPED_TYPES) or {})
    for kind in types:
        counts[kind] = counts.get(kind, 0) + 1
    if counts:
        meta[UNMAPPED_TYPES] = dict(sorted(counts.items()))


def note_context(
    meta: MutableMapping[str, Any], unmapped: dict[str, int], readers: dict[str, list[str]]
) -> dict[str, int]:
    """Move from ``unmapped`` to ``meta[READ_FOR_CONTEXT]`` each type ``readers`` names (type
    -> the reading types present in the document); what stays unmapped is returned."""
    context: dict[str, Any] = dict(meta.get(READ_FOR_CONTEXT) or {})
    kept: dict[str, int] = {}
    for kind, count in unmapped.items():
        using = readers.get(kind)
        if not using:
            kept[kind] = count
            continue
        entry = context.get(kind) or {"count": 0, "for": []}
        context[kind] = {
            "count": entry["count"] + count,
            "for": sorted({*entry["for"], *using}),
        }
    if context:
        meta[READ_FOR_CONTEXT] = dict(sorted(context.items()))
    return kept
