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

from collections.abc import Mapping
from typing import Any

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
