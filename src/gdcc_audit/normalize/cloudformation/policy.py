"""IAM-style policy documents (also S3 bucket, KMS key and queue policies): wildcards, admin
rights and grants to everyone, each ``None`` when the document is not fully known."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.models.aws_managed_policies import managed_arn as listed_arn
from gdcc_audit.models.aws_managed_policies import managed_policy_document
from gdcc_audit.models.resource import PolicyStatement, passed_to_services, wildcard_action
from gdcc_audit.normalize.cloudformation.values import (
    UNKNOWN,
    PartialText,
    ResourceRef,
    as_list,
    is_known,
    shaped,
)
from gdcc_audit.normalize.policy_conditions import (
    SERVICE_KEY,
    deciding_statements,
    narrows,
    statement_name,
)

ADMIN_POLICY_ARNS = frozenset(
    {"arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/IAMFullAccess"}
)


def managed_arn(value: Any) -> Any:
    """An AWS managed policy ARN as the tables list it (``arn:aws:iam::aws:policy/...``): the
    policy is the same whatever the partition, so one written for another partition
    (``arn:aws-us-gov:...``) or with the partition as a pseudo parameter (``!Sub
    arn:${AWS::Partition}:iam::aws:policy/...``, was not known: GDCC-IAM-005 UNKNOWN) is that
    ARN. Any other value is returned as it is."""
    if isinstance(value, PartialText) and set(value.holes) == {"AWS::Partition"}:
        text = value.shape()
    elif isinstance(value, str):
        text = value
    else:
        return value
    found = listed_arn(text)
    return found if found is not None else value


@dataclass(frozen=True)
class PolicyFacts:
    """What one or more policy documents allow."""

    wildcard: bool | None = False
    admin: bool | None = False
    public: bool | None = False

    def merge(self, other: PolicyFacts) -> PolicyFacts:
        """Facts of both documents together (True wins, then None, then False)."""
        return PolicyFacts(
            _or(self.wildcard, other.wildcard),
            _or(self.admin, other.admin),
            _or(self.public, other.public),
        )


def _or(left: bool | None, right: bool | None) -> bool | None:
    if left is True or right is True:
        return True
    if left is None or right is None:
        return None
    return False


UNKNOWN_FACTS = PolicyFacts(None, None, None)


def _strings(value: Any) -> list[str] | None:
    items = as_list(value)
    if items is None or not all(isinstance(i, str) for i in items):
        return None
    return items


def _texts(value: Any) -> list[str] | None:
    """Like :func:`_strings`, text with pseudo parameters as written
    (``arn:aws:s3:::${AWS::AccountId}-logs/*``: never the bare ``*``)."""
    items = as_list(value)
    if items is None or not all(isinstance(i, str | PartialText) for i in items):
        return None
    return [i.text if isinstance(i, PartialText) else i for i in items]


def _public_principal(principal: Any) -> bool | None:
    """``*``, ``{"AWS": "*"}`` (any principal type), or a wildcard inside a principal ARN
    (``arn:aws:iam::*:root``: AWS does not match partial wildcards in principals, so such a
    policy names no one safely). A principal built from pseudo parameters
    (``arn:aws:iam::${AWS::AccountId}:root``, ``Ref: AWS::AccountId``) names the template's own
    account: public only if its written parts hold a wildcard."""
    if principal is None:
        return False
    if isinstance(principal, PartialText):
        return principal.has_wildcard()
    if not is_known(principal):
        return None
    if isinstance(principal, str):
        return "*" in principal
    if isinstance(principal, Mapping):
        found: list[Any] = []
        for key, values in principal.items():
            listed = [values] if _names_one(values) else as_list(values)
            service = isinstance(key, str) and key.lower() == SERVICE_KEY
            if listed is None:
                if not service:  # an AWS service whatever its name (SERVICE_KEY)
                    found.append(UNKNOWN)
            else:
                found.extend(v for v in listed if not (service and not is_known(v)))
        if any(isinstance(v, str) and "*" in v for v in found):
            return True
        if any(isinstance(v, PartialText) and v.has_wildcard() for v in found):
            return True
        found = [v for v in found if not isinstance(v, PartialText) and not _names_one(v)]
        return None if not all(map(is_known, found)) else False
    return False


def _statement(statement: Any) -> PolicyFacts:
    if not isinstance(statement, Mapping):
        return UNKNOWN_FACTS
    effect = statement.get("Effect")
    if effect == "Deny":
        return PolicyFacts()
    if effect != "Allow":
        return UNKNOWN_FACTS
    if "NotAction" in statement:
        return PolicyFacts(True, None, _public(statement))
    actions = _strings(statement.get("Action"))
    resources = _texts(statement.get("Resource", "*"))
    wildcard = None if actions is None else any(wildcard_action(a) for a in actions)
    star = None if actions is None else any(a in {"*", "*:*"} for a in actions)
    on_all = None if resources is None else "*" in resources
    admin: bool | None
    if star is False or on_all is False:
        admin = False
    elif star is True and on_all is True:
        admin = "Condition" not in statement
    else:
        admin = None
    return PolicyFacts(wildcard, admin, _public(statement))


#: ``Fn::GetAtt`` attributes of a template resource that identify it, as a principal names
#: it (a role's or user's ``Arn``, a CloudFront origin access identity's
#: ``S3CanonicalUserId``): assigned by AWS, never a wildcard.
_IDENTIFYING = frozenset({"Arn", "S3CanonicalUserId"})


def _names_one(value: Any) -> bool:
    """Whether a principal value is a resource of the template by an identifying attribute."""
    return isinstance(value, ResourceRef) and value.attribute in _IDENTIFYING


def _public(statement: Mapping[str, Any]) -> bool | None:
    # NotPrincipal with Allow: everyone but the principals named.
    opened = True if "NotPrincipal" in statement else _public_principal(statement.get("Principal"))
    if opened is False:
        return False  # a condition only narrows a grant: named principals stay named
    # A condition value with a pseudo parameter (aws:SourceAccount: ${AWS::AccountId}) is
    # judged by its shape: whether it narrows does not depend on the account or region.
    narrowed = narrows(
        shaped(statement.get("Condition")),
        lambda value: value is not UNKNOWN,
        lambda value: isinstance(value, ResourceRef),
    )
    if narrowed is not False:
        return None if narrowed is None else False
    return opened


def policy_document(value: Any) -> Any:
    """A policy property as a document: CloudFormation's ``Json`` properties (a repository,
    key or bucket policy, an IAM policy document) take a JSON object or the same object
    written as a JSON string; a string that is not a JSON object is not known."""
    if not isinstance(value, str):
        return value
    try:
        parsed = json.loads(value)
    except ValueError:
        return UNKNOWN
    return parsed if isinstance(parsed, Mapping) else UNKNOWN


def analyse(document: Any) -> PolicyFacts:
    """Facts of one policy document (a mapping with ``Statement``, or its JSON text)."""
    document = policy_document(document)
    if document is UNKNOWN or not isinstance(document, Mapping):
        return UNKNOWN_FACTS
    statements = as_list(document.get("Statement"))
    if statements is None:
        return UNKNOWN_FACTS
    facts = PolicyFacts()
    for statement in statements:
        facts = facts.merge(_statement(statement))
    return facts


def public_statements(
    document: Any, where: str, limited: Callable[[Any], bool] | None = None
) -> tuple[bool | None, tuple[str, ...]]:
    """Whether a resource policy lets everyone in (``analyse(document).public``), with the
    statements that decide it named for a finding's evidence, each followed by ``where`` (the
    property, or the policy resource, that holds them): ``statement "Sid" allows everyone in
    FileSystemPolicy``, ``statement 2 may allow everyone (principal or condition not known)
    in ...``, ``policy not readable in ...``. No document grants nothing. ``limited``:
    whether a statement not known that way still lets in no one but named callers (a role's
    trust statement pinning a token subject: ``trust.subject_pinned``)."""
    if document is None:
        return False, ()
    document = policy_document(document)
    listed = as_list(document.get("Statement")) if isinstance(document, Mapping) else None
    if listed is None:
        return None, (f"policy not readable in {where}",)
    verdicts = [
        (
            False if public is None and limited is not None and limited(statement) else public,
            statement_name(statement, index),
        )
        for index, statement in enumerate(listed)
        for public in (_statement(statement).public,)
    ]
    return deciding_statements(verdicts, f" in {where}")


def written_text(value: Any) -> str | None:
    """A value of a policy as written: its text when it is a plain string."""
    return value if isinstance(value, str) else None


def written_lead(value: Any) -> str | None:
    """A value of a policy as written: its text before the first part known only at
    deployment (a ``Fn::Sub`` with a pseudo parameter: :class:`PartialText`)."""
    if isinstance(value, str):
        return value
    return value.known[0] if isinstance(value, PartialText) else None


def analyse_all(documents: list[Any] | None, managed_arns: Any = None) -> PolicyFacts:
    """Facts of inline documents plus AWS managed policy ARNs."""
    if documents is None:
        return UNKNOWN_FACTS
    facts = PolicyFacts()
    for document in documents:
        facts = facts.merge(analyse(document))
    arns = as_list(managed_arns)
    if arns is None:
        return facts.merge(PolicyFacts(None, None, False))
    for written in arns:
        arn = managed_arn(written)
        if not isinstance(arn, str):
            facts = facts.merge(PolicyFacts(None, None, False))
        elif arn in ADMIN_POLICY_ARNS:
            facts = facts.merge(PolicyFacts(True, True, False))
        else:
            # a listed AWS managed policy is read; any other is not known (never "nothing")
            document = managed_policy_document(arn)
            facts = facts.merge(
                PolicyFacts(None, None, False) if document is None else analyse(document)
            )
    return facts


def _arn(value: Any) -> str:
    """A statement's resource: the ARN, ``ref:<logical id>`` for one of the template's
    resources, ``<unknown>`` otherwise."""
    if isinstance(value, str):
        return value
    if isinstance(value, ResourceRef):
        return f"ref:{value.target}"
    if isinstance(value, PartialText):
        return value.text
    return "<unknown>"


def statements(documents: list[Any] | None) -> tuple[PolicyStatement, ...] | None:
    """The Allow statements of policy documents; ``None`` when one cannot be read."""
    if documents is None:
        return None
    found: list[PolicyStatement] = []
    for written_document in documents:
        document = policy_document(written_document)
        if not isinstance(document, Mapping):
            return None
        listed = as_list(document.get("Statement"))
        if listed is None:
            return None
        for item in listed:
            if not isinstance(item, Mapping) or not is_known(item.get("Effect", "Allow")):
                return None
            if item.get("Effect", "Allow") != "Allow":
                continue
            negated = "NotAction" in item
            actions = _strings(item.get("NotAction" if negated else "Action"))
            if actions is None:
                return None
            written = item.get("Resource", "*")
            raw = [written] if isinstance(written, str | ResourceRef | PartialText) else (
                written if isinstance(written, list) else None
            )
            sid = item.get("Sid")
            found.append(PolicyStatement(
                sid=sid if isinstance(sid, str) else None,
                actions=tuple(actions),
                not_action=negated,
                resources=None if raw is None else tuple(_arn(r) for r in raw)
                if "NotResource" not in item else ("*",),
                passed_to=passed_to_services(item.get("Condition")),
            ))
    return tuple(found)
