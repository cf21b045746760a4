"""AWS resource policies that can open data to everyone: EFS file system policies, DynamoDB
resource policies, Secrets Manager secret policies, AWS Backup vault access policies,
OpenSearch / Elasticsearch domain access policies and S3 Glacier vault access policies.

A policy opens its target when an Allow statement names everyone (``Principal: "*"``,
``{"AWS": "*"}``, a wildcard principal ARN or ``NotPrincipal``) without a condition that limits
the callers (``policy.grants_public``, the same reading as S3 bucket, SQS, SNS, ECR and KMS
policies; Deny statements open nothing). The deciding statements are named in the target's
``public_grants`` (``statement "Sid" allows everyone by ADDRESS at FILE:LINE``), so GDCC-DATA-001
says which one to change; a policy that cannot be read leaves the target UNKNOWN, never PASS.

Without a policy each of these is private to the account's own IAM identities (documented
defaults, cited next to each reader): ``public_access`` False and ``public_grants`` empty (the
grants were read and none is public).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.aws_sharing import ECR_PUBLIC, layer_grant, layer_public
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.google_iam_policy import Grants, grant_merge
from gdcc_audit.normalize.terraform.keyed import customer_key
from gdcc_audit.normalize.terraform.policy import policy_value, public_statements
from gdcc_audit.normalize.terraform.values import block, blocks, flag

__all__ = ["COMPANIONS", "EXTRAS", "MAPPINGS", "bus_of", "policy_grants"]

NOT_PUBLIC = Grants(False)


def policy_grants(r: TfResource, attribute: str = "policy") -> Grants:
    """What the policy in ``attribute`` of ``r`` gives to everyone (absent: nothing)."""
    public, named = public_statements(policy_value(r, attribute))
    return Grants(public, named)


def _secret_policy_grants(r: TfResource) -> Grants:
    """``aws_secretsmanager_secret_policy``: with ``block_public_policy = true`` Secrets
    Manager refuses a policy that allows broad access (the apply fails; the secret keeps no
    such policy). It is false unless set: "By default, public policies aren't blocked"
    (Secrets Manager API reference, PutResourcePolicy, BlockPublicPolicy;
    registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret_policy)."""
    grants = policy_grants(r)
    blocked = flag(r.values, "block_public_policy", False)
    if grants.public is False or blocked is False:
        return grants
    if blocked is True:
        return NOT_PUBLIC
    return Grants(None, tuple(f"{g} (block_public_policy not known)" for g in grants.named))


def _search_open(values: Mapping[str, Any]) -> bool | None:
    """Whether a domain lets anyone who reaches its endpoint in under an open access policy:
    not in a VPC (``vpc_options``: only clients inside the VPC reach a VPC domain), and without
    fine-grained access control, which then asks every request for credentials of its own
    unless ``anonymous_auth_enabled``
    (docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html, "Open domain
    access policy and fine-grained access control"; ``advanced_security_options.enabled``
    defaults to false,
    registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain)."""
    vpc = block(values, "vpc_options")
    security = block(values, "advanced_security_options")
    if vpc is None or security is None:
        return None
    if vpc:
        return False
    fine_grained = flag(security, "enabled", False)
    if fine_grained is False:
        return True
    if fine_grained is None:
        return None
    return flag(security, "anonymous_auth_enabled", False)


def _within(grants: Grants, open_endpoint: bool | None) -> Grants:
    """A domain policy's grants, limited by who can reach the domain at all."""
    if grants.public is False or open_endpoint is True:
        return grants
    if open_endpoint is False:
        return NOT_PUBLIC
    why = "whether the endpoint is open to everyone is not known"
    return Grants(None, tuple(f"{g} ({why})" for g in grants.named))


def _inline(attribute: str, what: str) -> Callable[[TfResource, TfContext], dict[str, Any]]:
    """Facets of a resource whose own ``attribute`` holds its policy (none: private)."""

    def extra(r: TfResource, ctx: TfContext) -> dict[str, Any]:
        grants = policy_grants(r, attribute)
        return {"public_access": grants.public, "public_grants": grants.by(r, what)}

    return extra


def _private(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """A resource whose policy, if any, is a resource of its own (applied by a companion)."""
    return {"public_access": False, "public_grants": ()}


def _search_domain(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``aws_opensearch_domain`` / ``aws_elasticsearch_domain``: ``access_policies``. No
    policy: no resource-based policy names anyone, so only principals that the account's own
    identity-based policies allow can call the domain (OpenSearch Service developer guide,
    "Identity and Access Management in Amazon OpenSearch Service", types of policies)."""
    grants = _within(policy_grants(r, "access_policies"), _search_open(r.values))
    return {"public_access": grants.public, "public_grants": grants.by(r, "access_policies")}


def _companion(
    attribute: str,
    types: list[str],
    read: Callable[[TfResource], Grants],
    endpoint: bool = False,
) -> CompanionFn:
    """A policy resource folded into the resource ``attribute`` names: a grant to everyone
    makes it public and is named in its evidence. ``endpoint``: a search domain, public only
    when anyone can reach it (``_search_open``)."""

    def companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
        target = ctx.target_of(r, attribute, types)
        if target is None:
            return []
        grants = read(r)
        if endpoint:
            grants = _within(grants, _search_open(target.values))
        return [Contribution(target.address, r.address, merge=grant_merge(grants, r))]

    return companion


def _standalone(kind: str, read: Callable[[TfResource], Grants], endpoint: bool = False) -> MapFn:
    """A policy whose target is not in the scan, judged as that target for who it lets in (a
    search domain outside the scan may be open to everyone: its grants stay as written)."""

    def mapping(r: TfResource, ctx: TfContext) -> Mapped:
        grants = read(r)
        if endpoint and grants.public is True:
            named = tuple(f"{g} (the domain is not in the scan)" for g in grants.named)
            grants = Grants(None, named)
        return kind, Facets(public_access=grants.public, public_grants=grants.by(r))

    return mapping


def _policy(r: TfResource) -> Grants:
    return policy_grants(r)


def _access_policies(r: TfResource) -> Grants:
    return policy_grants(r, "access_policies")


def glacier_vault(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_glacier_vault``: a vault of S3 Glacier archives (kind ``backup.plan``: "backup
    plan, policy or vault"). Always encrypted: "Data at rest stored in S3 Glacier is
    automatically server-side encrypted using 256-bit Advanced Encryption Standard (AES-256)"
    with keys S3 Glacier manages; a vault has no setting for a key of the customer's
    (docs.aws.amazon.com/amazonglacier/latest/dev/DataEncryption.html). Its ``access_policy``
    is read like the other resource policies (none: only the account's IAM identities)."""
    grants = policy_grants(r, "access_policy")
    return "backup.plan", Facets(
        encrypted_at_rest=True,
        customer_managed_key=False,
        public_access=grants.public,
        public_grants=grants.by(r, "access_policy"),
    )


def ecrpublic_repository(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_ecrpublic_repository``: public by design (``aws_sharing.ECR_PUBLIC``); an
    ``aws_ecrpublic_repository_policy`` only grants pushing and is not read."""
    return "container.registry", Facets(
        public_access=True, public_grants=Grants(True, (ECR_PUBLIC,)).by(r)
    )


def layer_permission(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_lambda_layer_version_permission``: who may download a layer version
    (``aws_sharing.layer_public``), judged on its own as ``compute.image`` (a package of code
    and data that others use); the layer version itself is not mapped."""
    v = r.values
    principal, organization = v.get("principal"), v.get("organization_id")
    if principal is UNKNOWN or organization is UNKNOWN:
        grants = Grants(None, ("principal or organization_id not known",))
    elif layer_public(principal, organization):
        grants = Grants(True, (layer_grant(v.get("statement_id"), "the permission"),))
    else:
        grants = NOT_PUBLIC
    return "compute.image", Facets(public_access=grants.public, public_grants=grants.by(r))


_BUS = ["aws_cloudwatch_event_bus"]


def event_bus(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_cloudwatch_event_bus``: a custom or partner EventBridge bus (``messaging.topic``).
    Always encrypted at rest, with an AWS owned key unless ``kms_key_identifier`` names one
    (``defaults.EVENTBRIDGE_KEY_DOC``, labelled there). Who may use it: its
    ``aws_cloudwatch_event_bus_policy`` and ``aws_cloudwatch_event_permission`` resources
    (companions); none: the account alone ("The default event bus in your AWS account only
    allows events from one account", EventBridge user guide, eb-event-bus-perms)."""
    return "messaging.topic", Facets(
        encrypted_at_rest=True,
        customer_managed_key=customer_key(r.values, "kms_key_identifier"),
        public_access=False,
        public_grants=(),
    )


def bus_of(r: TfResource, ctx: TfContext) -> TfResource | None:
    """The bus of the scan that ``event_bus_name`` names: by reference, else by the same
    literal name written as a bus's ``name`` in the same module (None: the default bus, a bus
    outside the scan, or not known)."""
    bus = ctx.target_of(r, "event_bus_name", _BUS)
    if bus is not None:
        return bus
    name = r.values.get("event_bus_name")
    if not isinstance(name, str) or not name or ctx.is_ambiguous(r, "event_bus_name"):
        return None
    name = name.rsplit("/", 1)[-1]
    found = [
        b for b in ctx.by_type.get("aws_cloudwatch_event_bus", ())
        if b.module == r.module and b.values.get("name") == name
    ]
    return found[0] if len(found) == 1 else None


def _bus_companion(read: Callable[[TfResource], Grants]) -> CompanionFn:
    """A bus policy or permission folded into the bus of the scan it names (judged by
    GDCC-MSG-002 there, the deciding grant named); otherwise judged on its own (MAPPINGS)."""

    def companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
        bus = bus_of(r, ctx)
        if bus is None:
            return []
        return [Contribution(bus.address, r.address, merge=grant_merge(read(r), r))]

    return companion


def event_bus_policy(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_cloudwatch_event_bus_policy`` whose bus is not in the scan (the default bus, one
    made elsewhere): who may use it (send events to it, or manage rules that route its events
    elsewhere), read like an SNS topic policy and judged by GDCC-MSG-002 as the bus."""
    grants = policy_grants(r)
    return "messaging.topic", Facets(public_access=grants.public, public_grants=grants.by(r))


def _permission_grants(r: TfResource) -> Grants:
    """``aws_cloudwatch_event_permission``: ``principal = "*"`` lets every AWS account send
    events to the bus (``action`` "Defaults to ``events:PutEvents``") unless a ``condition``
    block limits it to an organization (registry.terraform.io/providers/hashicorp/aws/latest/
    docs/resources/cloudwatch_event_permission)."""
    v = r.values
    principal, condition = v.get("principal"), blocks(v, "condition")
    if principal is UNKNOWN or condition is None:
        return Grants(None, ("principal or condition not known",))
    if principal == "*" and not condition:
        sid = v.get("statement_id")
        name = f'permission "{sid}"' if isinstance(sid, str) and sid else "the permission"
        return Grants(True, (f'{name} allows every AWS account (principal "*")',))
    return NOT_PUBLIC


def event_permission(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_cloudwatch_event_permission`` whose bus is not in the scan
    (:func:`_permission_grants`)."""
    grants = _permission_grants(r)
    return "messaging.topic", Facets(public_access=grants.public, public_grants=grants.by(r))


_DOMAINS = ["aws_opensearch_domain", "aws_elasticsearch_domain"]
_KEYS = ["aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key"]

#: Facets of the targets (filled where their provider module left them unknown). No policy:
#: EFS applies its default policy (clients that reach a mount target, in the VPC: see
#: ``policy_conditions.NETWORK_BOOLEANS``); DynamoDB tables, secrets and backup vaults are
#: reachable only by the account's IAM identities
#: (docs.aws.amazon.com/amazondynamodb/latest/developerguide/access-control-resource-based.html;
#: docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html;
#: docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault-access-policy.html).
EXTRAS: dict[str, Callable[[TfResource, TfContext], dict[str, Any]]] = {
    "aws_efs_file_system": _private,
    "aws_dynamodb_table": _private,
    # a replica takes a resource policy of its own (aws_dynamodb_resource_policy naming the
    # replica's ARN); without one only the account's IAM identities get in, as for a table
    "aws_dynamodb_table_replica": _private,
    "aws_backup_vault": _private,
    # an MSK cluster without a cluster policy: only the account's IAM identities
    "aws_msk_cluster": _private,
    "aws_msk_serverless_cluster": _private,
    "aws_secretsmanager_secret": _inline("policy", "policy"),
    # no policy: the default key policy, which gives the account (its IAM identities) access
    # (docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html)
    "aws_kms_replica_key": _inline("policy", "policy"),
    "aws_kms_external_key": _inline("policy", "policy"),
    "aws_opensearch_domain": _search_domain,
    "aws_elasticsearch_domain": _search_domain,
}

COMPANIONS: dict[str, CompanionFn] = {
    "aws_efs_file_system_policy": _companion("file_system_id", ["aws_efs_file_system"], _policy),
    "aws_dynamodb_resource_policy": _companion(
        "resource_arn", ["aws_dynamodb_table", "aws_dynamodb_table_replica"], _policy
    ),
    "aws_secretsmanager_secret_policy": _companion(
        "secret_arn", ["aws_secretsmanager_secret"], _secret_policy_grants
    ),
    "aws_backup_vault_policy": _companion("backup_vault_name", ["aws_backup_vault"], _policy),
    "aws_msk_cluster_policy": _companion(
        "cluster_arn", ["aws_msk_cluster", "aws_msk_serverless_cluster"], _policy
    ),
    "aws_opensearch_domain_policy": _companion(
        "domain_name", _DOMAINS, _access_policies, endpoint=True
    ),
    "aws_elasticsearch_domain_policy": _companion(
        "domain_name", _DOMAINS, _access_policies, endpoint=True
    ),
    # the key policy of a key (it replaces the key's own ``policy``: "a key policy ... can be
    # set on an existing key with aws_kms_key_policy", registry.terraform.io/providers/
    # hashicorp/aws/latest/docs/resources/kms_key_policy)
    "aws_kms_key_policy": _companion("key_id", _KEYS, _policy),
    "aws_cloudwatch_event_bus_policy": _bus_companion(_policy),
    "aws_cloudwatch_event_permission": _bus_companion(_permission_grants),
}

#: The same policies when their target is not in the scan, and S3 Glacier vaults (their
#: policy is inline).
MAPPINGS: dict[str, MapFn] = {
    "aws_glacier_vault": glacier_vault,
    "aws_ecrpublic_repository": ecrpublic_repository,
    "aws_cloudwatch_event_bus": event_bus,
    "aws_cloudwatch_event_bus_policy": event_bus_policy,
    "aws_cloudwatch_event_permission": event_permission,
    "aws_lambda_layer_version_permission": layer_permission,
    "aws_efs_file_system_policy": _standalone("storage.file_share", _policy),
    "aws_dynamodb_resource_policy": _standalone("database.instance", _policy),
    "aws_secretsmanager_secret_policy": _standalone("crypto.secret", _secret_policy_grants),
    "aws_backup_vault_policy": _standalone("backup.plan", _policy),
    "aws_msk_cluster_policy": _standalone("messaging.queue", _policy),
    "aws_opensearch_domain_policy": _standalone("database.instance", _access_policies, True),
    "aws_elasticsearch_domain_policy": _standalone(
        "database.instance", _access_policies, True
    ),
    "aws_kms_key_policy": _standalone("crypto.key", _policy),
}
