"""VPC endpoint services (AWS PrivateLink) open to every AWS account (Terraform
``aws_vpc_endpoint_service`` with ``aws_vpc_endpoint_service_allowed_principal``;
CloudFormation ``AWS::EC2::VPCEndpointService`` with
``AWS::EC2::VPCEndpointServicePermissions``).

An endpoint service lets the principals it allows create an interface endpoint to it and so
reach its Network (or Gateway) Load Balancer from their own VPC; "*" allows every AWS account
("Permissions ... you can specify * to allow all principals", AWS PrivateLink guide,
"Manage permissions"), that is anyone with an AWS account. Unless each connection request
must be accepted (``acceptance_required`` / ``AcceptanceRequired``), the balancer is then
reached from outside the account as an internet-facing one is: its ``public_endpoint`` is
true (the existing exposure rules and the resource graph judge what lies behind it). With
acceptance required, the owner approves each consumer: not open. Principals or acceptance
not known: not known.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.unknown import UNKNOWN


def open_to_anyone(principals: Iterable[Any], acceptance: bool | None) -> bool | None:
    """Whether any AWS account may connect without approval."""
    listed = list(principals)
    if acceptance is True:
        return False
    everyone: bool | None = False
    for item in listed:
        if isinstance(item, str) and item.strip() == "*":
            everyone = True
            break
        if item is UNKNOWN or not isinstance(item, str):
            everyone = None
    if everyone is False:
        return False
    return None if everyone is None or acceptance is None else True


def why(service: str, opened: bool | None) -> Text:
    """Why a load balancer behind the endpoint service ``service`` is (or may be) public."""
    if opened:
        return Text(
            en=f"endpoint service {service} lets any AWS account connect (allowed principal "
            "*, acceptance not required)",
            th=f"endpoint service {service} อนุญาตให้ทุกบัญชี AWS เชื่อมต่อได้ (allowed principal "
            "* และไม่ต้องอนุมัติคำขอเชื่อมต่อ)",
        )
    return Text(
        en=f"endpoint service {service} may let any AWS account connect (its allowed "
        "principals or acceptance setting are not known)",
        th=f"endpoint service {service} อาจอนุญาตให้ทุกบัญชี AWS เชื่อมต่อได้ (ไม่ทราบ allowed "
        "principal หรือการตั้งค่าการอนุมัติคำขอเชื่อมต่อ)",
    )
