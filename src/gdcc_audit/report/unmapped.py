"""The checkov bridge in every output: its run summary, and the checkov failures gdcc-audit has
no reviewed mapping for, listed under their own "unmapped" heading (never scored, never counted
for --fail-on)."""

from __future__ import annotations

from dataclasses import dataclass

from gdcc_audit.models.checkov import CheckovRun, UnmappedCheck
from gdcc_audit.models.result import AuditResult

WORDS = {
    "en": {
        "heading": "Unmapped checkov failures (not scored)",
        "intro": "checkov failed these checks, which are in no reviewed gdcc-audit table: no "
        "severity, no controls, not scored and not counted for --fail-on. Review them, and "
        "propose a mapping in rules/checkov/ for the ones that matter.",
        "message": "checkov {id} failed: {name} (unmapped: not scored)",
        "summary": "checkov {version}: {bridged} bridged finding(s), {corroborated} native "
        "finding(s) corroborated, {disagreed} disagreement(s), {unmapped} unmapped failure(s) "
        "in {seconds} s",
        "error": "checkov gave no result: {error}",
        "check": "Check",
        "resource": "Resource",
        "location": "Location",
        "name": "checkov's title",
    },
    "th": {
        "heading": "ผลไม่ผ่านของ checkov ที่ยังไม่มีการเทียบ (ไม่นำไปคิดคะแนน)",
        "intro": "checkov พบว่าไม่ผ่านการตรวจเหล่านี้ ซึ่งยังไม่อยู่ในตารางที่ gdcc-audit ทบทวนแล้ว "
        "จึงไม่มีระดับความรุนแรง ไม่เทียบกับมาตรการ ไม่นำไปคิดคะแนน และไม่นับใน --fail-on "
        "ควรทบทวนรายการเหล่านี้ และเสนอการเทียบใน rules/checkov/ สำหรับรายการที่สำคัญ",
        "message": "checkov {id} ไม่ผ่าน: {name} (ยังไม่มีการเทียบ: ไม่นำไปคิดคะแนน)",
        "summary": "checkov {version}: ผลจากการตรวจที่เทียบแล้ว {bridged} รายการ "
        "ยืนยันผลของ gdcc-audit {corroborated} รายการ ผลไม่ตรงกัน {disagreed} รายการ "
        "ผลไม่ผ่านที่ยังไม่มีการเทียบ {unmapped} รายการ ใช้เวลา {seconds} วินาที",
        "error": "checkov ไม่ให้ผลการตรวจ: {error}",
        "check": "การตรวจ",
        "resource": "ทรัพยากร",
        "location": "ตำแหน่ง",
        "name": "ชื่อการตรวจของ checkov",
    },
}


def words(lang: str) -> dict[str, str]:
    """The strings of one language (English for anything but Thai)."""
    return WORDS["th" if lang == "th" else "en"]


def unmapped(result: AuditResult) -> tuple[UnmappedCheck, ...]:
    """The unmapped checkov failures of a result, in a stable order."""
    if result.checkov is None:
        return ()
    return tuple(
        sorted(
            result.checkov.unmapped,
            key=lambda u: (
                u.check_id,
                u.location.file if u.location else "",
                u.location.start_line or 0 if u.location else 0,
                u.resource,
            ),
        )
    )


def message(item: UnmappedCheck, lang: str) -> str:
    """One line about an unmapped failure."""
    return words(lang)["message"].format(id=item.check_id, name=item.check_name)


def summary(run: CheckovRun, lang: str) -> str:
    """One line about the checkov run (or why it gave nothing)."""
    text = words(lang)
    if run.error:
        return text["error"].format(error=run.error)
    return text["summary"].format(
        version=run.version or "?",
        bridged=run.bridged,
        corroborated=run.corroborated,
        disagreed=len(run.disagreed),
        unmapped=len(run.unmapped),
        seconds=run.seconds,
    )


@dataclass(frozen=True)
class UnmappedRow:
    """An unmapped failure as the HTML/PDF report shows it."""

    check_id: str
    name: str
    resource: str
    location: str


@dataclass(frozen=True)
class CheckovView:
    """The checkov section of the HTML/PDF report."""

    heading: str
    intro: str
    summary: str
    columns: tuple[str, str, str, str]
    rows: tuple[UnmappedRow, ...]


def checkov_view(result: AuditResult, lang: str) -> CheckovView | None:
    """The checkov section, or None when the bridge did not run."""
    if result.checkov is None:
        return None
    text = words(lang)
    return CheckovView(
        heading=text["heading"],
        intro=text["intro"],
        summary=summary(result.checkov, lang),
        columns=(text["check"], text["resource"], text["location"], text["name"]),
        rows=tuple(
            UnmappedRow(
                check_id=u.check_id,
                name=u.check_name,
                resource=u.resource,
                location=str(u.location) if u.location else "",
            )
            for u in unmapped(result)
        ),
    )
