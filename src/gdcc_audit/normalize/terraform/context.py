"""What a per-type Terraform mapping function sees, and what it may return.

A *mapping* function turns one resource into ``(kind, Facets)``. A *companion* function
turns a resource that only configures another one (``aws_s3_bucket_versioning``,
``aws_security_group_rule``, ``azurerm_network_security_rule``, ...) into contributions to that
other resource's facets; the mapper applies them in a second pass.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfDocument, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.settings import Settings

#: The index of a resource instance at the end of an address (``[0]``, ``["a"]``).
_LAST_INDEX = re.compile(r"\[[^\[\]]*\]$")

Mapped = tuple[str, Facets]


class ReadAtPlan(dict[str, Any]):
    """The values of a data source seen from a resource that refers to it: the arguments it
    writes, and UNKNOWN for every other attribute. A data source reads an object that
    already exists (``data "aws_subnet"`` looks a subnet up by id), so an attribute it does
    not write is that object's real value, never the provider default of a resource that
    creates one (``map_public_ip_on_launch`` of a looked-up subnet is not ``false``)."""

    def __missing__(self, key: str) -> Any:
        return UNKNOWN

    def __contains__(self, key: object) -> bool:
        return True

    def get(self, key: str, default: Any = None) -> Any:
        """The written argument, else UNKNOWN (never ``default``: the value exists)."""
        return self[key]


@dataclass(frozen=True)
class Contribution:
    """Facet updates a companion resource makes to the resource at ``target``.

    ``ingress`` is appended to the target's rules (``None`` on either side stays ``None``);
    every other facet replaces the target's value. Contributions apply in ``order`` (grants
    first with 0, then blocks with 1, so a public access block wins over a public ACL).
    """

    target: str
    source: str
    updates: Mapping[str, Any] = field(default_factory=dict)
    order: int = 0
    #: Updates computed from the target's facets at merge time (after ``updates``).
    merge: Callable[[Facets], Mapping[str, Any]] | None = None


@dataclass
class TfContext:
    """The document being mapped, with every resource of its root module indexed for
    cross-resource lookups (a reference or a companion may sit in another file of the root).
    The indexes are shared by the root's documents: read them, never change them."""

    document: TfDocument
    settings: Settings
    by_address: dict[str, TfResource] = field(default_factory=dict)
    by_type: dict[str, list[TfResource]] = field(default_factory=dict)
    #: What a mapping function learnt about a facet beyond its value, by resource address:
    #: facet -> (the value it gave, the documented default that decided it), and facet -> why
    #: it stays unknown. The mapper copies them onto the resource when the value still holds.
    decided: dict[str, dict[str, tuple[Any, DefaultedFacet]]] = field(default_factory=dict)
    unknown: dict[str, dict[str, Text]] = field(default_factory=dict)
    #: Facets decided by something other than the resource's own attribute, by address:
    #: facet -> (the value it gave, why), copied onto ``Resource.decided_by`` when it holds.
    because: dict[str, dict[str, tuple[Any, Text]]] = field(default_factory=dict)
    #: Listing facets known in part, by address: facet -> (the value it gave, the items not
    #: known), copied onto ``Resource.undetermined`` when the value holds.
    undetermined: dict[str, dict[str, tuple[Any, tuple[str, ...]]]] = field(
        default_factory=dict
    )
    #: Facets another resource decided by a value it writes (a subnet's
    #: ``map_public_ip_on_launch = true``), by resource address: no "provider default" label
    #: for them, even when the attribute the defaults table watches is absent.
    written: dict[str, set[str]] = field(default_factory=dict)
    #: Facets a mapping function found the resource does not have, by address: facet -> why
    #: (as ``normalize.absent``, for a reason another resource gives: a balancer whose
    #: listeners carry no HTTP has no WAF).
    absent: dict[str, dict[str, Text]] = field(default_factory=dict)
    #: Data sources as a referring resource sees them (``ReadAtPlan`` values), by address.
    _looked_up: dict[str, TfResource] = field(default_factory=dict)
    #: Indexes a mapping function builds once per document (by a name of its own).
    memo: dict[str, Any] = field(default_factory=dict)

    def _seen(self, found: TfResource | None) -> TfResource | None:
        """``found``, or for a data source a copy whose unwritten attributes are UNKNOWN."""
        if found is None or found.mode != "data":
            return found
        view = self._looked_up.get(found.address)
        if view is None:
            view = dataclasses.replace(found, values=ReadAtPlan(found.values))
            self._looked_up[found.address] = view
        return view

    def note(
        self,
        resource: TfResource,
        facet: str,
        value: Any,
        default: DefaultedFacet | None = None,
        unknown: Text | None = None,
        because: Text | None = None,
        undetermined: Sequence[str] = (),
    ) -> None:
        """Record that ``facet`` of ``resource`` is ``value`` because of ``default``, or is
        unknown for the reason ``unknown``, or is ``value`` for the reason ``because`` (a
        setting other than the resource's own attribute decides it). ``undetermined``: the
        items of a listing ``value`` whose state is not known (``Resource.undetermined``)."""
        if undetermined and value is not None:
            self.undetermined.setdefault(resource.address, {})[facet] = (
                value,
                tuple(undetermined),
            )
        if default is not None:
            self.decided.setdefault(resource.address, {})[facet] = (value, default)
        if because is not None and value is not None:
            self.because.setdefault(resource.address, {})[facet] = (value, because)
        if unknown is not None and value is None:
            self.unknown.setdefault(resource.address, {})[facet] = unknown

    def written_by_another(self, resource: TfResource, facet: str) -> None:
        """Record that ``facet`` of ``resource`` is decided by a value another resource
        writes: it is no provider default."""
        self.written.setdefault(resource.address, set()).add(facet)

    @classmethod
    def of(cls, document: TfDocument, settings: Settings) -> TfContext:
        """Index the resources of ``document``'s root (built once per root). The notes
        (``decided``, ``unknown``, ``because``, ``undetermined``, ``written``, ``absent``) are
        shared by the root's documents too: a companion is run once per root, with the
        context of the first document mapped, and what it notes about a resource of another
        file (an ingress setting that decides a grant, a default) must reach that resource."""
        shared = document.whole_root
        if shared is None:
            return cls(document, settings, *_index(document.resources))
        index = shared.cache.get("index")
        if index is None:
            index = shared.cache["index"] = _index(shared.resources)
        notes = shared.cache.get("notes")
        if notes is None:
            notes = shared.cache["notes"] = ({}, {}, {}, {}, {}, {})
        by_address, by_type = index
        decided, unknown, because, undetermined, written, absent = notes
        return cls(
            document, settings, by_address, by_type, decided=decided, unknown=unknown,
            because=because, undetermined=undetermined, written=written, absent=absent,
        )

    def referenced(
        self, resource: TfResource, attribute: str, types: Iterable[str]
    ) -> TfResource | None:
        """The resource of one of ``types`` that ``attribute`` of ``resource`` refers to: by a
        Terraform reference first, else by a literal name or id equal to a candidate's
        ``name``/``bucket``/``id`` attribute, else by the same unknown input written in both."""
        wanted = tuple(types)
        for ref in resource.references:
            head = ref.attribute.split(".", 1)[0]
            if attribute not in (head, ref.attribute):
                continue
            target = self._resolve(resource, ref.target)
            if target is not None and target.type in wanted:
                return self._seen(target)
        literal = resource.values.get(attribute)
        if isinstance(literal, str) and literal:
            for kind in wanted:
                for candidate in self.by_type.get(kind, ()):
                    if candidate.module != resource.module:
                        continue
                    names = (candidate.values.get(key) for key in ("bucket", "name", "id", "arn"))
                    if literal in names:
                        return self._seen(candidate)
        return self._seen(self._same_input(resource, attribute, wanted))

    def target_of(
        self, resource: TfResource, attribute: str, types: Iterable[str]
    ) -> TfResource | None:
        """Like :meth:`referenced`, also through an attribute reference the index does not
        strip (``google_bigquery_dataset.d.dataset_id``, ``google_x.y.self_link``)."""
        wanted = tuple(types)
        found = self.referenced(resource, attribute, wanted)
        if found is not None:
            return found
        for ref in resource.references:
            if ref.attribute.split(".", 1)[0] != attribute:
                continue
            head = ref.target.rsplit(".", 1)[0]
            candidate = self.by_address.get(head) or self.by_address.get(
                f"{resource.module}.{head}"
            )
            if candidate is not None and candidate.type in wanted:
                return self._seen(candidate)
        return None

    def _same_input(
        self, resource: TfResource, attribute: str, wanted: tuple[str, ...]
    ) -> TfResource | None:
        """The one candidate whose name is written as the same unknown value as ``attribute``
        (``bucket = var.bucket_name`` on both; ``domain_name = length(var.name) > 0 ?
        var.name : module.this.id`` on a domain and on its policy): the same value, whatever
        it is. Several such candidates (a counted resource) are ambiguous: none is chosen."""
        symbol = resource.symbols.get(attribute)
        if symbol is None:
            return None
        names = ("bucket", "name", "id", attribute)
        found = [
            candidate
            for kind in wanted
            for candidate in self.by_type.get(kind, ())
            if candidate.module == resource.module
            and candidate is not resource
            and symbol in (candidate.symbols.get(key) for key in names)
        ]
        return found[0] if len(found) == 1 else None

    def referenced_all(
        self, resource: TfResource, attribute: str, types: Iterable[str]
    ) -> list[TfResource]:
        """Every resource of ``types`` that ``attribute`` refers to by a Terraform reference."""
        wanted = tuple(types)
        found: list[TfResource] = []
        for ref in resource.references:
            if ref.attribute.split(".", 1)[0] != attribute:
                continue
            target = self._seen(self._resolve(resource, ref.target))
            if target is not None and target.type in wanted and target not in found:
                found.append(target)
        return found

    def resolve(self, resource: TfResource, target: str) -> TfResource | None:
        """The resource of the input that a reference target of ``resource`` names (module
        prefix, ``count`` / ``for_each`` index); ``None`` when it is not in the input."""
        return self._resolve(resource, target)

    def _resolve(self, resource: TfResource, target: str) -> TfResource | None:
        target = target.removesuffix(".id").removesuffix(".arn").removesuffix(".name")
        prefix = f"{resource.module}." if resource.module else ""
        for candidate in (prefix + target, target):
            found = self.by_address.get(candidate)
            if found is not None:
                return found
            # ``aws_s3_bucket.b`` referring to a counted ``aws_s3_bucket.b[0]``
            found = self.by_address.get(candidate + "[0]")
            if found is not None:
                return found
            # ``aws_network_acl.a[0]`` referring to an ``aws_network_acl.a`` whose count is not
            # known (kept as one instance without an index): the same resource (was not
            # found, and an ``aws_network_acl_rule`` was judged apart from its ACL)
            unindexed = _LAST_INDEX.sub("", candidate)
            if unindexed != candidate:
                found = self.by_address.get(unindexed)
                if found is not None:
                    return found
        return None

    def lost_naming(self, types: Iterable[str], what: Text) -> Text | None:
        """Why a fact of a resource is not known when blocks of its root that were not
        assessed may be ``what`` (``a WAF domain``) naming it (``lost_of`` those types);
        None when no such block was lost."""
        lost = self.document.lost_of(types)
        if not lost:
            return None
        named = ", ".join(lost)
        return Text(
            en=f"a block of the root that was not assessed may be {what.en} naming it: {named}",
            th=f"บล็อกของ root ที่ไม่ได้ประเมินอาจเป็น{what.th}ที่ระบุทรัพยากรนี้: {named}",
        )

    def gaps_naming(self, what: Text) -> Text | None:
        """Why a fact of a resource is not known when modules of its root were not read
        (``root_gaps``) and may hold ``what`` (``a WAF domain naming it``); None when the whole
        root was read."""
        gaps = self.root_gaps()
        if not gaps:
            return None
        shown = "; ".join(gaps)
        return Text(
            en=f"{what.en} may be declared in a part of the configuration not scanned ({shown})",
            th=f"อาจมี{what.th}ในส่วนของการตั้งค่าที่ไม่ได้ตรวจ ({shown})",
        )

    def root_gaps(self) -> tuple[str, ...]:
        """The module calls of the document's root that were not expanded (``address
        (source): reason``, as ``graph.scope.Scope`` names them); empty when the whole root
        was read."""
        shared = self.document.whole_root
        calls = shared.unexpanded if shared is not None else self.document.unexpanded_modules
        shown = []
        for item in calls:
            source = item.get("source")
            name = str(item.get("address") or "?") + (f" ({source})" if source else "")
            shown.append(f"{name}: {item.get('reason') or 'not available'}")
        return tuple(sorted(set(shown)))

    def related(self, types: Iterable[str]) -> list[TfResource]:
        """Every resource of one of ``types`` in the document's root module."""
        return [r for kind in types for r in self.by_type.get(kind, ())]


def _index(
    resources: Iterable[TfResource],
) -> tuple[dict[str, TfResource], dict[str, list[TfResource]]]:
    by_address: dict[str, TfResource] = {}
    by_type: dict[str, list[TfResource]] = {}
    for resource in resources:
        by_address[resource.address] = resource
        by_type.setdefault(resource.type, []).append(resource)
    return by_address, by_type


MapFn = Callable[[TfResource, TfContext], Mapped | None]
CompanionFn = Callable[[TfResource, TfContext], list[Contribution]]


def known(value: Any) -> bool:
    """Whether a raw value is a literal (neither absent nor UNKNOWN)."""
    return value is not None and value is not UNKNOWN
