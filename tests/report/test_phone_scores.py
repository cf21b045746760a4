"""The executive summary's scores table on a phone (390 px): each framework's title on a line
of its own, and its score, coverage and controls under it, each under its heading, on the
screen. Before, the table kept its phone min-width (42rem) and the numbers were right of the
screen until the reader scrolled its box (the quick start at 390 px showed titles and ids, no
number). On a desktop it is the same four-column table as before; print is unchanged."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from report_factory import build

from gdcc_audit.plugins import make_plugin_manager
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.resources import reports_dir

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

_PROBE = """<html><body style="margin:0">
<iframe id="f" src="{src}" style="width:{width}px;height:900px;border:0"></iframe>
<pre id="r"></pre>
<script>
document.getElementById('f').onload = function () {{
  var d = this.contentDocument, table = d.querySelector('table.scores'), box = table.parentElement;
  function rect(e) {{
    var r = e.getBoundingClientRect();
    return [Math.round(r.left), Math.round(r.right), Math.round(r.top), Math.round(r.bottom),
            getComputedStyle(e).display];
  }}
  var out = {{
    client: d.documentElement.clientWidth,
    scrolls: box.scrollWidth > box.clientWidth,
    heads: Array.from(table.querySelectorAll('thead th')).map(rect),
    rows: Array.from(table.querySelectorAll('tbody > tr')).map(function (tr) {{
      return Array.from(tr.children).map(rect);
    }}),
  }};
  document.getElementById('r').textContent = JSON.stringify(out);
}};
</script></body></html>"""


def _report(tmp_path: Path, lang: str) -> Path:
    stream = io.StringIO()
    HtmlReporter(make_plugin_manager(entry_points=False)).render(
        build(8), stream, ReportOptions(lang=lang)
    )
    report = tmp_path / f"report-{lang}.html"
    report.write_text(stream.getvalue(), encoding="utf-8")
    return report


def _measure(tmp_path: Path, report: Path, width: int) -> dict[str, Any]:
    assert CHROMIUM is not None
    probe = tmp_path / f"probe-{report.stem}-{width}.html"
    probe.write_text(_PROBE.format(src=report.as_uri(), width=width), encoding="utf-8")
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--allow-file-access-from-files", "--virtual-time-budget=20000", "--dump-dom",
         probe.as_uri()],
        capture_output=True, text=True, timeout=300, check=True,
    ).stdout  # fmt: skip
    found = re.search(r'<pre id="r">(.*?)</pre>', dom, re.S)
    assert found is not None, dom[-500:]
    assert found.group(1), dom[-500:]
    measured: dict[str, Any] = json.loads(found.group(1).replace("&quot;", '"'))
    return measured


def test_the_phone_layout_is_for_the_screen_only() -> None:
    css = (reports_dir() / "css" / "report.css").read_text(encoding="utf-8")
    phone = css[css.index("@media screen and (max-width: 44rem) {") :]
    phone = phone[: phone.index("\n}\n")]
    assert "table.scores { min-width: 0; }" in phone
    assert "grid-template-columns: repeat(3, minmax(0, 1fr))" in phone
    assert "table.scores" not in (reports_dir() / "css" / "print.css").read_text("utf-8")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
@pytest.mark.parametrize("lang", ["th", "en"])
def test_scores_fit_a_phone_each_number_under_its_heading(tmp_path: Path, lang: str) -> None:
    report = _report(tmp_path, lang)
    phone = _measure(tmp_path, report, 390)
    client = phone["client"]
    assert not phone["scrolls"]  # the table fits: nothing to scroll to
    framework, *heads = phone["heads"]
    assert framework[4] == "none"  # the titles need no heading of their own
    assert len(heads) == 3
    assert len(phone["rows"]) == 2  # the factory's two frameworks
    for title, *numbers in phone["rows"]:
        # the title spans the screen's table width, the numbers are below it
        assert (title[0], title[1]) == (heads[0][0], heads[2][1])
        assert title[1] <= client
        for number, head in zip(numbers, heads, strict=True):
            assert (number[0], number[1]) == (head[0], head[1])  # under its heading
            assert number[1] <= client  # on the screen
            assert number[2] >= title[3]  # below the title
    desktop = _measure(tmp_path, report, 1280)
    assert not desktop["scrolls"]
    framework, *heads = desktop["heads"]
    assert framework[4] == "table-cell"
    for title, *numbers in desktop["rows"]:
        assert title[4] == "table-cell"
        assert title[1] <= numbers[0][0]  # the numbers are right of the title, same row
        for number, head in zip(numbers, heads, strict=True):
            assert (number[0], number[1], number[2]) == (head[0], head[1], title[2])
