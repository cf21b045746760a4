"""Needless UNKNOWN GDCC-DATA-001 (cloudposse/terraform-aws-elasticsearch, ``non_vpc``
example): a domain policy whose principals are
``distinct(compact(concat(var.iam_role_arns, aws_iam_role.elasticsearch_user[*].arn)))``
"may allow everyone (principal or condition not known)", although it names a literal role and
a role of the scan. ``distinct`` / ``toset`` now assemble a policy read as written the way
``concat`` / ``compact`` do (``evaluate._PLACEHOLDER_CALLS``): each element kept, what is not
known written as such. An input not known among the principals is still UNKNOWN; ``*`` among
them still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "search_policy_distinct"


def _found() -> dict[str, tuple[Status, str]]:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-DATA-001",)))
    return {
        (f.address or "").removeprefix("aws_opensearch_domain."): (f.status, f.message.en)
        for f in result.findings
    }


def test_distinct_roles_are_not_everyone() -> None:
    assert _found()["roles"] == (Status.PASS, "Storage is not publicly readable")


def test_everyone_among_them_still_fails() -> None:
    status, message = _found()["anyone"]
    assert status is Status.FAIL
    assert message.startswith('anyone on the internet can read this store: statement "Anyone" '
                              "allows everyone")


def test_an_input_not_known_stays_unknown() -> None:
    status, message = _found()["unknown"]
    assert status is Status.UNKNOWN
    assert 'statement "Input" may allow everyone (principal or condition not known)' in message
