"""A string read from another resource's attribute that names or locates it.

``password = aws_ssm_parameter.db.name`` holds the *name* of the parameter that keeps the
password, not the password: Terraform knows the name at plan time (it is written in the
parameter's block), so the evaluator knows the string, yet nobody wrote a secret there. The
Terraform evaluator returns such a read (the resource's ``name``, ``id``, ``arn``, ``url``,
``endpoint`` ... when it is configured) as a :class:`Pointer`; the detector judges a pointer by
its shape only, never by the secret-like name of the attribute that holds it. A string changed
by a function (``lower(...)``) is a plain string again.

A string built around references that locates something (a path, an ARN, a URL:
``"/${var.env}/db/password"``, :func:`locator`) and whose every piece reads as part of a name
(:func:`name_piece`: words, numbers and separators, no secret-named reference) is a
:class:`Composed`, judged by its shape only too. A built name that locates nothing
(``"${aws_db_instance.db.identifier}-pw"``, ``"${var.prefix}-password"``: ``shop-password``)
is a password the configuration fixes when its argument holds one, and a piece with entropy
(``"${var.prefix}Xk9#mQ2vLp"``) or read from a secret-named value leaves it a plain string:
judged as before (a secret's name makes it one).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["Composed", "Pointer", "SecretBearing", "locator", "name_piece", "pointer_attribute"]


class Pointer(str):
    """A string that is another resource's name, id, ARN, URL or endpoint (see the module)."""

    __slots__ = ()


class Composed(str):
    """A string built from references and pieces that read as parts of a name (see the
    module)."""

    __slots__ = ()


class SecretBearing(str):
    """A string a template rendered with a literal secret given to it under a secret's name
    (``templatefile("init.sh", {db_password = "Hunter22"})`` rendering ``DB_PASS=Hunter22``):
    the secret is in the text, where no name or shape shows it, and is written in the
    configuration (the call, a variable's default, a ``.tfvars`` line)."""

    __slots__ = ()


#: What separates the words of a generated name (``shop-db-pw``, ``/app/db/password``).
_SEPARATORS = re.compile(r"[-_./:@\s]+")
_DIGIT_INSIDE = re.compile(r"[A-Za-z][0-9]+[A-Za-z]")


@lru_cache(maxsize=4096)
def name_piece(text: str) -> bool:
    """Whether ``text`` (written around a reference, or read into it) reads as part of a
    generated name, not as a secret: each word between separators is shorter than six
    characters, or letters and digits without a symbol (``#``, ``!``, ``%``), not mixing
    lower case, upper case and digits (``S3cret``, ``Hunter22``), no digit between letters
    (``s3cret``), and not twelve or more characters holding three digits (``9f8e7d6c5b4a``:
    a random string)."""
    for word in _SEPARATORS.split(text):
        if len(word) < 6:
            continue
        if not (word.isascii() and word.isalnum()):
            return False
        lower = any(c.islower() for c in word)
        upper = any(c.isupper() for c in word)
        digits = sum(c.isdigit() for c in word)
        if lower and upper and digits:
            return False
        if digits and _DIGIT_INSIDE.search(word) is not None:
            return False
        if len(word) >= 12 and digits >= 3 and (lower or upper):
            return False
    return True


def locator(text: str) -> bool:
    """Whether ``text`` locates something rather than being a value itself: a path
    (``prod/db/password``, ``/app/db/password``), an ARN or a URL. A built name with none
    of these (``shop-db-pw``) in an argument that holds a password is that password."""
    return "/" in text or text.startswith("arn:")


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
