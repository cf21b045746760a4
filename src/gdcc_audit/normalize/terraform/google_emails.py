"""What a Google service account e-mail known only in part says about the account.

A user-managed service account's e-mail is ``ACCOUNT_ID@PROJECT_ID.iam.gserviceaccount.com``
(Google-managed service agents' end the same way); the Compute Engine default service
account's is ``PROJECT_NUMBER-compute@developer.gserviceaccount.com``
(https://cloud.google.com/iam/docs/service-account-types,
https://cloud.google.com/compute/docs/access/service-accounts#default_service_account). An
e-mail written ``"${var.name}@${var.project}.iam.gserviceaccount.com"`` (Cloud Foundation
Fabric's ``iam-service-account`` module's ``email`` output) is therefore never the default
account, and one written ``"${var.number}-compute@developer.gserviceaccount.com"`` always is,
whatever their parts not known.
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import TfContext

#: The written end of every e-mail of a service account that is not a default one.
_IAM_DOMAIN = ".iam.gserviceaccount.com"
#: The written end of the Compute Engine default service account's e-mail.
_DEFAULT_END = "-compute@developer.gserviceaccount.com"

#: Why an account written in the user-managed domain is not the default one.
IAM_ACCOUNT = Text(
    en="its service account's e-mail is written ...@...iam.gserviceaccount.com, the domain of "
    "user-managed accounts; the Compute Engine default account's is "
    "developer.gserviceaccount.com",
    th="อีเมลของ service account เขียนเป็น ...@...iam.gserviceaccount.com ซึ่งเป็นโดเมนของ "
    "service account ที่ผู้ใช้สร้าง ส่วนของ service account เริ่มต้นของ Compute Engine คือ "
    "developer.gserviceaccount.com",
)
#: Why an account written ``...-compute@developer.gserviceaccount.com`` is the default one.
DEFAULT_ACCOUNT = Text(
    en="its service account's e-mail is written ...-compute@developer.gserviceaccount.com, "
    "the Compute Engine default service account's",
    th="อีเมลของ service account เขียนเป็น ...-compute@developer.gserviceaccount.com "
    "ซึ่งเป็นของ service account เริ่มต้นของ Compute Engine",
)


def written_account(r: TfResource, path: str) -> tuple[bool, Text] | None:
    """Whether the e-mail at ``path``, not known before apply but partly written (its
    ``TfResource.shapes`` entry), is the Compute Engine default account's, with why: True
    for ``...-compute@developer.gserviceaccount.com``, False for
    ``...@...iam.gserviceaccount.com``; None when what is written does not tell."""
    shape = r.shapes.get(path)
    if shape is None:
        return None
    if shape.endswith(_DEFAULT_END):
        return True, DEFAULT_ACCOUNT
    if not shape.endswith(_IAM_DOMAIN):
        return None
    # an "@" is written before the domain, or the text before it is not known
    head = shape[: -len(_IAM_DOMAIN)]
    return (False, IAM_ACCOUNT) if "@" in head or head.endswith(UNKNOWN_TEXT) else None


def note_written_account(r: TfResource, ctx: TfContext, path: str) -> bool | None:
    """:func:`written_account`, noted on ``r``'s ``default_service_account`` facet with why;
    None (nothing noted) when what is written does not tell."""
    written = written_account(r, path)
    if written is None:
        return None
    ctx.note(r, "default_service_account", written[0], because=written[1])
    return written[0]
