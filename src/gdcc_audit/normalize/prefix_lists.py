"""Managed prefix lists outside the scan in security group rules (Terraform:
``normalize/terraform/aws_network.py``; CloudFormation: ``normalize/cloudformation/
aws_network.py``).

"A prefix list is a set of one or more CIDR blocks"; a customer-managed list holds whatever
its owner enters, ``0.0.0.0/0`` too, while an AWS-managed list "contains the IP address ranges
for an AWS service" and its name is ``com.amazonaws.<region>.<service>`` (Amazon VPC user
guide, "Managed prefix lists" / "AWS-managed prefix lists":
https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html,
https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html).
A rule naming a list the scan does not hold by its ``pl-…`` id, an input, or a lookup by id
was taken as a source that is not the internet (GDCC-NET-001 PASS): it is now a rule whose
sources are not known, saying why (UNKNOWN). A list AWS manages (looked up by such a name, or
the prefix list of a gateway VPC endpoint) is a service's ranges, never the internet.
"""

from __future__ import annotations

from collections.abc import Sequence

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import IngressRule

#: The name prefix of the prefix lists AWS manages.
AWS_MANAGED_PREFIX = "com.amazonaws."


def aws_managed(name: object) -> bool:
    """Whether a prefix list name is one AWS manages (``com.amazonaws.us-east-1.s3``)."""
    return isinstance(name, str) and name.startswith(AWS_MANAGED_PREFIX)


def outside_why(labels: Sequence[str]) -> Text:
    """Why a rule naming the prefix lists ``labels`` outside the scan has sources not known."""
    names = ", ".join(labels)
    noun, verb = ("prefix lists", "are") if len(labels) > 1 else ("prefix list", "is")
    return Text(
        en=f"{noun} {names} {verb} outside the scan (a customer-managed list may hold any "
        "range, 0.0.0.0/0 too)",
        th=f"prefix list {names} อยู่นอกการตั้งค่าที่ตรวจ (list ที่ลูกค้าจัดการเองอาจมีช่วงหมายเลขไอพีใดก็ได้ "
        "รวมทั้ง 0.0.0.0/0)",
    )


def with_outside(
    rules: tuple[IngressRule, ...], labels: Sequence[str]
) -> tuple[IngressRule, ...]:
    """``rules`` (read from a rule's other sources) and, for the prefix lists ``labels``
    outside the scan, the same rule with sources not known; a first rule left without any
    source (the lists were all it named) is dropped."""
    if not labels or not rules:
        return rules
    base = rules[0]
    outside = base.model_copy(update={"sources": None, "unknown_why": outside_why(labels)})
    kept = rules[1:] if base.sources == () else rules
    return (*kept, outside)
