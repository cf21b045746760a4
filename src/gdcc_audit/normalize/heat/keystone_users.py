"""Whether a Heat ``OS::Keystone::User`` is an administrator, from the whole template: its own
``roles``, the ``OS::Keystone::UserRoleAssignment`` resources naming it, and the roles of the
template's ``OS::Keystone::Group`` resources it is in (their own ``roles`` and
``OS::Keystone::GroupRoleAssignment``). The template is a whole unit, as for floating IPs
(``mapper._floating_ips_known``): no role of it makes the user an administrator -> not one; a
role, user or group it cannot tell, or a nested template that may assign one -> not known.
A role is an administrator's by name (``keystone.ADMIN_ROLES``; Keystone's default roles are
admin, member and reader, only admin administers by the default policies).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.values import ResourceRef, as_list, dig
from gdcc_audit.normalize.keystone import ADMIN_ROLES

KEYSTONE_ROLES = "https://docs.openstack.org/keystone/latest/admin/service-api-protection.html"
_GROUP = "OS::Keystone::Group"


def _not_known(en: str, th: str) -> Text:
    return Text(en=en, th=th)


_ROLE_NOT_KNOWN = Text(
    en="a role the template gives it is not known",
    th="ไม่ทราบบทบาทที่เทมเพลตมอบให้ผู้ใช้นี้",
)


def _roles(value: Any) -> list[str] | None:
    """The role names of a ``roles`` list (``[{role: admin, project: p}]``); None when one is
    not known."""
    items = as_list(value)
    if items is None:
        return [] if value is None else None
    names = [dig(item, "role") for item in items]
    return [n for n in names if isinstance(n, str)] if all(
        isinstance(n, str) for n in names
    ) else None


def admin(
    user: str,
    types: Mapping[str, str],
    props: Mapping[str, Mapping[str, Any]],
    whole: Callable[[], bool],
) -> tuple[bool | None, Text | None]:
    """``(admin_privileges, why)`` of the template's user ``user`` (``types`` / ``props``:
    each resource's type and resolved properties; ``whole``: whether no nested template or
    custom type may add an assignment); ``why`` says why it is not one, or why it is not
    known (None: a role the template gives says it is one)."""
    given = _roles(props[user].get("roles"))
    groups: list[str] = []
    for group in as_list(props[user].get("groups")) or []:
        if not isinstance(group, ResourceRef) or types.get(group.target) != _GROUP:
            return None, _not_known("it is a member of a group the template does not make, "
                                    "whose roles are given elsewhere",
                                    "ผู้ใช้นี้เป็นสมาชิกของกลุ่มที่เทมเพลตไม่ได้สร้าง ซึ่งบทบาทของกลุ่มมอบไว้ที่อื่น")
        groups.append(group.target)
    if given is None:
        return None, _ROLE_NOT_KNOWN
    for group in groups:
        more = _roles(props[group].get("roles"))
        if more is None:
            return None, _ROLE_NOT_KNOWN
        given += more
    for logical_id, kind in types.items():
        holder = {"OS::Keystone::UserRoleAssignment": "user",
                  "OS::Keystone::GroupRoleAssignment": "group"}.get(kind)
        if holder is None:
            continue
        named = props[logical_id].get(holder)
        if not isinstance(named, ResourceRef):  # an id or a parameter: may be this user
            return None, _not_known(
                f"a role assignment of the template names a {holder} it does not make, "
                f"which may be this user or a group of it ({logical_id})",
                f"การมอบบทบาทในเทมเพลตระบุ {holder} ที่เทมเพลตไม่ได้สร้าง ซึ่งอาจเป็นผู้ใช้นี้หรือกลุ่มของผู้ใช้นี้ "
                f"({logical_id})")
        if named.target != user and named.target not in groups:
            continue
        more = _roles(props[logical_id].get("roles"))
        if more is None:
            return None, _ROLE_NOT_KNOWN
        given += more
    if any(name in ADMIN_ROLES for name in given):
        return True, None
    if not whole():
        return None, _not_known("a nested template or a custom type of the template may give "
                                "it a role",
                                "เทมเพลตซ้อนหรือชนิดทรัพยากรที่กำหนดเองในเทมเพลตอาจมอบบทบาทให้ผู้ใช้นี้")
    roles = ", ".join(sorted(set(given)))
    return False, Text(
        en=(f"the roles the template gives it ({roles}) are not administrator roles" if roles
            else "no role of the template is given to it")
        + f" and the template is a whole unit ({KEYSTONE_ROLES}); a role given outside it is "
        "not in the input",
        th=(f"บทบาทที่เทมเพลตมอบให้ ({roles}) ไม่ใช่บทบาทผู้ดูแลระบบ" if roles
            else "เทมเพลตไม่ได้มอบบทบาทใดให้ผู้ใช้นี้")
        + f" และเทมเพลตเป็นหน่วยที่สมบูรณ์ ({KEYSTONE_ROLES}) บทบาทที่มอบนอกเทมเพลตไม่อยู่ในข้อมูลที่ตรวจ",
    )
