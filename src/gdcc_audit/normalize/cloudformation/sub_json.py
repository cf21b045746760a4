"""JSON text written with ``Fn::Sub`` around values not known at scan time (a resource's
id, an imported ARN): read from the template as written, each ``${...}`` a value not known.

The resolver gives such a property as a whole value not known, yet its written part may
decide a question: an OpenSearch Serverless network policy ``!Sub`` naming a VPC endpoint
of the stack still says ``"AllowFromPublic": false``; an EMR security configuration still
says which encryption is on."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN_TEXT
from gdcc_audit.normalize.terraform.policy import decoded_json

#: A ``${...}`` of ``Fn::Sub`` text.
SUB_VARIABLE = re.compile(r"\$\{[^}]*\}")


def written_sub_json(raw: Any, key: str) -> Any:
    """The JSON document ``raw[key]`` writes as ``Fn::Sub`` text (the short form, or the long
    form's template), decoded with each ``${...}`` a value not known (a string holding one
    is UNKNOWN); None when ``raw[key]`` is no ``Fn::Sub`` or its text is not JSON."""
    sub = raw.get(key) if isinstance(raw, Mapping) else None
    sub = sub.get("Fn::Sub") if isinstance(sub, Mapping) and len(sub) == 1 else None
    text = sub[0] if isinstance(sub, list) and sub else sub
    if not isinstance(text, str):
        return None
    return decoded_json(SUB_VARIABLE.sub(UNKNOWN_TEXT, text))
