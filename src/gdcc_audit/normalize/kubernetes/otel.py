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

from gdcc_audit.load.kubernetes import kind_of
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
    why = go_reason()
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
