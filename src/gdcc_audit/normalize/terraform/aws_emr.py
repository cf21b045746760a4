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

Encryption and sign-in come from the cluster's ``security_configuration``, an
``aws_emr_security_configuration`` (read as in CloudFormation: ``normalize/emr.py``).
``termination_protection`` defaults to false (registry.terraform.io/providers/hashicorp/aws/
latest/docs/resources/emr_cluster).
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import DefaultedFacet, Facets, Reference
from gdcc_audit.normalize import emr
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.policy import decoded_json, policy_value
from gdcc_audit.normalize.terraform.values import block, flag

CLUSTER = "aws_emr_cluster"
SECURITY_CONFIGURATION = "aws_emr_security_configuration"
EMR_TF_DOC = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/emr_cluster"
#: The ``ec2_attributes`` argument naming the group of EMR's service interface (not a node's).
SERVICE_ACCESS_GROUP = "service_access_security_group"


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


def emr_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_emr_cluster`` (module docstring): encryption and sign-in from its security
    configuration (none: no encryption configured, the cluster's own accounts), public when
    it names no subnet (a default subnet), else as its subnet routes (the graph)."""
    v = r.values
    document, name = _configuration(r, ctx)
    facets: dict[str, Any] = {"public_access": False, "public_grants": ()}
    if document is None:
        for facet in emr.CONFIGURED:
            ctx.note(r, facet, None, unknown=emr.not_readable(name))
    else:
        joined = (block(v, "kerberos_attributes") or {}).get("ad_domain_join_user")
        found = emr.configured(document, name, name or "security_configuration", joined)
        facets.update(found.facets)
        for facet, attribute in found.defaulted.items():
            ctx.note(r, facet, found.facets[facet],
                     DefaultedFacet(attribute=attribute, doc=emr.SECURITY_DOC))
    attributes = block(v, "ec2_attributes")
    placed = attributes is not None and any(
        attributes.get(k) not in (None, "", []) for k in ("subnet_id", "subnet_ids")
    )
    if attributes is not None and not placed:
        facets["public_endpoint"] = True
        facets["node_public_ip"] = True
        default = DefaultedFacet(attribute="ec2_attributes.subnet_id", doc=emr.VPC_DOC)
        ctx.note(r, "public_endpoint", True, default)
        ctx.note(r, "node_public_ip", True, default)
    else:
        ctx.note(r, "public_endpoint", None, unknown=emr.IN_SUBNET)
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
