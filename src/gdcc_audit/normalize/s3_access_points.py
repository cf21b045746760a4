"""S3 access points: another way into their bucket's data (GDCC-DATA-001; Terraform
``aws_s3_access_point`` with ``aws_s3control_access_point_policy``, CloudFormation
``AWS::S3::AccessPoint``), folded into their bucket.

A request through an access point must be allowed by the access point's policy and by the
bucket's: a bucket "delegates access control to access points" with a statement allowing
everyone on condition of ``s3:DataAccessPointAccount`` / ``s3:DataAccessPointArn`` (S3 user
guide, "Configuring IAM policies for using access points"), which is not a public bucket policy
(``policy_conditions``). Anyone on the internet then reads the data when an access point of
that bucket has a public policy, is reachable from the internet (no VPC configuration:
"NetworkOrigin ... Internet"), and its own Block Public Access does not stop it: the four
settings are on unless written off ("All block public access settings are enabled by default
for access points", S3 user guide "Managing public access to access points"; Terraform
``public_access_block_configuration`` arguments "Defaults to true"); ``BlockPublicPolicy``
refuses a public policy and ``RestrictPublicBuckets`` ignores one. The bucket's own and the
account's Block Public Access apply after (they cover the bucket's access points too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: Condition keys (lower case) that limit a bucket policy's grant to access points.
ACCESS_POINT_KEYS = frozenset({"s3:dataaccesspointaccount", "s3:dataaccesspointarn"})


def access_point_public(
    policy_public: bool | None,
    block_policy: bool | None,
    restrict: bool | None,
    in_vpc: bool | None,
) -> bool | None:
    """Whether an access point lets anyone on the internet in: a public policy, Block Public
    Access's ``BlockPublicPolicy`` and ``RestrictPublicBuckets`` both off, no VPC
    configuration; None when one of them is not known and the others do not decide."""
    facts = (policy_public, not block_policy if block_policy is not None else None,
             not restrict if restrict is not None else None,
             not in_vpc if in_vpc is not None else None)
    if any(fact is False for fact in facts):
        return False
    return None if any(fact is None for fact in facts) else True


def _everyone(principal: Any) -> bool | None:
    if principal == "*":
        return True
    if isinstance(principal, Mapping):
        values = principal.get("AWS")
        listed = values if isinstance(values, list) else [values]
        if "*" in listed:
            return True
        return None if any(not isinstance(v, str) for v in listed if v is not None) else False
    return False if isinstance(principal, str | list) else None


def delegates(statements: Iterable[Mapping[str, Any]] | None) -> bool | None:
    """Whether bucket policy ``statements`` let everyone in through access points (an
    ``Allow`` to ``*`` on condition of an access point key); None when not readable."""
    if statements is None:
        return None
    verdict: bool | None = False
    for statement in statements:
        if not isinstance(statement, Mapping):
            verdict = None
            continue
        if str(statement.get("Effect", "")).lower() != "allow":
            continue
        condition = statement.get("Condition")
        keys = {
            str(key).lower()
            for tests in (condition.values() if isinstance(condition, Mapping) else ())
            if isinstance(tests, Mapping)
            for key in tests
        }
        if not keys & ACCESS_POINT_KEYS:
            continue
        everyone = _everyone(statement.get("Principal"))
        if everyone is True:
            return True
        if everyone is None:
            verdict = None
    return verdict


def through(public: bool | None, delegation: bool | None) -> bool | None:
    """Whether the bucket's data is public through an access point that is ``public``
    (:func:`access_point_public`) when the bucket's policies delegate (``delegation``)."""
    if public is False or delegation is False:
        return False
    return True if public is True and delegation is True else None


def grant(name: str, public: bool | None) -> tuple[str, ...]:
    """The access point named for the bucket's evidence (``public_grants``)."""
    if public is False:
        return ()
    verb = "lets" if public else "may let"
    return (
        f"access point {name}: its policy {verb} everyone read through it, with its public "
        "access block off and a bucket policy delegating to access points",
    )
