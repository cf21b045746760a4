"""Amazon ECS task definitions: their containers judged as a pod's (see normalize.containers)."""

from __future__ import annotations

import json
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.containers import task_facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import blocks


def _known(value: Any) -> bool:
    """A value the input gives: not UNKNOWN, and no text with an unknown part written in."""
    return value is not UNKNOWN and not (isinstance(value, str) and UNKNOWN_TEXT in value)


def container_definitions(r: TfResource) -> Any:
    """The containers of ``container_definitions`` (a JSON text; when it holds values that
    cannot be known, its rendering with those values marked unknown), else UNKNOWN."""
    value = r.values.get("container_definitions")
    if value is UNKNOWN:
        value = r.partial.get("container_definitions", UNKNOWN)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return UNKNOWN
    return value if isinstance(value, list) else UNKNOWN


def ecs_task_definition(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_ecs_task_definition``: privileged or root containers, read-only root file
    systems, capabilities, host namespaces (``network_mode`` / ``pid_mode`` / ``ipc_mode``),
    host paths bound by ``volume`` blocks and images by mutable tag, with the ECS API's
    defaults."""
    v = r.values
    modes = {"networkMode": v.get("network_mode"), "pidMode": v.get("pid_mode"),
             "ipcMode": v.get("ipc_mode")}  # fmt: skip
    volumes = blocks(v, "volume")  # None: dynamic blocks the input cannot expand
    host_paths = None if volumes is None else [
        b["host_path"] for b in volumes if b.get("host_path") is not None
    ]
    facets, defaults = task_facets(container_definitions(r), modes, host_paths, _known)
    for name, default in defaults.items():
        ctx.note(r, name, facets[name], default=default)
    return "container.task", Facets(**facets)


MAPPINGS: dict[str, MapFn] = {"aws_ecs_task_definition": ecs_task_definition}
