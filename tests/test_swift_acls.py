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


HEAT_REFERRERS = """\
heat_template_version: 2018-08-31
resources:
  referrer:
    type: OS::Swift::Container
    properties:
      X-Container-Read: ".referrer:*"
  referer:
    type: OS::Swift::Container
    properties:
      X-Container-Read: ".rlistings,.referer:*"
  ref_spaced:
    type: OS::Swift::Container
    properties:
      X-Container-Read: " .ref : * "
  one_site:
    type: OS::Swift::Container
    properties:
      X-Container-Read: ".referrer:-*"
"""

TERRAFORM_REFERRERS = """\
resource "openstack_objectstorage_container_v1" "referrer" {
  name           = "referrer"
  container_read = ".referrer:*"
}
resource "openstack_objectstorage_container_v1" "referer" {
  name           = "referer"
  container_read = ".rlistings,.referer:*"
}
resource "openstack_objectstorage_container_v1" "ref_spaced" {
  name           = "ref_spaced"
  container_read = " .ref : * "
}
resource "openstack_objectstorage_container_v1" "one_site" {
  name           = "one_site"
  container_read = ".referrer:-*"
}
"""


@pytest.mark.parametrize(
    ("name", "text", "prefix"),
    [
        ("stack.yaml", HEAT_REFERRERS, ""),
        ("main.tf", TERRAFORM_REFERRERS, "openstack_objectstorage_container_v1."),
    ],
)
def test_referrer_designators_swift_shortens_to_r_are_anonymous_reads(
    tmp_path: Path, name: str, text: str, prefix: str
) -> None:
    """Swift's clean_acl shortens .ref, .referer and .referrer to .r and strips the spaces
    around the colon: each of these read ACLs is stored as .r:* (anyone, no token). They
    PASSed GDCC-DATA-001; a denied referrer (.referrer:-*) admits no one more."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    anonymous = (Status.FAIL, f"{PUBLIC} (its read ACL holds .r:*: anyone, without a token "
                              f"may read its objects ({DOC}))")
    assert found == {
        prefix + "referrer": anonymous,
        prefix + "referer": anonymous,
        prefix + "ref_spaced": anonymous,
        prefix + "one_site": (Status.PASS, "Storage is not publicly readable"),
    }
