"""A Helm chart's values file, read for secrets only.

A chart's templates make its objects and are set aside until rendered (``helm template``);
its values are what they are rendered with. A literal password, token or key written there
(``auth.rootPassword: s3cret``, ``adminPassword``, a PEM key) is what the chart deploys unless
the user overrides it: a secret written in the repository (GDCC-SECRET-001), found at its
file and line. Nothing else is judged from values (how a template uses a value is not known
without rendering). Names that say where a secret is kept (``existingSecret: my-db``,
``passwordKey: admin-password``) are not secrets
(:func:`gdcc_audit.secrets.detect.names_reference`), nor values the chart's templates give
as a Secret's name or key (:mod:`gdcc_audit.load.helm_secret_names`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.kubernetes import HELM_SECRET_NAMES
from gdcc_audit.load.yamltree import escape
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.cloudformation.values import detect_secrets, location
from gdcc_audit.normalize.defaults import SECRET_ORIGIN
from gdcc_audit.normalize.interface import MapContext, secret_holder
from gdcc_audit.normalize.unread import note_unmapped

#: The provider type a values file is listed under (as read, judged by no rule of its own).
VALUES_TYPE = "HelmValues"


def pointer_of(data: Any, path: str) -> str | None:
    """The JSON pointer of the dotted ``path`` (as ``detect_secrets`` writes it) in ``data``;
    a key may hold dots itself (``tls.key``), so keys are matched whole, longest first."""
    if path == "":
        return ""
    if isinstance(data, Mapping):
        for key in sorted((str(k) for k in data), key=len, reverse=True):
            if path == key or path.startswith(key + "."):
                inner = pointer_of(data[key], path[len(key) + 1:])
                if inner is not None:
                    return "/" + escape(key) + inner
        return None
    if isinstance(data, list):
        head, _, rest = path.partition(".")
        if head.isdigit() and int(head) < len(data):
            inner = pointer_of(data[int(head)], rest)
            return None if inner is None else f"/{head}{inner}"
    return None


def values_holders(document: Document, context: MapContext) -> Iterator[Resource]:
    """One secret holder for a values document with a secret written in it (each path's
    ``file:line`` as where its value is set); none when it holds no secret."""
    note_unmapped(document.meta, (VALUES_TYPE,))
    # a value the chart's templates give as a Secret's name or key names it (tempo's
    # ``tokengenJob.adminTokenSecret: admin-token`` rendered as ``secretName``)
    named = frozenset(document.meta.get(HELM_SECRET_NAMES) or ())
    found = tuple(path for path in detect_secrets(document.data) if path not in named)
    if not found:
        return
    scope = context.file_scope(document.path)
    index = document.meta.get("index") or 0
    name = f"{VALUES_TYPE}/{scope}" + (f"#{index + 1}" if index else "")
    origins, first = _secret_lines(document, scope, document.data, found)
    yield secret_holder(
        context,
        f"{scope}:{name}",
        found,
        name=name,
        provider="helm",
        provider_type=VALUES_TYPE,
        address=name,
        value_origins=origins,
        attributes={"file": os.path.basename(document.path)},
        location=location(document, first or ""),
    )


def _secret_lines(
    document: Document, scope: str, values: Any, found: tuple[str, ...], base: str = ""
) -> tuple[dict[str, str], str | None]:
    """Where each secret of ``found`` (paths in ``values``, which stand at ``base`` in the
    document) is written, as ``file:line`` value origins, and the pointer of the first."""
    origins: dict[str, str] = {}
    first: str | None = None
    for path in found:
        inner = pointer_of(values, path)
        if inner is None:
            continue
        line = location(document, base + inner).start_line
        if line is not None:
            origins[SECRET_ORIGIN + path] = f"{scope}:{line}"
            first = base + inner if first is None else first
    return origins, first


def kustomize_chart_holders(document: Document, context: MapContext) -> Iterator[Resource]:
    """One secret holder for each chart of a kustomization's ``helmCharts`` whose
    ``valuesInline`` has a secret written in it (kustomize renders the chart with those
    values: kubectl kustomize, "helmCharts"), named ``HelmChart/<file>#<chart>``; a literal
    password there had no finding (a kustomization was read for its generators only)."""
    charts = document.data.get("helmCharts") if isinstance(document.data, Mapping) else None
    scope = context.file_scope(document.path)
    for index, chart in enumerate(charts if isinstance(charts, list) else []):
        values = chart.get("valuesInline") if isinstance(chart, Mapping) else None
        if not isinstance(values, Mapping):
            continue
        found = detect_secrets(values)
        if not found:
            continue
        label = chart.get("releaseName") or chart.get("name") or str(index)
        name = f"HelmChart/{scope}#{label}"
        base = f"/helmCharts/{index}/valuesInline"
        origins, first = _secret_lines(document, scope, values, found, base)
        yield secret_holder(
            context,
            f"{scope}:{name}",
            found,
            name=name,
            provider="helm",
            provider_type=VALUES_TYPE,
            address=name,
            value_origins=origins,
            attributes={"file": os.path.basename(document.path)},
            location=location(document, first or f"/helmCharts/{index}"),
        )
