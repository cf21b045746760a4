"""An ElastiCache replication group's ``AuthToken`` taken from a template parameter that has
no ``Default``: CloudFormation asks for its value when the stack is created, but a blank
parameter is an empty string, and an empty token is no token (ElastiCache tokens have 16 to
128 printable characters: AWS::ElastiCache::ReplicationGroup, AuthToken). The parameter's own
constraints (``MinLength``, ``AllowedPattern``, ``AllowedValues``: CloudFormation "Parameters
template section") decide whether it can be empty: if not, the stack is not created without a
token (PASS); if it can, whether clients authenticate stays not known, saying why."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.types import Mapped

_REPLICATION_GROUP = "AWS::ElastiCache::ReplicationGroup"


def _parameter(raw: Any) -> str | None:
    """The parameter a property is written as (``!Ref Name`` / ``{"Ref": "Name"}``)."""
    if isinstance(raw, Mapping) and len(raw) == 1 and isinstance(raw.get("Ref"), str):
        return str(raw["Ref"])
    return None


def _never_empty(spec: Mapping[str, Any]) -> str | None:
    """The constraint of a parameter that rejects an empty value, as written, or None."""
    length = spec.get("MinLength")
    if isinstance(length, int | str) and str(length).isdigit() and int(length) > 0:
        return f"MinLength {int(length)}"
    pattern = spec.get("AllowedPattern")
    if isinstance(pattern, str):
        try:
            if re.fullmatch(pattern, "") is None:
                return f"AllowedPattern {pattern}"
        except re.error:
            pass
    allowed = spec.get("AllowedValues")
    if isinstance(allowed, list) and allowed and all(v not in ("", None) for v in allowed):
        return "AllowedValues"
    return None


def token_parameter(mapped: Mapped, kind: str, raw: Any, parameters: Any) -> None:
    """Decide or explain a replication group's client authentication when its ``AuthToken``
    is a parameter with no ``Default`` (and it names no user group: ``aws_data``)."""
    if kind != _REPLICATION_GROUP or not isinstance(raw, Mapping):
        return
    if mapped.facets.get("auth_required") is not None or "UserGroupIds" in raw:
        return
    name = _parameter(raw.get("AuthToken"))
    spec = parameters.get(name) if isinstance(parameters, Mapping) and name else None
    if not isinstance(spec, Mapping) or "Default" in spec:
        return
    constraint = _never_empty(spec)
    if constraint is not None:
        mapped.facets["auth_required"] = True
        mapped.unknown.pop("auth_required", None)
        mapped.because["auth_required"] = Text(
            en=f"AuthToken is the parameter {name}, which has no default and cannot be "
            f"empty ({constraint}): the stack is not created without a token",
            th=f"AuthToken มาจากพารามิเตอร์ {name} ซึ่งไม่มีค่าเริ่มต้นและเว้นว่างไม่ได้ "
            f"({constraint}) จึงสร้าง stack ไม่ได้หากไม่มี token",
        )
        return
    mapped.unknown["auth_required"] = Text(
        en=f"AuthToken is the parameter {name}, which has no default: a value is asked for "
        "when the stack is created, but a blank one is an empty string and no token, and no "
        "MinLength, AllowedPattern or AllowedValues of the parameter rules that out",
        th=f"AuthToken มาจากพารามิเตอร์ {name} ซึ่งไม่มีค่าเริ่มต้น ต้องระบุค่าเมื่อสร้าง stack "
        "แต่ค่าที่เว้นว่างคือสตริงว่างซึ่งไม่ใช่ token และพารามิเตอร์ไม่มี MinLength, AllowedPattern "
        "หรือ AllowedValues ที่ป้องกันไว้",
    )
