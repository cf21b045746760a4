"""Static evaluation of HCL expressions.

Evaluation never guesses: a value that depends on something only Terraform knows at apply time
(another resource's attribute, a data source, an unset variable, ``file()``) is UNKNOWN.
References to resources met on the way are collected (``Context.refs``) so the resource graph
can be built even where values are unknown.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from gdcc_audit.load.terraform.ast import (
    Attr,
    Binary,
    Call,
    Conditional,
    Expr,
    ForExpr,
    Index,
    Lit,
    ObjectExpr,
    Op,
    Part,
    Splat,
    Template,
    TemplateFor,
    TemplateIf,
    Traversal,
    TupleExpr,
    Unary,
    Var,
    field_values,
)
from gdcc_audit.load.terraform.budget import Budget, BudgetExceeded
from gdcc_audit.load.terraform.functions import call_function
from gdcc_audit.load.terraform.secret_sources import SECRET_MARK, secret_attribute
from gdcc_audit.load.terraform.values import (
    Computed,
    Differs,
    EvalError,
    Partial,
    PartialMap,
    Pending,
    ResourceObject,
    UnknownResult,
    VpcRange,
    VpcRanges,
    has_unknown,
    instance_suffix,
    is_unknown,
    map_key,
    normal_number,
    settled,
    to_bool,
    to_number,
    to_str,
    value_key,
)
from gdcc_audit.load.terraform_model import (
    AWS_ID_TEXT,
    OAI_ARN_TEXT,
    OAI_CANONICAL_TEXT,
    UNKNOWN,
    UNKNOWN_TEXT,
)
from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.secrets.pointer import (
    Composed,
    Pointer,
    SecretBearing,
    locator,
    name_piece,
    pointer_attribute,
)

#: Names that are never resource types.
_SPECIAL = frozenset(
    {"var", "local", "module", "data", "each", "count", "path", "terraform", "self"}
)


#: ``True`` / ``False`` written as in Python. Terraform refuses them (a bare name is a
#: reference), but the intent is not in doubt: they are read as the boolean, and the loader
#: reports the line (``module.capitalised_booleans``) so the file is partially assessed.
CAPITALISED_BOOLS = {"True": True, "False": False, "TRUE": True, "FALSE": False}


class Scope(Protocol):
    """What an expression can see of its module instance."""

    prefix: str
    path_module: str
    path_root: str

    def variable(self, name: str, ctx: Context) -> Any:
        """The value of ``var.name`` (adding its references to ``ctx.refs``)."""

    def local(self, name: str, ctx: Context) -> Any:
        """The value of ``local.name``."""

    def module_ref(self, ops: tuple[Op, ...], ctx: Context) -> tuple[Any, int]:
        """The value of ``module.<ops>`` and how many of ``ops`` it used."""

    def read_file(self, path: str) -> tuple[str, str | None]:
        """``("ok", text)`` of a UTF-8 file inside the configuration, ``("missing", None)``
        when no such file is there, ``("refused", None)`` for one outside it or too big."""

    def data_value(self, rtype: str, name: str, ctx: Context) -> Any:
        """What ``data.<rtype>.<name>`` is statically (a policy document's JSON), or UNKNOWN."""

    def resource_value(
        self, rtype: str, name: str, ops: tuple[Op, ...], ctx: Context
    ) -> tuple[Any, int]:
        """The configured value of an argument of managed resource ``<rtype>.<name>``
        (``ops``: an optional instance index, then the argument's name) and how many of
        ``ops`` it used; UNKNOWN when it is not written (computed at apply)."""


@dataclass
class Context:
    """A scope plus the names bound around an expression (each, count, for variables)."""

    scope: Scope
    names: dict[str, Any] = field(default_factory=dict)
    refs: set[str] = field(default_factory=set)
    #: When set, templates and ``jsonencode`` write it in place of a value that cannot be
    #: known instead of giving up (see ``render_with_placeholders``).
    placeholder: str | None = None
    #: What the expressions may still build (shared by a whole root module's evaluation).
    budget: Budget = field(default_factory=Budget)
    #: Set while looking again at a template that cannot be known, for the secrets it reads
    #: (see ``_mark_secrets``): templates are then walked, not rendered.
    marking: bool = False

    def bind(self, **names: Any) -> Context:
        """A context with more names bound, sharing the reference collector and budget."""
        return Context(
            self.scope,
            {**self.names, **names},
            self.refs,
            self.placeholder,
            self.budget,
            self.marking,
        )

    def plain(self) -> Context:
        """This context without placeholders (for values that are compared or computed on)."""
        if self.placeholder is None:
            return self
        return Context(self.scope, self.names, self.refs, budget=self.budget, marking=self.marking)


#: What a failed evaluation can raise; the value is then UNKNOWN.
_FAILURES = (
    EvalError,
    UnknownResult,
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    ArithmeticError,
    RecursionError,
    BudgetExceeded,
)
#: What evaluating an expression may raise when a value does not fit (see ``evaluate_pending``).
FAILURES = _FAILURES


def evaluate(expr: Expr, ctx: Context) -> Any:
    """The value of ``expr``; EvalError where Terraform would fail."""
    handler = _HANDLERS.get(type(expr))
    if handler is None:
        raise EvalError(f"cannot evaluate {type(expr).__name__}")
    if ctx.placeholder is not None and not _carries_placeholder(expr):
        ctx = ctx.plain()
    return handler(expr, ctx)


#: Functions whose result only assembles their arguments (see ``_carries_placeholder``).
_PLACEHOLDER_CALLS = frozenset(
    {"jsonencode", "templatefile", "templatestring", "coalesce", "replace", "one", "join", "try",
     "merge", "concat", "compact", "flatten", "format", "distinct", "toset", "setunion",
     "coalescelist"}
)
#: A ``format`` spec whose verbs only write their argument as text (``%s``, ``%v``, ``%%``).
_TEXT_VERBS = re.compile(r"(?:[^%]|%[sv%])*")


def _carries_placeholder(expr: Expr) -> bool:
    """Expressions whose result is only assembled, never compared or computed on: a
    placeholder inside them cannot change another value (a condition, a key, a count)."""
    if isinstance(expr, Template | TupleExpr | ObjectExpr | Lit | Var | Conditional | ForExpr):
        # a conditional's condition, a for expression's items and keys are evaluated
        # without placeholders
        return True
    if isinstance(expr, Call):
        # ``coalesce(var.policy, data.x.json)`` picks a known argument (one not known fails);
        # ``replace(var.policy, "__ARN__", aws_x.y.arn)`` fills a text that is known;
        # ``one(data.x[*].json)`` / ``join("", data.x[*].json)`` take a counted document;
        # ``try(data.aws_caller_identity.this[0].account_id, "")`` the first that evaluates;
        # ``merge({a = "${local.prefix}/A"}, local.more)`` / ``concat`` / ``flatten`` assemble
        # collections (``source_policy_documents = flatten(concat(data.x[*].json, ...))``)
        # (a for_each over them keeps the plain one's items: see ``_for``); ``compact`` of
        # documents rendered so (an element wholly unknown may be empty: see ``_call``)
        return expr.name in _PLACEHOLDER_CALLS
    # ``data.x.json``, ``var.x``, ``local.x``, ``module.x.y``, ``aws_x.y.arn``, ``each.value``:
    # a value fetched, not computed on (an index inside is evaluated without placeholders)
    return isinstance(expr, Traversal) and isinstance(expr.base, Var)


#: Attributes of AWS data sources that hold an identifier AWS assigns (``AWS_ID_TEXT``):
#: aws provider data sources caller_identity ("account_id", "arn", "id", "user_id"),
#: partition ("partition", "dns_suffix", "reverse_dns_prefix", "id") and region ("name",
#: "region", "id", "endpoint"); any AWS resource or data source's ``arn``. A CloudFront origin
#: access identity's ``iam_arn`` (``arn:aws:iam::cloudfront:user/CloudFront Origin Access
#: Identity E...``), ``s3_canonical_user_id`` and ``id`` name that one identity, "a special
#: CloudFront user" that a bucket policy grants to (CloudFront developer guide,
#: private-content-restricting-access-to-s3.html, origin access identity), never everyone.
#: The ``id`` of an IAM SAML or OpenID Connect provider is its ARN (Terraform AWS provider,
#: resources iam_saml_provider / iam_openid_connect_provider: imported by ARN, ``id`` "The
#: ARN assigned by AWS for this provider"), and an ``aws_cognito_identity_pool``'s ``id`` the
#: pool id AWS gives it, ``REGION:GUID`` (resource cognito_identity_pool, "An identity pool
#: ID, e.g. us-west-2:1a234567-8901-234b-5cde-f6789g01h2i3"): a trust naming one names that
#: one provider or pool.
_OAI = frozenset({"iam_arn", "s3_canonical_user_id", "id"})
_OAI_TEXTS = {"iam_arn": OAI_ARN_TEXT, "s3_canonical_user_id": OAI_CANONICAL_TEXT}
_AWS_IDENTIFIERS = {
    "aws_caller_identity": frozenset({"account_id", "arn", "id", "user_id"}),
    "aws_partition": frozenset({"partition", "dns_suffix", "reverse_dns_prefix", "id"}),
    "aws_region": frozenset({"name", "region", "id", "endpoint"}),
    "aws_cloudfront_origin_access_identity": _OAI,
    "aws_iam_saml_provider": frozenset({"id"}),
    "aws_iam_openid_connect_provider": frozenset({"id"}),
    "aws_cognito_identity_pool": frozenset({"id"}),
}


def _aws_identifier(rtype: str, ops: tuple[Op, ...]) -> str | None:
    """The text ``<rtype>.<name><ops>`` (``ops`` after the name: an optional instance key, then
    one attribute) renders to when it reads an identifier AWS assigns, never a wildcard
    (``AWS_ID_TEXT``; an origin access identity's ``iam_arn`` / ``s3_canonical_user_id``
    keep what they are: ``OAI_ARN_TEXT`` / ``OAI_CANONICAL_TEXT``); None for anything else."""
    if ops and isinstance(ops[0], Index):
        ops = ops[1:]
    if len(ops) != 1 or not isinstance(ops[0], Attr) or not rtype.startswith("aws_"):
        return None
    name = ops[0].name
    if rtype == "aws_cloudfront_origin_access_identity" and name in _OAI_TEXTS:
        return _OAI_TEXTS[name]
    if name == "arn" or name in _AWS_IDENTIFIERS.get(rtype, ()):
        return AWS_ID_TEXT
    return None


def _provider_arn(rtype: str, name: str, ops: tuple[Op, ...], ctx: Context) -> str | None:
    """An ``aws_iam_openid_connect_provider``'s ``arn`` / ``id`` when its ``url`` is written:
    the ARN AWS gives it, ``arn:aws:iam::ACCOUNT:oidc-provider/<url without https://>`` (IAM
    User Guide, "Create an OpenID Connect (OIDC) identity provider in IAM"), partition and
    account as ``AWS_ID_TEXT``: a trust naming the provider names its issuer
    (``token.actions.githubusercontent.com``: GitHub Actions, judged as such); None for
    anything else."""
    if rtype != "aws_iam_openid_connect_provider":
        return None
    index = ops[:1] if ops and isinstance(ops[0], Index) else ()
    rest = ops[len(index):]
    if len(rest) != 1 or not isinstance(rest[0], Attr) or rest[0].name not in ("arn", "id"):
        return None
    try:
        url, _ = ctx.scope.resource_value(rtype, name, (*index, Attr("url")), ctx.plain())
    except _FAILURES:
        return None
    return _oidc_arn(url)


#: Data sources that look an object up by an argument the result holds as written, by type:
#: those arguments. ``data "google_iam_role"`` reads the role by ``name`` ("The name of the Role
#: to lookup in the form roles/{ROLE_NAME}, organizations/{ORGANIZATION_ID}/roles/{ROLE_NAME} or
#: projects/{PROJECT_ID}/roles/{ROLE_NAME}", registry.terraform.io/providers/hashicorp/google/
#: latest/docs/data-sources/iam_role): its ``name`` is that role.
_ECHOED = {"google_iam_role": frozenset({"name"})}


def _echoed(rtype: str, name: str, ops: tuple[Op, ...], ctx: Context) -> str | None:
    """``data.<rtype>.<name>.<argument>`` of an argument :data:`_ECHOED` keeps: the text the
    data source (without ``count`` / ``for_each``) writes for it; None otherwise."""
    arguments = _ECHOED.get(rtype)
    if arguments is None or len(ops) != 1 or not isinstance(ops[0], Attr):
        return None
    if ops[0].name not in arguments:
        return None
    lookup = getattr(ctx.scope, "lookup_argument", None)
    written = lookup(rtype, name, ops[0].name) if lookup is not None else None
    return written if isinstance(written, str) and written and not is_unknown(written) else None


def _looked_up_provider(rtype: str, name: str, ops: tuple[Op, ...], ctx: Context) -> str | None:
    """A ``data "aws_iam_openid_connect_provider"`` looked up by ``url``: its ``arn`` (``id``)
    is that provider's ARN (as :func:`_provider_arn`); by ``arn`` or not known: None."""
    if rtype != "aws_iam_openid_connect_provider" or len(ops) != 1:
        return None
    if not isinstance(ops[0], Attr) or ops[0].name not in ("arn", "id"):
        return None
    lookup = getattr(ctx.scope, "lookup_argument", None)
    url = lookup(rtype, name, "url") if lookup is not None else None
    return _oidc_arn(url)


def _looked_up_managed_policy(
    rtype: str, name: str, ops: tuple[Op, ...], ctx: Context
) -> str | None:
    """A ``data "aws_iam_policy"`` looked up by ``name`` (no ``arn``, no ``path_prefix``) that
    names an AWS managed policy listed in ``models.aws_managed_policies``
    (``name = "AWSLambdaBasicExecutionRole"``, terraform-aws-control_tower_account_factory):
    its ``arn`` is that policy's, partition as ``AWS_ID_TEXT``. The data source lists the
    account's policies, AWS managed ones included, and fails unless exactly one has that name
    (Terraform AWS provider, data source aws_iam_policy: ``name`` "Name of the IAM policy",
    ``path_prefix`` defaults to ``/``); an AWS managed policy of that name always exists, so a
    plan that succeeds reads it. None for anything else."""
    if rtype != "aws_iam_policy" or len(ops) != 1:
        return None
    if not isinstance(ops[0], Attr) or ops[0].name not in ("arn", "id"):
        return None
    lookup = getattr(ctx.scope, "lookup_argument", None)
    if lookup is None or lookup(rtype, name, "arn") is not UNKNOWN or lookup(
        rtype, name, "path_prefix"
    ) is not UNKNOWN:
        return None  # (UNKNOWN: not written, or not known)
    wanted = lookup(rtype, name, "name")
    if not isinstance(wanted, str) or not wanted or "/" in wanted:
        return None
    from gdcc_audit.models.aws_managed_policies import AWS_POLICY_ARN, MANAGED

    found = [arn for arn in MANAGED if arn.rsplit("/", 1)[-1] == wanted]
    if len(found) != 1:
        return None
    return f"arn:{AWS_ID_TEXT}:iam::aws:policy/" + found[0].removeprefix(AWS_POLICY_ARN)


def _oidc_arn(url: Any) -> str | None:
    """The ARN of the IAM OIDC provider of issuer ``url``, partition and account not known."""
    if not isinstance(url, str) or not url or is_unknown(url) or any(c in url for c in "*?"):
        return None
    host = url.removeprefix("https://").rstrip("/")
    return f"arn:{AWS_ID_TEXT}:iam::{AWS_ID_TEXT}:oidc-provider/{host}"


def render_with_placeholders(expr: Expr, ctx: Context, placeholder: str) -> str | None:
    """The JSON text a template, ``jsonencode(...)`` or policy document renders to with every
    value that cannot be known written as ``placeholder``; None when it does not render to a
    JSON object or list (a condition, a loop or a key that cannot be known still makes it
    unknowable)."""
    if isinstance(expr, Lit | Var | TupleExpr | ObjectExpr) or not _carries_placeholder(expr):
        return None  # nothing a placeholder would change: not evaluated twice
    if isinstance(expr, Template) and all(isinstance(part, str) for part in expr.parts):
        return None
    inner = Context(ctx.scope, ctx.names, set(), placeholder, ctx.budget)
    try:
        value = evaluate(expr, inner)
    except _FAILURES:
        return None
    if isinstance(value, dict) and isinstance(value.get("json"), str):
        value = value["json"]  # data.aws_iam_policy_document.x without .json
    if not isinstance(value, str) or not value.lstrip().startswith(("{", "[")):
        return None  # only JSON documents (policies) are worth keeping
    return value


def render_text_with_placeholders(expr: Expr, ctx: Context, placeholder: str) -> Any:
    """The text (or list of texts) an expression renders to with every value that cannot be
    known written as ``placeholder`` (``"serviceAccount:${google_service_account.x.email}"``,
    a list of such members); None when it renders to anything else. For values whose written
    part decides a question (an IAM member's type prefix)."""
    inner = Context(ctx.scope, ctx.names, set(), placeholder, ctx.budget)
    try:
        value = evaluate(expr, inner)
    except _FAILURES:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def evaluate_pending(expr: Expr, ctx: Context) -> Any:
    """The value of ``expr``, or UNKNOWN where evaluation fails, :class:`Pending` values kept
    (for the loader's own values: locals, inputs, instances)."""
    try:
        return evaluate(expr, ctx)
    except _FAILURES:
        return UNKNOWN


def evaluate_or_unknown(expr: Expr, ctx: Context) -> Any:
    """The value of ``expr``, or UNKNOWN where evaluation fails (every :class:`Pending`
    value in it UNKNOWN)."""
    return settled(evaluate_pending(expr, ctx))


def _lit(expr: Lit, ctx: Context) -> Any:
    return expr.value


class _Text:
    """A template's output so far, refused once it passes the value cap; ``read``: a value
    was interpolated; ``names``: every piece so far reads as part of a name
    (:class:`~gdcc_audit.secrets.pointer.Composed`)."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.pieces: list[str] = []
        self.length = 0
        self.read = False
        self.names = True

    def add(self, piece: str) -> None:
        self.length += len(piece)
        self.budget.check_length(self.length)
        self.pieces.append(piece)
        if self.names and not name_piece(piece):
            self.names = False

    def add_read(self, value: Any, part: Expr) -> None:
        """An interpolated value: a resource's name or a composed name is one; another
        string is when it reads as one and no secret-named value gave it."""
        piece = to_str(value)
        self.length += len(piece)
        self.budget.check_length(self.length)
        self.pieces.append(piece)
        self.read = True
        if self.names and type(value) not in (Pointer, Composed):
            self.names = name_piece(piece) and not _reads_secret_name(part)

    def text(self) -> str:
        """The output: a :class:`Composed` when it interpolates a value, every piece reads
        as part of a name and the whole locates something (a path, an ARN, a URL); a name
        without one (``"${var.prefix}-password"`` = ``shop-password``) is a password fixed by
        the configuration when its argument holds one, judged as written."""
        joined = "".join(self.pieces)
        return Composed(joined) if self.read and self.names and locator(joined) else joined


def _reads_secret_name(expr: Any) -> bool:
    """Whether ``expr`` reads an attribute, variable or local named like a secret
    (``var.db_password``, ``lower(local.admin_token)``)."""
    if isinstance(expr, Traversal):
        if any(isinstance(op, Attr) and is_secret_name(op.name) for op in expr.ops):
            return True
        return _reads_secret_name(expr.base)
    if isinstance(expr, Call):
        return any(_reads_secret_name(arg) for arg in expr.args)
    if isinstance(expr, Conditional):
        return _reads_secret_name(expr.then) or _reads_secret_name(expr.other)
    if isinstance(expr, Template):
        return any(_reads_secret_name(p) for p in expr.parts if isinstance(p, Expr))
    return not isinstance(expr, Traversal | Var | Lit)


def _render(parts: tuple[Part, ...], ctx: Context, out: _Text) -> None:
    for part in parts:
        if isinstance(part, str):
            out.add(part)
        elif isinstance(part, TemplateIf):
            cond = evaluate(part.cond, ctx)
            if is_unknown(cond):
                raise UnknownResult
            _render(part.then if to_bool(cond) else part.other, ctx, out)
        elif isinstance(part, TemplateFor):
            for key, value in _items(evaluate(part.collection, ctx)):
                ctx.budget.iterate()
                names = {part.value: value}
                if part.key:
                    names[part.key] = key
                _render(part.body, ctx.bind(**names), out)
        elif ctx.placeholder is not None:
            try:
                value = evaluate(part, ctx)
            except UnknownResult:
                value = UNKNOWN
            out.add(_written(value, ctx.placeholder))
        else:
            out.add_read(evaluate(part, ctx), part)


def _written(value: Any, placeholder: str) -> str:
    """A template part as text, ``placeholder`` for what is not known (in the shape of a
    :class:`Partial`)."""
    if type(value) is Partial:
        return value.shape.replace(UNKNOWN_TEXT, placeholder)
    return placeholder if is_unknown(value) else to_str(value)


def _template(expr: Template, ctx: Context) -> Any:
    parts = expr.parts
    if len(parts) == 1 and isinstance(parts[0], Expr):
        return evaluate(parts[0], ctx)
    if ctx.marking:
        _walk_reads(parts, ctx)
        return UNKNOWN
    out = _Text(ctx.budget)
    try:
        _render(parts, ctx, out)
    except UnknownResult:
        if ctx.placeholder is None:
            _mark_secrets(parts, ctx)
            return _partial(parts, ctx)
        return UNKNOWN
    return ctx.budget.charge(out.text())


#: The longest written text a :class:`Partial` keeps the shape of.
_PARTIAL_TEXT = 256


def _partial(parts: tuple[Part, ...], ctx: Context) -> Any:
    """A template that cannot be known, as a :class:`Partial` of the shape it renders to with
    ``UNKNOWN_TEXT`` in place of each unknown part (its references stay those the first
    rendering met); UNKNOWN for a long template, or one whose ``if`` / ``for`` is not known."""
    if sum(len(part) for part in parts if isinstance(part, str)) > _PARTIAL_TEXT:
        return UNKNOWN
    if not all(isinstance(part, str | Expr) for part in parts):
        return UNKNOWN
    inner = Context(ctx.scope, ctx.names, set(), UNKNOWN_TEXT, ctx.budget)
    out = _Text(ctx.budget)
    try:
        _render(parts, inner, out)
    except _FAILURES:
        return UNKNOWN
    shape = "".join(out.pieces)
    return Partial(shape) if len(shape) <= 4 * _PARTIAL_TEXT else UNKNOWN


def _mark_secrets(parts: tuple[Part, ...], ctx: Context) -> None:
    """Rendering stops at the first part that cannot be known; a secret read by a later part
    (``echo ${aws_instance.x.id} ${var.db_password}``) is still in the text at apply time.
    The parts are walked once more, in a context of their own, and the secret reads are
    kept, with the references of the interpolations outside ``%{if}`` / ``%{for}``
    (``"${var.prefix}/${aws_s3_bucket.b.arn}"`` refers to the bucket: it was lost when an
    earlier part was not known)."""
    budget = ctx.budget.marking
    if budget is None:
        budget = ctx.budget.marking = Budget()
    inner = Context(ctx.scope, ctx.names, set(), None, budget, marking=True)
    _walk_reads(parts, inner)
    ctx.refs.update(ref for ref in inner.refs if ref.startswith(SECRET_MARK))
    direct = Context(ctx.scope, ctx.names, ctx.refs, None, budget, marking=True)
    for part in parts:
        if isinstance(part, Expr):
            evaluate_pending(part, direct)


def _walk_reads(parts: tuple[Part, ...], ctx: Context) -> None:
    """Evaluate every expression of a template, both branches of each ``if``, for what they
    read (``ctx.refs``); a ``for`` body is not walked (its names are not bound)."""
    for part in parts:
        if isinstance(part, str):
            continue
        if isinstance(part, TemplateIf):
            evaluate_pending(part.cond, ctx)
            _walk_reads(part.then, ctx)
            _walk_reads(part.other, ctx)
        elif isinstance(part, TemplateFor):
            evaluate_pending(part.collection, ctx)
        else:
            evaluate_pending(part, ctx)


def _items(collection: Any) -> list[tuple[Any, Any]]:
    if is_unknown(collection):
        raise UnknownResult
    if isinstance(collection, list):
        return list(enumerate(collection))
    if isinstance(collection, dict):
        return sorted(collection.items())
    raise EvalError("cannot iterate over a value that is not a collection")


def _var(expr: Var, ctx: Context) -> Any:
    return _traverse(expr, (), ctx)


def _traversal(expr: Traversal, ctx: Context) -> Any:
    if isinstance(expr.base, Var):
        return _traverse(expr.base, expr.ops, ctx)
    return apply_ops(evaluate(expr.base, ctx), expr.ops, ctx)


#: ``each`` key of an instance whose ``for_each`` item reads resources: their references
#: (:class:`ItemRefs`, ``designation.item_refs``), noted wherever ``each.value`` is read.
EACH_REFS = "__refs__"


@dataclass(frozen=True, slots=True)
class ItemRefs:
    """The resources a ``for_each`` item reads (``refs``) and, for an item written as an
    object (``{ group = aws_security_group.web.id, cidr = "10.0.1.0/24" }``), what each of
    its attributes reads (``parts``, by key): ``each.value.cidr`` holds only ``cidr``'s."""

    refs: frozenset[str]
    parts: dict[str, ItemRefs] = field(default_factory=dict)

    def read(self, ops: tuple[Op, ...]) -> frozenset[str]:
        """What the path ``ops`` after ``each.value`` reads: the references of the attribute
        it names, or of the deepest one named by a literal key (``.cidr``, ``["cidr"]``);
        the whole item's when no known attribute is named (``each.value``, ``[var.k]``)."""
        node = self
        for op in ops:
            if isinstance(op, Attr):
                key: Any = op.name
            elif isinstance(op, Index) and isinstance(op.key, Lit):
                key = op.key.value
            elif (
                isinstance(op, Index) and isinstance(op.key, Template)
                and len(op.key.parts) == 1 and isinstance(op.key.parts[0], str)
            ):
                key = op.key.parts[0]
            else:
                break
            if isinstance(key, int | float) and not isinstance(key, bool) and key == int(key):
                key = str(int(key))  # a tuple item's index (``each.value.rules[0]``)
            part = node.parts.get(key) if isinstance(key, str) else None
            if part is None:
                break
            node = part
        return node.refs


def _traverse(base: Var, ops: tuple[Op, ...], ctx: Context) -> Any:
    name = base.name
    if name in ctx.names:
        bound = ctx.names[name]
        if name == "each" and isinstance(bound, dict) and EACH_REFS in bound and ops and (
            isinstance(ops[0], Attr) and ops[0].name == "value"
        ):
            # the resources its for_each item reads: those of the attribute read only
            item = bound[EACH_REFS]
            ctx.refs.update(item.read(ops[1:]) if isinstance(item, ItemRefs) else item)
        return apply_ops(bound, ops, ctx)
    scope = ctx.scope
    first = ops[0].name if ops and isinstance(ops[0], Attr) else None
    if name == "var" and first is not None:
        return apply_ops(scope.variable(first, ctx), ops[1:], ctx)
    if name == "local" and first is not None:
        return apply_ops(scope.local(first, ctx), ops[1:], ctx)
    if name == "module" and first is not None:
        value, used = scope.module_ref(ops, ctx)
        return apply_ops(value, ops[used:], ctx)
    if name == "path" and first is not None:
        if first == "module":
            return scope.path_module
        if first == "root":
            return scope.path_root
        return UNKNOWN
    if name == "data":
        if len(ops) >= 2 and isinstance(ops[1], Attr) and first is not None:
            ctx.refs.add(scope.prefix + "data." + first + "." + ops[1].name + _key(ops[2:], ctx))
            _secret_read("data", first, ops[1].name, ops[2:], ctx)
            value = scope.data_value(first, ops[1].name, ctx)
            if value is not UNKNOWN:
                return apply_ops(value, ops[2:], ctx)
            if (echoed := _echoed(first, ops[1].name, ops[2:], ctx)) is not None:
                return echoed
            if ctx.placeholder is not None and (
                known := _looked_up_provider(first, ops[1].name, ops[2:], ctx)
                or _looked_up_managed_policy(first, ops[1].name, ops[2:], ctx)
                or _aws_identifier(first, ops[2:])
            ):
                return known
            if _range_read(first, ops[2:]):
                return VpcRange(scope.prefix + "data." + first + "." + ops[1].name)
            if _ranges_read(first, ops[2:]):
                return VpcRanges(scope.prefix + "data." + first + "." + ops[1].name)
        return UNKNOWN
    if name in _SPECIAL:
        return UNKNOWN
    if name in CAPITALISED_BOOLS and not ops:
        return CAPITALISED_BOOLS[name]
    if first is not None:
        ctx.refs.add(scope.prefix + name + "." + first + _key(ops[1:], ctx))
        _secret_read("managed", name, first, ops[1:], ctx)
        whole = _whole_resource(name, first, ops[1:], ctx)
        if whole is not None:
            value, used = whole
            return apply_ops(value, ops[1 + used :], ctx)
        value, used = scope.resource_value(name, first, ops[1:], ctx)
        if value is UNKNOWN and ctx.placeholder is not None and (
            known := _provider_arn(name, first, ops[1:], ctx) or _aws_identifier(name, ops[1:])
        ):
            return known
        if value is UNKNOWN:
            return _computed(scope.prefix + name + "." + first, name, ops[1:], ctx)
        return _pointed(name, ops[1:], apply_ops(value, ops[1 + used :], ctx))
    raise EvalError(f"unknown name {name!r}")


#: Attributes every managed resource has once created, never null nor empty (Terraform
#: keeps a resource in its state only while its ``id`` is set); an AWS resource's ``arn``.
_COMPUTED_ALWAYS = frozenset({"id"})
_COMPUTED_AWS = frozenset({"id", "arn"})


def _whole_resource(
    rtype: str, name: str, ops: tuple[Op, ...], ctx: Context
) -> tuple[Any, int] | None:
    """``aws_security_group.a`` (``[key]``, ``[*]``) used as a whole: a
    :class:`ResourceObject` (a list or map of them for a resource with count / for_each,
    when its instances are known) and how many of ``ops`` that used; None when ``ops`` read
    an argument (``.id``, ``[0].id``), or the scope cannot list instances."""
    if ops and isinstance(ops[0], Attr):
        return None
    if len(ops) >= 2 and isinstance(ops[0], Index) and isinstance(ops[1], Attr):
        return None
    lister = getattr(ctx.scope, "resource_keys", None)
    if lister is None:
        return None
    keys = lister(rtype, name)
    address = f"{ctx.scope.prefix}{rtype}.{name}"
    if keys is UNKNOWN:
        return UNKNOWN, len(ops)
    if keys is None:
        return ResourceObject(address, rtype, name, None), 0
    instances = {
        key: ResourceObject(address + instance_suffix(key), rtype, name, key) for key in keys
    }
    if ops and isinstance(ops[0], Index):
        key = index_key(ops[0].key, ctx)
        if is_unknown(key) or isinstance(key, bool):
            return UNKNOWN, len(ops)
        key = int(to_number(key)) if all(isinstance(k, int) for k in keys) else map_key(key)
        if key not in instances:
            raise EvalError(f"{address} has no instance {key!r}")
        return instances[key], 1
    if all(isinstance(key, int) for key in keys) and (keys or not isinstance(keys, dict)):
        return [instances[key] for key in sorted(instances)], 0  # count: a list
    return dict(sorted(instances.items())), 0  # for_each: a map, empty when it has none


def _read_object(value: ResourceObject, attribute: str, ctx: Context) -> Any:
    """``attribute`` of a whole resource used as a value, read as
    ``<address>.<attribute>`` would be, with the reference noted where it is read."""
    ctx.refs.add(value.address)
    ops: tuple[Op, ...] = (Attr(attribute),)
    if value.key is not None:
        ops = (Index(Lit(value.key)), *ops)
    _secret_read("managed", value.rtype, value.name, ops, ctx)
    found, _ = ctx.scope.resource_value(value.rtype, value.name, ops, ctx)
    if found is UNKNOWN and ctx.placeholder is not None and (
        known := _provider_arn(value.rtype, value.name, ops, ctx)
        or _aws_identifier(value.rtype, ops)
    ):
        return known
    if found is UNKNOWN:
        return _computed_attribute(value.address, value.rtype, attribute)
    return _pointed(value.rtype, ops, found)


def _pointed(rtype: str, ops: tuple[Op, ...], value: Any) -> Any:
    """``value``, read as ``<resource><ops>``, as a :class:`Pointer` when it is a string
    that names or locates the resource (its ``name``, ``arn``, ``url`` ... and not an
    attribute the provider marks sensitive): a secret-named argument holding it
    (``webhook_secret = aws_ssm_parameter.s.name``) holds no secret written there."""
    if type(value) is not str:
        return value
    attributes = [op.name for op in ops if isinstance(op, Attr)]
    if (
        len(attributes) != 1
        or not pointer_attribute(attributes[0])
        or secret_attribute(rtype, attributes)
    ):
        return value
    return Pointer(value)


def _computed(address: str, rtype: str, ops: tuple[Op, ...], ctx: Context) -> Any:
    """What ``<address><ops>`` of a managed resource is when its configuration does not say:
    a :class:`Computed` for its ``id`` (an AWS resource's ``arn``) read with a known
    instance key or none, else UNKNOWN."""
    suffix = ""
    if ops and isinstance(ops[0], Index):
        suffix = _key(ops, ctx)
        if not suffix:
            return UNKNOWN  # which instance is not known
        ops = ops[1:]
    if len(ops) != 1 or not isinstance(ops[0], Attr):
        return UNKNOWN
    return _computed_attribute(address + suffix, rtype, ops[0].name)


def _computed_attribute(address: str, rtype: str, attribute: str) -> Any:
    """``<address>.<attribute>`` not configured: a :class:`Computed` for an ``id`` (an AWS
    resource's ``arn``), else UNKNOWN."""
    if (rtype, attribute) in _VPC_RANGES:
        return VpcRange(address)
    if attribute not in (_COMPUTED_AWS if rtype.startswith("aws_") else _COMPUTED_ALWAYS):
        return UNKNOWN
    return Computed(f"{address}.{attribute}", f"{rtype}.{attribute}")


#: (type, attribute) of an AWS VPC's or subnet's own address range (:class:`VpcRange`).
_VPC_RANGES = frozenset({
    (rtype, attribute)
    for rtype in ("aws_vpc", "aws_default_vpc", "aws_subnet", "aws_default_subnet")
    for attribute in ("cidr_block", "ipv6_cidr_block")
} | {("aws_vpc_ipv4_cidr_block_association", "cidr_block")})


def _ranges_read(rtype: str, ops: tuple[Op, ...]) -> bool:
    """Whether ``data.aws_vpc.<name><ops>`` reads the VPC's IPv4 ranges (an instance key,
    then ``.cidr_block_associations[*].cidr_block``: each association's block, the primary
    one included; https://registry.terraform.io/providers/hashicorp/aws/latest/docs/
    data-sources/vpc#cidr_block_associations)."""
    if ops and isinstance(ops[0], Index):
        ops = ops[1:]
    return (
        rtype == "aws_vpc" and len(ops) == 2 and ops[0] == Attr("cidr_block_associations")
        and isinstance(ops[1], Splat) and ops[1].ops == (Attr("cidr_block"),)
    )


def _range_read(rtype: str, ops: tuple[Op, ...]) -> bool:
    """Whether ``data.<rtype>.<name><ops>`` reads one VPC's or subnet's address range (an
    instance key, then ``.cidr_block``)."""
    if ops and isinstance(ops[0], Index):
        ops = ops[1:]
    return len(ops) == 1 and isinstance(ops[0], Attr) and (rtype, ops[0].name) in _VPC_RANGES


def _secret_read(mode: str, rtype: str, name: str, ops: tuple[Op, ...], ctx: Context) -> None:
    """Record in ``ctx.refs`` (``SECRET_MARK`` + a description) an attribute read that is a
    secret whatever its value (``random_password.db.result``); see ``secret_sources``."""
    attributes = [op.name for op in ops if isinstance(op, Attr)]
    if not attributes or not secret_attribute(rtype, attributes):
        return
    describe = getattr(ctx.scope, "secret_source", None)
    text = describe(mode, rtype, name, attributes) if describe is not None else None
    if text is not None:
        ctx.refs.add(SECRET_MARK + text)


def index_key(key: Expr, ctx: Context) -> Any:
    """The value of an index key (``x[key]``), evaluated plain. A known key chose which
    item is read: what it read is kept apart, not counted as what the value is made of
    (``azurerm_network_interface.nic[local.ordered[0]].id`` refers to that interface, not
    to ``module.naming`` and the subnet read by the caller's map that gave the key; as a
    ``for``'s collection is kept apart from its values, :func:`_for`). A key that is not
    known, or fails, leaves its references with the value (they may decide it); the secrets
    a key reads always stay."""
    plain = ctx.plain()
    if ctx.marking:
        return evaluate(key, plain)
    own = _with_refs(plain, set())
    known = False
    try:
        value = evaluate(key, own)
        known = not is_unknown(value)
        return value
    finally:
        ctx.refs.update(
            own.refs if not known else (ref for ref in own.refs if ref.startswith(SECRET_MARK))
        )


def _key(ops: tuple[Op, ...], ctx: Context) -> str:
    """``[0]`` or ``["k"]`` when the traversal continues with a known index."""
    if not ops or not isinstance(ops[0], Index):
        return ""
    try:
        key = index_key(ops[0].key, ctx)
    except (EvalError, UnknownResult):
        return ""
    if isinstance(key, bool) or is_unknown(key):
        return ""
    if isinstance(key, int | float):
        return f"[{normal_number(key)}]"
    if isinstance(key, str):
        return instance_suffix(key)
    return ""


def apply_ops(value: Any, ops: tuple[Op, ...], ctx: Context) -> Any:
    """Apply attribute, index and splat operations to a value."""
    for position, op in enumerate(ops):
        if type(value) is ResourceObject and isinstance(op, Attr):
            value = _read_object(value, op.name, ctx)
            continue
        if type(value) is PartialMap and not isinstance(op, Splat):
            name = op.name if isinstance(op, Attr) else index_key(op.key, ctx)
            if is_unknown(name):
                return UNKNOWN
            value = value.read(map_key(name))
            continue
        if is_unknown(value):
            # Keep evaluating index expressions for the references they may hold.
            return UNKNOWN
        if isinstance(op, Attr):
            value = _get(value, op.name)
        elif isinstance(op, Index):
            key = index_key(op.key, ctx)
            if is_unknown(key):
                return UNKNOWN
            value = _index(value, key)
        else:
            if value is None:
                value = []
            elif not isinstance(value, list):
                value = [value]
            value = [apply_ops(item, op.ops, ctx) for item in value]
            return apply_ops(value, ops[position + 1 :], ctx)
    return value


def _get(value: Any, name: str) -> Any:
    if isinstance(value, dict):
        if name in value:
            return value[name]
        raise EvalError(f"no attribute {name!r}")
    raise EvalError(f"cannot read attribute {name!r} of a non-object")


def _index(value: Any, key: Any) -> Any:
    if isinstance(value, list):
        position = int(to_number(key))
        if 0 <= position < len(value):
            return value[position]
        raise EvalError("index out of range")
    if isinstance(value, dict):
        name = map_key(key)
        if name in value:
            return value[name]
        raise EvalError(f"no key {name!r}")
    raise EvalError("cannot index this value")


def _call(expr: Call, ctx: Context) -> Any:
    name = expr.name
    if name in ("try", "can"):
        return _try(expr, ctx)
    args = [evaluate(arg, ctx) for arg in expr.args]
    if name == "sensitive":
        ctx.refs.add(SECRET_MARK + "value marked by sensitive()")
    if name.removeprefix("core::") in READ_FUNCTIONS:
        read = _read_call(name.removeprefix("core::"), args, ctx)
        if read is not _NOT_READ:
            return ctx.budget.charge(read)
    if name.removeprefix("core::") == "templatestring":
        return ctx.budget.charge(_template_string(args, ctx))
    if ctx.placeholder is not None and name == "compact" and _wholly_unknown(args, ctx):
        return UNKNOWN  # an element not known at all may be "" or null: kept or not
    if ctx.placeholder is not None and name == "jsonencode":
        args = [_fill(arg, ctx.placeholder) for arg in args]
    if (
        ctx.placeholder is not None
        and name == "replace"
        and len(args) == 3
        and isinstance(args[0], str)
        and isinstance(args[1], str)
    ):
        # the text and what is replaced are known: only the replacement is not
        args[2] = _fill(args[2], ctx.placeholder)
    if (
        ctx.placeholder is not None
        and name == "format"
        and args
        and isinstance(args[0], str)
        and _TEXT_VERBS.fullmatch(args[0])
    ):
        # ``format("arn:%s:iam::aws:policy/AmazonEKSClusterPolicy", partition)``: each %s
        # writes its argument as it is (cloudposse's terraform-aws-eks-cluster)
        args[1:] = [_fill(arg, ctx.placeholder) for arg in args[1:]]
    if expr.expand and args:
        last = args.pop()
        if is_unknown(last):
            return UNKNOWN
        if not isinstance(last, list):
            raise EvalError("can only expand a list with '...'")
        args.extend(last)
    budget = ctx.budget
    budget.read(args)
    try:
        result = call_function(name, args)
    except BudgetExceeded as exc:
        budget.fail(str(exc))
    if name == "format" and isinstance(result, str) and len(args) > 1:
        result = _formatted(result, args, expr.args)
    return budget.charge(result)


#: A ``format`` verb (``%s``, ``%d``, ``%-5v``, ``%[2]s``), or ``%%``.
_FORMAT_VERB = re.compile(r"%(?:%|(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z])")


def _formatted(result: str, args: list[Any], exprs: tuple[Expr, ...]) -> str:
    """``format("%s/db/password", var.env)``'s result as a template building it would give
    it (:class:`_Text`): a :class:`Composed` when it locates something and the format's text
    and every value formatted in read as parts of a name, none read from a secret-named
    value."""
    if not isinstance(args[0], str) or not locator(result):
        return result
    if not all(name_piece(piece) for piece in _FORMAT_VERB.split(args[0])):
        return result
    for value, part in zip(args[1:], exprs[1:], strict=False):
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return result
        if type(value) in (Pointer, Composed):
            continue
        if not name_piece(to_str(value)) or _reads_secret_name(part):
            return result
    return Composed(result)


#: File functions run on files inside the configuration (see ``Scope.read_file`` and
#: ``list_files``); the others that read files, the clock or the environment never run.
READ_FUNCTIONS = frozenset({"file", "fileexists", "templatefile", "filebase64", "fileset"})
_NOT_READ = object()
#: Template files read by ``templatefile``, parsed once per text (see ``_parse_template``).
_TEMPLATES: dict[str, tuple[Expr, bool] | None] = {}
_TEMPLATES_KEPT = 256


def _read_call(name: str, args: list[Any], ctx: Context) -> Any:
    """``file`` / ``fileexists`` / ``templatefile`` on a file the scope lets be read (inside
    the root or the calling module's folder); ``_NOT_READ`` when it does not (the
    function's usual result then: UNKNOWN, or an error for a null argument)."""
    if name == "fileset":
        return _fileset(args, ctx)
    reader = getattr(ctx.scope, "read_file", None)
    if reader is None or not args or not isinstance(args[0], str):
        return _NOT_READ
    found, text = reader(args[0])
    if found == "refused":
        return _NOT_READ
    if name == "fileexists":
        return found == "ok"
    if found != "ok" or text is None:
        raise EvalError(f"{name}: no file {args[0]!r}")
    if name == "file":
        return text
    if name == "filebase64":
        # only UTF-8 files are read (others stay unknown): their bytes are the text's
        return base64.b64encode(text.encode("utf-8")).decode("ascii")
    if len(args) != 2:
        raise EvalError("templatefile: two arguments")
    return _render_template(name, text, args[1], ctx)


def _fileset(args: list[Any], ctx: Context) -> Any:
    """``fileset(path, pattern)``: the files under ``path`` that ``pattern`` matches, as the
    scope lists them (inside the configuration only); ``_NOT_READ`` otherwise."""
    lister = getattr(ctx.scope, "list_files", None)
    if lister is None or len(args) != 2 or not all(isinstance(a, str) for a in args):
        return _NOT_READ
    found, paths = lister(args[0], args[1])
    return paths if found == "ok" else _NOT_READ


def _template_string(args: list[Any], ctx: Context) -> Any:
    """``templatestring(template, vars)`` (Terraform 1.9): a string rendered as a template
    file's text would be."""
    if len(args) != 2:
        raise EvalError("templatestring: two arguments")
    text = args[0]
    if is_unknown(text):
        return UNKNOWN
    if not isinstance(text, str):
        raise EvalError("templatestring: the template must be a string")
    return _render_template("templatestring", text, args[1], ctx)


def _render_template(name: str, text: str, names: Any, ctx: Context) -> Any:
    """``text`` rendered as a template with the variables ``names``."""
    if is_unknown(names):
        return UNKNOWN
    if not isinstance(names, dict):
        raise EvalError(f"{name}: the variables must be an object")
    if text in _TEMPLATES:
        parsed = _TEMPLATES[text]
    else:
        if len(_TEMPLATES) >= _TEMPLATES_KEPT:
            _TEMPLATES.clear()
        parsed = _TEMPLATES[text] = _parse_template(text)
    if parsed is None:
        return UNKNOWN
    template, strip = parsed
    inner = Context(
        ctx.scope, dict(names), ctx.refs, ctx.placeholder, ctx.budget, ctx.marking
    )
    value = evaluate(template, inner)
    if strip and isinstance(value, str) and value.endswith("\n"):
        value = value[:-1]  # the line end _parse_template added to close the heredoc
    if isinstance(value, str) and _renders_literal_secret(names, value):
        return SecretBearing(value)
    return value


def _renders_literal_secret(names: dict[Any, Any], text: str) -> bool:
    """Whether ``text``, rendered with the variables ``names``, holds one that is a literal
    secret by its name (``db_password = "Hunter22"``: a string written in the configuration,
    not a resource's name or a value not known)."""
    return any(
        type(value) is str and value and value in text
        and detect_secrets({str(key): value})
        for key, value in names.items()
    )


def _parse_template(text: str) -> tuple[Expr, bool] | None:
    """A template file's text as a template expression (None when it does not parse): read
    as the body of a heredoc, the way Terraform reads template files; and whether the line
    end added to close the heredoc is still to be taken off what it renders."""
    from gdcc_audit.load.terraform.parse import parse_hcl

    marker = "GDCC_TEMPLATE"
    while marker in text:
        marker += "_"
    body = text if text.endswith("\n") else text + "\n"
    parsed = parse_hcl("<template>", f"t = <<{marker}\n{body}{marker}\n".encode())
    attribute = parsed.body.attributes.get("t")
    if parsed.issues or attribute is None:
        return None
    expr = attribute.expr
    if body is text:
        return expr, False
    # The added line end is dropped from the template itself where it is its last text, so
    # that the rendering is the value (a copy less one character would be charged again).
    if type(expr) is Lit and isinstance(expr.value, str) and expr.value.endswith("\n"):
        return Lit(expr.value[:-1]), False
    if type(expr) is Template and len(expr.parts) > 1 and isinstance(expr.parts[-1], str):
        last = expr.parts[-1].removesuffix("\n")
        if last or len(expr.parts) > 2 or not isinstance(expr.parts[0], Expr):
            return Template(expr.parts[:-1] + ((last,) if last else ())), False
    return expr, True


def _wholly_unknown(args: list[Any], ctx: Context) -> bool:
    """Whether a list argument of ``compact`` rendered with placeholders has an element that
    is nothing but the placeholder (a value not known at all)."""
    return any(
        is_unknown(arg)
        or (isinstance(arg, list) and any(is_unknown(v) or v == ctx.placeholder for v in arg))
        for arg in args
    )


def _fill(value: Any, placeholder: str) -> Any:
    """``value`` with every UNKNOWN in it replaced by ``placeholder``."""
    if type(value) is Partial:
        return _written(value, placeholder)
    if is_unknown(value):
        return placeholder
    if isinstance(value, list):
        return [_fill(item, placeholder) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, placeholder) for key, item in value.items()}
    return value


def _try(expr: Call, ctx: Context) -> Any:
    for position, arg in enumerate(expr.args):
        try:
            value = evaluate(arg, ctx)
        except (EvalError, UnknownResult):
            if expr.name == "can":
                return False
            continue
        if expr.name == "can":
            return UNKNOWN if is_unknown(value) else True
        if _may_fail(arg, value) and ctx.placeholder is None and not ctx.marking:
            # A value not known may still fail at apply (``try(var.config.bucket,
            # aws_s3_bucket.b.id)`` with no ``bucket``): a later argument may be the value,
            # so what it reads is read too.
            for later in expr.args[position + 1 :]:
                evaluate_pending(later, ctx)
        return value
    if expr.name == "can":
        return False
    raise EvalError("no argument of try() could be evaluated")


def _may_fail(arg: Expr, value: Any) -> bool:
    """Whether an argument of ``try`` whose value is ``value`` may still fail at apply: a
    value not known, unless it is a resource's id (never an error) or an input read as a
    whole (``var.x``: null at worst, which ``try`` returns)."""
    if not is_unknown(value) or getattr(value, "never_empty", False):
        return False
    return not (
        type(arg) is Traversal
        and type(arg.base) is Var
        and arg.base.name == "var"
        and len(arg.ops) == 1
        and type(arg.ops[0]) is Attr
    )


def _member(expr: Expr, ctx: Context) -> Any:
    """An element or member value. While rendering with placeholders, one that cannot be
    evaluated (an undefined local, an unknown result) is UNKNOWN, written as the
    placeholder, as in a plain evaluation the whole attribute would be: the rest of the
    document stays readable."""
    if ctx.placeholder is None:
        return evaluate(expr, ctx)
    try:
        return evaluate(expr, ctx)
    except (EvalError, UnknownResult):
        return UNKNOWN


def _tuple(expr: TupleExpr, ctx: Context) -> Any:
    return ctx.budget.charge(
        [item.value if type(item) is Lit else _member(item, ctx) for item in expr.items]
    )


def _object(expr: ObjectExpr, ctx: Context) -> Any:
    out: dict[str, Any] = {}
    for key_expr, value_expr in expr.items:
        # Literal keys and values (most of them) are taken as evaluating them gives them.
        key = key_expr.value if type(key_expr) is Lit else evaluate(key_expr, ctx.plain())
        value = value_expr.value if type(value_expr) is Lit else _member(value_expr, ctx)
        if is_unknown(key):
            return UNKNOWN
        out[map_key(key)] = value
    return ctx.budget.charge(out)


def _for(expr: ForExpr, ctx: Context) -> Any:
    """A ``for`` expression's list or map. What its collection, condition and keys read is
    kept apart from what its values read (:func:`_for_refs`): when the values use the
    ``for`` names only to pick (``[for k in local.keys : azurerm_network_interface.n[k].id]``)
    the list holds the resources its values read, not those the keys came from."""
    if ctx.marking:
        return _for_items(expr, ctx, ctx, ctx)
    choosing = _with_refs(ctx, set())
    holding = _with_refs(ctx, set())
    whole = False
    try:
        result = _for_items(expr, choosing, holding, _with_refs(ctx, choosing.refs))
        whole = is_unknown(result) or isinstance(result, PartialMap) or not _picks_only(expr)
        return result
    except BaseException:
        whole = True
        raise
    finally:
        ctx.refs.update(holding.refs)
        ctx.refs.update(
            choosing.refs if whole
            else (ref for ref in choosing.refs if ref.startswith(SECRET_MARK))
        )


def _with_refs(ctx: Context, refs: set[str]) -> Context:
    """``ctx`` collecting its references into ``refs``."""
    return Context(ctx.scope, ctx.names, refs, ctx.placeholder, ctx.budget, ctx.marking)


#: Functions whose argument after the first picks an item of the first (``lookup(m, k)``).
_PICKING_CALLS = frozenset({"lookup", "element", "index"})


def _picks_only(expr: ForExpr) -> bool:
    """Whether a ``for`` expression's values (and keys) use its names only to pick an item of
    something else (an index ``x[k]``, ``lookup(m, k)``, ``element(l, i)``): what its
    collection reads is then not what its values hold. Any other use (``s.id``, ``"${k}"``)
    carries the collection's items into the values."""
    names = {expr.value_var, *((expr.key_var,) if expr.key_var else ())}
    return _names_pick_only(expr.value, names)


def _names_pick_only(node: Any, names: set[str], picking: bool = False) -> bool:
    kind = type(node)
    if kind is Var:
        return picking or node.name not in names
    if kind is ForExpr and (node.value_var in names or node.key_var in names):
        return False  # a nested ``for`` naming one of the names again: not followed
    if kind is Traversal:
        if not _names_pick_only(node.base, names, picking):
            return False
        return all(_op_picks_only(op, names, picking) for op in node.ops)
    if kind is Call and node.name.removeprefix("core::") in _PICKING_CALLS and node.args:
        return _names_pick_only(node.args[0], names, picking) and all(
            _names_pick_only(arg, names, True) for arg in node.args[1:]
        )
    return all(_child_picks_only(child, names, picking) for child in field_values(node))


def _op_picks_only(op: Any, names: set[str], picking: bool) -> bool:
    if type(op) is Index:
        return _names_pick_only(op.key, names, True)
    if type(op) is Splat:
        return all(_op_picks_only(inner, names, picking) for inner in op.ops)
    return True


def _child_picks_only(child: Any, names: set[str], picking: bool) -> bool:
    if isinstance(child, tuple):
        return all(_child_picks_only(item, names, picking) for item in child)
    if isinstance(child, str | int | float | bool) or child is None:
        return True
    return _names_pick_only(child, names, picking)


def _for_items(expr: ForExpr, choosing: Context, holding: Context, ctx: Context) -> Any:
    """The items of ``expr``: its collection, conditions and keys evaluated in
    ``choosing``, its values in ``holding`` (with placeholders rendered as ``ctx`` has
    them, ``ctx`` collecting what ``choosing`` does)."""
    plain = choosing.plain()
    collection = evaluate(expr.collection, plain)
    if is_unknown(collection):
        return UNKNOWN
    # with placeholders, only the values are rendered so: which items, and their keys, are
    # those of the plain collection (a placeholder text decides no condition)
    shown = collection
    if ctx.placeholder is not None:
        shown = same_shape(collection, evaluate_pending(expr.collection, ctx))
    as_object = expr.key is not None
    items: list[Any] = []
    mapping: dict[str, Any] = {}
    #: keys of a map's items whose ``if`` is not known (see ``PartialMap``)
    maybe: set[str] = set()
    for (key, value), (_, shown_value) in zip(_items(collection), _items(shown), strict=True):
        ctx.budget.iterate()
        names = {expr.value_var: value}
        if expr.key_var:
            names[expr.key_var] = key
        inner = plain.bind(**names)
        if ctx.placeholder is not None:
            names[expr.value_var] = shown_value
        rendered = holding.bind(**names) if ctx.placeholder is not None else (
            holding.plain().bind(**names)
        )
        if expr.cond is not None:
            keep = evaluate(expr.cond, inner)
            if is_unknown(keep):
                if expr.key is None:
                    return UNKNOWN  # a list: where each later item is, is not known
                # an item that may be there: its key must be known; its value is not read
                # (it is UNKNOWN there), only visited for the references it holds
                out_key = evaluate_pending(expr.key, inner)
                if is_unknown(out_key):
                    return UNKNOWN
                evaluate_pending(expr.value, rendered)
                maybe.add(map_key(out_key))
                continue
            if not to_bool(keep):
                continue
        if expr.key is not None:
            out_key = evaluate(expr.key, inner)
            if is_unknown(out_key):
                return UNKNOWN
            name = map_key(out_key)
            result = evaluate(expr.value, rendered)
            if expr.group:
                mapping.setdefault(name, []).append(result)
            elif name in mapping:
                raise EvalError(f"duplicate key {name!r} in for expression")
            else:
                mapping[name] = result
        else:
            items.append(evaluate(expr.value, rendered))
    if maybe:
        partial = _partial_map(mapping, maybe, expr.group)
        ctx.budget.charge(mapping)
        return partial
    return ctx.budget.charge(mapping if as_object else items)


def _partial_map(mapping: dict[str, Any], maybe: set[str], group: bool) -> Any:
    """A ``for`` expression's map with the keys ``maybe`` of items whose ``if`` is not
    known: a group (``...``) that has an item known to be there and one that may be is there,
    its list not known; a key both there and maybe there (a duplicate, if the item is kept)
    makes the whole map UNKNOWN."""
    if group:
        for name in maybe & mapping.keys():
            mapping[name] = UNKNOWN
        return PartialMap(mapping, frozenset(maybe - mapping.keys()))
    if maybe & mapping.keys():
        return UNKNOWN
    return PartialMap(mapping, frozenset(maybe))


def same_shape(plain: Any, rendered: Any) -> Any:
    """``rendered`` where it is a list of the same length or a map of the same keys as
    ``plain`` (what a ``for`` or ``for_each`` iterates over), else ``plain``."""
    if isinstance(plain, list) and isinstance(rendered, list) and len(plain) == len(rendered):
        return rendered
    if isinstance(plain, dict) and isinstance(rendered, dict) and plain.keys() == rendered.keys():
        return rendered
    return plain


def _conditional(expr: Conditional, ctx: Context) -> Any:
    cond = evaluate(expr.cond, ctx.plain())
    if is_unknown(cond):
        # Both branches are visited for the references they hold; when they give one value,
        # that is the value whatever the condition (``var.x ? "a" : "a"``, or
        # ``var.create ? aws_sg.a.id : aws_sg.a.id``).
        then = evaluate_pending(expr.then, ctx)
        other = evaluate_pending(expr.other, ctx)
        return then if _same(then, other) else UNKNOWN
    return evaluate(expr.then if to_bool(cond) else expr.other, ctx)


def _unary(expr: Unary, ctx: Context) -> Any:
    value = evaluate(expr.operand, ctx)
    if is_unknown(value):
        return UNKNOWN
    if expr.op == "!":
        return not to_bool(value)
    return normal_number(-to_number(value))


def _arith(op: str) -> Callable[[Any, Any], Any]:
    def run(left: Any, right: Any) -> Any:
        a, b = _bounded(to_number(left)), _bounded(to_number(right))
        if op == "+":
            return normal_number(a + b)
        if op == "-":
            return normal_number(a - b)
        if op == "*":
            return normal_number(a * b)
        if op == "/":
            if b == 0:
                raise EvalError("division by zero")
            return normal_number(a / b)
        if b == 0:
            raise EvalError("modulo by zero")
        return normal_number(math.fmod(a, b))  # Go semantics: sign of the dividend

    return run


def _bounded(number: int | float) -> int | float:
    """Terraform's numbers keep 512 bits; past that an integer becomes a float (or fails
    with OverflowError, so UNKNOWN), instead of growing without bound as Python's do
    (``local.a * local.a`` along a chain of locals squares the size at each step)."""
    if isinstance(number, int) and number.bit_length() > 512:
        return float(number)
    return number


def _compare(op: str) -> Callable[[Any, Any], Any]:
    def run(left: Any, right: Any) -> Any:
        a, b = to_number(left), to_number(right)
        return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]

    return run


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    **{op: _arith(op) for op in ("+", "-", "*", "/", "%")},
    **{op: _compare(op) for op in ("<", "<=", ">", ">=")},
}


def _binary(expr: Binary, ctx: Context) -> Any:
    op = expr.op
    left = evaluate(expr.left, ctx)
    if op in ("&&", "||") and not is_unknown(left):
        short = to_bool(left)
        if (op == "&&" and not short) or (op == "||" and short):
            evaluate_pending(expr.right, ctx)
            return short
    right = evaluate(expr.right, ctx)
    if op in ("&&", "||"):
        if is_unknown(right):
            return UNKNOWN
        decided = to_bool(right)
        if is_unknown(left):
            # A known right operand decides too: ``unknown && false`` is false and
            # ``unknown || true`` is true whatever the unknown becomes (Terraform's cty,
            # zclconf/go-cty cty/value_ops.go Value.And / Value.Or, short-circuit either
            # side); otherwise the result waits for the unknown.
            return decided if decided is (op == "||") else UNKNOWN
        return decided
    if op in ("==", "!="):
        if (left is None) != (right is None) and left is not UNKNOWN and right is not UNKNOWN:
            # null against a value that is not null: unequal whatever unknowns the value
            # holds (cty Value.Equals: "If only one is null then the result must be false";
            # only a wholly unknown value may still be null)
            return op == "!="
        if _empty_against_computed(left, right) or _empty_against_computed(right, left):
            return op == "!="  # a resource's id is never ""
        if _differs(left, right) or _differs(right, left):
            return op == "!="  # the case of an input that is not this value
        if has_unknown(left) or has_unknown(right):
            return UNKNOWN
        equal = _equal(left, right)
        return equal if op == "==" else not equal
    if is_unknown(left) or is_unknown(right):
        return UNKNOWN
    return _BINARY[op](left, right)


def _differs(left: Any, right: Any) -> bool:
    """``var.env == "prod"`` in the case the input is not ``"prod"`` (:class:`Differs`)."""
    return type(left) is Differs and type(right) is type(left.value) and right == left.value


def _empty_against_computed(left: Any, right: Any) -> bool:
    """``aws_sg.x.id == ""``: a :class:`Computed` value (a text with written characters) is
    never the empty string."""
    return isinstance(left, Pending) and left.never_empty and right == ""


def _same(left: Any, right: Any) -> bool:
    """Whether two values are known to be one value (a Computed one: the same ref)."""
    if type(left) is Computed or type(right) is Computed:
        return type(left) is type(right) and left.ref == right.ref
    if type(left) is ResourceObject or type(right) is ResourceObject:
        return type(left) is type(right) and left.address == right.address
    if type(left) is list and type(right) is list:
        return len(left) == len(right) and all(map(_same, left, right))
    if type(left) is dict and type(right) is dict:
        return left.keys() == right.keys() and all(_same(v, right[k]) for k, v in left.items())
    if has_unknown(left) or has_unknown(right):
        return False
    return bool(value_key(left) == value_key(right))


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return bool(left == right)


_HANDLERS: dict[type, Callable[[Any, Context], Any]] = {
    Lit: _lit,
    Template: _template,
    Var: _var,
    Traversal: _traversal,
    Call: _call,
    TupleExpr: _tuple,
    ObjectExpr: _object,
    ForExpr: _for,
    Conditional: _conditional,
    Unary: _unary,
    Binary: _binary,
}
