"""AWS services that are public by a setting of their own (issue 12, stop 38): App Runner
services, Lightsail instances and databases. Their documented defaults are in
``normalize/defaults.py`` (the mapper leaves an absent setting unknown; the table fills and
labels it).

- ``aws_apprunner_service``: ``compute.function``; anyone on the internet calls it unless
  ``network_configuration.ingress_configuration.is_publicly_accessible = false`` ("A Public
  Endpoint is the default configuration. It opens your service to any incoming traffic from
  the public internet", App Runner developer guide; GDCC-CMP-011). App Runner performs no
  authentication of callers.
- ``aws_lightsail_instance``: ``compute.instance``; every Lightsail instance has a public IP
  address (GDCC-CMP-001 FAIL).
- ``aws_lightsail_database``: ``database.instance``; ``publicly_accessible`` ("available to
  resources outside of your Lightsail account"; provider default false) is its public endpoint
  (GDCC-NET-002).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.keyed import customer_key
from gdcc_audit.normalize.terraform.values import block, flag

_APP_RUNNER_INGRESS = "network_configuration.0.ingress_configuration.0.is_publicly_accessible"


def apprunner_service(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_apprunner_service``: public unless its ingress configuration says otherwise."""
    public = flag(r.values, _APP_RUNNER_INGRESS, None)
    encryption = block(r.values, "encryption_configuration")
    return "compute.function", Facets(
        public_access=public,
        public_endpoint=public,
        customer_managed_key=None if encryption is None else (
            customer_key(encryption, "kms_key") if encryption else False
        ),
    )


def lightsail_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_lightsail_instance``: "Each Lightsail instance ... gets a public IP address"
    (Lightsail user guide, "IP addresses in Amazon Lightsail"): always public (an IPv6-only
    bundle's address is a public IPv6 one)."""
    return "compute.instance", Facets(public_endpoint=True)


def lightsail_database(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_lightsail_database``: its public mode (``publicly_accessible``)."""
    public = flag(r.values, "publicly_accessible", None)
    retention = flag(r.values, "backup_retention_enabled", None)
    return "database.instance", Facets(
        public_endpoint=public,
        public_access=public,
        backup_enabled=retention,
    )


MAPPINGS: dict[str, MapFn] = {
    "aws_apprunner_service": apprunner_service,
    "aws_lightsail_instance": lightsail_instance,
    "aws_lightsail_database": lightsail_database,
}
