"""Kubernetes RBAC privilege escalation paths, read by the mapper (a role's
``escalation_paths``) and by the graph and the blast-radius check (:func:`in_namespace`): a
module of their own, so that those do not import the mapper in a scan without Kubernetes
manifests."""

from __future__ import annotations

#: Other privilege escalation paths of Kubernetes' "Role Based Access Control Good Practices"
#: (https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks):
#: (name, API groups, resources, verbs, namespaced). Control of admission webhooks ("can read
#: any object admitted to the cluster, and in the case of mutating webhooks, also mutate
#: admitted objects"; deleting one removes the policy it enforces); access to the kubelet API
#: through ``nodes/proxy`` ("command execution on every pod on the node(s)"; the kubelet
#: maps GET to get, POST to create...); creating service account tokens
#: (``serviceaccounts/token``: the holder acts as those accounts); creating
#: PersistentVolumes ("includes the creation of hostPath volumes, which then means that a
#: Pod would get access to the underlying host filesystem(s)"). A namespaced path is the
#: only one a Role can grant ("A Role always sets permissions within a particular
#: namespace"); the cluster-scoped ones need a ClusterRole.
ESCALATION_PATHS = (
    ("control of admission webhooks", frozenset({"admissionregistration.k8s.io"}),
     frozenset({"mutatingwebhookconfigurations", "validatingwebhookconfigurations"}),
     frozenset({"create", "update", "patch", "delete", "deletecollection"}), False),
    ("the kubelet API", frozenset({""}), frozenset({"nodes/proxy"}),
     frozenset({"get", "create", "update", "patch", "delete"}), False),
    ("service account tokens", frozenset({""}), frozenset({"serviceaccounts/token"}),
     frozenset({"create"}), True),
    ("hostPath PersistentVolumes", frozenset({""}), frozenset({"persistentvolumes"}),
     frozenset({"create"}), False),
)


def in_namespace(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The ``escalation_paths`` a RoleBinding grants (in its namespace): those on namespaced
    resources."""
    namespaced = {r for *_, resources, _verbs, inside in ESCALATION_PATHS if inside
                  for r in resources}
    return tuple(
        p for p in paths if p.split(" on ", 1)[1].split(" named ", 1)[0] in namespaced
    )
