"""AWS identity and keys: IAM users, roles, policies, access keys, KMS keys."""

from __future__ import annotations

from typing import Any

from gdcc_audit.normalize.cloudformation.policy import PolicyFacts, analyse, analyse_all
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, default
from gdcc_audit.normalize.cloudformation.values import as_bool, as_list, dig, is_known


def _inline_documents(props: dict[str, Any]) -> list[Any] | None:
    policies = as_list(props.get("Policies"))
    if policies is None:
        return None
    return [dig(p, "PolicyDocument") for p in policies]


def _facets(facts: PolicyFacts) -> dict[str, Any]:
    return {"wildcard_permissions": facts.wildcard, "admin_privileges": facts.admin}


def iam_user(props: dict[str, Any]) -> Mapped:
    facts = analyse_all(_inline_documents(props), props.get("ManagedPolicyArns"))
    facets = _facets(facts)
    # Group membership can grant more: an absence of admin rights here is not a proof.
    if facets["admin_privileges"] is False and props.get("Groups"):
        facets["admin_privileges"] = None
    return Mapped("identity.user", facets)


def iam_role(props: dict[str, Any]) -> Mapped:
    facts = analyse_all(_inline_documents(props), props.get("ManagedPolicyArns"))
    return Mapped("identity.role", _facets(facts))


def iam_policy(props: dict[str, Any]) -> Mapped:
    return Mapped("identity.policy", _facets(analyse(props.get("PolicyDocument"))))


def access_key(props: dict[str, Any]) -> Mapped:
    status = props.get("Status")
    return Mapped(
        "identity.access_key",
        {"enabled": default(status, True, lambda s: s == "Active" if is_known(s) else None)},
    )


def kms_key(props: dict[str, Any]) -> Mapped:
    policy = analyse(props.get("KeyPolicy")) if props.get("KeyPolicy") is not None else None
    spec = props.get("KeySpec")
    symmetric = spec is None or spec == "SYMMETRIC_DEFAULT"
    return Mapped(
        "crypto.key",
        {
            "enabled": default(props.get("Enabled"), True, as_bool),
            # Automatic rotation exists for symmetric keys only.
            "key_rotation": default(props.get("EnableKeyRotation"), False, as_bool)
            if symmetric
            else False,
            "customer_managed_key": True,
            "public_access": policy.public if policy else False,
        },
    )


TYPES: dict[str, TypeMapper] = {
    "AWS::IAM::User": iam_user,
    "AWS::IAM::Role": iam_role,
    "AWS::IAM::Policy": iam_policy,
    "AWS::IAM::ManagedPolicy": iam_policy,
    "AWS::IAM::AccessKey": access_key,
    "AWS::KMS::Key": kms_key,
}
