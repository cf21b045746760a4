"""A rule pack is named once, with one version: the newest its files carry.

gdcc-core's files are edited one at a time, so they carry two versions (2026.11, 2026.12);
the methodology said "from the rule pack(s) gdcc-core 2026.11, gdcc-core 2026.12", which reads
as two packs, and the history store kept the first file's version (2026.11). Now every output
that names packs names it once (``AuditResult.rule_packs``: JSON, SARIF tool extensions, OSCAL
metadata props, HTML / PDF methodology and appendix, console, history) and the files' versions
are listed beside it (JSON, SARIF, OSCAL, the appendix)."""

from __future__ import annotations

import html as html_lib
import io
import json
import re

import pytest
from report_factory import build

from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.rule import RuleMeta, RulePack, rule_packs
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.json import result_to_json
from gdcc_audit.report.oscal import to_oscal
from gdcc_audit.report.sarif import to_sarif


def _versioned(result: AuditResult, *packs: tuple[str, str | None]) -> AuditResult:
    """``result`` with its rules spread over ``packs`` (name, file version) in turn."""
    rules = tuple(
        meta.model_copy(update={"pack": packs[i % len(packs)][0],
                                "pack_version": packs[i % len(packs)][1]})
        for i, meta in enumerate(result.rules)
    )
    return result.model_copy(update={"rules": rules})


@pytest.fixture(scope="module")
def one_pack() -> AuditResult:
    """Four rules of gdcc-core from files of versions 2026.9 (two), 2026.12, 2026.11 (2026.12
    is the newest: versions compare by their numbers, not as text)."""
    result = build(6)
    assert len(result.rules) == 4
    return _versioned(
        result, ("gdcc-core", "2026.9"), ("gdcc-core", "2026.12"), ("gdcc-core", "2026.11")
    )


@pytest.fixture(scope="module")
def two_packs() -> AuditResult:
    return _versioned(build(6), ("gdcc-core", "2026.12"), ("agency-extra", "1.0"))


def _text(markup: str) -> str:
    inline = re.sub(r"</?span[^>]*>|<wbr>", "", markup)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def _html(result: AuditResult, lang: str) -> str:
    stream = io.StringIO()
    HtmlReporter().render(result, stream, ReportOptions(lang=lang))
    return stream.getvalue()


def _section(markup: str, name: str) -> str:
    found = re.search(rf'<section class="{name}"[^>]*>(.*?)</section>', markup, re.S)
    assert found is not None, name
    return _text(found.group(1))


def _console(result: AuditResult, lang: str) -> list[str]:
    stream = io.StringIO()
    ConsoleReporter().render(result, stream, ReportOptions(lang=lang, color=False))
    return stream.getvalue().splitlines()


def test_a_pack_is_one_entry_with_its_newest_file_version() -> None:
    def meta(pack: str, version: str | None) -> RuleMeta:
        return build(1).rules[0].model_copy(update={"pack": pack, "pack_version": version})

    packs = rule_packs(
        [meta("gdcc-core", "2026.11"), meta("gdcc-core", "2026.12"), meta("gdcc-core", "2026.9"),
         meta("gdcc-core", "2026.12"), meta("zeta", None), meta("alpha", "1.0")]
    )
    assert packs == (
        RulePack(name="alpha", version="1.0", rules=1, file_versions={"1.0": 1}),
        RulePack(
            name="gdcc-core",
            version="2026.12",
            rules=4,
            file_versions={"2026.9": 1, "2026.11": 1, "2026.12": 2},
        ),
        RulePack(name="zeta", version=None, rules=1, file_versions={}),
    )
    assert [p.label() for p in packs] == ["alpha 1.0", "gdcc-core 2026.12", "zeta"]


def test_json_names_the_pack_once_and_reads_back(one_pack: AuditResult) -> None:
    text = result_to_json(one_pack)
    assert json.loads(text)["rule_packs"] == [
        {
            "name": "gdcc-core",
            "version": "2026.12",
            "rules": 4,
            "file_versions": {"2026.9": 2, "2026.11": 1, "2026.12": 1},
        }
    ]
    # derived from the rules: a result read back computes it again (not an unknown field)
    again = AuditResult.model_validate_json(text)
    assert again.rule_packs == one_pack.rule_packs


def test_sarif_lists_the_pack_as_a_tool_extension(one_pack: AuditResult) -> None:
    tool = to_sarif(one_pack, "en")["runs"][0]["tool"]
    assert tool["driver"]["name"] == "gdcc-audit"
    assert tool["extensions"] == [
        {
            "name": "gdcc-core",
            "version": "2026.12",
            "properties": {
                "ruleCount": 4,
                "fileVersions": {"2026.9": 2, "2026.11": 1, "2026.12": 1},
            },
        }
    ]


def test_oscal_names_the_pack_in_the_metadata(one_pack: AuditResult) -> None:
    props = to_oscal(one_pack, "en")["assessment-results"]["metadata"]["props"]
    packs = [p for p in props if p["name"] == "rule-pack"]
    assert [(p["value"], p["remarks"]) for p in packs] == [
        (
            "gdcc-core 2026.12",
            "4 rules; rules per file version: 2026.9: 2, 2026.11: 1, 2026.12: 1; the pack's "
            "version is the newest",
        )
    ]


@pytest.mark.parametrize(
    ("lang", "sentence", "files"),
    [
        (
            "en",
            "Rules: 4 from the rule pack gdcc-core 2026.12. A rule pack's version is the "
            "newest of the versions its files carry; the appendix lists them.",
            "gdcc-core 2026.12 rules per file version: 2026.9: 2, 2026.11: 1, 2026.12: 1 4",
        ),
        (
            "th",
            "กฎการตรวจ 4 ข้อ จากชุดกฎ gdcc-core 2026.12 รุ่นของชุดกฎคือรุ่นล่าสุดในบรรดารุ่นที่"
            "ไฟล์ของชุดกฎระบุไว้ ซึ่งแสดงไว้ในภาคผนวก",
            "gdcc-core 2026.12 จำนวนกฎตามรุ่นของไฟล์: 2026.9: 2, 2026.11: 1, 2026.12: 1 4",
        ),
    ],
)
def test_html_methodology_and_appendix_name_one_pack(
    one_pack: AuditResult, lang: str, sentence: str, files: str
) -> None:
    markup = _html(one_pack, lang)
    assert sentence in _section(markup, "methodology")
    assert "2026.11," not in _section(markup, "methodology")
    table = re.search(r'<table class="packs">.*?<tbody>(.*?)</tbody>', markup, re.S)
    assert table is not None
    assert [_text(row) for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)] == [
        files
    ]


def test_several_packs_are_counted_and_one_version_file_says_nothing_more(
    two_packs: AuditResult,
) -> None:
    methodology = _section(_html(two_packs, "en"), "methodology")
    assert "Rules: 4 from 2 rule packs: agency-extra 1.0, gdcc-core 2026.12." in methodology
    assert "newest of the versions" not in methodology  # each pack's files carry one version
    assert "Rules: 4 from the rule packs agency-extra 1.0 (2), gdcc-core 2026.12 (2)" in (
        _console(two_packs, "en")
    )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Rules: 4 from the rule pack gdcc-core 2026.12"),
        ("th", "กฎการตรวจ 4 ข้อ จากชุดกฎ gdcc-core 2026.12"),
    ],
)
def test_console_names_the_pack_once(one_pack: AuditResult, lang: str, line: str) -> None:
    lines = _console(one_pack, lang)
    assert line in lines
    assert not any("2026.11" in x for x in lines)


# A selection (--rules, --tag, --min-severity, --framework): the pack as installed.


@pytest.fixture(scope="module")
def selected() -> AuditResult:
    """Two rules of gdcc-core's 2026.11 files chosen by --rules, from a pack of 132 rules
    whose newest file is 2026.12 (as gdcc-core is installed)."""
    result = _versioned(build(6), ("gdcc-core", "2026.11"))
    installed = RulePack(
        name="gdcc-core",
        version="2026.12",
        rules=132,
        file_versions={"2026.11": 77, "2026.12": 53},
    )
    rules = result.rules[:2]
    return result.model_copy(
        update={
            "rules": rules,
            "installed_packs": (installed,),
            "settings": {**result.settings, "rule_ids": [r.id for r in rules]},
        }
    )


def test_a_selection_keeps_the_installed_pack_s_version() -> None:
    """The newest of the chosen rules' files (2026.11) named an older release than the one
    that ran (2026.12)."""
    def meta(version: str) -> RuleMeta:
        return build(1).rules[0].model_copy(update={"pack_version": version})

    whole = rule_packs([meta("2026.11"), meta("2026.12"), meta("2026.11")])
    assert rule_packs([meta("2026.11")], whole) == (
        RulePack(
            name="gdcc-core",
            version="2026.12",
            rules=1,
            file_versions={"2026.11": 1},
            pack_rules=3,
        ),
    )
    # every rule of the pack evaluated: as before, no pack_rules
    assert rule_packs([meta("2026.11"), meta("2026.12"), meta("2026.11")], whole) == whole


def test_a_scan_with_rules_records_the_installed_pack(tmp_path: object) -> None:
    from pathlib import Path

    from gdcc_audit import Settings, audit

    example = Path(__file__).parents[2] / "examples" / "moph-health-platform"
    result = audit([example], Settings(rule_ids=("GDCC-NET-001", "GDCC-ENC-001")))
    (pack,) = result.rule_packs
    (installed,) = result.installed_packs
    assert (pack.name, pack.rules, pack.pack_rules) == ("gdcc-core", 2, installed.rules)
    assert pack.version == installed.version == max(
        installed.file_versions, key=lambda v: tuple(map(int, v.split(".")))
    )
    assert result.selected_by == ("rule_ids",)
    data = json.loads(result_to_json(result))
    assert data["rule_packs"][0]["pack_rules"] == installed.rules
    # read back (gdcc-audit report RESULT.json): the same packs
    assert AuditResult.model_validate_json(result_to_json(result)).rule_packs == (pack,)


def test_a_full_scan_writes_no_installed_packs(one_pack: AuditResult) -> None:
    data = json.loads(result_to_json(one_pack))
    assert "installed_packs" not in data
    assert "pack_rules" not in data["rule_packs"][0]


def test_machine_formats_name_the_installed_pack_after_a_selection(
    selected: AuditResult,
) -> None:
    assert json.loads(result_to_json(selected))["rule_packs"] == [
        {
            "name": "gdcc-core",
            "version": "2026.12",
            "rules": 2,
            "file_versions": {"2026.11": 2},
            "pack_rules": 132,
        }
    ]
    assert to_sarif(selected, "en")["runs"][0]["tool"]["extensions"] == [
        {
            "name": "gdcc-core",
            "version": "2026.12",
            "properties": {"ruleCount": 2, "fileVersions": {"2026.11": 2}, "packRuleCount": 132},
        }
    ]
    props = to_oscal(selected, "en")["assessment-results"]["metadata"]["props"]
    assert [(p["value"], p["remarks"]) for p in props if p["name"] == "rule-pack"] == [
        ("gdcc-core 2026.12", "2 of the pack's 132 rules, selected by rule id")
    ]


@pytest.mark.parametrize(
    ("lang", "line", "sentence", "card", "row"),
    [
        (
            "en",
            "Rules: 2 of the 132 in the rule pack gdcc-core 2026.12, selected by rule id",
            "Rules: 2 of the 132 in the rule pack gdcc-core 2026.12, selected by rule id. "
            "Scores, coverage and the grade count these rules only.",
            "Evaluated with 2 of the 132 rules only (selected by rule id): the grade and "
            "scores count these.",
            "gdcc-core 2026.12 rules per file version: 2026.11: 2 2 of 132",
        ),
        (
            "th",
            "กฎการตรวจ 2 ข้อ จาก 132 ข้อของชุดกฎ gdcc-core 2026.12 ซึ่งเลือกตามรหัสกฎ",
            "กฎการตรวจ 2 ข้อ จาก 132 ข้อของชุดกฎ gdcc-core 2026.12 ซึ่งเลือกตามรหัสกฎ "
            "คะแนน ความครอบคลุม และระดับผลการประเมิน นับเฉพาะกฎเหล่านี้",
            "ตรวจด้วยกฎเพียง 2 จาก 132 ข้อ (เลือกตามรหัสกฎ) "
            "ระดับผลการประเมินและคะแนนนับเฉพาะกฎเหล่านี้",
            "gdcc-core 2026.12 จำนวนกฎตามรุ่นของไฟล์: 2026.11: 2 2 จาก 132 ข้อ",
        ),
    ],
)
def test_human_reports_say_the_rules_were_a_selection(
    selected: AuditResult, lang: str, line: str, sentence: str, card: str, row: str
) -> None:
    """The console, the methodology, the summary's grade card and the appendix said
    ``gdcc-core 2026.11`` and nothing of the selection."""
    console = _console(selected, lang)
    assert line in console
    assert not any("2026.11" in x for x in console)
    markup = _html(selected, lang)
    assert sentence in _section(markup, "methodology")
    assert card in _section(markup, "summary")
    table = re.search(r'<table class="packs">.*?<tbody>(.*?)</tbody>', markup, re.S)
    assert table is not None
    assert [_text(r) for r in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)] == [row]


def test_criteria_are_named_together_and_an_old_result_still_says_selected(
    selected: AuditResult,
) -> None:
    """A result saved before installed_packs has no installed pack to name: the version of
    the chosen rules' files, and still the selection."""
    old = selected.model_copy(
        update={
            "installed_packs": (),
            "settings": {**selected.settings, "tags": ["network"], "min_severity": "high"},
        }
    )
    assert (
        "Rules: 2 from the rule pack gdcc-core 2026.11, selected by rule id, tag and minimum "
        "severity" in _console(old, "en")
    )
    assert (
        "กฎการตรวจ 2 ข้อ จากชุดกฎ gdcc-core 2026.11 ซึ่งเลือกตามรหัสกฎ แท็ก และระดับความรุนแรงขั้นต่ำ"
        in _console(old, "th")
    )
    two = old.model_copy(update={"settings": {**old.settings, "min_severity": None}})
    assert "selected by rule id and tag" in _section(_html(two, "en"), "methodology")
    assert "ซึ่งเลือกตามรหัสกฎและแท็ก" in _section(_html(two, "th"), "methodology")
    assert (
        "Evaluated with 2 rules only (selected by rule id, tag and minimum severity)"
        in _section(_html(old, "en"), "summary")
    )
