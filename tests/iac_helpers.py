"""Load and map fixture templates the way the audit pipeline does, without running rules.

Shared by the CloudFormation, Heat and Kubernetes tests. ``tests/`` is on ``sys.path`` because
pytest's default (prepend) import mode puts the folder of ``tests/conftest.py`` there, so test
modules import this one by bare name: ``from iac_helpers import FIXTURES, run``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit import api
from gdcc_audit.errors import InputError
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.load.discover import Discovery, discover
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.resource import Resource
from gdcc_audit.models.result import AuditResult
from gdcc_audit.normalize.interface import MapContext
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(*paths: Path) -> tuple[dict[str, Resource], list[InputError], Discovery]:
    """Resources by address (logical id; ``namespace/Kind/name`` for Kubernetes), input
    errors, and the discovery of ``paths``."""
    settings = Settings()
    registry = collect(make_plugin_manager(entry_points=False), settings)
    found = discover(list(paths), registry.loaders, settings)
    loaders = {loader.name: loader for loader in registry.loaders}
    resources: dict[str, Resource] = {}
    errors: list[InputError] = list(found.errors)
    for name, claims in found.claims.items():
        for document in loaders[name].load(claims, settings):
            if isinstance(document, InputError):
                errors.append(document)
                continue
            for item in registry.mappers[document.format].map(document, MapContext(settings)):
                if isinstance(item, InputError):
                    errors.append(item)
                else:
                    key = item.name if item.provider == "kubernetes" else item.address
                    resources[key or item.id] = item
    return resources, errors, found


def audit_keeping_graph(
    path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> tuple[AuditResult, ResourceGraph]:
    """Audit ``path`` and keep the resource graph the audit built."""
    built: list[ResourceGraph] = []

    class Keeping(ResourceGraph):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(api, "ResourceGraph", Keeping)
    result = api.audit([path], settings)
    return result, built[-1]


def id_of(graph: ResourceGraph, address: str) -> str:
    """The canonical id of the resource at a native address."""
    return next(r.id for r in graph.resources() if r.address == address)


#: A Service with an HTTP and an SSH port and the Deployment it selects: the pod the
#: Kubernetes route tests publish through an ingress controller's objects.
WEB_WORKLOAD = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: 8080}
    - {name: ssh, port: 22, targetPort: 22}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: shop/web:1.0
          ports: [{containerPort: 8080}, {containerPort: 22}]
"""


def graph002_finding(
    tmp_path: Path, text: str, address: str = "Deployment/shop/web"
) -> Finding:
    """GDCC-GRAPH-002's finding on ``address`` after scanning ``text`` as one manifest file."""
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = api.audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return next(f for f in result.findings if f.address == address)
