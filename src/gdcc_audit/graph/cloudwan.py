"""AWS Cloud WAN: which VPC attachments of one core network reach each other, by segment.

A core network routes by segment: "Segments are dedicated routing domains ... only
attachments within the same segment can communicate", unless the segment isolates its
attachments (``isolate-attachments``: "attachments within the segment can't communicate with
each other"), and segments reach each other only where the policy shares them
(``segment-actions`` ``share``: "share routes between segments", both ways) or routes to an
attachment (``create-route``; AWS Cloud WAN user guide, cloudwan-policy-segments.html /
cloudwan-policy-segment-actions.html). Which segment an attachment is in is the first
attachment policy (by ``rule-number``) whose conditions it meets: its ``segment``
(``association-method`` ``constant``) or the value of one of its tags (``tag``,
``tag-value-of-key``; cloudwan-policy-attachments.html). The graph joined every attachment
of a core network to every other, through the core network as one hub (``graph.scope``).

The policy is read from the scan: an ``aws_networkmanager_core_network_policy_attachment``'s
(or the core network's own) ``policy_document`` — a
``data "aws_networkmanager_core_network_policy_document"`` of the unit, or a
``jsonencode`` of the document — and an ``AWS::NetworkManager::CoreNetwork``'s
``PolicyDocument``. Where anything is not known — the policy, an attachment's tags or a
condition (``account-id``, ``region``), a segment action other than ``share`` and
``create-route`` (service insertion: ``send-via`` / ``send-to``) — the core network's
attachments join through its hub as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from gdcc_audit.graph.transit import Solved

TF_ATTACHMENT = "aws_networkmanager_vpc_attachment"
CFN_ATTACHMENT = "AWS::NetworkManager::VpcAttachment"


def _hyphens(value: Any) -> Any:
    """A policy with hyphenated keys (``attachment_policies`` of the Terraform data source is
    the document's ``attachment-policies``)."""
    if isinstance(value, Mapping):
        return {str(k).replace("_", "-"): _hyphens(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hyphens(v) for v in value]
    return value


def _document(value: Any) -> dict[str, Any] | None:
    """A policy document as a dict (a JSON text parsed), None when not readable."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return _hyphens(value) if isinstance(value, Mapping) else None


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _condition(condition: Any, tags: Mapping[str, Any]) -> bool | None:
    """Whether an attachment with ``tags`` meets one condition (None: not known)."""
    if not isinstance(condition, Mapping):
        return None
    kind = condition.get("type")
    if kind == "any":
        return True
    if kind == "attachment-type":
        return condition.get("value") == "vpc" if condition.get(
            "operator", "equals") == "equals" else None
    key = condition.get("key")
    if kind == "tag-exists" and isinstance(key, str):
        return key in tags
    if kind == "tag-value" and isinstance(key, str):
        wanted, operator = condition.get("value"), condition.get("operator", "equals")
        have = tags.get(key)
        if not isinstance(wanted, str) or (have is not None and not isinstance(have, str)):
            return None
        if have is None:
            return bool(operator == "not-equals")
        tests: dict[str, bool] = {
            "equals": have == wanted, "not-equals": have != wanted,
            "contains": wanted in have, "begins-with": have.startswith(wanted)}
        return tests.get(str(operator))
    return None  # account-id, region, resource-id: not read


def segment_of(policy: Mapping[str, Any], tags: Mapping[str, Any] | None) -> str | None:
    """The segment an attachment with ``tags`` is associated with (None: not known)."""
    if tags is None:
        return None
    rules = [r for r in _items(policy.get("attachment-policies")) if isinstance(r, Mapping)]
    if len(rules) != len(_items(policy.get("attachment-policies"))):
        return None
    try:
        rules.sort(key=lambda r: int(str(r.get("rule-number"))))
    except (TypeError, ValueError):
        return None
    for rule in rules:
        met = [_condition(c, tags) for c in _items(rule.get("conditions"))]
        logic = rule.get("condition-logic") or "and"
        if not met:
            return None
        if logic == "or":
            found = True if any(met) else (None if None in met else False)
        else:
            found = False if False in met else (None if None in met else True)
        if found is None:
            return None
        if not found:
            continue
        action = rule.get("action")
        if isinstance(action, list) and len(action) == 1:
            action = action[0]  # (a Terraform block)
        if not isinstance(action, Mapping):
            return None
        if action.get("association-method") == "tag":
            value = tags.get(str(action.get("tag-value-of-key")))
            return value if isinstance(value, str) else None
        segment = action.get("segment")
        return segment if isinstance(segment, str) else None
    return None  # (no rule met: not taken to be in no segment)


def solve(core_of: Mapping[str, str | None], tags_of: Mapping[str, Mapping[str, Any] | None],
          policies: Mapping[str, Any], target: Callable[[Any], str | None]) -> Solved:
    """The pairs of VPC attachments (names of the unit) that reach each other, for each core
    network of the unit whose policy (``policies``: core network -> its document, None when
    not known) places every attachment of the unit in a segment; ``target(value)``: the
    attachment a ``create-route`` destination names."""
    by_core: dict[str, list[str]] = {}
    for name, core in core_of.items():
        if core is not None:
            by_core.setdefault(core, []).append(name)
    attachments: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for core, names in sorted(by_core.items()):
        policy = _document(policies.get(core))
        found = _pairs(policy, names, tags_of, target) if policy is not None else None
        if found is not None:
            attachments.update(names)
            pairs.update(found)
    return Solved(attachments=frozenset(attachments), pairs=tuple(sorted(pairs)))


def _pairs(policy: Mapping[str, Any], names: list[str],
           tags_of: Mapping[str, Mapping[str, Any] | None], target: Callable[[Any], str | None]
           ) -> set[tuple[str, str]] | None:
    segments = {str(s.get("name")): s for s in _items(policy.get("segments"))
                if isinstance(s, Mapping)}
    member: dict[str, str] = {}
    for name in names:
        segment = segment_of(policy, tags_of.get(name))
        if segment is None or segment not in segments:
            return None
        member[name] = segment
    linked: set[tuple[str, str]] = set()  # segments sharing with each other
    routes: set[tuple[str, str]] = set()  # segment -> attachment
    for action in _items(policy.get("segment-actions")):
        if not isinstance(action, Mapping):
            return None
        kind = action.get("action")
        segment = action.get("segment")
        if kind == "share" and isinstance(segment, str):
            others = _share_with(action, segments)
            if others is None:
                return None
            linked.update((segment, o) for o in others)
            linked.update((o, segment) for o in others)
        elif kind == "create-route" and isinstance(segment, str):
            for destination in _items(action.get("destinations")):
                found = target(destination)
                if found is None:
                    return None  # an attachment not of the scan (a VPN, another one)
                routes.add((segment, found))
        else:
            return None  # service insertion, or not read
    out: set[tuple[str, str]] = set()
    for first in names:
        for second in names:
            if first == second:
                continue
            a, b = member[first], member[second]
            same = a == b and segments[a].get("isolate-attachments") not in (True, "true")
            if same or (a, b) in linked or (a, second) in routes:
                out.add((first, second))
    return out


def _share_with(action: Mapping[str, Any], segments: Mapping[str, Any]) -> list[str] | None:
    """The segments a ``share`` action names (``*``: every other one, but those excepted)."""
    wanted = action.get("share-with")
    if wanted in ("*", ["*"]):
        found = list(segments)
    elif isinstance(wanted, list) and all(isinstance(w, str) for w in wanted):
        found = list(wanted)
    else:
        return None
    except_ = _items(action.get("share-with-except"))
    return [s for s in found if s not in except_ and s != action.get("segment")]


# -- Terraform -----------------------------------------------------------------------------

def from_terraform(managed: Mapping[str, Any], resources: Iterable[Any],
                   targets: Callable[[Any, str], list[str]]) -> Solved:
    """The Cloud WAN pairs of one Terraform unit (``resources``: all of its resources, data
    sources too, by which a policy document is found)."""
    core_of: dict[str, str | None] = {}
    tags_of: dict[str, Mapping[str, Any] | None] = {}
    for address, resource in managed.items():
        if resource.type == TF_ATTACHMENT:
            cores = targets(resource, "core_network_id")
            # (``…policy_attachment.x.core_network_id``, so that the policy comes first:
            # the aws-ia modules' way) its core network
            cores = [c for t in cores for c in (
                targets(managed[t], "core_network_id") if t in managed and managed[t].type
                == "aws_networkmanager_core_network_policy_attachment" else [t])]
            core_of[address] = cores[0] if len(cores) == 1 else None
            tags = resource.values.get("tags")
            tags_of[address] = tags if isinstance(tags, Mapping) and all(
                isinstance(v, str) for v in tags.values()) else (
                {} if tags is None else None)
    if not core_of:
        return Solved()
    data = {r.address: r for r in resources if getattr(r, "mode", "") == "data"}
    policies: dict[str, Any] = {}
    for address, resource in managed.items():
        if resource.type not in ("aws_networkmanager_core_network_policy_attachment",
                                 "aws_networkmanager_core_network"):
            continue
        cores = ([address] if resource.type == "aws_networkmanager_core_network"
                 else targets(resource, "core_network_id"))
        written = resource.values.get("policy_document")
        if written is None:
            continue
        documents = [data[r.target.split(".json")[0]].values
                     for r in resource.references
                     if r.attribute == "policy_document" and r.target.startswith("data.")
                     and r.target.split(".json")[0] in data]
        for core in cores:
            if core in policies:
                policies[core] = None  # two policies: which is in force is not known
            else:
                policies[core] = documents[0] if len(documents) == 1 else written

    def named(value: Any) -> str | None:
        # a create-route destination: an attachment of the unit (``…vpc_attachment.x.id``)
        return None if not isinstance(value, str) else next(
            (a for a in core_of if value in (a, f"{a}.id")), None)

    return solve(core_of, tags_of, policies, named)


# -- CloudFormation ------------------------------------------------------------------------

def from_template(resources: Mapping[str, Any], target: Callable[[Any], str | None]) -> Solved:
    """The Cloud WAN pairs of one template."""
    core_of: dict[str, str | None] = {}
    tags_of: dict[str, Mapping[str, Any] | None] = {}
    policies: dict[str, Any] = {}
    for name, body in resources.items():
        if not isinstance(body, Mapping):
            continue
        props = body.get("Properties") or {}
        if not isinstance(props, Mapping):
            continue
        if body.get("Type") == CFN_ATTACHMENT:
            core_of[name] = target(props.get("CoreNetworkId"))
            tags = props.get("Tags")
            if tags is None:
                tags_of[name] = {}
            elif isinstance(tags, list) and all(
                    isinstance(t, Mapping) and isinstance(t.get("Key"), str)
                    and isinstance(t.get("Value"), str) for t in tags):
                tags_of[name] = {t["Key"]: t["Value"] for t in tags}
            else:
                tags_of[name] = None
        elif body.get("Type") == "AWS::NetworkManager::CoreNetwork":
            policies[name] = props.get("PolicyDocument")
    if not core_of:
        return Solved()
    return solve(core_of, tags_of, policies, lambda v: target(v) if target(v) in core_of
                 else None)
