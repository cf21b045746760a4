"""MemoryDB access control lists (``aws_memorydb_acl``) of a cluster (``acl_name``): whether a
user of the cluster signs in with IAM (GDCC-DB-001).

IAM authentication is a user's: "you create a MemoryDB user with IAM authentication mode"
(``authentication_mode { type = "iam" }``, MemoryDB developer guide, auth-iam.html), and a
cluster's users are those of its ACL (``user_names``). The built-in ACL ``open-access`` holds
only the ``default`` user, which takes no password and no IAM (developer guide,
clusters.acls.html: "open-access ... the default user"). As for ElastiCache user groups
(``elasticache_groups``): on when a user of the ACL signs in with IAM; off when every user of
the ACL is read and none does; else not known, naming the users not read.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.elasticache_groups import iam_sign_in, iam_user
from gdcc_audit.normalize.terraform.values import text

ACL = "aws_memorydb_acl"
USER = "aws_memorydb_user"
OPEN_ACCESS = "open-access"
IAM_DOC = "https://docs.aws.amazon.com/memorydb/latest/devguide/auth-iam.html"


def acl_users(acl: TfResource, ctx: TfContext) -> tuple[list[TfResource], list[str]]:
    """The ``aws_memorydb_user`` resources of the scan in ``acl`` (by reference or by user
    name), and how each user not read is written."""
    refs, maybe = ctx.listed(acl, "user_names", [USER])
    missing = [f"{user.address}, which {acl.address} may list" for user in maybe]
    names = acl.values.get("user_names")
    if not isinstance(names, list):
        return refs, [*missing, f"the user_names of {acl.address}"]
    by_name = {text(u.values, "user_name"): u for u in ctx.by_type.get(USER, [])}
    literal = [item for item in names if isinstance(item, str)]
    named: list[TfResource] = []
    for name in literal:
        user = by_name.get(name)
        if user is not None:
            named.append(user)
        elif name != "default":  # the built-in default user: no IAM
            missing.append(f"user {name}")
    if len(names) - len(literal) > len(refs):  # an item neither a name nor a user of the scan
        missing.append(f"a user of {acl.address} not known")
    users = list(refs)
    users += [user for user in named if all(user is not seen for seen in refs)]
    return users, missing


def memorydb_iam(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``directory_auth`` of an ``aws_memorydb_cluster`` from its ACL (module docstring)."""
    if r.values.get("acl_name") == OPEN_ACCESS:
        ctx.note(r, "directory_auth", False, because=Text(
            en=f"its ACL is {OPEN_ACCESS}, which holds only the default user (no IAM)",
            th=f"ACL ของคลัสเตอร์คือ {OPEN_ACCESS} ซึ่งมีเพียงผู้ใช้ default (ไม่ใช้ IAM)",
        ))
        return {"directory_auth": False}
    acl = ctx.referenced(r, "acl_name", [ACL])
    if acl is None:
        return {}
    users, missing = acl_users(acl, ctx)
    holder = (f"its ACL {acl.address}", f"ACL {acl.address}")
    if any(iam_user(user) for user in users):
        return iam_sign_in(r, ctx, True, holder, "", IAM_DOC)
    if missing:
        return iam_sign_in(r, ctx, None, holder, ", ".join(missing), IAM_DOC)
    who = ", ".join(user.address for user in users) or "no user"
    return iam_sign_in(r, ctx, False, holder, who, IAM_DOC)
