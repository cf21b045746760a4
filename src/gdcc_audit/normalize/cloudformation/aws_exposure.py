"""AWS services that are public by a setting of their own (CloudFormation; Terraform:
``normalize/terraform/aws_exposure.py``). Absent settings are left unknown: the defaults
table (``normalize/defaults.py``) fills and labels them.

- ``AWS::AppRunner::Service``: ``compute.function``, public unless
  ``NetworkConfiguration.IngressConfiguration.IsPubliclyAccessible: false`` (GDCC-CMP-011).
- ``AWS::Lightsail::Instance``: ``compute.instance``, always a public IP (GDCC-CMP-001).
- ``AWS::Lightsail::Database``: ``database.instance``, ``PubliclyAccessible`` (GDCC-NET-002).
- ``AWS::Lightsail::Bucket``: ``storage.bucket``, read for who its access rules let read
  objects: ``AccessRules.GetObject: public`` makes every object readable by anyone ("public
  (read-only)"); ``private`` (the default: "Buckets are private by default", Lightsail user
  guide, "Bucket permissions in Amazon Lightsail") leaves it to individual objects when
  ``AllowPublicOverrides`` is true, which object ACLs of the scan cannot show (not known).
  Its other settings are not read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.unknown import UNKNOWN
from gdcc_audit.normalize import (
    build_visibility,
    endpoint_services,
    lightsail_ports,
    transfer_servers,
)
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper
from gdcc_audit.normalize.cloudformation.values import (
    ResourceRef,
    as_bool,
    as_list,
    as_str,
    customer_key,
    dig,
)

#: What a Lightsail bucket is read for.
_BUCKET_ONLY = Text(
    en="a Lightsail bucket is read only for who its access rules let read its objects; its "
    "other settings are Lightsail's",
    th="bucket ของ Lightsail ตรวจเฉพาะว่ากฎการเข้าถึงให้ผู้ใดอ่าน object ได้ ค่าอื่นเป็นของ Lightsail",
)
_BUCKET_FACETS = (
    "encrypted_at_rest", "customer_managed_key", "versioning", "access_logging",
    "public_access_block", "encrypted_in_transit", "deletion_protection", "tls_min_version",
    "object_lock",
)


def apprunner_service(props: dict[str, Any]) -> Mapped:
    written = dig(props, "NetworkConfiguration", "IngressConfiguration", "IsPubliclyAccessible")
    public = None if written is None else as_bool(written)
    key = dig(props, "EncryptionConfiguration", "KmsKey")
    return Mapped(
        "compute.function",
        {
            "public_access": public,
            "public_endpoint": public,
            "customer_managed_key": False if key is None else customer_key(key),
        },
    )


def lightsail_instance(props: dict[str, Any]) -> Mapped:
    """Every Lightsail instance gets a public IP address; its inbound rules are
    ``Networking.Ports``, else Lightsail's default firewall (``normalize.lightsail_ports``)."""
    ports = dig(props, "Networking", "Ports")
    ingress = lightsail_ports.DEFAULT_RULES if ports is None else lightsail_ports.port_rules(
        as_list(ports), ("Protocol", "FromPort", "ToPort", "Cidrs", "Ipv6Cidrs")
    )
    return Mapped("compute.instance", {"public_endpoint": True, "ingress": ingress})


def lightsail_database(props: dict[str, Any]) -> Mapped:
    written = props.get("PubliclyAccessible")
    public = None if written is None else as_bool(written)
    backups = props.get("BackupRetention")
    return Mapped(
        "database.instance",
        {
            "public_endpoint": public,
            "public_access": public,
            "backup_enabled": None if backups is None else as_bool(backups),
        },
    )


def lightsail_bucket(props: dict[str, Any]) -> Mapped:
    rule = dig(props, "AccessRules", "GetObject")
    text = "private" if rule is None else (as_str(rule) or "").lower()
    overrides = dig(props, "AccessRules", "AllowPublicOverrides")
    public: bool | None = None
    grants: tuple[str, ...] = ()
    if text == "public":
        public, grants = True, ('AccessRules.GetObject "public" lets everyone read its objects',)
    elif text == "private":
        # objects may still be made public one by one when overrides are allowed
        public = False if overrides is None or as_bool(overrides) is False else None
        if public is None:
            grants = ("AccessRules.AllowPublicOverrides lets single objects be made public",)
    return Mapped(
        "storage.bucket",
        {"public_access": public, "public_grants": grants},
        absent=dict.fromkeys(_BUCKET_FACETS, _BUCKET_ONLY),
    )


def codebuild_project(props: dict[str, Any]) -> Mapped:
    """``Visibility: PUBLIC_READ`` makes the builds public (``normalize.build_visibility``)."""
    public = build_visibility.public(props.get("Visibility"))
    return Mapped(
        "compute.image",
        {"public_access": public, "public_grants": build_visibility.grants("Visibility", public)},
    )


def transfer_server(props: dict[str, Any]) -> Mapped:
    """A Transfer Family server (``normalize.transfer_servers``)."""
    return Mapped("storage.file_share", transfer_servers.facets(
        props.get("EndpointType"),
        dig(props, "EndpointDetails", "AddressAllocationIds"),
        props.get("Protocols"),
        props.get("IdentityProviderType"),
    ))


TYPES: dict[str, TypeMapper] = {
    "AWS::Transfer::Server": transfer_server,
    "AWS::CodeBuild::Project": codebuild_project,
    "AWS::AppRunner::Service": apprunner_service,
    "AWS::Lightsail::Instance": lightsail_instance,
    "AWS::Lightsail::Database": lightsail_database,
    "AWS::Lightsail::Bucket": lightsail_bucket,
}


#: A VPC endpoint service and the resource that adds principals to it: read for the load
#: balancers behind the service (``normalize.endpoint_services``).
ENDPOINT_SERVICE = "AWS::EC2::VPCEndpointService"
SERVICE_PERMISSIONS = "AWS::EC2::VPCEndpointServicePermissions"
_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer"
_BALANCER_LISTS = ("NetworkLoadBalancerArns", "GatewayLoadBalancerArns")


def link_endpoint_services(
    items: list[Pending], found: Mapping[str, tuple[str, dict[str, Any]]]
) -> None:
    """Mark the template's load balancers behind an endpoint service that lets any AWS
    account connect without approval as public (``found``: ``mapper.template_resources`` of
    :data:`ENDPOINT_SERVICE` and :data:`SERVICE_PERMISSIONS`)."""
    balancers = {i.logical_id: i for i in items if i.provider_type == _BALANCER}
    if not balancers:
        return
    principals: dict[str, list[Any]] = {}
    for _kind, props in (v for v in found.values() if v[0] == SERVICE_PERMISSIONS):
        service = props.get("ServiceId")
        allowed = as_list(props.get("AllowedPrincipals"))
        if isinstance(service, ResourceRef):
            principals.setdefault(service.target, []).extend(
                allowed if allowed is not None else [UNKNOWN]
            )
    for logical_id, (kind, props) in found.items():
        if kind != ENDPOINT_SERVICE:
            continue
        written = props.get("AcceptanceRequired")
        opened = endpoint_services.open_to_anyone(
            principals.get(logical_id, []), None if written is None else as_bool(written)
        )
        if opened is False:
            continue
        why = endpoint_services.why(logical_id, opened)
        for name in _BALANCER_LISTS:
            for ref in as_list(props.get(name)) or []:
                balancer = balancers.get(ref.target) if isinstance(ref, ResourceRef) else None
                if balancer is None:
                    continue
                facets = balancer.mapped.facets
                if opened:
                    facets["public_endpoint"] = True
                    balancer.mapped.because["public_endpoint"] = why
                    balancer.mapped.written.add("public_endpoint")
                elif facets.get("public_endpoint") is not True:
                    facets["public_endpoint"] = None
                    balancer.mapped.unknown["public_endpoint"] = why
