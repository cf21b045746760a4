"""Swift container ACLs, Heat and Terraform alike (``normalize.swift_acl``): ``*:*`` gives
every user with a token of any project of the cloud access (Swift, Access Control Lists), so a
read ACL with ``.r:*`` or ``*:*``, or a write ACL with ``*:*``, makes the container public.
Terraform read only ``.r:*`` in ``container_read`` (``*:*`` read or write PASSed GDCC-DATA-001)
and Heat missed ``*:*`` in ``X-Container-Read`` (PASS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "swift_acl"
DOC = "https://docs.openstack.org/swift/latest/overview_acl.html"
PUBLIC = "anyone on the internet can read this store"
ANY_USER = "every user with a token of any project of the cloud"


@pytest.mark.parametrize(
    ("fmt", "prefix"), [("heat", ""), ("terraform", "openstack_objectstorage_container_v1.")]
)
def test_container_acls_open_to_any_user_are_public(fmt: str, prefix: str) -> None:
    result = audit([FIXTURES / fmt], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        prefix + "anonymous": (Status.FAIL, f"{PUBLIC} (its read ACL holds .r:*: anyone, "
                                            f"without a token may read its objects ({DOC}))"),
        prefix + "any_user": (Status.FAIL, f"{PUBLIC} (its read ACL holds *:*: {ANY_USER} may "
                                           f"read its objects ({DOC}))"),
        prefix + "any_writer": (Status.FAIL, f"{PUBLIC} (its write ACL holds *:*: {ANY_USER} "
                                             f"may write its objects ({DOC}))"),
        prefix + "project": (Status.PASS, "Storage is not publicly readable"),
    }
