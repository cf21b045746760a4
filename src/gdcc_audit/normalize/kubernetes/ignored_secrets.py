"""Secrets written in a value that the reading of a duplicate key ignores.

A manifest that writes a key twice is judged with the last value, as ``kubectl apply -f`` and
Helm deploy it (:mod:`gdcc_audit.load.ignored_values`). The first value is in the file all the
same: a password written there is exposed to everyone who reads the repository, whichever value
kubectl keeps. Each resource gets the secrets its shadow (the document with that value put
back) holds and it does not, each pointing at the ignored value's line (``value set at
FILE:LINE``, the line a user changes); nothing else of the shadow is judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from gdcc_audit.errors import InputError
from gdcc_audit.models.resource import SECRET_HOLDER, Resource
from gdcc_audit.models.value_origin import join_places
from gdcc_audit.normalize.defaults import SECRET_ORIGIN


def _match(resource: Resource, found: Sequence[Resource]) -> Resource | None:
    """The shadow's resource for ``resource``: the same id, else the same kind at the same
    place of the document (a duplicate ``metadata`` names another object)."""
    for other in found:
        if other.id == resource.id:
            return other
    for other in found:
        if (other.kind, other.location.pointer) == (resource.kind, resource.location.pointer):
            return other
    return None


def with_ignored_secrets(
    resources: Sequence[Resource], shadows: Sequence[tuple[str, Sequence[Resource]]]
) -> list[Resource]:
    """``resources`` with the secrets of their shadows (``(file:line of the ignored value,
    the shadow's resources)``) added to ``hardcoded_secrets``, each with its origin; and a
    shadow's secret holder that none of them is (a values file whose only secret is in the
    ignored value: the holder exists only when there is a secret), its secrets all set at
    the ignored value's line."""
    return _merged(resources, shadows) + _holders_only_in(resources, shadows)


def merge_ignored_secrets(
    found: Sequence[Resource | InputError], shadows: Sequence[tuple[str, Sequence[Resource]]]
) -> Iterator[Resource | InputError]:
    """What a mapper found (resources and errors, in order), its resources given their
    shadows' secrets (:func:`with_ignored_secrets`), then the secret holders only the
    ignored values make: the Kubernetes, Heat and CloudFormation mappers' last step."""
    resources = with_ignored_secrets([r for r in found if isinstance(r, Resource)], shadows)
    merged = iter(resources)
    for item in found:
        yield next(merged) if isinstance(item, Resource) else item
    yield from merged  # secret holders only the ignored values make


def _holders_only_in(
    resources: Sequence[Resource], shadows: Sequence[tuple[str, Sequence[Resource]]]
) -> list[Resource]:
    out: list[Resource] = []
    seen = {r.id for r in resources}
    for where, found in shadows:
        for other in found:
            paths = other.facets.hardcoded_secrets
            if other.kind != SECRET_HOLDER or other.id in seen or not paths:
                continue
            seen.add(other.id)
            origins = {SECRET_ORIGIN + path: where for path in paths}
            out.append(other.model_copy(update={"value_origins": origins}))
    return out


def _merged(
    resources: Iterable[Resource], shadows: Sequence[tuple[str, Sequence[Resource]]]
) -> list[Resource]:
    out: list[Resource] = []
    for resource in resources:
        written = resource.facets.hardcoded_secrets
        places: dict[str, list[str]] = {}
        for where, found in shadows:
            other = _match(resource, found)
            for path in (other.facets.hardcoded_secrets or ()) if other is not None else ():
                if path not in (written or ()):
                    # each ignored value that holds it (a Heat parameter's first default and
                    # the property's own first value): every line a user changes
                    places.setdefault(path, []).append(where)
        added = {path: join_places(found) for path, found in places.items()}
        if not added:
            out.append(resource)
            continue
        facets = resource.facets.model_copy(
            update={"hardcoded_secrets": (*(written or ()), *added)}
        )
        origins = {
            **resource.value_origins,
            **{SECRET_ORIGIN + path: where for path, where in added.items()},
        }
        out.append(resource.model_copy(update={"facets": facets, "value_origins": origins}))
    return out
