"""Kubernetes objects written with the Terraform ``kubernetes`` provider (``kubernetes_pod``,
``kubernetes_deployment_v1``, ``kubernetes_role``, ``kubernetes_cluster_role_binding``...), judged
like the same
objects in YAML: the HCL blocks are rewritten into the Kubernetes object they create
(``security_context`` → ``securityContext``, ``container`` blocks → ``containers``) and read
by the Kubernetes mapper's own facet functions.

A value that cannot be known (``image = var.image``) must not decide a facet: the facets are
computed three times, with such values read as a placeholder text, as true and as false, and a
facet that differs between the three is left unknown.
https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.resource import Facets, Reference
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext

#: Terraform block name -> Kubernetes list field.
_LISTS = {
    "container": "containers",
    "init_container": "initContainers",
    "ephemeral_container": "ephemeralContainers",
    "volume": "volumes",
    "volume_mount": "volumeMounts",
    "port": "ports",
    "env": "env",
    "env_from": "envFrom",
    "subject": "subjects",
    "toleration": "tolerations",
    "host_aliases": "hostAliases",
    "image_pull_secrets": "imagePullSecrets",
    "rule": "rules",
}

#: Attributes whose value is a map of user keys (never renamed).
_MAPS = frozenset({"labels", "annotations", "limits", "requests", "node_selector", "data"})


#: Kubernetes fields whose name is not the camel case of the provider's (an acronym).
_RENAMED = {"host_pid": "hostPID", "host_ipc": "hostIPC", "host_ip": "hostIP"}


#: Integer fields the provider declares as strings holding an integer, "" for not set
#: (``run_as_user = "1000"``; pod and container ``security_context``, provider source
#: ``kubernetes/schema_pod_spec.go`` / ``schema_container.go``: TypeString with
#: ``validateTypeStringNullableInt``). Read as the Kubernetes integer they stand for.
_NULLABLE_INTS = frozenset({"run_as_user", "run_as_group", "fs_group"})


def _nullable_int(value: Any) -> Any:
    """``"1000"`` -> 1000, ``""`` -> None; anything else as it is."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.lstrip("-").isdigit():
            return int(text)
    return value


def _camel(name: str) -> str:
    if name in _RENAMED:
        return _RENAMED[name]
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def to_object(values: Any) -> Any:
    """Terraform values of a kubernetes-provider block as the Kubernetes object fields."""
    if not isinstance(values, dict):
        return values
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in _LISTS:
            items = value if isinstance(value, list) else [value]
            out[_LISTS[key]] = [to_object(item) for item in items]
        elif key in _NULLABLE_INTS:
            out[_camel(key)] = _nullable_int(value)
        elif key in _MAPS:
            # ``limits = { cpu = "1" }`` (provider 2.x, a map) or ``limits { cpu = "1" }``
            # (1.x, a block: a list of one object): the same map.
            blocks = isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict)
            out[_camel(key)] = value[0] if blocks else value
        elif not isinstance(value, list | dict):
            out[_camel(key)] = value
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out[_camel(key)] = to_object(value[0])  # a nested block written once
        elif isinstance(value, dict):
            out[_camel(key)] = to_object(value)
        else:
            out[_camel(key)] = value
    return out


def _filled(value: Any, stand_in: Any) -> Any:
    if value is UNKNOWN:
        return stand_in
    if isinstance(value, list):
        return [_filled(item, stand_in) for item in value]
    if isinstance(value, dict):
        return {key: _filled(item, stand_in) for key, item in value.items()}
    return value


def _stable_facets(obj: dict[str, Any]) -> dict[str, Any]:
    """Facets that come out the same whatever the unknown values are."""
    from gdcc_audit.normalize.kubernetes.mapper import facets_of  # lazy: a sibling mapper

    runs: list[dict[str, Any]] = []
    for stand_in in (UNKNOWN_TEXT, True, False):
        try:
            runs.append(facets_of(_filled(obj, stand_in)))
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            return {}
    first = runs[0]
    return {
        name: value
        for name, value in first.items()
        if all(run.get(name) == value for run in runs[1:])
        and UNKNOWN_TEXT not in repr(value)
    }


#: Attributes that name another object: a pod's service account, a binding's role and subjects.
_NAMING = re.compile(r"(?:^|\.)(?:service_account_name|(?:subject|role_ref)\.\d+\.name)$")


def _named_by_reference(r: TfResource, ctx: TfContext) -> Any:
    """``r.values`` with each name that refers to another kubernetes-provider object
    (``service_account_name = kubernetes_service_account_v1.app.metadata[0].name``, not known
    before apply) replaced by that object's literal ``metadata`` name when the scan has it."""
    values: Any = None
    for ref in r.references:
        if _NAMING.search(ref.attribute) is None:
            continue
        target = ctx.by_address.get(ref.target)
        metadata = object_metadata(target) if target is not None else None
        if metadata is None:
            continue
        steps = ref.attribute.split(".")
        if values is None:
            values = copy.deepcopy(r.values)
        holder: Any = values
        for step in steps[:-1]:
            if isinstance(holder, list) and step.isdigit() and int(step) < len(holder):
                holder = holder[int(step)]
            elif isinstance(holder, dict):
                holder = holder.get(step)
            else:
                holder = None
                break
        if isinstance(holder, dict) and holder.get(steps[-1]) is UNKNOWN:
            holder[steps[-1]] = metadata["name"]
    return r.values if values is None else values


def _object(kind: str, namespaced: bool = True) -> MapFn:
    canonical = (
        "k8s.role_binding"
        if kind.endswith("RoleBinding")
        else "k8s.role"
        if kind.endswith("Role")
        else "identity.role"
        if kind == "ServiceAccount"
        else "k8s.workload"
    )

    def mapping(r: TfResource, ctx: TfContext) -> Mapped:
        obj = to_object(_named_by_reference(r, ctx))
        obj = {"apiVersion": "v1", "kind": kind, **(obj if isinstance(obj, dict) else {})}
        if namespaced and isinstance(obj.get("metadata"), dict):
            obj["metadata"].setdefault("namespace", "default")
        facets = {k: v for k, v in _stable_facets(obj).items() if k in Facets.model_fields}
        return canonical, Facets(**facets)

    return mapping


def _manifest(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``kubernetes_manifest``: the object written in ``manifest`` (Kubernetes field names as
    in YAML), judged as a manifest of that kind is; None (counted as not judged) for a kind
    gdcc-audit does not judge or a ``manifest`` / ``kind`` that cannot be known.
    https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/manifest
    """
    from gdcc_audit.normalize.kubernetes.mapper import (  # lazy: a sibling mapper
        CLUSTER_SCOPED,
        canonical_kind,
    )

    written = r.values.get("manifest")
    if not isinstance(written, dict):
        return None
    from gdcc_audit.load.kubernetes import kind_of

    kind = kind_of(written)
    canonical = canonical_kind(written)
    if canonical is None:
        return None
    obj = dict(written)
    metadata = obj.get("metadata")
    if isinstance(metadata, dict) and kind not in CLUSTER_SCOPED:
        obj["metadata"] = {"namespace": "default", **metadata}
    facets = {k: v for k, v in _stable_facets(obj).items() if k in Facets.model_fields}
    return canonical, Facets(**facets)


#: Types whose mapping gives None for an object it does not judge: counted as not judged.
NOT_JUDGED_WHEN_NONE = frozenset({"kubernetes_manifest"})

_TYPES: dict[str, Callable[[], MapFn]] = {
    "pod": lambda: _object("Pod"),
    "deployment": lambda: _object("Deployment"),
    "daemonset": lambda: _object("DaemonSet"),
    "daemon_set": lambda: _object("DaemonSet"),
    "stateful_set": lambda: _object("StatefulSet"),
    "replication_controller": lambda: _object("ReplicationController"),
    "job": lambda: _object("Job"),
    "cron_job": lambda: _object("CronJob"),
    "role": lambda: _object("Role"),
    "cluster_role": lambda: _object("ClusterRole", namespaced=False),
    "role_binding": lambda: _object("RoleBinding"),
    "cluster_role_binding": lambda: _object("ClusterRoleBinding", namespaced=False),
    # automount_service_account_token: the provider's default is true (schema Default: true,
    # registry docs "kubernetes_service_account_v1"), as the Kubernetes API's.
    "service_account": lambda: _object("ServiceAccount"),
}

#: The Kubernetes kind each type creates (``_v1`` included below) and whether it is namespaced.
KINDS: dict[str, tuple[str, bool]] = {
    f"kubernetes_{name}": (kind, kind not in ("ClusterRole", "ClusterRoleBinding"))
    for name, kind in (
        ("pod", "Pod"), ("deployment", "Deployment"), ("daemonset", "DaemonSet"),
        ("daemon_set", "DaemonSet"), ("stateful_set", "StatefulSet"),
        ("replication_controller", "ReplicationController"), ("job", "Job"),
        ("cron_job", "CronJob"), ("role", "Role"), ("cluster_role", "ClusterRole"),
        ("role_binding", "RoleBinding"), ("cluster_role_binding", "ClusterRoleBinding"),
        ("service_account", "ServiceAccount"),
    )
}
KINDS.update({f"{name}_v1": value for name, value in list(KINDS.items())})
#: Kinds whose objects are named by other objects (a pod names its service account, a
#: binding its role and subjects): links to them are followed.
_LINKED = ("ServiceAccount", "Role", "ClusterRole")


def object_metadata(resource: TfResource) -> dict[str, str] | None:
    """``{"name": ..., "namespace": ...}`` of the object a kubernetes-provider resource
    creates, when its ``metadata`` block writes a literal name; None otherwise. A namespaced
    object without ``namespace`` is in ``default``: the provider's schema default
    (``namespacedMetadataSchema``, ``Default: "default"``, provider source
    ``kubernetes/schema_metadata.go``; registry docs: "namespace - (Optional) Namespace
    defines the space within which name of the ... must be unique")."""
    known = KINDS.get(resource.type)
    metadata = resource.values.get("metadata")
    if isinstance(metadata, list) and len(metadata) == 1:
        metadata = metadata[0]
    if known is None or not isinstance(metadata, dict):
        return None
    name = metadata.get("name")
    if not isinstance(name, str) or not name:
        return None
    if not known[1]:
        return {"name": name}
    namespace = metadata.get("namespace", "default")
    if namespace is None:
        namespace = "default"
    if not isinstance(namespace, str) or not namespace:
        return None  # from a value that cannot be known: no name to link by
    return {"name": name, "namespace": namespace}


def object_name(resource: TfResource) -> str | None:
    """``namespace/Kind/name`` (``Kind/name`` when cluster-scoped), the name Kubernetes
    objects refer to each other by, of the object a kubernetes-provider resource creates."""
    from gdcc_audit.normalize.kubernetes.mapper import address  # lazy: a sibling mapper

    metadata = object_metadata(resource)
    if metadata is None:
        return None
    return address(KINDS[resource.type][0], metadata["name"], metadata.get("namespace"))


def literal_references(resource: TfResource) -> tuple[Reference, ...]:
    """The service accounts and roles a kubernetes-provider pod, workload or binding names by
    a literal name (``service_account_name = "app"``, ``role_ref { name = "reader" }``,
    ``subject { kind = "ServiceAccount" name = "app" }``), as ``namespace/Kind/name``: the
    objects of that name in the scan, whether YAML or Terraform, are the ones meant."""
    from gdcc_audit.normalize.kubernetes.mapper import references_for  # lazy: a sibling

    known = KINDS.get(resource.type)
    metadata = object_metadata(resource)
    if known is None or known[0] in ("ServiceAccount", "Role", "ClusterRole"):
        return ()
    namespace = (metadata or {}).get("namespace", "default")
    obj = _filled(to_object(resource.values), None)  # a value not known names nothing
    if not isinstance(obj, dict):
        return ()
    found = references_for({**obj, "apiVersion": "v1", "kind": known[0]}, namespace)
    return tuple(r for r in found if r.target.split("/")[-2] in _LINKED)


MAPPINGS: dict[str, MapFn] = {}
for _name, _make in _TYPES.items():
    MAPPINGS[f"kubernetes_{_name}"] = _make()
    MAPPINGS[f"kubernetes_{_name}_v1"] = _make()
MAPPINGS["kubernetes_manifest"] = _manifest
