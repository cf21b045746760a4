"""Why a CloudFormation resource's secrets are not known: an ``AWS::Include`` snippet or a
Rain ``!Rain::Embed`` file of its ``Properties`` or ``Metadata`` that the loader did not read
(``load.cfn_include.Unread``: missing, outside the template's folder, on S3). Its text may
hold a password, so GDCC-SECRET-001 is UNKNOWN naming the file, not PASS."""

from __future__ import annotations

from gdcc_audit.load.cfn_include import (
    NOT_FOUND,
    NOT_LITERAL,
    NOT_READABLE,
    OUTSIDE,
    REMOTE,
    TOO_DEEP,
    UNREAD_TEXTS,
    Unread,
)
from gdcc_audit.load.interface import Document
from gdcc_audit.models.common import Text

#: ``Unread.why`` in Thai.
_WHY_TH = {
    NOT_FOUND: "ไม่พบไฟล์",
    OUTSIDE: "ไฟล์อยู่นอกโฟลเดอร์ของเทมเพลต",
    REMOTE: "ไม่ใช่ไฟล์ในเครื่อง",
    NOT_LITERAL: "ตำแหน่งไฟล์ไม่ได้เขียนเป็นข้อความ",
    NOT_READABLE: "อ่านไฟล์ไม่ได้",
    TOO_DEEP: "snippet ซ้อนกันเกิน 4 ชั้น",
}


def secrets_not_known(document: Document, logical_id: str) -> Text | None:
    """Why the secrets of resource ``logical_id`` of ``document`` are not known (each text
    of its ``Properties`` not read), or None when every one was read."""
    unread: list[Unread] = [
        u for u in document.meta.get(UNREAD_TEXTS) or () if u.resource == logical_id
    ]
    if not unread:
        return None
    return Text(
        en="; ".join(
            f"{_what(u)} ({u.location}) at {'.'.join(u.path)} was not read ({u.why})"
            for u in unread
        ),
        th="; ".join(
            f"ไม่ได้อ่าน{_what_th(u)} ({u.location}) ที่ {'.'.join(u.path)} "
            f"({_WHY_TH.get(u.why, u.why)})"
            for u in unread
        ),
    )


def _what(unread: Unread) -> str:
    if unread.directive == "AWS::Include":
        return "the AWS::Include snippet"
    return "the file !Rain::Embed names"


def _what_th(unread: Unread) -> str:
    if unread.directive == "AWS::Include":
        return " snippet ของ AWS::Include"
    return "ไฟล์ที่ !Rain::Embed ระบุ"


__all__ = ["secrets_not_known"]
