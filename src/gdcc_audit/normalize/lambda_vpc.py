"""Whether an AWS Lambda function is connected to a VPC of the tenant (``vpc_config`` /
``VpcConfig``): the graph gives only a connected function an address inside the tenant's
networks ("any internal address").

"By default, Lambda runs your functions in a secure VPC with access to AWS services and the
internet. Lambda owns this VPC, which isn't connected to your account's default VPC" (Lambda
developer guide, configuration-vpc, "Giving Lambda functions access to resources in an Amazon
VPC"): a function without a VPC configuration reaches no private address of the tenant. "To
disconnect a function from a VPC, specify an empty list for SubnetIds and SecurityGroupIds"
(Lambda API, VpcConfig): a configuration whose subnet list is known to be empty connects
nothing either.

The result is one ``Resource.attributes`` entry, ``LAMBDA_VPC``: True (connected), False (not
connected) or None (not known: a ``dynamic "vpc_config"`` block over an input, an ``Fn::If``
whose condition is not known). Functions of other sources have none: taken as connected.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: ``Resource.attributes`` key: whether a Lambda function is connected to a VPC.
LAMBDA_VPC = "vpc_connected"

_TERRAFORM = {"aws_lambda_function": ("vpc_config", "subnet_ids")}
_CLOUDFORMATION = {
    "AWS::Lambda::Function": ("VpcConfig", "SubnetIds"),
    # the SAM transform copies VpcConfig (with Globals.Function's, already merged) as written
    "AWS::Serverless::Function": ("VpcConfig", "SubnetIds"),
}


def terraform(resource_type: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``{LAMBDA_VPC: ...}`` of an ``aws_lambda_function`` (its ``vpc_config`` block: a list
    of blocks, UNKNOWN when a ``dynamic`` block's ``for_each`` is not known); ``{}`` for other
    types."""
    names = _TERRAFORM.get(resource_type)
    if names is None:
        return {}
    found = values.get(names[0])
    if isinstance(found, list) and found:
        found = found[0]
    return {LAMBDA_VPC: _connected(found, names[1])}


def cloudformation(resource_type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """``{LAMBDA_VPC: ...}`` of a CloudFormation or SAM function (its resolved properties:
    ``AWS::NoValue`` when an ``Fn::If`` drops it, UNKNOWN when a condition not known chooses);
    ``{}`` for other types."""
    from gdcc_audit.normalize.cloudformation.values import NO_VALUE

    names = _CLOUDFORMATION.get(resource_type)
    if names is None:
        return {}
    found = props.get(names[0])
    return {LAMBDA_VPC: _connected(None if found is NO_VALUE else found, names[1])}


def _connected(config: Any, subnets: str) -> bool | None:
    if config is None or (isinstance(config, list | dict) and not config):
        return False  # absent, null, no block
    if not isinstance(config, Mapping):
        return None  # UNKNOWN (or a value that is no block)
    return config.get(subnets) != []


def connected(attributes: Mapping[str, Any]) -> bool | None:
    """Whether a function with these attributes is connected to a VPC (True when they do not
    say: a source that does not tell)."""
    if LAMBDA_VPC not in attributes:
        return True
    value = attributes[LAMBDA_VPC]
    return value if isinstance(value, bool) else None
