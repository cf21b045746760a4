"""AWS identity, keys and secrets: IAM users, roles, policies and their attachments, access
keys, the account password policy, KMS keys, Secrets Manager and SSM parameters.

Attachments are resolved inside the document: a user's or role's ``admin_privileges`` and
``wildcard_permissions`` reflect the policies the scanned configuration attaches to it
(inline, attached ``aws_iam_policy`` resources, AWS managed administrator policies). Policies
attached from outside the scanned input are not seen.
"""

from __future__ import annotations

import dataclasses
import json
import re

from gdcc_audit.load.terraform_model import AWS_ID_TEXT, UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.aws_managed_policies import (
    managed_parts,
    managed_permissions,
    managed_policy_document,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import SECRET_HOLDER, Facets, PolicyStatement
from gdcc_audit.models.secret_names import sensitive_arguments
from gdcc_audit.normalize.absent import kms_rotatable
from gdcc_audit.normalize.terraform.common import (
    ADMIN_POLICY_ARNS,
    managed_arns,
    policy_grant,
    policy_permissions,
)
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.keyed import customer_key
from gdcc_audit.normalize.terraform.policy import (
    NOTHING,
    UNREADABLE,
    AssignedId,
    PolicyGrant,
    analyse_policy_text,
    dynamic_statements,
    identified_statements,
    policy_statements,
    policy_value,
    public_statements,
    written_json,
    written_lead,
    written_text,
)
from gdcc_audit.normalize.terraform.uncertain import may_configure
from gdcc_audit.normalize.terraform.values import blocks, flag, number, text
from gdcc_audit.normalize.trust import either, federated_openings, subject_pinned
from gdcc_audit.secrets.detect import detect_secrets, identity_key

_PRINCIPALS = {"user": "aws_iam_user", "role": "aws_iam_role", "group": "aws_iam_group"}


def _grant_facets(grant: PolicyGrant) -> dict[str, bool | None]:
    return {
        "admin_privileges": grant.admin_privileges,
        "wildcard_permissions": grant.wildcard_permissions,
    }


def policy(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_iam_policy`` and inline ``aws_iam_{user,role,group}_policy``."""
    grant = policy_grant(r, ctx, "policy")
    if grant.wildcard_permissions is None:
        _dynamic_reason(r, ctx, policy_value(r, "policy"))
    return "identity.policy", Facets(
        **_grant_facets(grant),
        permissions=policy_permissions(r, ctx, "policy"),
    )


def _dynamic_reason(r: TfResource, ctx: TfContext, policy: object) -> None:
    """Why a policy's grants are not known when a ``dynamic "statement"`` over a collection
    not known writes statements of it (its other statements read: an administrator grant
    among them still FAILs): GDCC-IAM-005 names the block."""
    blocks = dynamic_statements(policy)
    if not blocks:
        return
    named = "; ".join(f'dynamic "statement" over {what} at {where}' for what, where in blocks)
    ctx.note(r, "wildcard_permissions", None, unknown=Text(
        en=f"the statements of {named} are not known (any number, any grant)",
        th=f"ไม่ทราบคำสั่ง (statement) ที่ {named} สร้างขึ้น (อาจมีกี่คำสั่งก็ได้ และให้สิทธิ์ใดก็ได้)",
    ))


def user(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_iam_user``; attachments add to it in the second pass."""
    return "identity.user", Facets(admin_privileges=False, wildcard_permissions=False)


def role(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_iam_role`` with its ``inline_policy`` blocks and ``managed_policy_arns``."""
    grants: list[PolicyGrant] = []
    inline = _inline_policies(r)
    if inline is None:
        grants.append(PolicyGrant(None, None))
    else:
        grants.extend(analyse_policy_text(item.get("policy")) for item in inline if item)
    arns = managed_arns(r, "managed_policy_arns")
    held = _scan_policies(r, ctx, arns)
    if held:  # the items not known are those policies' ARNs: read as theirs
        arns = [a for a in arns if a is not UNKNOWN]
        grants.extend(policy_grant(p, ctx, "policy") for p in held)
    if arns is UNKNOWN:
        grants.append(PolicyGrant(None, None))
    elif isinstance(arns, list):
        grants.extend(_arn_grant(a) if isinstance(a, str) else UNREADABLE for a in arns)
    # Who may assume the role: a trust statement allowing "*" without a condition that
    # narrows it to accounts, an organisation or ARNs lets any AWS principal in, and one for
    # GitHub Actions or Cognito not pinned to an owner or a pool lets anyone (GDCC-IAM-008).
    # A trust policy with values computed at apply time (an account id, a partition) is
    # read with those values unknown: who may assume the role is still written there, and
    # an identity provider not known whose token subject is pinned lets in only those
    # subjects (trust.subject_pinned: terraform-aws-iam's IRSA roles).
    trust = policy_value(r, "assume_role_policy")
    public, deciding = either(
        public_statements(trust, lambda s: subject_pinned(s, written_text, written_lead)),
        # a pool id AWS assigns (aws_cognito_identity_pool.x.id) is that one pool
        federated_openings(
            identified_statements(trust) or (), names_one=lambda v: isinstance(v, AssignedId)
        ),
    )
    return "identity.role", Facets(
        **_grant_facets(_merge(grants)),
        **_role_parts(inline, arns),
        public_access=public,
        public_grants=tuple(f"{name} in assume_role_policy" for name in deciding),
    )


def _scan_policies(r: TfResource, ctx: TfContext, arns: object) -> list[TfResource]:
    """The ``aws_iam_policy`` resources of the scan a role's ``managed_policy_arns`` names by
    reference (``aws_iam_policy.own.arn``: known only after apply), when they are exactly its
    items not known (each item one of them, none beyond the configuration): the role holds
    what they grant, as an ``aws_iam_role_policy_attachment`` of them gives (GDCC-IAM-005 /
    GDCC-GRAPH-006 were UNKNOWN "managed policy managed_policy_arns[1]": serverless-patterns'
    apigw-lambda-qldb-terraform). Empty otherwise."""
    if not isinstance(arns, list):
        return []
    unknown = sum(1 for a in arns if a is UNKNOWN)
    if not unknown:
        return []
    certain, maybe = ctx.listed(r, "managed_policy_arns", ["aws_iam_policy"])
    # (a data "aws_iam_policy" looked up by name is read as its ARN when it can be)
    policies = [p for p in certain if p.mode == "managed"]
    return policies if not maybe and len(policies) == unknown else []


def _inline_policies(r: TfResource) -> list[dict[str, object]] | None:
    """A role's ``inline_policy`` blocks, a ``policy`` not known replaced by its text with
    the values not known marked (``TfResource.partial``: ``policy =
    data.aws_iam_policy_document.x.json`` naming a bucket's ARN), read as an
    ``aws_iam_role_policy``'s ``policy`` is."""
    inline = blocks(r.values, "inline_policy")
    if inline is None:
        return None
    return [
        {**item, "policy": r.partial.get(f"inline_policy.{index}.policy", UNKNOWN)}
        if item and item.get("policy") is UNKNOWN else item
        for index, item in enumerate(inline)
    ]


def trust_attributes(r: TfResource) -> dict[str, object]:
    """A role's ``assume_role_policy`` decoded whole for the graph (``graph.grants.trust_of``:
    who may assume it), each value not known still marked (``UNKNOWN_TEXT``): the short text
    ``small_attributes`` keeps is cut at 200 characters and left out when a value in it
    (an account id, a partition) is computed at apply time, and who may assume the role is
    still written there. Empty when not a role or the policy cannot be read."""
    if r.type != "aws_iam_role":
        return {}
    trust = policy_value(r, "assume_role_policy")
    document = written_json(trust) if isinstance(trust, str) else trust
    return {"assume_role_policy": document} if isinstance(document, dict) else {}


def _role_permissions(
    inline: list[dict[str, object]] | None, arns: object
) -> tuple[PolicyStatement, ...] | None:
    """Statements of a role's inline policy blocks and of the managed ARNs it names."""
    if inline is None or arns is UNKNOWN:
        return None
    found: list[PolicyStatement] = []
    for item in inline:
        statements = policy_statements(item.get("policy"))
        if statements is None:
            return None
        found.extend(statements)
    named = managed_permissions(arns)
    return None if named is None else (*found, *named)


def _role_parts(inline: list[dict[str, object]] | None, arns: object) -> dict[str, object]:
    """The ``permissions`` facet of a role (:func:`_role_permissions`), and when it is not
    known only because managed policies ``managed_policy_arns`` names are not (an ARN from a
    variable, an AWS managed policy not listed), the statements read and those policies
    (``permissions_read``, ``permissions_unread``)."""
    found = _role_permissions(inline, arns)
    if found is not None:
        return {"permissions": found}
    parts = None if arns is UNKNOWN else managed_parts(arns, "managed_policy_arns")
    if inline is None or parts is None:
        return {"permissions": None}
    read: list[PolicyStatement] = []
    for item in inline:
        statements = policy_statements(item.get("policy"))
        if statements is None:
            return {"permissions": None}
        read.extend(statements)
    return {
        "permissions": None,
        "permissions_read": (*read, *parts[0]),
        "permissions_unread": parts[1],
    }


def _merge(grants: list[PolicyGrant]) -> PolicyGrant:
    def fold(values: list[bool | None]) -> bool | None:
        if True in values:
            return True
        return None if None in values else False

    if not grants:
        return NOTHING
    return PolicyGrant(
        fold([g.admin_privileges for g in grants]), fold([g.wildcard_permissions for g in grants])
    )


def _contribute(target: TfResource, source: TfResource, grant: PolicyGrant) -> Contribution:
    def merge(facets: Facets) -> dict[str, bool | None]:
        def up(current: bool | None, added: bool | None) -> bool | None:
            if current is True or added is True:
                return True
            return None if current is None or added is None else current

        return {
            "admin_privileges": up(facets.admin_privileges, grant.admin_privileges),
            "wildcard_permissions": up(facets.wildcard_permissions, grant.wildcard_permissions),
        }

    return Contribution(target.address, source.address, merge=merge)


def inline_policy(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_iam_{user,role,group}_policy``: its grant counts for its principal too (the
    policy is also mapped as an ``identity.policy`` of its own)."""
    kind = r.type.removeprefix("aws_iam_").removesuffix("_policy")
    principal = ctx.referenced(r, kind, [_PRINCIPALS[kind]])
    if principal is None:
        return []
    return [_contribute(principal, r, policy_grant(r, ctx, "policy"))]


def _arn_grant(arn: str) -> PolicyGrant:
    """What a managed policy named by ARN grants: the listed AWS managed policies are read
    (``aws_managed_policies``); any other (an AWS policy not listed, a customer policy not in
    the scan) is not known, never "grants nothing"."""
    if arn in ADMIN_POLICY_ARNS:
        return PolicyGrant(True, True)
    document = managed_policy_document(arn)
    return UNREADABLE if document is None else analyse_policy_text(document)


#: A customer managed policy's ARN: ``arn:PARTITION:iam::ACCOUNT:policy/PATH/NAME``.
_CUSTOMER_POLICY_ARN = re.compile(r"^arn:[^:]+:iam::([^:]+):policy/(.+)$")


def _named_policy(r: TfResource, ctx: TfContext) -> TfResource | None:
    """The ``aws_iam_policy`` of the scan an attachment names by an ARN built from the
    account it runs in, not by reference: terraform-aws-modules/eks's node groups attach
    ``arn:${partition}:iam::${account_id}:policy/AmazonEKS_CNI_IPv6_Policy``, the policy the
    cluster module creates under that name ("necessary to reference by exact name in
    sub-modules"). A customer managed policy is attached only to principals of its own account
    (IAM User Guide, "Managed policies and inline policies"), so an ARN whose account part is
    an identifier AWS assigns (``data.aws_caller_identity``) names the policy of that name and
    path in the attachment's own account: the one ``aws_iam_policy`` of the root with that
    ``name`` and ``path`` (default ``/``) and the same provider configuration. None when the
    ARN is written otherwise (a literal account may be another provider's), or no policy or
    several match."""
    written = r.partial.get("policy_arn")
    text_arn = json.loads(written) if isinstance(written, str) else None
    found = _CUSTOMER_POLICY_ARN.match(text_arn) if isinstance(text_arn, str) else None
    if found is None or found.group(1) != AWS_ID_TEXT or UNKNOWN_TEXT in found.group(2):
        return None
    path, _, name = ("/" + found.group(2)).rpartition("/")
    paths = {path + "/"} if path else {"/", None}  # no path argument: "/"
    candidates = [
        policy for policy in ctx.by_type.get("aws_iam_policy", [])
        if policy.values.get("name") == name and policy.values.get("path") in paths
        and policy.provider_config == r.provider_config
    ]  # fmt: skip
    return candidates[0] if len(candidates) == 1 else None


def _attached_grant(r: TfResource, ctx: TfContext) -> PolicyGrant:
    arn = managed_arns(r, "policy_arn")
    if isinstance(arn, str):
        return _arn_grant(arn)
    attached = ctx.referenced(r, "policy_arn", ["aws_iam_policy"])
    if attached is not None:
        return policy_grant(attached, ctx, "policy")
    named = _named_policy(r, ctx)
    if named is not None:
        return policy_grant(named, ctx, "policy")
    return PolicyGrant(None, None)


def attachment(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_iam_{user,role,group}_policy_attachment`` and ``aws_iam_policy_attachment``."""
    grant = _attached_grant(r, ctx)
    found: list[Contribution] = []
    if r.type == "aws_iam_policy_attachment":
        for attribute, kind in (("users", "user"), ("roles", "role"), ("groups", "group")):
            certain, maybe = ctx.listed(r, attribute, [_PRINCIPALS[kind]])
            for principal in certain + maybe:
                made = [_contribute(principal, r, grant), Contribution(
                    principal.address, r.address, _attached_parts(r, ctx)
                )]
                found.extend(made if principal in certain else _perhaps(made, r))
        return found
    kind = r.type.removeprefix("aws_iam_").removesuffix("_policy_attachment")
    target = ctx.referenced(r, kind, [_PRINCIPALS[kind]])
    if target is None:
        return []
    return [_contribute(target, r, grant), Contribution(
        target.address, r.address, _attached_parts(r, ctx)
    )]


def _perhaps(
    made: list[Contribution], source: TfResource, why: Text | None = None
) -> list[Contribution]:
    """``made`` to a principal the list argument of ``source`` only may name (one of several
    a value not known chooses: ``[var.x ? aws_iam_user.a.name : aws_iam_user.b.name]``):
    what each would change is not known (it was certain for every candidate)."""
    why = why or may_configure(source.address)
    return [dataclasses.replace(item, uncertain=why) for item in made]


def _may_add(source: TfResource, groups: list[TfResource]) -> Text:
    """Why what a membership's group grants is not known: it only may be one of them."""
    names = " or ".join(g.address for g in groups)
    return Text(
        en=f"{source.address} may or may not add it to {names} (groups a value not known "
        "before apply chooses)",
        th=f"{source.address} อาจเพิ่มหรือไม่เพิ่มเข้าใน {names} (กลุ่มที่เลือกด้วยค่าที่ไม่ทราบก่อน apply)",
    )


def _is(found: TfResource | None, group: TfResource) -> bool:
    return found is not None and found.address == group.address


def _group_grant(group: TfResource, ctx: TfContext) -> PolicyGrant:
    """What ``aws_iam_group`` ``group`` grants its members: its inline policies
    (``aws_iam_group_policy``) and attached ones (``aws_iam_group_policy_attachment``,
    ``aws_iam_policy_attachment`` naming it in ``groups``). A group policy or attachment whose
    group cannot be told may be this group's: its grant counts as not known."""
    grants: list[PolicyGrant] = []
    for item in ctx.related(["aws_iam_group_policy", "aws_iam_group_policy_attachment"]):
        target = ctx.referenced(item, "group", ["aws_iam_group"])
        if target is not None and not _is(target, group):
            continue
        grant = (
            policy_grant(item, ctx, "policy")
            if item.type == "aws_iam_group_policy"
            else _attached_grant(item, ctx)
        )
        if target is None and grant != NOTHING:
            grant = UNREADABLE  # perhaps this group's, perhaps another's
        grants.append(grant)
    for item in ctx.related(["aws_iam_policy_attachment"]):
        certain, maybe = ctx.listed(item, "groups", ["aws_iam_group"])
        if any(_is(g, group) for g in certain):
            grants.append(_attached_grant(item, ctx))
        elif any(_is(g, group) for g in maybe) and _attached_grant(item, ctx) != NOTHING:
            grants.append(UNREADABLE)  # perhaps this group's, perhaps another's
    return _merge(grants)


def _member_grant(r: TfResource, ctx: TfContext, groups: list[TfResource], listed: object) -> (
    PolicyGrant
):
    """What the groups a membership names grant: a group not in the scan (a name, an input)
    grants what is not known."""
    grants = [_group_grant(group, ctx) for group in groups]
    count = len(listed) if isinstance(listed, list) else None
    if count is None or count > len(groups):
        grants.append(UNREADABLE)
    return _merge(grants)


def group_membership(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_iam_group_membership``: each user it names holds what its group grants (a user
    in a group with ``AdministratorAccess`` attached was judged as holding no privilege,
    GDCC-IAM-002 PASS); a user it only may name (one of several a value not known chooses)
    perhaps does: what it would change is not known there."""
    group = ctx.referenced(r, "group", ["aws_iam_group"])
    grant = _member_grant(r, ctx, [] if group is None else [group], [r.values.get("group")])
    certain, maybe = ctx.listed(r, "users", ["aws_iam_user"])
    return [_contribute(user, r, grant) for user in certain] + _perhaps(
        [_contribute(user, r, grant) for user in maybe], r
    )


def user_group_membership(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_iam_user_group_membership``: its user holds what each of its groups grants; a
    group it only may name (``[var.x ? aws_iam_group.admin.name : aws_iam_group.dev.name]``)
    perhaps: what that would add is not known (it was certain: a FAIL from either group)."""
    user = ctx.referenced(r, "user", ["aws_iam_user"])
    if user is None:
        return []
    certain, maybe = ctx.listed(r, "groups", ["aws_iam_group"])
    listed = r.values.get("groups")
    count = len(listed) if isinstance(listed, list) else None
    grants = [_group_grant(group, ctx) for group in certain]
    if count is None or count > len(certain) + len(maybe):
        grants.append(UNREADABLE)
    found = [_contribute(user, r, _merge(grants))]
    if maybe:
        found += _perhaps(
            [_contribute(user, r, _merge([_group_grant(group, ctx) for group in maybe]))], r,
            _may_add(r, maybe),
        )
    return found


def _attached_permissions(r: TfResource, ctx: TfContext) -> tuple[PolicyStatement, ...] | None:
    """What an attachment adds to its principal's own statements: an AWS managed policy's;
    nothing for an ``aws_iam_policy`` of the scan (the graph follows the reference to it)."""
    arn = managed_arns(r, "policy_arn")
    if isinstance(arn, str):
        return managed_permissions([arn])
    attached = ctx.referenced(r, "policy_arn", ["aws_iam_policy"])
    if attached is not None and _linked(r, attached):
        return ()
    # a policy the graph has no reference to follow to (named by ARN; or the value of a
    # for_each map, ``policy_arn = each.value`` over ``{ additional =
    # aws_iam_policy.x.arn }``, which designates it): its statements are the principal's own
    found = attached if attached is not None else _named_policy(r, ctx)
    return None if found is None else policy_permissions(found, ctx, "policy")


def _linked(r: TfResource, policy: TfResource) -> bool:
    """Whether a Terraform reference of ``r`` names ``policy`` (the graph follows it)."""
    return any(
        ref.target == policy.address or policy.address.startswith(ref.target + "[")
        for ref in r.references
    )


def _attached_parts(r: TfResource, ctx: TfContext) -> dict[str, object]:
    """What an attachment adds to its principal's ``permissions`` (:func:`_attached_permissions`);
    when that is not known, the policy named for ``permissions_unread`` (its ARN, or the
    attachment when the ARN is not known): the principal's other statements are still read
    (the mapper's ``_apply``)."""
    found = _attached_permissions(r, ctx)
    if found is not None:
        return {"permissions": found}
    arn = managed_arns(r, "policy_arn")
    named = arn if isinstance(arn, str) and "${" not in arn else f"{r.address}.policy_arn"
    return {"permissions": None, "permissions_unread": (named,)}


def instance_profile(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_iam_instance_profile`` is merged into its role: an instance that names the
    profile is then linked to the role in the graph."""
    role = ctx.referenced(r, "role", ["aws_iam_role"])
    return [] if role is None else [Contribution(role.address, r.address, {})]


def access_key(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_iam_access_key``: a long-lived key; its age is not in the configuration."""
    status = text(r.values, "status", "Active")
    return "identity.access_key", Facets(enabled=None if status is None else status == "Active")


def password_policy(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_iam_account_password_policy``; AWS applies 6 when no minimum is given."""
    return "identity.account_settings", Facets(
        password_min_length=number(r.values, "minimum_password_length", 6),
    )


def kms_key(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_kms_key``: rotation exists only for symmetric encryption keys whose material KMS
    generates (``absent.KMS_NOT_ROTATABLE``: an asymmetric or HMAC key, or one in a custom
    key store, is NOT_APPLICABLE); a spec or store not known leaves rotation off unknown."""
    v = r.values
    rotation = flag(v, "enable_key_rotation", False)
    rotatable = kms_rotatable(v.get("customer_master_key_spec"), v.get("custom_key_store_id"))
    if rotatable is False or (rotatable is None and rotation is False):
        rotation = None
    return "crypto.key", Facets(
        key_rotation=rotation,
        enabled=flag(v, "is_enabled", True),
        deletion_protection=None,
    )


def kms_replica_key(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_kms_replica_key``: a replica of a multi-Region key, rotated with its primary
    (``absent.KMS_REPLICA_ROTATION``); ``enabled`` "The default value is ``true``"
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_replica_key).
    Its ``policy`` is read by ``aws_resource_policies`` (none: the default key policy, the
    account only)."""
    return "crypto.key", Facets(enabled=flag(r.values, "enabled", True), deletion_protection=None)


def kms_external_key(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_kms_external_key``: a key whose material is imported, never rotated
    automatically (``absent.KMS_NOT_ROTATABLE``). ``enabled``: "Keys pending import can only
    be ``false``. Imported keys default to ``true`` unless expired"
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_external_key):
    true when key material is written and ``enabled`` is not, else not known."""
    v = r.values
    enabled = flag(v, "enabled", None)
    if v.get("enabled") is None and isinstance(v.get("key_material_base64"), str):
        enabled = True
    return "crypto.key", Facets(enabled=enabled, deletion_protection=None)


def secret(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_secretsmanager_secret``: rotation comes from its rotation resource."""
    return "crypto.secret", Facets(
        customer_managed_key=customer_key(r.values, "kms_key_id"),
        encrypted_at_rest=True,
        key_rotation=False,
    )


def secret_rotation(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_secretsmanager_secret_rotation`` turns rotation on for its secret."""
    target = ctx.referenced(r, "secret_id", ["aws_secretsmanager_secret"])
    return (
        [] if target is None else [Contribution(target.address, r.address, {"key_rotation": True})]
    )


def secret_version(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_secretsmanager_secret_version``: a literal ``secret_string`` (or
    ``secret_binary``, or the write-only ``secret_string_wo``) is a hard-coded secret of its
    secret (it sits in the configuration, and but for the write-only one in the state)."""
    target = ctx.referenced(r, "secret_id", ["aws_secretsmanager_secret"])
    if target is None:
        return []
    found = tuple(
        f"{r.address}.{path}"
        for path in detect_secrets(r.values, sensitive=sensitive_arguments(r.type))
    )
    return [Contribution(target.address, r.address, {"hardcoded_secrets": found})]


#: A SecureString parameter is never rotated by the service: Parameter Store has no rotation
#: setting (Systems Manager API PutParameter; the aws_ssm_parameter arguments), automatic
#: rotation is Secrets Manager's (Secrets Manager user guide, "Rotate AWS Secrets Manager
#: secrets"), which a parameter can only reference (/aws/reference/secretsmanager/...).
NO_PARAMETER_ROTATION = Text(
    en="Parameter Store has no automatic rotation: a secret that must rotate belongs in "
    "Secrets Manager, which a parameter can reference",
    th="Parameter Store ไม่มีการหมุนเวียนอัตโนมัติ secret ที่ต้องหมุนเวียนควรเก็บใน Secrets Manager "
    "ซึ่ง parameter อ้างอิงถึงได้",
)


def ssm_parameter(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``aws_ssm_parameter`` of type SecureString (other types are configuration); a literal
    ``value`` (or ``value_wo``) is found by the secret scanner (``sensitive_arguments``)."""
    kind = text(r.values, "type", "String")
    if kind != "SecureString":
        return _named_secret_parameter(r)
    ctx.note(r, "key_rotation", False, because=NO_PARAMETER_ROTATION)
    return "crypto.secret", Facets(
        hardcoded_secrets=_identity_parameter(r),
        key_rotation=False,
        encrypted_at_rest=True,
        customer_managed_key=customer_key(r.values, "key_id"),
        # a parameter is shared only with named accounts or an organization, through AWS RAM
        # (docs.aws.amazon.com/systems-manager/latest/userguide/
        # parameter-store-shared-parameters.html): never with everyone (GDCC-SECRET-003)
        public_access=False,
    )


#: What separates the words of a parameter's name (``/app/prod/db-password``,
#: ``rds.dev.master_password``).
_PARAMETER_PATH = re.compile(r"[/.:]")


def _identity_parameter(r: TfResource) -> tuple[str, ...] | None:
    """The secrets written in a SecureString parameter whose name's last word names a user
    or a place (``.../opensearch/user``, ``/db/host``) and whose ``value`` has no
    credential's shape (``admin``): kept beside the password as Kubernetes Secrets keep a
    ``username`` (``detect.identity_key``), it is no secret itself (aws-samples/
    eks-workshop-v2's ``opensearch_user`` FAILed as "a secret written in plain text"); the
    other arguments are still searched. None (the scanner's answer) otherwise."""
    name, value = r.values.get("name"), r.values.get("value")
    if not isinstance(name, str):
        name = r.shapes.get("name")  # written in part: ``"${local.path}/user"``
    if not isinstance(name, str) or not isinstance(value, str):
        return None
    leaf = next((w for w in reversed(_PARAMETER_PATH.split(name)) if w), "")
    if not leaf or not identity_key(leaf, value):
        return None
    found = detect_secrets(r.values, sensitive=sensitive_arguments(r.type))
    return tuple(p for p in found if p != "value")


def _named_secret_parameter(r: TfResource) -> Mapped | None:
    """A ``String`` / ``StringList`` parameter (configuration, not mapped) whose name reads as
    a secret's (``rds.dev.master_password``, ``/app/db-password``) with a secret written as
    its ``value``: a secret held in plain text in the configuration (and in Parameter Store,
    unencrypted), judged by GDCC-SECRET-001 only; it had no finding. None otherwise."""
    name, value = r.values.get("name"), r.values.get("value")
    if not isinstance(name, str) or not isinstance(value, str) or not value:
        return None
    leaf = next((w for w in reversed(_PARAMETER_PATH.split(name)) if w), "")
    if not leaf or not detect_secrets({leaf: value}):
        return None
    return SECRET_HOLDER, Facets(hardcoded_secrets=("value",))


def glue_connection(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_glue_connection``: the connection properties of a data store (a password written
    in ``connection_properties`` is a hard-coded secret; the rest: ``absent.GLUE_CONNECTION``).
    It was not mapped: a literal JDBC password had no finding."""
    return "crypto.secret", Facets()


MAPPINGS: dict[str, MapFn] = {
    "aws_glue_connection": glue_connection,
    "aws_iam_policy": policy,
    "aws_iam_user_policy": policy,
    "aws_iam_role_policy": policy,
    "aws_iam_group_policy": policy,
    "aws_iam_user": user,
    "aws_iam_role": role,
    "aws_iam_access_key": access_key,
    "aws_iam_account_password_policy": password_policy,
    "aws_kms_key": kms_key,
    "aws_kms_replica_key": kms_replica_key,
    "aws_kms_external_key": kms_external_key,
    "aws_secretsmanager_secret": secret,
    "aws_ssm_parameter": ssm_parameter,
}

COMPANIONS: dict[str, CompanionFn] = {
    "aws_iam_user_policy": inline_policy,
    "aws_iam_role_policy": inline_policy,
    "aws_iam_user_policy_attachment": attachment,
    "aws_iam_role_policy_attachment": attachment,
    "aws_iam_policy_attachment": attachment,
    "aws_iam_instance_profile": instance_profile,
    "aws_iam_group_membership": group_membership,
    "aws_iam_user_group_membership": user_group_membership,
    "aws_secretsmanager_secret_rotation": secret_rotation,
    "aws_secretsmanager_secret_version": secret_version,
}

#: Companion types that are also mapped as resources of their own.
ALSO_MAPPED = frozenset({"aws_iam_user_policy", "aws_iam_role_policy"})
