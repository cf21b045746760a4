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
from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import (
    ACCOUNT_CHOICES,
    POD_IDENTITY,
    SECRET_HOLDER,
    Facets,
    Reference,
    Resource,
)
from gdcc_audit.normalize.interface import canonical_id
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.secrets.kubernetes import annotation_secrets

#: Terraform block name -> Kubernetes list field, for blocks (a key written as an attribute,
#: ``port = 8080`` of a probe or ``path = "/data"`` of a host path, keeps its own name).
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
    # Ingress rules' paths and TLS; NetworkPolicy rules, their peers and ports; selectors
    "path": "paths",
    "tls": "tls",
    "ingress": "ingress",
    "egress": "egress",
    "from": "from",
    "to": "to",
    "ports": "ports",
    "match_expressions": "matchExpressions",
    # a pod's ``security_context { sysctl { name = ..., value = ... } }``, repeatable
    "sysctl": "sysctls",
}
#: An Ingress backend's ``service { port { number = 80 } }`` is one object, not a list.
_INGRESS_LISTS = {k: v for k, v in _LISTS.items() if k != "port"}

#: Attributes whose value is a map of user keys (never renamed).
_MAPS = frozenset(
    {"labels", "annotations", "limits", "requests", "node_selector", "data", "binary_data",
     "string_data", "match_labels"}
)
#: A Service's ``selector = { app = "web" }`` is a map of labels; a workload's ``selector {
#: match_labels = ... }`` a block.
_MAP_OR_BLOCK = frozenset({"selector"})


#: Kubernetes fields whose name is not the camel case of the provider's (an acronym).
_RENAMED = {
    "host_pid": "hostPID", "host_ipc": "hostIPC", "host_ip": "hostIP",
    "external_ips": "externalIPs", "cluster_ip": "clusterIP", "cluster_ips": "clusterIPs",
    "load_balancer_ip": "loadBalancerIP",
}


#: Integer fields the provider declares as strings holding an integer, "" for not set
#: (``run_as_user = "1000"``; pod and container ``security_context``, provider source
#: ``kubernetes/schema_pod_spec.go`` / ``schema_container.go``: TypeString with
#: ``validateTypeStringNullableInt``). Read as the Kubernetes integer they stand for.
_NULLABLE_INTS = frozenset({"run_as_user", "run_as_group", "fs_group"})
#: Ports the provider declares as strings holding a number or a port name (a Service's
#: ``target_port``, a NetworkPolicy's ``ports { port = "80" }``, an extensions/v1beta1
#: Ingress backend's ``service_port``): the number as an integer, a name as written.
_INT_OR_NAME = frozenset({"target_port", "port", "service_port"})


def _nullable_int(value: Any) -> Any:
    """``"1000"`` -> 1000, ``""`` -> None; anything else as it is."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.lstrip("-").isdigit():
            return int(text)
    return value


def _int_or_name(value: Any) -> Any:
    """``"80"`` -> 80; a port name or anything else as it is."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


def _camel(name: str) -> str:
    if name in _RENAMED:
        return _RENAMED[name]
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _blocks(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )


def to_object(values: Any, lists: dict[str, str] | None = None) -> Any:
    """Terraform values of a kubernetes-provider block as the Kubernetes object fields."""
    lists = _LISTS if lists is None else lists
    if not isinstance(values, dict):
        return values
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key in lists and _blocks(value):
            items = value if isinstance(value, list) else [value]
            out[lists[key]] = [to_object(item, lists) for item in items]
        elif key in lists and value is UNKNOWN:
            out[lists[key]] = value  # ``dynamic "container"`` over a value not known
        elif key in _NULLABLE_INTS:
            out[_camel(key)] = _nullable_int(value)
        elif key in _INT_OR_NAME and not isinstance(value, list | dict):
            out[_camel(key)] = _int_or_name(value)
        elif key in _MAPS or (key in _MAP_OR_BLOCK and isinstance(value, dict)):
            # ``limits = { cpu = "1" }`` (provider 2.x, a map) or ``limits { cpu = "1" }``
            # (1.x, a block: a list of one object): the same map.
            blocks = isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict)
            out[_camel(key)] = value[0] if blocks else value
        elif not isinstance(value, list | dict):
            out[_camel(key)] = value
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            out[_camel(key)] = to_object(value[0], lists)  # a nested block written once
        elif isinstance(value, dict):
            out[_camel(key)] = to_object(value, lists)
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


#: Pod lists a ``dynamic "container"`` (or ``"volume"``) block over a value not known leaves
#: unknown.
_POD_LISTS = frozenset({"containers", "initContainers", "ephemeralContainers", "volumes"})
#: Stand-ins for containers and volumes that are not known: ones that fail every rule and
#: ones that pass them all. A facet that comes out the same with none, with the first and
#: with the second does not depend on them.
_WORST_CONTAINER = {
    "name": "unknown",
    "image": "unknown:latest",
    "securityContext": {
        "privileged": True, "allowPrivilegeEscalation": True, "runAsUser": 0,
        "readOnlyRootFilesystem": False, "capabilities": {"add": ["ALL"]},
        "seccompProfile": {"type": "Unconfined"}, "appArmorProfile": {"type": "Unconfined"},
        "procMount": "Unmasked",
    },
    "ports": [{"containerPort": 22, "hostPort": 22}],
    "env": [{"name": "DB_PASSWORD", "value": "Unkn0wn-Secret-Value!"}],
}
_BEST_CONTAINER = {
    "name": "unknown",
    "image": "registry.invalid/unknown@sha256:" + "0" * 64,
    "securityContext": {
        "privileged": False, "allowPrivilegeEscalation": False, "runAsNonRoot": True,
        "runAsUser": 10001, "readOnlyRootFilesystem": True, "capabilities": {"drop": ["ALL"]},
        "seccompProfile": {"type": "RuntimeDefault"},
    },
    "resources": {"limits": {"cpu": "1", "memory": "1Gi"}},
}


_WORST_VOLUME = {"name": "unknown", "hostPath": {"path": "/"}}
_BEST_VOLUME = {"name": "unknown", "emptyDir": {}}


def _with_pod_lists(value: Any, stand_in: tuple[Any, Any] | None) -> Any:
    """``value`` with each container or volume list that is not known replaced: by an empty
    list (``stand_in`` None), else by a list of the container or the volume ``stand_in``
    gives."""
    if isinstance(value, list):
        return [_with_pod_lists(item, stand_in) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key in _POD_LISTS and item is UNKNOWN:
            one = None if stand_in is None else stand_in[key == "volumes"]
            out[key] = [] if one is None else [copy.deepcopy(one)]
        else:
            out[key] = _with_pod_lists(item, stand_in)
    return out


#: Listing facets where an item found on every reading is a finding whatever the unknown
#: values are: ``add = ["SYS_ADMIN", var.cap]`` adds SYS_ADMIN, and the capability from the
#: variable may be any (a stand-in is none the Pod Security Standards' Baseline allows, so
#: the readings differ).
_FOUND_ON_EVERY_READING = ("dangerous_capabilities",)


def _stable_facets(obj: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Facets that come out the same whatever the unknown values are (containers and volumes
    not known included: none, ones failing every rule, ones passing them all); and the
    listings of :data:`_FOUND_ON_EVERY_READING` that differ between readings but share items:
    those items (a listing known in part)."""
    from gdcc_audit.normalize.kubernetes.mapper import facets_of  # lazy: a sibling mapper

    variants = [obj]
    if _with_pod_lists(obj, None) != obj:
        variants = [
            _with_pod_lists(obj, stand_in)
            for stand_in in (None, (_WORST_CONTAINER, _WORST_VOLUME),
                             (_BEST_CONTAINER, _BEST_VOLUME))
        ]
    runs: list[dict[str, Any]] = []
    for variant in variants:
        for stand_in in (UNKNOWN_TEXT, True, False):
            try:
                runs.append(facets_of(_filled(variant, stand_in)))
            except (TypeError, ValueError, AttributeError, KeyError, IndexError):
                return {}, {}
    first = runs[0]
    stable = {
        name: value
        for name, value in first.items()
        if all(run.get(name) == value for run in runs[1:])
        and UNKNOWN_TEXT not in repr(value)
    }
    in_part: dict[str, Any] = {}
    for name in _FOUND_ON_EVERY_READING:
        readings = [r for r in (run.get(name) for run in runs) if isinstance(r, tuple)]
        if name not in stable and len(readings) == len(runs):
            common = set(readings[0]).intersection(*readings[1:])
            if common:
                in_part[name] = tuple(sorted(common))
    return stable, in_part


#: Attributes that name another object: a pod's service account, a binding's role and subjects.
_NAMING = re.compile(r"(?:^|\.)(?:service_account_name|(?:subject|role_ref)\.\d+\.name)$")


def _named_by_reference(r: TfResource, ctx: TfContext) -> Any:
    """``r.values`` with each name that refers to another kubernetes-provider object
    (``service_account_name = kubernetes_service_account_v1.app.metadata[0].name``, not known
    before apply) replaced by that object's literal ``metadata`` name when the scan has it."""
    values: Any = None
    for ref in r.references:
        if _NAMING.search(ref.attribute) is None or len(r.results.get(ref.attribute, ())) > 1:
            continue  # a name a condition chooses (``account_choices``) is none of its own
        target = ctx.by_address.get(ref.target)
        metadata = object_metadata(target) if target is not None else None
        if metadata is None and target is not None \
                and target.type.startswith("kubernetes_default_service_account"):
            metadata = {"name": "default"}  # whatever its namespace (one not known)
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


#: ``TfContext.memo`` key of the objects built, by resource address (the mapping and the graph
#: attributes read the same object).
_OBJECTS = "kubernetes_objects"


def kubernetes_object(r: TfResource, ctx: TfContext) -> dict[str, Any] | None:
    """The Kubernetes object a kubernetes-provider resource creates, with values that cannot
    be known left as UNKNOWN: the ``manifest`` of a ``kubernetes_manifest`` (or the
    ``yaml_body`` of a ``kubectl_manifest``), the HCL blocks rewritten for the typed
    resources; None for a type that creates no object gdcc-audit reads (or a ``manifest``
    that cannot be known). Built once per resource and values (a case of an input tested
    against null is the same address with other values)."""
    built: dict[str, tuple[Any, dict[str, Any] | None]] = ctx.memo.setdefault(_OBJECTS, {})
    found = built.get(r.address)
    if found is None or found[0] is not r.values:
        found = built[r.address] = (r.values, _build_object(r, ctx))
    return found[1]


def _build_object(r: TfResource, ctx: TfContext) -> dict[str, Any] | None:
    if r.type in ("kubernetes_manifest", "kubectl_manifest"):
        written = (
            r.values.get("manifest") if r.type == "kubernetes_manifest" else _kubectl_object(r)
        )
        return _in_namespace(dict(written)) if isinstance(written, dict) else None
    known = KINDS.get(r.type)
    if known is None:
        return None
    kind, namespaced = known
    lists = _INGRESS_LISTS if kind == "Ingress" else _LISTS
    values = _named_by_reference(r, ctx)
    if kind == "Secret":  # write-only data (provider 2.37+) is data all the same
        values = {**values, "data": _merged_maps(values.get("data"), values.get("data_wo"))}
    obj = to_object(values, lists)
    api = "networking.k8s.io/v1" if kind in ("Ingress", "NetworkPolicy", "IngressClass") \
        else "v1"
    obj = {"apiVersion": api, "kind": kind, **(obj if isinstance(obj, dict) else {})}
    if kind == "ReplicationController":
        _pod_template(obj)
    if namespaced and isinstance(obj.get("metadata"), dict):
        obj["metadata"].setdefault("namespace", "default")
        if r.type.startswith("kubernetes_default_service_account"):
            obj["metadata"]["name"] = "default"
    return obj


def _in_namespace(obj: dict[str, Any]) -> dict[str, Any]:
    """A manifest's object, in ``default`` when it is namespaced and names no namespace."""
    from gdcc_audit.load.kube_kinds import kind_of
    from gdcc_audit.normalize.kubernetes.mapper import CLUSTER_SCOPED  # lazy: a sibling

    metadata = obj.get("metadata")
    if isinstance(metadata, dict) and kind_of(obj) not in CLUSTER_SCOPED:
        obj["metadata"] = {"namespace": "default", **metadata}
    return obj


def kubectl_kind(values: Mapping[str, Any]) -> str | None:
    """The ``kind`` of the one object a ``kubectl_manifest``'s ``yaml_body`` writes; None
    when it is not known."""
    obj = _kubectl_document(values)
    kind = obj.get("kind") if obj is not None else None
    return kind if isinstance(kind, str) else None


def _kubectl_object(r: TfResource) -> dict[str, Any] | None:
    """The object of a ``kubectl_manifest`` (the gavinbunney/kubectl provider): the one YAML
    document of its ``yaml_body``, in ``override_namespace`` when written. None when the
    text is not known or is not one object.
    https://registry.terraform.io/providers/gavinbunney/kubectl/latest/docs/resources/kubectl_manifest
    """
    obj = _kubectl_document(r.values)
    if obj is None:
        return None
    namespace = r.values.get("override_namespace")
    if isinstance(namespace, str) and namespace and isinstance(obj.get("metadata"), dict):
        obj["metadata"] = {**obj["metadata"], "namespace": namespace}
    return obj


def _kubectl_document(values: Mapping[str, Any]) -> dict[str, Any] | None:
    from gdcc_audit.errors import InputError
    from gdcc_audit.load.yamltree import iter_yaml

    text = values.get("yaml_body")
    if not isinstance(text, str) or UNKNOWN_TEXT in text:
        return None
    try:
        documents = [d.data for d in iter_yaml(text, "kubectl_manifest.yaml_body")]
    except InputError:
        return None
    if len(documents) != 1 or not isinstance(documents[0], dict):
        return None
    return dict(documents[0])


def _pod_template(obj: dict[str, Any]) -> None:
    """A ReplicationController written for provider 1.x, whose ``template`` is the pod spec
    itself (``template { container { ... } }``; from 1.11 it holds ``metadata`` and ``spec``),
    as the Kubernetes object has it: the pod spec under ``spec``, the pods labelled with the
    controller's ``selector`` (the provider set them so). Without this its containers were
    not seen at all, and every container rule passed."""
    spec = obj.get("spec")
    template = spec.get("template") if isinstance(spec, dict) else None
    if not isinstance(spec, dict) or not isinstance(template, dict) or "spec" in template:
        return
    selector = spec.get("selector")
    labels = selector if isinstance(selector, dict) else {}
    spec["template"] = {"metadata": {"labels": labels}, "spec": template}


def _merged_maps(*maps: Any) -> Any:
    if any(m is UNKNOWN for m in maps):
        return UNKNOWN
    merged: dict[str, Any] = {}
    for found in maps:
        if isinstance(found, dict):
            merged.update(found)
    return merged or None


def _literal_secrets(obj: dict[str, Any]) -> tuple[str, ...] | None:
    """``data.KEY`` for each value of a Secret written in the configuration, judged as a
    manifest's Secret values are (an empty value, a placeholder or a certificate is none):
    values from elsewhere (``random_password.db.result``, a variable) are not hard-coded.
    None when the data map itself cannot be known."""
    from gdcc_audit.normalize.kubernetes.mapper import secret_facets  # lazy: a sibling

    written: dict[str, Any] = {}
    for section in ("data", "binaryData", "stringData"):
        data = obj.get(section)
        if data is UNKNOWN:
            return None
        if isinstance(data, dict):
            written[section] = {k: v for k, v in data.items() if isinstance(v, str)}
    found: tuple[str, ...] = secret_facets(written)["hardcoded_secrets"]
    return found


def _mapped(r: TfResource, ctx: TfContext) -> Mapped | None:
    """The canonical kind and facets of a kubernetes-provider resource, judged as a manifest
    of the same object is; None (counted as not judged) for a kind gdcc-audit does not judge
    or an object that cannot be known."""
    from gdcc_audit.normalize.kubernetes.mapper import (  # lazy: a sibling
        canonical_kind,
        named_secret_reads,
    )

    obj = kubernetes_object(r, ctx)
    canonical = canonical_kind(obj) if obj is not None else None
    if obj is None or canonical is None:
        return None
    # a rule not wholly known (``verbs = var.verbs``, a dynamic block) gives no reason: the
    # facet itself is judged on every reading (_stable_facets); reading it here raised
    # TypeError and left the role unmapped ("cannot map", the file partially assessed)
    known = canonical == "k8s.role" and _filled(obj, None) == _filled(obj, UNKNOWN_TEXT)
    by_name = named_secret_reads(obj) if known else None
    if by_name is not None:
        ctx.note(r, "reads_secrets", False, because=by_name)
    if obj.get("kind") in ("RoleBinding", "ClusterRoleBinding"):
        obj = _cloud_subjects(obj, r)
    stable, in_part = _stable_facets(obj)
    facets = {k: v for k, v in stable.items() if k in Facets.model_fields}
    for name, found in in_part.items():
        facets[name] = found
        ctx.note(r, name, found, undetermined=("*",))
    if obj.get("kind") == "Secret" and r.type in KINDS:
        facets["hardcoded_secrets"] = _literal_secrets(obj)
    choices = account_choices(r, ctx)
    if choices:
        # a service account a condition chooses: ``default`` in every case, in none, or
        # either (GDCC-K8S-013; a reference in one result was the account for certain)
        named = {c == "default" if c is not None else None for c in choices}
        facets["uses_default_service_account"] = named.pop() if len(named) == 1 else None
    elif facets.get("uses_default_service_account") is None:
        created = _created_account(r, ctx)
        if created is not None:
            facets["uses_default_service_account"] = False
            ctx.note(r, "uses_default_service_account", False, because=Text(
                en=f"service_account_name is the name of {created}, an account the "
                "configuration creates: never the namespace's default one",
                th=f"service_account_name คือชื่อของ {created} ซึ่งเป็นบัญชีที่การตั้งค่านี้"
                "สร้างขึ้นเอง ไม่ใช่บัญชี default ของ namespace"))
    return canonical, Facets(**facets)


#: The types that create a service account (with the Kubernetes API's create: a second
#: ``default`` is refused, AlreadyExists, the ServiceAccount controller having made one in
#: every namespace; "Kubernetes creates a "default" service account in each namespace",
#: registry docs "kubernetes_default_service_account_v1", which adopts that one instead).
#: ``kubernetes_manifest`` / ``kubectl_manifest`` apply (server-side): they would adopt it.
_CREATED_ACCOUNTS = frozenset({"kubernetes_service_account", "kubernetes_service_account_v1"})


def _created_account(r: TfResource, ctx: TfContext) -> str | None:
    """The ``kubernetes_service_account(_v1)`` whose name a pod's ``service_account_name``
    is, exactly (the one reference of the argument, rendering as the account's name does:
    no text around it; no condition, ``coalesce`` or ``try`` that may choose something
    else); None otherwise."""
    for ref in r.references:
        path = ref.attribute
        if not path.endswith("service_account_name") or _NAMING.search(path) is None:
            continue
        if sum(1 for other in r.references if other.attribute == path) != 1 \
                or path in r.beyond or path in r.chosen or path in r.unset \
                or len(r.results.get(path, ())) > 1:
            return None
        target = ctx.resolve(r, ref.target)
        if target is None or target.type not in _CREATED_ACCOUNTS:
            return None
        # the value as the account's name renders (``"${ns}-sync-workspace"``): no text
        # written around the reference
        if r.shapes.get(path, UNKNOWN_TEXT) != target.shapes.get("metadata.0.name",
                                                                  UNKNOWN_TEXT):
            return None
        return target.address
    return None


#: Providers whose resources' and data sources' attributes name cloud identities (an IAM
#: ARN, a Google account e-mail, an Entra object id), never a Kubernetes system group.
_CLOUD_TYPES = ("aws_", "google_", "azurerm_", "azuread_")
_SUBJECT_NAME = re.compile(r"^subject\.(\d+)\.name$")


def _cloud_subjects(obj: dict[str, Any], r: TfResource) -> dict[str, Any]:
    """A binding's object for its facets, with each User or Group subject whose name is an
    attribute of a cloud resource or data source (``name =
    data.aws_caller_identity.current.arn``, EKS's usual subject) named after it: it is not
    known, but it is no ``system:`` group (GDCC-K8S-018 was UNKNOWN on it)."""
    subjects = obj.get("subjects")
    if not isinstance(subjects, list):
        return obj
    named: dict[int, str] = {}
    for ref in r.references:
        found = _SUBJECT_NAME.match(ref.attribute)
        kind = ref.target.removeprefix("data.").split(".", 1)[0]
        if found is not None and kind.startswith(_CLOUD_TYPES) \
                and len(r.results.get(ref.attribute, ())) <= 1:
            named[int(found[1])] = f"<{ref.target}>"
    if not named:
        return obj
    copied = copy.deepcopy(obj)
    for index, name in named.items():
        subject = copied["subjects"][index] if index < len(copied["subjects"]) else None
        if isinstance(subject, dict) and subject.get("name") is UNKNOWN \
                and subject.get("kind") in ("User", "Group"):
            subject["name"] = name
    return copied


def graph_attributes(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """The object's fields as a manifest's resource carries them (what the resource graph
    reads: labels, selectors, ports, Ingress backends, NetworkPolicy rules), a value that
    cannot be known as None; Secret and ConfigMap values are never kept."""
    from gdcc_audit.normalize.kubernetes.mapper import object_attributes  # lazy: a sibling

    obj = kubernetes_object(r, ctx)
    if obj is None:
        return {}
    known = _filled(obj, None)
    found = object_attributes(known) if isinstance(known, dict) else {}
    choices = account_choices(r, ctx)
    if choices is not None:
        found[ACCOUNT_CHOICES] = choices
    roles = pod_identity_roles(obj, ctx) if obj.get("kind") == "ServiceAccount" else []
    if roles:
        found[POD_IDENTITY] = roles
    return found


#: The association that gives an EKS ServiceAccount's pods an IAM role without annotation
#: (https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html).
POD_ASSOCIATION = "aws_eks_pod_identity_association"


def pod_identity_roles(obj: Mapping[str, Any], ctx: TfContext) -> list[str]:
    """The IAM roles EKS Pod Identity associations of the root give a ServiceAccount's pods:
    an association whose ``namespace`` and ``service_account`` are the account's, each worded
    for "the permissions of ... are not known". An association whose namespace or account is
    not known names no account here (its cluster is not compared either)."""
    metadata = obj.get("metadata")
    meta = metadata if isinstance(metadata, Mapping) else {}
    name, namespace = meta.get("name"), meta.get("namespace") or "default"
    if not isinstance(name, str) or not isinstance(namespace, str):
        return []
    found: list[str] = []
    for association in ctx.related([POD_ASSOCIATION]):
        values = association.values
        if values.get("namespace") != namespace or values.get("service_account") != name:
            continue
        role = ctx.referenced(association, "role_arn", ["aws_iam_role"])
        written = values.get("role_arn")
        named = role.address if role is not None else (
            written if isinstance(written, str) and written else None
        )
        what = f"the IAM role {named}" if named else "the IAM role"
        found.append(
            f"{what} it assumes (EKS Pod Identity: {association.address}, not followed from "
            "a Kubernetes account)"
        )
    return found


def account_choices(r: TfResource, ctx: TfContext) -> list[str | None] | None:
    """The service accounts a pod's ``service_account_name`` may name when a condition not
    known chooses it (``TfResource.results``): each a literal name, the name of the
    kubernetes-provider account a result refers to, ``default`` for null or ``""`` (a pod
    naming none), None for one not known; None when no condition chooses."""
    for path, found in r.results.items():
        if not path.endswith("service_account_name") or len(found) < 2:
            continue
        names: list[str | None] = []
        for value, refs in found:
            if value is None or value == "":
                names.append("default")
            elif isinstance(value, str):
                names.append(value)
            else:
                targets = {
                    t.address for ref in refs
                    if (t := ctx.resolve(r, ref)) is not None and t.type in _ACCOUNT_TYPES
                }
                one = ctx.by_address.get(next(iter(targets))) if len(targets) == 1 else None
                metadata = object_metadata(one) if one is not None else None
                names.append(metadata["name"] if metadata is not None else None)
        return list(dict.fromkeys(names))
    return None



#: The Kubernetes kind each type creates (``_v1`` included below) and whether it is namespaced.
KINDS: dict[str, tuple[str, bool]] = {
    f"kubernetes_{name}": (
        kind, kind not in ("ClusterRole", "ClusterRoleBinding", "Namespace", "IngressClass"))
    for name, kind in (
        ("pod", "Pod"), ("deployment", "Deployment"), ("daemonset", "DaemonSet"),
        ("daemon_set", "DaemonSet"), ("stateful_set", "StatefulSet"),
        ("replication_controller", "ReplicationController"), ("job", "Job"),
        ("cron_job", "CronJob"), ("role", "Role"), ("cluster_role", "ClusterRole"),
        ("role_binding", "RoleBinding"), ("cluster_role_binding", "ClusterRoleBinding"),
        # automount_service_account_token: the provider's default is true (schema Default:
        # true, registry docs "kubernetes_service_account_v1"), as the Kubernetes API's.
        ("service_account", "ServiceAccount"),
        # the ``default`` service account of a namespace, whose settings it manages
        # (registry docs "kubernetes_default_service_account_v1")
        ("default_service_account", "ServiceAccount"),
        ("service", "Service"), ("ingress", "Ingress"), ("network_policy", "NetworkPolicy"),
        # an IngressClass names the controller of the Ingresses of its class
        ("ingress_class", "IngressClass"),
        ("secret", "Secret"), ("config_map", "ConfigMap"), ("namespace", "Namespace"),
    )
}
KINDS.update({f"{name}_v1": value for name, value in list(KINDS.items())})
#: kubernetes-provider types that create a service account.
_ACCOUNT_TYPES = frozenset(t for t, (kind, _) in KINDS.items() if kind == "ServiceAccount")
#: Kinds whose objects are named by other objects (a pod names its service account, a
#: binding its role and subjects, every namespaced object its namespace): links to them are
#: followed.
_LINKED = ("ServiceAccount", "Role", "ClusterRole", "Namespace")


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
    if resource.type.startswith("kubernetes_default_service_account"):
        name = "default"
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


def manifest_identity(attributes: dict[str, Any]) -> dict[str, Any]:
    """``kubernetes_name`` (``namespace/Kind/name``) of the object a ``kubernetes_manifest``
    or ``kubectl_manifest`` creates, from its ``graph_attributes``; empty when its kind or
    name is not known."""
    from gdcc_audit.load.kube_kinds import kind_of
    from gdcc_audit.normalize.kubernetes.mapper import address  # lazy: a sibling mapper

    kind = kind_of(attributes)
    metadata = attributes.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    if kind is None or not isinstance(name, str) or not name:
        return {}
    namespace = metadata.get("namespace") if isinstance(metadata, dict) else None
    return {"kubernetes_name": address(kind, name, namespace if isinstance(namespace, str)
                                       else None)}


def manifest_references(attributes: dict[str, Any]) -> tuple[Reference, ...]:
    """The service accounts, roles and namespace the object of a ``kubernetes_manifest`` or
    ``kubectl_manifest`` names (its ``graph_attributes``), as a manifest's object does."""
    from gdcc_audit.normalize.kubernetes.mapper import references_for  # lazy: a sibling

    metadata = attributes.get("metadata")
    namespace = metadata.get("namespace") if isinstance(metadata, dict) else None
    found = references_for(attributes, namespace if isinstance(namespace, str) else "default")
    return tuple(r for r in found if r.target.split("/")[-2] in _LINKED)


MAPPINGS: dict[str, MapFn] = dict.fromkeys(
    [*KINDS, "kubernetes_manifest", "kubectl_manifest"], _mapped
)
#: Types whose mapping gives None for an object it does not judge: counted as not judged.
NOT_JUDGED_WHEN_NONE = frozenset(MAPPINGS)


#: Kinds whose own facets hold the secrets of their annotations (GDCC-SECRET-001 judges
#: them): a workload, a ConfigMap, a Secret.
_ANNOTATIONS_JUDGED = frozenset({"k8s.workload", "k8s.config_map", "k8s.secret"})


def _annotation_holder(made: Resource, r: TfResource, ctx: TfContext) -> list[Resource]:
    """A secret holder for a kubernetes-provider object whose kind GDCC-SECRET-001 does not
    judge (a Service, an Ingress, a Namespace ...) with a secret written in its
    ``metadata.annotations`` (an ingress-nginx ``auth-url`` with credentials: no finding),
    as a manifest of the same object gives one."""
    if made.kind in _ANNOTATIONS_JUDGED or made.kind == SECRET_HOLDER:
        return []
    obj = kubernetes_object(r, ctx)
    metadata = obj.get("metadata") if isinstance(obj, dict) else None
    annotations = metadata.get("annotations") if isinstance(metadata, dict) else None
    found = annotation_secrets(annotations, "metadata.annotations")
    if not found:
        return []
    return [Resource(
        id=canonical_id(made.tenant, made.system, SECRET_HOLDER, made.id),
        kind=SECRET_HOLDER,
        name=made.name,
        provider=made.provider,
        provider_type=made.provider_type,
        tenant=made.tenant,
        system=made.system,
        address=made.address,
        facets=Facets(hardcoded_secrets=found),
        location=made.location,
    )]


def annotation_objects(made: Resource, r: TfResource, ctx: TfContext) -> list[Resource]:
    """The Emissary ``Mapping`` / ``TCPMapping`` objects a kubernetes-provider Service or
    Ingress writes in its ``getambassador.io/config`` annotation, as the resources a manifest
    of the same object gives (``normalize/kubernetes/ambassador.py``): Emissary reads them
    whichever tool applied the object; and a secret holder for secrets written in the
    annotations of an object whose kind GDCC-SECRET-001 does not judge. ``made``: the
    object's own resource (its tenant, system and location); none when the annotation is
    not known."""
    kind = KINDS.get(r.type, ("",))[0]
    if not kind:
        return []  # (first: this is asked of every Terraform resource)
    holder = _annotation_holder(made, r, ctx)
    if kind not in ("Service", "Ingress"):
        return holder
    from gdcc_audit.normalize.kubernetes.ambassador import annotation_routes  # lazy: siblings
    from gdcc_audit.normalize.kubernetes.mapper import (
        address,
        canonical_kind,
        facets_of,
        native_address,
        object_attributes,
    )

    obj = kubernetes_object(r, ctx)
    found: list[Resource] = []
    for route in annotation_routes(obj) if isinstance(obj, dict) else []:
        canonical = canonical_kind(route)
        kind = str(route["kind"]) + ".getambassador.io"
        if canonical is None:
            continue
        name, namespace = route["metadata"]["name"], route["metadata"]["namespace"]
        where = address(kind, name, namespace)
        found.append(Resource(
            id=f"{made.id}:{where}",
            kind=canonical,
            name=where,
            provider="kubernetes",
            provider_type=kind,
            tenant=made.tenant,
            system=made.system,
            address=native_address(kind, name, namespace),
            facets=Facets(**facets_of(route)),
            attributes=object_attributes(route),
            location=made.location,
        ))
    return holder + found


def _helm_value(text: Any, kind: Any) -> Any:
    """A ``set`` value as Helm's ``--set`` reads it (``true`` / ``false`` / ``null``; kept
    as text with ``type = "string"``)."""
    if kind == "string" or not isinstance(text, str):
        return text
    return {"true": True, "false": False, "null": None}.get(text.strip(), text)


def _merge(into: dict[str, Any], found: Any) -> None:
    """Helm's merge of values: maps key by key, anything else replaced."""
    for key, value in found.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _chart_defaults(r: TfResource, chart: str) -> dict[str, Any] | None:
    """The values a ``helm_release``'s chart starts from, under the release's own: a chart
    of a repository (``repository``, an ``oci://`` or ``https://`` reference, a name no
    local directory holds) is the published traefik chart, whose defaults
    ``traefik_files`` knows: ``{}``. A local chart (a directory with a ``Chart.yaml``, as
    Helm resolves a path: absolute, ``${path.module}/...``, or relative to the root
    module's directory, where Terraform runs) starts from its own ``values.yaml``, which a
    copy of the chart may have changed. None when the chart is a path (``./charts/traefik``)
    that is not found or whose values are not read."""
    import os

    import yaml  # only for a helm_release of the traefik chart

    repository = r.values.get("repository")
    if (isinstance(repository, str) and repository) or "://" in chart:
        return {}
    if UNKNOWN_TEXT in chart or repository is UNKNOWN:
        return None
    folder = chart if os.path.isabs(chart) else (
        os.path.join(os.path.dirname(r.file), chart) if not r.module else None)
    explicit = chart.startswith(("/", "./", "../"))
    if folder is None or not os.path.isfile(os.path.join(folder, "Chart.yaml")):
        return None if explicit else {}
    try:
        with open(os.path.join(folder, "values.yaml"), encoding="utf-8") as handle:
            found = yaml.safe_load(handle)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return found if isinstance(found, dict) else {}


def _helm_values(r: TfResource) -> dict[str, Any] | None:
    """The values a ``helm_release`` gives its chart: its ``values`` documents merged in
    order, then its ``set`` entries (dotted names, ``\\.`` a dot in a key); None when one is
    not known (a file not read, a value from a variable) or a ``set_list`` /
    ``set_sensitive`` may change them."""
    import yaml  # only for a helm_release of the traefik chart

    values: dict[str, Any] = {}
    merge = _merge
    written = r.values.get("values")
    for text in written if isinstance(written, list) else ([] if written is None else [written]):
        if not isinstance(text, str) or UNKNOWN_TEXT in text:
            return None
        try:
            found = yaml.safe_load(text)
        except yaml.YAMLError:
            return None
        if isinstance(found, dict):
            merge(values, found)
    if r.values.get("set_list") or r.values.get("set_sensitive"):
        return None
    entries = r.values.get("set")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            return None
        name, value = entry.get("name"), entry.get("value")
        if not isinstance(name, str) or value is UNKNOWN or (
                isinstance(value, str) and UNKNOWN_TEXT in value):
            return None
        keys = [k.replace("\0", ".") for k in name.replace("\\.", "\0").split(".")]
        holder = values
        for key in keys[:-1]:
            if not isinstance(holder.get(key), dict):
                holder[key] = {}  # Helm's --set replaces a value that is not a map
            holder = holder[key]
        holder[keys[-1]] = _helm_value(value, entry.get("type"))
    return values


def chart_release(r: TfResource, made_id: str, location: Any, tenant: str | None,
                  system: str | None) -> Resource | None:
    """A ``helm_release`` of the traefik chart as the entry points the chart renders from its
    values (``normalize/kubernetes/traefik_files.py``), read as a manifest's Flux
    HelmRelease is; None for another chart or values not known."""
    from gdcc_audit.load.kube_kinds import PROXY_CONFIG
    from gdcc_audit.normalize.kubernetes.traefik_files import (  # lazy: a sibling
        TRAEFIK_FILES,
        chart_entry_points,
        traefik_release,
    )

    chart = r.values.get("chart")
    if r.type != "helm_release" or not isinstance(chart, str):
        return None
    spec = {"chart": {"spec": {"chart": chart}}}
    if traefik_release({"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
                        "spec": spec}) is None:
        return None
    values = _helm_values(r)
    defaults = _chart_defaults(r, chart) if values is not None else None
    if values is not None and defaults:
        _merge(defaults, values)
        values = defaults
    elif defaults is None:
        values = None
    release = {"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
               "spec": {"chart": {"spec": {"chart": chart}}, "values": values or {}}}
    points = chart_entry_points(release) if values is not None else None
    if points is None:
        return None
    return Resource(
        id=made_id, kind=PROXY_CONFIG, name=r.address, provider="helm",
        provider_type=r.type, tenant=tenant, system=system, address=r.address,
        attributes={TRAEFIK_FILES: {"values": points}}, location=location,
    )
