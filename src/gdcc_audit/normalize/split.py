"""Mapping many documents in several processes: the same items, in the same order.

At 100,000 resources mapping documents to canonical resources is about a quarter of a scan's
CPU, all of it in one process. From :data:`MIN_RESOURCES` resources on (counted in the loaded
documents), the documents are cut into contiguous shares of about equal resource counts: this
process maps the first while children forked by :func:`gdcc_audit.load.parallel.map_shares`
(which inherit the documents without copying them) map the others and send back what each
document gave (resources and errors, in order) and the document's ``meta`` as the mapper left
it. The caller then reads every document's items in document order, exactly as from one
process. A document heavier than a share (one 20 MB file is one document) is cut into parts
when its mapper can map it in parts (``Mapper.plan``; the Terraform mapper can): what the
parts share (the root's index and companions) is computed here before the fork, each part
maps a contiguous run of the document's resources, and ``Mapper.join`` puts the parts'
items together here in one process's order. A child that fails, or anything that keeps
children from starting (no ``fork``, other threads running, a daemonic process), makes this
process map that share itself; a part that fails makes this process map its whole document.

Mappers are pure functions of their document and context, except for what they record in
``Document.meta`` (sent back) and per-root caches (``RootResources.cache``, rebuilt where
needed: the same values). Resources come back pickled; the pickle keeps what one share's
resources share (their pooled facets, fields-sets, texts) shared.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from gdcc_audit.errors import InputError
from gdcc_audit.load.guard import guarded_items
from gdcc_audit.load.parallel import contiguous_shares
from gdcc_audit.normalize.share import FacetsPool

if TYPE_CHECKING:
    from gdcc_audit.load.interface import Document
    from gdcc_audit.models.resource import Resource
    from gdcc_audit.normalize.interface import MapContext, Mapper

#: Below this many resources (in the loaded documents) one process maps everything.
MIN_RESOURCES = 8_000
#: Resources per process below which another process is not worth starting.
PER_PROCESS = 4_000
#: This process's share is this many times each child's: a child also pickles the resources
#: it sends back (measured at 100,000 resources: a child's half cost ~1.25-1.3x this
#: process's half, in CPU seconds).
FIRST_SHARE = 1.25

#: One document to map: the document, its mapper and its context (None: no mapper).
Job = tuple["Document", "Mapper | None", "MapContext | None"]
#: What mapping one document gave: its resources and errors, in the mapper's order.
Items = list["Resource | InputError"]


def weight(document: Document) -> int:
    """About how many resources mapping ``document`` makes (1 when its data has no list of
    resources)."""
    found = getattr(document.data, "resources", None)
    return max(1, len(found)) if isinstance(found, list) else 1


def process_count(requested: int, resources: int) -> int:
    """Processes to map documents holding ``resources`` resources: 1 below
    :data:`MIN_RESOURCES`, else ``requested`` (0: the CPUs, at most 8), at most one per
    :data:`PER_PROCESS`."""
    from gdcc_audit.load.parallel import MAX_WORKERS, available_cpus, may_start_processes

    if resources < MIN_RESOURCES or not hasattr(os, "fork") or not may_start_processes():
        return 1
    wanted = requested or min(available_cpus(), MAX_WORKERS)
    return max(1, min(wanted, resources // PER_PROCESS))


def map_one(job: Job, pool: FacetsPool) -> Items:
    """The items of one document: resources (their ``origin`` set, their facets pooled) and
    errors; a mapper that raises ends its document's items with the error naming the file
    (see ``guarded_items``)."""
    document, mapper, context = job
    if mapper is None or context is None:
        return []
    doing = f"mapping it ({document.format})"
    items: Items = []
    for item in guarded_items(document.path, doing, partial(mapper.map, document, context)):
        if isinstance(item, InputError):
            items.append(item)
            continue
        made = item if item.origin is not None else item.model_copy(
            update={"origin": document.format}
        )
        items.append(pool.share(made))
    return items


def map_documents(jobs: Sequence[Job], requested: int, pool: FacetsPool) -> Iterator[Items]:
    """The items of each job's document, in order (see the module docstring), their facets
    pooled in ``pool``: lazily, one document at a time, when one process maps them all."""
    weights = [weight(document) for document, mapper, _ in jobs if mapper is not None]
    processes = process_count(requested, sum(weights))
    if processes <= 1:
        return (map_one(job, pool) for job in jobs)
    return iter(_map_split(jobs, processes, pool))


class _Part(Protocol):
    """What a mapper's ``map_part`` gives: at least the items it made, in order."""

    items: list[Resource | InputError]


#: One piece of work: a job's index and, for a document mapped in parts, the positions of
#: the resources of this part in its data (None: the whole document).
_Piece = tuple[int, "range | None"]
#: What a share gives: whether it was mapped in a child, and per piece what it gave: a whole
#: document's items and (from a child) the ``meta`` its mapper left, or a part (None: the
#: part failed).
_Share = tuple[bool, list[tuple["Items | _Part | None", dict[str, Any] | None]]]


def _pieces(jobs: Sequence[Job], processes: int) -> tuple[list[_Piece], list[int], dict[int, Any]]:
    """The pieces to share out, their weights, and the plans of the documents cut in parts.

    A document heavier than a share (one file holding most resources) is cut into about
    ``processes`` times its share of the weight, when its mapper can map it in parts."""
    weights = [weight(document) for document, _, _ in jobs]
    total = sum(weights)
    pieces: list[_Piece] = []
    piece_weights: list[int] = []
    plans: dict[int, Any] = {}
    for index, ((document, mapper, context), heavy) in enumerate(zip(jobs, weights, strict=True)):
        count = min(processes, -(-heavy * processes // total))
        plan = None
        if count >= 2 and mapper is not None and context is not None:
            try:
                plan = mapper.plan(document, context)
            except Exception:  # mapped whole, as one process does (its error said there)
                plan = None
        if plan is None:
            pieces.append((index, None))
            piece_weights.append(heavy)
            continue
        plans[index] = plan
        for part in contiguous_shares([1] * heavy, count, FIRST_SHARE):
            pieces.append((index, part))
            piece_weights.append(len(part))
    return pieces, piece_weights, plans


def _finisher(document: Document, pool: FacetsPool) -> Callable[[Resource], Resource]:
    """What ``map_one`` does to each resource made: its ``origin`` set, its facets pooled."""

    def finish(item: Resource) -> Resource:
        made = item if item.origin is not None else item.model_copy(
            update={"origin": document.format}
        )
        return pool.share(made)

    return finish


def _map_split(jobs: Sequence[Job], processes: int, pool: FacetsPool) -> list[Items]:
    from gdcc_audit.load.parallel import map_shares

    pieces, piece_weights, plans = _pieces(jobs, processes)
    shares = contiguous_shares(piece_weights, processes, FIRST_SHARE)
    here = os.getpid()

    def run(share: range) -> _Share:
        child = os.getpid() != here  # else this process's own share (or a failed child's)
        made: list[tuple[Items | _Part | None, dict[str, Any] | None]] = []
        for position in share:
            index, part = pieces[position]
            document, mapper, _ = jobs[index]
            if part is None:
                # In a child: resources with equal facets then hold one object, pickled once.
                made.append((map_one(jobs[index], pool), document.meta if child else None))
                continue
            assert mapper is not None
            try:
                got: _Part | None = mapper.map_part(plans[index], part, _finisher(document, pool))
            except Exception:  # the document is mapped whole here
                got = None
            made.append((got, None))
        return child, made

    whole: dict[int, Items] = {}
    parts: dict[int, list[_Part | None]] = {}
    for share, (child, made) in zip(shares, map_shares(run, shares), strict=True):
        for position, (got, meta) in zip(share, made, strict=True):
            index, part = pieces[position]
            if part is None:
                assert isinstance(got, list)
                items = whole[index] = got
            else:
                assert not isinstance(got, list)
                parts.setdefault(index, []).append(got)
                items = got.items if got is not None else []
            if child:
                if meta is not None:
                    jobs[index][0].meta.update(meta)
                for item in items:
                    if not isinstance(item, InputError):
                        # Pooled here too: resources unpickled together share their facets
                        # objects, each judged once.
                        pool.share(item, remember=True)
    return [
        whole[index] if index in whole else _joined(job, plans[index], parts[index], pool)
        for index, job in enumerate(jobs)
    ]


def _joined(job: Job, plan: Any, parts: list[_Part | None], pool: FacetsPool) -> Items:
    """A document's items from its parts (all of them here), or mapped whole here when a
    part failed."""
    mapper = job[1]
    assert mapper is not None
    done = [part for part in parts if part is not None]
    if len(done) == len(parts):
        try:
            return list(mapper.join(plan, done))
        except Exception:  # mapped whole here, as one process does
            pass
    return map_one(job, pool)
