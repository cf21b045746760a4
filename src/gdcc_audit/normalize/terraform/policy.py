"""Permission-policy analysis: wildcard and administrator grants in IAM-style documents.

Reads AWS / Huawei Cloud style JSON policies given as a string (heredoc, ``jsonencode`` that
the loader rendered to text) or as an already decoded mapping, and
``data "aws_iam_policy_document"`` blocks. Only ``Allow`` statements grant anything.

- ``admin_privileges``: some statement allows every action (``*`` or ``*:*``) on every
  resource (``*``);
- ``wildcard_permissions``: some statement allows a wildcard action (``*``, ``svc:*``,
  ``svc:Get*``, ``svc:?et*``: ``models.resource.wildcard_action``) or uses ``NotAction`` with
  Allow.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.terraform_model import (
    AWS_ID_TEXT,
    DYNAMIC_STATEMENT_TEXT,
    UNKNOWN,
    UNKNOWN_TEXT,
    TfResource,
)
from gdcc_audit.models.resource import PolicyStatement, passed_to_services, wildcard_action
from gdcc_audit.normalize.policy_conditions import (
    SERVICE_KEY,
    deciding_statements,
    narrows,
    statement_name,
)

__all__ = [
    "PolicyGrant",
    "analyse_document",
    "analyse_policy_text",
    "analyse_statements",
    "decoded_json",
    "policy_statements",
    "policy_value",
]


def policy_value(resource: TfResource, attribute: str = "policy") -> Any:
    """The policy in ``attribute``: its value, or, when that is UNKNOWN only because some
    values in it are computed at apply time, its text with those values marked (the readers
    here then treat each marked value as UNKNOWN)."""
    value = resource.values.get(attribute)
    if value is UNKNOWN:
        return resource.partial.get(attribute, UNKNOWN)
    return value


_DYNAMIC = re.compile(
    re.escape(UNKNOWN_TEXT + DYNAMIC_STATEMENT_TEXT) + r"(?P<what>.*?) at (?P<where>[^)\"]*)\)"
)


def dynamic_statements(policy: Any) -> list[tuple[str, str]]:
    """The ``dynamic "statement"`` blocks over a collection not known a policy's rendered
    text stands for (``load.terraform.module._maybe_statement``): what each iterates over
    (``var.extra``) and where (``main.tf:5``)."""
    if not isinstance(policy, str) or DYNAMIC_STATEMENT_TEXT not in policy:
        return []
    return list(dict.fromkeys((m["what"], m["where"]) for m in _DYNAMIC.finditer(policy)))


#: Statement keys whose values name principals: a value holding only ``AWS_ID_TEXT`` there
#: names one account, role or provider (never a wildcard), and is kept as written.
_PRINCIPAL_KEYS = frozenset({"Principal", "NotPrincipal"})


class AssignedId:
    """A value of a policy, outside a principal, that only identifiers AWS assigns fill in,
    its written part holding no wildcard (``aws_cognito_identity_pool.x.id``,
    ``"${data.aws_region.current.name}:${aws_x.y.id}"``, ``AWS_ID_TEXT``): not known, but it
    names one thing, never a pattern (:func:`identified_statements`)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"AssignedId({self.text!r})"


def _unmark(value: Any, principal: bool = False, ids: bool = False) -> Any:
    """A decoded policy with every string holding ``UNKNOWN_TEXT`` replaced by UNKNOWN, and
    every string holding ``AWS_ID_TEXT`` too, except in a principal (where the written part
    and the fact that it is an identifier AWS assigns are what is judged). ``ids``: a string
    elsewhere holding only such identifiers and no wildcard is an :class:`AssignedId`."""
    if isinstance(value, str):
        if UNKNOWN_TEXT not in value:
            return value
        rest = value.replace(AWS_ID_TEXT, "")
        only_ids = UNKNOWN_TEXT not in rest
        if principal and only_ids:
            return value
        if ids and only_ids and "*" not in rest and "?" not in rest:
            return AssignedId(value)
        return UNKNOWN
    if isinstance(value, list):
        return [_unmark(item, principal, ids) for item in value]
    if isinstance(value, dict):
        if any(UNKNOWN_TEXT in key for key in value):
            return UNKNOWN
        return {
            key: _unmark(item, principal or key in _PRINCIPAL_KEYS, ids)
            for key, item in value.items()
        }
    return value


_TRAILING_COMMA = re.compile(r'("(?:[^"\\]|\\.)*")|,(\s*[\]}])')


def _parse_json(text: str) -> Any:
    """JSON text decoded as written (values not known still marked); ValueError when it is
    not JSON. A comma before a closing bracket (common in hand-written heredoc policies) is
    read past: the author's intent is clear and the policy is judged on it."""
    try:
        return json.loads(text)
    except ValueError:
        return json.loads(_TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(2), text))


def _loads(text: str) -> Any:
    """JSON text decoded, marked values as UNKNOWN; ValueError when it is not JSON."""
    return _unmark(_parse_json(text))


@dataclass(frozen=True)
class PolicyGrant:
    """What a policy grants; ``None`` means it could not be read."""

    admin_privileges: bool | None
    wildcard_permissions: bool | None


UNREADABLE = PolicyGrant(None, None)
NOTHING = PolicyGrant(False, False)


def _as_list(value: Any) -> list[Any] | None:
    if value is None:
        return []
    if value is UNKNOWN:
        return None
    if isinstance(value, list | tuple):
        return None if any(v is UNKNOWN for v in value) else list(value)
    return [value]


def _statement_grant(effect: Any, actions: Any, not_actions: Any, resources: Any) -> PolicyGrant:
    if effect is UNKNOWN:
        return UNREADABLE
    if str(effect or "Allow").lower() != "allow":
        return NOTHING
    action_list = _as_list(actions)
    not_action_list = _as_list(not_actions)
    resource_list = _as_list(resources)
    if action_list is None or not_action_list is None:
        return UNREADABLE
    wildcard = bool(not_action_list) or any(
        isinstance(a, str) and wildcard_action(a) for a in action_list
    )
    full = any(isinstance(a, str) and a.strip() in {"*", "*:*"} for a in action_list)
    if not full:
        return PolicyGrant(False, wildcard)
    if resource_list is None:
        return PolicyGrant(None, True)
    every_resource = not resource_list or any(r == "*" for r in resource_list)
    return PolicyGrant(every_resource, True)


def _combine(grants: list[PolicyGrant]) -> PolicyGrant:
    def fold(values: list[bool | None]) -> bool | None:
        if any(v is True for v in values):
            return True
        if any(v is None for v in values):
            return None
        return False

    return PolicyGrant(
        fold([g.admin_privileges for g in grants]),
        fold([g.wildcard_permissions for g in grants]),
    )


def analyse_statements(statements: Any) -> PolicyGrant:
    """Grants of a list of JSON statements (``{"Effect", "Action", "Resource"}`` dicts)."""
    items = _as_list(statements)
    if items is None:
        return UNREADABLE
    grants: list[PolicyGrant] = []
    for item in items:
        if not isinstance(item, dict):
            grants.append(UNREADABLE)
            continue
        grants.append(
            _statement_grant(
                item.get("Effect", item.get("effect")),
                item.get("Action", item.get("action")),
                item.get("NotAction", item.get("not_action")),
                item.get("Resource", item.get("resource")),
            )
        )
    return _combine(grants) if grants else NOTHING


def analyse_policy_text(policy: Any) -> PolicyGrant:
    """Grants of a policy given as JSON text or as a decoded mapping; UNKNOWN is unreadable."""
    if policy is None or policy is UNKNOWN:
        return UNREADABLE
    if isinstance(policy, str):
        try:
            policy = _loads(policy)
        except ValueError:
            return UNREADABLE
    if not isinstance(policy, dict):
        return UNREADABLE
    statements = policy.get("Statement", policy.get("statement"))
    if statements is UNKNOWN:
        return UNREADABLE
    if isinstance(statements, dict):
        statements = [statements]
    return analyse_statements(statements)


def analyse_document(values: dict[str, Any]) -> PolicyGrant:
    """Grants of a ``data "aws_iam_policy_document"`` (``statement`` blocks, ``actions``,
    ``not_actions``, ``resources``, ``effect``), with those of the documents it merges
    (``source_policy_documents``, ``override_policy_documents``: JSON texts; one not known is
    unreadable). An override replacing a statement of the same ``sid`` is not told apart: its
    grants are added (never fewer than the document's own)."""
    merged = [
        _merged(values.get(key)) for key in ("source_policy_documents", "override_policy_documents")
    ]
    statements = values.get("statement")
    items = _as_list(statements)
    if items is None:
        return UNREADABLE
    grants = [
        _statement_grant(
            s.get("effect"), s.get("actions"), s.get("not_actions"), s.get("resources")
        )
        if isinstance(s, dict)
        else UNREADABLE
        for s in items
    ]
    return _combine([*merged, *grants])


def _merged(documents: Any) -> PolicyGrant:
    """Grants of the JSON policy texts a policy document merges (absent: none)."""
    texts = _as_list(documents)
    if texts is None:
        return UNREADABLE
    return _combine([NOTHING, *(analyse_policy_text(t) for t in texts if t != "")])


def decoded_json(value: Any) -> Any:
    """A JSON document given as text (values not known statically become UNKNOWN) or already
    decoded; None when it cannot be read."""
    if isinstance(value, str):
        try:
            return _loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict | list) else None


def written_json(text: str) -> Any:
    """A JSON document's text decoded as written (each value not known still marked with
    ``UNKNOWN_TEXT``); None when it is not JSON."""
    try:
        return _parse_json(text)
    except ValueError:
        return None


def _decoded(policy: Any) -> dict[str, Any] | None:
    if isinstance(policy, str):
        try:
            policy = _loads(policy)
        except ValueError:
            return None
    return policy if isinstance(policy, dict) else None


def _statements(policy: Any, written: bool = False) -> list[dict[str, Any]] | None:
    """The statements of a policy; ``written``: strings as written, a part not known marked
    in them (``UNKNOWN_TEXT``), not the whole string replaced by UNKNOWN."""
    try:
        decoded = _parse_json(policy) if written and isinstance(policy, str) else _decoded(policy)
    except ValueError:
        return None
    if not isinstance(decoded, dict):
        return None
    statements = decoded.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or any(not isinstance(s, dict) for s in statements):
        return None
    return statements


def statement_dicts(policy: Any) -> list[dict[str, Any]] | None:
    """The statements of a policy (JSON text or decoded), values not known statically as
    UNKNOWN; None when it cannot be read."""
    return _statements(policy)


def identified_statements(policy: Any) -> list[dict[str, Any]] | None:
    """:func:`statement_dicts`, with a condition value that only identifiers AWS assigns
    fill in (a trust's ``cognito-identity.amazonaws.com:aud`` =
    ``aws_cognito_identity_pool.x.id``) kept as an :class:`AssignedId`, not UNKNOWN."""
    if not isinstance(policy, str):
        return _statements(policy)
    try:
        decoded = _unmark(_parse_json(policy), ids=True)
    except ValueError:
        return None
    statements = decoded.get("Statement") if isinstance(decoded, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or any(not isinstance(s, dict) for s in statements):
        return None
    return statements


def _everyone(principal: Any) -> bool | None:
    """Whether a principal lets anyone in: ``*``, ``{"AWS": "*"}``, or a wildcard inside an
    ARN (``arn:aws:iam::*:root``: AWS does not match partial wildcards in principals, so such
    a policy names no one safely). None when part of it cannot be known, except a ``Service``
    principal: whatever its name, it is an AWS service (``SERVICE_KEY``)."""
    if principal is UNKNOWN:
        return None
    if isinstance(principal, str):
        return "*" in principal
    values: list[Any] = []
    if isinstance(principal, dict):
        for key, value in principal.items():
            listed = value if isinstance(value, list) else [value]
            if isinstance(key, str) and key.lower() == SERVICE_KEY:
                listed = [v for v in listed if v is not UNKNOWN]
            values.extend(listed)
    elif isinstance(principal, list):
        values = list(principal)
    else:
        return False
    if any(isinstance(v, str) and "*" in v for v in values):
        return True
    return None if any(v is UNKNOWN for v in values) else False


def _statement_public(statement: dict[str, Any]) -> bool | None:
    effect = statement.get("Effect", "")
    if effect is UNKNOWN:
        return None
    if str(effect).lower() != "allow":
        return False
    # NotPrincipal with Allow: everyone but the named principals.
    opened = True if "NotPrincipal" in statement else _everyone(statement.get("Principal"))
    if opened is False:
        return False  # a condition only narrows a grant: named principals stay named
    narrowed = narrows(statement.get("Condition"), lambda v: v is not UNKNOWN)
    if narrowed is not False:
        return None if narrowed is None else False
    return opened


def grants_public(policy: Any) -> bool | None:
    """Whether a resource policy allows anyone (``Principal: "*"``, a wildcard principal ARN or
    ``NotPrincipal`` with Allow) without a condition that limits the callers
    (``policy_conditions.narrows``); ``None`` when the policy cannot be read. An absent or
    empty policy (``policy = ""``) grants nothing."""
    if policy is None or (isinstance(policy, str) and not policy.strip()):
        return False
    statements = _statements(policy)
    if statements is None:
        return None
    verdicts = [_statement_public(s) for s in statements]
    if any(v is True for v in verdicts):
        return True
    return None if any(v is None for v in verdicts) else False


def may_refuse_http(policy: Any) -> bool:
    """Whether a bucket policy may refuse plain HTTP: it is not known, or it names the
    ``SecureTransport`` condition key (``acs:SecureTransport``, OBS's ``SecureTransport`` /
    ``g:SecureTransport``), which is how Alibaba Cloud OSS and Huawei Cloud OBS policies
    refuse HTTP. One that never names it refuses none (:func:`refuses_plain_http` reads it)."""
    if policy is UNKNOWN or not isinstance(policy, str | dict | list):
        return True
    text = policy if isinstance(policy, str) else json.dumps(
        policy, default=lambda _: UNKNOWN_TEXT
    )
    return "securetransport" in text.lower() or UNKNOWN_TEXT in text


#: The SecureTransport condition keys of Alibaba Cloud OSS (``acs:SecureTransport``) and
#: Huawei Cloud OBS (``SecureTransport``, ``g:SecureTransport``), lower case.
_SECURE_TRANSPORT_KEYS = frozenset({"acs:securetransport", "securetransport",
                                    "g:securetransport"})


def _false_text(value: Any) -> bool | None:
    """Whether a condition value is ``false`` (``"false"``, ``false``, ``["false"]``); None
    when it is not known."""
    items = value if isinstance(value, list) else [value]
    if any(item is UNKNOWN for item in items):
        return None
    return bool(items) and all(str(item).lower() == "false" for item in items)


def _plain_http_condition(condition: Any) -> bool | None:
    """Whether a Deny statement's ``Condition`` holds for every plain-HTTP request and only
    depends on it: ``{"Bool": {"acs:SecureTransport": ["false"]}}`` (or ``BoolIfExists``;
    OBS's ``SecureTransport`` / ``g:SecureTransport``). False when it names no such key or
    sets it true; None when it is not known, or adds other keys (which may leave some HTTP
    requests out of the Deny: not read)."""
    if condition is UNKNOWN:
        return None
    if not isinstance(condition, dict):
        return False
    found: bool | None = False
    others = False
    for operator, tests in condition.items():
        if not isinstance(tests, dict):
            return None
        for key, value in tests.items():
            if str(key).lower() not in _SECURE_TRANSPORT_KEYS:
                others = True
                continue
            if str(operator).lower() not in {"bool", "boolifexists"}:
                found = None
                continue
            falsy = _false_text(value)
            if falsy is None:
                found = None
            elif falsy and found is False:
                found = True
    if found is True and others:
        return None
    return found


def _every_caller(principal: Any) -> bool | None:
    """Whether an OSS / OBS policy principal is everyone: ``*``, ``["*"]``, OBS's
    ``{"ID": ["*"]}``; None when it is not known."""
    if principal is UNKNOWN:
        return None
    items: list[Any] = []
    for part in principal.values() if isinstance(principal, dict) else [principal]:
        items.extend(part if isinstance(part, list) else [part])
    if "*" in items:
        return True
    return None if any(item is UNKNOWN for item in items) else False


def _every_storage_action(statement: dict[str, Any]) -> bool | None:
    """Whether a statement names every action of OSS / OBS (``*``, ``oss:*``, ``obs:*``); a
    ``NotAction`` leaves some out."""
    if "NotAction" in statement:
        return False
    items = statement.get("Action")
    listed = items if isinstance(items, list) else [items]
    if items is UNKNOWN or any(item is UNKNOWN for item in listed):
        return None
    return any(isinstance(item, str) and item.lower() in {"*", "oss:*", "obs:*"}
               for item in listed)


def _takes_every_object(entry: str, bucket: str | None) -> bool | None:
    """Whether one ``Resource`` entry of an OSS / OBS bucket policy takes in every object of
    the bucket: OSS writes ``acs:oss:REGION:ACCOUNT:NAME/*``, OBS ``NAME/*``; ``*`` matches
    ``/`` too (``NAME*``, ``*``). Not the bucket alone (``NAME``), a prefix (``NAME/logs/*``)
    or another bucket. A name not known (marked) before ``/*`` is the bucket's; other parts
    not known: None."""
    rest = entry
    if entry.lower().startswith("acs:oss:") and entry.count(":") >= 4:
        rest = entry.split(":", 4)[4]
    name, slash, tail = rest.partition("/")
    if UNKNOWN_TEXT in tail or (UNKNOWN_TEXT in name and (name != UNKNOWN_TEXT or not slash)):
        return None
    if name != UNKNOWN_TEXT and "*" in name:
        # "*" or "NAME*": a wildcard before any "/" matches every key of the bucket
        return True if name.endswith("*") and name.count("*") == 1 and not slash else None
    if bucket is not None and name not in {bucket, UNKNOWN_TEXT}:
        return False  # another bucket's
    return bool(slash) and tail == "*"


def refuses_plain_http(policy: Any, bucket: Any = None) -> bool | None:
    """Whether an Alibaba Cloud OSS / Huawei Cloud OBS bucket policy refuses plain HTTP: a
    Deny statement for every caller (``*``, OBS's ``{"ID": ["*"]}``), every action
    (``oss:*`` / ``*``), with only ``acs:SecureTransport`` (OBS: ``SecureTransport``,
    ``g:SecureTransport``) false as its condition, on every object of the bucket (as for S3:
    :func:`denies_insecure_transport`). An absent policy, one that never denies that way, or
    one denying some actions, callers or objects only (``NAME/logs/*``) leaves HTTP served:
    False. An Allow limited to ``SecureTransport`` true still leaves the owner and users
    granted by RAM / IAM free to use HTTP: False. None when a part that decides it is not
    known. ``bucket``: the bucket's name, when known (entries naming another bucket take in
    nothing)."""
    if policy is None or (isinstance(policy, str) and not policy.strip()):
        return False
    if policy is UNKNOWN:
        return None
    statements = _statements(policy)
    written = _statements(policy, written=True) if isinstance(policy, str) else statements
    if statements is None or written is None or len(written) != len(statements):
        return None
    name = bucket if isinstance(bucket, str) and UNKNOWN_TEXT not in bucket else None
    found: bool | None = False
    for statement, as_written in zip(statements, written, strict=True):
        effect = statement.get("Effect")
        if effect is UNKNOWN:
            verdicts: list[bool | None] = [None]
        elif str(effect).lower() != "deny":
            continue
        else:
            verdicts = [_plain_http_condition(statement.get("Condition")),
                        _every_caller(statement.get("Principal"))
                        if "NotPrincipal" not in statement else False,
                        _every_storage_action(statement)]
        if False in verdicts:
            continue
        resources = as_written.get("Resource") if "Resource" in as_written else UNKNOWN
        entries = resources if isinstance(resources, list) else [resources]
        covers = [_takes_every_object(e, name) if isinstance(e, str) else None
                  for e in entries]
        if True in covers and None not in verdicts:
            return True
        if True in covers or None in covers:
            found = None
    return found


def grants_public_plainly(policy: Any) -> bool | None:
    """:func:`grants_public` for a provider whose condition keys the policy readers do not
    know (Alibaba Cloud OSS: ``acs:SourceIp``, ``acs:SourceVpc``; Huawei Cloud OBS:
    ``SourceIp``, ``Referer``): True only when a statement lets anyone in with no
    ``Condition`` at all; one that does so with a condition is not known (it may limit the
    callers to networks), never a PASS."""
    found = grants_public(policy)
    if found is not True:
        return found
    try:
        data = json.loads(policy) if isinstance(policy, str) else policy
    except ValueError:
        return None
    statements = data.get("Statement") if isinstance(data, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list):
        return None
    bare = {**data, "Statement": [s for s in statements
                                  if not (isinstance(s, dict) and s.get("Condition"))]}
    return True if grants_public(bare) is True else None


def public_statements(
    policy: Any, limited: Callable[[dict[str, Any]], bool] | None = None
) -> tuple[bool | None, tuple[str, ...]]:
    """:func:`grants_public` with the statements that decide it, named for a finding's
    evidence: ``statement "Sid" allows everyone`` (``statement 2`` without a ``Sid``), ``...
    may allow everyone (principal or condition not known)``, or ``policy not readable``.
    ``limited``: whether a statement not known that way, read as written (parts not known
    marked, :func:`written_text`), still lets in no one but named callers (a role's trust
    statement pinning a token subject: ``trust.subject_pinned``)."""
    if policy is None or (isinstance(policy, str) and not policy.strip()):
        return False, ()
    statements = _statements(policy) if policy is not UNKNOWN else None
    if statements is None:
        return None, ("policy not readable",)
    verdicts = [(_statement_public(s), statement_name(s, i)) for i, s in enumerate(statements)]
    if limited is not None and any(verdict is None for verdict, _ in verdicts):
        written = _statements(policy, written=True) or []
        verdicts = [
            (False if verdict is None and i < len(written) and limited(written[i]) else verdict,
             name)
            for i, (verdict, name) in enumerate(verdicts)
        ]  # fmt: skip
    return deciding_statements(verdicts)


def written_text(value: Any) -> str | None:
    """A value of a policy read as written: its text when it holds no part not known."""
    return value if isinstance(value, str) and UNKNOWN_TEXT not in value else None


def written_lead(value: Any) -> str | None:
    """A value of a policy read as written: its text before the first part not known."""
    return value.split(UNKNOWN_TEXT, 1)[0] if isinstance(value, str) else None


def _every_action(actions: Any) -> bool | None:
    """Whether a statement's ``Action`` covers every action of the service (``*`` or
    ``service:*``); None when it is not known."""
    if actions is UNKNOWN:
        return None
    items = actions if isinstance(actions, list) else [actions]
    if any(item is UNKNOWN for item in items):
        return None
    return any(isinstance(item, str) and (item == "*" or item.endswith(":*")) for item in items)


def _requires_tls(statement: dict[str, Any]) -> bool:
    """Whether a statement's condition refuses requests with ``aws:SecureTransport`` false."""
    condition = statement.get("Condition")
    if not isinstance(condition, dict):
        return False
    for test in condition.values():
        if not isinstance(test, dict):
            continue
        value = test.get("aws:SecureTransport")
        if str(value).lower() in {"false", "['false']"} or value in ([False], False):
            return True
    return False


def _denies_everyone(statement: dict[str, Any]) -> bool | None:
    """Whether a Deny statement applies to every caller: ``Principal`` ``*`` or
    ``{"AWS": "*"}`` (a Deny for named principals, or with ``NotPrincipal``, leaves the
    others out); None when the principal is not known."""
    if "NotPrincipal" in statement:
        return False
    principal = statement.get("Principal")
    if principal is UNKNOWN:
        return None
    if principal == "*":
        return True
    if isinstance(principal, dict):
        value = principal.get("AWS")
        if value is UNKNOWN:
            return None
        listed = value if isinstance(value, list) else [value]
        if "*" in listed:
            return True
        return None if any(v is UNKNOWN for v in listed) else False
    return False


def _object_pattern_covers(text: str) -> bool | None:
    """Whether one ``Resource`` entry of an S3 bucket policy matches every object of the
    bucket: ``*``, ``arn:aws:s3:::NAME/*``, ``arn:aws:s3:::NAME*`` (``*`` matches ``/`` too),
    the bucket's ARN computed at apply time followed by ``/*``; not a prefix
    (``NAME/logs/*``), a suffix (``NAME/*.log``) or the bucket alone. None when a part not
    known may be either."""
    _head, marker, tail = text.rpartition(UNKNOWN_TEXT)
    star = tail.find("*")
    if star < 0:
        # no wildcard after the part not known: that part may hold one (a whole ARN from an
        # input), unless a key follows it
        return None if marker and "/" not in tail else False
    before, after = tail[:star], tail[star:]
    if after.strip("*"):
        return False  # a suffix after the wildcard: some objects only
    rest = before.split(":::", 1)[1] if not marker and ":::" in before else before
    if "/" not in rest:
        return True  # "*", "arn:aws:s3:::*", "arn:aws:s3:::NAME*", "<bucket ARN>*"
    return rest.endswith("/") and rest.count("/") == 1  # NAME/* or <bucket ARN>/*


def _covers_objects(statement: dict[str, Any]) -> bool | None:
    """Whether a statement's ``Resource`` takes in every object of the bucket (see
    :func:`_object_pattern_covers`); a statement without one is taken to apply to the policy's
    bucket, one with ``NotResource`` leaves some out or not (None)."""
    if "Resource" not in statement:
        return None if "NotResource" in statement else True
    items = _as_list(statement.get("Resource"))
    if items is None:
        return None
    found: bool | None = False
    for item in items:
        covers = _object_pattern_covers(item) if isinstance(item, str) else None
        if covers:
            return True
        if covers is None:
            found = None
    return found


def denies_insecure_transport(
    policy: Any,
    objects: bool = False,
    covers: Callable[[dict[str, Any]], bool | None] | None = None,
) -> bool | None:
    """Whether a resource policy (an S3 bucket's, a DynamoDB table's) denies every action of
    its service to every caller with ``aws:SecureTransport`` false (HTTPS only); ``None`` when
    the policy cannot be read. An absent policy denies nothing, and so does a Deny limited to
    some actions (``s3:PutObject`` only: reads still go over HTTP) or to named principals.
    ``objects``: an S3 bucket policy, whose Deny must also name every object of the bucket
    (``arn:aws:s3:::NAME/*``): one limited to a prefix (``NAME/logs/*``) or to the bucket
    leaves the other objects served over HTTP. ``covers``: whether a Deny's written
    statement takes in the resource the policy protects (a DynamoDB table's, not only its
    indexes: ``normalize/dynamodb_transport.covers_table``)."""
    if policy is None:
        return False
    statements = _statements(policy)
    if statements is None:
        return None
    written: list[dict[str, Any]] | None = None  # parsed again only for such a Deny
    found: bool | None = False
    for index, s in enumerate(statements):
        if str(s.get("Effect", "")).lower() != "deny" or not _requires_tls(s):
            continue
        every = _every_action(s.get("Action"))
        everyone = _denies_everyone(s)
        check = _covers_objects if objects else covers
        if check is not None and written is None:
            written = _statements(policy, written=True) or []
        covered = (
            check(written[index] if len(written) > index else s)
            if check is not None and written is not None else True
        )
        if every and everyone and covered:
            return True
        if every is not False and everyone is not False and covered is not False:
            found = None
    return found


#: A resource ARN computed at apply time (see ``PolicyStatement``).
UNKNOWN_ARN = "<unknown>"


def _texts(value: Any) -> list[str] | None:
    items = _as_list(value)
    if items is None:
        return None
    return [UNKNOWN_ARN if UNKNOWN_TEXT in str(v) else str(v) for v in items if v is not None]


def _resolved(resources: list[str], refs: list[str]) -> tuple[str, ...]:
    """Unknown ARNs replaced by the resources the statement refers to, when every unknown
    ARN can only be one of them (one reference, or as many as unknown entries)."""
    unknown = [r for r in resources if r == UNKNOWN_ARN]
    if not unknown or not refs or (len(refs) != 1 and len(refs) != len(unknown)):
        return tuple(resources)
    known = [r for r in resources if r != UNKNOWN_ARN]
    return tuple(dict.fromkeys([*known, *(f"ref:{r}" for r in refs)]))


def policy_statements(
    policy: Any, refs: Any = None
) -> tuple[PolicyStatement, ...] | None:
    """The Allow statements of a policy (JSON text, possibly with values computed at apply
    time marked, or a decoded mapping); ``None`` when it cannot be read. ``refs`` maps a
    statement's index to the addresses its resources refer to (``None``: not known)."""
    if policy is None:
        return ()
    if policy is UNKNOWN:
        return None
    if isinstance(policy, str):
        try:
            decoded = json.loads(policy)
        except ValueError:
            return None
    else:
        decoded = policy
    if not isinstance(decoded, dict):
        return None
    items = decoded.get("Statement", decoded.get("statement"))
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        return None
    found: list[PolicyStatement] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            return None
        effect = str(item.get("Effect", item.get("effect", "Allow")))
        if UNKNOWN_TEXT in effect:
            return None
        if effect.lower() != "allow":
            continue
        actions = _texts(item.get("Action", item.get("action")))
        not_actions = _texts(item.get("NotAction", item.get("not_action")))
        if actions is None or not_actions is None or UNKNOWN_ARN in actions + not_actions:
            return None
        resources = _texts(item.get("Resource", item.get("resource")))
        if item.get("NotResource") is not None:
            resources = ["*"]  # all but some: counted as every resource
        sid = item.get("Sid")
        found.append(
            PolicyStatement(
                sid=sid if isinstance(sid, str) and UNKNOWN_TEXT not in sid else None,
                actions=tuple(not_actions or actions),
                not_action=bool(not_actions),
                resources=None if resources is None else _resolved(
                    resources, refs(index) if callable(refs) else []
                ),
                passed_to=passed_to_services(item.get("Condition", item.get("condition"))),
            )
        )
    return tuple(found)
