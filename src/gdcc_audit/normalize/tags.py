"""The tag convention that carries GDCC context on IaC resources.

Any provider's tags or labels may carry these keys (case-insensitive; ``_`` and ``-`` alike):

- ``gdcc:system``               the system id of the tenant manifest
- ``gdcc:classification``       public, internal, confidential/ลับ, secret/ลับมาก, top_secret/ลับที่สุด
- ``gdcc:personal-data``        true / false
- ``gdcc:security-category``    low / medium / high (all three objectives), or
                                ``C:high,I:medium,A:low``
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gdcc_audit.models.common import Classification, Level, SecurityCategory

_ALIASES = {
    "system": {"gdcc:system", "gdcc_system", "system"},
    "classification": {
        "gdcc:classification",
        "gdcc_classification",
        "data_classification",
        "dataclassification",
        "classification",
    },
    "personal_data": {"gdcc:personal-data", "gdcc_personal_data", "personal_data", "pii"},
    "security_category": {"gdcc:security-category", "gdcc_security_category", "security_category"},
}
_LOOKUP = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
_TRUE = {"true", "yes", "1", "y", "ใช่"}
_FALSE = {"false", "no", "0", "n", "ไม่ใช่"}


@dataclass(frozen=True)
class TagContext:
    """GDCC context read from tags; ``None`` where a tag is absent or unreadable."""

    system: str | None = None
    data_classification: Classification | None = None
    personal_data: bool | None = None
    security_category: SecurityCategory | None = None


def _norm(key: str) -> str:
    return key.strip().lower().replace("-", "_").replace("gdcc:personal_data", "gdcc:personal-data")


def parse_category(text: str) -> SecurityCategory | None:
    """``high`` or ``C:high,I:medium,A:low`` to a SecurityCategory."""
    text = text.strip().lower()
    if text in {level.value for level in Level}:
        level = Level(text)
        return SecurityCategory(confidentiality=level, integrity=level, availability=level)
    parts: dict[str, Level] = {}
    for item in text.replace(";", ",").split(","):
        name, _, value = item.partition(":")
        value = value.strip()
        if value not in {level.value for level in Level}:
            return None
        parts[name.strip()[:1]] = Level(value)
    if set(parts) != {"c", "i", "a"}:
        return None
    return SecurityCategory(
        confidentiality=parts["c"], integrity=parts["i"], availability=parts["a"]
    )


@lru_cache(maxsize=4096)
def _canonical(key: str) -> str | None:
    """The GDCC context a tag key names (``system``, ``classification``...), or None: read
    once per key (every resource repeats its module's tag keys)."""
    return _LOOKUP.get(_norm(key)) or _LOOKUP.get(key.strip().lower())


#: What resources without a GDCC tag read (most of them): one instance, not one each.
_NO_CONTEXT = TagContext()


def read_tags(tags: Mapping[str, Any]) -> TagContext:
    """GDCC context from a resource's tags or labels."""
    found: dict[str, str] = {}
    for key, value in tags.items():
        canonical = _canonical(str(key))
        if canonical and isinstance(value, str | bool | int):
            found[canonical] = str(value)
    if not found:
        return _NO_CONTEXT
    classification = None
    if "classification" in found:
        try:
            classification = Classification.parse(found["classification"])
        except ValueError:
            classification = None
    personal = found.get("personal_data", "").strip().lower()
    return TagContext(
        system=found.get("system") or None,
        data_classification=classification,
        personal_data=True if personal in _TRUE else False if personal in _FALSE else None,
        security_category=parse_category(found["security_category"])
        if "security_category" in found
        else None,
    )
