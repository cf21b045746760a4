"""Whether a value written as text around values not known may be empty, or ``*``.

One judgement for every reader of such a text (Terraform's rendered templates,
``load.terraform.values.Partial``; CloudFormation's ``Fn::Sub`` / ``Fn::Join`` principals,
``cloudformation.written_policy.principal_text``), each value not known written as a marker:

- text written beside the values not known (a character other than ``*`` or a space) is in
  the value: it is never empty, and never ``*`` whole (:func:`written_beside`);
- a principal is everyone only as ``*``, or as an account's root whose account may be ``*``:
  ``arn:aws:iam::*:root`` is read as every account (policies' ``Principal: {AWS:
  "arn:aws:iam::*:root"}`` FAIL as public), so ``arn:aws:iam::${Account}:root`` with an
  account that may be ``*`` may be everyone. A value not known elsewhere in an ARN (a role's
  name, ``arn:aws:iam::${Account}:role/${Role}``) cannot make it everyone: "You cannot use a
  wildcard to match part of a principal name or ARN" (IAM User Guide, "AWS JSON policy
  elements: Principal",
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)
  (:func:`may_be_everyone`).
"""

from __future__ import annotations

import re

#: An account's root principal: ``arn:PARTITION:iam::ACCOUNT:root``.
_ROOT = re.compile(r"arn:[^:]*:iam::(?P<account>[^:]*):root")


def written_beside(text: str, unknown: str) -> bool:
    """Whether ``text`` holds written text other than ``*`` or spaces beside its values not
    known (each written as ``unknown``)."""
    return bool(text.replace(unknown, "").replace("*", "").strip())


def may_be_everyone(text: str, unknown: str) -> bool:
    """Whether a principal written as ``text`` (each value not known as ``unknown``) may be
    everyone: nothing but such values and ``*`` is written, or it is an account's root whose
    account is nothing but such values and ``*``."""
    if not written_beside(text, unknown):
        return True
    root = _ROOT.fullmatch(text.strip())
    return root is not None and not written_beside(root.group("account"), unknown)
