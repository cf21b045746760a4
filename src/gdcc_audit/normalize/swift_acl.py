"""Swift container ACLs (``X-Container-Read`` / ``X-Container-Write``; Terraform
``container_read`` / ``container_write``): whether they open the container beyond its project.

Swift, Access Control Lists (``SWIFT_ACL``), container ACL elements: ``.r:*`` "Any user has
access to objects. No token is required in the request"; ``*:*`` "Any user has access. Access
is given to any user who has a valid token", a token of any project of the cloud (other
tenants of a shared government cloud included). A read ACL with either, or a write ACL with
``*:*``, makes the container public; referrer elements (``.r:``) are not allowed in write ACLs.

Swift stores an ACL as ``clean_acl`` (swift/common/middleware/acl.py) rewrites it: each
element's designator and value lose their surrounding spaces and ``.ref``, ``.referer`` and
``.referrer`` are shortened to ``.r`` ("The .r can also be .ref, .referer, or .referrer; though
it will be shortened to just .r", https://docs.openstack.org/swift/latest/misc.html#acls), so
``.referrer:*`` and `` .r : * `` are ``.r:*``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gdcc_audit.models.common import Text

SWIFT_ACL = "https://docs.openstack.org/swift/latest/overview_acl.html"
ANONYMOUS = ".r:*"
ANY_USER = "*:*"
#: The referrer designators Swift accepts, each shortened to ``.r`` (``clean_acl``).
REFERRER = (".r", ".ref", ".referer", ".referrer")


@dataclass(frozen=True)
class AclVerdict:
    """Whether the ACLs make the container public (None: an ACL is not known), and why."""

    public: bool | None
    because: Text | None = None


def _element(item: str) -> str:
    """One ACL element as Swift stores it: a referrer designation as ``.r:VALUE``."""
    item = item.strip()
    if ":" not in item:
        return item
    first, second = (part.strip() for part in item.split(":", 1))
    return f".r:{second}" if first in REFERRER else item


def _elements(acl: str) -> list[str]:
    return [_element(item) for item in acl.split(",")]


def judge(read: Any, write: Any) -> AclVerdict:
    """The verdict of a container's read and write ACLs: each a string, None when not set
    (no ACL: the project's users only), anything else when not known."""
    unknown = False
    for name, acl, marks in (("read", read, (ANONYMOUS, ANY_USER)), ("write", write, (ANY_USER,))):
        if acl is None:
            continue
        if not isinstance(acl, str):
            unknown = True
            continue
        found = [mark for mark in marks if mark in _elements(acl)]
        if found:
            return AclVerdict(True, _because(name, found[0]))
    return AclVerdict(None if unknown else False)


def _because(name: str, mark: str) -> Text:
    who_en = ("anyone, without a token" if mark == ANONYMOUS
              else "every user with a token of any project of the cloud")
    who_th = ("ทุกคนโดยไม่ต้องมีโทเคน" if mark == ANONYMOUS
              else "ผู้ใช้ทุกคนที่มีโทเคนของโปรเจกต์ใดก็ได้ในคลาวด์")
    verb_en, verb_th = ("read", "อ่าน") if name == "read" else ("write", "เขียน")
    return Text(
        en=f"its {name} ACL holds {mark}: {who_en} may {verb_en} its objects ({SWIFT_ACL})",
        th=f"ACL การ{verb_th}มี {mark}: {who_th}{verb_th}อ็อบเจกต์ได้ ({SWIFT_ACL})",
    )
