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
  client writes; a name not known is ``"?"``; None: its conditions are not known), and
  ``HEADER_VALUES``, beside each, what the header's values are (``header_values``);
- a CloudFront distribution (``aws_cloudfront_distribution``,
  ``AWS::CloudFront::Distribution``): ``CUSTOM_HEADERS``, the headers each origin adds
  (``custom_header`` / ``OriginCustomHeaders``), by origin index, then by header name in
  lower case (HTTP header names are case-insensitive), each with what its value is; None
  when they are not known (a ``dynamic`` block over an input).

What a value is (``MATCH``): ``"any"``, a wildcard only (``*``, ``?``: "The comparison
strings ... can contain wildcards", ELB user guide, listener rule conditions), which every
request's header matches; ``"written"``, a literal of the configuration, which anyone who
reads the configuration (its repository, a plan) may add; ``"secret"``, a value Terraform
treats as secret (a ``sensitive`` variable, ``random_password.x.result``, a Secrets Manager
secret: ``TfResource.secrets``) or a CloudFormation dynamic reference to Secrets Manager or a
SecureString parameter, or a ``NoEcho`` parameter without a default, or a Terraform random
value of the scan (``RANDOM_TYPES``), with ``SECRETS``, what it
reads, compared between a rule and a distribution; ``"unknown"``: none of these (an input
that is not marked sensitive, a value from another configuration).
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

#: ``Resource.attributes`` key of a listener rule: what each header's values are.
HEADER_VALUES = "header_values"
#: ``Resource.attributes`` key of a CloudFront distribution: the headers its origins add.
CUSTOM_HEADERS = "custom_headers"
#: Keys of a value's description: what it is, and the secrets it reads.
MATCH = "match"
SECRETS = "secrets"
_WILDCARDS = frozenset("*?")
#: Regular expressions matching any header value.
_ANY_REGEX = frozenset({".*", "^.*$", ".+", "^.+$", "^.*", ".*$", "(.*)", "^(.*)$"})
_SECRET_REFERENCES = ("{{resolve:secretsmanager:", "{{resolve:ssm-secure:")

#: Terraform resources whose value is made at random by the scan, unknown to anyone who
#: cannot read its state: a header value read from one is a secret the scan keeps, as a
#: value Terraform marks sensitive is (``random_string.result`` is not marked so).
RANDOM_TYPES = frozenset({"random_string", "random_password", "random_id", "random_uuid",
                          "random_bytes"})

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


def _described(
    values: Sequence[Any] | None, reads: Sequence[str] | None, regex: bool = False,
) -> dict[str, Any]:
    """What a header's values are (``MATCH``), from the values themselves (``None``: not
    known) and the secrets their expression reads; ``regex``: they are regular expressions
    (``regex_values`` / ``RegexValues``), of which one matching every value is no check."""
    known = [v for v in values or () if isinstance(v, str)]
    if any(v in _ANY_REGEX if regex else (v and set(v) <= _WILDCARDS) for v in known):
        return {MATCH: "any", SECRETS: []}
    if known:
        return {MATCH: "written", SECRETS: []}
    if values is not None and not values:
        return {MATCH: "unknown", SECRETS: []}
    return {MATCH: "secret" if reads else "unknown", SECRETS: sorted(reads or ())}


def _generated(references: Sequence[Any]) -> dict[str, list[str]]:
    """Value path -> the random values of the scan it reads (``RANDOM_TYPES``)."""
    found: dict[str, list[str]] = {}
    for reference in references:
        target = str(getattr(reference, "target", ""))
        kind = target.rsplit(".", 2)[-2] if target.count(".") >= 1 else ""
        if kind in RANDOM_TYPES:
            found.setdefault(str(getattr(reference, "attribute", "")), []).append(
                f"random value {target}")
    return found


def terraform(
    resource_type: str, values: Mapping[str, Any],
    secrets: Mapping[str, Sequence[str]] | None = None, references: Sequence[Any] = (),
) -> dict[str, Any]:
    """The attributes of a Terraform listener, listener rule or CloudFront distribution;
    ``{}`` for other types. ``secrets``: the secrets each value path's expression reads
    (``TfResource.secrets``); ``references``: the resource's (``TfReference``), for the
    random values of the scan a value reads."""
    from gdcc_audit.normalize.terraform.values import blocks

    if resource_type not in TF_RULES and resource_type != "aws_cloudfront_distribution":
        secrets = {}
    else:
        generated = _generated(references)
        secrets = {path: [*(secrets or {}).get(path, ()), *generated.get(path, ())]
                   for path in {*(secrets or {}), *generated}}
    if resource_type == "aws_cloudfront_distribution":
        origins = blocks(values, "origin")
        headers: dict[str, dict[str, Any]] | None = {}
        for index, origin in enumerate(origins or ()):
            added = blocks(origin, "custom_header")
            if added is None or headers is None:
                headers = None
                break
            own: dict[str, Any] = {}
            for number, header in enumerate(added):
                name = header.get("name")
                if not isinstance(name, str):
                    headers = None
                    break
                value = header.get("value")
                own[name.lower()] = _described(
                    [value] if isinstance(value, str) else None,
                    secrets.get(f"origin.{index}.custom_header.{number}.value"))
            if headers is not None:
                headers[str(index)] = own
        return {CUSTOM_HEADERS: None if origins is None else headers}
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
    described: list[dict[str, Any]] = []
    for index, condition in enumerate(conditions or ()):
        checks = blocks(condition, "http_header")
        if checks is None:
            conditions = None
            break
        for number, header in enumerate(checks):
            name = header.get("http_header_name")
            gates.append(name if isinstance(name, str) and name else "?")
            key = "values" if header.get("values") is not None or header.get(
                "regex_values") is None else "regex_values"
            written = header.get(key)
            described.append(_described(
                written if isinstance(written, list) else None,
                secrets.get(f"condition.{index}.http_header.{number}.{key}"),
                regex=key == "regex_values"))
    found[HEADER_GATES] = None if conditions is None else gates
    found[HEADER_VALUES] = None if conditions is None else described
    return found


def _cfn_value(
    raw: Any, resolved: Any, parameters: Mapping[str, Any], regex: bool = False,
) -> dict[str, Any]:
    """What a CloudFormation header value is: ``raw`` as written, ``resolved`` after the
    template's values are put in."""
    if isinstance(raw, str) and raw.startswith(_SECRET_REFERENCES):
        return {MATCH: "secret", SECRETS: [raw]}
    if isinstance(raw, Mapping) and set(raw) == {"Ref"} and isinstance(raw["Ref"], str):
        spec = parameters.get(raw["Ref"])
        if isinstance(spec, Mapping):
            hidden = str(spec.get("NoEcho")).lower() == "true"
            if hidden and spec.get("Default") is None:
                return {MATCH: "secret", SECRETS: [f"NoEcho parameter {raw['Ref']}"]}
            if spec.get("Default") is None:
                return {MATCH: "unknown", SECRETS: []}
    return _described([resolved] if isinstance(resolved, str) else None, None, regex)


def _cfn_values(
    raw: Any, resolved: Any, parameters: Mapping[str, Any], regex: bool = False,
) -> dict[str, Any]:
    """What a rule's ``HttpHeaderConfig.Values`` (``RegexValues``) are (each as
    ``_cfn_value``)."""
    raw = resolved if raw is None else raw
    if not isinstance(raw, list) or not isinstance(resolved, list) or len(raw) != len(
            resolved) or not raw:
        return {MATCH: "unknown", SECRETS: []}
    each = [_cfn_value(r, v, parameters, regex) for r, v in zip(raw, resolved, strict=True)]
    for match in ("any", "written", "unknown"):
        if any(e[MATCH] == match for e in each):
            return {MATCH: match, SECRETS: []}
    return {MATCH: "secret", SECRETS: sorted({s for e in each for s in e[SECRETS]})}


def _at(value: Any, *path: Any) -> Any:
    for key in path:
        if isinstance(key, int):
            value = value[key] if isinstance(value, list) and len(value) > key else None
        else:
            value = value.get(key) if isinstance(value, Mapping) else None
    return value


def _cfn_headers(raw: Any, props: Mapping[str, Any], parameters: Mapping[str, Any]
                 ) -> dict[str, Any]:
    """``CUSTOM_HEADERS`` of an ``AWS::CloudFront::Distribution``."""
    origins = _at(props, "DistributionConfig", "Origins")
    written = _at(raw, "DistributionConfig", "Origins")
    if not isinstance(origins, list):
        return {CUSTOM_HEADERS: None}
    headers: dict[str, Any] = {}
    for index, origin in enumerate(origins):
        added = _at(origin, "OriginCustomHeaders")
        if added is None:
            headers[str(index)] = {}
            continue
        if not isinstance(added, list):
            return {CUSTOM_HEADERS: None}
        own: dict[str, Any] = {}
        for number, header in enumerate(added):
            name = _at(header, "HeaderName")
            if not isinstance(name, str):
                return {CUSTOM_HEADERS: None}
            own[name.lower()] = _cfn_value(
                _at(written, index, "OriginCustomHeaders", number, "HeaderValue"),
                _at(header, "HeaderValue"), parameters)
        headers[str(index)] = own
    return {CUSTOM_HEADERS: headers}


def cloudformation(
    resource_type: str, props: Mapping[str, Any], raw: Any = None,
    parameters: Any = None,
) -> dict[str, Any]:
    """The attributes of a CloudFormation listener, listener rule or CloudFront
    distribution; ``{}`` for other types. ``raw``: the properties as written;
    ``parameters``: the template's ``Parameters``."""
    parameters = parameters if isinstance(parameters, Mapping) else {}
    if resource_type == "AWS::CloudFront::Distribution":
        return _cfn_headers(raw, props, parameters)
    if resource_type == CFN_LISTENER:
        return {DEFAULT_FORWARDS: forwards(_types(props.get("DefaultActions")))}
    if resource_type != CFN_RULE:
        return {}
    conditions = props.get("Conditions")
    gates: list[str] = []
    described: list[dict[str, Any]] = []
    for index, condition in enumerate(conditions if isinstance(conditions, list) else ()):
        if not isinstance(condition, Mapping) or not isinstance(condition.get("Field"), str):
            conditions = None
            break
        if condition["Field"].lower() != "http-header":
            continue
        config = condition.get("HttpHeaderConfig")
        name = config.get("HttpHeaderName") if isinstance(config, Mapping) else None
        gates.append(name if isinstance(name, str) and name else "?")
        key = "Values" if _at(config, "Values") is not None or _at(
            config, "RegexValues") is None else "RegexValues"
        described.append(_cfn_values(
            _at(raw, "Conditions", index, "HttpHeaderConfig", key),
            _at(config, key), parameters, regex=key == "RegexValues"))
    known = isinstance(conditions, list)
    return {RULE_FORWARDS: forwards(_types(props.get("Actions"))),
            HEADER_GATES: gates if known else None,
            HEADER_VALUES: described if known else None}


def _types(actions: Any) -> list[Any] | None:
    """The ``Type`` of each CloudFormation action; None when the list is not one."""
    if not isinstance(actions, list) or not actions:
        return None
    return [a.get("Type") if isinstance(a, Mapping) else None for a in actions]
