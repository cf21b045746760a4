"""Security-group lists that name a group the scan does not hold (Terraform:
``normalize/terraform/group_lists.py``; CloudFormation: ``normalize/cloudformation/
group_lists.py``).

An AWS resource in several security groups is admitted by the union of their rules. When one
member of the list is a group of the scan and another is not (a literal ``sg-…`` id, a
parameter, an imported value, the output of a module that was not downloaded, a lookup), the
groups of the scan are not all that filter it: the resource graph adds an uncertain way in on
every port next to what the known groups admit (``graph/network.py``)."""

from __future__ import annotations

from gdcc_audit.models.resource import IngressRule

#: Resource attribute: the group-list members (labels) that are not security groups of the
#: scan.
GROUPS_NOT_IN_SCAN = "groups_not_in_scan"
#: Resource attribute: the addresses of security groups of the scan the resource may or may not
#: be in (one of several a value not known chooses: ``[var.x ? aws_security_group.a.id :
#: aws_security_group.b.id]``, ``var.x ? [a.id] : [b.id]``, ``[coalesce(var.sg, a.id)]``):
#: what their rules admit is not certain.
GROUPS_MAYBE = "groups_maybe"
#: Resource attribute: True when a security-group list of the resource may be empty (``var.x
#: ? [a.id] : []``): it is then in its VPC's default group, which admits uncertainly.
GROUPS_MAYBE_NONE = "groups_maybe_none"

#: Why an OpenStack server's port admits everything: "port_security_enabled ... disables
#: security groups" on the port (Networking API, ports); models.reason_words has its Thai.
NO_PORT_SECURITY = "port security is off, no security group filters it"


def unsecured_ingress(holders: list[str]) -> tuple[IngressRule, ...]:
    """What a server whose every port turns port security off admits: everything from
    anywhere, as a rule of each port (or network) that turns it off, named in the finding."""
    return tuple(
        IngressRule(
            protocol="all", sources=("0.0.0.0/0", "::/0"),
            declared_by=f"{holder}: {NO_PORT_SECURITY}",
        )
        for holder in dict.fromkeys(holders)
    )
