"""Whether the ``Condition`` of a resource-policy statement narrows a grant to everyone.

A statement that allows ``Principal: "*"`` is still public unless its condition limits who
can use it: to accounts, ARNs, an organisation, VPCs / VPC endpoints or address ranges
(IAM User Guide, "AWS global condition context keys"). A condition on anything else
(``aws:SecureTransport``, ``aws:Referer``, ``aws:CurrentTime``, ``aws:UserAgent``) leaves the
grant open to the whole internet, and so do negated operators (``StringNotEquals`` excludes
some callers and lets every other one in), ``...IfExists`` (a request without the key
passes: a public request carries no VPC endpoint), ``Null`` and ``ForAllValues:`` (true for
a request that has no value). A value that is ``*`` or an address range covering the
internet narrows nothing, nor does an ARN pattern open in the account
(``ArnEquals``/``ArnLike``/``StringLike`` ``arn:aws:iam::*``: any AWS account); a value that
cannot be known (an ARN computed at apply time) is taken as the specific value it will be.
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gdcc_audit.models.cidr import is_any

__all__ = ["NARROWING_KEYS", "NETWORK_BOOLEANS", "SERVICE_KEY", "narrows", "statement_name"]

#: The principal type of AWS services (lower case). IAM accepts only the name of an AWS
#: service there (``ec2.amazonaws.com``, ``eks.amazonaws.com.cn``) and refuses any other
#: ("Invalid principal in policy: \"SERVICE\":..."), so a service principal whose name
#: cannot be known statically (``ec2.${data.aws_partition.current.dns_suffix}``) is still a
#: service, never anyone. IAM User Guide, "AWS JSON policy elements: Principal", AWS service
#: principals:
#: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services
SERVICE_KEY = "service"

#: Condition keys (lower case) that limit who may use a grant.
NARROWING_KEYS = frozenset(
    {
        "aws:sourceaccount",
        "aws:sourcearn",
        "aws:sourceowner",
        "aws:sourcevpc",
        "aws:sourcevpce",
        "aws:sourceorgid",
        "aws:sourceorgpaths",
        "aws:sourceip",
        "aws:vpcsourceip",
        "aws:principalorgid",
        "aws:principalorgpaths",
        "aws:principalaccount",
        "aws:principalarn",
        "aws:principalservicename",
        "aws:userid",
        "aws:username",
        "kms:calleraccount",
        # "sns:Endpoint: The URL, email address, or ARN from a Subscribe request" (Amazon SNS
        # condition keys): a grant limited to named endpoints lets anyone subscribe only those
        # endpoints, so the topic's messages go nowhere else; an action without the key (a
        # Publish) does not match the condition and is not granted.
        # https://docs.aws.amazon.com/sns/latest/dg/sns-using-identity-based-policies.html
        "sns:endpoint",
        # A bucket policy that lets everyone in only through access points of named accounts
        # or ARNs ("delegating access control to access points") is not public: S3 lists
        # s3:DataAccessPointArn and s3:DataAccessPointAccount among the keys whose fixed values
        # make a policy non-public, an access point name wildcard in a bucket policy included
        # "as long as the account ID is fixed" (S3 user guide, "Blocking public access to your
        # Amazon S3 storage", "The meaning of 'public'"):
        # https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
        # The access points themselves are judged with their bucket (normalize.s3_access_points).
        "s3:dataaccesspointarn",
        "s3:dataaccesspointaccount",
    }
)

#: Boolean keys (lower case) that, true under ``Bool``, limit a grant to clients inside a
#: network: ``elasticfilesystem:AccessedViaMountTarget`` lets in only clients that reach one of
#: the file system's mount targets, in its VPC. It is the condition of the policy EFS applies
#: when none is written: the default file system policy gives full access to any client,
#: anonymous ones included, that connects through a mount target (EFS user guide, "Default
#: EFS file system policy", https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html).
NETWORK_BOOLEANS = frozenset({"elasticfilesystem:accessedviamounttarget"})

_ADDRESS_KEYS = frozenset({"aws:sourceip", "aws:vpcsourceip"})
#: Keys whose values are ARNs: with a wildcard-matching operator (``ArnEquals``/``ArnLike``
#: both match ``*`` and ``?`` in each component, as ``StringLike`` does) a pattern open in
#: the account (``arn:aws:iam::*``, ``arn:aws:iam::*:root``) lets any AWS account in.
_ARN_KEYS = frozenset(
    {"aws:sourcearn", "aws:principalarn", "sns:endpoint", "s3:dataaccesspointarn"}
)
_WILDCARDS = frozenset("*?")


def _arn_pattern_narrows(text: str) -> bool:
    """Whether an ARN pattern names specific callers: its account component is written
    without wildcards (or, for a service without accounts such as S3, its resource is)."""
    parts = text.split(":", 5)
    if len(parts) < 5:
        return not (_WILDCARDS & set(text))  # cut short before the account: open
    account = parts[4]
    if _WILDCARDS & set(account):
        return False
    resource = parts[5] if len(parts) > 5 else ""
    return bool(account) or bool(set(resource) - _WILDCARDS - {"/"})


def _operator_narrows(operator: str) -> bool:
    name = operator.lower()
    if name.startswith("forallvalues:") or name.endswith("ifexists") or name == "null":
        return False
    name = name.removeprefix("foranyvalue:")
    return "not" not in name and (
        name.startswith(("string", "arn", "ipaddress")) and "bool" not in name
    )


def _value_narrows(
    key: str,
    value: Any,
    known: Callable[[Any], bool],
    concrete: Callable[[Any], bool],
    like: bool,
    wildcards: bool,
) -> bool | None:
    """Whether the values of one test name specific callers: not ``*`` (nor, with a ``Like``
    operator, a value that cannot be known and may be ``*``), not an internet-wide range, not
    an ARN pattern open in the account when the operator matches wildcards (``wildcards``)."""
    values = value if isinstance(value, list) else [value]
    if not values:
        return False
    verdict: bool | None = True
    for item in values:
        if concrete(item):
            continue  # another resource's ARN or id: one specific value
        if not known(item):
            if like:
                verdict = None  # a variable could be "*"
            continue  # with Equals, whatever it is, it is one value
        text = str(item).strip()
        if text in {"", "*"} or (like and set(text) <= {"*", "?"}):
            return False
        if wildcards and key in _ARN_KEYS and not _arn_pattern_narrows(text):
            return False
        if key in _ADDRESS_KEYS and is_any(text):
            return False
    return verdict


def _network_boolean(tests: Mapping[Any, Any], known: Callable[[Any], bool]) -> bool | None:
    """Whether a ``Bool`` test requires a network-bound key (``NETWORK_BOOLEANS``) true."""
    verdict: bool | None = False
    for key, value in tests.items():
        if not isinstance(key, str) or key.lower() not in NETWORK_BOOLEANS:
            continue
        values = value if isinstance(value, list) else [value]
        if any(not known(v) for v in values):
            verdict = None
        elif values and all(v is True or str(v).strip().lower() == "true" for v in values):
            return True
    return verdict


def narrows(
    condition: Any,
    known: Callable[[Any], bool],
    concrete: Callable[[Any], bool] = lambda value: False,
) -> bool | None:
    """True when some test of ``condition`` limits the callers to accounts, ARNs, an
    organisation, networks or endpoints; False when none does (or there is no condition);
    None when that cannot be told. ``known`` tells a plain value from one that cannot be
    known statically; ``concrete`` tells a reference to another resource (one specific ARN
    or id, though not known before apply)."""
    if condition is None:
        return False
    if not known(condition) or not isinstance(condition, Mapping):
        return None
    undecided = False
    for operator, tests in condition.items():
        if not isinstance(operator, str) or not known(tests) or not isinstance(tests, Mapping):
            undecided = True
            continue
        if operator.lower() == "bool":
            verdict = _network_boolean(tests, known)
            if verdict is True:
                return True
            undecided = undecided or verdict is None
            continue
        if not _operator_narrows(operator):
            continue
        like = "like" in operator.lower()
        # ArnEquals matches wildcards exactly as ArnLike does (IAM User Guide, "ARN condition
        # operators"): a written pattern open in the account narrows nothing. A value that
        # cannot be known stays one specific value with ArnEquals (it is nearly always the
        # computed ARN of another resource, which holds no wildcard).
        wildcards = like or operator.lower().removeprefix("foranyvalue:").startswith("arn")
        for key, value in tests.items():
            if not isinstance(key, str):
                undecided = True
                continue
            if key.lower() not in NARROWING_KEYS:
                continue
            verdict = _value_narrows(key.lower(), value, known, concrete, like, wildcards)
            if verdict is True:
                return True
            undecided = undecided or verdict is None
    return None if undecided else False


def statement_name(statement: Any, index: int) -> str:
    """How a finding names a policy statement: ``statement "Sid"``, else ``statement N``
    (1-based) when it has no ``Sid`` written as text."""
    sid = statement.get("Sid") if isinstance(statement, Mapping) else None
    return f'statement "{sid}"' if isinstance(sid, str) and sid else f"statement {index + 1}"


def deciding_statements(
    verdicts: Sequence[tuple[bool | None, str]], suffix: str = ""
) -> tuple[bool | None, tuple[str, ...]]:
    """Whether a policy lets everyone in, from each statement's verdict and name, with the
    statements that decide it named for a finding's evidence (each followed by ``suffix``):
    ``statement "Sid" allows everyone``, else ``... may allow everyone (principal or
    condition not known)``; nothing when no statement may."""
    opened = tuple(f"{name} allows everyone{suffix}" for verdict, name in verdicts if verdict)
    if opened:
        return True, opened
    doubtful = tuple(
        f"{name} may allow everyone (principal or condition not known){suffix}"
        for verdict, name in verdicts
        if verdict is None
    )
    return (None, doubtful) if doubtful else (False, ())
