"""Values shared by the CloudFormation and Heat mappers: the unknown marker, references to
other resources, and readers that turn a resolved property into a facet value or ``None``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from gdcc_audit.load.interface import Document
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.unknown import UNKNOWN as UNKNOWN  # noqa: PLC0414 (re-export)
from gdcc_audit.normalize.kms import names_aws_managed_key
from gdcc_audit.normalize.secrets import detect_secrets as shared_detect_secrets


class _NoValue:
    """``AWS::NoValue``: the property is removed, as if never written."""

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Final = _NoValue()


@dataclass(frozen=True, slots=True)
class ResourceRef:
    """A value that is another resource of the same template (``Ref``, ``GetAtt``,
    ``get_resource``, ``get_attr``): unknown as a value, useful as a link."""

    target: str
    attribute: str | None = None


def is_known(value: Any) -> bool:
    """Whether ``value`` is a plain value (not UNKNOWN, not a resource reference)."""
    return value is not UNKNOWN and not isinstance(value, ResourceRef)


def customer_key(value: Any) -> bool | None:
    """Whether a KMS key property names a key the customer manages: absent, or an AWS managed
    key (``alias/aws/s3``, ``arn:...:alias/aws/sns``, ``aws/secretsmanager``; see
    :mod:`gdcc_audit.normalize.kms`) is not; a key id, ARN, customer alias or a key resource of
    the template is; a value not known from the template (a parameter without a default) is
    not known. An intrinsic left unresolved counts as a key unless it spells an AWS managed
    alias (``{"Fn::Sub": "arn:aws:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/s3"}``)."""
    if value is None or value is NO_VALUE or value == "":
        return False
    if value is UNKNOWN:
        return None
    if isinstance(value, str):
        return not names_aws_managed_key(value)
    return not (isinstance(value, Mapping | list) and "alias/aws/" in repr(value))


def as_bool(value: Any) -> bool | None:
    """A boolean property, also written as the strings ``"true"``/``"false"``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return None


def as_int(value: Any) -> int | None:
    """An integer property, also written as a string of digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def as_str(value: Any) -> str | None:
    """A string property (numbers are written as strings in templates too)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str | int | float):
        return str(value)
    return None


def dig(value: Any, *path: str | int) -> Any:
    """``value[p0][p1]...``; ``None`` when a step is missing, UNKNOWN when a step is unknown."""
    current = value
    for part in path:
        if current is UNKNOWN or isinstance(current, ResourceRef):
            return UNKNOWN
        if isinstance(part, int):
            if not isinstance(current, list) or not -len(current) <= part < len(current):
                return None
            current = current[part]
        elif isinstance(current, Mapping):
            current = current.get(part)
        else:
            return None
    return current


def as_list(value: Any) -> list[Any] | None:
    """A list property; a single value counts as a list of one; ``None`` when unknown."""
    if value is None:
        return []
    if value is UNKNOWN or isinstance(value, ResourceRef):
        return None
    return value if isinstance(value, list) else [value]


def plain(value: Any) -> Any:
    """A resolved value with UNKNOWN and references turned into ``None`` (for detectors)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value if is_known(value) else None


def location(document: Document, pointer: str) -> SourceLocation:
    """The file, line span and pointer of a node of a located document."""
    span = document.lines.span_of(pointer) if document.lines else None
    return SourceLocation(
        file=document.path,
        start_line=span[0] if span else None,
        end_line=span[1] if span else None,
        pointer=pointer or "/",
    )


def all_true(values: Iterable[bool | None]) -> bool | None:
    """True when every value is True, False when one is False, else None (empty: None)."""
    seen = list(values)
    if any(v is False for v in seen):
        return False
    if seen and all(v is True for v in seen):
        return True
    return None


def detect_secrets(values: Any, path_prefix: str = "") -> tuple[str, ...]:
    """Attribute paths holding literal secrets (the shared detector), over plain values."""
    return shared_detect_secrets(plain(values), path_prefix=path_prefix)
