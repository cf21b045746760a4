"""What an AWS permission grant lets its holder do to the resource it names.

The identity blast radius (GDCC-GRAPH-006, ``ResourceGraph.blast_radius``) walks from an
identity through its policies to the resources their statements name. What it may do next
depends on the actions, not on the reference alone: a role allowed only
``autoscaling:CompleteLifecycleAction`` on an Auto Scaling group acts on the group, but it
does not get the credentials of the instances the group launches. Each statement's actions
fall in one of three classes (the strongest wins):

- :data:`ACT_AS` -- the holder becomes the target identity, or runs code that has the
  target's identity (the role of an instance, function, task or stack): passing or assuming
  a role, creating credentials for a user, rewriting an identity's policies or trust, and
  the actions that launch or change compute that runs with a role (``ec2:RunInstances``
  "must have permission to launch EC2 instances and permission to pass IAM roles": AWS EC2
  User Guide, "Grant permissions to attach an IAM role to an instance",
  docs.aws.amazon.com/AWSEC2/latest/UserGuide/permission-to-pass-iam-roles.html; any one of
  them is enough here, the other may be granted by a policy the scan does not show). The
  walk goes on through the target: what it refers to (a launch template, an instance
  profile's role) and what that role's policies grant.
- :data:`DATA` -- reads or writes the data of a store (objects, items, messages, records,
  secret values, log events, keys' cryptographic use). The store is reached; its own
  identities are not (``s3:GetObject`` on a bucket does not give its replication role).
  Reading a secret's value gives whatever credential it holds: the walk goes on through a
  secret (``crypto.secret``).
- :data:`CONTROL` -- any other action: describing, listing, tagging, scaling, lifecycle
  callbacks (``CompleteLifecycleAction`` "completes the lifecycle action for the specified
  token or instance with the specified result": EC2 Auto Scaling API Reference). The target
  is reached (the identity can act on it), the walk stops there.

Actions are matched with :meth:`PolicyStatement.allows` (IAM patterns: ``*``, ``iam:Pass*``,
``NotAction``), the matcher GDCC-GRAPH-014 uses. A statement whose actions are not known
(a variable, an intrinsic) is :data:`UNKNOWN`: the walk does not follow it and the identity
is named as one whose permissions are not known (never PASS on it).
"""

from __future__ import annotations

import fnmatch
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from gdcc_audit.graph import arns, iam_services, kube
from gdcc_audit.load.terraform_model import AWS_ID_TEXT
from gdcc_audit.models.resource import PolicyStatement, Resource, wildcard_action

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph


class Reach(IntEnum):
    """What a grant lets its holder do to a target; a larger value is stronger."""

    NONE = 0  # no Allow statement names it (a Deny, a trust policy principal...)
    CONTROL = 1
    DATA = 2
    ACT_AS = 3
    UNKNOWN = 4  # the actions are not known: may be any of the above
    #: the target is a role the holder may pass to some services only (``iam:PassedToService``)
    #: and its trust policy is not read: whether one of them may assume it is not known
    TRUST_UNKNOWN = 5


NONE, CONTROL, DATA, ACT_AS, UNKNOWN = Reach.NONE, Reach.CONTROL, Reach.DATA, Reach.ACT_AS, (
    Reach.UNKNOWN
)
TRUST_UNKNOWN = Reach.TRUST_UNKNOWN

#: Actions that let the holder become an identity or run code with one (see the module
#: docstring). IAM and STS actions act on identities; the others on the compute they name.
ACT_AS_ACTIONS: tuple[str, ...] = (
    # pass or assume a role; credentials of a user
    "iam:PassRole", "sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML",
    "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    # rewrite what an identity may do, or who may assume it
    "iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:PutUserPolicy", "iam:AttachUserPolicy",
    "iam:PutGroupPolicy", "iam:AttachGroupPolicy", "iam:AddUserToGroup",
    "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:UpdateAssumeRolePolicy",
    "iam:AddRoleToInstanceProfile",
    # launch or change compute that runs with a role, or run commands on it
    "ec2:RunInstances", "ec2:ModifyInstanceAttribute", "ec2:CreateLaunchTemplateVersion",
    "ec2:ModifyLaunchTemplate", "ec2:AssociateIamInstanceProfile",
    "ec2:ReplaceIamInstanceProfileAssociation", "ssm:SendCommand", "ssm:StartSession",
    "ec2-instance-connect:SendSSHPublicKey", "ec2-instance-connect:SendSerialConsoleSSHPublicKey",
    "autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup",
    "autoscaling:CreateLaunchConfiguration",
    "lambda:CreateFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
    "ecs:RunTask", "ecs:StartTask", "ecs:RegisterTaskDefinition", "ecs:CreateService",
    "ecs:UpdateService", "ecs:ExecuteCommand",
    "cloudformation:CreateStack", "cloudformation:UpdateStack",
    "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet",
    "codebuild:CreateProject", "codebuild:UpdateProject", "codebuild:StartBuild",
    "glue:CreateJob", "glue:UpdateJob", "glue:CreateDevEndpoint", "glue:UpdateDevEndpoint",
    "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl",
    "sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob",
    "states:CreateStateMachine", "states:UpdateStateMachine",
    "batch:SubmitJob", "batch:RegisterJobDefinition",
    "eks:CreateNodegroup", "eks:UpdateNodegroupConfig",
)  # fmt: skip

#: Actions that read or write the data of a store.
DATA_ACTIONS: tuple[str, ...] = (
    "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:DeleteObject",
    "s3:DeleteObjectVersion", "s3:ListBucket", "s3:ListBucketVersions", "s3:RestoreObject",
    "s3:ReplicateObject",
    "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan",
    "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
    "dynamodb:PartiQLSelect", "dynamodb:GetRecords",
    "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:PurgeQueue",
    "sns:Publish", "kinesis:PutRecord", "kinesis:PutRecords", "kinesis:GetRecords",
    "firehose:PutRecord", "firehose:PutRecordBatch",
    "logs:PutLogEvents", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:DeleteLogGroup",
    "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
    "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:PutParameter",
    "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom",
    "rds-db:connect", "rds-data:ExecuteStatement", "redshift-data:ExecuteStatement",
    "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite",
    "es:ESHttpGet", "es:ESHttpPut", "es:ESHttpPost", "es:ESHttpDelete",
    "ecr:BatchGetImage", "ecr:PutImage", "lambda:InvokeFunction",
    "glacier:InitiateJob", "timestream:Select", "athena:StartQueryExecution",
)  # fmt: skip

#: Reading a secret's value gives the credential it holds: the walk goes on through it.
_CREDENTIAL_STORES = frozenset({"crypto.secret"})


def classify(statement: PolicyStatement) -> Reach:
    """The strongest thing the statement's actions let its holder do to what it names."""
    return _classified(statement.actions, statement.not_action)


@functools.lru_cache(maxsize=4096)
def _classified(actions: tuple[str, ...], not_action: bool) -> Reach:
    """:func:`classify` of a statement with these actions: a function of them alone, so
    found once per action list (aws-cloudformation-templates classified the same lists
    11,404 times, matching 3.5 million action patterns, most of its scan)."""
    statement = PolicyStatement(actions=actions, not_action=not_action)
    if any(statement.allows(action) for action in ACT_AS_ACTIONS):
        return ACT_AS
    if any(statement.allows(action) for action in DATA_ACTIONS):
        return DATA
    return CONTROL if statement.actions or statement.not_action else NONE


def follows(reach: Reach, target: Resource) -> bool:
    """Whether the walk goes on through a target reached with ``reach``."""
    return reach is ACT_AS or (reach is DATA and target.kind in _CREDENTIAL_STORES)


def raw_statement(attributes: Mapping[str, Any], path: str) -> Mapping[str, Any] | None:
    """The written policy statement a reference's attribute path lies in (CloudFormation
    keeps each resource's properties as written: ``Policies.0.PolicyDocument.Statement.3.
    Resource``); None when the path does not go through a statement."""
    node: Any = attributes
    inside = False  # past a ``Statement`` key: the first mapping with a statement key is it
    for part in path.split("."):
        if isinstance(node, Mapping):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
        inside = inside or part == "Statement"
        # (a statement in ``Fn::If`` is reached through the condition's branches)
        if inside and isinstance(node, Mapping) and _STATEMENT_KEYS.intersection(node):
            return node
    return None


_STATEMENT_KEYS = frozenset({"Effect", "Action", "NotAction", "Resource", "NotResource"})


def written_reach(statement: Mapping[str, Any]) -> Reach:
    """What a written statement grants on what it names: NONE for a Deny, UNKNOWN when its
    effect or actions are not plain text (a parameter, a condition)."""
    effect = statement.get("Effect", "Allow")
    if not isinstance(effect, str):
        return UNKNOWN
    if effect.lower() != "allow":
        return NONE
    negated = "NotAction" in statement
    actions = _texts(statement.get("NotAction" if negated else "Action"))
    if actions is None:
        return UNKNOWN
    return classify(PolicyStatement(actions=tuple(actions), not_action=negated))


def _texts(value: Any) -> list[str] | None:
    items = value if isinstance(value, list) else [value]
    return [v for v in items if isinstance(v, str)] if all(
        isinstance(v, str) for v in items
    ) else None


def strongest(found: Iterable[Reach]) -> Reach:
    """The strongest reach of several grants on one target: UNKNOWN (or TRUST_UNKNOWN, when
    only a role's trust is not known) only when no known one is ACT_AS (a known ACT_AS
    already gives the most a grant can)."""
    values = list(found)
    known = [r for r in values if r < UNKNOWN]
    best = max(known, default=NONE)
    if best is ACT_AS or len(known) == len(values):
        return best
    return UNKNOWN if UNKNOWN in values else TRUST_UNKNOWN


def statements_naming(
    statements: Sequence[PolicyStatement], names: Iterable[str]
) -> tuple[list[PolicyStatement], list[PolicyStatement]]:
    """The statements whose resources name one of ``names`` (``ref:`` entries of the scan's
    resources), and those that may name anything (``*``, an ARN, an ARN computed at apply
    time, resources not known)."""
    wanted = set(names)
    named: list[PolicyStatement] = []
    maybe: list[PolicyStatement] = []
    for statement in statements:
        if statement.resources is None:
            maybe.append(statement)
            continue
        refs = [r[4:].split("/", 1)[0] for r in statement.resources if r.startswith("ref:")]
        if wanted.intersection(refs):
            named.append(statement)
        elif len(refs) < len(statement.resources):
            maybe.append(statement)
    return named, maybe


# -- an AWS identity's grants, edge by edge -----------------------------------------------

_HOLDERS = frozenset({"identity.role", "identity.policy", "identity.user", "identity.group"})
_PRINCIPALS = frozenset({"identity.role", "identity.user", "identity.group"})
#: Attributes that hold a policy document: a reference there is a grant's target; any
#: other reference of a policy to a principal attaches it (CloudFormation ``Roles``,
#: Terraform ``role``...).
_DOCUMENT = frozenset({"PolicyDocument", "Policies", "policy", "inline_policy", "Statement"})
#: A role's trust policy names who may assume it, not what it reaches.
_TRUST = frozenset({"AssumeRolePolicyDocument", "assume_role_policy"})
#: "Policies used as permissions boundaries don't provide permissions" (IAM User Guide,
#: "Permissions boundaries for IAM entities";
#: docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
_BOUNDARY = frozenset({"PermissionsBoundary", "permissions_boundary"})


def is_aws_holder(resource: Resource) -> bool:
    """Whether the walk reads ``resource``'s grants statement by statement: an AWS IAM
    role, policy, user or group of a configuration (a tenant manifest declares its grants
    without actions: all are followed)."""
    return (
        resource.kind in _HOLDERS and resource.provider == "aws"
        and resource.origin != "gdcc-tenant"
    )


def is_wildcard(statement: PolicyStatement) -> bool:
    """Whether the statement allows actions by wildcard (``s3:Get*``) or by ``NotAction``."""
    return statement.not_action or any(wildcard_action(a) for a in statement.actions)


def is_broad(statement: PolicyStatement) -> bool:
    """Whether a wildcard statement may act on anything of the account: ``NotAction``,
    every service (``*``, ``s*:Get*``), or resources ``*``, computed at apply time or not
    known. A wildcard limited to named resources (``s3:Get*`` on a bucket's ARN) is not:
    the walk follows it to what it names."""
    if not is_wildcard(statement) or _describes_written(statement):
        return False
    if statement.not_action or statement.resources is None:
        return True
    if any(":" not in a or wildcard_action(a.split(":", 1)[0]) for a in statement.actions):
        return True
    return any(r in ("*", "<unknown>") for r in statement.resources)


def service_wide(statement: PolicyStatement) -> frozenset[str] | None:
    """The IAM services a broad wildcard statement (:func:`is_broad`) is limited to, when it
    reaches every resource of those services and nothing else: ``s3:Get*``, ``s3:List*`` on
    ``*`` (the managed policy ``AmazonS3ReadOnlyAccess``) acts on buckets and objects, not on
    a queue or a database (an action of a service prefix names only the resource types that
    service defines: Service Authorization Reference, "Actions, resources, and condition keys
    for AWS services"). None for any other statement: ``NotAction``, an action whose service
    is a wildcard (``*``, ``*:Get*``, ``s*:List*``), or one whose actions may act as an
    identity (:data:`ACT_AS_ACTIONS`: ``iam:*``, ``ec2:*``, ``lambda:*``, ``ssm:*``,
    ``sts:AssumeRole`` on ``*``: passing or assuming a role, launching or changing compute
    that runs with one, gives what any role of the account allows, so they reach
    everything)."""
    if not is_broad(statement) or statement.not_action:
        return None
    if any(":" not in a or wildcard_action(a.split(":", 1)[0]) for a in statement.actions):
        return None
    if classify(statement) is ACT_AS:
        return None
    # (a describe / list action beside them reaches nothing: ec2:Describe* does not make it
    # every EC2 resource)
    return frozenset(arns.services(
        a for a in statement.actions if not (_metadata(a) or agent_channel(a))
    )) or None


def everything(statement: PolicyStatement) -> bool:
    """Whether a statement may act on every resource of the account: broad
    (:func:`is_broad`) and not limited to the resources of a few services
    (:func:`service_wide`)."""
    return is_broad(statement) and service_wide(statement) is None


#: Services whose actions name no resource: the Systems Manager agent's message channels
#: ("Amazon Message Gateway Service" ``ssmmessages``, "Amazon Message Delivery Service"
#: ``ec2messages``: each "does not support specifying a resource ARN in the Resource element
#: of an IAM policy statement", Service Authorization Reference). An instance's agent opens
#: its own channels with them (AmazonSSMManagedInstanceCore): ``ssmmessages:*`` on ``*``
#: reaches no resource of the scan, as a describe wildcard does not.
AGENT_CHANNELS = frozenset({"ssmmessages", "ec2messages"})


def agent_channel(action: str) -> bool:
    """Whether an action (pattern) is of a service of :data:`AGENT_CHANNELS`."""
    return ":" in action and action.split(":", 1)[0].lower() in AGENT_CHANNELS


def describes_only(statement: PolicyStatement) -> bool:
    """Whether every wildcard action of the statement only describes or lists
    (``ec2:Describe*``, ``elasticloadbalancing:Describe*``): actions of access level "List"
    or "Read" that show what exists and how it is configured (Service Authorization
    Reference, "Actions, resources, and condition keys for AWS services", access levels:
    docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
    Such a wildcard on ``*`` does not reach every resource; a pattern that also matches an
    action reading or writing data or acting as an identity (``s3:List*`` matches
    ``s3:ListBucket``; ``s3:Get*``, ``ssm:GetParameter*``, ``kms:Decrypt`` are no
    describe or list actions) is not one (:func:`_metadata`). The agent's message channels
    (``ssmmessages:*``, ``ec2messages:*``: :data:`AGENT_CHANNELS`) reach nothing either."""
    if statement.not_action:
        return False
    wild = [a for a in statement.actions if wildcard_action(a)]
    return bool(wild) and all(_metadata(a) or agent_channel(a) for a in wild)


def _describes_written(statement: PolicyStatement) -> bool:
    """:func:`describes_only` with resources all written (``*``, ARNs, references): its
    other actions are followed to what they name. Resources not known, or computed at apply
    time, may hide what those actions reach: such a statement stays broad, unless it has no
    other action (:func:`_describes_alone`): then it reaches nothing wherever it applies."""
    return describes_only(statement) and (
        _resources_written(statement) or _describes_alone(statement)
    )


def _resources_written(statement: PolicyStatement) -> bool:
    return statement.resources is not None and "<unknown>" not in statement.resources


def _describes_alone(statement: PolicyStatement) -> bool:
    """Whether every action of the statement, wildcard or not, only describes or lists (or
    opens the agent's message channels): ``dynamodb:Describe*``, ``dynamodb:List*`` on
    ``var.tables``."""
    return not statement.not_action and all(
        _metadata(a) or agent_channel(a) for a in statement.actions
    )


def describe_grant(statement: PolicyStatement) -> str | None:
    """A describe / list wildcard statement on every resource (``*``) or on resources not
    known (with no other action), for evidence; None for any other statement."""
    if not _describes_written(statement):
        return None
    if "*" not in (statement.resources or ()) and _resources_written(statement):
        return None
    return statement.wildcard_grant()


def loose_describes(holder: Resource) -> list[str]:
    """The grants that make an AWS holder reach everything when each is a statement whose
    wildcards only describe and list beside other actions on resources not known
    (``dynamodb:Describe*``, ``dynamodb:GetItem`` on ``var.table``: the other actions may
    name any table), for the message; empty when anything else makes it broad (an
    administrator grant, a wildcard that does more than describe)."""
    facets, statements = holder.facets, statements_read(holder)
    if not is_aws_holder(holder) or facets.admin_privileges or statements is None:
        return []
    broad = [s for s in statements if is_wildcard(s) and everything(s)]
    if not broad or not all(describes_only(s) for s in broad):
        return []
    return [g for s in broad if (g := s.wildcard_grant()) is not None]


def statements_read(holder: Resource) -> tuple[PolicyStatement, ...] | None:
    """An AWS holder's Allow statements: all of them, or those read when only some managed
    policies it names are not known (``permissions_read``: ``s3:*`` on ``*`` inline beside
    a policy ARN from a parameter); None when not even those are known."""
    facets = holder.facets
    return facets.permissions if facets.permissions is not None else facets.permissions_read


def unread_parts(holder: Resource) -> tuple[str, ...]:
    """The managed policies an AWS holder names whose statements are not known while the
    rest are read (``permissions_unread``); empty otherwise."""
    facets = holder.facets
    if facets.permissions is not None or facets.permissions_read is None:
        return ()
    return facets.permissions_unread or ()


def not_known_name(holder: Resource) -> str:
    """A holder whose permissions are not all known, as GDCC-GRAPH-006 names it: with the
    managed policies not known when the rest is read (``Role (managed policy
    arn:aws:iam::aws:policy/AWSLambdaExecute)``)."""
    name = holder.address or holder.name
    # (each once: terraform-aws-eks' hybrid node role names one policy twice)
    unread = tuple(dict.fromkeys(unread_parts(holder)))
    if not unread:
        return name
    noun = "managed policies" if len(unread) > 1 else "managed policy"
    return f"{name} ({noun} {', '.join(unread)})"


def unbounded(graph: ResourceGraph, holder: Resource) -> bool:
    """Whether an identity or policy holds a permission that reaches everything of its
    provider: an administrator grant, or a wildcard one that is broad (``is_broad``) or
    whose statements are not known. An AWS holder whose wildcards all name resources is
    walked statement by statement instead; a principal whose wildcard comes from policies
    of the scan it holds leaves the judgement to them (the walk reaches them)."""
    from gdcc_audit.graph import azure_grants

    facets = holder.facets
    if holder.kind == "k8s.role" and kube.custom_wildcards(holder) is not None:
        return False  # its wildcards reach custom resources only (narrow_wildcards)
    if azure_grants.is_grant(holder):
        return azure_grants.everything(holder)  # else walked by its scope (azure_grants)
    if facets.admin_privileges:
        return True
    if not facets.wildcard_permissions:
        return False
    statements = statements_read(holder)
    if not is_aws_holder(holder) or statements is None:
        return True
    # (statements read beside managed policies not known are judged as they are: those
    # policies are named apart, ``unread_parts``)
    wild = [s for s in statements if is_wildcard(s)]
    if any(everything(s) for s in wild):
        return True
    if wild:
        return False
    # (a wildcard the facet knows of but no statement of its own shows: from the policies
    # it holds, or taken as broad)
    held = [p for p in _held_policies(graph, holder) if p.facets.wildcard_permissions]
    return not held


def held_policies(graph: ResourceGraph, principal: Resource) -> list[Resource]:
    """The policies of the scan a principal holds (:func:`_held_policies`)."""
    return _held_policies(graph, principal)


def _held_policies(graph: ResourceGraph, principal: Resource) -> list[Resource]:
    """The policies of the scan a principal holds: attached to it, or named by it."""
    if principal.kind not in _PRINCIPALS:
        return []
    attached = [
        p for p in graph.referrers(principal, "identity.policy")
        if _attached(graph, p, principal)
    ]
    return attached + list(graph.references(principal, "identity.policy"))


def narrow_wildcards(graph: ResourceGraph, holder: Resource) -> list[str]:
    """The wildcard grants of an AWS holder limited to named resources, for evidence."""
    if not is_aws_holder(holder) or unbounded(graph, holder):
        return []
    return [
        g for s in statements_read(holder) or ()
        if is_wildcard(s) and describe_grant(s) is None and service_wide(s) is None
        and (g := s.wildcard_grant()) is not None
    ]


def service_wildcards(
    graph: ResourceGraph, holder: Resource
) -> list[tuple[str, frozenset[str], bool]]:
    """The wildcard grants of an AWS holder that reach every resource of a few services
    (:func:`service_wide`), each with those services and whether its wildcards only describe
    and list (the other actions, on resources not known, reach them), for the message."""
    if not is_aws_holder(holder) or unbounded(graph, holder):
        return []
    return [
        (g, services, describes_only(s)) for s in statements_read(holder) or ()
        if (services := service_wide(s)) is not None and (g := s.wildcard_grant()) is not None
    ]


def describe_wildcards(graph: ResourceGraph, holder: Resource) -> list[str]:
    """The describe / list wildcard grants of an AWS holder on anything (``"ServiceRole":
    ec2:Describe*, elasticloadbalancing:Describe* on *``), for evidence: they reach no
    resource, but a wildcard still grants actions the provider adds later."""
    if not is_aws_holder(holder) or unbounded(graph, holder):
        return []
    return [g for s in statements_read(holder) or () if (g := describe_grant(s)) is not None]


def aws_steps(
    graph: ResourceGraph, holder: Resource, system: str | None = None
) -> list[tuple[str, Reach]]:
    """Each resource an AWS identity's own grants name, with what they let it do there;
    the policies a principal holds (``ACT_AS``: its permissions are the principal's).
    ``system`` is the walk's start's (a pattern that may name a resource of another system
    leaves the reach on it not known)."""
    statements = statements_read(holder)
    named: list[set[str]] = []  # per statement: the ids its ``ref:`` resources resolve to
    for statement in statements or ():
        ids: set[str] = set()
        for entry in statement.resources or ():
            if entry.startswith("ref:"):
                ids.update(graph.targets(holder, entry[4:].split("/", 1)[0]))
        named.append(ids)
    found: dict[str, list[Reach]] = {}
    for ref in holder.references:
        for target in graph.targets(holder, ref.target):
            if target != holder.id:
                reach = _reference_reach(graph, holder, ref.attribute, target, named)
                found.setdefault(target, []).append(reach)
    # statements naming resources the holder's references do not show (a Terraform policy
    # written by a ``data "aws_iam_policy_document"``)
    for statement, ids in zip(statements or (), named, strict=True):
        for target in ids - {holder.id}:
            found.setdefault(target, []).append(classify(statement))
    if holder.kind in _PRINCIPALS:
        for policy in graph.referrers(holder, "identity.policy"):
            if _attached(graph, policy, holder):
                found.setdefault(policy.id, []).append(ACT_AS)
        for role in graph.referrers(holder, "identity.role"):
            trusted = _trusted_by(graph, role, holder)
            if trusted is not NONE:
                found.setdefault(role.id, []).append(trusted)
    for statement in statements or ():
        for role in _any_role(graph, holder, statement):
            # (a role passed only to some services, whose trust is not read: may be one)
            held = service_not_known(graph, role, statement)
            found.setdefault(role.id, []).append(TRUST_UNKNOWN if held else ACT_AS)
        for target, reach in _of_services(graph, holder, statement):
            found.setdefault(target, []).append(reach)
        for target, reach in _by_arn_text(graph, holder, statement, system):
            found.setdefault(target, []).append(reach)
    return [(target, strongest(reaches)) for target, reaches in found.items()]


_METADATA = re.compile(r"^[a-z0-9-]+:(list|describe)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _metadata(action: str) -> bool:
    """Whether an action (pattern) only lists or describes: ``s3:List*`` also lists a
    bucket's objects, a data action, and is not."""
    if not _METADATA.match(action):
        return False
    pattern = PolicyStatement(actions=(action,))
    return not any(pattern.allows(found) for found in (*DATA_ACTIONS, *ACT_AS_ACTIONS))


def _by_arn_text(
    graph: ResourceGraph, holder: Resource, statement: PolicyStatement, system: str | None
) -> list[tuple[str, Reach]]:
    """The scan's resources a statement names by ARN text rather than by reference
    (``"Resource": "*"``, ``arn:aws:s3:::payroll-*/*``), with what its actions of the
    resource's service let the holder do there: ``s3:GetObject`` on ``*`` reads every bucket
    of the account, those of other systems too ("*" in the Resource element "allows access
    to all resources": IAM User Guide, "IAM JSON policy elements: Resource",
    docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). A
    pattern that may or may not name a resource whose name is generated (``payroll-*`` and a
    bucket made with ``bucket_prefix``) leaves the reach not known when that resource belongs
    to another system than ``system``, and does not reach it otherwise.
    Listing and describing (``ec2:DescribeInstances``, ``s3:ListAllMyBuckets``) show what
    exists, not what it holds: they do not reach a resource this way (``s3:ListBucket``
    lists a bucket's objects: a data action, it does)."""
    if statement.resources is None or is_broad(statement):
        return []  # the holder reaches everything already (or what it names is not known)
    patterns = [r for r in statement.resources if not r.startswith("ref:") and r != "<unknown>"]
    if not patterns:
        return []
    found: dict[str, Reach] = {}
    # what the statement's actions let the holder do per resource type (NONE: no action of
    # it acts there), found once per type, not per resource
    acting: dict[arns.ArnShape, Reach] = {}
    held = statement.passed_to is not None  # (it applies to iam:PassRole requests only)
    for service in arns.services(statement.actions):
        for target in graph.of_service(service):
            if target.id == holder.id or target.id in found or graph.apart(holder, target):
                continue
            if held and (
                target.kind != "identity.role" or not passable(graph, target, statement)
            ):
                continue
            if held and service_not_known(graph, target, statement):
                found[target.id] = TRUST_UNKNOWN  # passed to those services only, trust not read
                continue
            shape = arns.shape_of(target)
            if shape is None:
                continue
            reach = acting.get(shape)
            if reach is None:
                own = tuple(
                    a for a in arns.actions_on(statement.actions, shape) if not _metadata(a)
                )
                # (classify of a statement allowing ``own``)
                reach = acting[shape] = _classified(own, False) if own else NONE
            if reach is NONE:
                continue
            matches = [arns.covers(p, target) for p in patterns]
            if True in matches:
                found[target.id] = reach
            elif None in matches and target.system not in (None, system):
                found[target.id] = UNKNOWN  # may name another system's resource
    return list(found.items())


def _of_services(
    graph: ResourceGraph, holder: Resource, statement: PolicyStatement
) -> list[tuple[str, Reach]]:
    """The scan's resources a statement limited to a few services reaches on every resource
    (:func:`service_wide`: ``s3:Get*`` on ``*``), with what its actions of the resource's
    service let the holder do there. A resource type whose ARN form is known
    (``graph.arns``) is acted on by the actions its shape admits (``ec2:AuthorizeSecurity
    Group*`` changes security groups, not instances); the others of the service are reached
    when an action of it does more than describe and list, as control (a bucket policy, an
    access point: the store's data is reached through the store), or as data for a
    credential store (a secret's value)."""
    services = service_wide(statement)
    if services is None:
        return []
    found: list[tuple[str, Reach]] = []
    for target in graph.of_iam_services(services):
        if target.id == holder.id or graph.apart(holder, target):
            continue
        shape = arns.shape_of(target)
        if shape is not None:
            own = arns.actions_on(statement.actions, shape)
        else:
            service = iam_services.iam_service(target)
            own = tuple(a for a in statement.actions if a.split(":", 1)[0].lower() == service)
        own = tuple(a for a in own if not _metadata(a))
        if not own:
            continue
        reach = _classified(own, False)  # (classify of a statement allowing ``own``)
        if shape is None and target.kind not in _CREDENTIAL_STORES:
            reach = min(reach, CONTROL)
        found.append((target.id, reach))
    return found


def _trusted_by(graph: ResourceGraph, role: Resource, principal: Resource) -> Reach:
    """What ``role``'s trust policy lets ``principal`` do to it: a trust policy that names a
    principal of the account lets it assume the role without any permission of its own
    ("Role trust policies ... must explicitly allow access for principals"; a principal ARN
    named there needs no identity-based policy in the same account: IAM User Guide, "Policy
    evaluation logic", and AWS Security Blog, "How to use trust policies with IAM roles")."""
    found: list[Reach] = []
    for ref in role.references:
        if ref.attribute.split(".", 1)[0] not in _TRUST:
            continue
        if principal.id not in graph.targets(role, ref.target):
            continue
        written = raw_statement(role.attributes, ref.attribute)
        found.append(ACT_AS if written is None else written_reach(written))
    return strongest(found)


def _any_role(
    graph: ResourceGraph, holder: Resource, statement: PolicyStatement
) -> list[Resource]:
    """The roles of the scan a statement lets its holder pass or assume by a pattern:
    "If you specify the resource for iam:PassRole as *, this would grant access to pass any
    of your IAM roles" (EC2 User Guide, "Grant permissions to attach an IAM role to an
    instance"). A role whose name is not written matches any pattern; ``sts:AssumeRole``
    reaches only roles whose trust policy may name a principal of an account (not one that
    trusts AWS services only)."""
    if is_broad(statement):
        return []  # the holder reaches everything already
    passes = statement.allows("iam:PassRole")
    # (an ``iam:PassedToService`` condition: the key is in no AssumeRole request)
    assumes = statement.allows("sts:AssumeRole") and statement.passed_to is None
    if not (passes or assumes) or statement.resources is None:
        return []
    patterns = [r for r in statement.resources if r == "*" or ":role/" in r]
    if not patterns:
        return []
    found: list[Resource] = []
    for role in graph.of_kind("identity.role"):
        if role.id == holder.id or not is_aws_holder(role) or graph.apart(holder, role):
            continue
        if not assumes and not passable(graph, role, statement):
            continue
        if not passes and not graph.trust(role).admits_accounts():
            continue
        if any(_role_matches(pattern, role) for pattern in patterns):
            found.append(role)
    return found


def _role_matches(pattern: str, role: Resource) -> bool:
    if pattern == "*":
        return True
    wanted = pattern.split(":role/", 1)[1]
    name = role.attributes.get("RoleName", role.attributes.get("name"))
    if not isinstance(name, str) or not name:
        return True  # generated at deploy time: may be any name
    path = role.attributes.get("Path", role.attributes.get("path"))
    full = f"{path.strip('/')}/{name}" if isinstance(path, str) and path.strip("/") else name
    return any(
        fnmatch.fnmatchcase(candidate, wanted.replace("<unknown>", "*"))
        for candidate in (name, full)
    )


def passable(graph: ResourceGraph, role: Resource, statement: PolicyStatement) -> bool:
    """Whether ``statement`` may let its holder pass ``role``: always, unless an
    ``iam:PassedToService`` condition names the services (``passed_to``) and the role's
    written trust policy lets none of them assume it. A service uses a role passed to it by
    assuming it, which its trust policy must allow ("the role's trust policy must allow the
    service to assume the role": IAM User Guide, "Grant a user permissions to pass a role to
    an AWS service"); ``iam:PassRole`` "with a condition on iam:PassedToService" limits the
    service (same page): the AmazonEKSComputePolicy's ``iam:PassRole`` on ``*`` passes the
    roles EC2 may assume (instance profiles), not an administrator role of the account."""
    services = statement.passed_to
    if services is None:
        return True
    return graph.trust(role).admits_service(services) is not False


def service_not_known(
    graph: ResourceGraph, role: Resource, statement: PolicyStatement
) -> bool:
    """Whether what ``statement`` passes ``role`` rests on a part of the role's trust
    policy that is not read: the statement is held to some services (``passed_to``), the
    written service principals are none of them, and a part not read may be one."""
    services = statement.passed_to
    return services is not None and graph.trust(role).admits_service(services) is None


@dataclass(frozen=True)
class Trust:
    """Who a role's trust policy lets assume it, by kind of principal (IAM User Guide, "AWS
    JSON policy elements: Principal": AWS account and IAM principals, ``Service``,
    ``Federated``, ``*``;
    docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
    ``unread``: a statement or a principal is not known (a variable, an intrinsic, a text cut
    short): it may let in any of them."""

    services: frozenset[str] = frozenset()  # service principals written (lower-cased)
    any_service: bool = False  # ``"*"``: any principal, the services too
    accounts: bool = False  # a principal of an account (``AWS``: an account, root, role, user)
    federated: bool = False  # users of an identity provider (``Federated``)
    unread: bool = False
    #: a service principal whose name is not known (``${var.service}.amazonaws.com``)
    service_unread: bool = False

    def admits_service(self, patterns: Iterable[str]) -> bool | None:
        """Whether one of the services ``patterns`` names may assume the role; None when
        that rests on a part not read."""
        if self.any_service or any(
            fnmatch.fnmatchcase(t, p.lower()) for t in self.services for p in patterns
        ):
            return True
        return None if self.unread or self.service_unread else False

    def admits_accounts(self) -> bool:
        """Whether a principal of an account may assume the role with ``sts:AssumeRole``
        (not one only AWS services or an identity provider's users may assume)."""
        return self.accounts or self.unread


#: A trust statement a principal of this kind needs to assume the role (a service, an
#: account's principal: ``sts:AssumeRole``; a federated user asks for the web identity or
#: SAML one instead).
_ASSUME = "sts:AssumeRole"
#: Condition keys that hold ``"*"`` to the principals of accounts, organisations or ARNs:
#: a service principal has no account ("aws:PrincipalAccount ... This key is not included
#: in the request context for service principals": IAM User Guide, "AWS global condition
#: context keys"; the same for ``aws:PrincipalArn`` / ``aws:PrincipalOrgID``).
_ACCOUNT_KEYS = frozenset({
    "aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths",
})
_UNREAD = Trust(unread=True, accounts=True, federated=True)


def trust_of(role: Resource) -> Trust:
    """Who ``role``'s trust policy lets assume it: the one reader of a role's trust for
    the blast radius (CloudFormation ``AssumeRolePolicyDocument`` as written, intrinsics
    kept; Terraform ``assume_role_policy`` decoded, a value not known marked). Each branch of
    an ``Fn::If`` may be the one deployed: both are read. A ``Deny`` lets no one in."""
    attributes = role.attributes
    document = attributes.get("AssumeRolePolicyDocument", attributes.get("assume_role_policy"))
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return _UNREAD  # (a text cut short, a value not known)
    listed = document.get("Statement") if isinstance(document, Mapping) else None
    found = _Found()
    for item in _branches(listed):
        _read_statement(item, found)
    return Trust(
        frozenset(found.services), found.any_service, found.accounts, found.federated,
        found.unread, found.service_unread,
    )


@dataclass
class _Found:
    services: set[str] = field(default_factory=set)
    any_service: bool = False
    accounts: bool = False
    federated: bool = False
    unread: bool = False
    service_unread: bool = False

    def not_read(self) -> None:
        self.unread = self.accounts = self.federated = True


def _branches(value: Any) -> list[Any]:
    """The statements (or principals) a value may be: a list's items, each branch of an
    ``Fn::If`` (``AWS::NoValue`` none)."""
    items = value if isinstance(value, list) else [value]
    found: list[Any] = []
    for item in items:
        if isinstance(item, Mapping) and set(item) == {"Fn::If"}:
            branches = item["Fn::If"]
            if isinstance(branches, list) and len(branches) == 3:
                found.extend(_branches(branches[1]) + _branches(branches[2]))
                continue
        if isinstance(item, Mapping) and item == {"Ref": "AWS::NoValue"}:
            continue
        found.append(item)
    return found


def _read_statement(item: Any, found: _Found) -> None:
    if not isinstance(item, Mapping):
        found.not_read()
        return
    effect = item.get("Effect", "Allow")
    if isinstance(effect, str) and effect.lower() == "deny":
        return  # (an effect not known may be Allow)
    if "NotPrincipal" in item or "Principal" not in item:
        found.not_read()  # (everyone but those named; no principal: not a trust statement)
        return
    negated = "NotAction" in item
    actions = _texts(item.get("NotAction" if negated else "Action"))
    assumes = actions is None or any(_marked(a) for a in actions) or PolicyStatement(
        actions=tuple(actions), not_action=negated
    ).allows(_ASSUME)
    for principal in _branches(item.get("Principal")):
        if principal == "*":
            _everyone(item, found, assumes)
        elif not isinstance(principal, Mapping) or _intrinsic(principal):
            found.not_read()
        else:
            _read_principal(principal, item, found, assumes)


def _read_principal(
    principal: Mapping[str, Any], item: Mapping[str, Any], found: _Found, assumes: bool
) -> None:
    for kind, value in principal.items():
        if kind == "Federated":
            found.federated = True
        elif not assumes:
            continue  # (sts:TagSession alone, a web identity action)
        elif kind == "AWS":
            found.accounts = True  # (``*`` too: any account's principals, no service)
        elif kind == "Service":
            for name in _branches(value):
                service = _service_name(name)
                if service is None:
                    found.service_unread = True
                else:
                    found.services.add(service)
        elif kind == "CanonicalUser":
            continue  # (an S3 canonical user: no role trust admits one)
        else:
            found.not_read()


def _everyone(item: Mapping[str, Any], found: _Found, assumes: bool) -> None:
    """``"Principal": "*"``: anyone, unless its conditions hold it to principals of
    accounts (:data:`_ACCOUNT_KEYS`) or to some services (``aws:PrincipalServiceName``)."""
    found.federated = True
    if not assumes:
        return
    keys = _condition_keys(item)
    services = keys.get("aws:principalservicename")
    if services is not None:
        for name in services:
            service = _service_name(name)
            if service is None:
                found.service_unread = True
            else:
                found.services.add(service)
        return
    found.accounts = True
    if not _ACCOUNT_KEYS.intersection(keys):
        found.any_service = True


def _condition_keys(item: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Each condition key of a statement (lower-cased) with its values."""
    found: dict[str, list[Any]] = {}
    condition = item.get("Condition")
    if not isinstance(condition, Mapping):
        return found
    for tests in condition.values():
        if isinstance(tests, Mapping):
            for key, values in tests.items():
                if isinstance(key, str):
                    found.setdefault(key.lower(), []).extend(
                        values if isinstance(values, list) else [values]
                    )
    return found


#: A service principal ending in the partition's DNS suffix not known (``ec2.`` then
#: ``AWS_ID_TEXT``) and the service's name before it.
_SUFFIX_NOT_KNOWN = "." + AWS_ID_TEXT
_SERVICE_HEAD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")


def _service_name(value: Any) -> str | None:
    """A service principal's name (lower-cased); None when not known. CloudFormation's
    ``!Sub ec2.${AWS::URLSuffix}`` (or its ``Fn::Join``) is ``ec2.amazonaws.com``: the
    suffix of the partition's endpoints, ``amazonaws.com`` outside China (AWS
    CloudFormation User Guide, "Pseudo parameters reference", ``AWS::URLSuffix``). So is
    Terraform's ``ec2.${data.aws_partition.current.dns_suffix}`` (the DNS suffix rendered as
    ``AWS_ID_TEXT``; terraform-aws-modules' batch and eks roles write their trust so)."""
    if isinstance(value, str) and value.endswith(_SUFFIX_NOT_KNOWN):
        head = value[: -len(_SUFFIX_NOT_KNOWN)]
        if _SERVICE_HEAD.fullmatch(head):
            return f"{head}.amazonaws.com".lower()
    if isinstance(value, Mapping) and set(value) == {"Fn::Sub"}:
        value = value["Fn::Sub"]
        value = value.replace("${AWS::URLSuffix}", "amazonaws.com") if isinstance(
            value, str
        ) else None
    elif isinstance(value, Mapping) and set(value) == {"Fn::Join"}:
        parts = value["Fn::Join"]
        if not (isinstance(parts, list) and len(parts) == 2 and parts[0] == ""
                and isinstance(parts[1], list)):
            return None
        texts = [
            "amazonaws.com" if p == {"Ref": "AWS::URLSuffix"} else p for p in parts[1]
        ]
        value = "".join(texts) if all(isinstance(t, str) for t in texts) else None
    if not isinstance(value, str) or _marked(value) or "${" in value:
        return None
    return value.lower()


def _marked(text: str) -> bool:
    """Whether a Terraform text holds a value not known (``<<gdcc-unknown>>``)."""
    return "<<" in text


def _intrinsic(value: Mapping[str, Any]) -> bool:
    return any(isinstance(k, str) and (k == "Ref" or k.startswith("Fn::")) for k in value)


def _attached(graph: ResourceGraph, policy: Resource, principal: Resource) -> bool:
    return any(
        not _in_document(ref.attribute) and principal.id in graph.targets(policy, ref.target)
        for ref in policy.references
    )


def _in_document(attribute: str) -> bool:
    head = attribute.split(".", 1)[0]
    return head in _DOCUMENT or ".Statement." in f".{attribute}."


def _reference_reach(
    graph: ResourceGraph, holder: Resource, attribute: str, target_id: str,
    named: list[set[str]],
) -> Reach:
    head = attribute.split(".", 1)[0]
    if head in _TRUST or head in _BOUNDARY:
        return NONE
    target = graph.get(target_id)
    kind = target.kind if target is not None else ""
    document = _in_document(attribute)
    if holder.kind == "identity.policy" and kind in _PRINCIPALS and not document:
        return NONE  # a principal the policy is attached to: holding it does not make one it
    if holder.kind in _PRINCIPALS and kind == "identity.policy" and not document:
        return ACT_AS  # a managed policy the principal holds: its grants are the principal's
    if not document:
        return NONE  # a name, a description, a tag, ``depends_on``: no grant
    if ".Statement." in f".{attribute}.":
        written = raw_statement(holder.attributes, attribute)
        if written is not None:
            return written_reach(written)
    statements = statements_read(holder)
    if statements is None:
        return UNKNOWN
    naming = [s for s, ids in zip(statements, named, strict=True) if target_id in ids]
    if naming:
        return strongest(classify(s) for s in naming)
    _, maybe = statements_naming(statements, ())
    return strongest(classify(s) for s in maybe)
