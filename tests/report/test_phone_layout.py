"""The HTML report on a phone (390-485 px): only a wide table or figure scrolls sideways, in a
container of its own; the page never does. Before, a table's phone min-width (42rem) and the
overview figure's fixed width (600-860 px) made the whole page 650 px wide at 390 px: every
paragraph's right edge was off the screen until the reader scrolled. The PDF has the same
layout with or without the containers (print.css: the quick start's 68 pages are the same
images)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from report_factory import build
from test_graph_overview import FIGURE

from gdcc_audit.models.result import AuditResult
from gdcc_audit.plugins import make_plugin_manager
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.resources import reports_dir

#: Tables that are narrow by design (label / value) or inside another table (attack path).
_INLINE = {"facts", "ap-row"}


def _html(result: AuditResult, lang: str = "th") -> str:
    stream = io.StringIO()
    HtmlReporter(make_plugin_manager(entry_points=False)).render(
        result, stream, ReportOptions(lang=lang)
    )
    return stream.getvalue()


class _Parents(HTMLParser):
    """Each table's and overview figure's parent element (tag, class)."""

    VOID: ClassVar[set[str]] = {
        "br", "col", "img", "wbr", "meta", "link", "input", "hr", "source", "path"
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.found: list[tuple[str, tuple[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "table" or "go-figure" in classes.split():
            parent = self.stack[-1] if self.stack else ("", "")
            self.found.append((f"{tag}.{classes}", parent))
        if tag not in self.VOID:
            self.stack.append((tag, classes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        return

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def _parents(html: str) -> list[tuple[str, tuple[str, str]]]:
    parser = _Parents()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_wide_table_and_the_overview_figure_scroll_in_a_container(lang: str) -> None:
    found = _parents(_html(build(8), lang)) + _parents(_html(FIGURE, lang))
    wide = [
        (name, parent)
        for name, parent in found
        if not _INLINE & set(name.split(".", 1)[1].split())
    ]
    names = {name for name, _ in wide}
    assert {"table.controls", "table.findings", "table.scores", "table.signoff"} <= names
    assert "div.go-figure" in names
    assert [(name, parent) for name, parent in wide if parent != ("div", "scroll-x")] == []
    # the label / value tables stay in the page's flow
    facts = [parent for name, parent in found if name == "table.facts"]
    assert facts
    assert ("div", "scroll-x") not in facts


def test_the_containers_scroll_on_screen_only() -> None:
    css = (reports_dir() / "css" / "report.css").read_text(encoding="utf-8")
    screen = re.search(r"@media screen \{(.*?)\n\}", css, re.S)
    assert screen is not None
    assert ".scroll-x { overflow-x: auto; max-width: 100%; }" in screen.group(1)
    assert "figure.chart { overflow-x: auto; }" in screen.group(1)
    assert "scroll-x" not in css.replace(screen.group(0), "").split("*/")[-1]
    assert "scroll-x" not in (reports_dir() / "css" / "print.css").read_text(encoding="utf-8")


_PROBE = """<html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:900px;border:0"></iframe>
<pre id="r"></pre>
<script>
document.getElementById('f').onload = function () {{
  var d = this.contentDocument, e = d.documentElement, boxes = d.querySelectorAll('.scroll-x');
  var scrolled = 0;
  boxes.forEach(function (b) {{ if (b.scrollWidth > b.clientWidth) scrolled++; }});
  var chart = d.querySelector('img.chart');
  var cells = d.querySelector('table.findings > tbody > tr').children;
  var resource = cells[0].getBoundingClientRect(), message = cells[2].getBoundingClientRect();
  var box = d.querySelector('table.findings').parentElement;
  document.getElementById('r').textContent = 'page ' + e.scrollWidth + ' ' + e.clientWidth
    + ' boxes ' + boxes.length + ' scrolled ' + scrolled
    + ' chart ' + (chart ? Math.round(chart.getBoundingClientRect().width) : -1)
    + ' message ' + Math.round(message.right) + ' ' + (message.top >= resource.bottom ? 1 : 0)
    + ' ' + (box.scrollWidth > box.clientWidth ? 1 : 0);
}};
</script></body></html>"""


def _measure(tmp_path: Path, report: Path, width: int) -> dict[str, int]:
    probe = tmp_path / f"probe-{width}.html"
    probe.write_text(_PROBE.format(src=report.as_uri(), width=width), encoding="utf-8")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--allow-file-access-from-files", "--virtual-time-budget=20000", "--dump-dom",
         probe.as_uri()],
        capture_output=True, text=True, timeout=180, check=True,
    ).stdout  # fmt: skip
    found = re.search(
        r"page (\d+) (\d+) boxes (\d+) scrolled (\d+) chart (-?\d+) message (\d+) (\d) (\d)",
        dom,
    )
    assert found is not None, dom[-500:]
    keys = ("page", "client", "boxes", "scrolled", "chart", "message", "below", "scrolls")
    return dict(zip(keys, map(int, found.groups()), strict=True))


@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="chromium not installed",
)
def test_the_page_never_scrolls_sideways_in_chromium(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = FIGURE.model_copy(update={"findings": build(8).findings + FIGURE.findings})
    report.write_text(_html(result), encoding="utf-8")
    phone = _measure(tmp_path, report, 390)
    # the page is as wide as the screen; the tables and the figure scroll in their boxes
    assert phone["page"] == phone["client"]
    assert phone["boxes"] >= 5
    assert phone["scrolled"] >= 3
    # a chart keeps 30rem (440 px at the report's 11pt root) instead of shrinking to the
    # screen, and scrolls in its figure
    assert phone["chart"] >= 440
    # a finding's message is under its resource, on the screen; its table does not scroll
    # (it was right of a 42rem table, off the screen)
    assert phone["message"] <= phone["client"]
    assert (phone["below"], phone["scrolls"]) == (1, 0)
    desktop = _measure(tmp_path, report, 1280)
    assert desktop["page"] == desktop["client"]
    assert desktop["scrolled"] == 0
    assert (desktop["below"], desktop["scrolls"]) == (0, 0)


_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def test_every_html_page_is_laid_out_at_the_phone_s_width() -> None:
    """Without the viewport meta a phone lays a page out 980 px wide and shrinks it: the
    containers above never come into play and the text is too small to read. The graph page
    (``graph --format html``) had none."""
    from gdcc_audit.report.graph_page import render_graph_page

    pages = sorted(
        path.name
        for path in (reports_dir() / "templates").glob("*.html.j2")
        if "<!DOCTYPE html>" in path.read_text(encoding="utf-8")
    )
    assert pages == ["graph.html.j2", "portfolio.html.j2", "quarterly.html.j2", "report.html.j2"]
    for name in pages:
        assert _VIEWPORT in (reports_dir() / "templates" / name).read_text(encoding="utf-8")
    for lang in ("th", "en"):
        head = render_graph_page(FIGURE, lang).split("</head>", 1)[0]
        assert head.count(_VIEWPORT) == 1
        assert _VIEWPORT in _html(FIGURE, lang).split("</head>", 1)[0]


_PAGE_PROBE = """<html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:900px;border:0"></iframe>
<pre id="r"></pre>
<script>
document.getElementById('f').onload = function () {{
  var d = this.contentDocument, e = d.documentElement;
  var line = d.querySelector('.signoff table.facts td').getBoundingClientRect();
  var msg = d.querySelector('#changes table.q-findings td.q-msg').getBoundingClientRect();
  var res = d.querySelector('#changes table.q-findings td.wrap').getBoundingClientRect();
  var label = d.querySelector('#changes table.q-findings .phone-only').getBoundingClientRect();
  document.getElementById('r').textContent = 'page ' + e.scrollWidth + ' ' + e.clientWidth
    + ' line ' + Math.round(line.width) + ' ' + Math.round(line.right)
    + ' msg ' + Math.round(msg.right) + ' ' + Math.round(msg.top - res.bottom)
    + ' label ' + Math.round(label.width);
}};
</script></body></html>"""


@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="chromium not installed",
)
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_quarterly_sign_off_fits_a_phone(tmp_path: Path, lang: str) -> None:
    """The sign-off lines kept 14em + 18em: at 390 px the quarterly report's page was 8 px
    (Thai) and 13 px (English) wider than the screen. Its findings are laid out as the audit
    report's on a phone."""
    import datetime as dt

    from gdcc_audit.api import audit
    from gdcc_audit.history import Store, record_run
    from gdcc_audit.history.quarterly import build_quarterly
    from gdcc_audit.history.quarters import parse_quarter
    from gdcc_audit.history.render import render_html
    from gdcc_audit.report.i18n import translator
    from gdcc_audit.settings import Settings

    examples = Path(__file__).resolve().parents[2] / "examples"
    result = audit([examples / "police-region8"], Settings(now=dt.date(2026, 11, 23)))
    with Store(f"sqlite:///{tmp_path / 'h.sqlite3'}") as store:
        record_run(store, result)
        view = build_quarterly(
            store, "police-region8", parse_quarter("2570Q1"), translator(lang), charts=False
        )
    report = tmp_path / "quarterly.html"
    report.write_text(render_html("quarterly.html.j2", view, lang, media="screen"), "utf-8")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None
    measured = {}
    for width in (390, 1280):
        probe = tmp_path / f"probe-{width}.html"
        probe.write_text(_PAGE_PROBE.format(src=report.as_uri(), width=width), encoding="utf-8")
        dom = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--allow-file-access-from-files", "--virtual-time-budget=20000", "--dump-dom",
             probe.as_uri()],
            capture_output=True, text=True, timeout=300, check=True,
        ).stdout  # fmt: skip
        found = re.search(r"page (\d+) (\d+) line (\d+) (\d+) msg (\d+) (-?\d+) label (\d+)",
                          dom)  # fmt: skip
        assert found is not None, dom[-500:]
        measured[width] = tuple(map(int, found.groups()))
    page, client, line, right, msg, below, label = measured[390]
    assert page == client  # the page does not scroll sideways
    assert right <= client
    assert line >= 150  # room to sign
    # a finding's message under its resource, on the screen, its dates labelled (stop 51:
    # right of a 42rem table, the resource cut at the screen's edge)
    assert msg <= client
    assert below >= 0
    assert label > 0
    page, client, line, right, msg, below, label = measured[1280]
    assert page == client
    assert line >= 264  # 18em at the report's 11pt, as before
    assert below < 0  # side by side in the table's row
    assert label == 0  # the column headings say it


_RANKING_PROBE = """<html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:900px;border:0"></iframe>
<pre id="r"></pre>
<script>
document.getElementById('f').onload = function () {{
  var d = this.contentDocument, e = d.documentElement;
  var agency = d.querySelector('table.p-ranking tbody td:nth-child(3)').getBoundingClientRect();
  document.getElementById('r').textContent = 'page ' + e.scrollWidth + ' ' + e.clientWidth
    + ' agency ' + Math.round(agency.width);
}};
</script></body></html>"""


@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="chromium not installed",
)
def test_the_portfolio_ranking_keeps_room_for_the_agency_on_a_phone(tmp_path: Path) -> None:
    """At 390 px the ranking's seven fixed columns (33em + 20%) took all of its 42rem and
    left the agency a few pixels: its Thai name one letter a line, the heading over the next
    one's (stop 51, the README's portfolio of the MOPH example)."""
    import datetime as dt

    from gdcc_audit.api import audit
    from gdcc_audit.history import Store, record_run
    from gdcc_audit.history.portfolio import build_portfolio
    from gdcc_audit.history.render import render_html
    from gdcc_audit.report.i18n import translator
    from gdcc_audit.settings import Settings

    examples = Path(__file__).resolve().parents[2] / "examples"
    result = audit([examples / "police-region8"], Settings(now=dt.date(2026, 11, 23)))
    with Store(f"sqlite:///{tmp_path / 'h.sqlite3'}") as store:
        record_run(store, result)
        view = build_portfolio(store, translator("th"), charts=False)
    report = tmp_path / "portfolio.html"
    report.write_text(render_html("portfolio.html.j2", view, "th", media="screen"), "utf-8")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None
    measured = {}
    for width in (390, 1280):
        probe = tmp_path / f"probe-{width}.html"
        probe.write_text(_RANKING_PROBE.format(src=report.as_uri(), width=width), "utf-8")
        dom = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--allow-file-access-from-files", "--virtual-time-budget=20000", "--dump-dom",
             probe.as_uri()],
            capture_output=True, text=True, timeout=300, check=True,
        ).stdout  # fmt: skip
        found = re.search(r"page (\d+) (\d+) agency (\d+)", dom)
        assert found is not None, dom[-500:]
        measured[width] = tuple(map(int, found.groups()))
    page, client, agency = measured[390]
    assert page == client  # the table scrolls in its container, not the page
    assert agency >= 150  # was about 10 px
    page, client, agency = measured[1280]
    assert page == client
    assert agency >= 150


_WAIVER_PROBE = """<html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:900px;border:0"></iframe>
<pre id="r"></pre>
<script>
document.getElementById('f').onload = function () {{
  var d = this.contentDocument, e = d.documentElement;
  var row = d.querySelector('#waivers table.q-waivers tbody tr').getBoundingClientRect();
  var who = d.querySelector('#waivers table.q-waivers td.q-approver').getBoundingClientRect();
  var label = d.querySelector('#waivers table.q-waivers .phone-only').getBoundingClientRect();
  document.getElementById('r').textContent = 'page ' + e.scrollWidth + ' ' + e.clientWidth
    + ' row ' + Math.round(row.height) + ' who ' + Math.round(who.width) + ' '
    + Math.round(who.right) + ' label ' + Math.round(label.width);
}};
</script></body></html>"""


@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="chromium not installed",
)
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_quarterly_waivers_fit_a_phone(tmp_path: Path, lang: str) -> None:
    """The MOPH quarterly's waiver tables at 390 px: in their 42rem table the approver's column
    was 100 px wide, right of the screen, and the reason made a row about 600 px tall. Now a
    waiver is laid out as a finding is: the approver and reason as wide as the screen, the
    dates labelled."""
    import datetime as dt

    from gdcc_audit.api import audit
    from gdcc_audit.history import Store, record_run
    from gdcc_audit.history.quarterly import build_quarterly
    from gdcc_audit.history.quarters import parse_quarter
    from gdcc_audit.history.render import render_html
    from gdcc_audit.report.i18n import translator
    from gdcc_audit.settings import Settings

    examples = Path(__file__).resolve().parents[2] / "examples"
    now = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    result = audit([examples / "moph-health-platform"], Settings(now=now))
    with Store(f"sqlite:///{tmp_path / 'h.sqlite3'}") as store:
        record_run(store, result)
        view = build_quarterly(
            store, "moph-health-platform", parse_quarter("2570Q1"), translator(lang),
            charts=False,
        )  # fmt: skip
    assert [w.id for w in view.expiring] == ["RA-2569-014"]
    report = tmp_path / "quarterly.html"
    report.write_text(render_html("quarterly.html.j2", view, lang, media="screen"), "utf-8")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None
    measured = {}
    for width in (390, 1280):
        probe = tmp_path / f"probe-{width}.html"
        probe.write_text(_WAIVER_PROBE.format(src=report.as_uri(), width=width), "utf-8")
        dom = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--allow-file-access-from-files", "--virtual-time-budget=20000", "--dump-dom",
             probe.as_uri()],
            capture_output=True, text=True, timeout=300, check=True,
        ).stdout  # fmt: skip
        found = re.search(r"page (\d+) (\d+) row (\d+) who (\d+) (\d+) label (\d+)", dom)
        assert found is not None, dom[-500:]
        measured[width] = tuple(map(int, found.groups()))
    page, client, row, who, right, label = measured[390]
    assert page == client  # the page does not scroll sideways
    assert right <= client  # approver and reason on the screen
    assert who >= 300
    assert row <= 320
    assert label > 0  # the dates labelled
    page, client, row, who, right, label = measured[1280]
    assert page == client
    assert label == 0  # the column headings say it
