"""What was scanned: which parts of the configuration were not available to the audit.

A missing companion (no flow log for a network, no backup plan for a database) is a FAIL when
the whole configuration it belongs to was scanned, and UNKNOWN only when part of it was not:
a Terraform module whose source was not present, a Kubernetes object (cluster objects are
usually applied from many places), or a resource declared in a manifest excerpt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.load.lost import META_KEY as LOST_KEY
from gdcc_audit.normalize.lost import is_blind

#: Origins whose files are complete units: everything a resource needs is in the scan.
WHOLE_UNIT_ORIGINS = frozenset({"terraform", "cloudformation", "heat"})


@dataclass(frozen=True)
class Scope:
    """Per input file: what of its configuration was not available (empty: all of it was)."""

    missing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Input format of each file (``terraform``, ``kubernetes``, ``gdcc-tenant``...).
    formats: Mapping[str, str] = field(default_factory=dict)
    #: True when the user declared the input to be the whole tenant (``complete_inventory``).
    declared_complete: bool = False
    #: Per Terraform root (its scope, as the mapper writes it in ``Resource.attributes``):
    #: what of it was not available. A module file shared by several roots is judged with
    #: the root that instantiated the resource, not with whichever root came last.
    missing_by_root: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def gaps(self, file: str | None, root: str | None = None) -> tuple[str, ...]:
        """What was not available for a resource of ``file`` (instantiated by Terraform root
        ``root`` when given); empty when its unit is whole."""
        if self.declared_complete:
            return ()
        origin = self.formats.get(file or "")
        if origin not in WHOLE_UNIT_ORIGINS:
            shown = {"gdcc-tenant": "a tenant manifest", "kubernetes": "Kubernetes"}.get(
                origin or "", origin or "this"
            )
            return (f"{shown} input lists resources, not a whole configuration",)
        if root is not None:
            return tuple(self.missing_by_root.get(root, ()))
        return tuple(self.missing.get(file or "", ()))

    @classmethod
    def from_documents(cls, documents: Iterable[Any], declared_complete: bool = False) -> Scope:
        """Read the gaps the loaders recorded: Terraform module calls not expanded, and parts
        not assessed whose target cannot be told (``normalize.lost.is_blind``)."""
        by_root: dict[str, list[str]] = {}
        own: dict[str, list[str]] = {}
        scope_of_root: dict[str, str] = {}
        files_of_root: dict[str, list[str]] = {}
        formats: dict[str, str] = {}
        for document in documents:
            formats[document.path] = document.format
            data = getattr(document, "data", None)
            meta = getattr(document, "meta", None) or {}
            root = meta.get("root")
            lost = meta.get(LOST_KEY, ())
            blind = sorted({f"{p.where}: not assessed" for p in lost if is_blind(p)})
            unexpanded = getattr(data, "unexpanded_modules", None)
            if root is None or unexpanded is None:
                if blind:
                    own.setdefault(document.path, []).extend(blind)
                continue
            if blind:
                by_root.setdefault(root, []).extend(blind)
            files_of_root.setdefault(root, []).append(document.path)
            root_scope = document.meta.get("root_scope")
            if isinstance(root_scope, str):
                scope_of_root[root] = root_scope
            for item in unexpanded:
                name = item.get("address") or "?"
                reason = item.get("reason") or "not available"
                source = item.get("source")
                shown = str(name) + (f" ({source})" if source else "")
                by_root.setdefault(root, []).append(f"{shown}: {reason}")
        missing = {
            path: tuple(sorted(set(by_root[root])))
            for root, paths in files_of_root.items()
            if root in by_root
            for path in paths
        }
        for path, gaps in own.items():
            missing[path] = tuple(sorted({*missing.get(path, ()), *gaps}))
        missing_by_root = {
            scope_of_root[root]: tuple(sorted(set(by_root.get(root, ()))))
            for root in files_of_root
            if root in scope_of_root
        }
        return cls(
            missing=missing,
            formats=formats,
            declared_complete=declared_complete,
            missing_by_root=missing_by_root,
        )
