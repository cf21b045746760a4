"""The cloud identity a Kubernetes ServiceAccount's pods act as (workload identity).

An annotation on the ServiceAccount gives its pods the credentials of a cloud identity:

- GKE Workload Identity: ``iam.gke.io/gcp-service-account: NAME@PROJECT.iam.gserviceaccount.com``
  ("Kubernetes ServiceAccounts ... act as the IAM service account",
  https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity);
- EKS IAM roles for service accounts: ``eks.amazonaws.com/role-arn: arn:aws:iam::ACCOUNT:role/R``
  (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html);
- AKS Microsoft Entra Workload ID: ``azure.workload.identity/client-id: CLIENT_ID``
  (https://learn.microsoft.com/azure/aks/workload-identity-overview);
- EKS Pod Identity, without annotation: an ``aws_eks_pod_identity_association`` of the same
  Terraform root naming the account's namespace and name (``Resource.attributes``
  ``POD_IDENTITY``, read by ``normalize/terraform/kubernetes.py``).

What the pods may do is then that identity's permissions too, beside the account's RBAC
roles: GDCC-GRAPH-006 may not PASS the account on its roles alone (it did: "A workload
identity's permissions stay within its own system" for an account acting as a Google service
account). Those permissions are granted outside the manifests, so they are named as not known.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.resource import POD_IDENTITY, Resource

#: Annotation -> the identity it names and how the account's pods use it.
_IDENTITIES: dict[str, tuple[str, str]] = {
    "iam.gke.io/gcp-service-account": ("the Google service account", "it acts as"),
    "eks.amazonaws.com/role-arn": ("the IAM role", "it assumes"),
    "azure.workload.identity/client-id": ("the Microsoft Entra identity", "it acts as"),
}


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _set_from(resource: Resource) -> str:
    """Where an annotation not known before apply comes from (a Terraform account's
    ``metadata.0.annotations`` naming ``aws_iam_role.irsa.arn``): the resources it reads,
    which the account's blast radius does not follow into the cloud's grants."""
    targets = list(dict.fromkeys(
        ref.target for ref in resource.references if "annotations" in ref.attribute
    ))
    if not targets:
        return ", a value not known before apply"
    return f", set from {', '.join(targets)}, not followed from a Kubernetes account"


def cloud_identities(resource: Resource) -> tuple[str, ...]:
    """The cloud identities a Kubernetes ServiceAccount's annotations give its pods, each
    worded for "the permissions of ... are not known" (``the Google service account X it acts
    as (annotation iam.gke.io/gcp-service-account)``); an annotation whose value is not known
    (a Terraform value known after apply, read as None) still names one. Empty for any other
    resource."""
    if resource.provider != "kubernetes" or resource.kind != "identity.role":
        return ()
    meta = _map(resource.attributes.get("metadata"))
    annotations = _map(meta.get("annotations"))
    found: list[str] = []
    for key, (noun, verb) in _IDENTITIES.items():
        if key not in annotations:
            continue
        value = annotations[key]
        if isinstance(value, str) and value.strip():
            found.append(f"{noun} {value.strip()} {verb} (annotation {key})")
        elif value is None:
            found.append(f"{noun} {verb} (annotation {key}{_set_from(resource)})")
    roles = resource.attributes.get(POD_IDENTITY)
    if isinstance(roles, list):
        found.extend(str(role) for role in roles)
    return tuple(found)
