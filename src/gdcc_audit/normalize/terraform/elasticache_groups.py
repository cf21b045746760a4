"""ElastiCache RBAC user groups (``aws_elasticache_user_group``) of a replication group
(``user_group_ids``) or a serverless cache (``user_group_id``): whether a client that does not
sign in gets in, and whether users sign in with IAM.

A client that does not authenticate is the group's ``default`` user. "ElastiCache
automatically configures a default user with user ID and user name "default" and adds it to
all user groups ... has an access string that permits it to call all commands and access all
keys. To add proper access control to a cache, replace this default user with a new one that
isn't enabled or uses a strong password" (ElastiCache user guide, Clusters.RBAC.html, "Applying
RBAC"). So a group holding the user ID ``default``, or a user named ``default`` that takes no
password (``authentication_mode { type = "no-password-required" }``, ``no_password_required =
true``) and is ``on``, lets anyone who reaches the cache in: a user group is not
authentication by itself. Such groups PASSed GDCC-DB-006 (terraform-aws-modules/
terraform-aws-elasticache examples/serverless-cache).
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.elasticache_users import RBAC, access_string_enables
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import block, flag, text

USER_GROUP = "aws_elasticache_user_group"
USER = "aws_elasticache_user"
#: The user ID of the default user ElastiCache makes ("on", every command, every key, no
#: password).
BUILT_IN_DEFAULT = "default"


def group_users(group: TfResource, ctx: TfContext) -> list[TfResource]:
    """The ``aws_elasticache_user`` resources of the scan certainly in an ElastiCache user
    group (not those a value not known may put in it)."""
    found, _maybe = ctx.listed(group, "user_ids", [USER])
    associations = ctx.by_type.get("aws_elasticache_user_group_association", [])
    for association in ctx.naming(associations, "user_group_id", [USER_GROUP], group)[0]:
        user = ctx.referenced(association, "user_id", [USER])
        if user is not None and user not in found:
            found.append(user)
    return found


def iam_user(user: TfResource) -> bool:
    """An ElastiCache user that signs in with IAM (``authentication_mode { type = "iam" }``,
    ElastiCache user guide, "Authenticating with IAM")."""
    mode = block(user.values, "authentication_mode")
    return isinstance(mode, dict) and mode.get("type") == "iam"


def _no_password(user: TfResource) -> bool | None:
    """Whether a user signs in without a password (``no-password-required`` or
    ``no_password_required = true``); None when not known."""
    mode = block(user.values, "authentication_mode")
    if mode is None:
        return None
    if mode:
        kind = mode.get("type")
        if kind == "no-password-required":
            return True
        return False if kind in ("password", "iam") else None
    return flag(user.values, "no_password_required", False)


def _lets_in(group: TfResource, ctx: TfContext) -> tuple[bool | None, str]:
    """Whether a client that does not sign in gets into a cache using ``group`` (True), does
    not (False), or that is not known (None), and which user says it."""
    ids = group.values.get("user_ids")
    if isinstance(ids, list) and BUILT_IN_DEFAULT in ids:
        return True, f'the user ID "{BUILT_IN_DEFAULT}" (ElastiCache\'s own default user)'
    defaults = [u for u in group_users(group, ctx) if text(u.values, "user_name") == "default"]
    states: list[bool | None] = []
    for user in defaults:
        nopass, on = _no_password(user), access_string_enables(text(user.values, "access_string"))
        if nopass is True and on is True:
            return True, f"{user.address} (user name default, no password, on)"
        states.append(False if nopass is False or on is False else None)
    if states and all(state is False for state in states):
        return False, defaults[0].address
    return None, ""


def user_group_auth(
    r: TfResource, ctx: TfContext, groups: list[TfResource], named: str | None
) -> tuple[bool | None, Text]:
    """Whether clients of ``r`` must authenticate given the user groups it uses (``groups``,
    all of the scan; ``named``: how a group not in the scan is written, None when every one
    is), and why."""
    if named is not None or not groups:
        where = named or "its user group"
        return None, Text(
            en=(
                f"{where} is not in the input, and a client that does not sign in is the "
                "group's default user: ElastiCache's own (user ID default) takes no password "
                f"({RBAC})"
            ),
            th=(
                f"{where} ไม่อยู่ในข้อมูลนำเข้า และไคลเอนต์ที่ไม่ลงชื่อเข้าใช้คือผู้ใช้ default "
                f"ของ group ซึ่งผู้ใช้ default ของ ElastiCache เองไม่ต้องใช้รหัสผ่าน ({RBAC})"
            ),
        )
    found = [(group, *_lets_in(group, ctx)) for group in groups]
    for group, state, who in found:
        if state is True:
            return False, Text(
                en=(
                    f"the user group {group.address} holds {who}, a default user that needs "
                    f"no password; a client that does not sign in connects as it ({RBAC})"
                ),
                th=(
                    f"user group {group.address} มี {who} ซึ่งเป็นผู้ใช้ default ที่ไม่ต้องใช้รหัสผ่าน "
                    f"ไคลเอนต์ที่ไม่ลงชื่อเข้าใช้จะเชื่อมต่อในฐานะผู้ใช้นี้ ({RBAC})"
                ),
            )
    unread = [group.address for group, state, _who in found if state is None]
    if unread:
        return None, Text(
            en=(
                f"the default user of the user group {', '.join(unread)} is not in the input; "
                "a client that does not sign in is that user, and ElastiCache's own (user ID "
                f"default) takes no password ({RBAC})"
            ),
            th=(
                f"ไม่มีผู้ใช้ default ของ user group {', '.join(unread)} ในข้อมูลนำเข้า "
                "ไคลเอนต์ที่ไม่ลงชื่อเข้าใช้คือผู้ใช้นั้น และผู้ใช้ default ของ ElastiCache เอง"
                f"ไม่ต้องใช้รหัสผ่าน ({RBAC})"
            ),
        )
    users = ", ".join(who for _group, _state, who in found)
    return True, Text(
        en=(
            "clients sign in as users of its user group; one that does not is the default "
            f"user {users}, which needs a password or is off ({RBAC})"
        ),
        th=(
            "ไคลเอนต์ลงชื่อเข้าใช้เป็นผู้ใช้ของ user group ผู้ที่ไม่ลงชื่อเข้าใช้คือผู้ใช้ default "
            f"{users} ซึ่งต้องใช้รหัสผ่านหรือถูกปิดไว้ ({RBAC})"
        ),
    )


#: ElastiCache IAM authentication is a user's: "To use IAM authentication, ... create an
#: IAM-enabled user" whose authentication mode is ``iam`` (ElastiCache user guide,
#: auth-iam.html); a user group's users are those it lists (``user_ids``) and those an
#: ``aws_elasticache_user_group_association`` adds.
IAM_DOC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html"
_ASSOCIATION = "aws_elasticache_user_group_association"


def group_iam(group: TfResource, ctx: TfContext) -> tuple[bool | None, str]:
    """Whether a user of ``group`` signs in with IAM: True (the first such user), False (every
    user of the group is known: the users it lists and those associations of the scan add,
    each an ``aws_elasticache_user`` of the scan or ElastiCache's ``default``), None (why not
    known: a user not in the scan, a list or an association a value not known chooses)."""
    users = group_users(group, ctx)
    iam = [user for user in users if iam_user(user)]
    if iam:
        return True, iam[0].address
    _found, maybe = ctx.listed(group, "user_ids", [USER])
    missing = [f"{user.address}, which {group.address} may list" for user in maybe]
    ids = group.values.get("user_ids")
    known = {user.values.get("user_id") for user in users}
    if not isinstance(ids, list):
        missing.append(f"the user_ids of {group.address}")
    else:
        missing.extend(
            f"user {item}" if isinstance(item, str) else "a user ID not known"
            for item in ids if item != BUILT_IN_DEFAULT and item not in known
        )
    associations = ctx.by_type.get(_ASSOCIATION, [])
    certain, perhaps = ctx.naming(associations, "user_group_id", [USER_GROUP], group)
    missing.extend(f"the user {a.address} may add" for a in perhaps)
    for association in certain:
        if ctx.referenced(association, "user_id", [USER]) is None:
            written = association.values.get("user_id")
            if written not in known:
                missing.append(f"user {written}" if isinstance(written, str)
                               else f"the user {association.address} adds")
    if missing:
        return None, ", ".join(dict.fromkeys(missing))
    return False, ", ".join(
        [user.address for user in users]
        + ([f'"{BUILT_IN_DEFAULT}"'] if isinstance(ids, list) and BUILT_IN_DEFAULT in ids else [])
    )


def iam_sign_in(
    r: TfResource, ctx: TfContext, state: bool | None, holder: tuple[str, str], named: str,
    doc: str,
) -> dict[str, Any]:
    """``directory_auth`` of ``r`` from whether a user of its users' holder (``holder``: how
    it is named in English and Thai, "its user group" / "user group") signs in with IAM:
    True; False, naming the users read (``named``); None, naming the users not read. IAM
    authentication is a user's ``authentication_mode`` type ``iam`` (``doc``)."""
    if state is True:
        return {"directory_auth": True}
    en, th = holder
    if state is False:
        ctx.note(r, "directory_auth", False, because=Text(
            en=f"no user of {en} signs in with IAM ({named}); IAM authentication is a user's "
            f"authentication_mode type iam ({doc})",
            th=f"ไม่มีผู้ใช้ใน {th} ที่ลงชื่อเข้าใช้ด้วย IAM ({named}) การยืนยันตัวตนด้วย IAM "
            f"กำหนดที่ authentication_mode type iam ของผู้ใช้ ({doc})",
        ))
        return {"directory_auth": False}
    ctx.note(r, "directory_auth", None, unknown=Text(
        en=f"no user of {en} that was read signs in with IAM, and some are not in the input "
        f"({named}); IAM authentication is a user's authentication_mode type iam ({doc})",
        th=f"ไม่มีผู้ใช้ที่อ่านได้ใน {th} ที่ลงชื่อเข้าใช้ด้วย IAM และบางส่วนไม่อยู่ในข้อมูลนำเข้า "
        f"({named}) การยืนยันตัวตนด้วย IAM กำหนดที่ authentication_mode type iam ของผู้ใช้ ({doc})",
    ))
    return {}
