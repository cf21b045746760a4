"""What every type mapper returns, and the small helpers they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet

#: Retention that never ends (no expiry configured), as a number of days rules can compare.
FOREVER_DAYS = 36_500


@dataclass
class Mapped:
    """A provider resource seen as a canonical kind with the facets its properties give."""

    kind: str
    facets: dict[str, Any] = field(default_factory=dict)
    #: Facets a documented default decided that the defaults table cannot see (it depends on
    #: other properties, or on another resource), and why a facet stays unknown.
    defaults: dict[str, DefaultedFacet] = field(default_factory=dict)
    unknown: dict[str, Text] = field(default_factory=dict)
    #: Facets another resource of the template decided by a value it writes (an elastic IP,
    #: a subnet's ``MapPublicIpOnLaunch: true``): no "provider default" label for them, even
    #: when the property the defaults table watches is absent.
    written: set[str] = field(default_factory=set)
    #: Facets this resource does not have as mapped here (a grant judged alone, for its
    #: target outside the template), with the reason; added to those of its type.
    absent: dict[str, Text] = field(default_factory=dict)
    #: Facets decided by something other than the resource's own property (a policy of the
    #: template that matches it), and how: ``Resource.decided_by``.
    because: dict[str, Text] = field(default_factory=dict)
    #: Listing facets known in part: the items not known (``Resource.undetermined``).
    undetermined: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Facets the defaults table must not fill although the property it watches is absent:
    #: something outside the template decides them (a launch template not in it).
    no_default: set[str] = field(default_factory=set)


#: A type mapper reads the *resolved* properties of one resource.
TypeMapper = Callable[[dict[str, Any]], Mapped | None]


def kind_only(kind: str, **facets: Any) -> TypeMapper:
    """A mapper for types whose facets do not depend on their properties."""

    def mapper(props: dict[str, Any]) -> Mapped:
        return Mapped(kind, dict(facets))

    return mapper


def default(value: Any, when_absent: Any, convert: Callable[[Any], Any]) -> Any:
    """``convert(value)``, or ``when_absent`` if the property is not written at all."""
    return when_absent if value is None else convert(value)
