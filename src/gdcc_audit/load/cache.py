"""Parse results cached on disk, keyed by content hash, so an unchanged file is parsed once.

An entry is ``<cache>/<key[:2]>/<key>``: a magic header, the sha256 of the payload and the
pickled parse result. The key hashes the file's bytes, its path (parsed trees carry it), the
parse options and a stamp of the parser's own source code and Python version, so a change of
any of them is a different key, never a stale entry.

The store is ``gdcc_audit.diskcache`` (atomic writes, safe under concurrent runs; a corrupt
entry is ignored, deleted and rewritten after parsing; cache problems never fail a scan: they
only cost a parse). ``--no-cache`` (``Settings(cache=False)``) turns the cache off for the
scanned files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from gdcc_audit.diskcache import (
    CACHE_ENV,
    DiskCache,
    code_stamp,
    default_directory,
)
from gdcc_audit.settings import DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES

if TYPE_CHECKING:
    from gdcc_audit.load.yamltree import LocatedDocument
    from gdcc_audit.settings import Settings

__all__ = ["CACHE_ENV", "ParseCache", "default_directory", "parse_yaml_cached", "parser_stamp"]

#: Modules whose code decides what a parse returns: a change to any of them changes every key.
_PARSER_MODULES = (
    "load/terraform/parse.py",
    "load/terraform/fastparse.py",
    "load/terraform/ast.py",
    # a .tf.json is cached as the HCL parse of its translation to native syntax
    "load/terraform/json_syntax.py",
    "load/yamltree.py",
    "load/interface.py",
    "load/cache.py",
    "diskcache.py",
    # what they import that a cached result holds or is shaped by: the unknown value, the
    # masking of secrets in the text kept, errors raised, parse limits
    "load/terraform_model.py",
    # a resource written by a former type name is given the current type when it is made
    "load/former_types.py",
    "models/unknown.py",
    "models/masking.py",
    "models/common.py",
    "errors.py",
    "settings.py",
    "lazy.py",
)
#: Modules those import that do not shape a parse result (``tests/test_parse_cache_stamp.py``
#: checks that every other module they import is in the stamp): the version, which the stamp
#: holds anyway; the process pool parses run in; pydantic's plugin-scan switch.
PARSE_NEUTRAL_MODULES = ("__about__.py", "load/parallel.py", "entrypoints.py")


def parser_stamp() -> str:
    """Hash of the tool version, the Python version and the parser modules' source."""
    return code_stamp(_PARSER_MODULES)


class ParseCache(DiskCache):
    """A folder of parse results; ``ParseCache(None)`` is a cache that keeps nothing."""

    @classmethod
    def for_settings(cls, settings: Settings) -> ParseCache:
        """The cache a scan with these settings uses (none with ``cache=False``)."""
        if not settings.cache:
            return cls(None)
        return cls(Path(settings.cache_dir) if settings.cache_dir else default_directory())

    @staticmethod
    def key(kind: str, *parts: str) -> str:
        """The entry name for a parse of kind ``kind`` (``hcl``, ``yaml``) over ``parts``."""
        digest = hashlib.sha256(f"{parser_stamp()}\0{kind}".encode())
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()


def parse_yaml_cached(
    text: str,
    path: str,
    cache: ParseCache,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    cfn_tags: bool = False,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> list[LocatedDocument]:
    """:func:`parse_yaml`, with the result cached by path and content (errors are not cached:
    they are raised again, with their line, on every run)."""
    options = f"{max_nodes}\0{cfn_tags}\0{max_depth}"
    digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
    key = cache.key("yaml", path, digest, options)
    # YAML (and its parser) is imported only when a YAML file is read: a Terraform-only run,
    # like the pre-commit hook on a .tf, does not load it.
    from gdcc_audit.load.yamltree import LocatedDocument, parse_yaml

    found: list[LocatedDocument] | None = cache.get(key, list)
    if found is not None and all(isinstance(d, LocatedDocument) for d in found):
        return found
    documents = parse_yaml(
        text, path, max_nodes=max_nodes, cfn_tags=cfn_tags, max_depth=max_depth
    )
    cache.put(key, documents)
    return documents
