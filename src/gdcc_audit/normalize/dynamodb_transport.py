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

from collections.abc import Iterable
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet

DOC = "https://docs.aws.amazon.com/general/latest/gr/ddb.html"
#: What the finding names as "not set" when no policy refuses plain HTTP.
ATTRIBUTE = "a resource policy denying aws:SecureTransport false"
DEFAULT = DefaultedFacet(attribute=ATTRIBUTE, doc=DOC)
#: The same for a table whose stream is on: its stream needs a policy of its own.
STREAMED_DEFAULT = DefaultedFacet(attribute=f"{ATTRIBUTE} on the table and its stream", doc=DOC)


def https_only(policies: Iterable[Any]) -> bool | None:
    """Whether every policy given (the table's, then its stream's when one is on; None for
    none written) denies requests without TLS: False when one does not, None when one cannot
    be read and none is known not to."""
    # imported here: the Terraform package imports this module (a top-level import made
    # ``import gdcc_audit.normalize.cloudformation.mapper`` fail on a circular import)
    from gdcc_audit.normalize.terraform.policy import denies_insecure_transport

    found: bool | None = True
    for policy in policies:
        denies = denies_insecure_transport(policy)
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
