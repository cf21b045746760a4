"""Pod security facts of workloads: privileged, root, escalation, host namespaces, limits,
read-only root file system and literal secrets in the environment.

A container's ``securityContext`` overrides the pod's. Kubernetes defaults are applied where
they are fixed by the API (``allowPrivilegeEscalation`` is true, ``privileged`` and
``readOnlyRootFilesystem`` are false). A container with neither ``runAsNonRoot: true`` nor
a ``runAsUser`` (pod or container) runs as whatever user its image names, root unless the
image says otherwise, and the kubelet does not check it (``runAsNonRoot`` unset: "no such
validation will be performed"): ``run_as_root`` is then true by that default, recorded in
:data:`DEFAULTS` so the finding says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.kube_kinds import (
    ECK_KINDS,
    KNATIVE_SERVING,
    KNATIVE_SOURCES,
    OTEL_COLLECTOR,
    kind_of,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.cloudformation.values import detect_secrets
from gdcc_audit.normalize.container_checks import at_fault, dangerous_capability, mutable_image
from gdcc_audit.secrets.detect import detect_secrets as shared_detect_secrets
from gdcc_audit.secrets.kubernetes import annotation_secrets, placeholder_reason

_SECURITY_CONTEXT = "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"
#: "If you have the SeccompDefault feature gate enabled, then Pods use the RuntimeDefault
#: seccomp profile whenever no other seccomp profile is specified. Otherwise, the default is
#: Unconfined." (Kubernetes tutorial "Restrict a Container's Syscalls with seccomp"); the
#: kubelet's ``seccompDefault`` is false unless its configuration sets it.
_SECCOMP = "https://kubernetes.io/docs/tutorials/security/seccomp/"
#: "You cannot apply a seccomp profile to a Pod or container running with privileged: true
#: set in the container's securityContext. Privileged containers always run as Unconfined."
#: (Kubernetes reference, "Seccomp and Kubernetes", Seccomp fields).
_SECCOMP_REFERENCE = "https://kubernetes.io/docs/reference/node/seccomp/"

#: Facet -> (attribute not written, documentation page) for the defaults a workload can take.
DEFAULTS: dict[str, tuple[str, str]] = {
    "run_as_root": ("securityContext.runAsNonRoot", _SECURITY_CONTEXT),
    "seccomp_unconfined": ("securityContext.seccompProfile", _SECCOMP),
}

#: Where the pod spec sits in each workload kind.
POD_SPEC_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    # Argo Rollouts (argoproj.io/v1alpha1) and OpenShift (apps.openshift.io/v1) run pods from
    # a template where a Deployment keeps it.
    "Rollout": ("spec", "template", "spec"),
    "DeploymentConfig": ("spec", "template", "spec"),
    # Knative Serving: a Service and a Configuration hold a revision template whose spec is
    # a pod spec; a Revision's spec is one (https://knative.dev/docs/serving/reference/serving-api/).
    f"Service.{KNATIVE_SERVING}": ("spec", "template", "spec"),
    f"Configuration.{KNATIVE_SERVING}": ("spec", "template", "spec"),
    f"Revision.{KNATIVE_SERVING}": ("spec",),
    # Knative Eventing: a ContainerSource's template has the shape of a Deployment's.
    f"ContainerSource.{KNATIVE_SOURCES}": ("spec", "template", "spec"),
    # ECK: each pod template of an Elasticsearch, Kibana, Beat... as a workload of its own
    # (normalize/kubernetes/eck.py)
    **dict.fromkeys(ECK_KINDS.values(), ("spec", "template", "spec")),
    # an OpenTelemetryCollector's pods as the operator builds them (normalize/kubernetes/otel.py)
    OTEL_COLLECTOR: ("spec", "template", "spec"),
}
_CONTAINER_LISTS = ("initContainers", "containers", "ephemeralContainers")


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def pod_spec(obj: Mapping[str, Any]) -> tuple[Mapping[str, Any], str]:
    """The pod spec of a workload and its dotted path."""
    path = POD_SPEC_PATHS.get(str(kind_of(obj)), ("spec",))
    found: Any = obj
    for step in path:
        found = _mapping(found).get(step)
    return _mapping(found), ".".join(path)


def containers(spec: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Every container of a pod spec with its dotted path (``containers.0``)."""
    found = []
    for key in _CONTAINER_LISTS:
        items = spec.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, Mapping):
                found.append((f"{key}.{index}", item))
    return found


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _runs_as_root(pod: Mapping[str, Any], container: Mapping[str, Any]) -> bool | None:
    user = container.get("runAsUser", pod.get("runAsUser"))
    non_root = container.get("runAsNonRoot", pod.get("runAsNonRoot"))
    if isinstance(user, int) and not isinstance(user, bool):
        return user == 0
    if non_root is True:
        return False
    return None


def _host_process(pod: Mapping[str, Any], container: Mapping[str, Any]) -> bool:
    """A Windows HostProcess container (``windowsOptions.hostProcess``, the container's over
    the pod's): it runs as a process of the node with "privileged access to the Windows
    node", which the Pod Security Standards' Baseline policy forbids with ``privileged``
    (https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)."""
    own = _mapping(container.get("windowsOptions")).get("hostProcess")
    if isinstance(own, bool):
        return own
    return _mapping(pod.get("windowsOptions")).get("hostProcess") is True


def _root(per_container: list[bool | None]) -> bool | None:
    """True when a container runs as root, or may because nothing enforces non-root."""
    if not per_container:
        return None
    return not all(r is False for r in per_container)


def workload_defaults(
    facets: Mapping[str, Any], obj: Mapping[str, Any]
) -> dict[str, DefaultedFacet]:
    """The facets of a workload whose value is a Kubernetes default (attribute not written):
    ``run_as_root`` when it is true only because no container enforces non-root,
    ``seccomp_unconfined`` when no container at fault writes ``Unconfined`` itself."""
    spec, _ = pod_spec(obj)
    pod_context = _mapping(spec.get("securityContext"))
    found: dict[str, DefaultedFacet] = {}
    if facets.get("run_as_root") is True and not any(
        _runs_as_root(pod_context, _mapping(c.get("securityContext"))) is True
        for _, c in containers(spec)
    ):  # runAsUser: 0 written is not a default
        attribute, doc = DEFAULTS["run_as_root"]
        found["run_as_root"] = DefaultedFacet(attribute=attribute, doc=doc)
    if facets.get("seccomp_unconfined") and not any(
        _seccomp(pod_context, _mapping(c.get("securityContext"))) == "Unconfined"
        or _mapping(c.get("securityContext")).get("privileged") is True
        for _, c in containers(spec)
    ):  # Unconfined written, or privileged: true written, is not the default
        attribute, doc = DEFAULTS["seccomp_unconfined"]
        found["seccomp_unconfined"] = DefaultedFacet(attribute=attribute, doc=doc)
    return found


def workload_decided_by(facets: Mapping[str, Any], obj: Mapping[str, Any]) -> dict[str, Text]:
    """Facets of a workload decided by another setting than their own: ``seccomp_unconfined``
    of a privileged container that writes a ``RuntimeDefault`` or ``Localhost`` profile (it
    runs Unconfined all the same, :data:`_SECCOMP_REFERENCE`); ``hardcoded_secrets`` none
    of which is written, where a setting holds a placeholder for a third party's key
    (``HF_TOKEN: HF_TOKEN``: the PASS says so)."""
    spec, _ = pod_spec(obj)
    pod_context = _mapping(spec.get("securityContext"))
    named = set(facets.get("seccomp_unconfined") or ())
    ignored = [
        container_name(path, c)
        for path, c in containers(spec)
        if container_name(path, c) in named
        and _mapping(c.get("securityContext")).get("privileged") is True
        and _seccomp(pod_context, _mapping(c.get("securityContext")))
        in ("RuntimeDefault", "Localhost")
    ]
    decided: dict[str, Text] = {}
    if facets.get("hardcoded_secrets") == () and (held := secret_placeholders(obj)):
        decided["hardcoded_secrets"] = placeholder_reason(held)
    if not ignored:
        return decided
    listed = ", ".join(ignored)
    decided["seccomp_unconfined"] = Text(
        en=f"privileged containers run Unconfined whatever seccomp profile they name: "
        f"{listed}",
        th=f"คอนเทนเนอร์แบบ privileged ทำงานแบบ Unconfined ไม่ว่าจะระบุโปรไฟล์ seccomp ใด: "
        f"{listed}",
    )
    return decided


def _seccomp(pod: Mapping[str, Any], container: Mapping[str, Any]) -> str | None:
    """The seccomp profile type a container runs under: its own ``seccompProfile`` over the
    pod's; None when neither writes one. (The ``seccomp.security.alpha.kubernetes.io``
    annotations are not read: Kubernetes ignores them since v1.27.)"""
    for context in (container, pod):
        kind = _mapping(context.get("seccompProfile")).get("type")
        if isinstance(kind, str) and kind:
            return kind
    return None


_APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/"


def _confinement_disabled(
    pod: Mapping[str, Any], annotations: Mapping[str, Any], name: str,
    container: Mapping[str, Any],
) -> list[str]:
    """``AppArmor unconfined`` when the container runs without an AppArmor profile
    (``appArmorProfile.type: Unconfined``, the container's over the pod's, or the older
    ``container.apparmor.security.beta.kubernetes.io/<name>: unconfined`` annotation), and
    ``procMount Unmasked`` when its /proc is not masked, and the SELinux labels of
    :func:`_selinux`. The Pod Security Standards' Baseline profile forbids them ("AppArmor",
    "/proc Mount Type", "SELinux",
    https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline)."""
    context = _mapping(container.get("securityContext"))
    found = []
    own = _mapping(context.get("appArmorProfile")).get("type")
    profile = own if isinstance(own, str) and own else _mapping(
        pod.get("appArmorProfile")
    ).get("type")
    if profile == "Unconfined" or str(
        annotations.get(_APPARMOR_ANNOTATION + name, "")
    ).lower() == "unconfined":
        found.append(f"AppArmor unconfined: {name}")
    if context.get("procMount") == "Unmasked":
        found.append(f"procMount Unmasked: {name}")
    found.extend(_selinux(pod, context, name))
    return found


#: The SELinux types the Pod Security Standards' Baseline profile allows ("SELinux",
#: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline; the last
#: since Kubernetes v1.31). ``spc_t`` ("super privileged container") and any other type run
#: the container outside the confinement the runtime's ``container_t`` policy gives it.
_SELINUX_TYPES = ("container_t", "container_init_t", "container_kvm_t", "container_engine_t")


def _selinux(
    pod: Mapping[str, Any], context: Mapping[str, Any], name: str
) -> list[str]:
    """``SELinux type <t>: <name>`` for a type the Baseline profile does not allow, and
    ``SELinux user|role <v>: <name>`` for a user or role set at all (Baseline allows them
    only undefined or ``""``), read in the container's ``seLinuxOptions`` and the pod's:
    the Baseline profile restricts both fields wherever they are written. A value that is
    not a text (Terraform's stand-in for a value not known) is written as it is, as for
    :func:`_probe_hosts`: the facet then differs between the readings and is not known."""
    found: list[str] = []
    for options in (
        _mapping(context.get("seLinuxOptions")), _mapping(pod.get("seLinuxOptions"))
    ):
        kind = options.get("type")
        if kind is not None and kind != "" and kind not in _SELINUX_TYPES:
            found.append(f"SELinux type {kind}: {name}")
        for field in ("user", "role"):
            value = options.get(field)
            if value is not None and value != "":
                found.append(f"SELinux {field} {value}: {name}")
    return list(dict.fromkeys(found))


#: Where a container names handlers the kubelet runs: probes and lifecycle hooks.
_PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
_HOOKS = ("postStart", "preStop")


def _probe_hosts(name: str, container: Mapping[str, Any]) -> list[str]:
    """``"<field>.host <value>: <name>"`` for each probe or lifecycle hook of the container
    whose ``httpGet`` or ``tcpSocket`` names a host. The kubelet connects to that host
    instead of the pod's IP, from the node; the Pod Security Standards' Baseline profile
    (v1.34+, "Probes / Lifecycle Hooks") allows the field only undefined or ``""``
    (https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline). A
    value that is not a text (Terraform's stand-in for a value not known) is written as
    it is: the facet then differs between the readings and is not known."""
    handlers = [(p, _mapping(container.get(p))) for p in _PROBES]
    lifecycle = _mapping(container.get("lifecycle"))
    handlers += [(f"lifecycle.{h}", _mapping(lifecycle.get(h))) for h in _HOOKS]
    found = []
    for where, handler in handlers:
        for action in ("httpGet", "tcpSocket"):
            host = _mapping(handler.get(action)).get("host")
            if host is not None and host != "":
                found.append(f"{where}.{action}.host {host}: {name}")
    return found


#: The sysctls the Pod Security Standards' Baseline profile allows a pod to set ("Sysctls",
#: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline), with the
#: Kubernetes version that made each one safe: the page lists those up to v1.29; the
#: PodSecurity admission code allows ``tcp_rmem`` / ``tcp_wmem`` from policy v1.32
#: (``sysctlsAllowedV1Dot32``, staging/src/k8s.io/pod-security-admission/policy/
#: check_sysctls.go) and the kubelet's safe set ("Using sysctls in a Kubernetes Cluster",
#: https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/) adds the last two
#: from v1.37. The newest set is used: a name safe on a newer cluster is not failed (an older
#: kubelet refuses to start a pod with a sysctl it deems unsafe, unless the node allows it).
SAFE_SYSCTLS: dict[str, str] = {
    "kernel.shm_rmid_forced": "1.0",
    "net.ipv4.ip_local_port_range": "1.0",
    "net.ipv4.ip_unprivileged_port_start": "1.0",
    "net.ipv4.tcp_syncookies": "1.0",
    "net.ipv4.ping_group_range": "1.0",
    "net.ipv4.ip_local_reserved_ports": "1.27",
    "net.ipv4.tcp_keepalive_time": "1.29",
    "net.ipv4.tcp_fin_timeout": "1.29",
    "net.ipv4.tcp_keepalive_intvl": "1.29",
    "net.ipv4.tcp_keepalive_probes": "1.29",
    "net.ipv4.tcp_rmem": "1.32",
    "net.ipv4.tcp_wmem": "1.32",
    "net.ipv4.tcp_slow_start_after_idle": "1.37",
    "net.ipv4.tcp_notsent_lowat": "1.37",
}


def _unsafe_sysctls(pod: Mapping[str, Any]) -> list[str]:
    """The names of the pod's ``securityContext.sysctls`` outside :data:`SAFE_SYSCTLS`, each
    once, in order (the field is the pod's only: containers have none). Names are compared
    as written, as the PodSecurity admission check does (``net/ipv4/tcp_syncookies``, the
    slash form the kubelet also accepts, is not in its allowed set). A name that is not a
    text (Terraform's stand-in for a value not known), or a list not known (``dynamic
    "sysctl"``), is written as it is: the facet then differs between the readings and is
    not known.

    A safe name whose value holds ``+`` or ``=`` is listed too, ``<name> value with '+' or
    '='``: CRI-O passed the value to its pinns helper, which read ``+`` as the start of
    another ``name=value`` pair, so ``kernel.shm_rmid_forced: "1+kernel.core_pattern=|/x"``
    set the node's ``core_pattern`` and ran a program as root on the node (cr8escape,
    CVE-2022-0811, CRI-O before 1.19.6 / 1.20.7 / 1.21.6 / 1.22.3 / 1.23.2; kyverno/policies'
    ``prevent-cr8escape`` refuses both characters). No safe sysctl's value holds either."""
    sysctls = pod.get("sysctls")
    if sysctls is None:
        return []
    if not isinstance(sysctls, list):
        return [f"sysctls {sysctls}"]
    found: list[str] = []
    for item in sysctls:
        name = item.get("name") if isinstance(item, Mapping) else item
        if not (isinstance(name, str) and name in SAFE_SYSCTLS):
            found.append(str(name))
            continue
        value = item.get("value") if isinstance(item, Mapping) else None
        if isinstance(value, str) and ("+" in value or "=" in value):
            found.append(f"{name} value with '+' or '='")
    return list(dict.fromkeys(found))


def pod_annotations(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    """The annotations of the pods a workload runs (a Pod's own, else its template's)."""
    spec_path = POD_SPEC_PATHS.get(str(kind_of(obj)), ("spec",))
    holder: Any = obj
    for step in spec_path[:-1]:
        holder = _mapping(holder).get(step)
    return _mapping(_mapping(_mapping(holder).get("metadata")).get("annotations"))


def _annotation_secrets(obj: Mapping[str, Any]) -> list[str]:
    """Secrets written in the workload's annotations and its pod template's (they had no
    finding: only env, args and command were read)."""
    found = list(annotation_secrets(
        _mapping(_mapping(obj.get("metadata")).get("annotations")), "metadata.annotations"
    ))
    template = POD_SPEC_PATHS.get(str(kind_of(obj)), ("spec",))[:-1]
    if template:  # a Pod's own annotations are its pods'
        holder: Any = obj
        for step in template:
            holder = _mapping(holder).get(step)
        found.extend(annotation_secrets(
            _mapping(_mapping(holder).get("metadata")).get("annotations"),
            ".".join((*template, "metadata", "annotations")),
        ))
    return found


def _unlimited(container: Mapping[str, Any]) -> list[str]:
    """The limits (cpu, memory) a container does not set."""
    limits = _mapping(_mapping(container.get("resources")).get("limits"))
    return [name for name in ("cpu", "memory") if limits.get(name) is None]


def _missing_limits(found: list[tuple[str, Mapping[str, Any]]]) -> tuple[str, ...]:
    """The limits some container does not set (both when the pod has no container)."""
    if not found:
        return ("cpu", "memory")
    missing = {name for _, container in found for name in _unlimited(container)}
    return tuple(name for name in ("cpu", "memory") if name in missing)


def _literals(container: Mapping[str, Any]) -> dict[str, Any]:
    """What a container is given written in its definition: its environment values, ``args``
    and ``command`` (read for secrets)."""
    return {
        "env": _env_values(container),
        "args": container.get("args") or [],
        "command": container.get("command") or [],
    }


def secret_placeholders(obj: Mapping[str, Any]) -> list[str]:
    """The paths of a workload's settings holding placeholders for keys or tokens a third
    party issues (``HF_TOKEN: HF_TOKEN``): no secret, said in GDCC-SECRET-001's PASS."""
    spec, spec_path = pod_spec(obj)
    held: list[str] = []
    for path, container in containers(spec):
        shared_detect_secrets(
            _literals(container), path_prefix=f"{spec_path}.{path}", placeholders=held
        )
    return held


def _env_values(container: Mapping[str, Any]) -> dict[str, Any]:
    env: dict[str, Any] = {}
    for item in container.get("env") or []:
        if isinstance(item, Mapping) and isinstance(item.get("name"), str) and "value" in item:
            env[item["name"]] = item["value"]
    return env


#: Added capabilities that make ``allowPrivilegeEscalation: false`` void: "allowPrivilegeEscalation
#: is always true when the container: is run as privileged, or has CAP_SYS_ADMIN" (Kubernetes,
#: "Configure a Security Context for a Pod or Container", _SECURITY_CONTEXT); ``ALL`` holds
#: it. The API server refuses the pair only when the capability is written ``CAP_SYS_ADMIN``
#: (``ValidateSecurityContext``), so ``SYS_ADMIN`` beside ``allowPrivilegeEscalation: false``
#: is admitted (metallb's FRR speaker, ``frr`` container): it PASSed GDCC-K8S-003.
_ESCALATING_CAPABILITIES = frozenset({"SYS_ADMIN", "ALL"})


def _capabilities(container: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    caps = _mapping(_mapping(container.get("securityContext")).get("capabilities"))
    added = [str(c).upper().removeprefix("CAP_") for c in caps.get("add") or []]
    dropped = [str(c).upper().removeprefix("CAP_") for c in caps.get("drop") or []]
    return added, dropped


def container_name(path: str, container: Mapping[str, Any]) -> str:
    """A container's name, or its place in the pod spec (``containers.1``) when it has none."""
    name = container.get("name")
    return name if isinstance(name, str) and name else path


#: A name the API server takes for an object (a DNS subdomain: lowercase letters, digits, ``-``
#: and ``.``; Kubernetes, "Object Names and IDs"). ``serviceAccountName: ${SA}``, ``$(SA)``,
#: ``<your-account>`` or ``SA_NAME`` is a placeholder something fills in before it is applied.
_OBJECT_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")


def account_placeholder_reason(spec: Mapping[str, Any]) -> Text | None:
    """Why the service account a pod spec runs as is not known, when its name is a
    placeholder (:func:`account_placeholder`): GDCC-K8S-012 and GDCC-K8S-013 say so."""
    written = account_placeholder(spec)
    if written is None:
        return None
    return Text(
        en=f"serviceAccountName {written!r} is a placeholder filled in at deploy time",
        th=f"serviceAccountName {written!r} เป็นตัวแทนค่าที่จะกำหนดตอนนำไปใช้งาน",
    )


def account_placeholder(spec: Mapping[str, Any]) -> str | None:
    """The service account name a pod spec writes when it cannot be an object's name (a
    placeholder filled in at deploy time); None otherwise. An empty name is no placeholder:
    the ServiceAccount admission controller sets an empty ``serviceAccountName`` to
    ``default`` ("If you don't specify a ServiceAccount when you create a Pod, Kubernetes
    automatically assigns the ServiceAccount named default", Kubernetes "Service Accounts";
    kubernetes/examples' openshift-origin controllers write ``serviceAccount: ''``: UNKNOWN
    "'' is a placeholder")."""
    account = spec.get("serviceAccountName") or spec.get("serviceAccount")
    if isinstance(account, str) and account and (
        len(account) > 253 or not _OBJECT_NAME.match(account)
    ):
        return account
    return None


def hardening_facets(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Capabilities, host paths and ports, image pinning and the service account of a pod spec.

    ``automountServiceAccountToken`` is kept only when the pod sets it (the service account's
    own setting, else the Kubernetes default true, applies otherwise).
    """
    found = containers(spec)
    dangerous: list[str] = []
    drops_all = bool(found)
    host_ports: list[int] = []
    mutable: list[str] = []
    # On the host's network every container port is a port of the node: "If HostNetwork is
    # specified, this must match ContainerPort" (ContainerPort.hostPort, Kubernetes API
    # reference; the API server fills hostPort with containerPort). Was a PASS.
    host_network = spec.get("hostNetwork") is True
    for _path, container in found:
        added, dropped = _capabilities(container)
        dangerous.extend(c for c in added if dangerous_capability(c))
        drops_all = drops_all and "ALL" in dropped
        for item in container.get("ports") or []:
            port = _mapping(item).get("hostPort")
            if port is None and host_network:
                port = _mapping(item).get("containerPort")
            if isinstance(port, int) and not isinstance(port, bool) and port > 0:
                host_ports.append(port)
        image = container.get("image")
        if mutable_image(image):
            mutable.append(str(image or "<no image>"))
    paths = [
        str(_mapping(_mapping(v).get("hostPath")).get("path", ""))
        for v in spec.get("volumes") or []
        if _mapping(v).get("hostPath") is not None
    ]
    account = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    automount = spec.get("automountServiceAccountToken")
    return {
        "drops_all_capabilities": drops_all,
        "dangerous_capabilities": tuple(sorted(set(dangerous))),
        "host_path_mounts": tuple(paths),
        "host_ports": tuple(sorted(set(host_ports))),
        # each image once (a container and an init container often share one)
        "mutable_images": tuple(dict.fromkeys(mutable)),
        # a placeholder may be filled in with ``default``: not known
        "uses_default_service_account": None if account_placeholder(spec) is not None
        else account == "default",
        "automount_token": automount if isinstance(automount, bool) else None,
    }


def workload_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The pod security facets of one workload object."""
    spec, spec_path = pod_spec(obj)
    pod_context = _mapping(spec.get("securityContext"))
    found = containers(spec)
    names: list[str] = []
    privileged: list[bool] = []
    root: list[bool | None] = []
    escalation: list[bool] = []
    read_only: list[bool] = []
    drops_all: list[bool] = []
    unlimited: list[bool] = []
    secrets: list[str] = []
    unconfined: list[str] = []
    disabled: list[str] = []
    probe_hosts: list[str] = []
    annotations = pod_annotations(obj)
    # seccomp is a Linux kernel feature: a Windows pod (``spec.os.name: windows``) has no
    # profile to set, and the Pod Security Standards' Restricted profile exempts it
    # (https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted).
    windows = _mapping(spec.get("os")).get("name") == "windows"
    for path, container in found:
        context = _mapping(container.get("securityContext"))
        is_privileged = context.get("privileged") is True
        names.append(container_name(path, container))
        if not windows and (
            is_privileged or _seccomp(pod_context, context) not in ("RuntimeDefault", "Localhost")
        ):  # a privileged container runs Unconfined whatever its profile (_SECCOMP_REFERENCE)
            unconfined.append(names[-1])
        disabled.extend(_confinement_disabled(pod_context, annotations, names[-1], container))
        probe_hosts.extend(_probe_hosts(names[-1], container))
        privileged.append(is_privileged or _host_process(pod_context, context))
        root.append(_runs_as_root(pod_context, context))
        escalation.append(
            is_privileged
            or context.get("allowPrivilegeEscalation") is not False
            or bool(_ESCALATING_CAPABILITIES & set(_capabilities(container)[0]))
        )
        read_only.append(context.get("readOnlyRootFilesystem") is True)
        drops_all.append("ALL" in _capabilities(container)[1])
        unlimited.append(bool(_unlimited(container)))
        secrets.extend(detect_secrets(_literals(container), path_prefix=f"{spec_path}.{path}"))
    secrets.extend(_annotation_secrets(obj))
    shared = tuple(key for key in ("hostIPC", "hostNetwork", "hostPID") if spec.get(key) is True)
    return {
        "privileged_container": any(privileged),
        "run_as_root": _root(root),
        "privilege_escalation": any(escalation),
        "host_namespace": bool(shared),
        "host_namespaces": shared,
        "read_only_root_fs": bool(read_only) and all(read_only),
        "resource_limits": bool(found) and not any(unlimited),
        "missing_limits": _missing_limits(found),
        "hardcoded_secrets": tuple(secrets),
        "seccomp_unconfined": tuple(unconfined),
        "confinement_disabled": tuple(disabled),
        "probe_hosts": tuple(probe_hosts),
        "unsafe_sysctls": tuple(_unsafe_sysctls(pod_context)),
        **hardening_facets(spec),
        "containers_at_fault": at_fault(
            names,
            {
                "privileged_container": privileged,
                "run_as_root": [r is not False for r in root],
                "privilege_escalation": escalation,
                "read_only_root_fs": [not r for r in read_only],
                "drops_all_capabilities": [not d for d in drops_all],
                "missing_limits": unlimited,
            },
        ),
    }


def references_of(spec: Mapping[str, Any], namespace: str) -> list[tuple[str, str]]:
    """``(address, attribute)`` of the service account, secrets and config maps a pod uses."""
    refs: list[tuple[str, str]] = []
    account = spec.get("serviceAccountName") or spec.get("serviceAccount")
    if isinstance(account, str):
        refs.append((f"{namespace}/ServiceAccount/{account}", "serviceAccountName"))
    for index, item in enumerate(spec.get("volumes") or []):
        volume = _mapping(item)
        secret = _mapping(volume.get("secret")).get("secretName")
        config = _mapping(volume.get("configMap")).get("name")
        if isinstance(secret, str):
            refs.append((f"{namespace}/Secret/{secret}", f"volumes.{index}"))
        if isinstance(config, str):
            refs.append((f"{namespace}/ConfigMap/{config}", f"volumes.{index}"))
    for path, container in containers(spec):
        for item in container.get("env") or []:
            source = _mapping(_mapping(item).get("valueFrom"))
            for key, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
                name = _mapping(source.get(key)).get("name")
                if isinstance(name, str):
                    refs.append((f"{namespace}/{kind}/{name}", f"{path}.env"))
        for item in container.get("envFrom") or []:
            for key, kind in (("secretRef", "Secret"), ("configMapRef", "ConfigMap")):
                name = _mapping(_mapping(item).get(key)).get("name")
                if isinstance(name, str):
                    refs.append((f"{namespace}/{kind}/{name}", f"{path}.envFrom"))
    return list(dict.fromkeys(refs))
