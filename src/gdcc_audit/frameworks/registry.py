"""All registered frameworks and the crosswalk between them, loaded lazily and cached."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from gdcc_audit.diskcache import compiled, compiled_key, startup_cache
from gdcc_audit.frameworks.errors import CatalogError
from gdcc_audit.models.rule import ControlRef, RuleMeta
from gdcc_audit.resources import rules_dir

if TYPE_CHECKING:
    # The catalog models are built when catalogs are read or unpickled, not with this module:
    # choosing the rules (``FrameworkIndex``, the pre-commit hook) needs none of them.
    from gdcc_audit.frameworks.catalog import Catalog, ControlDef

__all__ = [
    "CatalogError",
    "FrameworkIndex",
    "Frameworks",
    "builtin_framework_paths",
    "load_framework_index",
    "load_frameworks",
    "reach",
]


def builtin_framework_paths() -> list[Path]:
    """The shipped catalog and crosswalk folders."""
    return [rules_dir() / "catalogs", rules_dir() / "crosswalk"]


@dataclass
class Frameworks:
    """Catalogs by framework id plus the crosswalk as an undirected one-hop link table."""

    catalogs: dict[str, Catalog] = field(default_factory=dict)
    links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    link_count: int = 0
    #: Rules mapped to controls by catalogs (``rules:``), as ``rule id -> FRAMEWORK:CONTROL``.
    catalog_rules: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _rule_sources: dict[str, str] = field(default_factory=dict)

    def catalog(self, framework_id: str) -> Catalog | None:
        """The catalog of one framework."""
        return self.catalogs.get(framework_id)

    def control(self, ref: str | ControlRef) -> ControlDef | None:
        """The control a ``FRAMEWORK:CONTROL`` reference names, or None."""
        parsed = ControlRef.parse(ref) if isinstance(ref, str) else ref
        catalog = self.catalogs.get(parsed.framework)
        return catalog.control(parsed.control) if catalog else None

    def linked(self, ref: str) -> set[str]:
        """Controls the crosswalk links to ``ref`` (one hop, never transitive)."""
        return set(self.links.get(ref, ()))

    def incoming(self, ref: str) -> set[str]:
        """Controls whose findings the crosswalk brings to ``ref``."""
        return {source for source, targets in self.links.items() if ref in targets}

    def unknown_refs(self, rules: Iterable[RuleMeta]) -> list[str]:
        """``RULE: FRAMEWORK:CONTROL`` for every rule reference that no catalog holds."""
        return [
            f"{meta.id}: {ref}"
            for meta in rules
            for ref in meta.controls
            if self.control(ref) is None
        ]

    def check_rule_ids(self, known: Iterable[str]) -> None:
        """Refuse catalog ``rules:`` entries that name a rule nobody registered."""
        _check_rule_ids(self._rule_sources, known)

    def select(self, ids: Sequence[str]) -> list[Catalog]:
        """Catalogs in ``ids`` order (all, sorted, when empty); an unknown id is an error."""
        if not ids:
            return [self.catalogs[k] for k in sorted(self.catalogs)]
        _check_ids(self.catalogs, ids)
        return [self.catalogs[i] for i in ids]


def _check_rule_ids(sources: dict[str, str], known: Iterable[str]) -> None:
    known_ids = set(known)
    for rule_id, where in sorted(sources.items()):
        if rule_id not in known_ids:
            raise CatalogError(f"{where}: unknown rule id {rule_id!r}")


def _check_ids(catalogs: Iterable[str], ids: Sequence[str]) -> None:
    known = set(catalogs)
    missing = [i for i in ids if i not in known]
    if missing:
        raise CatalogError(
            f"unknown framework id(s) {', '.join(missing)}; known: {', '.join(sorted(known))}"
        )


@dataclass(frozen=True)
class FrameworkIndex:
    """What choosing the rules needs of the frameworks, without their catalogs: framework ids,
    the crosswalk's links, the catalogs' ``rules:`` entries and where each is written. Kept in
    the start-up cache beside the frameworks, it spares a run that scores nothing (the
    pre-commit hook) unpickling ~3,000 catalog models."""

    ids: frozenset[str]
    links: dict[str, frozenset[str]]
    catalog_rules: dict[str, frozenset[str]]
    rule_sources: dict[str, str]

    @classmethod
    def of(cls, frameworks: Frameworks) -> FrameworkIndex:
        """The index of loaded frameworks."""
        return cls(
            ids=frozenset(frameworks.catalogs),
            links={ref: frozenset(v) for ref, v in frameworks.links.items()},
            catalog_rules={r: frozenset(v) for r, v in frameworks.catalog_rules.items()},
            rule_sources=dict(frameworks._rule_sources),
        )

    def linked(self, ref: str) -> set[str]:
        """Controls the crosswalk links to ``ref`` (as :meth:`Frameworks.linked`)."""
        return set(self.links.get(ref, ()))

    def check_rule_ids(self, known: Iterable[str]) -> None:
        """As :meth:`Frameworks.check_rule_ids`."""
        _check_rule_ids(self.rule_sources, known)

    def check_selected(self, ids: Sequence[str]) -> None:
        """The error :meth:`Frameworks.select` raises for an unknown framework id."""
        _check_ids(self.ids, ids)


def reach(meta: RuleMeta, frameworks: Frameworks | FrameworkIndex) -> set[str]:
    """Frameworks a rule counts in, directly or through the crosswalk."""
    refs = {str(ref) for ref in meta.controls} | frameworks.catalog_rules.get(meta.id, set())
    for ref in list(refs):
        refs |= frameworks.linked(ref)
    return {ref.split(":", 1)[0] for ref in refs}


def _files(paths: Iterable[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"}))
        else:
            found.append(path)
    return found


def _is_crosswalk(path: Path) -> bool:
    return "crosswalk" in path.parts or path.name.startswith("crosswalk")


def build(paths: Sequence[Path]) -> Frameworks:
    """Load catalogs first, then crosswalks (checked against the catalogs)."""
    from gdcc_audit.frameworks.catalog import load_catalog, load_crosswalk

    frameworks = Frameworks()
    files = _files(paths)
    for path in (p for p in files if not _is_crosswalk(p)):
        catalog = load_catalog(path)
        fid = catalog.framework.id
        if fid in frameworks.catalogs:
            raise CatalogError(
                f"{path}: framework {fid!r} is already defined in {frameworks.catalogs[fid].path}"
            )
        frameworks.catalogs[fid] = catalog
        for index, control in enumerate(catalog.controls):
            for rule_id in control.rules:
                ref = f"{fid}:{control.id}"
                frameworks.catalog_rules[rule_id].add(ref)
                frameworks._rule_sources.setdefault(
                    rule_id, f"{path}: controls[{index}] {control.id}"
                )
    seen: dict[tuple[frozenset[str], frozenset[str]], str] = {}
    for path in (p for p in files if _is_crosswalk(p)):
        crosswalk, where = load_crosswalk(path)
        for index, link in enumerate(crosswalk.links):
            for ref in link.members:
                try:
                    known = frameworks.control(ref) is not None
                except ValueError as exc:
                    raise CatalogError(f"{where[index]}: {exc}") from exc
                if not known:
                    raise CatalogError(f"{where[index]}: unknown control {ref!r}")
            key = (frozenset(link.controls), frozenset(link.broader))
            if key in seen:
                raise CatalogError(f"{where[index]}: duplicate of {seen[key]}")
            seen[key] = where[index]
            for ref in link.controls:
                frameworks.links[ref].update(r for r in link.members if r != ref)
            frameworks.link_count += 1
    return frameworks


#: Code that decides what ``build`` returns (see ``diskcache.code_stamp``).
_CODE = ("frameworks", "models", "load/yamltree.py", "load/source.py", "diskcache.py")


@cache
def _cached(paths: tuple[Path, ...]) -> Frameworks:
    # Compiled once per content of the catalog files: validating ~900 controls and links
    # with pydantic is most of a small scan's start-up.
    return compiled("frameworks", _files(paths), _CODE, lambda: build(paths), Frameworks)


def load_frameworks(paths: Sequence[Path] | None = None) -> Frameworks:
    """Frameworks from ``paths`` (default: the built-in ones), loaded once per process."""
    return _cached(_chosen(paths))


@cache
def _indexed(paths: tuple[Path, ...]) -> FrameworkIndex:
    # Its own cache entry (same key parts): a hit never unpickles the catalogs.
    return compiled(
        "frameworks-index",
        _files(paths),
        _CODE,
        lambda: FrameworkIndex.of(_cached(paths)),
        FrameworkIndex,
    )


def load_framework_index(paths: Sequence[Path] | None = None) -> FrameworkIndex:
    """The :class:`FrameworkIndex` of the frameworks from ``paths`` (default: the built-in
    ones), loaded once per process; building it loads (and checks) the frameworks."""
    return _indexed(_chosen(paths))


def _chosen(paths: Sequence[Path] | None) -> tuple[Path, ...]:
    return tuple(
        Path(p).resolve() for p in (paths if paths is not None else builtin_framework_paths())
    )


def compile_beside(paths: Sequence[Path] | None = None) -> int | None:
    """Start compiling the frameworks of ``paths`` (default: the built-in ones) into the
    start-up cache in a forked child, when they are in neither this process nor that cache
    (the first run after an install or upgrade); the pid to reap
    (:func:`gdcc_audit.load.parallel.reap`) before :func:`load_frameworks`, else None.

    The child only writes the cache entry :func:`load_frameworks` then reads: this process
    meanwhile loads the rule packs on the other CPU. When the child fails or cannot write,
    :func:`load_frameworks` builds the frameworks itself, as without it."""
    from gdcc_audit.load.parallel import call_beside

    chosen = _chosen(paths)
    if _cached.cache_info().currsize or _indexed.cache_info().currsize:  # loaded here
        return None
    if startup_cache().has(compiled_key("frameworks-index", _files(chosen), _CODE)):
        return None
    return call_beside(_indexed, chosen)  # writes the frameworks' entry too
