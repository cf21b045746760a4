"""What a kustomization's patches make of the objects it builds (a small ``kustomize build``).

A kustomization (``kustomization.yaml``) gathers the objects of its ``resources`` (files, and
folders holding a kustomization of their own, built first) and transforms them, in
kustomize's order ("Kustomization File" reference,
https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/, and the built-in
transformers' order of ``api/internal/target``): its ``components``, ``patchesStrategicMerge``
and ``patches``, ``namespace``, ``namePrefix`` / ``nameSuffix``, ``commonLabels`` / ``labels``
/ ``commonAnnotations``, ``patchesJson6902``, ``images``. The objects a kustomization's own
patches or ``images`` change are objects of their own, "as this kustomization builds them":
the base's file is judged as written, the overlay's object as it deploys.

Read as kustomize reads them:

- a strategic merge patch (a file or an inline ``patch:``; ``patchesStrategicMerge``) merges
  into the object of its kind and name (or every object its ``target`` selects): maps key by
  key, ``null`` deletes a key, and the lists Kubernetes documents with a merge key
  (``patchMergeKey`` in the API reference) element by element: containers, init and
  ephemeral containers, ``env``, ``volumes``, ``imagePullSecrets`` by ``name``,
  ``volumeMounts`` by ``mountPath``, a container's ``ports`` by ``containerPort``, a
  Service's by ``port``; other lists are replaced. ``$patch: delete`` deletes an element,
  a map or the whole object, ``$patch: replace`` replaces a map or a list. A custom resource's
  lists (no schema) are replaced whole.
- a JSON 6902 patch (``patchesJson6902``, or a ``patches`` entry whose patch is a list of
  operations) applies its ``add`` / ``remove`` / ``replace`` / ``move`` / ``copy`` / ``test``
  operations (RFC 6902) to every object its ``target`` selects (``kind``, ``name``,
  ``namespace`` as anchored regular expressions, ``group``, ``version``, a
  ``labelSelector`` / ``annotationSelector`` of ``key=value`` terms);
- ``images`` entries set the ``newName``, ``newTag`` or ``digest`` of every container image of
  that name.

What cannot be read so (a remote or missing resource, a patch that does not apply, a
``transformers`` / ``replacements`` / ``vars`` entry, a set-based selector, a directive such as
``$retainKeys``) is a problem of the kustomization naming it, and the objects it may change
are not given as built.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gdcc_audit.errors import InputError
from gdcc_audit.load.source import decode, read_bytes
from gdcc_audit.load.yamltree import LocatedDocument, parse_yaml

#: File names kustomize reads as a kustomization, in the order it looks for them.
KUSTOMIZATION_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
#: Fields of a kustomization that change the objects it builds (a kustomization without any
#: builds its resources as they are written).
CHANGING = ("patches", "patchesStrategicMerge", "patchesJson6902", "images", "components",
            "replacements", "transformers", "vars", "replicas", "generators")
#: How deep kustomizations may include one another.
_MAX_DEPTH = 12
#: Merge keys of the lists of built-in kinds (``patchMergeKey`` in the Kubernetes API
#: reference); ``ports`` is keyed by ``containerPort`` in a container, ``port`` in a Service.
_MERGE_KEYS = {
    "containers": "name", "initContainers": "name", "ephemeralContainers": "name",
    "env": "name", "volumes": "name", "imagePullSecrets": "name", "resourceClaims": "name",
    "volumeMounts": "mountPath", "volumeDevices": "devicePath", "hostAliases": "ip",
}
#: Kinds kustomize's namespace transformer leaves alone (cluster-scoped).
_CLUSTER_KINDS = frozenset({
    "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
    "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass",
    "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService",
    "PodSecurityPolicy", "CSIDriver", "Node", "ClusterIssuer", "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
})
_CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")


class NotApplied(Exception):
    """A patch (or another change) that cannot be applied as kustomize would."""


@dataclass
class Item:
    """One object of a build: the object as built so far, where it is written, and what the
    kustomization being built changed in it."""

    obj: dict[str, Any]
    origin: str
    #: the original kind and name (what patches without a ``target`` name)
    kind: str
    name: str
    namespace: str | None
    #: lines of the kustomization's entries that changed it (patches, images)
    changed: list[int] = field(default_factory=list)
    #: why it is not known as built: a change that could not be applied, here or in a base
    unknown: list[str] = field(default_factory=list)
    #: a generated object whose name takes its content's hash when the build ends
    hashed: bool = False
    #: the name written in a ``configMapGenerator`` / ``secretGenerator`` of the kustomization
    #: built that makes (or merges into) it: the mapper reads that generator's object under
    #: that name (:func:`emitted` leaves it to the mapper while it keeps that name)
    from_field: str | None = None
    #: the object as its file writes it (judged there as written); None for a generated one
    written: Any = None
    #: the line of the kustomization's ``resources`` (or ``components``) entry it comes from
    placed: int | None = None


@dataclass
class Built:
    """The objects a kustomization builds and what could not be read."""

    items: list[Item] = field(default_factory=list)
    #: (line in the kustomization, message)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    #: the folders of the kustomizations it includes, at any depth
    included: set[str] = field(default_factory=set)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def kustomization_file(folder: str) -> str | None:
    """The kustomization of a folder, None when it has none."""
    for name in KUSTOMIZATION_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    return None


#: Fields of a kustomization that place or label the objects it builds: an object so built is
#: not the object its file writes (another namespace, another name, other labels).
PLACING = ("namespace", "namePrefix", "nameSuffix", "commonLabels", "labels",
           "commonAnnotations")


def builds_objects(data: Any) -> bool:
    """Whether a kustomization builds objects other than those its files write: it changes
    them (:func:`changes_objects`) or places them (its ``namespace``, ``namePrefix`` /
    ``nameSuffix``, labels or annotations)."""
    return changes_objects(data) or (
        isinstance(data, Mapping) and data.get("kind") != "Component"
        and any(data.get(key) for key in PLACING)
    )


def changes_objects(data: Any) -> bool:
    """Whether a kustomization changes the objects it builds (patches, images...). A
    ``Component`` is not built on its own: its patches name objects of the kustomizations
    that include it (microservices-demo's ``kustomize/components``), applied there."""
    return isinstance(data, Mapping) and data.get("kind") != "Component" and (
        any(data.get(key) for key in CHANGING) or any(
            _mapping(entry).get("behavior") in ("merge", "replace")
            for key in ("configMapGenerator", "secretGenerator")
            for entry in data.get(key) or [] if isinstance(data.get(key), list)
        )
    )


def _parse(path: str, context: _Context) -> list[LocatedDocument]:
    """A file's documents, parsed once per load (``context.parsed``); the objects built from
    them are copies."""
    found = context.parsed.get(path)
    if isinstance(found, InputError):
        raise found
    if found is None:
        try:
            text = decode(path, read_bytes(Path(path), context.max_bytes), utf16=True)
            found = parse_yaml(text, path)
        except InputError as exc:
            context.parsed[path] = exc
            raise
        context.parsed[path] = found
    return found


def _copy(value: Any) -> Any:
    """A copy of parsed YAML (maps, lists, scalars): what a build changes is its own, the
    parsed files stay as read (``copy.deepcopy`` took most of a large build's time)."""
    if isinstance(value, Mapping):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _remote(entry: str) -> bool:
    return "://" in entry or entry.startswith(("github.com/", "git@", "gitlab.com/",
                                               "bitbucket.org/")) or "?ref=" in entry


def _objects(data: Any) -> Iterator[tuple[dict[str, Any], Mapping[str, Any]]]:
    """The Kubernetes objects of a document (a List's items): a copy to build, and the
    object as written."""
    if not isinstance(data, Mapping):
        return
    if isinstance(data.get("items"), list) and str(data.get("kind", "")).endswith("List"):
        for item in data["items"]:
            if isinstance(item, Mapping) and item.get("kind") and item.get("apiVersion"):
                yield _copy(dict(item)), item
        return
    if data.get("kind") and data.get("apiVersion"):
        yield _copy(dict(data)), data


def _item(obj: dict[str, Any], origin: str, written: Any = None) -> Item:
    metadata = _mapping(obj.get("metadata"))
    namespace = metadata.get("namespace")
    return Item(obj, origin, str(obj.get("kind")), str(metadata.get("name") or ""),
                str(namespace) if namespace else None, written=written)


@dataclass
class _Context:
    """What one build reads with: the file size limit and the folders being built (a
    kustomization that includes itself is refused as kustomize refuses it)."""

    max_bytes: int
    parsed: dict[str, list[LocatedDocument] | InputError]
    stack: list[str] = field(default_factory=list)
    #: the kustomization whose generators run (the file their objects are written in)
    origin: str = ""
    #: the kustomization built
    top: str = ""
    #: the vars of the build (the var, where it is written, its line, whether the
    #: kustomization built writes it) and the fields its ``configurations`` add
    vars: list[tuple[Mapping[str, Any], str, int | None, bool]] = field(default_factory=list)
    var_fields: list[tuple[Any, str]] = field(default_factory=list)
    #: the ``nameReference`` field specs of the ``configurations:`` files read so far
    #: (referrer kind → [(kind renamed, path)]), beside kustomize's built-in ones
    name_fields: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    #: the folders of the kustomizations included so far
    included: set[str] = field(default_factory=set)

    def place(self, line: int | None, folder: str) -> str:
        """Where a change is written: its line in the kustomization being built, or the
        kustomization of a base (``../base/kustomization``)."""
        if line is not None:
            return f"line {line}"
        relative = os.path.relpath(os.path.abspath(folder), self.stack[0])
        return f"{relative}/kustomization"


def build(path: str, data: Mapping[str, Any], doc: LocatedDocument | None,
          max_bytes: int,
          parsed: dict[str, list[LocatedDocument] | InputError] | None = None) -> Built:
    """Build the kustomization at ``path`` (its document ``data``, with lines in ``doc``);
    ``parsed``: the files parsed so far, shared by the builds of one load."""
    context = _Context(max_bytes, parsed if parsed is not None else {},
                       [os.path.dirname(os.path.abspath(path))], top=path)
    built = _build(path, data, doc, context)
    _hash_names(built.items, context.name_fields)
    _resolve_vars(built, context)
    built.included = context.included
    return built


def _line(doc: LocatedDocument | None, pointer: str) -> int | None:
    return doc.line_of(pointer) if doc is not None else None


def _build(path: str, data: Mapping[str, Any], doc: LocatedDocument | None,
           context: _Context) -> Built:
    folder = os.path.dirname(path)
    built = Built()
    for key in ("resources", "bases"):
        for index, entry in enumerate(data.get(key) or []):
            _add_resource(built, folder, entry, _line(doc, f"/{key}/{index}"), context)
    origin, context.origin = context.origin, path
    try:
        _generate(built, folder, data, doc, context)
    finally:
        context.origin = origin
    for index, entry in enumerate(data.get("components") or []):
        line = _line(doc, f"/components/{index}")
        _add_component(built, folder, entry, line, context)
    _transform(built, folder, data, doc, context)
    return built


def _add_resource(built: Built, folder: str, entry: Any, line: int | None,
                  context: _Context) -> None:
    if not isinstance(entry, str):
        built.problems.append((line, f"resource {entry!r} is not a path: not read"))
        return
    if _remote(entry):
        built.problems.append((line, f"remote resource {entry} is not read"))
        return
    target = os.path.normpath(os.path.join(folder, entry))
    if os.path.isdir(target):
        inner = kustomization_file(target)
        if inner is None:
            built.problems.append((line, f"resource {entry} is a folder without a "
                                         "kustomization: kustomize refuses it"))
            return
        sub = _included(inner, line, entry, context, built)
        if sub is not None:
            for item in sub.items:
                item.changed = []
                item.from_field = None
                item.placed = line
            built.items.extend(sub.items)
        return
    if not os.path.isfile(target):
        built.problems.append((line, f"resource {entry} is not in the scanned tree"))
        return
    try:
        documents = _parse(target, context)
    except InputError as exc:
        built.problems.append((line, f"resource {entry} is not read ({exc.message})"))
        return
    for document in documents:
        for obj, written in _objects(document.data):
            item = _item(obj, target, written)
            item.placed = line
            built.items.append(item)


def _included(inner: str, line: int | None, entry: str, context: _Context,
              built: Built) -> Built | None:
    """The build of a kustomization another includes (None, with the problem noted, when it
    cannot be read)."""
    folder = os.path.dirname(os.path.abspath(inner))
    if folder in context.stack or len(context.stack) > _MAX_DEPTH:
        built.problems.append((line, f"{entry} includes itself or is nested too deep: "
                                     "not read"))
        return None
    try:
        documents = _parse(inner, context)
    except InputError as exc:
        built.problems.append((line, f"{entry} is not read ({exc.message})"))
        return None
    data = documents[0].data if documents else None
    if not isinstance(data, Mapping):
        built.problems.append((line, f"{entry}: its kustomization is not a mapping"))
        return None
    context.included.add(folder)
    context.stack.append(folder)
    try:
        sub = _build(inner, data, None, context)
    finally:
        context.stack.pop()
    # what the base could not apply is on the objects it may change (``Item.unknown``); its
    # other problems are its own, reported where it is scanned
    return sub


def _add_component(built: Built, folder: str, entry: Any, line: int | None,
                   context: _Context) -> None:
    """A component: its resources are added and its changes apply to every object built so
    far, as the including kustomization's own."""
    if not isinstance(entry, str) or _remote(entry):
        built.problems.append((line, f"component {entry} is not read"))
        for item in built.items:
            item.unknown.append(f"component {entry} is not read")
        return
    target = os.path.normpath(os.path.join(folder, entry))
    inner = kustomization_file(target) if os.path.isdir(target) else None
    if inner is None:
        built.problems.append((line, f"component {entry} is not in the scanned tree"))
        for item in built.items:
            item.unknown.append(f"component {entry} is not in the scanned tree")
        return
    try:
        documents = _parse(inner, context)
    except InputError as exc:
        built.problems.append((line, f"component {entry} is not read ({exc.message})"))
        return
    data = documents[0].data if documents else None
    if not isinstance(data, Mapping):
        return
    for key in ("resources", "bases"):
        for item_entry in data.get(key) or []:
            _add_resource(built, target, item_entry, line, context)
    before = len(built.problems)
    origin, context.origin = context.origin, inner
    try:
        _generate(built, target, data, None, context, at=line)
    finally:
        context.origin = origin
    _transform(built, target, data, None, context, at=line)
    for index in range(before, len(built.problems)):
        _where, message = built.problems[index]
        built.problems[index] = (line, f"component {entry}: {message}")


def _transform(built: Built, folder: str, data: Mapping[str, Any],
               doc: LocatedDocument | None, context: _Context, at: int | None = None) -> None:
    """Apply a kustomization's (or a component's) changes in kustomize's order; ``at``: the
    line every change is placed on (a component's entry)."""
    _note_configurations(data, folder, context)
    for index, entry in enumerate(data.get("patchesStrategicMerge") or []):
        where = at or _line(doc, f"/patchesStrategicMerge/{index}")
        _patch(built, folder, entry, None, where, "patchesStrategicMerge", context, smp=True)
    for index, entry in enumerate(data.get("patches") or []):
        where = at or _line(doc, f"/patches/{index}")
        if isinstance(entry, Mapping):
            content = entry.get("patch") if entry.get("patch") is not None else None
            _patch(built, folder, entry.get("path"), content, where, "patches", context,
                   target=entry.get("target"))
        else:
            _patch(built, folder, entry, None, where, "patches", context)
    namespace = data.get("namespace")
    if isinstance(namespace, str) and namespace:
        _set_namespace(built.items, namespace)
    prefix, suffix = data.get("namePrefix"), data.get("nameSuffix")
    prefix = prefix if isinstance(prefix, str) else ""
    suffix = suffix if isinstance(suffix, str) else ""
    if prefix or suffix:
        _rename(built.items, prefix, suffix, context.name_fields)
    _label(built.items, data)
    for index, entry in enumerate(data.get("patchesJson6902") or []):
        where = at or _line(doc, f"/patchesJson6902/{index}")
        if isinstance(entry, Mapping):
            _patch(built, folder, entry.get("path"), entry.get("patch"), where,
                   "patchesJson6902", context, target=entry.get("target"), json6902=True)
    for index, entry in enumerate(data.get("replicas") or []):
        _replicas(built, [entry], at or _line(doc, f"/replicas/{index}"))
    images = data.get("images") or []
    # each object's pod specs found once for all entries (they walk whole objects: the
    # schemas of CustomResourceDefinitions took a tenth of kubeflow's scan)
    specs = [(item, list(_pod_specs(item.obj))) for item in built.items] if images else []
    for index, entry in enumerate(images):
        _image(specs, entry, at or _line(doc, f"/images/{index}"))
    for index, entry in enumerate(data.get("replacements") or []):
        where = at or _line(doc, f"/replacements/{index}")
        _replacement(built, folder, entry, where, context)
    for index, entry in enumerate(data.get("transformers") or []):
        where = at or _line(doc, f"/transformers/{index}")
        _transformer(built, folder, entry, where, context)
    _note_vars(data, folder, doc, context, at)


#: kustomize's built-in transformers read as a configuration of their own
#: (``apiVersion: builtin``; "Builtin Plugins" reference,
#: https://kubectl.docs.kubernetes.io/references/kustomize/builtins/, and
#: ``api/internal/plugins/builtinhelpers/builtins.go``): the kustomization field each is.
_BUILTINS = {
    "LabelTransformer": "labels", "AnnotationsTransformer": "annotations",
    "ImageTagTransformer": "imageTag", "PatchTransformer": "patch",
    "PatchStrategicMergeTransformer": "smp", "PatchJson6902Transformer": "json6902",
    "PrefixSuffixTransformer": "prefixSuffix", "PrefixTransformer": "prefixSuffix",
    "SuffixTransformer": "prefixSuffix", "NamespaceTransformer": "namespace",
    "ReplicaCountTransformer": "replicas", "ReplacementTransformer": "replacements",
}


def _not_applied(built: Built, items: Iterable[Item], line: int | None, what: str,
                 place: str) -> None:
    built.problems.append((line, f"{what} is not applied"))
    for item in items:
        item.unknown.append(f"{what} ({place}) is not applied")


def _plugin_configs(built: Built, folder: str, entry: Any, line: int | None,
                    context: _Context) -> list[Any] | None:
    """The configurations a ``transformers`` / ``generators`` entry names: written in place
    (a YAML text, or a map), a file of them, or a folder whose kustomization builds them
    (kustomize reads the entry as it reads ``resources``); None when they cannot be read."""
    if isinstance(entry, Mapping):
        return [entry]
    if not isinstance(entry, str) or not entry.strip() or _remote(entry):
        return None
    if "\n" in entry.strip():
        try:
            return [d.data for d in parse_yaml(entry, "<inline>") if d.data is not None]
        except InputError:
            return None
    target = os.path.normpath(os.path.join(folder, entry.strip()))
    if os.path.isfile(target):
        try:
            return [d.data for d in _parse(target, context) if d.data is not None]
        except InputError:
            return None
    inner = kustomization_file(target) if os.path.isdir(target) else None
    if inner is None:
        return None
    sub = _included(inner, line, entry, context, built)
    return [item.obj for item in sub.items] if sub is not None else None


def _transformer(built: Built, folder: str, entry: Any, line: int | None,
                 context: _Context) -> None:
    """A ``transformers`` entry: a built-in transformer's configuration is applied as the
    kustomization field it stands for; any other (a plugin, an exec or container KRM
    function) may change any object: not applied."""
    configs = _plugin_configs(built, folder, entry, line, context)
    if not configs or any(
        _mapping(c).get("apiVersion") != "builtin" or _mapping(c).get("kind") not in _BUILTINS
        for c in configs
    ):
        what = entry.strip() if isinstance(entry, str) and "\n" not in entry.strip() else \
            next((_describe(_mapping(c)) for c in configs or []
                  if _mapping(c).get("apiVersion") != "builtin"
                  or _mapping(c).get("kind") not in _BUILTINS), "written in place")
        _not_applied(built, built.items, line, f"transformer {what}",
                     context.place(line, folder))
        return
    for config in configs:
        _builtin(built, folder, config, line, context)


def _builtin(built: Built, folder: str, config: Mapping[str, Any], line: int | None,
             context: _Context) -> None:
    """Apply one built-in transformer's configuration."""
    role = _BUILTINS[str(config.get("kind"))]
    specs = [str(_mapping(s).get("path")) for s in config.get("fieldSpecs") or []]
    if role in ("labels", "annotations"):
        pairs = _mapping(config.get(role))
        selectors = any("selector" in s for s in specs)
        templates = any("template" in s for s in specs)
        if role == "labels":
            _label(built.items, {"labels": [{"pairs": pairs, "includeSelectors": selectors,
                                             "includeTemplates": templates}]})
        else:
            _label(built.items, {"commonAnnotations": pairs})
    elif role == "imageTag":
        _image([(item, list(_pod_specs(item.obj))) for item in built.items],
               config.get("imageTag"), line)
    elif role == "patch":
        _patch(built, folder, config.get("path"), config.get("patch"), line, "patches",
               context, target=config.get("target"))
    elif role == "smp":
        for item in [*(config.get("paths") or []), *([config["patches"]]
                                                     if config.get("patches") else [])]:
            _patch(built, folder, item, None, line, "patchesStrategicMerge", context,
                   smp=True)
    elif role == "json6902":
        _patch(built, folder, config.get("path"), config.get("jsonOp"), line,
               "patchesJson6902", context, target=config.get("target"), json6902=True)
    elif role == "prefixSuffix":
        prefix, suffix = config.get("prefix"), config.get("suffix")
        _rename(built.items, prefix if isinstance(prefix, str) else "",
                suffix if isinstance(suffix, str) else "", context.name_fields)
    elif role == "namespace":
        namespace = _mapping(config.get("metadata")).get("namespace")
        if isinstance(namespace, str) and namespace:
            _set_namespace(built.items, namespace, unset_only=config.get("unsetOnly") is True,
                           subjects=str(config.get("setRoleBindingSubjects") or ""))
    elif role == "replicas":
        _replicas(built, [config.get("replica")], line)
    else:
        for entry in config.get("replacements") or []:
            _replacement(built, folder, entry, line, context)


#: The kinds whose ``spec.replicas`` kustomize's ``replicas`` sets
#: (``api/internal/konfig/builtinpluginconsts/replicas.go``).
_REPLICATED = ("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")


def _replicas(built: Built, entries: Iterable[Any], line: int | None) -> None:
    """``replicas`` entries (``name``, ``count``): the count of every object of a replicated
    kind of that name (current or original); none of that name is an error (kustomize
    refuses the build)."""
    for written in entries:
        entry = _mapping(written)
        name, count = entry.get("name"), entry.get("count")
        if not isinstance(name, str) or not name:
            continue
        found = [i for i in built.items if i.obj.get("kind") in _REPLICATED
                 and name in (i.name, _mapping(i.obj.get("metadata")).get("name"))]
        if not found:
            built.problems.append((line, f"replicas: no Deployment, StatefulSet, ReplicaSet "
                                         f"or ReplicationController named {name}"))
            continue
        for item in found:
            spec = item.obj.setdefault("spec", {})
            if isinstance(spec, dict) and spec.get("replicas") != count:
                spec["replicas"] = count
                item.changed.append(line or 1)


def _replacement(built: Built, folder: str, entry: Any, line: int | None,
                 context: _Context) -> None:
    """A ``replacements`` entry (inline, or a ``path:`` file of one or a list of them) copies
    a field of one object of the build (its ``source``; or a ``sourceValue``) into the fields
    its ``targets`` name, as kustomize's replacement filter does (``api/filters/replacement``;
    "replacements", https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
    replacements/). What cannot be applied (kustomize refuses the build) leaves the objects
    its targets select not known as built."""
    place = context.place(line, folder)
    entries: list[Any] = [entry]
    path = _mapping(entry).get("path")
    if isinstance(path, str):
        target = os.path.normpath(os.path.join(folder, path))
        try:
            documents = [d.data for d in _parse(target, context)] if os.path.isfile(target) \
                else []
        except InputError:
            documents = []
        entries = [e for d in documents for e in (d if isinstance(d, list) else [d])]
        if not entries:
            _not_applied(built, built.items, line, f"replacements file {path}", place)
            return
    for replacement in entries:
        _replace(built, _mapping(replacement), line, place)


def _replace(built: Built, replacement: Mapping[str, Any], line: int | None,
             place: str) -> None:
    targets = [_mapping(t) for t in replacement.get("targets") or []
               if isinstance(t, Mapping)]
    chosen: list[tuple[Item, Mapping[str, Any]]] = []
    selected = False
    try:
        for target in targets:
            if not isinstance(target.get("select"), Mapping):
                raise NotApplied("a target selects no object")
            chosen.extend((item, target) for item in _replacement_targets(built.items, target))
        selected = True
        value = _replacement_value(built.items, replacement)
    except NotApplied as exc:
        # kustomize refuses the build: the objects the targets select (all, when which is
        # not known) are not known as built
        built.problems.append((line, f"replacement: {exc}"))
        reason = f"replacement ({place}) is not applied: {exc}"
        for item in [item for item, _ in chosen] if selected else built.items:
            if reason not in item.unknown:
                item.unknown.append(reason)
                item.changed.append(line or 1)  # named as not assessed
        return
    for item, target in chosen:
        doc = _copy(item.obj)
        options = _mapping(target.get("options"))
        paths = target.get("fieldPaths") or [DEFAULT_FIELD_PATH]
        try:
            for field_path in paths:
                _put(doc, _path_parts(field_path), value, options)
        except NotApplied as exc:
            built.problems.append((line, f"replacement: {exc}"))
            item.unknown.append(f"replacement ({place}) is not applied: {exc}")
            item.changed.append(line or 1)
            continue
        if doc != item.obj:
            item.obj = doc
            item.changed.append(line or 1)


#: A replacement's source and target field when none is written (``types.
#: DefaultReplacementFieldPath``).
DEFAULT_FIELD_PATH = "metadata.name"


def _path_parts(path: Any) -> list[str]:
    """A field path split as kustomize's ``SmarterPathSplitter`` splits it: on dots, ``\\.``
    kept, ``[key=value]`` whole; empty parts (a leading dot or slash) dropped."""
    if not isinstance(path, str) or not path.strip():
        raise NotApplied(f"field path {path!r} is not a path")
    raw = path.split(".")
    if len(raw) > 1 and raw[0] == "":
        raw = raw[1:]
    joined: list[str] = [raw[0]]
    for part in raw[1:]:
        if joined[-1].endswith("\\"):
            joined[-1] = joined[-1][:-1] + "." + part
        else:
            joined.append(part)
    parts: list[str] = []
    index = 0
    while index < len(joined):
        part = joined[index]
        if part.startswith("[") and not part.endswith("]"):
            bracket = [part]
            while index < len(joined) - 1:
                index += 1
                bracket.append(joined[index])
                if joined[index].endswith("]"):
                    break
            text = ".".join(bracket)
            part = text if "=" in text else text.strip("[]")
        parts.append(part)
        index += 1
    return [p.strip() for p in parts if p.strip()]


def _source_selected(item: Item, source: Mapping[str, Any]) -> bool:
    """Whether an object is the one a replacement ``source`` names (``ResId.IsSelectedBy``:
    each field written must equal the object's, by its current or original name)."""
    api = str(item.obj.get("apiVersion") or "")
    group, _, version = api.rpartition("/")
    metadata = _mapping(item.obj.get("metadata"))
    for key, have in (("group", {group}), ("version", {version}),
                      ("kind", {str(item.obj.get("kind"))}),
                      ("name", {str(metadata.get("name") or ""), item.name})):
        wanted = source.get(key)
        if wanted not in (None, "") and str(wanted) not in have:
            return False
    wanted = source.get("namespace")
    if wanted not in (None, ""):
        spaces = {str(metadata.get("namespace") or "default"), item.namespace or "default"}
        if str(wanted) not in spaces:
            return False
    return True


def _replacement_value(items: list[Item], replacement: Mapping[str, Any]) -> Any:
    """The value a replacement copies: its ``sourceValue``, or its source object's field
    (``options.delimiter`` / ``index``: one part of it)."""
    if replacement.get("sourceValue") is not None:
        if replacement.get("source") is not None:
            raise NotApplied("value and resource selectors are mutually exclusive")
        return str(replacement["sourceValue"])
    source = replacement.get("source")
    if not isinstance(source, Mapping) or not replacement.get("targets"):
        raise NotApplied("it names no source or no target")
    found = [item for item in items if _source_selected(item, source)]
    described = "/".join(str(source.get(k)) for k in ("kind", "namespace", "name")
                         if source.get(k))
    if not found:
        raise NotApplied(f"its source {described or 'selector'} is not an object of the build")
    if len(found) > 1:
        raise NotApplied(f"its source {described or 'selector'} selects more than one object")
    value: Any = found[0].obj
    field_path = source.get("fieldPath") or DEFAULT_FIELD_PATH
    for part in _path_parts(field_path):
        value = _lookup(value, part)
        if value is None:
            raise NotApplied(f"its source field {field_path} is missing")
    if isinstance(value, (Mapping, list)) and not value:  # kyaml's IsNilOrEmpty: "" is a value
        raise NotApplied(f"its source field {field_path} is missing")
    options = _mapping(source.get("options"))
    if options.get("delimiter"):
        if isinstance(value, (Mapping, list)):
            raise NotApplied("delimiter option can only be used with scalar values")
        pieces = _scalar_text(value).split(str(options["delimiter"]))
        index = options.get("index") or 0
        if not isinstance(index, int) or not 0 <= index < len(pieces):
            raise NotApplied(f"options.index {index} is out of bounds")
        return pieces[index]
    return _copy(value)


def _lookup(node: Any, part: str) -> Any:
    """One step of kustomize's ``yaml.Lookup`` (a field, ``[key=value]`` exactly, an index)."""
    if part.startswith("[") and part.endswith("]") and isinstance(node, list):
        key, equal, wanted = part[1:-1].partition("=")
        if not equal:
            return None
        for element in node:
            if key == "" and _scalar_text(element) == wanted:
                return element
            if isinstance(element, Mapping) and key in element and \
                    _scalar_text(element[key]) == wanted:
                return element
        return None
    if isinstance(node, list) and part.isdigit():
        return node[int(part)] if int(part) < len(node) else None
    if isinstance(node, Mapping):
        return node.get(part)
    return None


def _scalar_text(value: Any) -> str:
    """A scalar as YAML writes it (``true``, ``8080``, ``null``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)


_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*|0o[0-7]+|0x[0-9a-fA-F]+)")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def _plain(text: str) -> Any:
    """What a plain YAML scalar reads as (YAML 1.2 core schema, as kubectl reads the
    build's output): a field kustomize creates, or one not written as a string, takes the
    copied text untagged."""
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if text in ("null", "Null", "NULL", "~", ""):
        return None
    if _PLAIN_INT.fullmatch(text):
        return int(text, 0) if not text.lstrip("+-").startswith("0o") else int(
            text.replace("0o", ""), 8)
    if _PLAIN_FLOAT.fullmatch(text):
        return float(text)
    return text


def _replacement_targets(items: list[Item], target: Mapping[str, Any]) -> list[Item]:
    """The objects a replacement target selects and does not reject: ``select`` as a
    patch's target (anchored regular expressions; labels, annotations); a ``reject`` entry
    rejects by its kind/name/... or by its label / annotation selector."""
    selected = _selected(items, target["select"])
    kept = []
    for item in selected:
        rejected = False
        for written in target.get("reject") or []:
            reject = _mapping(written)
            ids = {k: v for k, v in reject.items()
                   if k in ("group", "version", "kind", "name", "namespace") and v}
            labels = {k: v for k, v in reject.items()
                      if k in ("labelSelector", "annotationSelector") and v}
            if (ids and _selected([item], ids)) or (labels and _selected([item], labels)):
                rejected = True
                break
        if not rejected:
            kept.append(item)
    return kept


def _put(doc: Any, parts: list[str], value: Any, options: Mapping[str, Any]) -> None:
    """Write ``value`` at every field a target's field path names (kustomize's
    ``PathMatcher``: ``[key=value]`` matches elements whose key's value the regular
    expression finds, ``*`` every element, a number one element; ``options.create`` makes
    what is missing; ``options.delimiter`` / ``index`` writes one part of the field)."""
    create = options.get("create") is True
    if _put_structured(doc, parts, value, options):
        return
    slots = _slots(doc, parts, create, value)
    if not slots:
        raise NotApplied(f"unable to find field {'.'.join(parts)} in the target")
    for container, key, created in slots:
        container[key] = _new_value(container[key], value, options, created)


def _put_structured(doc: Any, parts: list[str], value: Any,
                    options: Mapping[str, Any]) -> bool:
    """Write ``value`` inside the YAML / JSON a string field of the path holds, as
    kustomize's ``setValueInStructuredData`` (``api/filters/replacement``) tries before the
    plain path: the first text field on the way (looked up as ``yaml.Lookup``: fields,
    ``[key=value]`` exactly, indices; a ``*`` stops it) that parses as a map or a list
    takes the rest of the path, written back as JSON when it was JSON (``{`` / ``[``:
    indented by two when it was written so, else compact; keys sorted, ``<>&`` escaped, as
    Go's ``encoding/json``), else as YAML (its data; comments and flow style are not kept
    as kustomize keeps them). False when there is none, or the rest of the path
    cannot be written there: the plain path is then used."""
    node: Any = doc
    for index, part in enumerate(parts[:-1]):
        place = _get_place(node, part)
        if place is None:
            return False  # missing, or a ``*`` (``PathGetter`` refuses it)
        holder, key = place
        node = holder[key]
        if isinstance(node, (Mapping, list)):
            continue
        text = _scalar_text(node)
        try:
            documents = parse_yaml(text, "replacement target") if text.strip() else []
        except InputError:
            return False
        data = _copy(documents[0].data) if documents else None
        if not isinstance(data, (Mapping, list)):
            return False
        try:
            slots = _slots(data, parts[index + 1:], options.get("create") is True, value)
            for container, at, created in slots:
                container[at] = _new_value(container[at], value, options, created)
        except NotApplied:
            return False
        if not slots:
            return False
        holder[key] = _structured_text(data, text)
        return True
    return False


def _get_place(node: Any, part: str) -> tuple[Any, Any] | None:
    """Where one step of ``yaml.Lookup`` lands (a field, ``[key=value]`` exactly, an index,
    ``-`` the last element): the container and the key; None when nothing is there."""
    if isinstance(node, Mapping):
        return (node, part) if node.get(part) is not None or part in node else None
    if not isinstance(node, list) or part == "*":
        return None
    if part == "-":
        return (node, len(node) - 1) if node else None
    if part.isdigit():
        return (node, int(part)) if int(part) < len(node) else None
    found = _lookup(node, part)
    return next(((node, i) for i, e in enumerate(node) if e is found), None) \
        if found is not None else None


def _structured_text(data: Any, original: str) -> str:
    """The changed data as ``serializeStructuredData`` writes it back."""
    if original.strip()[0] in "{[":
        pretty = "\n" in original and "  " in original
        text = json.dumps(data, sort_keys=True, ensure_ascii=False,
                          indent=2 if pretty else None,
                          separators=(",", ": ") if pretty else (",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace(
            "&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # kyaml's encoder: indent 2, compact sequences; the text's comments, flow style and
    # quoting (kept by yaml.v3's nodes) are not kept here: the data is the same
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                          default_flow_style=False, indent=2).strip()


def _container_for(next_part: str | None, value: Any) -> Any:
    """What kustomize creates for a missing field: a list before an index or a list
    selector, a map before a field, the value's own kind last."""
    if next_part is None:
        return _MISSING
    if next_part.isdigit() or (next_part.startswith("[") and next_part.endswith("]")) \
            or next_part == "*":
        return []
    return {}


class _Missing:
    """A field kustomize's ``create`` option made, not yet holding a value."""


_MISSING: Any = _Missing()


def _slots(node: Any, parts: list[str], create: bool, value: Any
           ) -> list[tuple[Any, Any, bool]]:
    part, rest = parts[0], parts[1:]
    following = rest[0] if rest else None
    found: list[tuple[Any, Any, bool]] = []
    if part.isdigit():
        if not isinstance(node, list):
            raise NotApplied(f"{part} indexes a field that is not a list")
        index = int(part)
        if index == len(node) and create:
            node.append(_container_for(following, value))
        if index >= len(node):
            raise NotApplied(f"index {index} specified but only {len(node)} elements found")
        elements = [index]
    elif part == "*" or (part.startswith("[") and part.endswith("]")):
        if not isinstance(node, list):
            raise NotApplied(f"{part} selects in a field that is not a list")
        if part == "*":
            elements = list(range(len(node)))
        else:
            key, equal, pattern = part[1:-1].partition("=")
            if not equal:
                raise NotApplied(f"list path element {part} must be fieldName=fieldValue")
            try:
                wanted = re.compile(pattern)
            except re.error:
                raise NotApplied(f"{part}: not a regular expression read here") from None
            elements = [
                i for i, e in enumerate(node)
                if (key == "" and not isinstance(e, (Mapping, list))
                    and wanted.search(_scalar_text(e)))
                or (key != "" and isinstance(e, Mapping) and e.get(key) is not None
                    and not isinstance(e.get(key), (Mapping, list))
                    and wanted.search(_scalar_text(e[key])))
            ]
            if not elements and create:
                node.append(pattern if key == "" else {key: pattern})
                elements = [len(node) - 1]
    else:
        if not isinstance(node, dict):
            raise NotApplied(f"field {part} is looked up in a value that is not a map")
        if part not in node:
            if not create:
                return []
            node[part] = _container_for(following, value)
        elif rest and not isinstance(node[part], (Mapping, list)):
            raise NotApplied(f"field {part} holds text, not fields, and no YAML or JSON in "
                             "it holds the rest of the path")
        if not rest:
            return [(node, part, node[part] is _MISSING)]
        return _slots(node[part], rest, create, value)
    for index in elements:
        if not rest:
            found.append((node, index, node[index] is _MISSING))
        else:
            found.extend(_slots(node[index], rest, create, value))
    return found


def _new_value(current: Any, value: Any, options: Mapping[str, Any], created: bool) -> Any:
    """A target field's new value (``setFieldValue``): a scalar field takes the value's text
    (kept a string when written as one), with ``options.delimiter`` one part of it replaced
    (``index`` out of range: prepended / appended); any other field the value itself."""
    text_value = None if isinstance(value, (Mapping, list)) else _scalar_text(value)
    if options.get("delimiter"):
        if isinstance(current, (Mapping, list)) or text_value is None:
            raise NotApplied("delimiter option can only be used with scalar values")
        delimiter = str(options["delimiter"])
        pieces = ("" if created else _scalar_text(current)).split(delimiter)
        index = options.get("index") or 0
        if not isinstance(index, int):
            raise NotApplied(f"options.index {index!r} is not a number")
        if index < 0:
            pieces.insert(0, text_value)
        elif index >= len(pieces):
            pieces.append(text_value)
        else:
            pieces[index] = text_value
        text_value = delimiter.join(pieces)
        value = text_value
    if created:
        return _copy(value) if text_value is None else _plain(text_value)
    if isinstance(current, (Mapping, list)):
        return _copy(value)
    if text_value is None:
        raise NotApplied("a map or list cannot replace a single value")
    if isinstance(current, str):
        return text_value
    return _plain(text_value)


def _patch(built: Built, folder: str, path: Any, inline: Any, line: int | None, field_: str,
           context: _Context, *, target: Any = None, smp: bool = False,
           json6902: bool = False) -> None:
    """Apply one patch entry; what does not apply is a problem naming it."""
    place = context.place(line, folder)
    written = path.strip() if isinstance(path, str) and path.strip() and "\n" not in path \
        else None
    label = f"patch {written}" if written else f"{field_} entry"
    try:
        patches = _patch_documents(folder, path, inline, context)
    except NotApplied as exc:
        built.problems.append((line, f"{label}: {exc}"))
        try:
            chosen = _selected(built.items, target) if target is not None else built.items
        except NotApplied:
            chosen = built.items
        for item in chosen:
            item.unknown.append(f"{label} ({place}) is not read: {exc}")
        return
    if json6902 or (not smp and len(patches) == 1 and isinstance(patches[0], list)):
        _apply_json6902(built, patches[0] if patches else [], target, line, (label, place))
        return
    for patch in patches:
        if not isinstance(patch, Mapping):
            built.problems.append((line, f"{label}: not a strategic merge patch"))
            continue
        _apply_smp(built, patch, target, line, (label, place))


def _patch_documents(folder: str, path: Any, inline: Any, context: _Context) -> list[Any]:
    if isinstance(inline, str):
        key = f"<inline patch>\0{inline}"  # a component's patches, parsed once per load
        found = context.parsed.get(key)
        try:
            if found is None:
                found = context.parsed[key] = parse_yaml(inline, "<inline patch>")
            if isinstance(found, InputError):
                raise found
        except InputError as exc:
            context.parsed[key] = exc
            raise NotApplied(f"does not parse ({exc.message})") from None
        return [_copy(d.data) for d in found if d.data is not None]
    if isinstance(inline, (Mapping, list)):
        return [inline]
    if isinstance(path, str) and "\n" in path:  # an inline patch in patchesStrategicMerge
        return _patch_documents(folder, None, path, context)
    if not isinstance(path, str) or not path.strip():
        raise NotApplied("names no patch")
    target = os.path.normpath(os.path.join(folder, path.strip()))
    if not os.path.isfile(target):
        raise NotApplied("the file is not in the scanned tree")
    try:
        return [d.data for d in _parse(target, context) if d.data is not None]
    except InputError as exc:
        raise NotApplied(f"does not parse ({exc.message})") from None


def _regex(pattern: Any, value: str | None) -> bool:
    if pattern is None or pattern == "":
        return True
    text = str(pattern)
    try:
        return re.fullmatch(text, value or "") is not None
    except re.error:
        return text == value


def _selector(written: Any, labels: Mapping[str, Any]) -> bool:
    """A ``key=value`` / ``key`` / ``key!=value`` label selector (set-based: NotApplied)."""
    for written_term in str(written).split(","):
        term = written_term.strip()
        if not term:
            continue
        if " in " in term or " notin " in term or "(" in term:
            raise NotApplied(f"set-based selector {written!r} is not read")
        if "!=" in term:
            key, value = (t.strip() for t in term.split("!=", 1))
            if str(labels.get(key)) == value:
                return False
        elif "=" in term:
            key, value = (t.strip() for t in term.split("=", 1))
            key = key.rstrip("=")
            if key not in labels or str(labels.get(key)) != value.lstrip("="):
                return False
        elif term.startswith("!"):
            if term[1:] in labels:
                return False
        elif term not in labels:
            return False
    return True


def _selected(items: list[Item], target: Any) -> list[Item]:
    """The items a patch ``target`` selects (by current or original name and namespace)."""
    wanted = _mapping(target)
    found = []
    for item in items:
        metadata = _mapping(item.obj.get("metadata"))
        api = str(item.obj.get("apiVersion") or "")
        group, _, version = api.rpartition("/")
        if not _regex(wanted.get("kind"), str(item.obj.get("kind"))):
            continue
        if wanted.get("group") not in (None, "") and wanted.get("group") != group:
            continue
        if wanted.get("version") not in (None, "") and wanted.get("version") != version:
            continue
        names = {str(metadata.get("name") or ""), item.name}
        if wanted.get("name") and not any(_regex(wanted.get("name"), n) for n in names):
            continue
        spaces = {str(metadata.get("namespace") or ""), item.namespace or ""}
        if wanted.get("namespace") and not any(_regex(wanted.get("namespace"), s)
                                               for s in spaces):
            continue
        if wanted.get("labelSelector") and not _selector(
                wanted["labelSelector"], _mapping(metadata.get("labels"))):
            continue
        if wanted.get("annotationSelector") and not _selector(
                wanted["annotationSelector"], _mapping(metadata.get("annotations"))):
            continue
        found.append(item)
    return found


def _by_patch(items: list[Item], patch: Mapping[str, Any]) -> list[Item]:
    """The item a strategic merge patch without a ``target`` names: its kind and name, in
    its namespace (none written: the object's own, as the namespace is set after patches)."""
    metadata = _mapping(patch.get("metadata"))
    kind, name = patch.get("kind"), metadata.get("name")
    namespace = metadata.get("namespace")
    same = [
        i for i in items
        if kind == i.obj.get("kind") and name in (i.name, _mapping(i.obj.get("metadata"))
                                                  .get("name"))
    ]
    if not namespace:
        return same
    exact = [i for i in same
             if namespace in (i.namespace, _mapping(i.obj.get("metadata")).get("namespace"))]
    # none in that namespace: the one object of that kind and name (kustomize's older
    # releases matched so; the patch is meant for it)
    return exact or (same if len(same) == 1 else [])


def _apply_smp(built: Built, patch: Mapping[str, Any], target: Any, line: int | None,
               named: tuple[str, str]) -> None:
    label, place = named
    try:
        items = _selected(built.items, target) if target is not None else _by_patch(
            built.items, patch)
    except NotApplied as exc:
        built.problems.append((line, f"{label}: {exc}"))
        return
    if not items:
        # kustomize refuses a patch that names an object the build does not hold; one whose
        # ``target`` selects none changes nothing (microservices-demo's components select
        # objects some of their users leave out)
        if target is None:
            built.problems.append((line, f"{label}: {_describe(patch)} matches no object "
                                         "read"))
        return
    for item in items:
        if patch.get("$patch") == "delete":
            built.items = [i for i in built.items if i is not item]
            continue
        try:
            # the patch names its object as the base wrote it: the name and namespace the
            # build gave it stay (a prefix, the overlay's namespace)
            body = dict(patch)
            if isinstance(patch.get("metadata"), Mapping):
                body["metadata"] = {k: v for k, v in patch["metadata"].items()
                                    if k not in ("name", "namespace")}
            merged = _merge_map(item.obj, body, "." not in _kind_group(item.obj))
        except NotApplied as exc:
            built.problems.append((line, f"{label}: {exc}"))
            item.unknown.append(f"{label} ({place}) is not applied: {exc}")
            continue
        if merged != item.obj:
            item.obj = merged
            item.changed.append(line or 1)


def _kind_group(obj: Mapping[str, Any]) -> str:
    """``Kind`` for a built-in kind (no group or a ``k8s.io``-less core group), else
    ``Kind.group``: a custom resource, whose lists kustomize replaces (no schema)."""
    api = str(obj.get("apiVersion") or "")
    group = api.rpartition("/")[0]
    builtin = group in ("", "apps", "batch", "policy", "autoscaling", "extensions") or \
        group.endswith(".k8s.io")
    return str(obj.get("kind")) if builtin else f"{obj.get('kind')}.{group}"


def _describe(patch: Mapping[str, Any]) -> str:
    metadata = _mapping(patch.get("metadata"))
    return f"{patch.get('kind')} {metadata.get('name')}"


def _clean(value: Any) -> Any:
    """A patch's value with its directives taken out (what it adds where nothing was)."""
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()
                if not str(k).startswith("$") and v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value
                if not (isinstance(v, Mapping) and v.get("$patch") == "delete")]
    return _copy(value)


def _merge_map(base: Mapping[str, Any], patch: Mapping[str, Any], builtin: bool) -> dict[str, Any]:
    directive = patch.get("$patch")
    if directive == "replace":
        return dict(_clean({k: v for k, v in patch.items() if k != "$patch"}))
    if directive not in (None, "merge"):
        raise NotApplied(f"$patch: {directive} is not read here")
    out = dict(base)
    for key, value in patch.items():
        if key == "$patch" or str(key).startswith("$setElementOrder/"):
            continue  # the order of a list: nothing a rule reads
        if str(key).startswith("$deleteFromPrimitiveList/"):
            name = str(key).split("/", 1)[1]
            out[name] = [v for v in out.get(name) or [] if v not in (value or [])]
            continue
        if str(key).startswith("$"):
            raise NotApplied(f"directive {key} is not read here")
        current = out.get(key)
        if value is None or (isinstance(value, Mapping) and value.get("$patch") == "delete"):
            out.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(current, Mapping):
            out[key] = _merge_map(current, value, builtin)
        elif isinstance(value, list) and isinstance(current, list) and builtin:
            out[key] = _merge_list(key, current, value, builtin)
        else:
            out[key] = _clean(value)
    return out


def _merge_list(key: str, base: list[Any], patch: list[Any], builtin: bool) -> list[Any]:
    if any(isinstance(v, Mapping) and v.get("$patch") == "replace" for v in patch):
        return list(_clean([v for v in patch if not (isinstance(v, Mapping) and "$patch" in v)]))
    merge_key = _MERGE_KEYS.get(key)
    if key == "ports":
        merge_key = "containerPort" if any(
            isinstance(v, Mapping) and "containerPort" in v for v in [*base, *patch]
        ) else "port"
    if merge_key is None or not all(isinstance(v, Mapping) for v in [*base, *patch]):
        return list(_clean(patch))  # replaced (no merge key, or a list of values)
    out = [dict(v) for v in base]
    for element in patch:
        wanted = element.get(merge_key)
        if wanted is None:
            raise NotApplied(f"an element of {key} without its merge key {merge_key}")
        at = next((i for i, v in enumerate(out) if v.get(merge_key) == wanted), None)
        if element.get("$patch") == "delete":
            out = [v for v in out if v.get(merge_key) != wanted]
        elif at is None:
            out.append(_clean(element))
        else:
            out[at] = _merge_map(out[at], element, builtin)
    return out


# -- generators ----------------------------------------------------------------------------

#: kustomize's generators of the kustomization fields and of ``generators:`` entries
#: (``apiVersion: builtin``): the kind of object each makes.
_GENERATED = {"configMapGenerator": "ConfigMap", "secretGenerator": "Secret",
              "ConfigMapGenerator": "ConfigMap", "SecretGenerator": "Secret"}


def _unquote(value: str) -> str:
    """A literal's value with matching quotes around it removed (kustomize's
    ``removeQuotes``)."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _generator_pairs(generator: Mapping[str, Any], folder: str,
                     context: _Context) -> list[tuple[str, bytes]]:
    """The keys and values a generator writes, read as kustomize reads them (``api/kv``):
    ``literals`` (``KEY=VALUE``), ``envs`` files' lines (``KEY=VALUE``; blank lines and
    ``#`` comments skipped; a bare ``KEY``, valued from kustomize's environment, empty),
    ``files`` (``[KEY=]PATH``, the file's bytes). A file kustomize cannot read is
    NotApplied."""
    pairs: list[tuple[str, bytes]] = []
    for item in generator.get("literals") or []:
        key, equal, value = str(item).partition("=")
        if not equal or not key:
            raise NotApplied(f"literal {item!r} is not KEY=VALUE")
        pairs.append((key, _unquote(value).encode()))
    for item in generator.get("envs") or ([generator["env"]] if generator.get("env") else []):
        path = os.path.normpath(os.path.join(folder, str(item)))
        text = _generator_file(path, str(item), context).decode("utf-8-sig", "replace")
        for written in text.splitlines():
            line = written.lstrip()
            if not line or line.startswith("#"):
                continue
            key, _, value = line.partition("=")
            # a bare KEY takes its value from the environment kustomize runs in: not written
            # in the configuration, taken as empty (the name's hash may then differ)
            pairs.append((key, value.encode()))
    for item in generator.get("files") or []:
        key, _, source = str(item).rpartition("=")
        path = os.path.normpath(os.path.join(folder, source))
        pairs.append((key or os.path.basename(source), _generator_file(path, source, context)))
    return pairs


def _generator_file(path: str, written: str, context: _Context) -> bytes:
    if not os.path.isfile(path):
        raise NotApplied(f"file {written} is not in the scanned tree")
    try:
        return read_bytes(Path(path), context.max_bytes)
    except InputError as exc:
        raise NotApplied(f"file {written} is not read ({exc.message})") from None


def _generated_object(kind: str, generator: Mapping[str, Any], pairs: list[tuple[str, bytes]],
                      options: Mapping[str, Any]) -> dict[str, Any]:
    """The object a generator makes (``api/internal/generators``): a ConfigMap's ``data``
    (``binaryData`` for what is not UTF-8), a Secret's ``data`` base64-encoded and its
    ``type`` (``Opaque`` unless written); the options' labels, annotations, ``immutable``."""
    metadata: dict[str, Any] = {"name": str(generator.get("name") or "")}
    if generator.get("namespace"):
        metadata["namespace"] = str(generator["namespace"])
    if _mapping(options.get("labels")):
        metadata["labels"] = {str(k): str(v) for k, v in options["labels"].items()}
    if _mapping(options.get("annotations")):
        metadata["annotations"] = {str(k): str(v) for k, v in options["annotations"].items()}
    obj: dict[str, Any] = {"apiVersion": "v1", "kind": kind, "metadata": metadata}
    data: dict[str, str] = {}
    binary: dict[str, str] = {}
    for key, value in pairs:
        if kind == "Secret":
            data[key] = base64.b64encode(value).decode()
            continue
        try:
            data[key] = value.decode("utf-8")
        except UnicodeDecodeError:
            binary[key] = base64.b64encode(value).decode()
    if kind == "Secret":
        obj["type"] = str(generator.get("type") or "Opaque")
    if data:
        obj["data"] = data
    if binary:
        obj["binaryData"] = binary
    if options.get("immutable") is True:
        obj["immutable"] = True
    return obj


def _generate(built: Built, folder: str, data: Mapping[str, Any],
              doc: LocatedDocument | None, context: _Context, at: int | None = None) -> None:
    """Run a kustomization's ``configMapGenerator`` / ``secretGenerator`` and the built-in
    generators its ``generators:`` entries configure, in kustomize's order (after the
    resources, before the components and transformers): each object is added
    (``behavior: create``, the default), or merges its data into / replaces that of the
    object of its kind and name the build already holds (``merge`` / ``replace``). Its name
    takes the hash of its content unless ``disableNameSuffixHash`` (its own ``options`` or
    the kustomization's ``generatorOptions``). "configMapGenerator", "secretGenerator",
    "generatorOptions", https://kubectl.docs.kubernetes.io/references/kustomize/
    kustomization/; an object made by a ``generators:`` entry is one the kustomization
    changes (the mapper reads only the fields' generators)."""
    common = _mapping(data.get("generatorOptions"))
    runs: list[tuple[str, Mapping[str, Any], int | None, bool]] = []
    for field_ in ("configMapGenerator", "secretGenerator"):
        for index, entry in enumerate(data.get(field_) or []):
            runs.append((_GENERATED[field_], _mapping(entry),
                         at or _line(doc, f"/{field_}/{index}"), False))
    for index, entry in enumerate(data.get("generators") or []):
        where = at or _line(doc, f"/generators/{index}")
        configs = _plugin_configs(built, folder, entry, where, context)
        for written in configs or [None]:
            config = _mapping(written)
            kind = str(config.get("kind"))
            if config.get("apiVersion") == "builtin" and kind in _GENERATED:
                runs.append((_GENERATED[kind], config, where, True))
                continue
            what = entry.strip() if isinstance(entry, str) and "\n" not in entry.strip() \
                else _describe(config)
            reason = ("needs helm, which is not run here (render the chart first)"
                      if kind == "HelmChartInflationGenerator" else
                      "is not a built-in generator")
            built.problems.append((where, f"generator {what} is not run ({reason}): the "
                                          "objects it makes are not read"))
    if data.get("helmCharts"):
        # kustomize inflates a chart by running helm (``--enable-helm``), which needs the
        # chart (often fetched from its repository): not done here
        built.problems.append((at or _line(doc, "/helmCharts"), "helmCharts are not "
                               "inflated (needs helm, which is not run here: render the "
                               "charts first): the objects they make are not read"))
    for kind, generator, line, emitted_ in runs:
        _generate_one(built, folder, kind, generator, common, line, emitted_, context)


def _generate_one(built: Built, folder: str, kind: str, generator: Mapping[str, Any],
                  common: Mapping[str, Any], line: int | None, emitted_: bool,
                  context: _Context) -> None:
    own = not emitted_ and context.origin == context.top
    # a ``generators:`` entry's configuration names its object in its metadata
    written = _mapping(generator.get("metadata"))
    generator = {**generator, "name": generator.get("name") or written.get("name"),
                 "namespace": generator.get("namespace") or written.get("namespace")}
    name = generator.get("name")
    if not isinstance(name, str) or not name:
        return
    options = dict(_mapping(generator.get("options")))
    for key in ("labels", "annotations"):
        options[key] = {**_mapping(options.get(key)), **_mapping(common.get(key))}
    for key in ("disableNameSuffixHash", "immutable"):
        if common.get(key) is True:
            options[key] = True
    behavior = str(generator.get("behavior") or "create")
    namespace = generator.get("namespace")
    same = [i for i in built.items if i.obj.get("kind") == kind
            and name in (i.name, _mapping(i.obj.get("metadata")).get("name"))
            and (not namespace or namespace in (
                i.namespace or "default",
                _mapping(i.obj.get("metadata")).get("namespace") or "default"))]
    try:
        pairs = _generator_pairs(generator, folder, context)
    except NotApplied as exc:
        built.problems.append((line, f"{kind} {name} is not generated: {exc}"))
        for item in same:
            item.unknown.append(f"{kind} {name} ({context.place(line, folder)}) is not "
                                f"generated: {exc}")
        return
    obj = _generated_object(kind, generator, pairs, options)
    hashed = options.get("disableNameSuffixHash") is not True
    if behavior in ("merge", "replace"):
        if len(same) != 1:
            built.problems.append((line, f"{kind} {name} (behavior: {behavior}) "
                                         f"{'matches no' if not same else 'matches more than one'}"
                                         " object of the build"))
            return
        item = same[0]
        old = item.obj
        _merged_generated(old, obj, behavior)
        if obj != old:
            item.obj = obj
            item.changed.append(line or 1)
        item.hashed = item.hashed or hashed
        if own:
            item.from_field = name
        return
    made = _item(obj, context.origin)
    made.hashed = hashed
    if emitted_:
        made.changed.append(line or 1)
    elif own:
        made.from_field = name
    built.items.append(made)


def _merged_generated(old: Mapping[str, Any], obj: dict[str, Any], behavior: str) -> None:
    """What ``behavior: merge`` / ``replace`` makes of the object ``old`` the build holds
    (``resWrangler.appendReplaceOrMerge``): the new object keeps the old one's name and
    namespace, labels and annotations merged; ``merge`` also merges the data, the new
    generator's keys winning."""
    metadata = _mapping(old.get("metadata"))
    new_metadata = dict(_mapping(obj.get("metadata")))
    for key in ("labels", "annotations"):
        merged = {**_mapping(metadata.get(key)), **_mapping(new_metadata.get(key))}
        if merged:
            new_metadata[key] = merged
    new_metadata["name"] = metadata.get("name")
    if metadata.get("namespace"):
        new_metadata["namespace"] = metadata["namespace"]
    else:
        new_metadata.pop("namespace", None)
    if behavior == "merge":
        for key in ("data", "binaryData"):
            merged = {**_mapping(old.get(key)), **_mapping(obj.get(key))}
            if merged:
                obj[key] = merged
    obj["metadata"] = new_metadata


def _go_json(value: Any) -> str:
    """``value`` as Go's ``json.Marshal`` writes it (keys sorted, no spaces, ``<``, ``>``,
    ``&`` and the line separators escaped)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _content_hash(obj: Mapping[str, Any]) -> str:
    """The suffix kustomize gives a generated object's name (``api/hasher``): the first ten
    hex digits of the SHA-256 of its kind, data (and a Secret's type), with ``0 1 3 a e``
    written ``g h k m t``. Its ``name`` is always empty there: kustomize looks the name up as
    one field named ``metadata/name`` (krusty's ``TestGeneratorIntVsStringNoMerge``: ``bob``
    with three literals is ``bob-79t79mt227``)."""
    encoded: dict[str, Any] = {"kind": obj.get("kind"), "name": ""}
    if obj.get("kind") == "Secret":
        encoded["type"] = obj.get("type") if obj.get("type") is not None else ""
        extra = "stringData"
    else:
        extra = "binaryData"
    encoded["data"] = obj["data"] if isinstance(obj.get("data"), Mapping) else ""
    if isinstance(obj.get(extra), Mapping):
        encoded[extra] = obj[extra]
    digest = hashlib.sha256(_go_json(encoded).encode()).hexdigest()[:10]
    return digest.translate(str.maketrans("013ae", "ghkmt"))


def _hash_names(items: list[Item],
                extra: Mapping[str, list[tuple[str, tuple[str, ...]]]]) -> None:
    """Suffix the names of generated objects with their content's hash, and rename the
    references to them (kustomize does so last, once, for the kustomization built)."""
    renamed: Renamed = {}
    for item in items:
        metadata = item.obj.get("metadata")
        if not item.hashed or not isinstance(metadata, dict):
            continue
        old = str(metadata.get("name") or "")
        metadata["name"] = f"{old}-{_content_hash(item.obj)}"
        _note_rename(renamed, item, str(item.obj.get("kind")), old, metadata["name"])
    if renamed:
        for item in items:
            _rename_references(item.obj, renamed, extra)


# -- vars ----------------------------------------------------------------------------------

_POD_VAR_PATHS = (
    "containers/args", "containers/command", "containers/env/value",
    "containers/volumeMounts/mountPath", "initContainers/args", "initContainers/command",
    "initContainers/env/value", "initContainers/volumeMounts/mountPath",
)
#: The fields kustomize substitutes ``$(VAR)`` in, by kind (None: every kind): its default
#: ``varReference`` (``api/internal/konfig/builtinpluginconsts/varreference.go``); a
#: kustomization's ``configurations:`` files add theirs.
_VAR_FIELDS: dict[str | None, tuple[str, ...]] = {
    None: ("metadata/labels", "metadata/annotations"),
    "CronJob": (*(f"spec/jobTemplate/spec/template/spec/{p}" for p in _POD_VAR_PATHS),
                "spec/jobTemplate/spec/template/volumes/nfs/server"),
    **{kind: (*(f"spec/template/spec/{p}" for p in _POD_VAR_PATHS),
              "spec/template/spec/volumes/nfs/server")
       for kind in ("DaemonSet", "Job", "ReplicaSet")},
    "Deployment": (*(f"spec/template/spec/{p}" for p in _POD_VAR_PATHS),
                   "spec/template/spec/volumes/nfs/server", "spec/template/metadata/annotations"),
    "StatefulSet": (*(f"spec/template/spec/{p}" for p in _POD_VAR_PATHS),
                    "spec/volumeClaimTemplates/spec/nfs/server"),
    "Pod": (*(f"spec/{p}" for p in _POD_VAR_PATHS), "spec/volumes/nfs/server"),
    "Ingress": ("spec/rules/host", "spec/tls/hosts", "spec/tls/secretName"),
    "PersistentVolume": ("spec/nfs/server",),
    "Service": ("spec/ports/port", "spec/ports/targetPort"),
}
_VAR = re.compile(r"\$\$|\$\(([^)]*)\)")


def _note_vars(data: Mapping[str, Any], folder: str, doc: LocatedDocument | None,
               context: _Context, at: int | None) -> None:
    """Gather a kustomization's ``vars``: kustomize substitutes them once, when the build
    ends."""
    for index, entry in enumerate(data.get("vars") or []):
        if isinstance(entry, Mapping) and entry.get("name"):
            where = at or _line(doc, f"/vars/{index}")
            context.vars.append((entry, context.place(where, folder), where,
                                 len(context.stack) == 1))


def _note_configurations(data: Mapping[str, Any], folder: str, context: _Context) -> None:
    """The ``varReference`` and ``nameReference`` field specs of a kustomization's
    ``configurations:`` files (kustomize merges them with its built-in ones, for this
    kustomization and those that include it)."""
    for entry in data.get("configurations") or []:
        path = os.path.normpath(os.path.join(folder, str(entry)))
        try:
            documents = _parse(path, context) if os.path.isfile(path) else []
        except InputError:
            documents = []
        for document in documents:
            for written in _mapping(document.data).get("varReference") or []:
                spec = _mapping(written)
                if isinstance(spec.get("path"), str):
                    context.var_fields.append((spec.get("kind"), spec["path"]))
            for written in _mapping(document.data).get("nameReference") or []:
                target = _mapping(written).get("kind")
                for referrer in _mapping(written).get("fieldSpecs") or []:
                    kind, at = _mapping(referrer).get("kind"), _mapping(referrer).get("path")
                    if isinstance(target, str) and isinstance(kind, str) \
                            and isinstance(at, str):
                        context.name_fields.setdefault(kind, []).append(
                            (target, _split_path(at)))


def _var_value(items: list[Item], var: Mapping[str, Any]) -> str:
    """A var's value: the field (``fieldref.fieldPath``, default ``metadata.name``) of the
    object its ``objref`` names (kind, name, and apiVersion / namespace when written)."""
    ref = _mapping(var.get("objref"))
    found = []
    for item in items:
        metadata = _mapping(item.obj.get("metadata"))
        if ref.get("kind") and ref.get("kind") != item.obj.get("kind"):
            continue
        if ref.get("name") not in (item.name, metadata.get("name")):
            continue
        api = str(item.obj.get("apiVersion") or "")
        if ref.get("apiVersion") and ref.get("apiVersion") != api:
            continue
        if ref.get("namespace") and ref.get("namespace") not in (
                item.namespace, metadata.get("namespace")):
            continue
        found.append(item)
    if len(found) != 1:
        raise NotApplied(f"its object {ref.get('kind')} {ref.get('name')} is "
                         f"{'not in the build' if not found else 'not one object'}")
    value: Any = found[0].obj
    field_path = str(_mapping(var.get("fieldref")).get("fieldPath") or "metadata.name")
    for part in _path_parts(re.sub(r"\[(\d+)\]", r".\1", field_path)):
        value = _lookup(value, part)
    if value is None or isinstance(value, (Mapping, list)):
        raise NotApplied(f"its field {field_path} is not a value of the object")
    return _scalar_text(value)


def _expand(text: str, values: Mapping[str, str], missing: set[str]) -> str:
    """``$(VAR)`` replaced by its value (``$$`` is ``$``), as kustomize's expansion does."""
    def one(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group(1)
        if name in values:
            return values[name]
        missing.add(name)
        return match.group(0)
    return _VAR.sub(one, text)


def _substitute(node: Any, parts: list[str], values: Mapping[str, str],
                missing: set[str]) -> Any:
    if isinstance(node, list):
        return [_substitute(element, parts, values, missing) for element in node]
    if not parts:
        if isinstance(node, str):
            return _expand(node, values, missing)
        if isinstance(node, dict):
            return {k: _expand(v, values, missing) if isinstance(v, str) else v
                    for k, v in node.items()}
        return node
    if isinstance(node, dict) and parts[0] in node:
        node[parts[0]] = _substitute(node[parts[0]], parts[1:], values, missing)
    return node


def _resolve_vars(built: Built, context: _Context) -> None:
    """Substitute the build's ``vars`` in the fields kustomize substitutes them in; a var
    whose value cannot be found leaves the objects using it not known as built."""
    if not context.vars:
        return  # most builds: nothing to substitute, no object to walk
    values: dict[str, str] = {}
    failed: dict[str, tuple[str, str, int | None, bool]] = {}
    for var, place, line, own in context.vars:
        name = str(var.get("name"))
        try:
            values[name] = _var_value(built.items, var)
        except NotApplied as exc:
            failed[name] = (f"var {name} ({place}) is not substituted: {exc}", place, line, own)
    own_lines = {str(v.get("name")): (line, own) for v, _, line, own in context.vars}
    fields = [(None, p) for p in _VAR_FIELDS[None]] + list(context.var_fields)
    for item in built.items:
        kind = item.obj.get("kind")
        paths = [p for k, p in fields if k in (None, kind)] + list(
            _VAR_FIELDS.get(str(kind), ()))
        missing: set[str] = set()
        before = repr(item.obj)
        for path in paths:
            _substitute(item.obj, [p for p in path.split("/") if p], values, missing)
        used = {n for n in values if f"$({n})" in before}
        if repr(item.obj) != before:
            lines = [own_lines[n][0] or 1 for n in used if own_lines[n][1]]
            if lines:
                item.changed.append(min(lines))
        for name in sorted(missing & set(failed)):
            reason, _place, line, own = failed[name]
            item.unknown.append(reason)
            if own:
                item.changed.append(line or 1)


# -- JSON 6902 -----------------------------------------------------------------------------


def _tokens(pointer: Any) -> list[str]:
    if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
        raise NotApplied(f"path {pointer!r} is not a JSON pointer")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _walk(doc: Any, tokens: list[str]) -> Any:
    for token in tokens:
        if isinstance(doc, dict) and token in doc:
            doc = doc[token]
        elif isinstance(doc, list) and token.isdigit() and int(token) < len(doc):
            doc = doc[int(token)]
        else:
            raise NotApplied(f"path /{'/'.join(tokens)} is not in the object")
    return doc


def _json_add(doc: Any, tokens: list[str], value: Any) -> Any:
    if not tokens:
        return _copy(value)
    parent = _walk(doc, tokens[:-1])
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = _copy(value)
    elif isinstance(parent, list) and (
        last == "-" or (last.isdigit() and int(last) <= len(parent))
    ):
        parent.insert(len(parent) if last == "-" else int(last), _copy(value))
    else:
        raise NotApplied(f"cannot add at /{'/'.join(tokens)}")
    return doc


def _json_remove(doc: Any, tokens: list[str]) -> Any:
    if not tokens:
        raise NotApplied("cannot remove the whole object")
    parent = _walk(doc, tokens[:-1])
    last = tokens[-1]
    if isinstance(parent, dict) and last in parent:
        return parent.pop(last)
    if isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
        return parent.pop(int(last))
    raise NotApplied(f"path /{'/'.join(tokens)} is not in the object")


def _json_operation(doc: Any, operation: Mapping[str, Any]) -> Any:
    op = operation.get("op")
    tokens = _tokens(operation.get("path"))
    if op == "add":
        return _json_add(doc, tokens, operation.get("value"))
    if op == "remove":
        _json_remove(doc, tokens)
        return doc
    if op == "replace":
        _walk(doc, tokens)  # must exist
        if not tokens:
            return _copy(operation.get("value"))
        _json_remove(doc, tokens)
        return _json_add(doc, tokens, operation.get("value"))
    if op in ("move", "copy"):
        source = _tokens(operation.get("from"))
        value = _copy(_walk(doc, source))
        if op == "move":
            _json_remove(doc, source)
        return _json_add(doc, tokens, value)
    if op == "test":
        if _walk(doc, tokens) != operation.get("value"):
            raise NotApplied(f"test of {operation.get('path')} fails")
        return doc
    raise NotApplied(f"operation {op!r} is not a JSON patch operation")


def _apply_json6902(built: Built, operations: Any, target: Any, line: int | None,
                    named: tuple[str, str]) -> None:
    label, place = named
    if not isinstance(operations, list):
        built.problems.append((line, f"{label}: not a list of JSON patch operations"))
        return
    if target is None:
        built.problems.append((line, f"{label}: a JSON patch without a target"))
        return
    try:
        items = _selected(built.items, target)
    except NotApplied as exc:
        built.problems.append((line, f"{label}: {exc}"))
        return
    if not items:
        return  # a target selecting nothing changes nothing
    for item in items:
        doc: Any = _copy(item.obj)
        try:
            for operation in operations:
                doc = _json_operation(doc, _mapping(operation))
        except NotApplied as exc:
            built.problems.append((line, f"{label}: {exc}"))
            item.unknown.append(f"{label} ({place}) is not applied: {exc}")
            continue
        if not isinstance(doc, dict):
            item.unknown.append(f"{label} ({place}) leaves no object")
            continue
        if doc != item.obj:
            item.obj = doc
            item.changed.append(line or 1)


# -- names, namespaces, labels, images ----------------------------------------------------


def _set_namespace(items: list[Item], namespace: str, unset_only: bool = False,
                   subjects: str = "") -> None:
    """The ``namespace`` a kustomization sets (``unset_only``: a ``NamespaceTransformer``'s
    ``unsetOnly``, on the objects that name none). A binding's subjects: a ServiceAccount of
    the build follows it, and, as kustomize's namespace filter (``roleBindingHack``,
    ``api/filters/namespace``) in its default mode, so does every subject named ``default``
    (``setRoleBindingSubjects``: ``allServiceAccountSubjects`` every ServiceAccount,
    ``none`` no other): a base binding its namespace's ``default`` account binds the
    overlay's."""
    accounts = {i.name for i in items if i.obj.get("kind") == "ServiceAccount"}
    for item in items:
        metadata = item.obj.setdefault("metadata", {})
        if not isinstance(metadata, dict) or (unset_only and metadata.get("namespace")):
            continue
        if item.obj.get("kind") == "Namespace":
            # kustomize names a Namespace of the build after the namespace it sets
            # (kubebuilder's ``config/manager`` Namespace ``system``)
            metadata["name"] = namespace
        elif item.obj.get("kind") not in _CLUSTER_KINDS:
            metadata["namespace"] = namespace
        if item.obj.get("kind") in ("RoleBinding", "ClusterRoleBinding"):
            for subject in item.obj.get("subjects") or []:
                if isinstance(subject, dict) and _follows(subject, accounts, subjects) \
                        and not (unset_only and subject.get("namespace")):
                    subject["namespace"] = namespace


def _follows(subject: Mapping[str, Any], accounts: set[str], mode: str) -> bool:
    """Whether a binding's subject takes the namespace the build sets."""
    account = subject.get("kind") == "ServiceAccount"
    if account and subject.get("name") in accounts:
        return True
    if mode == "allServiceAccountSubjects":
        return account
    return mode != "none" and subject.get("name") == "default"


def _pod_specs(obj: Any) -> Iterator[dict[str, Any]]:
    """Every mapping holding a container list, anywhere in an object."""
    stack = [obj]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if any(isinstance(node.get(k), list) for k in _CONTAINER_LISTS):
                yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _rename(items: list[Item], prefix: str, suffix: str,
            extra: Mapping[str, list[tuple[str, tuple[str, ...]]]]) -> None:
    """``namePrefix`` / ``nameSuffix``: every object but a Namespace, a
    CustomResourceDefinition and an APIService (kustomize's ``prefixFieldSpecsToSkip``)."""
    renamed: Renamed = {}
    for item in items:
        kind = str(item.obj.get("kind"))
        metadata = item.obj.get("metadata")
        if kind in ("Namespace", "CustomResourceDefinition", "APIService") \
                or not isinstance(metadata, dict):
            continue
        old = str(metadata.get("name") or "")
        metadata["name"] = f"{prefix}{old}{suffix}"
        _note_rename(renamed, item, kind, old, metadata["name"])
    for item in items:
        _rename_references(item.obj, renamed, extra)


#: Where a pod spec is in each kind kustomize's ``namereference`` config reads pods in.
_POD_AT = {
    "Pod": "spec", "PodTemplate": "template/spec", "Deployment": "spec/template/spec",
    "ReplicaSet": "spec/template/spec", "DaemonSet": "spec/template/spec",
    "StatefulSet": "spec/template/spec", "Job": "spec/template/spec",
    "ReplicationController": "spec/template/spec",
    "CronJob": "spec/jobTemplate/spec/template/spec",
}
_CONFIG_KINDS = ("Pod", "PodTemplate", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet",
                 "Job", "CronJob")
_ACCOUNT_KINDS = ("Pod", "StatefulSet", "Deployment", "ReplicationController", "CronJob",
                  "Job", "DaemonSet")


def _pod_refs(kinds: Iterable[str], paths: Iterable[str]) -> list[tuple[str, str]]:
    return [(kind, f"{_POD_AT[kind]}/{path}") for kind in kinds for path in paths]


_ENV_PATHS = ("containers/env/valueFrom/{k}KeyRef/name",
              "initContainers/env/valueFrom/{k}KeyRef/name",
              "containers/envFrom/{k}Ref/name", "initContainers/envFrom/{k}Ref/name")
#: kustomize's built-in name references (``api/internal/konfig/builtinpluginconsts/
#: namereference.go``): the kind renamed → the (referrer kind, field path) holding its name.
#: ``knative:Service`` is a Knative Service (group ``serving.knative.dev``).
_NAME_REFERENCES: dict[str, list[tuple[str, str]]] = {
    **{kind: [("HorizontalPodAutoscaler", "spec/scaleTargetRef/name")]
       for kind in ("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")},
    "ConfigMap": [
        *_pod_refs(_CONFIG_KINDS, ("volumes/configMap/name",
                                   "volumes/projected/sources/configMap/name",
                                   *(p.format(k="configMap") for p in _ENV_PATHS))),
        ("Node", "spec/configSource/configMap"), ("Role", "rules/resourceNames"),
        ("ClusterRole", "rules/resourceNames"),
        ("Ingress", r"metadata/annotations/nginx.ingress.kubernetes.io\/"
                    "fastcgi-params-configmap"),
    ],
    "Secret": [
        *_pod_refs(_CONFIG_KINDS, ("volumes/secret/secretName",
                                   "volumes/projected/sources/secret/name",
                                   "imagePullSecrets/name",
                                   *(p.format(k="secret") for p in _ENV_PATHS))),
        ("Ingress", "spec/tls/secretName"),
        ("Ingress", r"metadata/annotations/ingress.kubernetes.io\/auth-secret"),
        ("Ingress", r"metadata/annotations/nginx.ingress.kubernetes.io\/auth-secret"),
        ("Ingress", r"metadata/annotations/nginx.ingress.kubernetes.io\/auth-tls-secret"),
        ("ServiceAccount", "imagePullSecrets/name"),
        *(("StorageClass", f"parameters/{key}")
          for key in ("secretName", "adminSecretName", "userSecretName", "secretRef")),
        ("Role", "rules/resourceNames"), ("ClusterRole", "rules/resourceNames"),
        ("knative:Service", "spec/template/spec/containers/env/valueFrom/secretKeyRef/name"),
        ("PersistentVolume", "spec/azureFile/secretName"),
    ],
    "Service": [
        ("StatefulSet", "spec/serviceName"),
        ("Ingress", "spec/rules/http/paths/backend/serviceName"),
        ("Ingress", "spec/backend/serviceName"),
        ("Ingress", "spec/rules/http/paths/backend/service/name"),
        ("Ingress", "spec/defaultBackend/service/name"),
        ("APIService", "spec/service/name"),
        ("ValidatingWebhookConfiguration", "webhooks/clientConfig/service"),
        ("MutatingWebhookConfiguration", "webhooks/clientConfig/service"),
    ],
    "Role": [("RoleBinding", "roleRef/name")],
    "ClusterRole": [("RoleBinding", "roleRef/name"), ("ClusterRoleBinding", "roleRef/name")],
    "ServiceAccount": [("RoleBinding", "subjects"), ("ClusterRoleBinding", "subjects"),
                       *_pod_refs(_ACCOUNT_KINDS, ("serviceAccountName",))],
    "PersistentVolumeClaim": _pod_refs(_ACCOUNT_KINDS,
                                       ("volumes/persistentVolumeClaim/claimName",)),
    "PersistentVolume": [("PersistentVolumeClaim", "spec/volumeName"),
                         ("ClusterRole", "rules/resourceNames")],
    "StorageClass": [("PersistentVolume", "spec/storageClassName"),
                     ("PersistentVolumeClaim", "spec/storageClassName"),
                     ("StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName")],
    "PriorityClass": _pod_refs(_ACCOUNT_KINDS, ("priorityClassName",)),
    "IngressClass": [("Ingress", "spec/ingressClassName")],
    "ValidatingAdmissionPolicy": [("ValidatingAdmissionPolicyBinding", "spec/policyName")],
}


def _split_path(path: str) -> tuple[str, ...]:
    """A field spec's path split at ``/`` (``\\/`` is a slash of a key)."""
    return tuple(p.replace("\\/", "/") for p in re.split(r"(?<!\\)/", path))


def _by_referrer() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for target, specs in _NAME_REFERENCES.items():
        for referrer, path in specs:
            found.setdefault(referrer, []).append((target, _split_path(path)))
    return found


#: The references each referrer kind holds: referrer → [(kind renamed, path)].
_REFERRERS = _by_referrer()

#: (kind, name before the rename) → [(namespace written before, namespace, new name)].
Renamed = dict[tuple[str, str], list[tuple[str | None, str | None, str]]]


def _note_rename(renamed: Renamed, item: Item, kind: str, old: str, new: str) -> None:
    metadata = _mapping(item.obj.get("metadata"))
    namespace = metadata.get("namespace") if isinstance(metadata.get("namespace"), str) \
        else None
    renamed.setdefault((kind, old), []).append((item.namespace, namespace, new))


def _effective(namespace: str | None) -> str:
    return namespace or "default"


def _referral(renamed: Renamed, kind: str, old: Any, referrer: Mapping[str, Any],
              written_namespace: str | None = None) -> tuple[str | None, str] | None:
    """The object of the build a name reference means, as kustomize's ``nameref`` filter
    picks it (``selectReferral``): renamed from that name, in the referrer's namespace
    unless either is cluster-scoped or it is a ServiceAccount, in the namespace the
    reference writes when it writes one; None when there is none or more than one."""
    candidates = renamed.get((kind, str(old))) if isinstance(old, str) else None
    if not candidates:
        return None
    if written_namespace is not None:
        candidates = [c for c in candidates if c[0] == written_namespace] or [
            c for c in candidates if c[1] == written_namespace]
    own = _mapping(referrer.get("metadata")).get("namespace")
    if referrer.get("kind") not in _CLUSTER_KINDS and kind not in _CLUSTER_KINDS \
            and kind != "ServiceAccount":
        candidates = [c for c in candidates
                      if _effective(c[1]) == _effective(own if isinstance(own, str) else None)]
    if not candidates or len({(c[1], c[2]) for c in candidates}) > 1:
        return None  # kustomize: "found multiple possible referrals" (an error)
    return candidates[0][1], candidates[0][2]


def _set_reference(node: Any, key: Any, kind: str, obj: Mapping[str, Any],
                   renamed: Renamed) -> None:
    """Rename the reference ``node[key]`` holds: a name, a map with ``name`` (and
    ``namespace``: both set from the object, as ``setMapping``), or a list of either."""
    value = node[key]
    if isinstance(value, list):
        for index in range(len(value)):
            if not isinstance(value[index], list):
                _set_reference(value, index, kind, obj, renamed)
    elif isinstance(value, dict):
        written = value.get("namespace")
        found = _referral(renamed, kind, value.get("name"), obj,
                          written if isinstance(written, str) else None)
        if found is not None:
            value["name"] = found[1]
            if found[0]:
                value["namespace"] = found[0]
    else:
        found = _referral(renamed, kind, value, obj)
        if found is not None:
            node[key] = found[1]


def _references_at(node: Any, path: tuple[str, ...]) -> Iterator[tuple[Any, Any]]:
    """The (parent, key) pairs a field spec's path reaches; lists on the way are walked
    element by element (kustomize's ``fieldspec`` filter); nothing is created."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, list):
            stack.extend((element, depth) for element in current)
        elif isinstance(current, dict) and path[depth] in current \
                and current[path[depth]] is not None:
            if depth == len(path) - 1:
                yield current, path[depth]
            else:
                stack.append((current[path[depth]], depth + 1))


def _rename_references(obj: dict[str, Any], renamed: Renamed,
                       extra: Mapping[str, list[tuple[str, tuple[str, ...]]]]) -> None:
    """Update the names an object gives of objects the build renamed: kustomize's name
    reference transformer with its built-in field specs (``_NAME_REFERENCES``) and the
    ``nameReference`` ones of the ``configurations:`` read (``extra``)."""
    kind = str(obj.get("kind"))
    if kind == "Service" and str(obj.get("apiVersion") or "").startswith("serving.knative.dev/"):
        kind = "knative:Service"
    role = _mapping(obj.get("roleRef"))
    # once each: a configurations file re-listing a built-in field spec is merged with it by
    # kustomize, not applied twice (a second pass renames a renamed name again)
    for target, path in dict.fromkeys([*_REFERRERS.get(kind, ()), *extra.get(kind, ())]):
        if path == ("roleRef", "name") and role.get("apiGroup") is not None \
                and role.get("kind") is not None and (role.get("kind"), role.get(
                    "apiGroup")) != (target, "rbac.authorization.k8s.io"):
            continue  # the role of the kind the roleRef names (``roleRefFilter``)
        for parent, key in list(_references_at(obj, path)):
            _set_reference(parent, key, target, obj, renamed)


def _label(items: list[Item], data: Mapping[str, Any]) -> None:
    """``commonLabels`` (on metadata, selectors and pod templates), ``labels`` entries (on
    selectors and templates as they say), ``commonAnnotations``."""
    groups: list[tuple[Mapping[str, Any], bool, bool]] = []
    common = data.get("commonLabels")
    if isinstance(common, Mapping) and common:
        groups.append((common, True, True))
    for entry in data.get("labels") or []:
        pairs = _mapping(_mapping(entry).get("pairs"))
        if pairs:
            selectors = _mapping(entry).get("includeSelectors") is True
            groups.append((pairs, selectors, selectors or
                           _mapping(entry).get("includeTemplates") is True))
    annotations = _mapping(data.get("commonAnnotations"))
    for item in items:
        metadata = item.obj.setdefault("metadata", {})
        if not isinstance(metadata, dict):
            continue
        for pairs, selectors, templates in groups:
            metadata["labels"] = {**_mapping(metadata.get("labels")), **pairs}
            spec = item.obj.get("spec")
            if not isinstance(spec, dict):
                continue
            template = _mapping(spec.get("template"))
            if templates and isinstance(template.get("metadata"), dict):
                template["metadata"]["labels"] = {
                    **_mapping(template["metadata"].get("labels")), **pairs}
            if selectors:
                selector = spec.get("selector")
                if item.obj.get("kind") == "Service" and isinstance(selector, dict):
                    spec["selector"] = {**selector, **pairs}
                elif isinstance(selector, dict) and isinstance(selector.get("matchLabels"),
                                                               dict):
                    selector["matchLabels"] = {**selector["matchLabels"], **pairs}
        if annotations:
            metadata["annotations"] = {**_mapping(metadata.get("annotations")), **annotations}


def _image_name(image: str) -> tuple[str, str]:
    """An image reference's name and the rest (``:tag``, ``@digest``)."""
    at = image.find("@")
    name, rest = (image[:at], image[at:]) if at >= 0 else (image, "")
    colon = name.rfind(":")
    if colon > name.rfind("/"):
        name, rest = name[:colon], name[colon:] + rest
    return name, rest


def _image(items: list[tuple[Item, list[dict[str, Any]]]], entry: Any,
           line: int | None) -> None:
    """An ``images`` entry, on each item's pod specs (:func:`_pod_specs`)."""
    wanted = _mapping(entry)
    name = wanted.get("name")
    if not isinstance(name, str) or not name:
        return
    for item, specs in items:
        changed = False
        for spec in specs:
            for key in _CONTAINER_LISTS:
                for container in spec.get(key) or []:
                    image = _mapping(container).get("image")
                    if not isinstance(image, str):
                        continue
                    current, rest = _image_name(image)
                    if current != name:
                        continue
                    new_name = str(wanted.get("newName") or current)
                    if wanted.get("digest"):
                        rest = f"@{wanted['digest']}"
                    elif wanted.get("newTag") is not None:
                        rest = f":{wanted['newTag']}"
                    if f"{new_name}{rest}" != image:
                        container["image"] = f"{new_name}{rest}"
                        changed = True
        if changed:
            item.changed.append(line or 1)


def emitted(built: Built) -> Iterable[Item]:
    """The items the build gives as objects of their own: those the kustomization itself
    changed (by its patches or images) and those it builds otherwise than their file writes
    them (placed in its ``namespace``, renamed, labelled, or changed by a base it includes),
    as ``kustomize build`` emits every object; not an object its file writes as built (judged
    there), nor a generated object the kustomization built did not change (the mapper reads
    the generators where they are written), nor one its own ``configMapGenerator`` /
    ``secretGenerator`` makes under the name written there (the mapper reads that generator's
    object, in the same file, by that name)."""
    for item in built.items:
        if item.from_field is not None \
                and _mapping(item.obj.get("metadata")).get("name") == item.from_field:
            continue
        if item.changed or (item.written is not None and not _same(item.obj, item.written)):
            yield item


def _same(built: Mapping[str, Any], written: Mapping[str, Any]) -> bool:
    """Whether an object as built is the object as written: equal, or equal but for the
    ``default`` namespace the build writes where the file writes none (the API server puts
    it there: the same object)."""
    if built == written:
        return True
    metadata = _mapping(built.get("metadata"))
    if metadata.get("namespace") != "default" or "namespace" in _mapping(written.get("metadata")):
        return False
    unplaced = {k: v for k, v in metadata.items() if k != "namespace"}
    return {**built, "metadata": unplaced} == written
