"""Who can reach the public Kubernetes API endpoint of a managed control plane (EKS, GKE,
AKS), read from the cluster's own settings: the graph makes the control plane a node reached
on the API port from exactly these sources (``graph/network.py``).

The result is two ``Resource.attributes`` entries: ``API_SOURCES``, the address ranges the
public endpoint admits (``[]`` when there is no public endpoint; left out when that is not
known), and ``API_MAYBE``, why some other public addresses may be admitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.resource import API_MAYBE, API_PRIVATE, API_SOURCES

#: Every address: the documented default of an endpoint no range limits.
EVERYONE = "0.0.0.0/0"

_GCE_PUBLIC = (
    "authorized networks also admit the public IP addresses of Compute Engine VMs of any "
    "Google Cloud customer unless gcp_public_cidrs_access_enabled = false"
)
_DNS_MAYBE = "the DNS-based endpoint may admit callers from any network"


def _sources(items: tuple[str, ...] | None) -> dict[str, Any]:
    return {} if items is None else {API_SOURCES: list(items)}


def terraform(resource_type: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The API endpoint attributes of a Terraform ``aws_eks_cluster``,
    ``google_container_cluster``, ``azurerm_kubernetes_cluster`` or
    ``azurerm_kubernetes_automatic_cluster``; ``{}`` for other types or
    when nothing can be told."""
    if resource_type == "aws_eks_cluster":
        return _eks(values)
    if resource_type == "google_container_cluster":
        return _gke(values)
    if resource_type == "azurerm_kubernetes_cluster":
        return _aks(values)
    if resource_type == "azurerm_kubernetes_automatic_cluster":
        return _aks_automatic(values)
    if resource_type == "azapi_resource":
        return _aks_arm(values)
    return {}


def _eks(values: Mapping[str, Any]) -> dict[str, Any]:
    """``vpc_config``: ``endpoint_public_access`` "Default is true"; ``public_access_cidrs``:
    "EKS defaults this to a list with 0.0.0.0/0"; ``endpoint_private_access`` "Default is
    false" (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/
    eks_cluster#vpc_config; EKS API VpcConfigRequest publicAccessCidrs: "The default value is
    0.0.0.0/0")."""
    from gdcc_audit.normalize.terraform.values import block, flag, string_list

    vpc = block(values, "vpc_config")
    if vpc is None:
        return {}
    private = flag(vpc, "endpoint_private_access", False)
    found: dict[str, Any] = {} if private is None else {API_PRIVATE: private}
    public = flag(vpc, "endpoint_public_access", True)
    if public is None:
        return found
    if not public:
        return {**found, API_SOURCES: []}
    cidrs = string_list(vpc, "public_access_cidrs")
    return {**found, **_sources(None if cidrs is None else cidrs or (EVERYONE,))}


def _gke(values: Mapping[str, Any]) -> dict[str, Any]:
    """The IP-based endpoint: none with ``private_cluster_config.enable_private_endpoint``
    or ``control_plane_endpoints_config.ip_endpoints_config.enabled = false``; otherwise
    open to every address without ``master_authorized_networks_config``, else its
    ``cidr_blocks`` plus, unless ``gcp_public_cidrs_access_enabled = false``, Compute Engine
    public IPs: "Enabled master authorized networks will disallow all external traffic to
    access Kubernetes master through HTTPS except traffic from the given CIDR blocks, Google
    Compute Engine Public IPs and Google Prod IPs" (GKE API MasterAuthorizedNetworksConfig;
    cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks). The DNS-based
    endpoint admits every network when it allows external traffic and Kubernetes
    credentials (``normalize/terraform/google.py`` ``_dns_endpoint_public``)."""
    from gdcc_audit.normalize.terraform.google import _dns_endpoint_public
    from gdcc_audit.normalize.terraform.values import block, blocks, flag, text

    endpoints = block(values, "control_plane_endpoints_config")
    ip = None if endpoints is None else block(endpoints, "ip_endpoints_config")
    ip_enabled = None if ip is None else flag(ip, "enabled", True)
    dns = None if endpoints is None else _dns_endpoint_public(endpoints)
    private = block(values, "private_cluster_config")
    private_only = None if private is None else flag(private, "enable_private_endpoint", False)
    found: list[str] | None = []
    maybe = ""
    if ip_enabled is None or private_only is None:
        found = None
    elif ip_enabled and not private_only:
        authorised = block(values, "master_authorized_networks_config")
        if authorised is None:
            found = None
        elif not authorised:
            found = [EVERYONE]
        else:
            cidrs = [text(b, "cidr_block") for b in blocks(authorised, "cidr_blocks") or []]
            if blocks(authorised, "cidr_blocks") is None or any(c is None for c in cidrs):
                found = None
            else:
                found = [c for c in cidrs if c is not None]
            gce = flag(authorised, "gcp_public_cidrs_access_enabled")
            if gce is True and found is not None:
                found.append(EVERYONE)
            elif gce is None:
                maybe = _GCE_PUBLIC
    if dns is True and found is not None:
        found.append(EVERYONE)
    elif dns is None and endpoints:
        maybe = maybe or _DNS_MAYBE
    result = _sources(None if found is None else tuple(dict.fromkeys(found)))
    if maybe and result:
        result[API_MAYBE] = maybe
    return result


def _aks(values: Mapping[str, Any]) -> dict[str, Any]:
    """``private_cluster_enabled`` (default false) leaves no public endpoint; otherwise
    ``api_server_access_profile.authorized_ip_ranges`` (3.x ``api_server_authorized_ip_ranges``)
    limit it, and without any the API server "is assigned a public IP address" open to all
    (learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges)."""
    from gdcc_audit.normalize.terraform.values import block, flag, string_list

    private = flag(values, "private_cluster_enabled", False)
    if private is None:
        return {}
    if private:
        return {API_SOURCES: []}
    profile = block(values, "api_server_access_profile")
    ranges = None if profile is None else string_list(profile, "authorized_ip_ranges")
    if ranges == ():
        ranges = string_list(values, "api_server_authorized_ip_ranges")
    return _sources(None if ranges is None else ranges or (EVERYONE,))


def _aks_automatic(values: Mapping[str, Any]) -> dict[str, Any]:
    """``azurerm_kubernetes_automatic_cluster``: a ``private_cluster`` block leaves no public
    endpoint (the provider sends ``enablePrivateCluster`` true exactly then); otherwise
    ``api_server_access.authorized_ip_ranges`` limit it, and without any it is open to all
    (``normalize/terraform/aks_automatic.py``)."""
    from gdcc_audit.normalize.terraform.values import block, blocks, string_list

    private = blocks(values, "private_cluster")
    if private is None:
        return {}
    if private:
        return {API_SOURCES: []}
    access = block(values, "api_server_access")
    ranges = None if access is None else string_list(access, "authorized_ip_ranges")
    return _sources(None if ranges is None else ranges or (EVERYONE,))


def _aks_arm(values: Mapping[str, Any]) -> dict[str, Any]:
    """An AzAPI ``Microsoft.ContainerService/managedClusters``: the same reading from
    ``body.properties.apiServerAccessProfile`` (``enablePrivateCluster``, default false;
    ``authorizedIPRanges``), ``{}`` for any other ARM type."""
    from gdcc_audit.load.terraform_model import UNKNOWN
    from gdcc_audit.normalize.terraform.azapi_aks import CLUSTER
    from gdcc_audit.normalize.terraform.azapi_body import decoded, same_type
    from gdcc_audit.normalize.terraform.values import flag, string_list

    written = values.get("type")
    if not isinstance(written, str) or not same_type(written, CLUSTER):
        return {}
    body = decoded(values.get("body"))
    if body is UNKNOWN or (isinstance(body, Mapping) and body.get("properties") is UNKNOWN):
        return {}
    found = body.get("properties") if isinstance(body, Mapping) else None
    profile = (found or {}).get("apiServerAccessProfile") if isinstance(found, Mapping) else None
    if profile is UNKNOWN:
        return {}
    profile = profile if isinstance(profile, Mapping) else {}
    private = flag(profile, "enablePrivateCluster", False)
    if private is None:
        return {}
    if private:
        return {API_SOURCES: []}
    ranges = string_list(profile, "authorizedIPRanges")
    return _sources(None if ranges is None else ranges or (EVERYONE,))


def cloudformation(resource_type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """``AWS::EKS::Cluster`` ``ResourcesVpcConfig``: ``EndpointPublicAccess`` (default
    true), ``PublicAccessCidrs`` (default 0.0.0.0/0), ``EndpointPrivateAccess`` (default
    false; AWS CloudFormation User Guide, AWS::EKS::Cluster ResourcesVpcConfig)."""
    if resource_type != "AWS::EKS::Cluster":
        return {}
    from gdcc_audit.normalize.cloudformation.values import as_bool, as_list, as_str, dig

    vpc = props.get("ResourcesVpcConfig")
    if vpc is None:
        return {}
    written = dig(vpc, "EndpointPrivateAccess")
    private = False if written is None else as_bool(written)
    found: dict[str, Any] = {} if private is None else {API_PRIVATE: private}
    written = dig(vpc, "EndpointPublicAccess")
    public = True if written is None else as_bool(written)
    if public is None:
        return found
    if not public:
        return {**found, API_SOURCES: []}
    items = as_list(dig(vpc, "PublicAccessCidrs"))
    if items is None:
        return found
    cidrs = [as_str(item) for item in items]
    if any(c is None for c in cidrs):
        return found
    return {**found, API_SOURCES: [c for c in cidrs if c is not None] or [EVERYONE]}
