"""Amazon EMR clusters in CloudFormation (``AWS::EMR::Cluster``), read as Terraform's
``aws_emr_cluster`` (``normalize/terraform/aws_emr.py``; shared reading: ``normalize/emr.py``).

A ``container.cluster``: its nodes are EC2 instances in the security groups of ``Instances``
(``EmrManagedMasterSecurityGroup``, ``EmrManagedSlaveSecurityGroup``,
``AdditionalMasterSecurityGroups``, ``AdditionalSlaveSecurityGroups``), not in
``ServiceAccessSecurityGroup`` (it filters the interface EMR's service uses to manage a cluster
in a private subnet: dropped from the references the graph reads). ``Instances.Ec2SubnetId`` /
``Ec2SubnetIds`` place it; neither written, EMR launches it in a default subnet, which gives
instances public addresses (emr-clusters-in-a-vpc); in a subnet, the graph's route tables
decide. ``Instances.TerminationProtected`` is false unless written (EMR API
JobFlowInstancesConfig; the API launches clusters without termination protection).

Encryption and sign-in come from the security configuration ``SecurityConfiguration`` names
(by ``Ref`` to an ``AWS::EMR::SecurityConfiguration`` of the template, or by its ``Name``):
:func:`link_security_configurations` reads it; one not in the template leaves them UNKNOWN.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN_TEXT
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize import emr
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.sub_json import SUB_VARIABLE, written_sub_json
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.normalize.cloudformation.values import (
    PartialText,
    ResourceRef,
    as_bool,
    as_str,
    dig,
    is_known,
)
from gdcc_audit.normalize.terraform.policy import decoded_json

CLUSTER = "AWS::EMR::Cluster"
SECURITY_CONFIGURATION = "AWS::EMR::SecurityConfiguration"
#: The ``Instances`` property naming the group of EMR's service interface (not a node's).
SERVICE_ACCESS_GROUP = "ServiceAccessSecurityGroup"
#: "TerminationProtected: Specifies whether to lock the cluster to prevent the Amazon EC2
#: instances from being terminated by API call, user intervention, or in the event of a
#: job-flow error" (false when not written).
_TERMINATION_DOC = (
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
    "aws-properties-emr-cluster-jobflowinstancesconfig.html"
)


def _apply(mapped: Mapped, document: Mapping[str, Any] | None, name: str, props: Any) -> None:
    """Give the cluster the facets of its security configuration ``document`` (``{}``: none;
    None: not readable, ``name`` says why)."""
    if document is None:
        for facet in emr.CONFIGURED:
            mapped.facets[facet] = None
            mapped.defaults.pop(facet, None)
            mapped.unknown[facet] = emr.not_readable(name)
        return
    joined = dig(props, "KerberosAttributes", "ADDomainJoinUser")
    found = emr.configured(document, name, "SecurityConfiguration", joined)
    for facet in emr.CONFIGURED:
        mapped.facets[facet] = found.facets[facet]
        mapped.unknown.pop(facet, None)
        mapped.defaults.pop(facet, None)
        if facet in found.defaulted:
            mapped.defaults[facet] = DefaultedFacet(
                attribute=found.defaulted[facet], doc=emr.SECURITY_DOC
            )


def emr_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::EMR::Cluster`` (module docstring). A security configuration named here is first
    taken as not in the template; :func:`link_security_configurations` reads one that is."""
    mapped = Mapped("container.cluster", {"public_access": False, "public_grants": ()})
    named = props.get("SecurityConfiguration")
    if named is None or named == "":
        _apply(mapped, {}, "", props)
    else:
        label = named.target if isinstance(named, ResourceRef) else as_str(named)
        _apply(mapped, None, f"its security configuration {label or 'SecurityConfiguration'} "
               "is not in the scan", props)
    instances = props.get("Instances")
    if isinstance(instances, Mapping) and all(
        instances.get(k) in (None, "", []) for k in ("Ec2SubnetId", "Ec2SubnetIds")
    ):
        default = DefaultedFacet(attribute="Instances.Ec2SubnetId", doc=emr.VPC_DOC)
        for facet in ("public_endpoint", "node_public_ip"):
            mapped.facets[facet] = True
            mapped.defaults[facet] = default
    else:
        mapped.facets["public_endpoint"] = None
        mapped.unknown["public_endpoint"] = emr.IN_SUBNET
    protected = dig(instances, "TerminationProtected")
    if protected is None:
        mapped.facets["deletion_protection"] = False
        mapped.defaults["deletion_protection"] = DefaultedFacet(
            attribute="Instances.TerminationProtected", doc=_TERMINATION_DOC
        )
    else:
        mapped.facets["deletion_protection"] = as_bool(protected)
    return mapped


def _document(props: Mapping[str, Any], raw: Any) -> dict[str, Any] | None:
    """The decoded ``SecurityConfiguration`` of an ``AWS::EMR::SecurityConfiguration`` (a JSON
    object, or its text); None when it cannot be read. JSON text written with ``Fn::Sub``
    around values not known (a key ARN from ``Fn::ImportValue``) is read from the template as
    written (``raw``: its unresolved properties), each ``${...}`` a value not known."""
    value = props.get("SecurityConfiguration")
    if isinstance(value, dict):
        return value
    if isinstance(value, PartialText | str):
        text = value.text if isinstance(value, PartialText) else value
        decoded = decoded_json(SUB_VARIABLE.sub(UNKNOWN_TEXT, text))
    else:
        decoded = written_sub_json(raw, "SecurityConfiguration")
    return decoded if isinstance(decoded, dict) else None


def _named(value: Any, configurations: Mapping[str, tuple[str, dict[str, Any]]]) -> str | None:
    """The logical id of the template's security configuration ``value`` names (``Ref`` to it,
    or its ``Name``), else None."""
    if isinstance(value, ResourceRef):
        return value.target if value.target in configurations else None
    if not isinstance(value, str) or not is_known(value):
        return None
    return next(
        (i for i, (_, props) in configurations.items() if props.get("Name") == value), None
    )


def link_security_configurations(
    items: list[Pending],
    configurations: Mapping[str, tuple[str, dict[str, Any]]],
    raw: Mapping[str, Any],
) -> None:
    """Read the template's security configuration each EMR cluster names, and drop the
    service access group from the cluster's references (it filters EMR's interface, not the
    nodes). ``configurations``: logical id -> (type, resolved properties); ``raw``: the
    template's ``Resources`` as written."""
    for item in items:
        if item.provider_type != CLUSTER:
            continue
        item.references = [
            r for r in item.references
            if r.attribute.rsplit(".", 1)[-1] != SERVICE_ACCESS_GROUP
        ]
        target = _named(item.props.get("SecurityConfiguration"), configurations)
        if target is None:
            continue
        spec = raw.get(target) if isinstance(raw, Mapping) else None
        document = _document(
            configurations[target][1], spec.get("Properties") if isinstance(spec, Mapping) else None
        )
        why = f"the configuration of {target} is not known" if document is None else target
        _apply(item.mapped, document, why, item.props)


TYPES = {CLUSTER: emr_cluster}
