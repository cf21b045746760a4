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
