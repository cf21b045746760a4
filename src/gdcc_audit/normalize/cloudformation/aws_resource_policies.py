"""CloudFormation resource policies that can open data to everyone (as Terraform's
``terraform/aws_resource_policies``): an EFS ``FileSystemPolicy``, a DynamoDB table's
``ResourcePolicy`` (and its stream's), a Backup vault's ``AccessPolicy``, a search domain's
``AccessPolicies`` and ``AWS::SecretsManager::ResourcePolicy``.

A statement that allows everyone without a condition limiting the callers makes the store
public (``policy.public_statements``; Deny statements open nothing), and is named in
``public_grants``; a policy that cannot be read leaves it UNKNOWN. No policy: private to the
account's IAM identities (defaults cited in ``terraform/aws_resource_policies``).
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.policy import public_statements
from gdcc_audit.normalize.cloudformation.types import Mapped, default
from gdcc_audit.normalize.cloudformation.values import as_bool, dig

__all__ = [
    "POLICY_RESOURCES",
    "fold_grants",
    "fold_policy_resource",
    "fold_secret_policy",
    "policy_facets",
    "search_facets",
    "secret_policy",
]


def policy_facets(*documents: tuple[Any, str]) -> dict[str, Any]:
    """``public_access`` and ``public_grants`` of the (document, property name) pairs."""
    public: bool | None = False
    named: list[str] = []
    for document, where in documents:
        verdict, grants = public_statements(document, where)
        named.extend(grants)
        if verdict is True or public is True:
            public = True
        elif verdict is None:
            public = None
    return {"public_access": public, "public_grants": tuple(named)}


def _search_open(props: dict[str, Any]) -> bool | None:
    """Whether anyone who reaches a search domain gets in under an open policy: not in a VPC
    (``VPCOptions``), and fine-grained access control off (``AdvancedSecurityOptions.Enabled``,
    false by default) or letting anonymous requests in (``AnonymousAuthEnabled``)."""
    if props.get("VPCOptions") is not None:
        return False
    fine_grained = default(dig(props, "AdvancedSecurityOptions", "Enabled"), False, as_bool)
    if fine_grained is not True:
        return None if fine_grained is None else True
    anonymous = default(
        dig(props, "AdvancedSecurityOptions", "AnonymousAuthEnabled"), False, as_bool
    )
    return None if anonymous is None else bool(anonymous)


def search_facets(props: dict[str, Any]) -> dict[str, Any]:
    """A search domain's ``AccessPolicies``, limited by who can reach the domain."""
    facets = policy_facets((props.get("AccessPolicies"), "AccessPolicies"))
    reach = _search_open(props)
    if facets["public_access"] is False or reach is True:
        return facets
    if reach is False:
        return {"public_access": False, "public_grants": ()}
    return {
        "public_access": None,
        "public_grants": tuple(
            f"{g} (whether the endpoint is open to everyone is not known)"
            for g in facets["public_grants"]
        ),
    }


def _secret_grants(props: dict[str, Any], where: str) -> dict[str, Any]:
    """``ResourcePolicy`` with ``BlockPublicPolicy``: true makes Secrets Manager refuse a policy
    that allows broad access (the stack fails; no such policy is in place). Not written: false
    ("By default, public policies aren't blocked", Secrets Manager API reference,
    PutResourcePolicy; the CloudFormation reference says the opposite, so the reading that
    cannot hide a public secret is kept)."""
    facets = policy_facets((props.get("ResourcePolicy"), where))
    blocked = default(props.get("BlockPublicPolicy"), False, as_bool)
    if facets["public_access"] is False or blocked is False:
        return facets
    if blocked is True:
        return {"public_access": False, "public_grants": ()}
    return {
        "public_access": None,
        "public_grants": tuple(
            f"{g} (BlockPublicPolicy not known)" for g in facets["public_grants"]
        ),
    }


def secret_policy(props: dict[str, Any]) -> Mapped:
    """``AWS::SecretsManager::ResourcePolicy`` whose secret is not in the template, judged as
    that secret for who it lets in."""
    return Mapped("crypto.secret", _secret_grants(props, "ResourcePolicy"))


def fold_secret_policy(item: Pending, secret: Pending | None) -> bool:
    """Add a secret policy's grants to the template's secret it names (``SecretId``); True
    when folded (the policy is then not listed on its own)."""
    if secret is None or secret.provider_type != "AWS::SecretsManager::Secret":
        return False
    where = item.logical_id if item.at is None else f"{item.logical_id} at {item.at}"
    return fold_grants(item, secret, _secret_grants(item.props, where))


#: A policy resource type -> (the property naming its target, the target's type, the
#: property holding the policy document).
POLICY_RESOURCES = {
    "AWS::MSK::ClusterPolicy": ("ClusterArn", "AWS::MSK::Cluster", "Policy"),
}


def fold_policy_resource(item: Pending, target: Pending | None) -> bool:
    """Add the grants of a policy resource (``POLICY_RESOURCES``) to the template's resource it
    names; True when folded (the policy is then not listed on its own)."""
    _, target_type, prop = POLICY_RESOURCES[item.provider_type]
    if target is None or target.provider_type != target_type:
        return False
    where = item.logical_id if item.at is None else f"{item.logical_id} at {item.at}"
    return fold_grants(item, target, policy_facets((item.props.get(prop), where)))


def fold_grants(item: Pending, target: Pending, grants: dict[str, Any]) -> bool:
    """Add ``grants`` (``public_access``, ``public_grants``) of the policy ``item`` to
    ``target``: a grant to everyone makes it public, one not known leaves it unknown."""
    facets = target.mapped.facets
    if grants["public_grants"]:
        facets["public_grants"] = (*(facets.get("public_grants") or ()), *grants["public_grants"])
    if facets.get("public_access") is not True and grants["public_access"] is not False:
        facets["public_access"] = grants["public_access"]
    target.references.append(Reference(target=item.logical_id, attribute="policy"))
    target.merged_from.append(item.logical_id)
    return True

