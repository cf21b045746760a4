"""Elastic Cloud on Kubernetes (ECK): the pods its custom resources run, judged as workloads.

An ``Elasticsearch`` runs a StatefulSet per ``spec.nodeSets[]`` entry, named
``<name>-es-<nodeSet>``; ``Kibana``, ``ApmServer``, ``EnterpriseSearch``, ``Logstash`` and
``ElasticMapsServer`` run the pods of ``spec.podTemplate``; a ``Beat`` or an ``Agent`` those of
``spec.daemonSet.podTemplate``, ``spec.deployment.podTemplate`` (or an Agent's
``spec.statefulSet.podTemplate``). The operator builds each pod from the ``podTemplate`` the
user writes, merged over its own: the user's values win ("Customize Pods",
https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-customize-pods.html). Pod settings
written in the template (host namespaces, ``hostPath`` volumes, ``runAsUser: 0``, the service
account) are facts of the manifest. The operator adds its main container (``elasticsearch``,
``kibana``, a Beat's type...) when the template does not list it, and fills in what its
container does not write:

- its image, ``docker.elastic.co/<product>:<spec.version>`` unless ``spec.image`` is written
  ("Elastic Stack container images",
  https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-custom-images.html);
- a memory request and limit and no CPU limit when the container writes no ``resources``
  ("Manage compute resources", Default behavior,
  https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-managing-compute-resources.html);
- a Beat's or an Agent's state in a ``hostPath`` volume (``beat-data``, ``agent-data``)
  unless the template names a volume so (:data:`_STATE_VOLUMES`);
- for Elasticsearch 8.8.0 and later, on its container and the init containers and sidecars it
  adds: ``allowPrivilegeEscalation: false``, ``capabilities.drop: [ALL]``, ``privileged:
  false``, ``readOnlyRootFilesystem: true`` ("Security context", Default Elasticsearch
  security context,
  https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-security-context.html; the data
  directory is a volume: a claim, or the volume the template names ``elasticsearch-data``).

What else the operator sets is not documented (it depends on the operator's version and its
``set-default-security-context`` flag; in its sources, ``runAsNonRoot`` and a
``RuntimeDefault`` seccomp profile for Elasticsearch, ``automountServiceAccountToken: false``
on most pods): a setting of its container's ``securityContext``, or the pod's
``automountServiceAccountToken``, that the template does not write is then not known. Each
facet is worked out twice, with those settings at their safest and as written: where the two
agree it is known (a privileged sidecar, or ``hostNetwork``, FAILs either way), where they
differ it is not known and says why.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.load.kube_kinds import ECK_KINDS, kind_of
from gdcc_audit.models.common import Text

#: Qualified kind -> (main container's name, image under docker.elastic.co); a Beat's
#: container is named after its ``spec.type`` (``filebeat``), as is its image.
_PRODUCTS: dict[str, tuple[str, str]] = {
    "Elasticsearch": ("elasticsearch", "elasticsearch/elasticsearch"),
    "Kibana": ("kibana", "kibana/kibana"),
    "ApmServer": ("apm-server", "apm/apm-server"),
    "EnterpriseSearch": ("enterprise-search", "enterprise-search/enterprise-search"),
    "Logstash": ("logstash", "logstash/logstash"),
    "ElasticMapsServer": ("maps", "elastic-maps-service/elastic-maps-server"),
    "Agent": ("agent", "beats/elastic-agent"),
    "Beat": ("", "beats/"),
}
_REGISTRY = "docker.elastic.co"
#: Elasticsearch's documented container security context (version 8.8.0 and later).
_ES_CONTEXT: dict[str, Any] = {
    "allowPrivilegeEscalation": False,
    "capabilities": {"drop": ["ALL"]},
    "privileged": False,
    "readOnlyRootFilesystem": True,
}
_ES_CONTEXT_SINCE = (8, 8, 0)
#: The safest value of each container setting the operator may fill in (undocumented).
_SAFEST: dict[str, Any] = {
    "allowPrivilegeEscalation": False,
    "capabilities": {"drop": ["ALL"]},
    "privileged": False,
    "readOnlyRootFilesystem": True,
    "runAsNonRoot": True,
    "seccompProfile": {"type": "RuntimeDefault"},
}
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)")


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def eck_kind(obj: Mapping[str, Any]) -> str | None:
    """The ECK kind of an object (``Elasticsearch``), None when it is none of them."""
    known = kind_of(obj)
    return str(obj.get("kind")) if known in ECK_KINDS.values() else None


def _version(spec: Mapping[str, Any]) -> tuple[int, int, int] | None:
    found = _VERSION.match(str(spec.get("version") or ""))
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


def _templates(kind: str, obj: Mapping[str, Any]) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """``(name of the pods' controller, JSON pointer, podTemplate)`` of each pod template."""
    spec = _mapping(obj.get("spec"))
    name = str(_mapping(obj.get("metadata")).get("name") or "")
    if kind == "Elasticsearch":
        for index, item in enumerate(spec.get("nodeSets") or []):
            node_set = _mapping(item)
            yield (f"{name}-es-{node_set.get('name')}", f"/spec/nodeSets/{index}",
                   _mapping(node_set.get("podTemplate")))
        return
    if kind in ("Beat", "Agent"):
        for key in ("daemonSet", "deployment", "statefulSet"):
            holder = spec.get(key)
            if isinstance(holder, Mapping):
                yield name, f"/spec/{key}", _mapping(holder.get("podTemplate"))
        return
    yield name, "/spec", _mapping(spec.get("podTemplate"))


def _main_container(
    kind: str, spec: Mapping[str, Any], pod: dict[str, Any]
) -> dict[str, Any] | None:
    """The operator's container in ``pod`` (added when the template does not list it), with
    its image and default resources filled in; None when its name is not known."""
    name, image = _PRODUCTS[kind]
    if kind == "Beat":
        beat = spec.get("type")
        if not isinstance(beat, str) or not beat:
            return None
        name, image = beat, image + beat
    listed = pod.setdefault("containers", [])
    if not isinstance(listed, list):
        return None
    found = next((c for c in listed if isinstance(c, dict) and c.get("name") == name), None)
    if found is None:
        found = {"name": name}
        listed.insert(0, found)
    if not found.get("image"):
        written = spec.get("image")
        found["image"] = written if isinstance(written, str) and written else (
            f"{_REGISTRY}/{image}:{spec.get('version')}"
        )
    if not found.get("resources"):
        found["resources"] = {"requests": {"memory": "default"}, "limits": {"memory": "default"}}
    return found


#: The host path a Beat / an Agent keeps its state in when the template names no volume of
#: that name ("Storing local state in host path volume", Configuration of Beats / of Elastic
#: Agent on ECK:
#: https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-beat-configuration.html,
#: https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-elastic-agent-configuration.html;
#: an Agent since 7.15): the volume's name and its path for a namespace, name and Beat type.
_STATE_VOLUMES = {
    "Beat": ("beat-data", "/var/lib/{namespace}/{name}/{type}-data"),
    "Agent": ("agent-data", "/var/lib/elastic-agent/{namespace}/{name}/state"),
}


def _add_state_volume(
    kind: str, spec: Mapping[str, Any], metadata: Mapping[str, Any], pod: dict[str, Any],
    version: tuple[int, int, int] | None,
) -> None:
    """Add the ``hostPath`` a Beat or an Agent keeps its state in, unless the template gives
    a volume of that name (an ``emptyDir``) or it is an Agent before 7.15."""
    found = _STATE_VOLUMES.get(kind)
    if found is None or (kind == "Agent" and version is not None and version < (7, 15, 0)):
        return
    volume, path = found
    volumes = pod.setdefault("volumes", [])
    if not isinstance(volumes, list) or any(
        isinstance(v, Mapping) and v.get("name") == volume for v in volumes
    ):
        return
    where = path.format(namespace=metadata.get("namespace") or "default",
                        name=metadata.get("name"), type=spec.get("type"))
    volumes.append({"name": volume, "hostPath": {"path": where, "type": "DirectoryOrCreate"}})


def _fill(context: dict[str, Any], values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        context.setdefault(key, copy.deepcopy(value))


#: The init containers the operator adds to the pods of a kind, each with the resources its
#: sources give it (None: the main container's, which ``WithInitContainerDefaults`` gives an
#: init container that writes none), and whether it is added only with
#: ``spec.secureSettings``. Elasticsearch: ``elastic-internal-init-filesystem`` (prepares the
#: data, config and plugins directories, chowns them before 8.0), the keystore and
#: ``elastic-internal-suspend`` (cloud-on-k8s ``pkg/controller/elasticsearch/initcontainer``);
#: Kibana ``elastic-internal-init``; Logstash ``logstash-internal-init-config``; a keystore
#: for Kibana, APM Server, a Beat and Logstash with secure settings
#: (``pkg/controller/common/keystore/initcontainer.go``). The Elasticsearch documentation
#: names them "ECK managed sidecars and init containers" ("Security context").
_KEYSTORE = ("elastic-internal-init-keystore", {"cpu": "operator", "memory": "operator"}, True)
_INIT_CONTAINERS: dict[str, tuple[tuple[str, dict[str, str] | None, bool], ...]] = {
    "Elasticsearch": (
        ("elastic-internal-init-filesystem", {"cpu": "100m", "memory": "50Mi"}, False),
        _KEYSTORE,
        ("elastic-internal-suspend", None, False),
    ),
    "Kibana": (("elastic-internal-init", {"cpu": "100m", "memory": "50Mi"}, False), _KEYSTORE),
    "Logstash": (
        ("logstash-internal-init-config", {"cpu": "operator", "memory": "operator"}, False),
        _KEYSTORE,
    ),
    "ApmServer": (_KEYSTORE,),
    "Beat": (_KEYSTORE,),
}


def _add_init_containers(
    kind: str, spec: Mapping[str, Any], pod: dict[str, Any], main: Mapping[str, Any] | None
) -> list[dict[str, Any]]:
    """Add the init containers the operator adds (:data:`_INIT_CONTAINERS`) that the template
    does not list, in front of the template's, with the main container's image (an init
    container "inherits the image of the main container", "Init containers for plugin
    downloads"); one the template lists by that name keeps what it writes over the
    operator's. Return the operator's init containers of the pod."""
    listed = pod.setdefault("initContainers", [])
    if not isinstance(listed, list):
        return []
    ours: list[dict[str, Any]] = []
    added: list[dict[str, Any]] = []
    for name, limits, secure in _INIT_CONTAINERS.get(kind, ()):
        if secure and not spec.get("secureSettings"):
            continue
        found = next((c for c in listed if isinstance(c, dict) and c.get("name") == name), None)
        if found is None:
            found = {"name": name}
            added.append(found)
        if limits is not None:
            found.setdefault("resources", {"limits": dict(limits)})
        elif main is not None:
            found.setdefault("resources", copy.deepcopy(main.get("resources")))
        ours.append(found)
    listed[:0] = added
    if main is not None and kind != "Agent":  # an Agent's builder gives no defaults
        for item in listed:
            if isinstance(item, dict) and not item.get("image"):
                item["image"] = main.get("image")
    return ours


#: The kinds whose pods' every container writing no ``securityContext`` is given the
#: operator's (``WithContainersSecurityContext`` in ``pkg/controller/elasticsearch/nodespec``
#: and ``pkg/controller/kibana/pod.go``); elsewhere only its own containers may be.
_ALL_CONTAINERS = ("Elasticsearch", "Kibana")


#: Stack monitoring ("Enable stack monitoring on ECK deployments": "Metricbeat and Filebeat
#: are deployed as sidecar containers in the same Pod", for the kinds of
#: :data:`_MONITORED`, when ``spec.monitoring.metrics`` / ``.logs`` reference a monitoring
#: cluster; "Override the Beats Pod Template": a container of the template named
#: ``metricbeat`` / ``filebeat`` is merged into them). The operator gives them no resources
#: (``pkg/controller/common/stackmon/sidecar.go``).
_MONITORED = ("Elasticsearch", "Kibana", "Beat", "Logstash")
_SIDECARS = (("metrics", "metricbeat"), ("logs", "filebeat"))


def _add_sidecars(
    kind: str, spec: Mapping[str, Any], pod: dict[str, Any]
) -> list[dict[str, Any]]:
    """Add the stack monitoring sidecars of :data:`_SIDECARS` the object asks for (a
    template container of that name is theirs, the template's values over the operator's);
    return them."""
    monitoring = _mapping(spec.get("monitoring"))
    listed = pod.get("containers")
    if kind not in _MONITORED or not monitoring or not isinstance(listed, list):
        return []
    found: list[dict[str, Any]] = []
    for key, beat in _SIDECARS:
        wanted = _mapping(monitoring.get(key))
        if not (wanted.get("elasticsearchRefs") or wanted.get("elasticsearchRef")):
            continue
        container = next(
            (c for c in listed if isinstance(c, dict) and c.get("name") == beat), None
        )
        if container is None:
            container = {"name": beat}
            listed.append(container)
        if not container.get("image"):
            container["image"] = f"{_REGISTRY}/beats/{beat}:{spec.get('version')}"
        found.append(container)
    return found


def _open(
    kind: str, pod: Mapping[str, Any], ours: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The containers of a pod whose ``securityContext`` the operator may set: those that
    write none, among its own (``ours``: the main container and the init containers it
    adds) or, for :data:`_ALL_CONTAINERS`, all. One the template writes is kept as written,
    not merged (``WithContainersSecurityContext`` sets only a nil securityContext:
    ``pkg/controller/common/defaults/pod_template.go``)."""
    names = {str(c.get("name")) for c in ours}
    lists = [pod.get(key) for key in ("initContainers", "containers")]
    return [
        item for items in lists if isinstance(items, list) for item in items
        if isinstance(item, dict) and item.get("securityContext") is None
        and (kind in _ALL_CONTAINERS or str(item.get("name")) in names)
    ]


def _why(kind: str, name: str, names: list[str], bare: list[str], documented: bool) -> Text:
    """Why the pods of a template may be other than written: what the operator may set."""
    parts_en, parts_th = [], []
    if names:
        listed = ", ".join(dict.fromkeys(names))
        parts_en.append(f"the securityContext of containers {listed}")
        parts_th.append(f"securityContext ของคอนเทนเนอร์ {listed}")
    if bare:
        listed = ", ".join(bare)
        parts_en.append(f"the resources of init containers {listed}")
        parts_th.append(f"resources ของ init container {listed}")
    parts_en.append("the pod's automountServiceAccountToken")
    parts_th.append("automountServiceAccountToken ของ pod")
    beyond = " beyond the documented defaults of Elasticsearch 8.8.0 and later" \
        if documented else ""
    beyond_th = " นอกเหนือจากค่าเริ่มต้นที่มีในเอกสารของ Elasticsearch 8.8.0 ขึ้นไป" \
        if documented else ""
    return Text(
        en=f"the ECK operator may set what the pod template of {kind} {name} does not "
        f"write ({', '.join(parts_en)}){beyond}: its defaults are not documented",
        th=f"ECK operator อาจกำหนดค่าที่ pod template ของ {kind} {name} ไม่ได้เขียนไว้ "
        f"({', '.join(parts_th)}){beyond_th}: ค่าเริ่มต้นไม่มีในเอกสาร",
    )


def eck_pods(
    obj: Mapping[str, Any],
) -> Iterator[tuple[str, dict[str, Any], dict[str, Any], Text | None]]:
    """For each pod template of an ECK object: the JSON pointer of its holder, the pods as a
    workload (``spec.template``) with the operator's settings as written or documented, the
    same with every container setting it may fill in at its safest, and why the two may
    differ (None when they cannot)."""
    kind = str(obj.get("kind"))
    spec = _mapping(obj.get("spec"))
    metadata = _mapping(obj.get("metadata"))
    version = _version(spec)
    documented = kind == "Elasticsearch" and version is not None and version >= _ES_CONTEXT_SINCE
    # "In versions of Elasticsearch before 8.0.0, the Elasticsearch container is run as
    # root" ("Security context"): so is every container of its image the pod runs as no
    # other user, the operator's init containers included.
    root_image = kind == "Elasticsearch" and version is not None and version < (8, 0, 0)
    for name, pointer, template in _templates(kind, obj):
        pod = copy.deepcopy(dict(_mapping(template.get("spec"))))
        main = _main_container(kind, spec, pod)
        _add_state_volume(kind, spec, metadata, pod, version)
        ours = _add_init_containers(kind, spec, pod, main)
        ours = ([main] if main is not None else []) + ours + _add_sidecars(kind, spec, pod)
        open_containers = _open(kind, pod, ours)
        if documented:  # the main container and the operator's init containers
            for item in open_containers:
                if any(item is c for c in ours):
                    item["securityContext"] = copy.deepcopy(_ES_CONTEXT)
        written = _workload(obj, metadata, name, template, pod)
        safest_pod = copy.deepcopy(pod)
        why: Text | None = None
        pod_context = _mapping(pod.get("securityContext"))
        names = [str(c.get("name")) for c in open_containers]
        if documented:  # they were given the documented context: the operator may add more
            names = [str(c.get("name")) for c in ours
                     if c.get("securityContext") == _ES_CONTEXT] + names
        if names:
            for item in _open(kind, safest_pod, ours) + [
                c for key in ("initContainers", "containers")
                for c in safest_pod.get(key) or []
                if isinstance(c, dict) and str(c.get("name")) in names
                and c.get("securityContext") == _ES_CONTEXT
            ]:
                context = item.setdefault("securityContext", {})
                values = dict(_SAFEST)
                if any(k in context or k in pod_context for k in ("runAsUser", "runAsNonRoot")) \
                        or (root_image and main is not None
                            and item.get("image") == main.get("image")):
                    values.pop("runAsNonRoot")
                if "seccompProfile" in pod_context:
                    values.pop("seccompProfile")
                _fill(context, values)
        # an init container of the template that writes no resources is given the main
        # container's (``WithInitContainerDefaults``, all kinds but Agent; not documented)
        bare = [] if main is None or not main.get("resources") or kind == "Agent" else [
            c for c in safest_pod.get("initContainers") or []
            if isinstance(c, dict) and not c.get("resources")
        ]
        for item in bare:
            item["resources"] = copy.deepcopy(main.get("resources") if main else None)
        if main is not None:
            safest_pod.setdefault("automountServiceAccountToken", False)
            why = _why(kind, name, names, [str(c.get('name')) for c in bare], documented)
        safest = _workload(obj, metadata, name, template, safest_pod)
        yield pointer, written, safest, why


def _workload(
    obj: Mapping[str, Any], metadata: Mapping[str, Any], name: str,
    template: Mapping[str, Any], pod: dict[str, Any],
) -> dict[str, Any]:
    """The pods of a template as a workload of the ECK kind (``spec.template``), with the
    label the operator selects them by (:func:`_pod_labels`)."""
    kept = {k: v for k, v in metadata.items() if k in ("namespace", "labels", "annotations")}
    pod_metadata = dict(_mapping(template.get("metadata")))
    pod_metadata["labels"] = {**dict(_mapping(pod_metadata.get("labels"))),
                              **_pod_labels(obj)}
    return {
        "apiVersion": obj.get("apiVersion"),
        "kind": obj.get("kind"),
        "metadata": {**kept, "name": name},
        "spec": {"template": {"metadata": pod_metadata, "spec": pod}},
    }


#: Kind -> (the label ECK puts the object's name in on its pods, the suffix of the HTTP
#: Service it makes, that Service's port). "Access Elastic Stack services": the operator
#: makes a ClusterIP Service ``<name>-es-http`` (9200), ``<name>-kb-http`` (5601)...,
#: whose ``spec`` the object's ``spec.http.service`` overrides (``type: LoadBalancer``
#: publishes it), https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-services.html.
_HTTP: dict[str, tuple[str, str, int]] = {
    "Elasticsearch": ("elasticsearch.k8s.elastic.co/cluster-name", "es-http", 9200),
    "Kibana": ("kibana.k8s.elastic.co/name", "kb-http", 5601),
    "ApmServer": ("apm.k8s.elastic.co/name", "apm-http", 8200),
    "EnterpriseSearch": ("enterprisesearch.k8s.elastic.co/name", "ent-http", 3002),
    "ElasticMapsServer": ("maps.k8s.elastic.co/name", "ems-http", 3000),
    "Agent": ("agent.k8s.elastic.co/name", "agent-http", 8220),
    "Logstash": ("logstash.k8s.elastic.co/name", "ls-api", 9600),
    "Beat": ("beat.k8s.elastic.co/name", "", 0),
}


def _pod_labels(obj: Mapping[str, Any]) -> dict[str, str]:
    label = _HTTP[str(obj.get("kind"))][0]
    return {label: str(_mapping(obj.get("metadata")).get("name") or "")}


#: The kinds whose HTTP endpoint serves TLS unless ``spec.http.tls.selfSignedCertificate
#: .disabled`` is true and no ``spec.http.tls.certificate.secretName`` is given ("TLS
#: certificates": ECK secures the HTTP layer with a self-signed certificate by default, and
#: "you can explicitly disable TLS for Kibana, APM Server, Enterprise Search and the HTTP
#: layer of Elasticsearch", https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-tls-certificates.html;
#: ``HTTPConfig.Protocol`` in ``pkg/apis/common/v1/common.go``).
_HTTP_TLS = ("Elasticsearch", "Kibana", "ApmServer", "EnterpriseSearch", "ElasticMapsServer",
             "Agent")


def http_tls(obj: Mapping[str, Any]) -> bool | None:
    """Whether the HTTP endpoint of an ECK object serves TLS (None: not known)."""
    if str(obj.get("kind")) not in _HTTP_TLS:
        return None
    tls = _mapping(_mapping(_mapping(obj.get("spec")).get("http")).get("tls"))
    disabled = _mapping(tls.get("selfSignedCertificate")).get("disabled") is True
    return not disabled or bool(_mapping(tls.get("certificate")).get("secretName"))


def _transport_tls(spec: Mapping[str, Any]) -> bool:
    """Elasticsearch's transport layer is TLS: ECK sets ``xpack.security.transport.ssl.enabled``
    ("Settings managed by ECK"), unless a node set's ``config`` writes it false."""
    key = "xpack.security.transport.ssl.enabled"
    for item in spec.get("nodeSets") or []:
        config: Any = _mapping(_mapping(item).get("config"))
        if config.get(key) is False:
            return False
        for part in key.split("."):
            config = _mapping(config).get(part) if isinstance(config, Mapping) else None
        if config is False:
            return False
    return True


def eck_services(
    obj: Mapping[str, Any],
) -> Iterator[tuple[str, dict[str, Any], bool | None]]:
    """The Services the operator makes for an ECK object, each with the JSON pointer of what
    configures it and whether what it reaches is served in TLS (None: not known): the HTTP
    Service (none for a Beat; an Agent's only in Fleet Server mode), its ``spec`` over the
    written ``spec.http.service`` (its ``metadata`` annotations too), a Logstash's
    ``spec.services[]``; an Elasticsearch's transport Service ``<name>-es-transport`` (9300,
    headless unless ``spec.transport.service`` gives a type: "Transport settings") and, with
    ``spec.remoteClusterServer.enabled``, ``<name>-es-remote-cluster`` (9443, over
    ``spec.remoteClusterServer.service``: "Remote clusters", API key based security model)."""
    kind = str(obj.get("kind"))
    spec = _mapping(obj.get("spec"))
    metadata = _mapping(obj.get("metadata"))
    name = str(metadata.get("name") or "")
    _label, suffix, port = _HTTP[kind]
    tls = http_tls(obj)
    written: list[tuple[str, str, Mapping[str, Any], int, str, bool | None]] = []
    # a Logstash's ``spec.services[]`` entry is ``{name, service: {metadata, spec}}``, made
    # as ``<name>-ls-<entry name>``; the one named ``api`` is its API Service, with the
    # default's selector and ports where it writes none (``reconcileServices``,
    # ``pkg/controller/logstash/service.go``)
    extra = [_mapping(item) for item in spec.get("services") or []] if kind == "Logstash" else []
    api = next((i for i, item in enumerate(extra) if item.get("name") == "api"), None)
    if api is not None:
        written.append((suffix, f"/spec/services/{api}/service",
                        _mapping(extra[api].get("service")), port, "api", None))
    elif suffix and (kind != "Agent" or spec.get("fleetServerEnabled") is True):
        written.append((suffix, "/spec/http/service",
                        _mapping(_mapping(spec.get("http")).get("service")), port,
                        "http" if tls is False else "https", tls))
    if kind == "Elasticsearch":
        written.append(("es-transport", "/spec/transport/service",
                        _mapping(_mapping(spec.get("transport")).get("service")), 9300,
                        "tls-transport", _transport_tls(spec)))
        server = _mapping(spec.get("remoteClusterServer"))
        if server.get("enabled") is True:
            written.append(("es-remote-cluster", "/spec/remoteClusterServer/service",
                            _mapping(server.get("service")), 9443, "rcs", True))
    for index, item in enumerate(extra):
        if index != api and _mapping(_mapping(item.get("service")).get("spec")).get("ports"):
            written.append((f"ls-{item.get('name')}", f"/spec/services/{index}/service",
                            _mapping(item.get("service")), 0, "", None))
    for service_suffix, pointer, service, number, port_name, encrypted in written:
        service_spec = dict(_mapping(service.get("spec")))
        if not service_spec.get("type"):
            service_spec["type"] = "ClusterIP"
            if service_suffix in ("es-transport", "es-remote-cluster"):
                service_spec["clusterIP"] = "None"  # headless
        if not service_spec.get("ports") and number:
            service_spec["ports"] = [{"name": port_name, "port": number, "targetPort": number}]
        service_spec["selector"] = _pod_labels(obj)
        service_metadata = dict(_mapping(service.get("metadata")))
        service_metadata["name"] = f"{name}-{service_suffix}"
        if metadata.get("namespace"):
            service_metadata["namespace"] = metadata.get("namespace")
        yield pointer, {"apiVersion": "v1", "kind": "Service", "metadata": service_metadata,
                        "spec": service_spec}, encrypted


def without_pods(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The object without its pod templates (read for secrets as a custom resource: what the
    pods are given is read with the pods)."""
    found = copy.deepcopy(dict(obj))
    spec = found.get("spec")
    if not isinstance(spec, dict):
        return found
    spec.pop("podTemplate", None)
    for key in ("daemonSet", "deployment", "statefulSet"):
        if isinstance(spec.get(key), dict):
            spec[key].pop("podTemplate", None)
    for item in spec.get("nodeSets") or []:
        if isinstance(item, dict):
            item.pop("podTemplate", None)
    return found
