"""A string read from another resource's attribute that names or locates it.

``password = aws_ssm_parameter.db.name`` holds the *name* of the parameter that keeps the
password, not the password: Terraform knows the name at plan time (it is written in the
parameter's block), so the evaluator knows the string, yet nobody wrote a secret there. The
Terraform evaluator returns such a read (the resource's ``name``, ``id``, ``arn``, ``url``,
``endpoint`` ... when it is configured) as a :class:`Pointer`; the detector judges a pointer by
its shape only, never by the secret-like name of the attribute that holds it. A string built
around it (``"${aws_ssm_parameter.db.name}x"``), or changed by a function (``lower(...)``), is a
plain string again: what is written around it is judged as before.
"""

from __future__ import annotations

import re

__all__ = ["Pointer", "pointer_attribute"]


class Pointer(str):
    """A string that is another resource's name, id, ARN, URL or endpoint (see the module)."""

    __slots__ = ()


#: The last word of an attribute naming or locating a resource (``name``, ``key_name``,
#: ``id``, ``arn``, ``secret_arn``, ``url``, ``invoke_url``, ``endpoint``, ``fqdn``,
#: ``self_link``, ``bucket``, ``path``): what it holds designates a thing, never a credential.
_POINTER_WORD = re.compile(
    r"(?:^|_)(?:name|id|arn|url|uri|endpoint|address|fqdn|hostname|host|link|path|bucket"
    r"|domain|email)$"
)


def pointer_attribute(attribute: str) -> bool:
    """Whether an attribute named ``attribute`` names or locates its resource (the caller
    excludes the ones a provider marks sensitive)."""
    return _POINTER_WORD.search(attribute.lower()) is not None
