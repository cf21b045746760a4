"""Whether a DynamoDB table accepts only encrypted connections (GDCC-ENC-004), for Terraform
and CloudFormation alike.

DynamoDB's regional endpoints, and those of DynamoDB Streams, serve HTTP as well as HTTPS
(AWS General Reference, "Amazon DynamoDB endpoints and quotas": protocol "HTTP and HTTPS").
The SDKs call HTTPS by default ("By default, communications to and from DynamoDB use the
HTTPS protocol", DynamoDB developer guide, encryption usage notes), but the service takes a
signed request sent in clear text; nothing on a table refuses it but a resource-based policy
that denies requests whose ``aws:SecureTransport`` is false (a global condition key, present
in every request; DynamoDB resource-based policies, developer guide
access-control-resource-based). Decided as for S3 (GDCC-DATA-008: a bucket accepts HTTP unless
its policy denies it): no such policy, FAIL labelled as the provider's behaviour; a policy on
the table (and, when a stream is on, on its stream: its records are served the same way) that
denies it, PASS; a policy that cannot be read, UNKNOWN. SQS and SNS are not databases: their
transport is outside GDCC-ENC-004's kinds and GDCC-MSG-005 does not apply to them
(``absent.API_TRANSPORT``).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterable
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN_TEXT
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet

DOC = "https://docs.aws.amazon.com/general/latest/gr/ddb.html"
#: What the finding names as "not set" when no policy refuses plain HTTP.
ATTRIBUTE = "a resource policy denying aws:SecureTransport false"
DEFAULT = DefaultedFacet(attribute=ATTRIBUTE, doc=DOC)
#: The same for a table whose stream is on: its stream needs a policy of its own.
STREAMED_DEFAULT = DefaultedFacet(attribute=f"{ATTRIBUTE} on the table and its stream", doc=DOC)


#: "When you specify an ARN in the Resource field of a resource-based policy, the policy
#: takes effect only if the specified ARN matches the ARN of the DynamoDB resource to which
#: it is attached" (developer guide, rbac-examples); a table's policy also controls its
#: indexes, named by their own ARNs (``table/NAME/index/...``; API PutResourcePolicy).
RESOURCE_DOC = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/rbac-examples.html"
#: A resource ARN in a rendered policy that is a value computed at apply time as a whole
#: (``Resource = [aws_dynamodb_table.t.arn]``), the marker's kind in brackets after it.
_COMPUTED = re.compile(re.escape(UNKNOWN_TEXT) + r"(\([^)]*\))?")


def _names_table(pattern: str, name: str | None) -> bool | None:
    """Whether the table part of an ARN (``NAME``, ``*``, ``prefix*``) names the table."""
    if name is None:
        return True if pattern.strip("*") == "" else None
    return fnmatch.fnmatchcase(name, pattern)


def _covers_entry(item: Any, name: str | None, computed: bool | None) -> bool | None:
    """Whether one ``Resource`` entry of a policy attached to a table (or its stream) takes
    in that resource itself: ``*``, the table's ARN (``table/NAME``, a wildcard name), or an
    ARN computed at apply time that ``computed`` says is the resource's own; not an index's
    (``table/NAME/index/...``) or another table's ARN. None when it cannot be told (a
    stream's ARN: the policy may be the stream's)."""
    known = getattr(item, "known", None)  # CloudFormation Fn::Sub text around pseudo params
    if isinstance(known, tuple) and all(isinstance(k, str) for k in known):
        item = UNKNOWN_TEXT.join(known)
    if not isinstance(item, str):
        return None
    text = item.strip()
    if text == "*":
        return True
    if _COMPUTED.fullmatch(text):
        return computed
    if "/index/" in text:
        return False  # indexes only: reads and writes of the table are not denied
    if "/stream/" in text:
        return None
    if ":table/" in text:
        table = text.split(":table/", 1)[1]
        return None if UNKNOWN_TEXT in table else _names_table(table, name)
    if UNKNOWN_TEXT in text:
        return None
    anyone = fnmatch.fnmatchcase(f"arn:aws:dynamodb:region:account:table/{name or 'x'}", text)
    return True if anyone else (False if name is not None else None)


def covers_table(
    name: str | None, computed: bool | None
) -> Callable[[dict[str, Any]], bool | None]:
    """The check :func:`denies_insecure_transport` applies to a Deny of a table's (or
    stream's) resource policy: its ``Resource`` must take in the resource the policy is
    attached to (see :func:`_covers_entry`; ``name``: the table's name when known;
    ``computed``: whether an ARN computed at apply time in it is that resource's)."""

    def check(statement: dict[str, Any]) -> bool | None:
        if "Resource" not in statement:
            return None if "NotResource" in statement else True
        items = statement["Resource"]
        found: bool | None = False
        for item in items if isinstance(items, list) else [items]:
            covers = _covers_entry(item, name, computed)
            if covers:
                return True
            if covers is None:
                found = None
        return found

    return check


def https_only(
    policies: Iterable[Any], covers: Callable[[dict[str, Any]], bool | None] | None = None
) -> bool | None:
    """Whether every policy given (the table's, then its stream's when one is on; None for
    none written) denies requests without TLS: False when one does not, None when one cannot
    be read and none is known not to. ``covers``: :func:`covers_table` for the table."""
    # imported here: the Terraform package imports this module (a top-level import made
    # ``import gdcc_audit.normalize.cloudformation.mapper`` fail on a circular import)
    from gdcc_audit.normalize.terraform.policy import denies_insecure_transport

    found: bool | None = True
    for policy in policies:
        denies = denies_insecure_transport(policy, covers=covers)
        if denies is False:
            return False
        if denies is None:
            found = None
    return found


def policy_not_placed(address: str) -> Text:
    """Why a table without a policy of its own is UNKNOWN: a resource policy of the scan
    names a table that cannot be told, and may be this one."""
    return Text(
        en=f"the resource policy {address} names a table that cannot be told from the input "
        "and may deny plain HTTP on this one",
        th=f"resource policy {address} ระบุตารางที่ไม่สามารถระบุได้จากข้อมูลนำเข้า "
        "และอาจปฏิเสธ HTTP แบบไม่เข้ารหัสบนตารางนี้",
    )


#: A Terraform table whose ``replica`` blocks make tables in other Regions: their policies
#: are their own (an ``aws_dynamodb_resource_policy`` naming each replica's ARN), not read.
REPLICAS_NOT_READ = Text(
    en="its replicas in other Regions are tables of their own, whose resource policies are "
    "not read",
    th="replica ในภูมิภาคอื่นเป็นตารางแยกของตนเอง ซึ่งไม่ได้อ่าน resource policy ของตาราง",
)
