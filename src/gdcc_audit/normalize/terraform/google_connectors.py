"""Serverless workloads of Google Cloud that send their traffic into a VPC network through a
Serverless VPC Access connector: a Cloud Run service (``run.googleapis.com/vpc-access-connector``
annotation, v2 ``template.vpc_access.connector``) or a Cloud Function (``vpc_connector``)
naming a ``google_vpc_access_connector`` sits, for the graph, in the connector's network or
subnet: the "Serverless VPC Access API allows users to create and manage connectors for
App Engine, Cloud Functions and Cloud Run to have internal connections to Virtual Private
Cloud networks" (Serverless VPC Access API reference, VpcAccessService). Before, such
a service was in no network: an internet-facing Cloud Run API whose connector reaches a
Memorystore instance's network PASSed GDCC-GRAPH-005 (GoogleCloudPlatform's
terraform-google-three-tier-web-app)."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.terraform.context import TfContext

#: Workloads that may name a connector.
CONNECTED = frozenset({
    "google_cloud_run_service", "google_cloud_run_v2_service",
    "google_cloudfunctions_function", "google_cloudfunctions2_function",
})
_CONNECTOR = "google_vpc_access_connector"
_NETWORKS = frozenset({"google_compute_network", "google_compute_subnetwork"})
#: ``Reference.attribute`` of the link from a workload to its connector's network or subnet.
VIA_CONNECTOR = "vpc_access_connector"


def connector_links(
    resource: TfResource, ctx: TfContext, references: tuple[Reference, ...]
) -> tuple[Reference, ...]:
    """``references`` with one to the network or subnet of each connector the workload
    names (references to the connector in any of its arguments)."""
    added: list[Reference] = []
    for ref in resource.references:
        connector = ctx.resolve(resource, ref.target)
        if connector is None or connector.type != _CONNECTOR:
            continue
        for link in connector.references:
            network = ctx.resolve(connector, link.target)
            if network is not None and network.type in _NETWORKS:
                added.append(Reference(target=network.address, attribute=VIA_CONNECTOR))
    return tuple(dict.fromkeys(references + tuple(added))) if added else references
