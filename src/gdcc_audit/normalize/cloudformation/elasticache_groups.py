"""ElastiCache user groups of a template (``AWS::ElastiCache::UserGroup`` /
``AWS::ElastiCache::User``) for the replication groups (``UserGroupIds``) and serverless
caches (``UserGroupId``) that name them with ``!Ref``, as Terraform's
``normalize/terraform/elasticache_groups.py`` reads them: a client that does not sign in is the
group's ``default`` user ("ElastiCache automatically configures a default user with user ID and
user name "default" ... has an access string that permits it to call all commands and access
all keys", ElastiCache user guide, Clusters.RBAC.html). The group's default user decides
GDCC-DB-006: no password and ``on`` (or the user ID ``default``) → clients need not
authenticate; a password, IAM, or ``off`` → they must. Without the template's user groups
those caches stay not known (their mappers say why)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.values import ResourceRef, as_bool, as_str, dig
from gdcc_audit.normalize.elasticache_users import RBAC, access_string_enables

GROUP = "AWS::ElastiCache::UserGroup"
USER = "AWS::ElastiCache::User"
TYPES = frozenset({GROUP, USER})
_GROUPS_OF = {
    "AWS::ElastiCache::ReplicationGroup": "UserGroupIds",
    "AWS::ElastiCache::ServerlessCache": "UserGroupId",
}
Found = Mapping[str, tuple[str, dict[str, Any]]]


def _refs(item: Any) -> list[Any]:
    value = item.props.get(_GROUPS_OF[item.provider_type])
    return value if isinstance(value, list) else [value]


def _no_password(props: Mapping[str, Any]) -> bool | None:
    kind = as_str(dig(props.get("AuthenticationMode"), "Type"))
    if kind is not None:
        return kind == "no-password-required"
    nopass = props.get("NoPasswordRequired")
    return False if nopass is None else as_bool(nopass)


def _default_user(group: Mapping[str, Any], found: Found) -> tuple[bool | None, str]:
    """Whether a group's default user lets a client in without a password, and which."""
    ids = group.get("UserIds")
    if not isinstance(ids, list):
        return None, ""
    for entry in ids:
        if entry == "default":
            return True, 'the user ID "default" (ElastiCache\'s own default user)'
        if not isinstance(entry, ResourceRef) or entry.target not in found:
            continue
        kind, props = found[entry.target]
        if kind != USER or as_str(props.get("UserName")) != "default":
            continue
        nopass, on = _no_password(props), access_string_enables(as_str(props.get("AccessString")))
        if nopass is True and on is True:
            return True, f"{entry.target} (user name default, no password, on)"
        if nopass is False or on is False:
            return False, entry.target
    return None, ""


def link_user_groups(items: list[Any], lookup: Callable[[], Found]) -> None:
    """Decide GDCC-DB-006 (:func:`_default_user`) and GDCC-DB-001 (:func:`_iam_sign_in`) of
    the template's caches whose user groups are the template's (``lookup`` reads those groups
    and users, only when a cache names one)."""
    wanted = [
        item for item in items
        if item.provider_type in _GROUPS_OF
        and any(isinstance(ref, ResourceRef) for ref in _refs(item))
    ]
    if not wanted:
        return
    found = lookup()
    for item in wanted:
        refs = _refs(item)
        groups = [
            (ref.target, found[ref.target][1]) for ref in refs
            if isinstance(ref, ResourceRef) and found.get(ref.target, ("",))[0] == GROUP
        ]
        if len(groups) != len(refs):
            continue  # a group not in the template: stays not known
        _iam_sign_in(item, groups, found)
        if item.mapped.facets.get("auth_required") is True:
            continue  # an AuthToken
        states = [(name, *_default_user(props, found)) for name, props in groups]
        opened = next(((name, who) for name, state, who in states if state is True), None)
        if opened is not None:
            _decide(item, False, Text(
                en=(
                    f"the user group {opened[0]} holds {opened[1]}, a default user that needs "
                    f"no password; a client that does not sign in connects as it ({RBAC})"
                ),
                th=(
                    f"user group {opened[0]} มี {opened[1]} ซึ่งเป็นผู้ใช้ default ที่ไม่ต้องใช้รหัสผ่าน "
                    f"ไคลเอนต์ที่ไม่ลงชื่อเข้าใช้จะเชื่อมต่อในฐานะผู้ใช้นี้ ({RBAC})"
                ),
            ))
        elif all(state is False for _name, state, _who in states):
            users = ", ".join(who for _name, _state, who in states)
            _decide(item, True, Text(
                en=(
                    "clients sign in as users of its user group; one that does not is the "
                    f"default user {users}, which needs a password or is off ({RBAC})"
                ),
                th=(
                    "ไคลเอนต์ลงชื่อเข้าใช้เป็นผู้ใช้ของ user group ผู้ที่ไม่ลงชื่อเข้าใช้คือผู้ใช้ "
                    f"default {users} ซึ่งต้องใช้รหัสผ่านหรือถูกปิดไว้ ({RBAC})"
                ),
            ))


def _decide(item: Any, value: bool, because: Text, facet: str = "auth_required") -> None:
    item.mapped.facets[facet] = value
    item.mapped.unknown.pop(facet, None)
    item.mapped.because[facet] = because


def _members(group: Mapping[str, Any], found: Found) -> tuple[list[tuple[str, bool]], list[str]]:
    """The users a group lists that the template holds (name, signs in with IAM), and the
    entries it does not (ElastiCache's own ``default`` user is no IAM user)."""
    ids = group.get("UserIds")
    known: list[tuple[str, bool]] = []
    beyond: list[str] = []
    by_id = {
        as_str(props.get("UserId")): name for name, (kind, props) in found.items() if kind == USER
    }
    for entry in ids if isinstance(ids, list) else [ids]:
        if entry == "default":
            known.append(('"default"', False))
            continue
        name = entry.target if isinstance(entry, ResourceRef) else by_id.get(as_str(entry))
        if name is None or found.get(name, ("",))[0] != USER:
            beyond.append(entry if isinstance(entry, str) else "a value not known")
            continue
        mode = as_str(dig(found[name][1].get("AuthenticationMode"), "Type"))
        known.append((name, mode == "iam"))
    return known, beyond


def _iam_sign_in(item: Any, groups: list[tuple[str, dict[str, Any]]], found: Found) -> None:
    """GDCC-DB-001 of a cache whose user groups are all the template's: users sign in with
    IAM when each group lists a user whose ``AuthenticationMode`` ``Type`` is ``iam``
    (ElastiCache user guide, auth-iam.html); none can when every user each group lists is the
    template's and none is; a user not in the template leaves it not known. It was UNKNOWN
    for every cache naming a user group."""
    members = [(name, *_members(props, found)) for name, props in groups]
    with_iam = [
        (name, [user for user, iam in known if iam]) for name, known, _beyond in members
    ]
    if all(users for _name, users in with_iam):
        shown = "; ".join(f"{name}: {', '.join(users)}" for name, users in with_iam)
        _decide(item, True, Text(
            en=f"its user group holds users that sign in with IAM ({shown})",
            th=f"user group มีผู้ใช้ที่ลงชื่อเข้าใช้ด้วย IAM ({shown})",
        ), "directory_auth")
        return
    beyond = [entry for _name, _known, outside in members for entry in outside]
    if beyond:
        shown = ", ".join(beyond)
        item.mapped.unknown["directory_auth"] = Text(
            en=f"its user group lists users that are not in the template ({shown}): whether "
            "they sign in with IAM is not known",
            th=f"user group มีผู้ใช้ที่ไม่อยู่ใน template ({shown}) จึงไม่ทราบว่าลงชื่อเข้าใช้ด้วย IAM หรือไม่",
        )
        return
    lacking = [name for name, users in with_iam if not users]
    listed = "; ".join(
        f"{name}: {', '.join(user for user, _iam in known) or 'no user'}"
        for name, known, _beyond in members if name in lacking
    )
    _decide(item, False, Text(
        en=f"no user of its user group signs in with IAM (AuthenticationMode Type iam): "
        f"{listed}",
        th=f"ไม่มีผู้ใช้ใน user group ที่ลงชื่อเข้าใช้ด้วย IAM (AuthenticationMode Type iam): {listed}",
    ), "directory_auth")
