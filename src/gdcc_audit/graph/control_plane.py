"""Managed Kubernetes control planes (EKS, GKE, AKS) and their worker nodes in the
reachability graph.

A managed control plane is no host of the tenant's network: the provider runs it outside the
tenant's subnets and it serves the Kubernetes API only, over HTTPS on TCP 443.

- EKS: the minimum inbound rule of the cluster security group is TCP 443 ("Restricting
  cluster traffic", docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html); "if you
  don't specify any CIDR blocks, then the public API server endpoint receives requests from
  all (0.0.0.0/0) IP addresses" (AWS knowledge center, eks-lock-api-access-IP-addresses).
- GKE: "connectivity to control plane endpoints always uses TCP destination port 443"
  (cloud.google.com/kubernetes-engine/docs/concepts/firewall-rules).
- AKS: nodes reach the API server on TCP 443 ("Required outbound network rules",
  learn.microsoft.com/azure/aks/outbound-rules-control-egress).
- ACK managed (``alicloud_cs_managed_kubernetes``): Alibaba Cloud runs the control plane; the
  API server is reached through a load balancer on TCP 6443 (the kubeconfig's
  ``https://<address>:6443``; "port 6443 of the API server", ACK "Configure security group
  rules"), an internet one unless ``slb_internet_enabled = false``
  (``normalize/terraform/alicloud_ack.py``). Its node pools are resources of their own.

So the cluster's node is reached on 443 from the sources its endpoint settings admit
(``normalize/api_endpoint.py``), it is no member of its subnets or security groups, and it
opens no connection onwards: an attack path never goes "through" it into the network.

AKS clusters written with AzAPI (``Microsoft.ContainerService/managedClusters``) are read the
same way. Its worker nodes are hosts. EKS node groups are resources of their own
(``aws_eks_node_group`` is a compute instance with the SSH access EKS opens). GKE and AKS
node pools merge into their cluster, so the nodes of such a cluster are a helper node
``nodes:<cluster id>``: members of the cluster's network, reached from the internet when they
have public IP addresses
(``node_public_ip``). A GKE cluster's nodes are reached on what the VPC firewall rules of the
scan that govern them admit, when those can all be told apart
(``normalize/terraform/google_firewalls.py`` node_firewalls); otherwise, and for AKS (whose
node security group AKS manages outside the configuration), on ports not known.
"""

from __future__ import annotations

from gdcc_audit.models.resource import Resource

#: Managed Kubernetes clusters whose node is their control plane.
CONTROL_PLANE_TYPES = frozenset(
    {"aws_eks_cluster", "AWS::EKS::Cluster", "google_container_cluster",
     "azurerm_kubernetes_cluster", "azurerm_kubernetes_automatic_cluster",
     "alicloud_cs_managed_kubernetes"}
)
#: Clusters whose node pools are not graph nodes of their own: a ``nodes:`` helper stands for
#: their worker nodes.
NODES_IN_CLUSTER = frozenset(
    {"google_container_cluster", "azurerm_kubernetes_cluster",
     "azurerm_kubernetes_automatic_cluster"}
)
#: EKS managed node groups: members of the cluster security group EKS creates.
NODE_GROUP_TYPES = frozenset({"aws_eks_node_group", "AWS::EKS::Nodegroup"})
#: The port the managed Kubernetes API server listens on.
API_PORT = 443
#: Clusters whose API server listens on another port (ACK: 6443, above).
_API_PORTS = {"alicloud_cs_managed_kubernetes": 6443}


def api_port(resource: Resource) -> int:
    """The port a managed cluster's Kubernetes API server listens on."""
    return _API_PORTS.get(resource.provider_type, API_PORT)
#: Prefix of the helper node standing for a cluster's worker nodes.
NODES = "nodes:"


def _arm_cluster(resource: Resource) -> bool:
    """Whether the resource is an AzAPI AKS cluster (its node pools merge into it)."""
    from gdcc_audit.normalize.terraform.azapi_body import TYPES, is_arm

    if resource.provider_type not in TYPES:
        return False  # azapi_aks only for AzAPI resources
    from gdcc_audit.normalize.terraform.azapi_aks import CLUSTER

    return is_arm(resource, CLUSTER)


def is_control_plane(resource: Resource) -> bool:
    """Whether the resource is a managed Kubernetes control plane."""
    return resource.provider_type in CONTROL_PLANE_TYPES or _arm_cluster(resource)


def nodes_of(resource: Resource) -> str | None:
    """The helper node of the cluster's worker nodes; None when they are resources of their
    own (EKS node groups) or the resource is no managed cluster."""
    inside = resource.provider_type in NODES_IN_CLUSTER or _arm_cluster(resource)
    return NODES + resource.id if inside else None


#: The kind shown for the worker-nodes helper node on a path hop.
NODES_KIND = "container.nodes"
