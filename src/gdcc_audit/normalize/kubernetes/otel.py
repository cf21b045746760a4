"""OpenTelemetry Operator: the pods an ``OpenTelemetryCollector`` runs, judged as a workload.

The operator ("Deployment modes", docs/collector/deployment-modes.md of
open-telemetry/opentelemetry-operator) runs a collector as a Deployment (the default
``spec.mode``), a DaemonSet or a StatefulSet named ``<name>-collector``; a ``sidecar`` one is
injected into the pods annotated ``sidecar.opentelemetry.io/inject`` (or in a namespace so
annotated) and runs no pods of its own. The pod is built from the custom resource's fields as
they are written, with no security default of the operator's (``internal/manifests/collector``
``container.go`` / ``deployment.go`` / ``daemonset.go`` / ``statefulset.go``; the API
reference, docs/api/opentelemetrycollectors.md, gives none either):

- one container ``otc-container``: ``spec.image`` (else the operator's collector image,
  ``ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector`` with the
  collector version of the operator's release, ``internal/config/config.go``,
  ``versions.txt``), ``spec.securityContext`` (nil when not written), ``spec.resources``,
  ``spec.env`` / ``envFrom``, the ``spec.ports`` (``hostPort`` included), the configuration
  volume mounted at ``/conf`` and ``spec.volumeMounts``; then ``spec.additionalContainers``,
  and ``spec.initContainers`` as the pod's init containers;
- the pod: ``spec.podSecurityContext``, ``spec.volumes`` (``hostPath`` included),
  ``spec.hostNetwork``, ``spec.serviceAccount`` or the ServiceAccount ``<name>-collector`` the
  operator makes, and, in ``opentelemetry.io/v1beta1`` only (``v1alpha1`` has no such field:
  the API server drops it), ``hostPID`` and ``hostUsers``; ``shareProcessNamespace``.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.kube_kinds import SIDECAR_INJECT, kind_of, sidecar_wanted
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.kubernetes.workload import (
    POD_SPEC_PATHS,
    pod_annotations,
    pod_spec,
    workload_facets,
)

#: The collector image the operator runs when ``spec.image`` is not written: its release's
#: collector version (``versions.txt`` ``opentelemetry-collector``; every release pins one).
DEFAULT_IMAGE = (
    "ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector:0.158.0"
)
#: ``spec.mode`` values that run pods of the collector's own.
_MODES = ("deployment", "daemonset", "statefulset")
#: Pod fields read from the custom resource as written (both API versions).
_POD_FIELDS = (
    ("hostNetwork", "hostNetwork"), ("podSecurityContext", "securityContext"),
    ("tolerations", "tolerations"), ("nodeSelector", "nodeSelector"),
    ("priorityClassName", "priorityClassName"), ("affinity", "affinity"),
    ("hostAliases", "hostAliases"), ("shareProcessNamespace", "shareProcessNamespace"),
    ("terminationGracePeriodSeconds", "terminationGracePeriodSeconds"),
)
#: Pod fields of ``opentelemetry.io/v1beta1`` only.
_BETA_POD_FIELDS = (("hostPID", "hostPID"), ("hostUsers", "hostUsers"))
#: Container fields read as written.
_CONTAINER_FIELDS = (
    "securityContext", "resources", "env", "envFrom", "imagePullPolicy", "command", "lifecycle",
)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def collector_mode(obj: Mapping[str, Any]) -> str:
    """The collector's ``spec.mode`` (``deployment`` when not written)."""
    mode = _mapping(obj.get("spec")).get("mode")
    return mode.lower() if isinstance(mode, str) and mode else "deployment"


def runs_pods(obj: Mapping[str, Any]) -> bool:
    """Whether the collector runs pods of its own (every mode but ``sidecar``)."""
    return collector_mode(obj) in _MODES


def collector_workload(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The collector's pods as a workload of its kind (``spec.template``), named as the
    custom resource; call only when :func:`runs_pods`."""
    spec = _mapping(obj.get("spec"))
    metadata = _mapping(obj.get("metadata"))
    name = str(metadata.get("name") or "")
    namespace = metadata.get("namespace")
    container: dict[str, Any] = {"name": "otc-container"}
    image = spec.get("image")
    container["image"] = image if isinstance(image, str) and image else DEFAULT_IMAGE
    for key in _CONTAINER_FIELDS:
        if spec.get(key) is not None:
            container[key] = spec[key]
    ports = [
        {k: v for k, v in (("name", p.get("name")), ("containerPort", p.get("port")),
                           ("protocol", p.get("protocol")), ("hostPort", p.get("hostPort")))
         if v is not None}
        for p in (_mapping(item) for item in _list(spec.get("ports")))
    ]
    if ports:
        container["ports"] = ports
    container["volumeMounts"] = [{"name": "otc-internal", "mountPath": "/conf"},
                                 *_list(spec.get("volumeMounts"))]
    pod: dict[str, Any] = {
        "serviceAccountName": spec.get("serviceAccount") or f"{name}-collector",
        "containers": [container, *_list(spec.get("additionalContainers"))],
        "volumes": [{"name": "otc-internal", "configMap": {"name": f"{name}-collector"}},
                    *_list(spec.get("volumes"))],
    }
    if spec.get("initContainers"):
        pod["initContainers"] = _list(spec.get("initContainers"))
    fields: tuple[tuple[str, str], ...] = _POD_FIELDS
    if str(obj.get("apiVersion")).endswith("/v1beta1"):
        fields = fields + _BETA_POD_FIELDS
    for source, target in fields:
        if spec.get(source) is not None:
            pod[target] = spec[source]
    labels = {
        **{str(k): str(v) for k, v in _mapping(metadata.get("labels")).items()},
        "app.kubernetes.io/managed-by": "opentelemetry-operator",
        "app.kubernetes.io/instance": f"{namespace or 'default'}.{name}",
        "app.kubernetes.io/part-of": "opentelemetry",
        "app.kubernetes.io/component": "opentelemetry-collector",
    }
    kept = {k: v for k, v in metadata.items() if k in ("name", "namespace", "labels",
                                                          "annotations")}
    template_metadata: dict[str, Any] = {"labels": labels}
    if spec.get("podAnnotations"):
        template_metadata["annotations"] = spec["podAnnotations"]
    return {
        "apiVersion": obj.get("apiVersion"),
        "kind": obj.get("kind"),
        "metadata": kept,
        "spec": {"template": {"metadata": template_metadata, "spec": pod}},
    }


def without_pod(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The custom resource without what its pods are given (read with the pods), for its
    other secrets (an exporter's token written in ``spec.config``)."""
    found = dict(obj)
    spec = dict(_mapping(found.get("spec")))
    for key in ("env", "envFrom", "initContainers", "additionalContainers", "volumes"):
        spec.pop(key, None)
    found["spec"] = spec
    return found


#: The annotation asking the OpenTelemetry Operator to inject Go auto-instrumentation into a
#: pod ("Go auto-instrumentation", docs/auto-instrumentation/languages/go.md): "true", or the
#: name of an ``Instrumentation``; "false" asks for none.
GO_INJECT = "instrumentation.opentelemetry.io/inject-go"
#: The sidecar the operator adds for it (``internal/instrumentation/golang.go``): privileged
#: and root unless the Instrumentation's ``spec.go.securityContext`` says otherwise ("Go
#: auto-instrumentation also requires elevated permissions. The below permissions are set
#: automatically and are required"), the node's ``/sys/kernel/debug`` mounted, the webhook's
#: default resources (500m / 256Mi limits), the pod's process namespace shared.
_GO_SIDECAR: dict[str, Any] = {
    "name": "opentelemetry-auto-instrumentation",
    "image": "ghcr.io/open-telemetry/opentelemetry-go-instrumentation/autoinstrumentation-go"
             ":v0.24.0",
    "securityContext": {"privileged": True, "runAsUser": 0},
    "resources": {"limits": {"cpu": "500m", "memory": "256Mi"},
                  "requests": {"cpu": "50m", "memory": "64Mi"}},
    "volumeMounts": [{"name": "kernel-debug", "mountPath": "/sys/kernel/debug"}],
}


def go_injected(pod: Mapping[str, Any], annotations: Mapping[str, Any]) -> dict[str, Any] | None:
    """The pod spec with the Go auto-instrumentation sidecar, when its annotations ask for it
    and the pod does not turn off ``shareProcessNamespace`` (the operator then skips it);
    None otherwise."""
    wanted = annotations.get(GO_INJECT)
    if wanted is None or str(wanted).strip().lower() in ("false", ""):
        return None
    if pod.get("shareProcessNamespace") is False:
        return None
    found = copy.deepcopy(dict(pod))
    found["shareProcessNamespace"] = True
    found["containers"] = [*_list(found.get("containers")), copy.deepcopy(_GO_SIDECAR)]
    found["volumes"] = [*_list(found.get("volumes")),
                        {"name": "kernel-debug", "hostPath": {"path": "/sys/kernel/debug"}}]
    return found


def go_reason() -> Text:
    """Why the facets the Go sidecar decides are not known."""
    return Text(
        en=f"the pod asks for Go auto-instrumentation ({GO_INJECT}): the OpenTelemetry "
        "Operator then adds a privileged container running as root "
        "(opentelemetry-auto-instrumentation) with the node's /sys/kernel/debug mounted, "
        "but only when its enable-go-instrumentation flag is on (off by default), which is "
        "not in the input",
        th=f"pod ขอ Go auto-instrumentation ({GO_INJECT}): OpenTelemetry Operator "
        "จะเพิ่มคอนเทนเนอร์ privileged ที่รันเป็น root (opentelemetry-auto-instrumentation) "
        "และเมานต์ /sys/kernel/debug ของโหนด แต่เฉพาะเมื่อเปิด flag "
        "enable-go-instrumentation (ค่าเริ่มต้นปิด) ซึ่งไม่อยู่ในข้อมูลนำเข้า",
    )


def go_bounds(obj: Mapping[str, Any], facets: dict[str, Any]) -> dict[str, Text]:
    """For a workload whose pods ask for Go auto-instrumentation: each facet the sidecar
    would change is not known (set to None in ``facets``, its reason returned); the
    containers at fault are those at fault either way."""
    injected = go_injected(pod_spec(obj)[0], pod_annotations(obj))
    if injected is None:
        return {}
    path = POD_SPEC_PATHS.get(str(kind_of(obj)), ("spec",))
    other_obj: dict[str, Any] = copy.deepcopy(dict(obj))
    holder = other_obj
    for step in path[:-1]:
        holder = holder.setdefault(step, {})
    holder[path[-1]] = injected
    other = workload_facets(other_obj)
    return _unknown_where_they_differ(facets, other, go_reason())


def _unknown_where_they_differ(
    facets: dict[str, Any], other: Mapping[str, Any], why: Text
) -> dict[str, Text]:
    """Make not known (``why``) each facet in which the pod as written (``facets``, changed in
    place) and the pod an operator may build (``other``) differ; keep only the containers at
    fault that both name. The reasons by facet."""
    unknown: dict[str, Text] = {}
    for key in set(facets) | set(other):
        if key != "containers_at_fault" and other.get(key) != facets.get(key):
            facets[key] = None
            unknown[key] = why
    fault = _mapping(other.get("containers_at_fault"))
    facets["containers_at_fault"] = {
        k: kept for k, v in _mapping(facets.get("containers_at_fault")).items()
        if k not in unknown and (kept := tuple(n for n in v if n in fault.get(k, ())))
    }
    return unknown


#: What an injected collector nobody has read could hold: the worst of each setting a sidecar
#: brings (its container, its volumes; it changes no other pod field).
_UNKNOWN_SIDECAR: dict[str, Any] = {
    "name": "otc-container",
    "image": "collector-not-in-the-scan:latest",
    "securityContext": {"privileged": True, "runAsUser": 0, "allowPrivilegeEscalation": True,
                        "capabilities": {"add": ["SYS_ADMIN", "NET_ADMIN"]},
                        "seccompProfile": {"type": "Unconfined"},
                        "appArmorProfile": {"type": "Unconfined"}},
    "ports": [{"containerPort": 4317, "hostPort": 4317}],
    "volumeMounts": [{"name": "otc-unknown-host", "mountPath": "/host"}],
}


def sidecar_collector(
    obj: Mapping[str, Any], index: Mapping[str, Any]
) -> tuple[str, Mapping[str, Any] | None] | None:
    """The sidecar collector the operator injects into the workload's pods
    (``pkg/sidecar/podmutator.go``): None when none is injected (none asked, "false", the
    named collector not in ``sidecar`` mode, "true" and not exactly one sidecar collector in
    the pod's namespace: the operator then injects none); else what was asked and the
    collector, None when it is not in the scan."""
    metadata = _mapping(obj.get("metadata"))
    namespace = str(metadata.get("namespace") or "default")
    space = _mapping(_mapping(index.get("namespaces")).get(namespace))
    wanted = sidecar_wanted(pod_annotations(obj).get(SIDECAR_INJECT),
                            space.get(SIDECAR_INJECT)).strip()
    if not wanted or wanted.lower() == "false":
        return None
    written = index.get("collectors")
    collectors: Mapping[tuple[str, str], Any] = written if isinstance(written, Mapping) else {}
    if wanted.lower() == "true":
        found = [c for (ns, _), c in collectors.items()
                 if ns == namespace and collector_mode(c) == "sidecar"]
        if len(found) > 1:
            return None  # errMultipleInstancesPossible: the pod is created without one
        return (wanted, found[0] if found else None)
    owner, slash, name = wanted.partition("/")
    key = (owner, name) if slash else (namespace, wanted)
    collector = collectors.get(key)
    if collector is not None and collector_mode(collector) != "sidecar":
        return None  # errInstanceNotSidecar
    return (wanted, collector)


def sidecar_container(collector: Mapping[str, Any]) -> dict[str, Any]:
    """The container the operator injects for a sidecar collector (``pkg/sidecar/pod.go``
    ``add``, ``internal/manifests/collector/container.go``): ``otc-container``, its image,
    ``securityContext``, ``resources``, ``env`` / ``envFrom``, ports and ``volumeMounts`` as
    written (its configuration comes in an environment variable: no ``/conf`` volume). With
    the operator's native sidecar support (Kubernetes 1.29+) it is an init container that
    keeps running, with the same settings."""
    spec = _mapping(collector.get("spec"))
    container: dict[str, Any] = {"name": "otc-container"}
    image = spec.get("image")
    container["image"] = image if isinstance(image, str) and image else DEFAULT_IMAGE
    for key in _CONTAINER_FIELDS:
        if spec.get(key) is not None:
            container[key] = copy.deepcopy(spec[key])
    ports = [
        {k: v for k, v in (("name", p.get("name")), ("containerPort", p.get("port")),
                           ("protocol", p.get("protocol")), ("hostPort", p.get("hostPort")))
         if v is not None}
        for p in (_mapping(item) for item in _list(spec.get("ports")))
    ]
    if ports:
        container["ports"] = ports
    if spec.get("volumeMounts"):
        container["volumeMounts"] = copy.deepcopy(_list(spec.get("volumeMounts")))
    return container


def _with_sidecar(pod: Mapping[str, Any], collector: Mapping[str, Any] | None
                  ) -> dict[str, Any]:
    """The pod spec with the collector's container, init containers and volumes added (the
    worst a sidecar may bring when the collector is not known)."""
    found = copy.deepcopy(dict(pod))
    if collector is None:
        found["containers"] = [*_list(found.get("containers")), copy.deepcopy(_UNKNOWN_SIDECAR)]
        found["volumes"] = [*_list(found.get("volumes")),
                            {"name": "otc-unknown-host", "hostPath": {"path": "/"}}]
        return found
    spec = _mapping(collector.get("spec"))
    found["containers"] = [*_list(found.get("containers")), sidecar_container(collector)]
    if spec.get("initContainers"):
        found["initContainers"] = [*_list(found.get("initContainers")),
                                   *copy.deepcopy(_list(spec.get("initContainers")))]
    if spec.get("volumes"):
        found["volumes"] = [*_list(found.get("volumes")),
                            *copy.deepcopy(_list(spec.get("volumes")))]
    return found


def _replaced_pod(obj: Mapping[str, Any], pod: dict[str, Any]) -> dict[str, Any]:
    path = POD_SPEC_PATHS.get(str(kind_of(obj)), ("spec",))
    other: dict[str, Any] = copy.deepcopy(dict(obj))
    holder = other
    for step in path[:-1]:
        holder = holder.setdefault(step, {})
    holder[path[-1]] = pod
    return other


def sidecar_reason(wanted: str) -> Text:
    """Why the facets an injected collector not in the scan may change are not known."""
    return Text(
        en=f"the pod asks the OpenTelemetry Operator to inject the sidecar collector "
        f"'{wanted}' ({SIDECAR_INJECT}), which is not in the scan: the container it adds "
        "is not known",
        th=f"pod ขอให้ OpenTelemetry Operator ใส่ sidecar collector '{wanted}' "
        f"({SIDECAR_INJECT}) ซึ่งไม่อยู่ในข้อมูลที่สแกน: ไม่ทราบคอนเทนเนอร์ที่จะถูกเพิ่ม",
    )


def sidecar_facets(obj: Mapping[str, Any], facets: dict[str, Any],
                   index: Mapping[str, Any] | None
                   ) -> tuple[Mapping[str, Any], dict[str, Text]]:
    """A workload whose pods get a sidecar collector is judged with it, as the operator
    builds it: ``facets`` become those of the pod with the collector's container (the
    workload so built is returned). When the collector asked for is not in the scan, each
    facet an unknown sidecar could change is not known (None, its reason returned) and the
    containers at fault are those at fault either way."""
    if not index:
        return obj, {}
    found = sidecar_collector(obj, index)
    if found is None:
        return obj, {}
    wanted, collector = found
    built = _replaced_pod(obj, _with_sidecar(pod_spec(obj)[0], collector))
    other = workload_facets(built)
    if collector is not None:
        facets.clear()
        facets.update(other)
        return built, {}
    return obj, _unknown_where_they_differ(facets, other, sidecar_reason(wanted))
