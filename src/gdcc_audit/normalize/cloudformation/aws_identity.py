"""AWS identity and keys: IAM users, roles, policies, access keys, KMS keys."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.aws_managed_policies import managed_parts, managed_permissions
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import PolicyStatement, Reference
from gdcc_audit.normalize.absent import kms_rotatable
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver
from gdcc_audit.normalize.cloudformation.policy import (
    PolicyFacts,
    analyse,
    analyse_all,
    managed_arn,
    policy_document,
    public_statements,
    statements,
    written_lead,
    written_text,
)
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, default, kind_only
from gdcc_audit.normalize.cloudformation.values import (
    NO_VALUE,
    UNKNOWN,
    PartialText,
    ResourceRef,
    as_bool,
    as_list,
    dig,
    is_known,
)
from gdcc_audit.normalize.trust import either, federated_openings, subject_pinned


def _inline_documents(props: dict[str, Any]) -> list[Any] | None:
    policies = as_list(props.get("Policies"))
    if policies is None:
        return None
    return [dig(p, "PolicyDocument") for p in policies]


def _facets(facts: PolicyFacts) -> dict[str, Any]:
    return {"wildcard_permissions": facts.wildcard, "admin_privileges": facts.admin}


def iam_user(props: dict[str, Any]) -> Mapped:
    """A user's own policies; its groups add theirs in :func:`carry_groups`."""
    facts = analyse_all(_inline_documents(props), props.get("ManagedPolicyArns"))
    return Mapped("identity.user", _facets(facts))


def iam_group(props: dict[str, Any]) -> Mapped:
    """``AWS::IAM::Group``: judged as the policies it holds (inline ``Policies`` and
    ``ManagedPolicyArns``; a group granting ``*`` on ``*`` was not judged at all), and its
    members hold what it grants (:func:`carry_groups`)."""
    facts = analyse_all(_inline_documents(props), props.get("ManagedPolicyArns"))
    return Mapped("identity.policy", {**_facets(facts), **_permissions(props)})


def _role_permissions(props: dict[str, Any]) -> tuple[PolicyStatement, ...] | None:
    inline = statements(_inline_documents(props))
    arns = props.get("ManagedPolicyArns")
    listed = as_list(arns) if arns is not None else None
    named = managed_permissions(None if listed is None else [managed_arn(a) for a in listed])
    return None if inline is None or named is None else (*inline, *named)


def _permissions(props: dict[str, Any]) -> dict[str, Any]:
    """The ``permissions`` facet of a role or group, and when it is not known only because
    managed policies it names are not (``ManagedPolicyArns`` with a parameter's value or an
    AWS managed policy not listed), the statements read and the policies not known
    (``permissions_read``, ``permissions_unread``): GDCC-GRAPH-006 said a role with such a
    policy and ``s3:*`` on ``*`` inline "reaches all N aws resources"."""
    found = _role_permissions(props)
    if found is not None:
        return {"permissions": found}
    inline = statements(_inline_documents(props))
    arns = props.get("ManagedPolicyArns")
    listed = as_list(arns) if arns is not None else None
    parts = None if arns is not None and listed is None else managed_parts(
        None if listed is None else [managed_arn(a) for a in listed], "ManagedPolicyArns"
    )
    if inline is None or parts is None:
        return {"permissions": None}
    read, unread = parts
    return {
        "permissions": None,
        "permissions_read": (*inline, *read),
        "permissions_unread": unread,
    }


#: Why a role without ``AssumeRolePolicyDocument`` is not judged as written.
_TRUST_NOT_WRITTEN = Text(
    en=(
        "AssumeRolePolicyDocument is not written: CloudFormation requires it, so a macro or "
        "a build step writes this role before it is deployed (what it writes is not read)"
    ),
    th=(
        "ไม่ได้เขียน AssumeRolePolicyDocument: CloudFormation กำหนดให้ต้องมี จึงมี macro "
        "หรือขั้นตอน build ที่เขียน role นี้ก่อนนำไปใช้งาน (ไม่ได้อ่านสิ่งที่เขียนนั้น)"
    ),
)


def _trust_not_written(mapped: Mapped) -> Mapped:
    """A role with no ``AssumeRolePolicyDocument``, which CloudFormation requires: the role
    deployed is what a macro (``Transform: ExecutionRoleBuilder`` of
    awslabs/aws-cloudformation-templates, whose roles carry ``Type: Lambda`` and
    ``Permissions:`` instead) or a build step writes, so who may assume it and any grant not
    already wide are not known. It PASSed GDCC-IAM-008 and GDCC-IAM-005 ("no trust
    statement", "no policy")."""
    facets = mapped.facets
    facets["public_access"] = None
    facets["public_grants"] = ()
    mapped.unknown["public_access"] = _TRUST_NOT_WRITTEN
    for name in ("wildcard_permissions", "admin_privileges"):
        if facets.get(name) is False:
            facets[name] = None
            mapped.unknown[name] = _TRUST_NOT_WRITTEN
    facets["permissions"] = None
    facets.pop("permissions_read", None)  # what the macro writes is not read either
    facets.pop("permissions_unread", None)
    return mapped


def _trust_reading(trust: Any) -> tuple[bool | None, tuple[str, ...]]:
    """Whether a role's trust policy lets anyone assume it, with the deciding statements."""
    document = policy_document(trust) if trust is not None else None
    listed = as_list(document.get("Statement")) if isinstance(document, Mapping) else None
    return either(
        public_statements(
            trust,
            "AssumeRolePolicyDocument",
            lambda s: subject_pinned(s, written_text, written_lead),
        ),
        # a pool of the template (!Ref IdentityPool) is that one pool
        federated_openings(
            listed or (), " in AssumeRolePolicyDocument", lambda v: isinstance(v, ResourceRef)
        ),
    )


def read_written_trust(items: list[Pending], resolver: Resolver | None = None) -> None:
    """A role whose trust is not known because a principal is ``Fn::Sub`` text over the
    template's own resources (``arn:aws:sts::${AWS::AccountId}:assumed-role/${FnRole}/fn``:
    the name of a role AWS makes in this account, never a wildcard) is read with that
    principal as written (``written_policy.written_principals``, as for bucket policies);
    so is a parameter that can never be ``*`` (an account id: ``AllowedPattern: ^\\d{12}$``
    or ``MinLength: 12``; ``resolver``: the template's); any other parameter or a custom
    resource's value in it still leaves it not known."""
    from gdcc_audit.normalize.cloudformation.written_policy import aws_made, written_principals

    named = aws_made(items)
    for item in items:
        facets = item.mapped.facets
        if item.provider_type != "AWS::IAM::Role" or facets.get("public_access", False) is not None:
            continue
        if item.mapped.unknown.get("public_access") is _TRUST_NOT_WRITTEN:
            continue
        document = written_principals(item, named, resolver, key="AssumeRolePolicyDocument")
        public, deciding = _trust_reading(document)
        if public is not None:
            facets["public_access"] = public
            facets["public_grants"] = deciding


_KEYS = ("AWS::KMS::Key", "AWS::KMS::ReplicaKey")


def read_written_key_policy(items: list[Pending], resolver: Resolver | None = None) -> None:
    """A KMS key whose key policy is not known to let no one else in because a principal is
    ``Fn::Sub`` text over the template's resources or over parameters that can never be ``*``
    (``arn:${AWS::Partition}:iam::${pLogArchiveAccountId}:root`` with an ``AllowedPattern``
    refusing ``*``: aws-security-reference-architecture-examples' delivery keys, GDCC-ENC-006
    UNKNOWN) is read with its principals as written, as a role's trust is
    (``written_policy.written_principals``); a parameter that may be ``*`` still leaves it
    not known."""
    from gdcc_audit.normalize.cloudformation.written_policy import aws_made, written_principals

    named = aws_made(items)
    for item in items:
        facets = item.mapped.facets
        if item.provider_type not in _KEYS or facets.get("public_access", False) is not None:
            continue
        document = written_principals(item, named, resolver, key="KeyPolicy")
        public = analyse(document).public if document is not None else None
        if public is not None:
            facets["public_access"] = public


#: A customer managed policy's ARN in this account: ``arn:${AWS::Partition}:iam::${AWS::
#: AccountId}:policy/PATH/NAME`` (the partition written or a pseudo parameter).
_OWN_POLICY = re.compile(
    r"arn:(?:\$\{AWS::Partition\}|aws[a-z-]*):iam::\$\{AWS::AccountId\}:policy/(.+)"
)


def name_template_policies(items: list[Pending]) -> None:
    """A user, role or group naming in ``ManagedPolicyArns`` the ARN of a customer managed
    policy of this account by name (``!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:
    policy/app-read"``) when the template creates the one ``AWS::IAM::ManagedPolicy`` with
    that ``ManagedPolicyName`` and ``Path``: it names that policy (a policy name is unique
    within a path of an account; a policy attaches only to principals of its own account), as
    a ``Ref`` to it would, so :func:`carry_managed` reads it (GDCC-IAM-005 / GDCC-GRAPH-006
    were UNKNOWN "managed policy ManagedPolicyArns[0]"). An account written as text, a name
    from a parameter, or no / two such policies stay not known."""
    policies: dict[tuple[str, str], list[str]] = {}
    managed: set[str] = set()
    for item in items:
        if item.provider_type != _MANAGED:
            continue
        managed.add(item.logical_id)
        name, path = item.props.get("ManagedPolicyName"), item.props.get("Path", "/")
        if isinstance(name, str) and isinstance(path, str):
            policies.setdefault((path, name), []).append(item.logical_id)
    if not managed:
        return
    for item in items:
        if item.provider_type not in _ATTACHED_TO.values():
            continue
        arns = item.props.get("ManagedPolicyArns")
        if not isinstance(arns, list):
            continue
        named = list(arns)
        written = item.raw.get("ManagedPolicyArns") if isinstance(item.raw, dict) else None
        for index, arn in enumerate(arns):
            own = _sub_of_policy(arn, written, index, managed)
            ids = [own] if own is not None else _named_policies(arn, policies)
            if len(ids) == 1:
                named[index] = ResourceRef(ids[0])
                item.references.append(
                    Reference(target=ids[0], attribute=f"ManagedPolicyArns.{index}")
                )
        item.props["ManagedPolicyArns"] = named


def _named_policies(arn: Any, policies: dict[tuple[str, str], list[str]]) -> list[str]:
    """The template's managed policies an ARN written by name in this account names."""
    found = _OWN_POLICY.fullmatch(arn.text) if isinstance(arn, PartialText) else None
    if found is None or "${" in found.group(1):
        return []
    *folders, name = found.group(1).split("/")
    return policies.get(("/" + "".join(f"{f}/" for f in folders), name), [])


#: ``${Policy.PolicyArn}`` or ``${Policy}`` alone: the ARN of a managed policy of the template.
_POLICY_ARN_SUB = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.PolicyArn)?\}")


def _sub_of_policy(arn: Any, written: Any, index: int, managed: set[str]) -> str | None:
    """The template's managed policy an entry not known is the ARN of, written
    ``!Sub "${Policy.PolicyArn}"`` (or ``${Policy}``: a managed policy's ``Ref`` is its ARN,
    AWS::IAM::ManagedPolicy return values), as ``!GetAtt Policy.PolicyArn`` is
    (aws-security-reference-architecture-examples' GuardDuty malware protection role: GDCC-
    IAM-005 / GRAPH-006 were UNKNOWN "managed policy ManagedPolicyArns[0]"); None otherwise."""
    if arn is not UNKNOWN or not isinstance(written, list) or index >= len(written):
        return None
    entry = written[index]
    sub = entry.get("Fn::Sub") if isinstance(entry, dict) and len(entry) == 1 else None
    found = _POLICY_ARN_SUB.fullmatch(sub) if isinstance(sub, str) else None
    return found.group(1) if found is not None and found.group(1) in managed else None


def iam_role(props: dict[str, Any]) -> Mapped:
    facts = analyse_all(_inline_documents(props), props.get("ManagedPolicyArns"))
    # Who may assume the role (GDCC-IAM-008): "*" not narrowed by a condition is anyone, and
    # so is GitHub Actions or Cognito not pinned to an owner or a pool (normalize.trust).
    trust = props.get("AssumeRolePolicyDocument")
    if trust is None or trust is NO_VALUE:
        return _trust_not_written(
            Mapped("identity.role", {**_facets(facts), **_permissions(props)})
        )
    public, deciding = _trust_reading(trust)
    return Mapped(
        "identity.role",
        {
            **_facets(facts),
            **_permissions(props),
            "public_access": public,
            "public_grants": deciding,
        },
    )


def iam_policy(props: dict[str, Any]) -> Mapped:
    document = props.get("PolicyDocument")
    return Mapped(
        "identity.policy",
        {**_facets(analyse(document)), "permissions": statements([document])},
    )


PROFILE = "AWS::IAM::InstanceProfile"


def link_profiles(items: list[Pending]) -> list[Pending]:
    """An instance naming an instance profile refers to the profile's roles instead (the
    profile itself is not a resource of its own)."""
    roles = {
        item.logical_id: [r for r in item.references if r.attribute.startswith("Roles")]
        for item in items if item.provider_type == PROFILE
    }
    if not roles:
        return items
    for item in items:
        extra = [
            Reference(target=role.target, attribute=ref.attribute)
            for ref in item.references if ref.target in roles
            for role in roles[ref.target]
        ]
        if extra:
            item.references = [r for r in item.references if r.target not in roles] + extra
    return [item for item in items if item.provider_type != PROFILE]


#: Properties of ``AWS::IAM::Policy`` / ``AWS::IAM::ManagedPolicy`` naming the principals the
#: policy is attached to, and the types of the template it may name there.
_ATTACHED_TO = {"Users": "AWS::IAM::User", "Roles": "AWS::IAM::Role", "Groups": "AWS::IAM::Group"}
_ATTACHING = frozenset({"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"})


def _up(current: Any, added: Any) -> bool | None:
    """A principal's fact with one more policy's: True wins, then not known, then False."""
    if current is True or added is True:
        return True
    return None if current is None or added is None else bool(current)


def carry_managed(items: list[Pending]) -> None:
    """A user or role naming managed policies of the template in ``ManagedPolicyArns``
    (``!Ref Policy``, ``!GetAtt Policy.PolicyArn``) holds what they grant: its facts are
    those of its own policies and of theirs (they were not known, GDCC-IAM-005 UNKNOWN). A
    reference to anything else leaves them not known."""
    by_id = {item.logical_id: item for item in items}
    for item in items:
        if item.provider_type not in _ATTACHED_TO.values():
            continue
        arns = as_list(item.props.get("ManagedPolicyArns"))
        refs = [a for a in arns or () if isinstance(a, ResourceRef)]
        if not refs:
            continue
        policies = [by_id.get(ref.target) for ref in refs]
        found = [p for p in policies if p is not None and p.provider_type == _MANAGED]
        if len(found) != len(policies):
            continue
        rest = [a for a in arns or () if not isinstance(a, ResourceRef)]
        facts = analyse_all(_inline_documents(item.props), rest)
        wildcard, admin = facts.wildcard, facts.admin
        for policy in found:
            wildcard = _up(wildcard, policy.mapped.facets.get("wildcard_permissions"))
            admin = _up(admin, policy.mapped.facets.get("admin_privileges"))
        facets = item.mapped.facets
        facets["wildcard_permissions"] = wildcard
        if item.provider_type == "AWS::IAM::User" and admin is False and item.props.get("Groups"):
            admin = None  # group membership can grant more (iam_user)
        facets["admin_privileges"] = admin
        if "permissions" in facets:
            # its own statements; the policies' are theirs, reached by reference (the graph)
            facets.pop("permissions_read", None)
            facets.pop("permissions_unread", None)
            facets.update(_permissions({**item.props, "ManagedPolicyArns": rest}))


_MANAGED = "AWS::IAM::ManagedPolicy"


def carry_attached(items: list[Pending]) -> None:
    """A policy resource attached to users or roles of the template (``Users``, ``Roles``)
    grants them what it grants: their ``admin_privileges`` and ``wildcard_permissions`` take
    its facts, as Terraform's ``aws_iam_user_policy`` / policy attachments do (a user given
    ``*`` on ``*`` by an ``AWS::IAM::Policy`` was judged as holding no privilege, GDCC-IAM-002
    PASS). The policy is still judged on its own."""
    by_id = {item.logical_id: item for item in items}
    for item in items:
        if item.provider_type not in _ATTACHING:
            continue
        facets = item.mapped.facets
        for ref in item.references:
            prop = ref.attribute.split(".", 1)[0]
            target = by_id.get(ref.target)
            if target is None or _ATTACHED_TO.get(prop) != target.provider_type:
                continue
            own = target.mapped.facets
            for name in ("admin_privileges", "wildcard_permissions"):
                own[name] = _up(own.get(name), facets.get(name))


GROUP = "AWS::IAM::Group"
ADDITION = "AWS::IAM::UserToGroupAddition"
_GRANTS = ("admin_privileges", "wildcard_permissions")
_NOT_KNOWN: dict[str, Any] = dict.fromkeys(_GRANTS)


def _named(item: Pending, prop: str, by_id: dict[str, Pending], kind: str) -> list[Pending]:
    found: list[Pending] = []
    for ref in item.references:
        target = by_id.get(ref.target)
        if (
            ref.attribute.split(".", 1)[0] == prop
            and target is not None
            and target.provider_type == kind
            and target not in found
        ):
            found.append(target)
    return found


def _groups_of(item: Pending, by_id: dict[str, Pending]) -> list[dict[str, Any]]:
    """The facets of each group a user's ``Groups`` names; a group not in the template (a
    name, an import, a parameter) grants what is not known."""
    listed = as_list(item.props.get("Groups"))
    groups = _named(item, "Groups", by_id, GROUP)
    found = [group.mapped.facets for group in groups]
    if listed is None or len(listed) > len(groups):
        found.append(_NOT_KNOWN)
    return found


def carry_groups(items: list[Pending]) -> list[Pending]:
    """A user holds what its groups grant: the groups its ``Groups`` names and those an
    ``AWS::IAM::UserToGroupAddition`` adds it to (a user added to a group holding
    ``AdministratorAccess`` was judged as holding no privilege, GDCC-IAM-002 PASS). The
    additions are folded into their users (not resources of their own). Run after
    :func:`carry_attached`, which gives the groups the policies attached to them."""
    by_id = {item.logical_id: item for item in items}
    held: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        if item.provider_type == "AWS::IAM::User" and item.props.get("Groups") is not None:
            held.setdefault(item.logical_id, []).extend(_groups_of(item, by_id))
        elif item.provider_type == ADDITION:
            groups = _named(item, "GroupName", by_id, GROUP)
            grant = groups[0].mapped.facets if groups else _NOT_KNOWN
            for user in _named(item, "Users", by_id, "AWS::IAM::User"):
                held.setdefault(user.logical_id, []).append(grant)
    for logical_id, grants in held.items():
        own = by_id[logical_id].mapped.facets
        for grant in grants:
            for name in _GRANTS:
                own[name] = _up(own.get(name), grant.get(name))
    return [item for item in items if item.provider_type != ADDITION]


def link_identities(items: list[Pending], resolver: Resolver | None = None) -> list[Pending]:
    """Instance profiles folded into their roles, managed and attached policies counted for
    their users, roles and groups, then groups' grants for their members (``resolver``: the
    template's, for the parameters a trust policy names)."""
    items = link_profiles(items)
    read_written_trust(items, resolver)
    read_written_key_policy(items, resolver)
    name_template_policies(items)
    carry_managed(items)
    carry_attached(items)
    return carry_groups(items)


def access_key(props: dict[str, Any]) -> Mapped:
    status = props.get("Status")
    return Mapped(
        "identity.access_key",
        {"enabled": default(status, True, lambda s: s == "Active" if is_known(s) else None)},
    )


def kms_key(props: dict[str, Any]) -> Mapped:
    """``AWS::KMS::Key``: automatic rotation exists only for symmetric keys whose material KMS
    generates (``absent.KMS_NOT_ROTATABLE``: an asymmetric or HMAC ``KeySpec`` or an
    ``EXTERNAL`` ``Origin`` is NOT_APPLICABLE, was FAIL "rotation is off")."""
    policy = analyse(props.get("KeyPolicy")) if props.get("KeyPolicy") is not None else None
    rotation = default(props.get("EnableKeyRotation"), False, as_bool)
    rotatable = kms_rotatable(props.get("KeySpec"), origin=props.get("Origin"))
    if rotatable is False or (rotatable is None and rotation is False):
        rotation = None
    return Mapped(
        "crypto.key",
        {
            "enabled": default(props.get("Enabled"), True, as_bool),
            "key_rotation": rotation,
            "customer_managed_key": True,
            "public_access": policy.public if policy else False,
        },
    )


def kms_replica_key(props: dict[str, Any]) -> Mapped:
    """``AWS::KMS::ReplicaKey``: rotated with its primary key (``absent.KMS_REPLICA_ROTATION``);
    ``Enabled`` defaults to true and ``KeyPolicy`` is required (docs.aws.amazon.com/
    AWSCloudFormation/latest/TemplateReference/aws-resource-kms-replicakey.html)."""
    policy = analyse(props.get("KeyPolicy")) if props.get("KeyPolicy") is not None else None
    return Mapped(
        "crypto.key",
        {
            "enabled": default(props.get("Enabled"), True, as_bool),
            "customer_managed_key": True,
            "public_access": policy.public if policy else False,
        },
    )


TYPES: dict[str, TypeMapper] = {
    "AWS::IAM::User": iam_user,
    GROUP: iam_group,
    ADDITION: kind_only("identity.user"),  # folded into the users it names (carry_groups)
    "AWS::IAM::Role": iam_role,
    "AWS::IAM::Policy": iam_policy,
    "AWS::IAM::ManagedPolicy": iam_policy,
    PROFILE: kind_only("identity.role"),  # folded into the instances that name it
    "AWS::IAM::AccessKey": access_key,
    "AWS::KMS::Key": kms_key,
    "AWS::KMS::ReplicaKey": kms_replica_key,
    # a data store's connection properties: judged for a password written in them, as
    # Terraform's aws_glue_connection (absent.GLUE_CONNECTION)
    "AWS::Glue::Connection": kind_only("crypto.secret"),
}
