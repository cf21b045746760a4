"""Container facts of an Amazon ECS task definition, in the terms of a Kubernetes pod.

A task definition runs containers as a pod does, so the same container rules judge it:
privileged, root user, read-only root file system, capabilities, host namespaces, images by
mutable tag. Terraform (``container_definitions``, a JSON text) and CloudFormation
(``ContainerDefinitions``) give the containers in the ECS API's shape; CloudFormation's keys
are that shape with a capital first letter, so both are read through :func:`camel`.

Defaults are the ECS API's (Amazon ECS Developer Guide, "Task definition parameters",
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html):
``privileged`` and ``readonlyRootFilesystem`` are false when not written; ``user`` not
written runs the container as the user its image names, root unless the image says otherwise
(the Docker default), and nothing checks it: the container counts as running as root by
that default, as a Kubernetes container without ``runAsNonRoot`` does. Capabilities not
dropped are Docker's default set. ``networkMode`` / ``pidMode`` / ``ipcMode`` ``host`` share
the host's network, process and IPC namespaces.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.container_checks import (
    at_fault,
    dangerous_capability,
    mutable_image,
)

TASK_DOC = (
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html"
)
#: ``user`` values (before any ``:group``) that name the root user.
ROOT_USERS = frozenset({"root", "0"})
#: Task-level mode -> the Kubernetes name of the host namespace it shares when ``host``.
HOST_MODES = {"ipcMode": "hostIPC", "networkMode": "hostNetwork", "pidMode": "hostPID"}

Known = Callable[[Any], bool]


def camel(value: Any) -> Any:
    """CloudFormation's container definitions in the ECS API's shape (``ReadonlyRootFilesystem``
    -> ``readonlyRootFilesystem``), keys only, at every depth."""
    if isinstance(value, Mapping):
        return {
            (k[:1].lower() + k[1:] if isinstance(k, str) else k): camel(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [camel(item) for item in value]
    return value


def _flag(container: Mapping[str, Any], key: str, known: Known) -> bool | None:
    """A boolean parameter: False when not written (the ECS default), None when unknown."""
    value = container.get(key)
    if value is None:
        return False
    return value if isinstance(value, bool) and known(value) else None


def _runs_as_root(container: Mapping[str, Any], known: Known) -> bool | str | None:
    """True for a root ``user``, False for another, ``"default"`` when not written (the
    image's user, root unless the image names another), None when not known."""
    user = container.get("user")
    if user is None:
        return "default"
    if not known(user) or not isinstance(user, str | int) or isinstance(user, bool):
        return None
    return str(user).split(":", 1)[0].strip() in ROOT_USERS


def _capabilities(
    container: Mapping[str, Any], known: Known
) -> tuple[list[str] | None, list[str] | None]:
    """The capabilities a container adds and drops; None for a list the input does not give
    (a linuxParameters or capabilities value not known, an unknown item)."""
    linux = container.get("linuxParameters")
    if linux is not None and not isinstance(linux, Mapping):
        return None, None
    caps = linux.get("capabilities") if isinstance(linux, Mapping) else None
    if caps is not None and not isinstance(caps, Mapping):
        return None, None
    if caps is None:
        return [], []

    def names(key: str) -> list[str] | None:
        items = caps.get(key)
        if items is None:
            return []
        if not isinstance(items, list) or not all(known(c) for c in items):
            return None
        return [str(c).upper().removeprefix("CAP_") for c in items]

    return names("add"), names("drop")


def _any(values: Sequence[bool | None]) -> bool | None:
    """True when one is true, else None when one is unknown, else False."""
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _all(values: Sequence[bool | None]) -> bool | None:
    """False when one is false, else None when one is unknown, else True."""
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def task_facets(
    definitions: Any, modes: Mapping[str, Any], host_paths: Sequence[Any] | None, known: Known
) -> tuple[dict[str, Any], dict[str, DefaultedFacet], dict[str, tuple[str, ...]]]:
    """The workload facets of a task whose containers are ``definitions`` (ECS API shape; not a
    list: the containers are not known, so neither is any container fact), whose task-level
    ``modes`` (``networkMode``, ``pidMode``, ``ipcMode``) are given and whose volumes bind
    ``host_paths`` of the host (a path not known still binds one; None: the volumes are not
    known); with the facets a default decided, and the listings known in part
    (``Resource.undetermined``: a dangerous capability found while another container's added
    capabilities are not known)."""
    shared: list[str] = []
    modes_known = True
    for mode, namespace in HOST_MODES.items():
        value = modes.get(mode)
        if value is not None and not known(value):
            modes_known = False
        elif value == "host":
            shared.append(namespace)
    facets: dict[str, Any] = {
        "host_namespace": bool(shared) if modes_known or shared else None,
        "host_namespaces": tuple(sorted(shared)) if modes_known else None,
        "host_path_mounts": None if host_paths is None else tuple(
            str(path) if known(path) else "(not known)" for path in host_paths
        ),
    }
    containers = [c for c in definitions if isinstance(c, Mapping)] if isinstance(
        definitions, list
    ) else None
    if not containers:
        return facets, {}, {}
    privileged: list[bool | None] = []
    root: list[bool | str | None] = []
    read_only: list[bool | None] = []
    drops_all: list[bool | None] = []
    unknown_added = False
    dangerous: list[str] = []
    mutable: list[str] = []
    unknown_image = False
    names: list[str] = []
    for index, container in enumerate(containers):
        name = container.get("name")
        named = isinstance(name, str) and known(name)
        names.append(str(name) if named else f"containerDefinitions.{index}")
        is_privileged = _flag(container, "privileged", known)
        as_root = _runs_as_root(container, known)
        is_read_only = _flag(container, "readonlyRootFilesystem", known)
        added, dropped = _capabilities(container, known)
        privileged.append(is_privileged)
        root.append(as_root)
        read_only.append(is_read_only)
        drops_all.append(None if dropped is None else "ALL" in dropped)
        if added is None:
            unknown_added = True
        else:
            dangerous.extend(c for c in added if dangerous_capability(c))
        image = container.get("image")
        if not known(image):
            unknown_image = True
        elif mutable_image(image):
            mutable.append(str(image or "<no image>"))
    written_root = any(r is True for r in root)
    by_default = any(r == "default" for r in root)
    facets.update(
        privileged_container=_any(privileged),
        run_as_root=True if written_root or by_default else None if None in root else False,
        read_only_root_fs=_all(read_only),
        drops_all_capabilities=_all(drops_all),
        # A list of added capabilities the input does not give may hold a dangerous one.
        dangerous_capabilities=tuple(sorted(set(dangerous)))
        if dangerous or not unknown_added else None,
        # An image the input does not give may be pulled by a mutable tag: not a pass.
        mutable_images=tuple(mutable) if mutable or not unknown_image else None,
        containers_at_fault=at_fault(
            names,
            {
                "privileged_container": [p is True for p in privileged],
                "run_as_root": [r is True or r == "default" for r in root],
                "read_only_root_fs": [r is False for r in read_only],
                "drops_all_capabilities": [d is False for d in drops_all],
            },
        ),
    )
    defaults: dict[str, DefaultedFacet] = {}
    if by_default and not written_root:
        defaults["run_as_root"] = DefaultedFacet(attribute="user", doc=TASK_DOC)
    # a listing with a container not known may miss items: any item ("*") is not known
    partial = {"dangerous_capabilities": dangerous and unknown_added,
               "mutable_images": mutable and unknown_image}  # fmt: skip
    return facets, defaults, {name: ("*",) for name, part in partial.items() if part}
