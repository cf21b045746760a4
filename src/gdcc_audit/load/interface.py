"""The loader seam: input files in, parsed documents out (with file and line kept)."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from gdcc_audit.errors import InputError
from gdcc_audit.load.yamltree import LocatedDocument

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings


@dataclass
class ParsedFile:
    """A YAML or JSON file parsed once, offered to every structured loader to recognise."""

    path: Path
    sha256: str
    documents: list[LocatedDocument]
    #: Documents that could not be read in a multi-document file (the others are kept).
    errors: list[InputError] = field(default_factory=list)
    #: What was read as the file's own tool reads it, with a word for the user (a Heat
    #: template's key written twice: the last value is kept).
    warnings: list[InputError] = field(default_factory=list)


#: ``Document.meta`` key of the nested templates a CloudFormation or Heat document names:
#: dicts with ``address``, ``source``, ``local`` (the file a relative source names, or None),
#: ``reason`` and ``line`` (written by loaders and mappers, read by the audit; defined here so
#: that a loader need not import a later stage: ``normalize.unread`` re-exports it).
NESTED = "nested_templates"


def nested_template(
    path: str, address: str, source: Any, reason: str, line: int | None
) -> dict[str, Any]:
    """One nested template of the file at ``path``: ``source`` is the template's location as
    written (a URL, a path relative to the file, or something not known statically)."""
    text = source if isinstance(source, str) and source else None
    local = None
    if text is not None and "://" not in text and not text.startswith("s3:"):
        local = os.path.normpath(os.path.join(os.path.dirname(path), text))
    return {"address": address, "source": text, "local": local, "reason": reason, "line": line}


@dataclass
class Document:
    """What a loader produces: one logical input in a named format, ready for a mapper."""

    path: str
    format: str
    data: Any
    sha256: str | None = None
    lines: LocatedDocument | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LoadOptions:
    """What the mappers of a run read of a loader's documents, so that a loader can leave out
    work whose result nothing reads. The pipeline builds it from the mappers of the formats a
    loader names (``Loader.options_from``, ``Mapper.load_options``); the default reads all."""

    #: Terraform: the resource types whose instances ``count`` makes 0 (``count = var.x ? 1
    #: : 0``) are evaluated as their first instance would be, for ``RootResources.not_created``
    #: (a mapper reads them to say which input leaves a setting out); None: every type. Only
    #: asked ``type in``: a mapper may give a set that learns its types on the way (the
    #: Terraform mapper's loads a provider's tables when one of its types is asked).
    not_created_types: Set[str] | None = None

    def joined(self, other: LoadOptions) -> LoadOptions:
        """What either reads."""
        mine, theirs = self.not_created_types, other.not_created_types
        return LoadOptions(None if mine is None or theirs is None else mine | theirs)


@dataclass
class Claim:
    """A file a loader has taken, with its parsed form when it is YAML or JSON."""

    path: Path
    parsed: ParsedFile | None = None
    #: The file of the scan that names this one as its input (a helmfile naming a Helm
    #: values file), with what it says of it (``{"chart": folder}``); None when none does.
    named_by: tuple[str, dict[str, Any]] | None = None


class Loader(ABC):
    """Reads one input format.

    ``claim`` is asked for every discovered file, in plugin order; the first loader that says
    yes gets the file. ``load`` then receives all of its claims at once (so a Terraform loader
    can read a module directory as one unit) and yields documents or ``InputError`` values:
    an error for one file never stops the others.
    """

    name: ClassVar[str]
    #: File name endings this loader reads itself (not through the shared YAML/JSON parse).
    suffixes: ClassVar[tuple[str, ...]] = ()
    #: Formats whose mappers' ``load_options`` this loader takes (``with_options``).
    options_from: ClassVar[tuple[str, ...]] = ()

    def claim(self, path: Path, parsed: ParsedFile | None) -> bool:
        """Whether this loader reads the file. ``parsed`` is set for YAML and JSON files."""
        if parsed is None:
            return path.name.endswith(self.suffixes) if self.suffixes else False
        return self.recognise(parsed)

    def recognise(self, parsed: ParsedFile) -> bool:
        """Whether a parsed YAML/JSON file is in this loader's format."""
        return False

    @abstractmethod
    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        """Produce documents from the claimed files."""

    def with_options(self, options: LoadOptions) -> Loader:
        """This loader for a run whose mappers read only what ``options`` says (a new
        loader; this one is left as it is). The default: this loader, which reads all."""
        return self


def load_templates(
    claims: Sequence[Claim],
    format: str,
    is_template: Callable[[Any], bool],
    check: Callable[[str, LocatedDocument], InputError | None],
) -> Iterator[Document | InputError]:
    """One document per claimed file: its first YAML/JSON document for which ``is_template``
    holds, or the first structural problem ``check`` finds in it."""
    for claim in claims:
        assert claim.parsed is not None  # templates are always claimed from parsed files
        path = str(claim.path)
        doc = next(d for d in claim.parsed.documents if is_template(d.data))
        problem = check(path, doc)
        if problem is not None:
            yield problem
            continue
        yield Document(path, format, doc.data, claim.parsed.sha256, doc)
