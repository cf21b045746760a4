"""Kubernetes facts that rest on other objects of the scan (the manifests of one scan are one
cluster), worked out once every object is mapped:

- an aggregated ClusterRole grants what the ClusterRoles its ``aggregationRule`` selects by
  label grant ("the control plane overwrites any values that you manually specify in the rules
  field of an aggregate ClusterRole", Using RBAC Authorization, Aggregated ClusterRoles,
  https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles):
  what a selected role of the scan grants, it grants too; what none of them grants stays not
  known (roles of the cluster outside the scan may be selected), unless every selector
  requires a label of the project's own (not in the ``kubernetes.io`` / ``k8s.io`` domains
  Kubernetes reserves: no built-in role carries it, unlike
  ``rbac.authorization.k8s.io/aggregate-to-edit``), the scan holds roles with it and each
  is known: those are the project's roles, and it is not granted;
- a pod mounts the host path of a ``hostPath`` PersistentVolume its PersistentVolumeClaim is
  bound to (Persistent Volumes, Binding:
  https://kubernetes.io/docs/concepts/storage/persistent-volumes/#binding): the claim names
  the volume (``volumeName``), the volume names the claim (``claimRef``), or the claim asks
  for the volume's storage class and the volume fits it (access modes, size, selector,
  volume mode). A claim that writes no storage class binds to a volume without one only when
  the cluster has no default StorageClass (the DefaultStorageClass admission plugin gives the
  claim the default class), which no manifest shows: not known;
- a binding that gives everyone a role of the scan that grants nothing that matters
  (``system:authenticated`` and a role that only uses PodSecurityPolicies,
  ``system:unauthenticated`` and a role that only reads the health URLs or kubeadm's
  cluster-info ConfigMap): public_bindings.py, which also says why a grant of the
  service-account issuer discovery URLs to everyone FAILs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.kube_kinds import FORMAT, selector_matches
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.kubernetes.mapper import AGGREGATED, ROLE_FACETS, aggregated
from gdcc_audit.normalize.kubernetes.public_bindings import BINDING, narrowed
from gdcc_audit.normalize.kubernetes.workload import pod_spec

#: The canonical kind of a PersistentVolume.
PERSISTENT_VOLUME = "k8s.persistent_volume"
_HOST_PATHS = "host_path_mounts"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _metadata(resource: Resource) -> Mapping[str, Any]:
    return _map(resource.attributes.get("metadata"))


def _name(resource: Resource) -> str:
    found = _metadata(resource).get("name")
    return found if isinstance(found, str) else resource.name


def _namespace(resource: Resource) -> str | None:
    """The namespace the manifest writes (None: not written, it lands where it is applied)."""
    found = _metadata(resource).get("namespace")
    return found if isinstance(found, str) and found else None


def link(resources: Sequence[Resource], unassessed: Sequence[str] = ()) -> list[Resource]:
    """``resources`` with the facts above filled in; the others are returned as they are
    (the same objects). Nothing is done in a scan without such objects. ``unassessed``: the
    places (``file:line``) of YAML / JSON input not assessed, which may hold any object."""
    roles = [
        r for r in resources
        if r.origin == FORMAT and r.provider_type == "ClusterRole" and r.kind == "k8s.role"
    ]
    volumes = [
        r for r in resources
        if r.origin == FORMAT and r.kind == PERSISTENT_VOLUME and r.facets.host_path_mounts
    ]
    changed: dict[str, Resource] = {}
    if any(aggregated(r.attributes) for r in roles):
        foreign = any(r.kind == "k8s.role" and r.origin != FORMAT for r in resources)
        changed.update(_aggregate(roles, foreign, tuple(unassessed)))
    bindings = [r for r in resources if r.kind == BINDING and r.facets.public_grants]
    if bindings:
        bound = [r for r in resources if r.kind == "k8s.role"]
        config_maps = [r for r in resources if r.kind == "k8s.config_map"]
        for binding in bindings:
            found = narrowed(binding, bound, config_maps)
            if found is not None:
                changed[binding.id] = found
    if volumes:
        claims = [
            r for r in resources
            if r.origin == FORMAT and r.provider_type == "PersistentVolumeClaim"
        ]
        for workload in resources:
            if workload.origin == FORMAT and workload.kind == "k8s.workload":
                updated = _mount_volumes(workload, claims, volumes)
                if updated is not None:
                    changed[workload.id] = updated
    if not changed:
        return list(resources)
    return [changed.get(r.id, r) for r in resources]


# -- aggregated ClusterRoles -------------------------------------------------------------------
def _granted(resource: Resource, facet: str) -> bool:
    value = getattr(resource.facets, facet)
    return bool(value)  # True, or a non-empty tuple (rbac_escalation)


def _aggregate(
    roles: list[Resource], foreign: bool = False, unassessed: tuple[str, ...] = ()
) -> dict[str, Resource]:
    """Aggregated ClusterRoles with the grants of the roles they select (nested aggregation
    included: repeated until nothing changes). ``foreign``: the scan holds roles of another
    format (the Terraform kubernetes provider), whose labels are not read here;
    ``unassessed``: places of the input not assessed (a role of the project's own labels may
    be there)."""
    current = {r.id: r for r in roles}
    selects: dict[str, list[str]] = {}
    own: dict[str, str | None] = {}
    for role in roles:
        if not aggregated(role.attributes):
            continue
        selectors = _list(_map(role.attributes.get("aggregationRule")).get("clusterRoleSelectors"))
        matches = [
            (other, [selector_matches(_map(s), _labels(other)) for s in selectors])
            for other in roles if other.id != role.id
        ]
        selects[role.id] = [other.id for other, found in matches if True in found]
        told = all(m is not None for _other, found in matches for m in found)
        own[role.id] = _own_labels(selectors) if told and not foreign else None
    changed: dict[str, Resource] = {}
    for _ in range(len(selects) + 1):
        progress = False
        for role_id, selected in selects.items():
            updated = _with_grants(
                current[role_id], [current[s] for s in selected], own[role_id],
                _selected_labels(current[role_id]), unassessed,
            )
            if updated is not None:
                current[role_id] = changed[role_id] = updated
                progress = True
        if not progress:
            break
    return changed


#: Label key domains Kubernetes reserves for its own components ("Labels and Selectors",
#: Syntax and character set: "The kubernetes.io/ and k8s.io/ prefixes are reserved for
#: Kubernetes core components"); the built-in ClusterRoles carry only such labels
#: (``kubernetes.io/bootstrapping``, ``rbac.authorization.k8s.io/aggregate-to-edit``), which
#: roles of any add-on installed in the cluster carry too.
_RESERVED_DOMAINS = ("kubernetes.io", "k8s.io")


def _reserved(key: str) -> bool:
    domain = key.split("/", 1)[0] if "/" in key else ""
    return any(domain == d or domain.endswith("." + d) for d in _RESERVED_DOMAINS)


def _required_labels(selector: Mapping[str, Any]) -> list[str]:
    """The labels a selector requires a role to carry (``key=value``, ``key in (a, b)``,
    ``key``), as written."""
    found = [f"{k}={v}" for k, v in _map(selector.get("matchLabels")).items()]
    for item in _list(selector.get("matchExpressions")):
        expression = _map(item)
        key, op = expression.get("key"), expression.get("operator")
        if op == "In":
            values = ", ".join(str(v) for v in _list(expression.get("values")))
            found.append(f"{key} in ({values})")
        elif op == "Exists":
            found.append(str(key))
    return found


def _selected_labels(role: Resource) -> str:
    """The labels an aggregated role's selectors require, for its reasons."""
    selectors = _list(_map(role.attributes.get("aggregationRule")).get("clusterRoleSelectors"))
    labels = [label for s in selectors for label in _required_labels(_map(s))]
    return ", ".join(labels) or "any label"


def _own_labels(selectors: list[Any]) -> str | None:
    """The labels the selectors of an aggregated ClusterRole require, when each selector
    requires a label of the project's own (not in a domain Kubernetes reserves: no built-in
    role, nor a role an add-on adds to the built-in ones, carries it), so the roles it
    selects are the project's own roles, which its manifests hold; None otherwise (a
    selector of a built-in aggregation label, ``rbac.authorization.k8s.io/aggregate-to-*``,
    or one requiring no label)."""
    labels: list[str] = []
    for item in selectors:
        selector = _map(item)
        keys = [str(k) for k in _map(selector.get("matchLabels"))] + [
            str(_map(e).get("key")) for e in _list(selector.get("matchExpressions"))
            if _map(e).get("operator") in ("In", "Exists")
        ]
        if any(_reserved(k) for k in keys) or not any(not _reserved(k) for k in keys):
            return None
        labels += _required_labels(selector)
    return ", ".join(labels) if labels else None


def _labels(resource: Resource) -> dict[str, str]:
    return {str(k): str(v) for k, v in _map(_metadata(resource).get("labels")).items()}


def _with_grants(
    role: Resource, selected: list[Resource], own: str | None, labels: str,
    unassessed: tuple[str, ...] = (),
) -> Resource | None:
    """``role`` with each facet a selected role grants set (and said how); a facet none of
    them grants is not granted when the role selects only by labels of the project's own
    (``own``), every role of the scan it selects is known and no input was left unassessed
    (``unassessed``: a role so labelled may be there), else not known, the reason naming the
    roles of the scan it selects and its labels; None when nothing changes."""
    facets: dict[str, Any] = {}
    decided = dict(role.decided_by)
    unknown = dict(role.unknown)
    names = sorted(f"ClusterRole/{_name(s)}" for s in selected)
    listed_names = ", ".join(names)
    for facet in ROLE_FACETS:
        if facet not in role.unknown:
            continue
        granting = sorted(f"ClusterRole/{_name(s)}" for s in selected if _granted(s, facet))
        if not granting:
            known = all(
                facet not in s.unknown and getattr(s.facets, facet) is not None
                for s in selected
            )
            if own is not None and names and known and unassessed:
                where = ", ".join(unassessed[:3]) + (", …" if len(unassessed) > 3 else "")
                unknown[facet] = Text(
                    en=f"{AGGREGATED.en}; none of those in the scan grants it "
                    f"({listed_names}), but part of the input was not assessed ({where}) "
                    f"and may hold a ClusterRole labelled {own}",
                    th=f"{AGGREGATED.th}; ไม่มี ClusterRole ที่เลือกในข้อมูลที่ตรวจให้สิทธิ์นี้ "
                    f"({listed_names}) แต่บางส่วนของข้อมูลนำเข้าไม่ได้ถูกตรวจ ({where}) "
                    f"และอาจมี ClusterRole ที่มี label {own}",
                )
            elif own is not None and names and known:
                facets[facet] = () if facet in _LISTS else False
                unknown.pop(facet, None)
                decided[facet] = Text(
                    en=f"aggregated ClusterRole: its aggregationRule selects the roles "
                    f"labelled {own} (labels of the project's own, no built-in role "
                    f"carries them); none of those of the scan grants it ({listed_names})",
                    th=f"ClusterRole แบบรวม: aggregationRule เลือก role ที่มี label {own} "
                    f"(label ของโครงการเอง ไม่มี role ในตัวของ Kubernetes ที่มี label นี้); "
                    f"ไม่มี role ที่เลือกในข้อมูลที่ตรวจให้สิทธิ์นี้ ({listed_names})",
                )
            elif names:
                unknown[facet] = Text(
                    en=f"{AGGREGATED.en}; none of those in the scan grants it "
                    f"({listed_names}); roles outside the scan labelled {labels} may",
                    th=f"{AGGREGATED.th}; ไม่มี ClusterRole ที่เลือกในข้อมูลที่ตรวจให้สิทธิ์นี้ "
                    f"({listed_names}); role นอกข้อมูลที่ตรวจที่มี label {labels} อาจให้",
                )
            else:
                unknown[facet] = Text(
                    en=f"{AGGREGATED.en}; no ClusterRole of the scan is labelled {labels}",
                    th=f"{AGGREGATED.th}; ไม่มี ClusterRole ในข้อมูลที่ตรวจที่มี label {labels}",
                )
            continue
        values = [getattr(s.facets, facet) for s in selected if _granted(s, facet)]
        if isinstance(values[0], tuple):
            facets[facet] = tuple(sorted({v for value in values for v in value}))
        else:
            facets[facet] = True
        unknown.pop(facet, None)
        listed = ", ".join(granting)
        decided[facet] = Text(
            en=f"aggregated ClusterRole: its aggregationRule selects {listed}",
            th=f"ClusterRole แบบรวม: aggregationRule เลือก {listed}",
        )
    if not facets and unknown == role.unknown:
        return None
    return role.model_copy(
        update={
            "facets": role.facets.model_copy(update=facets),
            "decided_by": decided,
            "unknown": unknown,
        }
    )


#: Role facets that are tuples (the grants listed), not booleans.
_LISTS = frozenset({"rbac_escalation", "escalation_paths"})


# -- PersistentVolumes mounted through claims ----------------------------------------------------
@dataclass(frozen=True)
class _Claim:
    """A claim a pod mounts: its name (None for a claim template) and spec (None when the
    PersistentVolumeClaim object is not in the scan)."""

    name: str | None
    namespace: str | None
    spec: Mapping[str, Any] | None
    written: str  # how the pod names it (``claim data``, ``volumeClaimTemplates data``)


def _claims(workload: Resource, claims: list[Resource]) -> Iterator[_Claim]:
    spec, _ = pod_spec(workload.attributes)
    namespace = _namespace(workload)
    for item in _list(spec.get("volumes")):
        volume = _map(item)
        claim = _map(volume.get("persistentVolumeClaim")).get("claimName")
        if isinstance(claim, str) and claim:
            found = [
                c for c in claims
                if _name(c) == claim and _same_namespace(_namespace(c), namespace)
            ]
            specs: list[Mapping[str, Any] | None] = (
                [_map(c.attributes.get("spec")) for c in found] or [None]
            )
            for claim_spec in specs:
                yield _Claim(claim, namespace, claim_spec, f"claim {claim}")
        template = _map(_map(volume.get("ephemeral")).get("volumeClaimTemplate"))
        if template:
            name = volume.get("name")
            yield _Claim(None, namespace, _map(template.get("spec")),
                         f"ephemeral volume {name}")
    if workload.provider_type == "StatefulSet":
        for item in _list(_map(workload.attributes.get("spec")).get("volumeClaimTemplates")):
            template = _map(item)
            name = _map(template.get("metadata")).get("name")
            yield _Claim(None, namespace, _map(template.get("spec")),
                         f"volumeClaimTemplates {name}")


def _same_namespace(a: str | None, b: str | None) -> bool:
    """Namespaces that may be the same: equal, or one not written (``default`` for a claim
    named in a pod, where the manifest is applied for the other)."""
    return a is None or b is None or a == b


_QUANTITY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGTPE]i?|[kmun]?)\s*$")
_FACTORS = {
    "": 1, "k": 10**3, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15,
    "E": 10**18, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60,
    "m": 10**-3, "u": 10**-6, "n": 10**-9,
}


def quantity(value: Any) -> float | None:
    """A Kubernetes quantity (``1Gi``, ``500M``, ``10``) in its base unit; None when not
    read."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, str):
        return None
    found = _QUANTITY.match(value)
    if found is None or found.group(2) not in _FACTORS:
        return None
    return float(found.group(1)) * _FACTORS[found.group(2)]


def _fits(claim: Mapping[str, Any], volume: Resource) -> bool:
    """The volume can serve the claim: every access mode it asks for, at least its size,
    labels its selector selects, the same volume mode (``Filesystem`` when not written). What
    is not read does not rule the volume out."""
    spec = _map(volume.attributes.get("spec"))
    modes = {str(m) for m in _list(spec.get("accessModes"))}
    asked = {str(m) for m in _list(claim.get("accessModes"))}
    if asked and modes and not asked <= modes:
        return False
    size = quantity(_map(_map(claim.get("resources")).get("requests")).get("storage"))
    capacity = quantity(_map(spec.get("capacity")).get("storage"))
    if size is not None and capacity is not None and capacity < size:
        return False
    selector = claim.get("selector")
    if isinstance(selector, Mapping) and selector_matches(selector, _labels(volume)) is False:
        return False
    return (claim.get("volumeMode") or "Filesystem") == (spec.get("volumeMode") or "Filesystem")


def _binding(claim: _Claim, volume: Resource) -> str | None:
    """How the claim is bound to the volume: ``"bound"`` (named on either side),
    ``"class"`` (same storage class written, the volume fits), ``"maybe"`` (neither writes
    a class: it depends on the cluster's default StorageClass); None when it is not."""
    spec = _map(volume.attributes.get("spec"))
    reference = _map(spec.get("claimRef"))
    if reference:
        named = reference.get("name")
        space = reference.get("namespace")
        if claim.name is not None and named == claim.name and _same_namespace(
            space if isinstance(space, str) and space else None, claim.namespace
        ):
            return "bound"
        return None  # reserved for another claim
    if claim.spec is None:
        return None
    wanted = claim.spec.get("volumeName")
    if isinstance(wanted, str) and wanted:
        return "bound" if wanted == _name(volume) else None
    if not _fits(claim.spec, volume):
        return None
    own = spec.get("storageClassName")
    own = own if isinstance(own, str) else ""
    asked = claim.spec.get("storageClassName")
    if isinstance(asked, str):
        return "class" if asked == own else None
    return "maybe" if own == "" else None


def _mount_volumes(
    workload: Resource, claims: list[Resource], volumes: list[Resource]
) -> Resource | None:
    certain: dict[str, None] = {}
    said: list[str] = []
    maybe: list[str] = []
    for claim in _claims(workload, claims):
        for volume in volumes:
            how = _binding(claim, volume)
            if how is None:
                continue
            paths = ", ".join(volume.facets.host_path_mounts or ())
            shown = f"PersistentVolume/{_name(volume)} (hostPath {paths})"
            if how == "maybe":
                maybe.append(f"{claim.written} may bind {shown}")
                continue
            certain.update(dict.fromkeys(volume.facets.host_path_mounts or ()))
            if how == "bound":
                said.append(f"{claim.written} is bound to {shown}")
            else:
                kind = _map(volume.attributes.get("spec")).get("storageClassName")
                said.append(
                    f"{claim.written} asks for the storage class '{kind}' of {shown}, "
                    "which it fits"
                )
    own = tuple(workload.facets.host_path_mounts or ())
    if said:
        mounts = tuple(dict.fromkeys((*own, *certain)))
        listed = "; ".join(dict.fromkeys(said))
        return workload.model_copy(
            update={
                "facets": workload.facets.model_copy(update={_HOST_PATHS: mounts}),
                "decided_by": {
                    **workload.decided_by,
                    _HOST_PATHS: Text(
                        en=f"through PersistentVolumeClaims: {listed}",
                        th=f"ผ่าน PersistentVolumeClaim: {listed}",
                    ),
                },
            }
        )
    if maybe and not own:
        listed = "; ".join(dict.fromkeys(maybe))
        return workload.model_copy(
            update={
                "facets": workload.facets.model_copy(update={_HOST_PATHS: None}),
                "unknown": {
                    **workload.unknown,
                    _HOST_PATHS: Text(
                        en=f"{listed}: neither writes a storageClassName, and whether the "
                        "cluster has a default StorageClass (given to such a claim, which then "
                        "binds no volume without a class) is not known",
                        th=f"{listed}: ทั้งสองไม่ได้กำหนด storageClassName และไม่ทราบว่าคลัสเตอร์มี "
                        "StorageClass เริ่มต้นหรือไม่ (ซึ่งจะถูกกำหนดให้ claim ดังกล่าว "
                        "และทำให้ไม่ผูกกับ volume ที่ไม่มี class)",
                    ),
                },
            }
        )
    return None


__all__ = ["PERSISTENT_VOLUME", "link", "quantity"]
