"""Whether a DynamoDB table or replica accepts only TLS (``normalize/dynamodb_transport.py``):
the ``aws_dynamodb_resource_policy`` resources whose ``resource_arn`` names it (the table's
``arn``, or its ``stream_arn`` for the stream's policy) must deny ``aws:SecureTransport``
false, for the table and, when ``stream_enabled``, for its stream too."""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.normalize.dynamodb_transport import (
    DEFAULT,
    REPLICAS_NOT_READ,
    STREAMED_DEFAULT,
    covers_table,
    https_only,
    policy_not_placed,
)
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.keyed import Table, key_reader
from gdcc_audit.normalize.terraform.policy import policy_value
from gdcc_audit.normalize.terraform.values import blocks, flag, text

POLICY = "aws_dynamodb_resource_policy"
_TARGETS = ("aws_dynamodb_table", "aws_dynamodb_table_replica")


def encrypted_in_transit(r: TfResource, ctx: TfContext) -> bool | None:
    """GDCC-ENC-004 for a table or replica: True only when its resource policy (and its
    stream's, when a stream is on) denies requests without TLS; False (noted as the
    service's default behaviour) when none does."""
    policies: list[Any] = []
    untold: list[str] = []
    computed: list[bool | None] = []
    for policy in ctx.related([POLICY]):
        target = ctx.target_of(policy, "resource_arn", _TARGETS)
        if target is r:
            policies.append(policy_value(policy))
            computed.append(_computed_is_own(policy, r, ctx))
        elif target is None:
            untold.append(policy.address)
    # a table has one policy and its stream another (the references do not tell which ARN a
    # policy names): a stream that is on, or may be, needs a second policy denying too
    streamed = r.type == "aws_dynamodb_table" and (
        flag(r.values, "stream_enabled", False) is not False
    )
    wanted = 2 if streamed else 1
    own = computed[0] if computed and all(c is computed[0] for c in computed) else None
    covers = covers_table(text(r.values, "name"), own)
    found = https_only([*policies, *[None] * (wanted - len(policies))], covers)
    if found is False and untold:
        # a policy of the scan whose table cannot be told may be this table's
        ctx.note(r, "encrypted_in_transit", None, unknown=policy_not_placed(untold[0]))
        return None
    if found is False:
        ctx.note(r, "encrypted_in_transit", False, STREAMED_DEFAULT if streamed else DEFAULT)
    elif found is True and blocks(r.values, "replica") != []:
        # each replica is a table of its own in another Region, with a policy of its own
        ctx.note(r, "encrypted_in_transit", None, unknown=REPLICAS_NOT_READ)
        return None
    return found


def _computed_is_own(policy: TfResource, table: TfResource, ctx: TfContext) -> bool | None:
    """Whether the ARNs computed at apply time in a table's resource policy are that table's:
    the DynamoDB tables its ``policy`` refers to (directly or through an
    ``aws_iam_policy_document``) are this table only (True), or other tables only (False:
    "the policy takes effect only if the specified ARN matches" the table's,
    ``dynamodb_transport.RESOURCE_DOC``); None otherwise."""
    targets: list[TfResource | None] = []
    for ref in policy.references:
        if ref.attribute.split(".", 1)[0] != "policy":
            continue
        found = ctx.resolve(policy, ref.target)
        if found is not None and found.mode == "data":
            targets.extend(ctx.resolve(found, inner.target) for inner in found.references)
        else:
            targets.append(found)
    tables = [t for t in targets if t is not None and t.type in _TARGETS]
    if not tables:
        return None
    if all(t is table for t in tables):
        return True
    return False if all(t is not table for t in tables) else None


#: A replica's key (``kms_key_arn``; none: the AWS owned key), as the other keyed tables.
_REPLICA = Table("database.instance", cmk=key_reader("kms_key_arn"))


def replica(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_dynamodb_table_replica``: a table of its own in another Region, reached on that
    Region's endpoints (its own resource policy decides TLS only)."""
    kind, facets = _REPLICA(r, ctx)
    return kind, facets.model_copy(update={"encrypted_in_transit": encrypted_in_transit(r, ctx)})


MAPPINGS: dict[str, MapFn] = {"aws_dynamodb_table_replica": replica}
