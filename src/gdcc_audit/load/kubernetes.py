"""Loader for Kubernetes manifests: multi-document YAML (or JSON) of known API kinds.

Each YAML document becomes its own Document (``meta["index"]`` is its position in the file);
a ``List`` keeps its items and the mapper expands them. Helm chart templates are refused here
(they must be rendered first): discover.py sets them aside with that reason.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.helm_secret_names import chart_of, secret_name_values
from gdcc_audit.load.helmfile import is_helmfile
from gdcc_audit.load.ignored_values import META_KEY as IGNORED_VALUES
from gdcc_audit.load.ignored_values import shadows
from gdcc_audit.load.interface import Claim, Document, Loader, ParsedFile
from gdcc_audit.load.kube_kinds import (
    API_VERSION,
    FORMAT,
    KNATIVE_SERVING,
    OTEL_COLLECTOR,
    SIDECAR_INJECT,
    WORKLOAD_KINDS,
    is_kubernetes,
    is_list,
    kind_of,
    sidecar_wanted,
)
from gdcc_audit.load.kustomize import Built, Item, build, builds_objects, emitted
from gdcc_audit.load.lost import META_KEY as LOST_KEY
from gdcc_audit.load.lost import LostPart
from gdcc_audit.load.yamltree import LocatedDocument
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.secrets.kubernetes import custom_resource_secrets

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

#: File names kustomize reads as a kustomization (kubectl kustomize, "Kustomization File").
KUSTOMIZATION_FILES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})
#: ``meta`` key of a kustomization document (its generators are mapped, nothing else).
KUSTOMIZATION = "kustomization"
_GENERATORS = ("secretGenerator", "configMapGenerator")
#: ``meta`` key of an object as a kustomization builds it: the file it is written in.
KUSTOMIZE_BUILT = "kustomize_built"


def has_generators(data: Any) -> bool:
    """A kustomization document with a ``secretGenerator`` or ``configMapGenerator`` list:
    the Secrets and ConfigMaps kustomize builds from it (their literal values and files are
    written in the repository, so a secret in them is a secret in the configuration); or a
    ``helmCharts`` list with a secret written in a chart's ``valuesInline`` (the values
    kustomize renders the chart with, read for secrets as a values file is)."""
    if not isinstance(data, Mapping):
        return False
    if any(isinstance(data.get(key), list) and data.get(key) for key in _GENERATORS):
        return True
    charts = data.get("helmCharts")
    return isinstance(charts, list) and any(
        isinstance(chart, Mapping) and isinstance(chart.get("valuesInline"), Mapping)
        and bool(detect_secrets(chart["valuesInline"]))
        for chart in charts
    )


#: ``meta`` key of a Helm chart's values file: read for secrets only (its templates, which
#: make the objects, are set aside until rendered).
HELM_VALUES = "helm_values"
#: ``meta`` key of a values document: the value paths its chart's templates give as a
#: Secret's name or key (``load.helm_secret_names``): names, not secrets.
HELM_SECRET_NAMES = "helm_secret_names"
#: Names Helm charts and their users give values files: ``values.yaml``, ``values-prod.yaml``,
#: ``values.prod.yaml``, ``prod-values.yaml``, ``ci/test-values.yaml`` (``helm install -f``).
_VALUES_NAME = re.compile(r"(?:values(?:[-_.][^/]*)?|[^/]*[-_.]values)\.ya?ml", re.IGNORECASE)


def values_name(path: Path) -> bool:
    """Whether a file is named as Helm values files are, or is a YAML file in a chart's
    ``ci/`` folder (chart-testing installs the chart once with each file there as values:
    ``ci/hostAliases.yml``, ``ci/enable-artifact-repo-ref.yaml``; they were not recognised)."""
    if _VALUES_NAME.fullmatch(path.name) is not None:
        return True
    return (
        path.suffix.lower() in (".yaml", ".yml")
        and path.parent.name == "ci"
        and _chart_folder(str(path.parent.parent))
    )


@lru_cache(maxsize=1024)
def _chart_folder(folder: str) -> bool:
    """Whether ``folder`` holds a Helm chart (its ``Chart.yaml``)."""
    return (Path(folder) / "Chart.yaml").is_file()


def is_helm_values(path: Path, parsed: ParsedFile) -> bool:
    """A Helm values file: named as values files are, holding YAML mappings (one at least)
    and no Kubernetes object (a manifest named ``values.yaml`` is read as a manifest)."""
    return values_name(path) and values_documents(parsed)


def values_documents(parsed: ParsedFile) -> bool:
    """Whether a file holds YAML mappings (one at least) and no Kubernetes object: values."""
    data = [d.data for d in parsed.documents if d.data is not None]
    return bool(data) and all(
        isinstance(d, Mapping) and not _is_custom_resource(d) and not is_kubernetes(d)
        for d in data
    )


def _is_custom_resource(data: Mapping[str, Any]) -> bool:
    """An object of a kind gdcc-audit does not know (a custom resource, a kind of an API
    group it does not read) with a Kubernetes ``apiVersion``."""
    api, kind = data.get("apiVersion"), data.get("kind")
    return (
        isinstance(api, str)
        and isinstance(kind, str)
        and bool(kind)
        and API_VERSION.match(api) is not None
    )


#: Kinds of kustomize's own files (``kustomize.config.k8s.io``).
_KUSTOMIZE_KINDS = frozenset({"Kustomization", "Component"})


#: How a kustomization names a base in a remote repository (kustomize's remote targets:
#: ``https://github.com/org/repo//path?ref=v1``, ``github.com/org/repo/path``, ``git@host:...``).
_REMOTE = ("://", "github.com/", "git@", "?ref=")
#: What a kustomization makes objects of that is not read: Helm charts it inflates.
_UNREAD_KEYS = ("helmCharts", "helmChartInflationGenerator")


def _kustomization_reason(documents: list[Mapping[str, Any]]) -> str:
    """Why a kustomization that builds nothing of its own (it only lists resources, or is a
    ``Component``) is not read: since stop 52 every kustomization that changes or places
    objects is built, so this one's build is its files' objects as written, read on their
    own; what it cannot give is a remote base, which is to be rendered."""
    if all(data.get("kind") == "Component" for data in documents):
        return (
            "kustomize Component: judged where a kustomization of the scan that includes it "
            "is built"
        )
    unread = [
        entry for data in documents for key in ("resources", "bases", "components")
        if isinstance(data.get(key), list)
        for entry in data[key] if isinstance(entry, str) and any(r in entry for r in _REMOTE)
    ] + [key for data in documents for key in _UNREAD_KEYS if data.get(key)]
    if unread:
        return (
            "kustomization: the files it names are read on their own, as written; to audit "
            f"what it makes of {', '.join(unread[:2])}{' ...' if len(unread) > 2 else ''} "
            "(not read by gdcc-audit), render it first (kustomize build)"
        )
    return (
        "kustomization: it changes nothing its files write, so it builds their objects as "
        "written; those files are read on their own"
    )


def unread_kinds_reason(documents: Iterable[Any]) -> str | None:
    """Why a file of Kubernetes-style objects that no loader took is not read: its objects
    are all of kinds gdcc-audit does not read (custom resources: ``SparkApplication``,
    Karpenter ``NodePool``), or it is a kustomization without generators. None when it
    holds something else. It was listed as *not recognised* without a word."""
    kinds: list[str] = []
    documents_read: list[Mapping[str, Any]] = []
    for data in documents:
        if not isinstance(data, Mapping) or not _is_custom_resource(data):
            return None
        kinds.append(f"{data['kind']} ({data['apiVersion']})")
        documents_read.append(data)
    if not kinds:
        return None
    if all(k.split(" ", 1)[0] in _KUSTOMIZE_KINDS and "kustomize.config.k8s.io/" in k
           for k in kinds):
        return _kustomization_reason(list(documents_read))
    unique = list(dict.fromkeys(kinds))
    more = f" and {len(unique) - 3} more" if len(unique) > 3 else ""
    return (
        f"Kubernetes objects of kinds no rule reads ({', '.join(unique[:3])}{more}): "
        "not judged"
    )


def _problem(path: str, doc: LocatedDocument) -> InputError | None:
    """Why the document (an object, or a List whose ``items`` is not a list) cannot be
    assessed; None when it can (a List's items are looked at by :func:`_item_problems`)."""
    data = doc.data
    if is_list(data):
        if not isinstance(data.get("items"), list):
            return InputError(
                path, "a List has no items list", doc.line_of("/items"), field="items"
            )
        return None
    return _item_problem(path, doc, data, "")


def _item_problems(path: str, doc: LocatedDocument) -> dict[int, InputError]:
    """The items of a List that cannot be assessed, by position, each with its error: kubectl
    applies a List item by item, so one item without a kind or a name loses that item only,
    and the others are judged (a List with one broken item was not assessed at all: a
    privileged Pod beside it was never judged)."""
    items = doc.data.get("items")
    found: dict[int, InputError] = {}
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if item is None:
            continue  # an empty list entry
        problem = _item_problem(path, doc, item, f"/items/{index}")
        if problem is not None:
            found[index] = problem
    return found


def _item_problem(path: str, doc: LocatedDocument, item: Any, pointer: str) -> InputError | None:
    """Why an object (a document, or the List item at ``pointer``) cannot be assessed."""
    if not isinstance(item, Mapping) or not isinstance(item.get("kind"), str):
        # (a document of its own has a kind: it was read as a Kubernetes object)
        return InputError(path, "a List item has no kind", doc.line_of(pointer))
    metadata = item.get("metadata")
    name = metadata.get("name") or metadata.get("generateName") if isinstance(
        metadata, Mapping
    ) else None
    if not isinstance(name, str):
        return InputError(
            path,
            f"{item['kind']} has no metadata.name",
            doc.line_of(pointer + "/metadata"),
            field="metadata.name",
        )
    return _pod_spec_problem(path, doc, item, pointer)


#: Where each workload kind keeps its pod spec.
_POD_SPEC = {
    "Pod": ("spec",),
    f"Revision.{KNATIVE_SERVING}": ("spec",),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}


def _pod_spec_problem(
    path: str, doc: LocatedDocument, item: Mapping[str, Any], pointer: str
) -> InputError | None:
    """A workload whose pod spec or containers have the wrong type (they would be read as
    having no containers, and every container rule would pass)."""
    kind = kind_of(item)
    if kind not in WORKLOAD_KINDS:
        return None
    keys = _POD_SPEC.get(str(kind), ("spec", "template", "spec"))
    value: Any = item
    where = pointer
    for key in keys:
        if value is None:
            return None  # no pod spec at all: nothing to judge (the mapper says so)
        if not isinstance(value, Mapping):
            return _wrong_type(path, doc, where, "an object")
        value = value.get(key)
        where += "/" + key
    if value is None:
        return None
    if not isinstance(value, Mapping):
        return _wrong_type(path, doc, where, "an object")
    for field in ("containers", "initContainers", "ephemeralContainers"):
        containers = value.get(field)
        if containers is None:
            continue
        if not isinstance(containers, list):
            return _wrong_type(path, doc, f"{where}/{field}", "a list")
        for index, container in enumerate(containers):
            if not isinstance(container, Mapping):
                return _wrong_type(path, doc, f"{where}/{field}/{index}", "an object")
    return None


def _wrong_type(path: str, doc: LocatedDocument, pointer: str, expected: str) -> InputError:
    field = pointer.strip("/").replace("/", ".")
    return InputError(
        path, f"{field} should be {expected}: not assessed", doc.line_of(pointer), field=field
    )


#: Kinds that configure other objects by name: a binding gives a ServiceAccount a role, a
#: NetworkPolicy guards a namespace's pods. A lost object of another kind changes no other
#: object's verdict (a lost Pod is not another Pod's settings).
CONFIGURING_KINDS = frozenset({"RoleBinding", "ClusterRoleBinding", "NetworkPolicy"})


def object_names(obj: Any) -> tuple[str, ...]:
    """The names a lost object (or each item of a lost List) of a kind that configures
    others gives: every string it writes but its own name, labels and annotations."""
    items = obj.get("items") if is_list(obj) else [obj]
    names: dict[str, None] = {}
    for item in items if isinstance(items, list) else ():
        kind = item.get("kind") if isinstance(item, Mapping) else None
        if not isinstance(kind, str) or kind not in CONFIGURING_KINDS:
            continue  # a kind that is not text (a YAML tag's mapping) configures nothing
        metadata = item.get("metadata")
        stack: list[Any] = [v for k, v in item.items() if k != "metadata"]
        if isinstance(metadata, Mapping):
            stack.append(metadata.get("namespace"))
        while stack:
            value = stack.pop()
            if isinstance(value, Mapping):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, str) and 0 < len(value) <= 253:
                names[value] = None
    return tuple(names)


def _ignored(doc: LocatedDocument) -> dict[str, Any]:
    """The document's meta entry of the values a duplicate key's reading ignores (none when
    no key is written twice with two values)."""
    found = shadows(doc) if doc.duplicates else ()
    return {IGNORED_VALUES: found} if found else {}


#: ``meta`` key of an object's document: the OpenTelemetryCollectors of the load
#: (``collectors``: (namespace, name) → object) and its Namespaces' annotations
#: (``namespaces``), shared by every document of the load: which sidecar collector the
#: OpenTelemetry Operator injects into an annotated pod (``normalize.kubernetes.otel``).
SIDECARS_KEY = "otel_sidecars"


def _index_sidecars(sidecars: dict[str, dict[Any, Any]], data: Any, path: str) -> None:
    """Note the OpenTelemetryCollectors and Namespaces of a document (a List's items), and
    the file each is written in (``files``)."""
    objects = data.get("items") if is_list(data) else [data]
    for obj in objects if isinstance(objects, list) else []:
        if not isinstance(obj, Mapping):
            continue
        kind = kind_of(obj)
        written = obj.get("metadata")
        metadata: Mapping[str, Any] = written if isinstance(written, Mapping) else {}
        name = str(metadata.get("name") or "")
        annotations = metadata.get("annotations")
        if kind == OTEL_COLLECTOR:
            key = (str(metadata.get("namespace") or "default"), name)
            sidecars["collectors"][key] = obj
            sidecars.setdefault("files", {})[("collectors", key)] = os.path.abspath(path)
        elif kind == "Namespace" and isinstance(annotations, Mapping):
            sidecars["namespaces"][name] = annotations
            sidecars.setdefault("files", {})[("namespaces", name)] = os.path.abspath(path)


class _AsBuilt(Mapping[Any, Any]):
    """The load's collectors (or Namespaces' annotations) as the objects of one kustomize
    build see them: the build's own, as it makes them, and the load's but those written in
    a file the build reads (the build gives those as it changes them). Read when the
    objects are mapped, once every file is loaded."""

    def __init__(self, own: dict[Any, Any], sidecars: dict[str, dict[Any, Any]], part: str,
                 read: frozenset[str]) -> None:
        self._own, self._sidecars, self._part, self._read = own, sidecars, part, read

    def _merged(self) -> dict[Any, Any]:
        files = self._sidecars.get("files") or {}
        return {**{k: v for k, v in self._sidecars[self._part].items()
                   if files.get((self._part, k)) not in self._read}, **self._own}

    def __getitem__(self, key: Any) -> Any:
        return self._merged()[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._merged())

    def __len__(self) -> int:
        return len(self._merged())


def _sidecars_as_built(built: Built, sidecars: dict[str, dict[Any, Any]]
                       ) -> tuple[dict[str, Any], dict[tuple[str, str], int]]:
    """The sidecar index the objects of a build are mapped with (the collectors and
    Namespaces as the build makes them), and the collectors the build changed, with the
    line of their first change."""
    own: dict[str, dict[Any, Any]] = {"collectors": {}, "namespaces": {}}
    changed: dict[tuple[str, str], int] = {}
    for item in built.items:
        if not item.unknown:
            _index_sidecars(own, item.obj, item.origin)
        metadata = item.obj.get("metadata")
        metadata = metadata if isinstance(metadata, Mapping) else {}
        if kind_of(item.obj) == OTEL_COLLECTOR and item.changed:
            changed[(str(metadata.get("namespace") or "default"),
                     str(metadata.get("name") or ""))] = item.changed[0]
    read = frozenset(os.path.abspath(item.origin) for item in built.items)
    index = {part: _AsBuilt(own[part], sidecars, part, read)
             for part in ("collectors", "namespaces")}
    return index, changed


def _injected_changed(obj: Mapping[str, Any], index: Mapping[str, Any],
                      changed: Mapping[tuple[str, str], int]) -> int | None:
    """The line of the change to the sidecar collector a workload of the build may get from
    a collector the build changed (the mapper decides which it gets); None when none."""
    if not changed or kind_of(obj) not in WORKLOAD_KINDS or kind_of(obj) == OTEL_COLLECTOR:
        return None
    metadata = obj.get("metadata")
    namespace = str((metadata if isinstance(metadata, Mapping) else {}).get("namespace")
                    or "default")
    holder: Any = obj.get("spec")
    for step in ("jobTemplate", "spec", "template") if kind_of(obj) == "CronJob" else \
            ("template",) if kind_of(obj) != "Pod" else ():
        holder = holder.get(step) if isinstance(holder, Mapping) else None
    pod = (holder if isinstance(holder, Mapping) else {}) if kind_of(obj) != "Pod" else obj
    annotations = pod.get("metadata", {}).get("annotations") \
        if isinstance(pod.get("metadata"), Mapping) else None
    space = index["namespaces"].get(namespace)
    wanted = sidecar_wanted(
        annotations.get(SIDECAR_INJECT) if isinstance(annotations, Mapping) else None,
        space.get(SIDECAR_INJECT) if isinstance(space, Mapping) else None).strip()
    if not wanted or wanted.lower() == "false":
        return None
    if wanted.lower() == "true":
        lines = [line for (ns, _), line in changed.items() if ns == namespace]
        return min(lines) if lines else None
    owner, slash, name = wanted.partition("/")
    return changed.get((owner, name) if slash else (namespace, wanted))


#: A kustomization to build: its path, document and file hash.
_Pending = tuple[str, LocatedDocument, str]


def _kustomization(path: str, doc: LocatedDocument, sha256: str,
                   pending: list[_Pending]) -> Iterator[Document]:
    """A kustomization's generators (a document the mapper reads them from); what it
    builds is noted in ``pending``, built once every file is read."""
    if has_generators(doc.data):
        yield Document(path, FORMAT, doc.data, sha256, doc,
                       meta={"index": doc.index, KUSTOMIZATION: True})
    if builds_objects(doc.data):
        pending.append((path, doc, sha256))


def _all_built(
    pending: list[_Pending], settings: Settings, lost: list[LostPart],
    parsed: dict[str, Any], sidecars: dict[str, dict[Any, Any]],
) -> Iterator[Document | InputError]:
    """The objects the load's kustomizations build, a kustomization given after those it
    includes (an included one includes fewer): an object an overlay builds as its base's
    kustomization does is judged once, where the base builds it."""
    builds = [(build(path, doc.data, doc, settings.max_file_bytes, parsed), path, doc, sha256)
              for path, doc, sha256 in pending]
    builds.sort(key=lambda b: len(b[0].included))  # stable: the load's order otherwise
    seen: set[str] = set()  # the objects given as built so far
    for built, path, doc, sha256 in builds:
        yield from _built(built, path, doc, sha256, lost, sidecars, seen)


def _built(
    built: Built, path: str, doc: LocatedDocument, sha256: str, lost: list[LostPart],
    sidecars: dict[str, dict[Any, Any]], seen: set[str],
) -> Iterator[Document | InputError]:
    """The objects a kustomization builds otherwise than their files write them, as it
    builds them (:mod:`gdcc_audit.load.kustomize`): changed by its patches or ``images``
    (located at the line of its first change), placed in its ``namespace``, renamed or
    labelled (located at the ``resources`` entry they come from), each judged once in the
    load (``seen``: an object another kustomization builds the same is not given again);
    what it cannot apply is an error of the kustomization naming it, and an object it may
    change is then not assessed as built (its names kept from a PASS, as a lost object's)."""
    for line, message in built.problems:
        yield InputError(path, f"kustomize: {message}", line)
    index, collectors = _sidecars_as_built(built, sidecars)
    given = [item for item in emitted(built) if item.unknown or _first(item, seen)]
    # a pod the build does not change but whose sidecar collector it changes deploys with
    # that collector as built: given too, located at the collector's change
    chosen = {id(item) for item in given}
    injected = {
        id(item): line for item in built.items if id(item) not in chosen and not item.unknown
        for line in [_injected_changed(item.obj, index, collectors)] if line is not None
    }
    if not given and not injected and not built.problems and not has_generators(doc.data):
        # every object it builds is judged as written, or where another kustomization builds
        # it the same: it is read all the same (it vanished from the files listed)
        yield Document(path, FORMAT, doc.data, sha256, doc,
                       meta={"index": doc.index, KUSTOMIZATION: True})
    for item in [*given, *(i for i in built.items if id(i) in injected)]:
        line = item.changed[0] if item.changed else injected.get(id(item)) or item.placed or 1
        metadata = item.obj.get("metadata")
        name = metadata.get("name") if isinstance(metadata, Mapping) else None
        if item.unknown:
            yield InputError(
                path,
                f"kustomize: {item.kind} {name} as this kustomization builds it is not "
                f"assessed ({'; '.join(dict.fromkeys(item.unknown))})",
                line,
            )
            names = object_names(item.obj)
            if names:
                lost.append(LostPart(path, line, names))
            continue
        located = LocatedDocument(item.obj, {"": (line, line)}, doc.index)
        yield Document(
            path, FORMAT, item.obj, sha256, located,
            meta={"index": doc.index, LOST_KEY: lost, KUSTOMIZE_BUILT: item.origin,
                  SIDECARS_KEY: index},
        )


def _first(item: Item, seen: set[str]) -> bool:
    """Whether no kustomization of the load gave this object as built before (an overlay
    that places nothing builds its base's objects as the base's kustomization does)."""
    key = json.dumps(item.obj, sort_keys=True, default=str)
    if key in seen:
        return False
    seen.add(key)
    return True


def _parsed_manifests(claims: Sequence[Claim]) -> dict[str, Any]:
    """The documents of the load's files, by path, for the kustomize builds to read as
    parsed here (a file with a document not read is parsed again by the build, which then
    says so; parsing again took half a build's time on argo-cd's manifests)."""
    return {
        os.path.normpath(str(claim.path)): claim.parsed.documents
        for claim in claims if claim.parsed is not None and not claim.parsed.errors
    }


class KubernetesLoader(Loader):
    """Reads Kubernetes manifests (one or many objects per file)."""

    name = "kubernetes"

    def recognise(self, parsed: ParsedFile) -> bool:
        """Files with an object of a kind gdcc-audit knows, or a custom resource with a
        secret written in it (read for that secret; its kind is listed as not judged)."""
        if any(is_kubernetes(d.data) for d in parsed.documents):
            return True
        customs = [
            d.data for d in parsed.documents
            if isinstance(d.data, Mapping) and _is_custom_resource(d.data)
            and d.data.get("kind") != "CustomResourceDefinition"
        ]
        if not customs:
            return False
        return any(custom_resource_secrets(d) for d in customs)

    def claim(self, path: Path, parsed: ParsedFile | None) -> bool:
        """Manifests, kustomization files with Secret or ConfigMap generators, and Helm values
        files (read for secrets only)."""
        if parsed is not None and path.name in KUSTOMIZATION_FILES:
            return any(has_generators(d.data) or builds_objects(d.data)
                       for d in parsed.documents)
        if parsed is not None and is_helm_values(path, parsed):
            return True
        if parsed is not None and is_helmfile(path, [d.data for d in parsed.documents]):
            return True  # its values written in place, its repositories' passwords
        return super().claim(path, parsed)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        # Objects not assessed, with the names written in them; shared by every document of
        # the load (objects name objects of other files: one cluster), filled as they come.
        lost: list[LostPart] = []
        built_from = _parsed_manifests(claims)  # the files kustomizations build from
        # the sidecar collectors and namespaces of the load, filled as they come (mapped
        # once every file is loaded)
        sidecars: dict[str, dict[Any, Any]] = {"collectors": {}, "namespaces": {}}
        pending: list[_Pending] = []  # the kustomizations to build, once every file is read
        for claim in claims:
            assert claim.parsed is not None  # manifests are always claimed from parsed files
            path = str(claim.path)
            helmfile = is_helmfile(claim.path, [d.data for d in claim.parsed.documents])
            values = (
                claim.named_by is not None or helmfile
                or is_helm_values(claim.path, claim.parsed)
            )
            chart = chart_of(claim.path) if values else None
            if claim.named_by is not None:  # the chart of the release naming it
                chart = claim.named_by[1].get("chart") or chart
            secret_names = sorted(secret_name_values(chart)) if chart is not None else []
            for doc in claim.parsed.documents:
                if values:
                    if isinstance(doc.data, Mapping):  # an empty document: nothing written
                        yield Document(
                            path, FORMAT, doc.data, claim.parsed.sha256, doc,
                            meta={"index": doc.index, HELM_VALUES: True,
                                  HELM_SECRET_NAMES: secret_names, **_ignored(doc)},
                        )
                    continue
                if not isinstance(doc.data, Mapping):
                    kind = "a list" if isinstance(doc.data, list) else "a scalar"
                    yield InputError(
                        path,
                        f"document {doc.index + 1} is {kind}, not a Kubernetes object: "
                        "not assessed",
                        doc.line_of(""),
                    )
                    continue
                if claim.path.name in KUSTOMIZATION_FILES:
                    yield from _kustomization(path, doc, claim.parsed.sha256, pending)
                    continue
                if not is_kubernetes(doc.data):
                    if _is_custom_resource(doc.data):
                        # Read so that the result names its kind as not judged.
                        yield Document(path, FORMAT, doc.data, claim.parsed.sha256, doc)
                    continue
                problem = _problem(path, doc)
                if problem is not None:
                    yield problem
                    names = object_names(doc.data)
                    if names:
                        lost.append(LostPart(path, doc.line_of("") or problem.line or 1, names))
                    continue
                data = doc.data
                broken = _item_problems(path, doc) if is_list(data) else {}
                if broken:
                    items = list(data["items"])
                    for index, error in broken.items():
                        yield error
                        names = object_names({"kind": "List", "items": [items[index]]})
                        if names:
                            lost.append(LostPart(path, error.line or 1, names))
                        items[index] = None  # not mapped (an empty entry)
                    if all(item is None for item in items):
                        continue  # nothing left to assess: the file is not assessed
                    data = {**data, "items": items}
                _index_sidecars(sidecars, data, path)
                yield Document(
                    path,
                    FORMAT,
                    data,
                    claim.parsed.sha256,
                    doc,
                    meta={"index": doc.index, LOST_KEY: lost, SIDECARS_KEY: sidecars,
                          **_ignored(doc)},
                )
        yield from _all_built(pending, settings, lost, built_from, sidecars)
