"""Shared value types: bilingual text, severity, classification, security category."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from gdcc_audit.entrypoints import skip_empty_pydantic_plugin_scan

# Before the first model class is built (pydantic scans for its plugins then): a cached
# "no pydantic plugin installed" spares that scan of every installed distribution.
skip_empty_pydantic_plugin_scan()


class FrozenModel(BaseModel):
    """Base for every value the library hands out: immutable, unknown fields rejected.

    Validators are built on first use (``defer_build``): a run builds only the models it
    validates or serialises (a catalog read from the compiled cache is never validated; the
    pre-commit hook never serialises), not all ~60 at import."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        """Share one fields-set among all instances that set the same fields.

        pydantic gives every instance its own set of the names it was given; at 100,000
        resources those sets (one per resource, facet group, reference, location, text...)
        held over 200 MB. A frozen model's set is never changed in place (copies copy it
        first), so instances with equal sets can hold the same one.
        """
        _share_fields_set(self)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy (see pydantic's ``model_copy``) whose fields-set is shared as well.

        A shallow copy of a model with no private attributes nor extra fields (every model
        here) is made directly: the same ``__dict__`` copy, updated, and the same four
        attributes pydantic's ``__copy__`` sets, without its generic steps (the mapper copies
        the facets of nearly every resource, ~1.5 copies each)."""
        if deep or getattr(self, "__pydantic_private__", None) is not None or (
            self.__pydantic_extra__ is not None
        ):
            copied = super().model_copy(update=update, deep=deep)
            _share_fields_set(copied)
            return copied
        cls = type(self)
        copied = cls.__new__(cls)
        values = self.__dict__.copy()
        fields = self.__pydantic_fields_set__
        if update:
            values.update(update)
            if not fields.issuperset(update):
                added = fields | update.keys()
                fields = _FIELDS_SETS.setdefault(frozenset(added), added)
        _set(copied, "__dict__", values)
        _set(copied, "__pydantic_extra__", None)
        _set(copied, "__pydantic_fields_set__", fields)
        _set(copied, "__pydantic_private__", None)
        return copied


_set = object.__setattr__


#: One set per distinct combination of explicitly set fields (see FrozenModel.model_post_init).
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def _share_fields_set(model: BaseModel) -> None:
    fields = model.__pydantic_fields_set__
    shared = _FIELDS_SETS.setdefault(frozenset(fields), fields)
    if shared is not fields:
        object.__setattr__(model, "__pydantic_fields_set__", shared)


class Text(FrozenModel):
    """A user-facing string in Thai and English; both are required and non-empty."""

    th: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``th`` or ``en``)."""
        return self.th if lang == "th" else self.en


class Severity(StrEnum):
    """How much a failing rule matters; ordered from INFO to CRITICAL."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Position in the order INFO < LOW < MEDIUM < HIGH < CRITICAL."""
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = list(Severity)


class Level(StrEnum):
    """NCSC 2566 impact level for one security objective."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """0 for low, 1 for medium, 2 for high."""
        return _LEVEL_ORDER.index(self)


_LEVEL_ORDER = list(Level)


class SecurityCategory(FrozenModel):
    """NCSC 2566 security category: C/I/A each low/medium/high; overall is the highest."""

    confidentiality: Level
    integrity: Level
    availability: Level

    @property
    def overall(self) -> Level:
        """High-water mark of the three objectives."""
        return max((self.confidentiality, self.integrity, self.availability), key=lambda v: v.rank)


class Classification(StrEnum):
    """Data classification: DGA public/internal plus the official-secrets levels (ระเบียบ 2544)."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"  # ลับ
    SECRET = "secret"  # ลับมาก
    TOP_SECRET = "top_secret"  # ลับที่สุด

    @property
    def rank(self) -> int:
        """0 for public up to 4 for top secret."""
        return _CLASS_ORDER.index(self)

    @property
    def is_official_secret(self) -> bool:
        """True for ลับ, ลับมาก and ลับที่สุด."""
        return self.rank >= Classification.CONFIDENTIAL.rank

    @property
    def th(self) -> str:
        """The Thai word of the level, as the reports' marking writes it (ลับมาก)."""
        return _CLASS_TH[self]

    @property
    def words(self) -> str:
        """The level in English words (``top secret``)."""
        return self.value.replace("_", " ")

    def data_text(self, lang: str) -> str:
        """``confidential data`` / ``ข้อมูลลับ``: data of this level, in a message."""
        return f"ข้อมูล{self.th}" if lang == "th" else f"{self.words} data"

    @classmethod
    def parse(cls, value: Any) -> Classification:
        """Accept the English value or the Thai word (ลับ, ลับมาก, ลับที่สุด, สาธารณะ, ภายใน)."""
        if isinstance(value, Classification):
            return value
        text = str(value).strip()
        return cls(THAI_CLASSIFICATION.get(text, text.lower().replace(" ", "_").replace("-", "_")))


_CLASS_ORDER = list(Classification)
#: The Thai words of the levels (reports/i18n/th.yaml ``classification``, ระเบียบ 2544).
_CLASS_TH = {
    Classification.PUBLIC: "เปิดเผย",
    Classification.INTERNAL: "ใช้ภายใน",
    Classification.CONFIDENTIAL: "ลับ",
    Classification.SECRET: "ลับมาก",
    Classification.TOP_SECRET: "ลับที่สุด",
}

THAI_CLASSIFICATION = {
    "สาธารณะ": "public",
    "เปิดเผย": "public",
    "ภายใน": "internal",
    "ใช้ภายใน": "internal",
    "ลับ": "confidential",
    "ลับมาก": "secret",
    "ลับที่สุด": "top_secret",
}


ClassificationInput = Annotated[
    Classification,
    BeforeValidator(Classification.parse),
    WithJsonSchema(
        {
            "type": "string",
            "enum": [c.value for c in Classification] + list(THAI_CLASSIFICATION),
            "description": "Data classification, in English or Thai "
            "(public/สาธารณะ, internal/ภายใน, confidential/ลับ, secret/ลับมาก, top_secret/ลับที่สุด)",
        }
    ),
]


class ClassificationField(FrozenModel):
    """Mixin: a ``data_classification`` field given in Thai or English."""

    data_classification: ClassificationInput | None = None
