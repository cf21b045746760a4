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

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import Facets, IngressRule
from gdcc_audit.normalize import (
    build_visibility,
    endpoint_services,
    lightsail_ports,
    transfer_servers,
)
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.keyed import customer_key
from gdcc_audit.normalize.terraform.values import block, blocks, flag

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


_PUBLIC_PORTS = "aws_lightsail_instance_public_ports"
_INSTANCE = ["aws_lightsail_instance"]
_PORT_KEYS = ("protocol", "from_port", "to_port", "cidrs", "ipv6_cidrs")


def lightsail_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_lightsail_instance``: "Each Lightsail instance ... gets a public IP address"
    (Lightsail user guide, "IP addresses in Amazon Lightsail"): always public (an IPv6-only
    bundle's address is a public IPv6 one). Its inbound rules: Lightsail's default firewall
    (SSH and HTTP from all addresses) unless an ``aws_lightsail_instance_public_ports`` names
    it (its ports then come from that resource; one that may name it: not known;
    ``normalize.lightsail_ports``)."""
    said = [
        ctx.may_designate(item, "instance_name", _INSTANCE, r)
        for item in ctx.related([_PUBLIC_PORTS])
    ]
    ingress: tuple[IngressRule, ...] | None = lightsail_ports.DEFAULT_RULES
    if any(s is True for s in said):
        ingress = ()
    elif any(s is None for s in said):
        ingress = None
    return "compute.instance", Facets(public_endpoint=True, ingress=ingress)


def lightsail_public_ports(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_lightsail_instance_public_ports``: its ``port_info`` blocks are the inbound rules
    of the instance it names (:func:`lightsail_instance`)."""
    instance = ctx.referenced(r, "instance_name", _INSTANCE)
    if instance is None:
        return []
    entries = blocks(r.values, "port_info")
    rules = None if entries is None else lightsail_ports.port_rules(list(entries), _PORT_KEYS)
    return [Contribution(instance.address, r.address, {"ingress": rules})]


def lightsail_database(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_lightsail_database``: its public mode (``publicly_accessible``)."""
    public = flag(r.values, "publicly_accessible", None)
    retention = flag(r.values, "backup_retention_enabled", None)
    return "database.instance", Facets(
        public_endpoint=public,
        public_access=public,
        backup_enabled=retention,
    )


def codebuild_project(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_codebuild_project``: ``project_visibility = "PUBLIC_READ"`` makes its builds'
    logs and artifacts readable by anyone (``normalize.build_visibility``); judged as
    ``compute.image`` (a package of code and data others use), as a Lambda layer permission
    is, for that and for secrets written in it."""
    public = build_visibility.public(r.values.get("project_visibility"))
    return "compute.image", Facets(
        public_access=public, public_grants=build_visibility.grants("project_visibility", public)
    )


def transfer_server(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_transfer_server``: a Transfer Family server (``normalize.transfer_servers``)."""
    v = r.values
    details = block(v, "endpoint_details")
    eips = None if details is None else details.get("address_allocation_ids")
    return "storage.file_share", Facets(**transfer_servers.facets(
        v.get("endpoint_type"), eips, v.get("protocols"), v.get("identity_provider_type")
    ))


MAPPINGS: dict[str, MapFn] = {
    "aws_transfer_server": transfer_server,
    "aws_codebuild_project": codebuild_project,
    "aws_apprunner_service": apprunner_service,
    "aws_lightsail_instance": lightsail_instance,
    "aws_lightsail_database": lightsail_database,
}


#: A VPC endpoint service and the permission resources that add principals to it.
ENDPOINT_SERVICE = "aws_vpc_endpoint_service"
_ALLOWED_PRINCIPAL = "aws_vpc_endpoint_service_allowed_principal"
_BALANCERS = ("aws_lb", "aws_alb")


def _service_principals(r: TfResource, ctx: TfContext) -> list[Any]:
    """The principals an endpoint service allows: ``allowed_principals`` and the
    ``principal_arn`` of each ``aws_vpc_endpoint_service_allowed_principal`` that names it
    (UNKNOWN for one that may or may not)."""
    written = r.values.get("allowed_principals")
    found: list[Any] = (
        [] if written is None else [UNKNOWN] if written is UNKNOWN else list(written)
    )
    for item in ctx.related([_ALLOWED_PRINCIPAL]):
        hit = ctx.may_designate(item, "vpc_endpoint_service_id", [ENDPOINT_SERVICE], r)
        if hit is not False:
            principal = item.values.get("principal_arn")
            found.append(principal if hit else UNKNOWN if principal == "*" else principal)
    return found


def endpoint_service(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_vpc_endpoint_service``: any AWS account may connect to the load balancers behind
    it (``network_load_balancer_arns`` / ``gateway_load_balancer_arns``) when it allows the
    principal ``*`` and does not require acceptance (``normalize.endpoint_services``): they
    are then reached from outside the account as an internet-facing balancer is."""
    opened = endpoint_services.open_to_anyone(
        _service_principals(r, ctx), flag(r.values, "acceptance_required", None)
    )
    if opened is False:
        return []
    targets = ctx.referenced_all(r, "network_load_balancer_arns", _BALANCERS) + ctx.referenced_all(
        r, "gateway_load_balancer_arns", _BALANCERS
    )
    why = endpoint_services.why(r.address, opened)

    def merge(facets: Facets) -> dict[str, Any]:
        return {"public_endpoint": True if opened or facets.public_endpoint else None}

    for balancer in targets:
        ctx.note(balancer, "public_endpoint", opened, because=why if opened else None,
                 unknown=None if opened else why)
    return [Contribution(b.address, r.address, merge=merge) for b in targets]


def allowed_principal(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_vpc_endpoint_service_allowed_principal``: read with its endpoint service
    (:func:`endpoint_service`); merged into the load balancers behind it."""
    service = ctx.referenced(r, "vpc_endpoint_service_id", [ENDPOINT_SERVICE])
    if service is None:
        return []
    balancers = ctx.referenced_all(
        service, "network_load_balancer_arns", _BALANCERS
    ) + ctx.referenced_all(service, "gateway_load_balancer_arns", _BALANCERS)
    return [Contribution(b.address, r.address) for b in balancers]


COMPANIONS: dict[str, CompanionFn] = {
    ENDPOINT_SERVICE: endpoint_service,
    _ALLOWED_PRINCIPAL: allowed_principal,
    _PUBLIC_PORTS: lightsail_public_ports,
}
