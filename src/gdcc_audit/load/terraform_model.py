"""The Terraform intermediate model: what the HCL and plan-JSON loaders produce and the
per-provider Terraform mappers consume (document format ``terraform``).

Values are plain Python (str, int, float, bool, None, list, dict). Nested blocks are lists of
dicts, as in ``terraform show -json`` (``versioning { enabled = true }`` becomes
``{"versioning": [{"enabled": True}]}``). A value that cannot be known statically is the
``UNKNOWN`` sentinel, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.load.former_types import FORMER_TYPES
from gdcc_audit.models.unknown import UNKNOWN as UNKNOWN  # noqa: PLC0414 (re-export)

FORMAT = "terraform"

#: Stands, inside a rendered JSON text kept in ``TfResource.partial``, for a value that cannot
#: be known statically (an ARN computed at apply time, an unset variable). Readers of such a
#: text treat every string containing it as UNKNOWN.
UNKNOWN_TEXT = "<<gdcc-unknown>>"

#: Stands, inside such a rendered text, for a value AWS assigns at apply time that names one
#: thing: the account id, ARN or user id of ``data.aws_caller_identity``, the partition, DNS
#: suffix or Region of ``data.aws_partition`` / ``data.aws_region``, the ``arn`` of an AWS
#: resource or data source. It is not known, but it is never a wildcard: a principal ARN
#: built from it (``arn:aws:iam::${data.aws_caller_identity.current.account_id}:root``)
#: names one account, role or identity provider, never everyone. It holds ``UNKNOWN_TEXT``:
#: every reader that does not tell identifiers apart reads it as not known.
AWS_ID_TEXT = UNKNOWN_TEXT + "(aws-id)"

#: Follows the placeholder as the ``Effect`` of the statement a policy document's
#: ``dynamic "statement"`` over a collection not known stands for, in a rendered text
#: (``<<gdcc-unknown>>(dynamic statement over var.extra at main.tf:5)``): its readers take
#: the effect as not known, and a message can name the block.
DYNAMIC_STATEMENT_TEXT = "(dynamic statement over "

#: A CloudFront origin access identity's ``iam_arn`` in such a text: the ARN AWS gives every
#: one (``arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL``),
#: its partition and id not known; its ``s3_canonical_user_id`` (a hex id: nothing written
#: shows whose) as ``AWS_ID_TEXT`` marked as the identity's. A bucket policy granting either
#: grants CloudFront only (``normalize.cloudfront_grants``).
OAI_ARN_TEXT = (
    f"arn:{AWS_ID_TEXT}:iam::cloudfront:user/CloudFront Origin Access Identity {AWS_ID_TEXT}"
)
OAI_CANONICAL_TEXT = AWS_ID_TEXT + "(cloudfront-oai)"

#: Top-level attributes whose value holds something not known statically but whose written
#: part decides a question: kept in ``TfResource.partial`` as the JSON text of what they
#: render to with ``UNKNOWN_TEXT`` in place of each unknown value (a string, or a list of
#: strings). An IAM member ``"serviceAccount:${google_service_account.x.email}"`` is a
#: service account, never everyone. The ``arn`` a ``data "aws_iam_policy"`` looks up,
#: ``arn:${data.aws_partition.current.partition}:iam::aws:policy/NAME``, is an AWS managed
#: policy whatever the partition, as is one that a role names in ``managed_policy_arns`` or an
#: attachment in ``policy_arn``. An ``aws_lambda_permission`` ``principal`` written as
#: ``"arn:aws:iam::${var.account}:role/${var.role}"`` is never ``*``. A Cloud Storage ACL
#: ``entity`` / ``role_entity`` item ``"READER:user-${google_service_account.x.email}"`` names
#: a user (and keeps its role), never everyone.
TEXT_PARTIALS = frozenset({
    "member", "members", "arn", "policy_arn", "managed_policy_arns", "principal",
    "entity", "role_entity",
})


@dataclass(slots=True)
class TfReference:
    """``attribute`` of this resource refers to ``target`` (an address such as aws_vpc.main)."""

    target: str
    attribute: str


@dataclass(frozen=True)
class Case:
    """One case of ``TfResource.alternatives``: the resource's values, and which of their
    paths hold one resource instance's ``id`` / ``arn`` (as ``TfResource.designated``)."""

    values: dict[str, Any]
    designated: dict[str, str] = field(default_factory=dict)
    #: ``TfResource.shapes`` of this case (value paths move with a ``dynamic`` block's copies).
    shapes: dict[str, str] = field(default_factory=dict)
    #: How the case is read, English and Thai ("when var.open is true"), named in a verdict
    #: that differs from one case to another (``Variant.label``).
    label: tuple[str, str] = ("", "")
    #: What the case takes, one ``(key, branch)`` per split (``Variant.axes``): the key of an
    #: input tested as it is (``"var.wide bool"``, ``'var.env eq "prod"'``, ``"var.kms
    #: null"``) is the same for every resource of the module instance that tests it so; a
    #: condition's or a ``dynamic`` block's starts with ``#`` (this resource's own).
    axes: tuple[tuple[str, int], ...] = ()


@dataclass(slots=True)
class TfResource:
    """One resource (or data source) instance after count/for_each expansion."""

    address: str
    type: str
    name: str
    values: dict[str, Any]
    file: str
    start_line: int | None = None
    end_line: int | None = None
    mode: str = "managed"
    module: str = ""
    provider: str = ""
    references: list[TfReference] = field(default_factory=list)
    #: ``count.index`` (int) or ``each.key`` (str) of this instance; None for a single
    #: instance; UNKNOWN when count/for_each could not be evaluated (the resource is then
    #: listed once, under its address without an instance key).
    index: Any = None
    #: The provider configuration it uses, resolved to the root module: ``aws`` or
    #: ``aws.west`` (a key of ``TfDocument.providers``).
    provider_config: str = ""
    #: Top-level attributes set straight from a variable (``acl = var.acl``) -> where that
    #: value was written (``file:line`` of the module argument or variable default): the line
    #: a user changes.
    origins: dict[str, str] = field(default_factory=dict)
    #: The line (in ``file``) of each attribute whose value is written in the block
    #: (``origins.in_place``: not read from another resource), by value path (``acl``,
    #: ``versioning_configuration.0.status``): where a companion's value is written (the
    #: bucket's finding points at its ``aws_s3_bucket_acl``'s line).
    attribute_lines: dict[str, int] = field(default_factory=dict)
    #: Value paths of the arguments written as a heredoc (``user_data = <<EOF``) -> the text
    #: of each input or local interpolated in it (``var.db_pw``) -> where its value is written
    #: (``load.terraform.template_refs``): a secret it renders into the heredoc is set there.
    #: Under ``""``, the ``file:line`` where the heredoc is written when ``attribute_lines``
    #: does not name it: the local the argument is written as (``user_data =
    #: local.script``), or the argument's own line when its value reads an input.
    interpolated: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The first line (in ``file``) of each nested block written in the block, by value path
    #: (``access_policy.0``, ``site_config.0.ip_restriction.1``): the line naming the block,
    #: where a finding about the whole block points.
    block_lines: dict[str, int] = field(default_factory=dict)
    #: The list entry or map entry of an input or local that gives one set of values (this
    #: instance's element of a ``for_each`` / ``count`` input: key ``""``; the element of a
    #: ``dynamic`` block's ``for_each`` that made the n-th ``ingress`` block:
    #: ``ingress.N``) -> ``(where that entry is written, file, first line, last line)``: a
    #: rule whose values come from inside that entry points at the entry, once
    #: (``rule_origins``), not at each of its lines.
    entries: dict[str, tuple[str, str, int, int]] = field(default_factory=dict)
    #: Attributes (value paths) whose value a conditional on one input variable chooses
    #: (``acl = var.public ? "public-read" : "private"``) -> where that variable's value is
    #: written. Apart from ``origins``: the value itself (a secret literal in a branch) is
    #: written in the resource, only the choice elsewhere.
    chosen_by: dict[str, str] = field(default_factory=dict)
    #: ``file:line`` of the root module's ``module`` block this resource comes through (the
    #: outermost call of ``module.a.module.b.x``); "" for a resource of the root itself. A
    #: module's file declares a resource for each root calling it: this tells them apart.
    called_at: str = ""
    #: ``file:line`` of each ``module`` block it comes through, outermost first, when there
    #: are several (a module of a module); empty otherwise (``called_at`` says it all).
    call_chain: tuple[str, ...] = ()
    #: For a resource ``count`` makes 0 (``RootResources.not_created``): where the input or
    #: local deciding that is written (``count = var.logging ? 1 : 0``).
    not_created_by: str = ""
    #: Top-level attributes whose value is UNKNOWN but that render to a text (a heredoc or
    #: ``jsonencode`` policy, a policy document's JSON) once each value that cannot be known
    #: is replaced by ``UNKNOWN_TEXT``: what a policy reader can still judge (an ARN computed
    #: at apply time in ``Resource`` does not hide who the ``Principal`` is); and the
    #: ``TEXT_PARTIALS`` attributes holding such a value, as JSON text.
    partial: dict[str, str] = field(default_factory=dict)
    #: Top-level attributes whose value is UNKNOWN and written as exactly one input or local
    #: (``bucket = var.bucket_name``) -> that reference (``var.bucket_name``): a resource that
    #: configures another one by the same unknown name is linked to it.
    symbols: dict[str, str] = field(default_factory=dict)
    #: Attributes (value paths: ``user_data``, ``os_profile.0.custom_data``) whose expression
    #: reads a value Terraform treats as secret (a ``sensitive`` variable or output, a
    #: sensitive attribute such as ``random_password.x.result``) -> those reads, described
    #: with where each is declared (``sensitive variable var.db_password, variables.tf:3``).
    secrets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: When ``count`` / ``for_each`` could not be evaluated (``index`` UNKNOWN): the resources
    #: and inputs its expression refers to (``aws_security_group.a``): the instances not
    #: known may be about them (``each.value.to.id``).
    expansion_refs: tuple[str, ...] = ()
    #: An instance of a ``for_each`` whose ``for`` filter is not known and tests no item
    #: (``{ for k, v in var.rules : k => v if local.create }``): its items are known, but
    #: whether any is created is not (``module.EACH_MAYBE``; the mapper's ``EXISTS_MAYBE``).
    maybe: bool = False
    #: Value paths (``network_acls.0.ip_rules.0``) of strings that are UNKNOWN but partly
    #: written (``"${data.http.ip.response_body}/32"``) -> their text with ``UNKNOWN_TEXT``
    #: in place of each part not known.
    shapes: dict[str, str] = field(default_factory=dict)
    #: Value paths whose value, though known only after apply, is exactly one resource
    #: instance's ``id`` (an AWS resource's ``arn``) -> that read (``aws_s3_bucket.b[1].id``):
    #: the resource an argument designates once conditions, ``coalesce`` / ``try`` and
    #: ``element(...[*].id, count.index)`` are evaluated, where its references list every
    #: resource the expression reads (both branches of a condition not known).
    designated: dict[str, str] = field(default_factory=dict)
    #: Value paths a condition not known may set to a value that reads no resource
    #: (``var.create ? aws_s3_bucket.a.id : var.bucket``; ``vpc.0.vpc_id`` in a block): what
    #: they name may be outside the configuration, whatever their references say.
    beyond: tuple[str, ...] = ()
    #: Value paths a condition not known may set to null or ``""`` (``var.encrypt ?
    #: aws_kms_key.k.arn : null``): the argument may be left unset, whatever its references.
    unset: tuple[str, ...] = ()
    #: Value paths that read resources, whose value is not known and whose expression
    #: chooses among parts at apply time (a condition not known, ``coalesce``...: ``var.x ?
    #: [a.id] : [b.id]``; ``designation.chooses``): what they name is only a candidate.
    chosen: tuple[str, ...] = ()
    #: Value paths of arguments whose possible values a reader judges one by one
    #: (``designation.RESULT_NAMES``: ``service_account_name``) whose value, not known, a
    #: condition not known chooses -> each value it may be (UNKNOWN when not known) with the
    #: resources that value reads (``var.own ? kubernetes_service_account_v1.a.metadata[0].
    #: name : "builder"``: ``((UNKNOWN, ("kubernetes_service_account_v1.a",)), ("builder",
    #: ()))``).
    results: dict[str, tuple[tuple[Any, tuple[str, ...]], ...]] = field(default_factory=dict)
    #: When the arguments test an input that is not known against null
    #: (``sqs_managed_sse_enabled = var.kms_key != null ? null : var.sse``, with
    #: ``kms_master_key_id = var.kms_key``): the values in each case, the input null and the
    #: input some value, as ``(input, values if null, values if not)``. A fact every case
    #: gives is known whichever case holds.
    #: Other conditions not known (``length(var.l) > 0 ? a : b``) give ``(inputs, values
    #: if true, values if false)``; a ``dynamic`` block over a collection not known gives its
    #: values with 0, 1 and 2 copies (``load.terraform.branches``). Each case is a
    #: :class:`Case`.
    alternatives: tuple[Any, ...] | None = None
    #: The resource's ``connection`` and ``provisioner`` blocks, evaluated (not resource
    #: arguments: read for the secrets written in them only): ``{"connection": [{...}],
    #: "provisioner": [{"remote-exec": {...}}]}`` (a provisioner under its type, with its own
    #: ``connection`` blocks); empty when there are none.
    provisioning: dict[str, Any] = field(default_factory=dict)
    #: A plan's change actions for this instance (``("create",)``, ``("delete", "create")``,
    #: ``("no-op",)``...); empty for HCL and states. ``create`` among them: the plan creates
    #: it (a new cloud resource, whose creation-time defaults are today's).
    actions: tuple[str, ...] = ()
    #: For a secret written for an input that reaches no resource (mode ``"input"``,
    #: ``load.terraform.unread_inputs``): why, as a code of ``secrets.unread.REASONS``
    #: (``unused_default``, ``tfvars_undeclared`` ...), said in its finding.
    unread: str = ""

    def __post_init__(self) -> None:
        # a type written by its former name (``huaweicloud_vpc_v1``) is the current one
        # (``load.former_types``); the address stays as written
        current = FORMER_TYPES.get(self.type)
        if current is not None:
            self.type = current
        if not self.provider:
            self.provider = self.type.split("_", 1)[0]

    @property
    def declared_at(self) -> str:
        """``file:line`` where the resource is declared (the file alone when no line)."""
        return self.file if self.start_line is None else f"{self.file}:{self.start_line}"


@dataclass(eq=False)
class RootResources:
    """Every resource of one root module's evaluation, shared by the per-file documents of that
    root: a resource refers to, or configures, resources declared in the root's other files
    (``aws_s3_bucket_acl`` in ``acl.tf`` for a bucket in ``main.tf``). ``cache`` holds what a
    mapper computes once per root (its indexes)."""

    resources: list[TfResource] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)
    #: Resources declared a second time (not assessed; see ``Evaluation.lost``).
    lost: list[TfResource] = field(default_factory=list)
    #: Module calls of the root that were not expanded (as ``TfDocument.unexpanded_modules``).
    unexpanded: list[dict[str, Any]] = field(default_factory=list)
    #: Resources whose ``count`` an input or local makes 0 (``TfResource.not_created_by``),
    #: evaluated as their first instance would be: the mapper tells what they would have
    #: configured (a companion) and points there (``value set at``).
    not_created: list[TfResource] = field(default_factory=list)


@dataclass(frozen=True)
class ForeignAssociation:
    """An EIP / floating IP association of another root of the scan whose target is not a
    resource of its own root (``normalize.terraform.foreign``): it may bind a server of this
    root. ``looked_up``: the type and literal ``name`` of the data source it names its target
    by, when it has one."""

    root: str
    address: str
    provider: str
    #: The resource types it can bind.
    targets: tuple[str, ...] = ()
    looked_up: tuple[str, str] | None = None
    #: ``address`` (an EIP / floating IP association), ``waf`` (a WAF domain),
    #: ``diagnostic`` (an Azure diagnostic setting), ``role`` (a Keystone role assignment
    #: or group membership of a user) or ``lock`` (an Azure management lock).
    kind: str = "address"
    #: For a diagnostic setting: the log categories and category groups it sends (lower
    #: case); None when not known.
    categories: tuple[str, ...] | None = None
    #: For a lock: its scope as written (a literal resource id); None when not literal, or
    #: when whether the lock exists is not known (its count).
    scope: str | None = None


@dataclass
class TfDocument:
    """The resources of one file of a root module (with its local modules) or of one plan/state
    file; ``whole_root`` holds every resource of the root (``None``: ``resources`` is all)."""

    root: str
    resources: list[TfResource] = field(default_factory=list)
    source: str = "hcl"
    #: Provider configurations by key (``aws``, ``aws.west``), values evaluated like resources
    #: (e.g. ``{"region": "ap-southeast-7"}``).
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Module calls that were not expanded (remote source, missing folder, unknown count):
    #: dicts with ``address``, ``source``, ``reason``, ``file`` and ``line``.
    unexpanded_modules: list[dict[str, Any]] = field(default_factory=list)
    whole_root: RootResources | None = None
    #: Provider type (``aws``) -> what the root's ``.terraform.lock.hcl`` and the
    #: ``required_providers`` of its modules say of the provider's version
    #: (``gdcc_audit.load.terraform.versions.ProviderPin``); empty for a plan or state.
    provider_pins: dict[str, Any] = field(default_factory=dict)
    #: Associations of the scan's other roots that may bind a server of this one
    #: (``normalize.terraform.foreign.relate``).
    foreign_associations: list[ForeignAssociation] = field(default_factory=list)
    #: Blocks of this root lost to a syntax error, as ``(file:line, type)`` (type ``""``: its
    #: header was not read), from ``normalize.terraform.foreign.relate``: the root was not
    #: wholly read for a fact such a block may decide.
    lost_blocks: list[tuple[str, str]] = field(default_factory=list)

    def lost_of(self, types: Iterable[str]) -> list[str]:
        """``file:line`` of the lost blocks that may be of one of ``types``."""
        wanted = set(types)
        return sorted({
            where for where, kind in self.lost_blocks
            if not kind or FORMER_TYPES.get(kind, kind) in wanted  # written by a former name
        })

    @property
    def root_resources(self) -> list[TfResource]:
        """Every resource of the root this document belongs to."""
        return self.whole_root.resources if self.whole_root is not None else self.resources


def lookup(values: Any, path: str, default: Any = None) -> Any:
    """``lookup(v, "server_side_encryption_configuration.0.rule.0.apply")``; a missing key gives
    ``default``, an UNKNOWN on the way gives UNKNOWN."""
    current = values
    for part in path.split("."):
        if current is UNKNOWN:
            return UNKNOWN
        if isinstance(current, dict):
            if part not in current:
                return default
            current = current[part]
        elif isinstance(current, list) and part.isdigit():
            index = int(part)
            if index >= len(current):
                return default
            current = current[index]
        else:
            return default
    return current
