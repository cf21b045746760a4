"""Amazon EMR clusters (``aws_emr_cluster``): Hadoop and Spark on EC2 instances.

An EMR cluster is a ``container.cluster`` (as a Dataproc cluster): its primary ("master") node
and its core and task nodes are EC2 instances in one subnet, filtered by the security groups of
``ec2_attributes`` (``emr_managed_master_security_group``, ``emr_managed_slave_security_group``,
``additional_master_security_groups``, ``additional_slave_security_groups``; EMR API
Ec2InstanceAttributes). The resource graph puts the cluster in all of them (master and core
groups together: an over-approximation, never a path missed); the service access group of a
private subnet filters the interface EMR's service uses to manage the cluster, not the nodes,
and is left out. ``subnet_id`` / ``subnet_ids`` place it: no subnet, and EMR "chooses the
subnet for you" (API Ec2InstanceAttributes RequestedEc2SubnetIds), a default subnet of the
default VPC, which gives instances public addresses; in a subnet routed to an internet
gateway EMR reaches the nodes through that gateway ("Amazon EMR cannot communicate with
clusters in public subnets through a network address translation (NAT) device",
docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html): the graph's
route tables decide.

Encryption and authentication are in the cluster's security configuration
(``security_configuration``, an ``aws_emr_security_configuration`` whose ``configuration`` is
the JSON of the EMR API; docs.aws.amazon.com/emr/latest/ManagementGuide/
emr-create-security-configuration.html): ``EncryptionConfiguration.EnableAtRestEncryption`` /
``EnableInTransitEncryption`` (no security configuration: neither is configured; "Beginning
with Amazon EMR version 4.8.0, you can use Amazon EMR security configurations to configure
data encryption settings", emr-data-encryption.html), and Kerberos
(``AuthenticationConfiguration.KerberosConfiguration``). Users sign in with directory
identities only through a Kerberos cross-realm trust with Active Directory
(``CrossRealmTrustConfiguration``; the cluster's ``kerberos_attributes`` then name
``ad_domain_join_user``) or IAM Identity Center (``IdentityCenterConfiguration``); a
cluster-dedicated KDC holds principals of the cluster's own, and without Kerberos users reach
the primary node with the EC2 key pair of the ``hadoop`` user (API Ec2InstanceAttributes
Ec2KeyName): local accounts. ``termination_protection`` defaults to false (registry.terraform.io/
providers/hashicorp/aws/latest/docs/resources/emr_cluster).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets, Reference
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.policy import decoded_json, policy_value
from gdcc_audit.normalize.terraform.values import block, flag

CLUSTER = "aws_emr_cluster"
SECURITY_CONFIGURATION = "aws_emr_security_configuration"
EMR_SECURITY_DOC = (
    "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html"
)
EMR_VPC_DOC = "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html"
EMR_TF_DOC = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/emr_cluster"
#: The ``ec2_attributes`` argument naming the group of EMR's service interface (not a node's).
SERVICE_ACCESS_GROUP = "service_access_security_group"

#: Facet -> the switch of ``EncryptionConfiguration`` that turns it on.
_ENCRYPTION = {
    "encrypted_at_rest": "EnableAtRestEncryption",
    "encrypted_in_transit": "EnableInTransitEncryption",
}
_IN_SUBNET = Text(
    en="the nodes of an EMR cluster have public addresses when its subnet routes to an internet "
    "gateway (EMR reaches them through it, never a NAT): GDCC-GRAPH-002 follows the subnet's "
    "route tables and security groups",
    th="โหนดของคลัสเตอร์ EMR มีที่อยู่สาธารณะเมื่อ subnet ของคลัสเตอร์มีเส้นทางไปยัง internet gateway "
    "(EMR เข้าถึงโหนดผ่าน gateway นั้น ไม่ผ่าน NAT) "
    "GDCC-GRAPH-002 ตรวจตาม route table และ security group ของ subnet",
)


def _configuration(r: TfResource, ctx: TfContext) -> tuple[dict[str, Any] | None, str]:
    """The decoded security configuration the cluster names, and what it is called: ``({},
    "")`` for none, ``(None, why)`` when it cannot be read (not in the scan, computed)."""
    named = r.values.get("security_configuration")
    if named is None or named == "":
        return {}, ""
    found = ctx.referenced(r, "security_configuration", [SECURITY_CONFIGURATION])
    if found is None:
        label = named if isinstance(named, str) else "security_configuration"
        return None, f"its security configuration {label} is not in the scan"
    # a key ARN interpolated in the text leaves the rest readable (values not known marked)
    document = decoded_json(policy_value(found, "configuration"))
    if not isinstance(document, dict):
        return None, f"the configuration of {found.address} is not known before apply"
    return document, found.address


def _switch(document: Mapping[str, Any], key: str) -> bool | None:
    """A true/false setting of the configuration (absent: false)."""
    value = document.get(key)
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None  # UNKNOWN or not a switch


def _directory(r: TfResource, document: Mapping[str, Any]) -> bool | None:
    """Directory identities: a Kerberos cross-realm trust (Active Directory) or IAM Identity
    Center; a cluster-dedicated KDC or no Kerberos: the cluster's own accounts."""
    if document.get("IdentityCenterConfiguration"):
        return True
    auth = document.get("AuthenticationConfiguration")
    kerberos = auth.get("KerberosConfiguration") if isinstance(auth, dict) else None
    if kerberos is UNKNOWN or auth is UNKNOWN:
        return None
    if not isinstance(kerberos, dict):
        return False
    dedicated = kerberos.get("ClusterDedicatedKdcConfiguration")
    trusted = kerberos.get("CrossRealmTrustConfiguration") or (
        isinstance(dedicated, dict) and dedicated.get("CrossRealmTrustConfiguration")
    )
    if trusted:
        return True
    attributes = block(r.values, "kerberos_attributes") or {}
    joined = attributes.get("ad_domain_join_user")
    if joined is UNKNOWN:
        return None
    return bool(joined)


def emr_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_emr_cluster`` (module docstring): encryption and sign-in from its security
    configuration (none: no encryption configured, the cluster's own accounts), public when
    it names no subnet (a default subnet), else as its subnet routes (the graph)."""
    v = r.values
    document, name = _configuration(r, ctx)
    where = name or "security_configuration"
    facets: dict[str, Any] = {"public_access": False, "public_grants": ()}
    if document is None:
        why = Text(en=name, th=name.replace("is not in the scan", "ไม่อยู่ในขอบเขตการตรวจ")
                   .replace("is not known before apply", "ไม่ทราบก่อนการ apply"))
        for facet in ("encrypted_at_rest", "encrypted_in_transit", "directory_auth"):
            ctx.note(r, facet, None, unknown=why)
    else:
        encryption = document.get("EncryptionConfiguration", {})
        for facet, key in _ENCRYPTION.items():
            if not isinstance(encryption, dict):
                facets[facet] = None  # the whole block computed at apply time
                continue
            facets[facet] = _switch(encryption, key)
            if key not in encryption:
                attribute = f"{key} in {where}" if name else where
                ctx.note(r, facet, facets[facet],
                         DefaultedFacet(attribute=attribute, doc=EMR_SECURITY_DOC))
        facets["directory_auth"] = _directory(r, document)
        if facets["directory_auth"] is False and not name:
            ctx.note(r, "directory_auth", False,
                     DefaultedFacet(attribute=where, doc=EMR_SECURITY_DOC))
    attributes = block(v, "ec2_attributes")
    placed = attributes is not None and any(
        attributes.get(k) not in (None, "", []) for k in ("subnet_id", "subnet_ids")
    )
    if attributes is not None and not placed:
        facets["public_endpoint"] = True
        facets["node_public_ip"] = True
        default = DefaultedFacet(attribute="ec2_attributes.subnet_id", doc=EMR_VPC_DOC)
        ctx.note(r, "public_endpoint", True, default)
        ctx.note(r, "node_public_ip", True, default)
    else:
        ctx.note(r, "public_endpoint", None, unknown=_IN_SUBNET)
    facets["deletion_protection"] = flag(v, "termination_protection", False)
    if facets["deletion_protection"] is False and "termination_protection" not in v:
        ctx.note(r, "deletion_protection", False,
                 DefaultedFacet(attribute="termination_protection", doc=EMR_TF_DOC))
    return "container.cluster", Facets(**facets)


def node_references(references: tuple[Reference, ...]) -> tuple[Reference, ...]:
    """A cluster's references without the service access group (it filters EMR's service
    interface, not the nodes)."""
    return tuple(
        r for r in references if r.attribute.rsplit(".", 1)[-1] != SERVICE_ACCESS_GROUP
    )


MAPPINGS: dict[str, MapFn] = {CLUSTER: emr_cluster}
