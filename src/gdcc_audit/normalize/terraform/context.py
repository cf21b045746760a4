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

from gdcc_audit.load.terraform.designation import NOWHERE
from gdcc_audit.load.terraform.values import instance_suffix
from gdcc_audit.load.terraform_model import UNKNOWN, TfDocument, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.settings import Settings

#: The index of a resource instance at the end of an address (``[0]``, ``["a"]``).
_LAST_INDEX = re.compile(r"\[[^\[\]]*\]$")

Mapped = tuple[str, Facets]
#: A candidate that is no resource of the configuration (an input, a literal a condition may
#: give instead: ``var.create ? aws_s3_bucket.a.id : var.bucket``).
BEYOND = "a value not in the configuration (an input or a literal)"


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
    #: Why the contribution may not apply to ``target`` (its target is one of several a
    #: condition chooses): each facet it would change on ``target`` is then not known.
    uncertain: Text | None = None


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
    #: Lookups that found several candidates (see :meth:`referenced`), by the looking
    #: resource's address: attribute -> the candidates' addresses.
    ambiguous: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: The candidate a lookup gives, by (looking resource's address, attribute): the mapper
    #: maps a companion whose target is ambiguous once per candidate.
    pins: dict[tuple[str, str], TfResource] = field(default_factory=dict)
    #: The candidates of the last lookup of each (address, attribute) that found several.
    _last: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

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
        """The resource of one of ``types`` that ``attribute`` of ``resource`` designates: the
        one its value is (``TfResource.designated``), else the one resource its Terraform
        references name, else by a literal name or id equal to a candidate's
        ``name``/``bucket``/``id`` attribute, else by the same unknown input written in both.
        References naming several resources of ``types`` (``var.on ? aws_s3_bucket.a.id :
        aws_s3_bucket.b.id``, ``coalesce(var.id, data.x.id)``, every instance of a counted
        resource) designate none: None, and the candidates are kept in ``ambiguous`` (or the
        one ``pins`` chooses, when the mapper maps the companion once per candidate)."""
        wanted = tuple(types)
        self._last.pop((resource.address, attribute), None)
        designated = self._designated(resource, attribute)
        if designated is not None:
            return self._seen(designated) if designated.type in wanted else None
        candidates = self.candidates(resource, attribute, wanted)
        if len(candidates) > 1 or (candidates and may_be_beyond(resource, attribute)):
            return self._ambiguous(resource, attribute, candidates)
        if candidates:
            return self._seen(candidates[0])
        literal = resource.values.get(attribute)
        if isinstance(literal, str) and literal:
            for kind in wanted:
                named = self._literal_names(kind).get((resource.module, literal))
                if named is not None:
                    return self._seen(named)
        return self._seen(self._same_input(resource, attribute, wanted))

    def _literal_names(self, kind: str) -> dict[tuple[str, str], TfResource]:
        """The resources of ``kind`` by (module, a literal ``bucket`` / ``name`` / ``id`` /
        ``arn`` they write), the first in input order for each: built once per document,
        not walked again for every resource that names one (quadratic on large scans)."""
        key = f"literal_names:{kind}"
        index: dict[tuple[str, str], TfResource] | None = self.memo.get(key)
        if index is None:
            index = {}
            for candidate in self.by_type.get(kind, ()):
                for name in ("bucket", "name", "id", "arn"):
                    value = candidate.values.get(name)
                    if isinstance(value, str):
                        index.setdefault((candidate.module, value), candidate)
            self.memo[key] = index
        return index

    def candidates(
        self, resource: TfResource, attribute: str, types: Iterable[str]
    ) -> list[TfResource]:
        """Every resource of ``types`` of the input that a Terraform reference of
        ``attribute`` names, in reference order: what its value may be when it is not
        designated. A reference without a key to a resource with several instances names each
        instance, unless another reference names one of them (a plan lists
        ``aws_s3_bucket.b`` beside ``aws_s3_bucket.b[0]`` for ``aws_s3_bucket.b[0].id``)."""
        wanted = tuple(types)
        if resource.designated.get(attribute) == NOWHERE:
            return []  # a known value chosen from an input: no reference is it
        named = [
            self._resolve_all(resource, ref.target)
            for ref in resource.references
            if attribute in (ref.attribute.split(".", 1)[0], ref.attribute)
        ]
        keyed = {id(t) for targets in named if len(targets) == 1 for t in targets}
        found: list[TfResource] = []
        for targets in named:
            if len(targets) > 1 and any(id(t) in keyed for t in targets):
                continue  # the keyless prefix of a keyed reference
            found.extend(t for t in targets if t.type in wanted and t not in found)
        return found

    def is_ambiguous(self, resource: TfResource, attribute: str) -> bool:
        """Whether the last lookup of ``attribute`` of ``resource`` found several candidates
        (see :meth:`referenced`)."""
        return (resource.address, attribute) in self._last

    def choices(self, resource: TfResource, attribute: str) -> tuple[str, ...]:
        """The candidates (addresses, and ``BEYOND``) the last lookup of ``attribute`` of
        ``resource`` found when it found several (see :meth:`referenced`); else empty."""
        return self._last.get((resource.address, attribute), ())

    def may_designate(
        self, resource: TfResource, attribute: str, types: Iterable[str], target: TfResource
    ) -> bool | None:
        """Whether ``attribute`` of ``resource`` designates ``target``: True, False, or None
        when ``target`` is one of several candidates (a condition not known chooses)."""
        found = self.target_of(resource, attribute, types)
        if found is not None:
            return found is target or found.address == target.address
        names = self._last.get((resource.address, attribute), ())
        return None if target.address in names else False

    def any_designates(
        self, items: Iterable[TfResource], attribute: str, types: Iterable[str],
        target: TfResource,
    ) -> bool | None:
        """Whether one of ``items`` designates ``target`` by ``attribute`` (a WAF association
        by ``resource_arn``): True when one does, None when one may (one of several
        candidates), else False."""
        wanted = tuple(types)
        said = [self.may_designate(item, attribute, wanted, target) for item in items]
        return True if True in said else (None if None in said else False)

    def naming(
        self, items: Iterable[TfResource], attribute: str, types: Iterable[str],
        target: TfResource,
    ) -> tuple[list[TfResource], list[TfResource]]:
        """The ``items`` whose ``attribute`` designates ``target``, and those that may (it is
        one of several candidates a value not known chooses): a reverse lookup reads the
        latter as neither ``target``'s nor another's."""
        wanted = tuple(types)
        certain: list[TfResource] = []
        maybe: list[TfResource] = []
        for item in items:
            said = self.may_designate(item, attribute, wanted, target)
            if said:
                certain.append(item)
            elif said is None:
                maybe.append(item)
        return certain, maybe

    def _designated(self, resource: TfResource, attribute: str) -> TfResource | None:
        """The resource of the input whose ``id`` / ``arn`` ``attribute`` is."""
        read = resource.designated.get(attribute)
        if not read:
            return None
        return self._resolve(resource, read)

    def _ambiguous(
        self, resource: TfResource, attribute: str, candidates: Sequence[TfResource]
    ) -> TfResource | None:
        """The pinned candidate, else None with the candidates kept in ``ambiguous`` (and
        ``BEYOND`` when a condition may name none of them)."""
        pinned = self.pins.get((resource.address, attribute))
        if pinned is not None and pinned in candidates:
            return self._seen(pinned)
        names = tuple(c.address for c in candidates)
        if may_be_beyond(resource, attribute):
            names += (BEYOND,)
        self.ambiguous.setdefault(resource.address, {})[attribute] = names
        self._last[(resource.address, attribute)] = names
        return None

    def target_of(
        self, resource: TfResource, attribute: str, types: Iterable[str]
    ) -> TfResource | None:
        """Like :meth:`referenced`, also through an attribute reference the index does not
        strip (``google_bigquery_dataset.d.dataset_id``, ``google_x.y.self_link``); None when
        those name several resources of ``types`` (kept in ``ambiguous``)."""
        wanted = tuple(types)
        found = self.referenced(resource, attribute, wanted)
        if (
            found is not None
            or self.is_ambiguous(resource, attribute)
            or resource.designated.get(attribute) == NOWHERE
        ):
            return found
        seen: list[TfResource] = []
        for ref in resource.references:
            if ref.attribute.split(".", 1)[0] != attribute:
                continue
            head = ref.target.rsplit(".", 1)[0]
            candidate = self.by_address.get(head) or self.by_address.get(
                f"{resource.module}.{head}"
            )
            if candidate is not None and candidate.type in wanted and candidate not in seen:
                seen.append(candidate)
        if len(seen) > 1:
            return self._ambiguous(resource, attribute, seen)
        return self._seen(seen[0]) if seen else None

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
        found: list[TfResource] = []
        for kind in wanted:
            for key in {"bucket", "name", "id", attribute}:
                for candidate in self._symbol_names(kind, key).get((resource.module, symbol), ()):
                    if candidate is not resource and candidate not in found:
                        found.append(candidate)
        return found[0] if len(found) == 1 else None

    def _symbol_names(self, kind: str, key: str) -> dict[tuple[str, str], list[TfResource]]:
        """The resources of ``kind`` by (module, the unknown value written as ``key``): built
        once per document and key, not walked again for every resource that asks."""
        memo_key = f"symbol_names:{kind}:{key}"
        index: dict[tuple[str, str], list[TfResource]] | None = self.memo.get(memo_key)
        if index is None:
            index = {}
            for candidate in self.by_type.get(kind, ()):
                symbol = candidate.symbols.get(key)
                if symbol is not None:
                    index.setdefault((candidate.module, symbol), []).append(candidate)
            self.memo[memo_key] = index
        return index

    def referenced_all(
        self, resource: TfResource, attribute: str, types: Iterable[str]
    ) -> list[TfResource]:
        """Every resource of ``types`` that ``attribute`` refers to by a Terraform reference
        (every instance of a counted resource named without a key)."""
        found = self.candidates(resource, attribute, types)
        return [seen for t in found if (seen := self._seen(t)) is not None]

    def listed(
        self, resource: TfResource, attribute: str, types: Iterable[str]
    ) -> tuple[list[TfResource], list[TfResource]]:
        """The resources of ``types`` a list ``attribute`` certainly holds, and those it may
        hold: every one its references name is certain when the list is written item by item
        (``[a.id, b.id]``); when the list as a whole is not known (``var.on ? [a.id] :
        [b.id]``), names more resources than it has items (``[var.on ? a.id : b.id]``) or an
        item may be a value beyond the configuration (``[coalesce(var.g, a.id)]``) each is
        only a candidate."""
        found = self.referenced_all(resource, attribute, types)
        value = resource.values.get(attribute)
        if (
            isinstance(value, list)
            and len(found) <= len(value)  # not ``[var.x ? a.id : b.id]``: one of two
            and not may_be_beyond(resource, attribute)
        ):
            return found, []
        return [], found

    def resolve(self, resource: TfResource, target: str) -> TfResource | None:
        """The resource of the input that a reference target of ``resource`` names (module
        prefix, ``count`` / ``for_each`` index); ``None`` when it is not in the input, or
        names every instance of a resource with several."""
        return self._resolve(resource, target)

    def _resolve(self, resource: TfResource, target: str) -> TfResource | None:
        found = self._resolve_all(resource, target)
        return found[0] if len(found) == 1 else None

    def _resolve_all(self, resource: TfResource, target: str) -> list[TfResource]:
        """The instances a reference target names: one, or each instance of a counted
        resource named without a key (``aws_s3_bucket.b`` in ``aws_s3_bucket.b[*].id``)."""
        target = target.removesuffix(".id").removesuffix(".arn").removesuffix(".name")
        target = _own_key(target, resource)
        prefix = f"{resource.module}." if resource.module else ""
        for candidate in (prefix + target, target):
            found = self.by_address.get(candidate)
            if found is not None:
                return [found]
            # ``aws_s3_bucket.b`` referring to a counted ``aws_s3_bucket.b[0]`` (the only
            # instance, or one of several: each may be the one)
            instances = self._instances().get(candidate)
            if instances:
                return list(instances)
            # ``aws_network_acl.a[0]`` referring to an ``aws_network_acl.a`` whose count is not
            # known (kept as one instance without an index): the same resource (was not
            # found, and an ``aws_network_acl_rule`` was judged apart from its ACL)
            unindexed = _LAST_INDEX.sub("", candidate)
            if unindexed != candidate:
                found = self.by_address.get(unindexed)
                if found is not None:
                    return [found]
        return []

    def _instances(self) -> dict[str, list[TfResource]]:
        """The instances of each counted resource of the root, by address without the key."""
        shared = self.document.whole_root
        cache = shared.cache if shared is not None else self.memo
        found: dict[str, list[TfResource]] | None = cache.get("context.instances")
        if found is None:
            found = {}
            for address, item in self.by_address.items():
                base = _LAST_INDEX.sub("", address)
                if base != address:
                    found.setdefault(base, []).append(item)
            cache["context.instances"] = found
        return found

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
            th=f"อาจมี{what.th}ในส่วนของการตั้งค่าที่ไม่ได้ตรวจ ({reason_th(shown)})",
        )

    def root_gaps(self) -> tuple[str, ...]:
        """The module calls of the document's root that were not expanded (``address
        (source): reason``, as ``graph.scope.Scope`` names them); empty when the whole root
        was read."""
        shared = self.document.whole_root
        calls = shared.unexpanded if shared is not None else self.document.unexpanded_modules
        shown = []
        for item in calls:
            if item.get("resourceless"):
                continue  # a module that declares no resource (``known_modules``)
            source = item.get("source")
            name = str(item.get("address") or "?") + (f" ({source})" if source else "")
            shown.append(f"{name}: {item.get('reason') or 'not available'}")
        return tuple(sorted(set(shown)))

    def related(self, types: Iterable[str]) -> list[TfResource]:
        """Every resource of one of ``types`` in the document's root module."""
        return [r for kind in types for r in self.by_type.get(kind, ())]


def may_be_beyond(resource: TfResource, attribute: str) -> bool:
    """Whether ``attribute`` of ``resource`` (an argument, or a block: ``access_logs``) may be
    set to a value that reads no resource of the configuration (``TfResource.beyond``)."""
    prefix = attribute + "."
    return any(path == attribute or path.startswith(prefix) for path in resource.beyond)


def may_be_unset(resource: TfResource, attribute: str) -> bool:
    """Whether ``attribute`` of ``resource`` (an argument, or a block) may be set to null or
    ``""`` by a value not known (``TfResource.unset``): left unset, whatever it refers to."""
    prefix = attribute + "."
    return any(path == attribute or path.startswith(prefix) for path in resource.unset)


def _own_key(target: str, resource: TfResource) -> str:
    """``target`` with a ``[count.index]`` / ``[each.key]`` key (as a plan's references
    write it) replaced by the referring instance's own key."""
    if target.endswith("[count.index]") and isinstance(resource.index, int):
        return target.removesuffix("[count.index]") + instance_suffix(resource.index)
    if target.endswith("[each.key]") and isinstance(resource.index, str):
        return target.removesuffix("[each.key]") + instance_suffix(resource.index)
    return target


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
