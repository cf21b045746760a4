"""Which resource an argument's value designates, as far as the configuration shows it.

The evaluator carries a resource's ``id`` (an AWS resource's ``arn``) as a
:class:`~gdcc_audit.load.terraform.values.Computed` naming that instance: the argument
designates it (``TfResource.designated``). A condition not known gives no one value; when a
branch reads no resource at all (an input, a literal: ``var.create ? aws_s3_bucket.a.id :
var.bucket``) the argument may name something the configuration does not hold
(``TfResource.beyond``), so a companion cannot be certain it configures ``a``. An output of a
module that was not read counts as such a value.
"""

from __future__ import annotations

import re
from typing import Any

from gdcc_audit.load.terraform.ast import Conditional
from gdcc_audit.load.terraform.evaluate import FAILURES, Context, evaluate_pending
from gdcc_audit.load.terraform.secret_sources import SECRET_MARK
from gdcc_audit.load.terraform.values import is_unknown, to_bool

#: A reference to a module call itself (an output of a module not read), not to a resource.
_MODULE_CALL = re.compile(r"^(?:module\.[^.\[]+(?:\[[^\]]*\])?\.)*module\.[^.\[]+(?:\[[^\]]*\])?$")
#: How deep conditions nested in branches are followed.
_DEPTH = 8


def reads_beyond(expr: Any, ctx: Context, depth: int = 0) -> bool:
    """Whether a condition not known in ``expr`` may give a value that reads no resource (an
    input, a literal other than null or ``""``). Only an expression that is a condition
    (nested in its branches) is judged: any other gives False."""
    if type(expr) is not Conditional or depth > _DEPTH:
        return False
    cond = evaluate_pending(expr.cond, Context(ctx.scope, ctx.names, budget=ctx.budget))
    branches = [expr.then, expr.other]
    if not is_unknown(cond):
        try:
            branches = [expr.then if to_bool(cond) else expr.other]
        except FAILURES:
            return False
    return any(_branch_beyond(branch, ctx, depth) for branch in branches)


def _branch_beyond(branch: Any, ctx: Context, depth: int) -> bool:
    if type(branch) is Conditional:
        return reads_beyond(branch, ctx, depth + 1)
    probe = Context(ctx.scope, ctx.names, budget=ctx.budget)
    value = evaluate_pending(branch, probe)
    if value is None or value == "":
        return False
    return not any(
        not ref.startswith(SECRET_MARK) and not _MODULE_CALL.match(ref) for ref in probe.refs
    )
