"""Workload identity of an ``AWS::EKS::Cluster`` (GDCC-CLU-009), as ``aws_eks_cluster`` in
Terraform (``normalize/terraform/cluster_auth.py``): pods get IAM credentials of their own
when the template gives the cluster an IAM OIDC provider for its issuer (IRSA:
``AWS::IAM::OIDCProvider`` whose ``Url`` is the cluster's ``OpenIdConnectIssuerUrl``), the
``eks-pod-identity-agent`` add-on (``AWS::EKS::Addon``) or a pod identity association
(``AWS::EKS::PodIdentityAssociation``). None found is not known: eksctl or another stack may
make them.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef, as_str

CLUSTER = "AWS::EKS::Cluster"
#: Type -> the property that names the cluster.
_NAMING = {
    "AWS::IAM::OIDCProvider": "Url",
    "AWS::EKS::Addon": "ClusterName",
    "AWS::EKS::PodIdentityAssociation": "ClusterName",
}
NOT_FOUND = Text(
    en="no IAM OIDC provider for the cluster's issuer (IRSA), eks-pod-identity-agent add-on or "
    "pod identity association of the template names the cluster; they may be made outside "
    "it (eksctl, another stack)",
    th="ไม่พบ IAM OIDC provider ของ issuer ของคลัสเตอร์ (IRSA), add-on eks-pod-identity-agent "
    "หรือ pod identity association ใน template ที่อ้างถึงคลัสเตอร์ ซึ่งอาจสร้างไว้นอก template "
    "(eksctl หรือ stack อื่น)",
)


TYPES = frozenset(_NAMING)
Resources = dict[str, tuple[str, dict[str, Any]]]


def _gives_identity(kind: str, props: dict[str, Any], logical_id: str, cluster: str) -> str | None:
    """What the resource ``logical_id`` gives the cluster's pods, or None."""
    named = props.get(_NAMING[kind])
    if not isinstance(named, ResourceRef) or named.target != cluster:
        return None
    if kind == "AWS::IAM::OIDCProvider":
        # only the cluster's issuer URL (GetAtt OpenIdConnectIssuerUrl)
        if named.attribute != "OpenIdConnectIssuerUrl":
            return None
        return f"{logical_id} trusts the cluster's OIDC issuer (IRSA)"
    if kind == "AWS::EKS::PodIdentityAssociation":
        return f"{logical_id} gives pods an IAM role (EKS Pod Identity)"
    if as_str(props.get("AddonName")) == "eks-pod-identity-agent":
        return f"{logical_id} runs the EKS Pod Identity agent"
    return None


def link_workload_identity(items: list[Pending], resources: Resources) -> None:
    """Set ``workload_identity`` on each EKS cluster of the template (True with the reason,
    else not known). ``resources``: logical id -> (type, resolved properties) of
    :data:`TYPES`."""
    for cluster in items:
        if cluster.provider_type != CLUSTER:
            continue
        found = next(
            (
                why
                for logical_id, (kind, props) in resources.items()
                if (why := _gives_identity(kind, props, logical_id, cluster.logical_id))
            ),
            None,
        )
        if found is None:
            cluster.mapped.unknown["workload_identity"] = NOT_FOUND
            continue
        cluster.mapped.facets["workload_identity"] = True
        cluster.mapped.because["workload_identity"] = Text(en=found, th=found)
