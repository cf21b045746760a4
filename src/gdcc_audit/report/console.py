"""Console output: a readable summary with colour (rich, imported when it renders: a run that
writes no console output, like the pre-commit hook, does not load it)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, cast

from gdcc_audit.dates import thai_date
from gdcc_audit.models.common import Severity
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.framework import ControlStatus, FrameworkResult
from gdcc_audit.models.masking import safe_text
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.models.result import AuditResult, ContextUse, InputStatus, UnreadModule
from gdcc_audit.models.rule import RulePack
from gdcc_audit.models.waiver import WaiverRecord, WaiverState
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.paths import NO_ROOT, ScanRoot
from gdcc_audit.report.unmapped import summary as unmapped_summary
from gdcc_audit.report.unmapped import unmapped
from gdcc_audit.report.unmapped import words as unmapped_words

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text as RichText

_COLOURS = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}

_WORDS = {
    "en": {
        "lang": "en",
        "title": "gdcc-audit results",
        "tenant": "Tenant",
        "files": "Files",
        "assessed": "assessed",
        "not_assessed": "not assessed",
        "partially_assessed": "partially assessed",
        "not_recognised": "not recognised",
        "excluded": "excluded by the auditor",
        "resources": "resources",
        "rules": "Rules: {count} from the rule pack {packs}",
        "rules_many": "Rules: {count} from the rule packs {packs}",
        "rules_selected": "Rules: {count} from the rule pack {packs}, selected by {by}",
        "rules_selected_of": "Rules: {count} of the {of} in the rule pack {packs}, selected "
        "by {by}",
        "rules_selected_many": "Rules: {count} from the rule packs {packs}, selected by {by}",
        "pack_part": "{rules} of {of}",
        "by_rule_ids": "rule id",
        "by_tags": "tag",
        "by_min_severity": "minimum severity",
        "by_frameworks": "framework",
        "by_and": " and ",
        "by_sep": ", ",
        "by_last": " and ",
        "root": "Paths are relative to {root}",
        "not_judged": "Not judged (no rule of gdcc-audit reads these types): {count} resources "
        "of {kinds} types: {listed}",
        "not_judged_why": "Of these, no GDCC rule applies to: {listed}",
        "read_for_context": "Read for context (judged through the resources that use them, "
        "not on their own): {count} resources: {listed}",
        "context_for": "for",
        "companions": "Not judged (what they configure is not in the scan): {count} "
        "resources: {listed}",
        "modules_not_read": "Modules and nested stacks not read (none of their resources is "
        "assessed): {count}: {listed}.",
        "init_hint": "Run `terraform init` in the root module so its remote modules are "
        "downloaded, then scan again.",
        "severity": "Severity",
        "rule": "Rule",
        "resource": "Resource",
        "where": "Location",
        "message": "Finding",
        "no_failures": "No failing checks.",
        "more_failures": "{count} more failing checks, one per line:",
        "bad_files": "Files not assessed",
        "bad_files_partial": "Files not assessed or assessed in part",
        "input_warnings": "Read with a warning",
        "summary": "Summary",
        "waived_beside": "+ {count} waived",
        "unknown_note": "checks could not be decided from the input (UNKNOWN)",
        "known": "known",
        "waived": "Waived: {count} failing finding(s) accepted by active waivers "
        "(not scored, not counted for --fail-on); see the waiver register",
        "waiver_line": "  {state}: {id} {rule} {resource} (approver {approver}, expires {expires})",
        "waiver_expired": "expired — the finding fails again",
        "waiver_unused": "unused — matches no failing finding",
        "waiver_pending": "pending — approved after the audit date",
        "baseline": "Baseline {path}: {new} new, {known} known failing finding(s); "
        "only new ones count for --fail-on",
        "unapplied": "Waiver file {path} is not applied: name it with --waivers or in a "
        "manifest's waivers:",
    },
    "th": {
        "lang": "th",
        "title": "ผลการตรวจประเมิน gdcc-audit",
        "tenant": "ผู้ใช้บริการ (tenant)",
        "files": "ไฟล์",
        "assessed": "ตรวจแล้ว",
        "not_assessed": "ตรวจไม่ได้",
        "partially_assessed": "ตรวจได้บางส่วน",
        "not_recognised": "ไม่ใช่รูปแบบที่รองรับ",
        "excluded": "ผู้ตรวจยกเว้น",
        "resources": "ทรัพยากร",
        "rules": "กฎการตรวจ {count} ข้อ จากชุดกฎ {packs}",
        "rules_many": "กฎการตรวจ {count} ข้อ จากชุดกฎ {packs}",
        "rules_selected": "กฎการตรวจ {count} ข้อ จากชุดกฎ {packs} ซึ่งเลือกตาม{by}",
        "rules_selected_of": "กฎการตรวจ {count} ข้อ จาก {of} ข้อของชุดกฎ {packs} ซึ่งเลือกตาม{by}",
        "rules_selected_many": "กฎการตรวจ {count} ข้อ จากชุดกฎ {packs} ซึ่งเลือกตาม{by}",
        "pack_part": "{rules} จาก {of} ข้อ",
        "by_rule_ids": "รหัสกฎ",
        "by_tags": "แท็ก",
        "by_min_severity": "ระดับความรุนแรงขั้นต่ำ",
        "by_frameworks": "กรอบมาตรฐาน",
        "by_and": "และ",
        "by_sep": " ",
        "by_last": " และ",
        "root": "ตำแหน่งไฟล์นับจากโฟลเดอร์ {root}",
        "not_judged": "ไม่ได้ประเมิน (ไม่มีกฎของ gdcc-audit ที่อ่านชนิดเหล่านี้): ทรัพยากร {count} รายการ "
        "จาก {kinds} ชนิด: {listed}",
        "not_judged_why": "ในจำนวนนี้ ไม่มีกฎของ GDCC ที่ใช้กับ: {listed}",
        "read_for_context": "อ่านเพื่อใช้ประกอบ (ประเมินผ่านทรัพยากรที่ใช้ข้อมูลนี้ ไม่ได้ประเมินแยก): "
        "ทรัพยากร {count} รายการ: {listed}",
        "context_for": "สำหรับ",
        "companions": "ไม่ได้ประเมิน (ทรัพยากรที่ถูกตั้งค่าไม่อยู่ในการตรวจ): {count} รายการ: {listed}",
        "modules_not_read": "โมดูลและสแตกซ้อนที่ไม่ได้อ่าน "
        "(ทรัพยากรในส่วนเหล่านี้ไม่ได้รับการประเมิน): {count} รายการ: {listed}",
        "init_hint": "เรียก `terraform init` ในโมดูลหลักเพื่อดาวน์โหลดโมดูลภายนอก แล้วตรวจอีกครั้ง",
        "severity": "ระดับความรุนแรง",
        "rule": "กฎ",
        "resource": "ทรัพยากร",
        "where": "ตำแหน่ง",
        "message": "ผลการตรวจ",
        "no_failures": "ไม่พบรายการที่ไม่ผ่าน",
        "more_failures": "รายการที่ไม่ผ่านอีก {count} รายการ (บรรทัดละรายการ):",
        "bad_files": "ไฟล์ที่ตรวจไม่ได้",
        "bad_files_partial": "ไฟล์ที่ตรวจไม่ได้หรือตรวจได้บางส่วน",
        "input_warnings": "อ่านได้แต่มีคำเตือน",
        "summary": "สรุป",
        "waived_beside": "+ ยกเว้น {count}",
        "unknown_note": "รายการตรวจที่ตัดสินไม่ได้จากข้อมูลนำเข้า (UNKNOWN)",
        "known": "พบแล้ว",
        "waived": "ได้รับการยกเว้น: {count} รายการที่ไม่ผ่านได้รับการยอมรับความเสี่ยงโดยการยกเว้นที่ยังมีผล "
        "(ไม่นำไปคิดคะแนนและไม่นับใน --fail-on) ดูทะเบียนการยกเว้น",
        "waiver_line": "  {state}: {id} {rule} {resource} (ผู้อนุมัติ {approver}, หมดอายุ {expires})",
        "waiver_expired": "หมดอายุ — รายการนี้กลับเป็นไม่ผ่าน",
        "waiver_unused": "ไม่ได้ใช้ — ไม่ตรงกับรายการที่ไม่ผ่านใด",
        "waiver_pending": "รออนุมัติ — อนุมัติหลังวันที่ตรวจ",
        "baseline": "ผลตรวจฐาน {path}: ใหม่ {new} รายการ, พบแล้ว {known} รายการ; "
        "เฉพาะรายการใหม่ที่นับใน --fail-on",
        "unapplied": "ไม่ได้ใช้ไฟล์การยกเว้น {path}: ระบุด้วย --waivers หรือใน waivers: ของ manifest",
    },
}


#: The Thai console's severity and status words (the HTML / PDF report's, reports/i18n/th.yaml);
#: the English console prints the values themselves (``HIGH``, ``PASS``), as --fail-on and the
#: JSON result name them.
_SEVERITY_TH = {
    Severity.CRITICAL: "วิกฤต",
    Severity.HIGH: "สูง",
    Severity.MEDIUM: "ปานกลาง",
    Severity.LOW: "ต่ำ",
    Severity.INFO: "ข้อมูล",
}
_STATUS_TH = {
    Status.PASS: "ผ่าน",
    Status.FAIL: "ไม่ผ่าน",
    Status.UNKNOWN: "ตัดสินไม่ได้",
    Status.NOT_APPLICABLE: "ไม่เกี่ยวข้อง",
    Status.ERROR: "ข้อผิดพลาด",
}


#: Failing checks laid out as a table; any more are printed one per line.
TABLE_ROWS = 200


#: A Thai letter: text holding one wraps between Thai words (report/thai_text.py).
_THAI = re.compile("[\u0e01-\u0e4f]")


def _thai(text: RichText) -> RichText:
    """``text``, wrapping between Thai words when it holds Thai (the word list loads only
    then); text without Thai is returned as it is."""
    if _THAI.search(text.plain) is None:
        return text
    from gdcc_audit.report.thai_text import ThaiText

    return ThaiText.of(text)


def _folding(text: RichText) -> RichText:
    """``text`` wrapping between Thai words and folding a word longer than its column after
    a separator (``'environment.VIDEO_GATEWAY_`` / ``PASSWORD'``) rather than at any letter
    (messages; the word list loads only when the text holds Thai)."""
    if _THAI.search(text.plain) is not None:
        return _thai(text)
    from gdcc_audit.report.fold_text import FoldText

    return FoldText.of(text)


def _say(console: Console, text: str, *, markup: bool = True, style: str | None = None) -> None:
    """``console.print(text, markup=markup, style=style)``, wrapping Thai between words,
    folding a word longer than the line after a separator, and without the space at the end
    of a wrapped line (``fold_text.FoldText``)."""
    _print_thai(console, _folding(console.render_str(text, markup=markup)), style=style)


def _print_thai(
    console: Console, text: RichText, *, style: str | None = None, soft_wrap: bool = False
) -> None:
    """Print a ``ThaiText``: in a ``Group``, because ``console.print`` joins the ``Text``
    objects it is given into a plain ``Text`` (which would wrap Thai mid-word again)."""
    from rich.console import Group

    console.print(Group(text), style=style, soft_wrap=soft_wrap)


def _label(finding: Finding, words: dict[str, str]) -> tuple[str, str]:
    """A finding's severity (``HIGH``; Thai ``สูง``), ``ERROR/`` before it when its check
    failed to run, and its colour."""
    thai = words["lang"] == "th"
    label = _SEVERITY_TH[finding.severity] if thai else finding.severity.value.upper()
    if finding.status == Status.ERROR:
        label = f"{_STATUS_TH[Status.ERROR] if thai else 'ERROR'}/{label}"
    style = _COLOURS[finding.severity]
    if finding.baseline:
        label, style = f"{label} ({words['known']})", "dim"
    return label, style


def _one_line(text: str) -> str:
    """``safe_text`` with new lines and tabs escaped too: a name (an address, a file name)
    stays on one line."""
    return safe_text(text).replace("\n", "\\n").replace("\t", "\\t")


def _resource(finding: Finding) -> str:
    if not finding.system:
        return _one_line(finding.display_name)
    return _one_line(f"{finding.system}/{finding.display_name}")


def _where(finding: Finding, root: ScanRoot = NO_ROOT) -> str:
    """``file:lines`` of the finding (relative to the scan root when it has one), then the
    module calls it comes through."""
    if not finding.location:
        return ""
    if finding.called_at:
        # a module's resource: the module calls it comes through, innermost first (the
        # root module's call tells the roots calling it apart)
        calls = reversed(finding.module_calls)
        return _one_line(" ← ".join(root.path(p) for p in (str(finding.location), *calls)))
    return _one_line(root.path(str(finding.location)))


def _message(finding: Finding, lang: str, root: ScanRoot = NO_ROOT) -> str:
    """The finding's message in ``lang``, paths under the scan root relative to it."""
    return root.text(safe_text(finding.message.get(lang)))


def _widest(values: Iterable[str]) -> int:
    """Display width of the longest value."""
    from rich.cells import cell_len

    return max((cell_len(v) for v in values), default=1)


#: Narrowest the message column of the findings table may get before the table gives way to
#: one finding per group of lines (addresses and file:line are never broken).
_MIN_MESSAGE = 24


def _fits_table(
    console: Console, shown: list[Finding], words: dict[str, str], root: ScanRoot = NO_ROOT
) -> bool:
    """Whether the findings table fits with its address and file:line columns unbroken."""
    columns = (
        [words["severity"], *(_label(f, words)[0] for f in shown)],
        [words["rule"], *(f.rule_id for f in shown)],
        [words["resource"], *map(_resource, shown)],
        [words["where"], *(_where(f, root) for f in shown)],
    )
    # Each of the five columns has a space either side and a border on its left; one more
    # border closes the row.
    needed = sum(_widest(values) for values in columns) + _MIN_MESSAGE + 5 * 3 + 1
    return needed <= console.width


def _finding_lines(
    console: Console,
    finding: Finding,
    lang: str,
    words: dict[str, str],
    root: ScanRoot = NO_ROOT,
) -> None:
    """One finding for a narrow console: the address and file:line lines are never wrapped
    (soft wrap: a terminal may fold them for display, nothing inserts a line break)."""
    from rich.text import Text as RichText

    label, style = _label(finding, words)
    head = f"  {finding.rule_id}  {_resource(finding)}"
    if console.no_color:
        _plain_line(console, label + head, soft_wrap=True)
    else:
        console.print(RichText.assemble((label, style), head), soft_wrap=True)
    if finding.location:
        _plain_line(console, f"  {_where(finding, root)}", soft_wrap=True)
    _indented(console, _message(finding, lang, root))


def _indented(console: Console, text: str) -> None:
    """A finding's message indented by two spaces, its wrapped lines too (they started at
    the left edge, under the severity)."""
    from rich.cells import cell_len
    from rich.text import Text as RichText

    if "\t" not in text and cell_len(text) + 2 <= console.width:
        console.file.write(f"  {text}".rstrip(" ") + "\n")
        return
    lines = _folding(RichText(text)).wrap(console, max(console.width - 2, 1))
    console.file.write("".join(f"  {line.plain}".rstrip(" ") + "\n" for line in lines))


def _hanging(console: Console, text: str, style: str | None = None) -> None:
    """``text`` at two spaces, its wrapped lines at four, none ending in a space: a waiver's
    line at 80 columns went on at the left edge, each part ending in a space."""
    from rich.cells import cell_len
    from rich.text import Text as RichText

    if cell_len(text) + 2 <= console.width:
        _say(console, f"  {text}", style=style, markup=False)
        return
    lines = _folding(RichText(text)).wrap(console, max(console.width - 4, 1))
    for index, line in enumerate(lines):
        indent = "  " if index == 0 else "    "
        console.print(
            RichText(indent + line.plain.rstrip(" ")), style=style, soft_wrap=True, highlight=False
        )


def _print_table(console: Console, table: Table) -> None:
    """``console.print(table)``; without styles (piped), laid out by ``plain_table``: the
    same text without rich's renderer (the 200-row findings table cost a tenth of a second
    of CPU, a fifth of a terragoat scan). ``plain_table`` reads two of rich's helpers that
    are not public API: if a rich release moves them, rich prints the table as before."""
    try:
        from gdcc_audit.report.plain_table import plain_lines
    except ImportError:  # a rich without rich._ratio / rich.cells
        console.print(table)
        return
    text = plain_lines(console, table)
    if text is None:
        console.print(table)
    else:
        console.file.write(text)


def _plain_line(console: Console, text: str, *, soft_wrap: bool) -> None:
    """``console.print(Text(text), soft_wrap=...)`` without rich's layout work when it would
    print the text unchanged (no tab to expand, no wrapping needed): thousands of findings
    print in milliseconds instead of a second."""
    from rich.cells import cell_len
    from rich.text import Text as RichText

    if "\t" in text or (not soft_wrap and cell_len(text) > console.width):
        _print_thai(console, _folding(RichText(text)), soft_wrap=soft_wrap)
        return
    console.file.write((text if soft_wrap else text.rstrip(" ")) + "\n")


class ConsoleReporter(Reporter):
    """Human summary for terminals and CI logs."""

    format = "console"
    extension = "txt"
    lists_passing = False

    def prepare(self) -> None:
        """Import rich, and load what it reads on first use (its emoji and character-width
        tables, the rule), by rendering a sample to nowhere: about a tenth of a second that
        a run that prints would otherwise spend after checkov."""
        import io

        from rich.console import Console
        from rich.table import Table
        from rich.text import Text as RichText

        console = Console(file=io.StringIO(), width=80, no_color=True, highlight=False)
        console.rule("gdcc-audit")
        table = Table(expand=True)
        table.add_column("rule", overflow="fold")
        table.add_row(RichText("ผ่าน :lock: [x]"))
        console.print(table)
        console.print("[bold]gdcc-audit[/] :lock:")

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        from rich.console import Console
        from rich.markup import escape

        words = _WORDS[options.lang]
        console = Console(
            file=cast(IO[str], stream),
            force_terminal=options.color,
            no_color=not options.color,
            # A terminal's own width; piped, $COLUMNS when set, else 160.
            width=None if options.color or os.environ.get("COLUMNS") else 160,
            highlight=False,
        )
        console.rule(words["title"])
        for tenant in result.tenants:
            name = tenant.agency.name_th if options.lang == "th" else tenant.agency.name_en
            cii = " · CII" if tenant.cii.designated else ""
            _say(
                console,
                f"{words['tenant']}: [bold]{escape(safe_text(tenant.id))}[/] — "
                f"{escape(safe_text(name))}{cii}",
            )
        counts = dict.fromkeys(
            ("assessed", "partially_assessed", "not_assessed", "not_recognised", "excluded"), 0
        )
        for item in result.inputs:
            counts[item.status.value] += 1
        kinds = ["assessed", "partially_assessed", "not_assessed", "not_recognised"]
        if counts["excluded"]:
            kinds.append("excluded")
        files = [f"{counts[kind]} {words[kind]}," for kind in kinds]
        files[-1] = files[-1][:-1] + ";"
        # a count is never apart from its words (at 80 columns: "...; 50" / "resources")
        files.append(f"{len(result.resources)} {words['resources']}")
        _listed(console, f"{words['files']}:", files)
        root = ScanRoot.of(result)
        if root.root is not None:
            # the root is never broken over lines (a terminal may fold it for display)
            _plain_line(console, words["root"].format(root=_one_line(root.root)), soft_wrap=True)
        if result.rule_packs:
            _say(console, escape(_rules_line(result, words)))
        for line in _reading_notes(result, words, options.lang, root):
            _say(console, escape(line))
        failures = [f for f in result.findings if f.is_failure and not f.is_waived]
        shown = failures[:TABLE_ROWS]
        if failures and not _fits_table(console, shown, words, root):
            for finding in shown:
                _finding_lines(console, finding, options.lang, words, root)
        elif failures:
            _findings_table(console, shown, options.lang, words, root)
        if failures:
            rest = failures[TABLE_ROWS:]
            if rest:
                # A table of thousands of rows takes rich seconds to lay out (a minute at
                # 100,000 resources); the rest are plain lines, every one still shown.
                _say(console, words["more_failures"].format(count=len(rest)))
                console.file.write(
                    "".join(
                        f"{_label(f, words)[0]}  {f.rule_id}  {_resource(f)}  "
                        f"{_where(f, root)}  {_message(f, options.lang, root)}\n"
                        for f in rest
                    )
                )
            if options.lang == "th":
                _say(console, _severity_legend(failures), markup=False)
        else:
            _say(console, f"[green]{words['no_failures']}[/]")
        _governance(console, result, words)
        if result.checkov is not None:
            _checkov(console, result, options.lang)
        _input_problems(console, result, words, root)
        if result.frameworks:
            _frameworks_table(console, result, options.lang)
        _summary(console, result, words)


def _findings_table(
    console: Console, shown: list[Finding], lang: str, words: dict[str, str], root: ScanRoot
) -> None:
    """The failing checks as a table: severity, rule, address, file:line, message."""
    from rich.table import Table
    from rich.text import Text as RichText

    table = Table(show_lines=False, expand=True)
    table.add_column(words["severity"], no_wrap=True)
    table.add_column(words["rule"], no_wrap=True)
    # Addresses and file:line are never broken: their columns are as wide as their
    # longest value (the message column wraps instead; too narrow a console gets
    # one finding per group of lines instead).
    table.add_column(
        words["resource"], no_wrap=True, min_width=_widest(map(_resource, shown))
    )
    table.add_column(
        words["where"], no_wrap=True, min_width=_widest(_where(f, root) for f in shown)
    )
    table.add_column(_thai(RichText(words["message"])), overflow="fold")
    for finding in shown:
        label, style = _label(finding, words)
        table.add_row(
            RichText(label, style=style),
            finding.rule_id,
            RichText(_resource(finding)),
            RichText(_where(finding, root)),
            _folding(RichText(_message(finding, lang, root))),
        )
    _print_table(console, table)


def _rules_line(result: AuditResult, words: dict[str, str]) -> str:
    """The rules evaluated: one pack named once, with its version (the newest of its files',
    or the installed pack's after a selection; docs/reports.md "Rule packs"), and the
    selection that chose them: ``Rules: 2 of the 130 in the rule pack gdcc-core 2026.12,
    selected by rule id`` (it said ``Rules: 2 from the rule pack gdcc-core 2026.11``)."""
    packs = result.rule_packs
    count = sum(p.rules for p in packs)

    def part(pack: RulePack) -> str:
        if pack.pack_rules is None:
            return f"{pack.label()} ({pack.rules})"
        return f"{pack.label()} ({words['pack_part'].format(rules=pack.rules, of=pack.pack_rules)})"

    by = [words[f"by_{key}"] for key in result.selected_by]
    if not by:
        if len(packs) == 1:
            return words["rules"].format(count=count, packs=packs[0].label())
        return words["rules_many"].format(count=count, packs=", ".join(map(part, packs)))
    chosen = (
        words["by_and"].join(by) if len(by) < 3
        else words["by_sep"].join(by[:-1]) + words["by_last"] + by[-1]
    )
    if len(packs) > 1:
        return words["rules_selected_many"].format(
            count=count, by=chosen, packs=", ".join(map(part, packs))
        )
    if packs[0].pack_rules is None:
        return words["rules_selected"].format(count=count, by=chosen, packs=packs[0].label())
    return words["rules_selected_of"].format(
        count=count, by=chosen, of=packs[0].pack_rules, packs=packs[0].label()
    )


def _summary(console: Console, result: AuditResult, words: dict[str, str]) -> None:
    """Checks by status (Thai: the Thai word with the value beside it, ``ผ่าน (PASS) 223``),
    and how many could not be decided."""
    by_status = result.counts()
    thai = words["lang"] == "th"
    # A waived failure is counted beside the others, as the HTML / PDF report counts it
    # ("26 + 1 waived"): "FAIL 27" read as 27 failures to fix where the report said 26.
    waived = dict.fromkeys(by_status, 0)
    for finding in result.waived:
        waived[finding.status] += 1

    def shown(status: Status, count: int) -> str:
        name = f"{_STATUS_TH[status]} ({status.value})" if thai else status.value
        if not waived[status]:
            return f"{name} {count}"
        beside = words["waived_beside"].format(count=waived[status])
        return f"{name} {count - waived[status]} {beside}"

    items = [shown(status, count) + "," for status, count in by_status.items()]
    items[-1] = items[-1][:-1]
    _listed(console, f"{words['summary']}:", items)
    if by_status[Status.UNKNOWN]:
        _say(console, f"  {by_status[Status.UNKNOWN]} {words['unknown_note']}")


def _listed(console: Console, head: str, items: list[str]) -> None:
    """``head`` and ``items`` (each with its own punctuation) joined by spaces on as few lines
    as fit, a line breaking only between items: the Thai summary at 120 columns ended
    ``ข้อผิดพลาด (ERROR)`` with its ``0`` on the next line, at 80 ``ไม่เกี่ยวข้อง`` /
    ``(NOT_APPLICABLE) 101``; the files line ``...; 50`` / ``resources``. An item wider than
    the console still wraps (``_say``)."""
    from rich.cells import cell_len

    lines: list[str] = []
    line = head
    for piece in items:
        if line == head or cell_len(f"{line} {piece}") <= console.width:
            line = f"{line} {piece}"
        else:
            lines.append(line)
            line = piece
    lines.append(line)
    for text in lines:
        _say(console, text, markup=False)


def _severity_legend(failures: Sequence[Finding]) -> str:
    """The Thai severity words of the failures listed, each with the value --fail-on takes:
    ``ระดับความรุนแรง: วิกฤต = critical, สูง = high (ค่าของ --fail-on)``."""
    found = {f.severity for f in failures}
    listed = ", ".join(
        f"{_SEVERITY_TH[s]} = {s.value}" for s in reversed(Severity) if s in found
    )
    return f"ระดับความรุนแรง: {listed} (ค่าของ --fail-on)"


def _input_problems(
    console: Console, result: AuditResult, words: dict[str, str], root: ScanRoot = NO_ROOT
) -> None:
    """Files not assessed, then files read the way their own tool reads them with a word for
    the user (a Heat key written twice)."""
    if result.not_assessed:
        _bad_files(console, result, words, root)
    warned = [item for item in result.inputs if item.warnings]
    if not warned:
        return
    _say(console, f"[bold yellow]{words['input_warnings']}[/]")
    for item in warned:
        for warning in item.warnings:
            where = _one_line(root.path(item.path))
            _say(console, f"  ! {where}: {root.text(safe_text(warning))}", markup=False)


def _bad_files(
    console: Console, result: AuditResult, words: dict[str, str], root: ScanRoot = NO_ROOT
) -> None:
    from rich.cells import cell_len
    from rich.padding import Padding
    from rich.text import Text as RichText

    partial = InputStatus.PARTIALLY_ASSESSED
    some_partial = any(item.status == partial for item in result.not_assessed)
    heading = words["bad_files_partial" if some_partial else "bad_files"]
    _say(console, f"[bold red]{heading}[/]")
    for item in result.not_assessed:
        where = _one_line(root.path(item.path)) + (f":{item.line}" if item.line else "")
        if item.status == partial:  # the rest of the file was assessed: say so
            where += f" ({words['partially_assessed']})"
        line = f"  ✗ {where}: {safe_text(item.error or '')}"
        if cell_len(line) <= console.width:
            _say(console, line, markup=False)
        else:  # the file:line on a line of its own, never broken; the reason wraps
            console.print(f"  ✗ {where}:", markup=False, soft_wrap=True)
            reason = _thai(RichText(safe_text(item.error or "")))
            console.print(Padding(reason, (0, 0, 0, 4)))
        for extra in item.additional_errors:
            _say(console, f"    {safe_text(extra)}", markup=False)


def _checkov(console: Console, result: AuditResult, lang: str) -> None:
    """The checkov run in one line, then its unmapped failures under their own heading."""
    from rich.table import Table
    from rich.text import Text as RichText

    assert result.checkov is not None
    text = unmapped_words(lang)
    style = "bold red" if result.checkov.error else "cyan"
    _say(console, unmapped_summary(result.checkov, lang), style=style, markup=False)
    rows = unmapped(result)
    if not rows:
        return
    _say(console, f"[bold]{text['heading']}[/]")
    table = Table(show_lines=False, expand=True)
    for column in ("check", "resource", "location", "name"):
        table.add_column(_thai(RichText(text[column])), overflow="fold")
    for item in rows:
        table.add_row(
            item.check_id,
            RichText(item.resource),
            str(item.location) if item.location else "",
            _thai(RichText(item.check_name)),
        )
    _print_table(console, table)


def _waiver_resources(record: WaiverRecord, findings: Mapping[str, Finding]) -> str:
    """The resources a waiver names, as the failure table names them (``system/address``),
    each once; the waiver's own text when it matches no failing finding."""
    kept = dict(zip(record.matched, record.addresses, strict=False))  # a result read back
    names = [
        _resource(findings[fp]) if fp in findings else _one_line(kept[fp])
        for fp in record.matched
        if fp in findings or fp in kept
    ]
    return ", ".join(dict.fromkeys(names)) or _one_line(record.resource)


def _governance(console: Console, result: AuditResult, words: dict[str, str]) -> None:
    """Waived counts, waivers needing attention, baseline new/known (docs/waivers.md)."""
    waived = result.waived
    if waived:
        _say(console, words["waived"].format(count=len(waived)), style="cyan", markup=False)
    styles = {
        WaiverState.EXPIRED: "bold red",
        WaiverState.PENDING: "yellow",
        WaiverState.UNUSED: "yellow",
    }
    by_fingerprint = {f.fingerprint: f for f in result.findings}
    for record in result.waivers:
        if record.state not in styles:
            continue
        line = words["waiver_line"].format(
            state=words[f"waiver_{record.state.value}"],
            id=record.id,
            rule=record.rule,
            resource=_waiver_resources(record, by_fingerprint),
            approver=record.approver,
            expires=(
                thai_date(record.expires) if words["lang"] == "th" else record.expires.isoformat()
            ),
        )
        _hanging(console, line.strip(), style=styles[record.state])
    applied = {w.file for w in result.waivers}
    for item in result.inputs:
        if item.format == "gdcc-waivers" and item.error is None and item.path not in applied:
            _say(console, words["unapplied"].format(path=item.path), style="dim", markup=False)
    if result.baseline is not None:
        info = result.baseline
        text = words["baseline"].format(path=info.path, new=info.new, known=info.known)
        _say(console, text, markup=False)


def _frameworks_table(console: Console, result: AuditResult, lang: str) -> None:
    """Per framework: score always next to its coverage (docs/frameworks.md). One table per
    tenant: a tenant column repeated one id on every row and, at 80 columns, broke it
    (moph-health-pl / atform) and the counts (12/1/23/5 / 7)."""
    from rich.table import Table
    from rich.text import Text as RichText

    th = lang == "th"
    by_tenant: dict[str, list[FrameworkResult]] = {}
    for item in result.frameworks:
        by_tenant.setdefault(item.tenant or "", []).append(item)
    for tenant, items in by_tenant.items():
        title = "กรอบมาตรฐาน" if th else "Frameworks"
        # one tenant is named on the lines above and below (tenant, grade). The title is a
        # heading at the left as the console's other headings are: rich centred it over the
        # table with spaces either side, ending the line with spaces too.
        title = f"{title}: {safe_text(tenant)}" if len(by_tenant) > 1 else title
        _say(console, title, markup=False, style="bold")
        table = Table(expand=True)
        for column in (
            ("กรอบ", "Framework"),
            ("คะแนน", "Score"),
            ("ความครอบคลุม", "Coverage"),
            ("ผ่าน/ไม่ผ่าน/บางส่วน/รอประเมิน", "Pass/Fail/Partial/Manual"),
        ):
            # a heading breaks between words or after a "/" (Pass/Fail/ | Partial/Manual)
            table.add_column(_folding(RichText(column[0] if th else column[1])), overflow="fold")
        rows = [
            (
                item.framework
                + ("" if item.status.value == "in_force" else f" ({item.status.value})"),
                "-" if item.score is None else f"{item.score:.0%}",
                f"{item.coverage:.0%} ({item.assessable}/{item.applicable})",
                "/".join(
                    str(item.counts.get(s, 0))
                    for s in (ControlStatus.PASS, ControlStatus.FAIL, ControlStatus.PARTIAL)
                )
                + f"/{item.counts.get(ControlStatus.MANUAL, 0)}",
            )
            for item in items
        ]
        # A framework id (ISO27001-2022), a coverage (39% (36/93)) and the counts are never
        # broken.
        for index in (0, 2, 3):
            table.columns[index].no_wrap = True
            table.columns[index].min_width = _widest(row[index] for row in rows)
        for row in rows:
            table.add_row(*row)
        _print_table(console, table)
    for grade in result.grades:
        score = "-" if grade.score is None else f"{grade.score:.0%}"
        label = "ระดับ" if th else "Grade"
        note = f" — {grade.note.get(lang)}" if grade.note else ""
        tenant = f" {grade.tenant}" if grade.tenant else ""
        _say(
            console,
            f"{label}{tenant}: [bold]{grade.letter}[/] ({score}, "
            f"{'ครอบคลุม' if th else 'coverage'} {grade.coverage:.0%}){note}",
        )


def _reading_notes(
    result: AuditResult, words: dict[str, str], lang: str = "en", root: ScanRoot = NO_ROOT
) -> list[str]:
    """What was read but not judged, and what was not read: one line each, when any (the
    types no GDCC rule applies to by decision on a line of their own, with the reasons)."""
    lines = []
    if result.read_for_context:
        lines.append(_context_line(result.read_for_context, words))
    if result.not_judged:
        lines.append(_not_judged_line(result.not_judged, words))
    if result.not_judged_why:
        listed = "; ".join(
            f"{name}: {why.get(lang)}" for name, why in result.not_judged_why.items()
        )
        lines.append(words["not_judged_why"].format(listed=safe_text(listed)))
    if result.companions_without_target:
        lines.append(_companions_line(result.companions_without_target, words))
    if result.modules_not_read:
        lines.append(_modules_not_read_line(result.modules_not_read, words, lang, root))
    return lines


def _companions_line(companions: dict[str, tuple[str, ...]], words: dict[str, str]) -> str:
    """The resources that configure something not in the scan (ten named at most)."""
    addresses = [a for found in companions.values() for a in found]
    listed = ", ".join(addresses[:10]) + (", …" if len(addresses) > 10 else "")
    return words["companions"].format(count=len(addresses), listed=safe_text(listed))


def _modules_not_read_line(
    modules: Sequence[UnreadModule],
    words: dict[str, str],
    lang: str = "en",
    root: ScanRoot = NO_ROOT,
) -> str:
    """The Terraform module calls not read, with where and why (ten named at most; the
    reason in Thai from ``reason_words`` for ``lang`` th), and how to include remote ones."""
    listed = "; ".join(
        f"{m.address}" + (f" ({m.source})" if m.source else "")
        + f" {m.path}" + (f":{m.line}" if m.line else "")
        + f": {reason_th(m.reason) if lang == 'th' else m.reason}"
        for m in modules[:10]
    )
    if len(modules) > 10:
        listed += "; …"
    listed = root.text(safe_text(listed))
    line = words["modules_not_read"].format(count=len(modules), listed=listed)
    if any(m.reason.startswith("remote source") for m in modules):
        line += " " + words["init_hint"]
    return line


def _context_line(context: dict[str, ContextUse], words: dict[str, str]) -> str:
    """The types read only for other resources, with the types that read them (ten named at
    most): ``aws_db_parameter_group 1 (for aws_db_instance)``."""
    ranked = sorted(context.items(), key=lambda item: (-item[1].count, item[0]))
    listed = ", ".join(
        f"{name} {use.count} ({words['context_for']} {', '.join(use.used_by)})"
        for name, use in ranked[:10]
    )
    if len(ranked) > 10:
        listed += ", …"
    total = sum(use.count for use in context.values())
    return words["read_for_context"].format(count=total, listed=safe_text(listed))


def _not_judged_line(not_judged: dict[str, int], words: dict[str, str]) -> str:
    """The resource types no native rule reads, most frequent first (ten named at most)."""
    ranked = sorted(not_judged.items(), key=lambda item: (-item[1], item[0]))
    listed = ", ".join(f"{name} {count}" for name, count in ranked[:10])
    if len(ranked) > 10:
        listed += ", …"
    return words["not_judged"].format(
        count=sum(not_judged.values()), kinds=len(ranked), listed=safe_text(listed)
    )
