"""Why a CloudFormation resource's secrets are not known: an ``AWS::Include`` snippet or a
Rain ``!Rain::Embed`` / ``!Rain::Include`` file of its ``Properties`` or ``Metadata`` that the
loader did not read (``load.cfn_include.Unread``: missing, outside the template's folder, on
S3), or a ``!Rain::Env`` variable (its value is set when the template is packaged). Its text
may hold a password, so GDCC-SECRET-001 is UNKNOWN naming the file, not PASS."""

from __future__ import annotations

from gdcc_audit.load.cfn_include import (
    ENV_VALUE,
    INCLUDE,
    NO_CONSTANT,
    NO_REF_CONSTANT,
    NOT_FOUND,
    NOT_LITERAL,
    NOT_READABLE,
    OUTSIDE,
    RAIN_CONSTANT,
    RAIN_ENV,
    RAIN_INCLUDE,
    REMOTE,
    TOO_DEEP,
    UNREAD_TEXTS,
    WHAT,
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
    ENV_VALUE: "ค่าจะถูกกำหนดเมื่อรัน rain pkg",
    NO_CONSTANT: "ไม่มีค่าคงที่ข้อความชื่อนี้ในส่วน Rain ของเทมเพลต",
    NO_REF_CONSTANT: "ไม่มีค่าคงที่ชื่อนี้ในส่วน Rain ของเทมเพลต",
}
#: ``WHAT`` in Thai.
_WHAT_TH = {
    INCLUDE: " snippet ของ AWS::Include",
    "Rain::Embed": "ไฟล์ที่ !Rain::Embed ระบุ",
    RAIN_INCLUDE: "ไฟล์ที่ !Rain::Include ระบุ",
    RAIN_ENV: "ตัวแปรสภาพแวดล้อมที่ !Rain::Env ระบุ",
    RAIN_CONSTANT: "ค่าคงที่ของ Rain",
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
            f"{_what(u)} ({u.location}) at {u.where} was not read ({u.why})"
            for u in unread
        ),
        th="; ".join(
            f"ไม่ได้อ่าน{_what_th(u)} ({u.location}) ที่ {u.where_th} "
            f"({_WHY_TH.get(u.why, u.why)})"
            for u in unread
        ),
    )


def _what(unread: Unread) -> str:
    return WHAT.get(unread.directive, WHAT["Rain::Embed"])


def _what_th(unread: Unread) -> str:
    return _WHAT_TH.get(unread.directive, _WHAT_TH["Rain::Embed"])


__all__ = ["secrets_not_known"]
