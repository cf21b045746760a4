"""Whether an AWS load balancer's listeners forward a request from any CloudFront distribution,
or only one carrying a header a distribution adds (``graph/network.py``
``_any_distribution``).

A security group admitting the AWS-managed prefix list
``com.amazonaws.global.cloudfront.origin-facing`` admits every CloudFront distribution, of
any AWS account: a distribution's custom origin is any public DNS name, so anyone can put one
in front of an internet-facing Application Load Balancer. AWS's answer is a secret header:
"configure CloudFront to add a custom HTTP header to requests that it sends to the
Application Load Balancer", then "configure the Application Load Balancer to only forward
requests that contain the custom HTTP header", with the listener's default action a fixed
response such as 403 (CloudFront developer guide, "Restrict access to Application Load
Balancers", restrict-access-to-load-balancer.html). So what a listener forwards without
such a header is reached from the internet through CloudFront.

Kept in ``Resource.attributes``:

- a listener (``aws_lb_listener`` / ``aws_alb_listener``,
  ``AWS::ElasticLoadBalancingV2::Listener``): ``DEFAULT_FORWARDS``, whether its default
  actions forward to targets (``forward``, after any ``authenticate-*``) — True, False
  (``fixed-response``, ``redirect``) or None (not known);
- a listener rule (``aws_lb_listener_rule`` / ``aws_alb_listener_rule``,
  ``AWS::ElasticLoadBalancingV2::ListenerRule``): ``RULE_FORWARDS`` the same for its actions,
  and ``HEADER_GATES``, the header names its ``http_header`` / ``http-header`` conditions
  require (``[]``: none, so anyone's request matches its other conditions, which CloudFront's
  client writes; a name not known is ``"?"``; None: its conditions are not known).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: ``Resource.attributes`` key of a listener: whether its default actions forward.
DEFAULT_FORWARDS = "default_forwards"
#: ``Resource.attributes`` key of a listener rule: whether its actions forward.
RULE_FORWARDS = "rule_forwards"
#: ``Resource.attributes`` key of a listener rule: the headers its conditions require.
HEADER_GATES = "header_gates"

TF_LISTENERS = frozenset({"aws_lb_listener", "aws_alb_listener"})
TF_RULES = frozenset({"aws_lb_listener_rule", "aws_alb_listener_rule"})
CFN_LISTENER = "AWS::ElasticLoadBalancingV2::Listener"
CFN_RULE = "AWS::ElasticLoadBalancingV2::ListenerRule"
#: Load balancers whose listeners are resources of their own (Elastic Load Balancing v2).
BALANCERS = frozenset({"aws_lb", "aws_alb", "AWS::ElasticLoadBalancingV2::LoadBalancer"})


def forwards(types: Sequence[Any] | None) -> bool | None:
    """Whether a list of action types forwards to targets: True when one is ``forward``
    (an ``authenticate-*`` action comes before it), False when every one is known and none
    is; None when the list or a type is not known."""
    if types is None:
        return None
    found = [str(t).lower() if isinstance(t, str) else None for t in types]
    if "forward" in found:
        return True
    return None if None in found else False


def terraform(resource_type: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes of a Terraform listener or listener rule; ``{}`` for other types."""
    from gdcc_audit.normalize.terraform.values import blocks

    if resource_type in TF_LISTENERS:
        actions = blocks(values, "default_action")
        types = None if actions is None else [a.get("type") for a in actions]
        return {DEFAULT_FORWARDS: forwards(types) if actions != [] else None}
    if resource_type not in TF_RULES:
        return {}
    actions = blocks(values, "action")
    found: dict[str, Any] = {
        RULE_FORWARDS: None if not actions else forwards([a.get("type") for a in actions])
    }
    conditions = blocks(values, "condition")
    gates: list[str] = []
    for condition in conditions or ():
        headers = blocks(condition, "http_header")
        if headers is None:
            conditions = None
            break
        for header in headers:
            name = header.get("http_header_name")
            gates.append(name if isinstance(name, str) and name else "?")
    found[HEADER_GATES] = None if conditions is None else gates
    return found


def cloudformation(resource_type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes of a CloudFormation listener or listener rule; ``{}`` for other
    types."""
    if resource_type == CFN_LISTENER:
        return {DEFAULT_FORWARDS: forwards(_types(props.get("DefaultActions")))}
    if resource_type != CFN_RULE:
        return {}
    conditions = props.get("Conditions")
    gates: list[str] = []
    for condition in conditions if isinstance(conditions, list) else ():
        if not isinstance(condition, Mapping) or not isinstance(condition.get("Field"), str):
            conditions = None
            break
        if condition["Field"].lower() != "http-header":
            continue
        config = condition.get("HttpHeaderConfig")
        name = config.get("HttpHeaderName") if isinstance(config, Mapping) else None
        gates.append(name if isinstance(name, str) and name else "?")
    return {RULE_FORWARDS: forwards(_types(props.get("Actions"))),
            HEADER_GATES: gates if isinstance(conditions, list) else None}


def _types(actions: Any) -> list[Any] | None:
    """The ``Type`` of each CloudFormation action; None when the list is not one."""
    if not isinstance(actions, list) or not actions:
        return None
    return [a.get("Type") if isinstance(a, Mapping) else None for a in actions]
