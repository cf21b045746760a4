"""Equal facets held once: resources whose facets are equal share one ``Facets`` object.

A ``Facets`` has about 75 fields, nearly all None, and its ``__dict__`` alone is ~1.6 KB: at
100,000 resources the facets were ~160 MB of the peak, while most resources of one kind and
configuration (every private subnet, every encrypted volume) have the same facts. Facets are
frozen, so a resource cannot tell a shared object from its own copy.

Only facets whose values are compared exactly are shared: every value is None, a bool, int,
float, str, date or enum member, or a tuple of those, and the key holds every value's type, so
``1``, ``1.0`` and ``True`` (equal in Python) never meet. Facets holding nested models
(ingress rules, routes, policy statements, a security category) are left as they are.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from gdcc_audit.models.resource import Facets, Resource

_SCALARS = frozenset({type(None), bool, int, float, str, dt.date, dt.datetime})
#: Scalars and tuples (a tuple's items are looked at when it has any).
_PLAIN = _SCALARS | {tuple}


def _scalar(value: Any) -> bool:
    return type(value) in _SCALARS or isinstance(value, Enum)


def _exact(values: tuple[Any, ...], types: tuple[type, ...]) -> bool:
    """Whether every value is a scalar or a tuple of scalars (see the module docstring)."""
    if _PLAIN.issuperset(types):  # the common case: None, bools, strings, tuples
        return all(all(map(_scalar, v)) for v in _filled_tuples(values, types))
    for value, kind in zip(values, types, strict=True):
        if kind in _SCALARS:
            continue
        if kind is tuple:
            if not all(map(_scalar, value)):
                return False
        elif not isinstance(value, Enum):
            return False
    return True


def _filled_tuples(values: tuple[Any, ...], types: tuple[type, ...]) -> list[tuple[Any, ...]]:
    """The values that are tuples with items (most facets hold only empty ones, if any)."""
    if types.count(tuple) == values.count(()):
        return []
    return [v for v in values if type(v) is tuple and v]


class FacetsPool:
    """Interns the facets of resources as they are made (one pool per audit)."""

    def __init__(self) -> None:
        self._pool: dict[tuple[Any, ...], Facets] = {}
        #: Facets objects already judged (see ``share(remember=True)``), by id: the object
        #: itself (kept alive, so its id stays its own) and the facets to hold instead.
        self._known: dict[int, tuple[Facets, Facets]] = {}

    def share(self, resource: Resource, *, remember: bool = False) -> Resource:
        """``resource`` holding the pooled facets equal to its own (the first ones seen are
        pooled). The resource is changed in place: it has just been made by a mapper, and the
        value it holds is equal, of the same types, and as frozen as before.

        With ``remember``, the facets object is remembered (and kept alive) with its answer,
        so resources that already share one object (resources unpickled together) are
        answered without building its key again."""
        facets = resource.facets
        if remember:
            known = self._known.get(id(facets))
            if known is not None:
                if known[1] is not facets:
                    resource.__dict__["facets"] = known[1]
                return resource
        pooled = self._pooled(facets)
        if remember:
            self._known[id(facets)] = (facets, pooled)
        if pooled is not facets:
            resource.__dict__["facets"] = pooled
        return resource

    def _pooled(self, facets: Facets) -> Facets:
        """The pooled facets equal to ``facets`` (``facets`` itself when first seen or not
        compared exactly)."""
        values = tuple(facets.__dict__.values())
        types: tuple[Any, ...] = tuple(map(type, values))
        if not _exact(values, types):
            return facets
        # The types of tuples' items too (1 and True are equal items as well).
        items = tuple(tuple(map(type, v)) for v in _filled_tuples(values, types))
        key = (type(facets), frozenset(facets.__pydantic_fields_set__), values, types, items)
        return self._pool.setdefault(key, facets)
