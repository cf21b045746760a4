"""Report charts: SVG drawn by matplotlib, text as outlines (Thai survives WeasyPrint)."""

from __future__ import annotations

import base64
import re

import pytest

from gdcc_audit.errors import ReportError
from gdcc_audit.report.charts import bar_chart, chart_img, describe, line_chart, svg_data_uri


def test_line_chart_is_inline_svg_with_text_as_paths() -> None:
    svg = line_chart(
        ["2569Q2", "2569Q3", "2569Q4", "2570Q1"],
        {"ISO/IEC 27001:2022": [0.5, 0.6, None, 0.8], "พ.ร.บ. ไซเบอร์": [0.3, 0.4, 0.45, 0.7]},
    )
    assert svg.startswith("<svg")
    assert "<?xml" not in svg
    assert "<!DOCTYPE" not in svg
    # Glyph outlines, never <text>: WeasyPrint would break Thai combining marks in SVG text.
    assert "<text" not in svg
    assert re.search(r'<path id="Sarabun', svg)
    # Two series -> two line paths with the palette's first two colours.
    assert "#0072b2" in svg.lower()
    assert "#e69f00" in svg.lower()


def test_charts_are_deterministic() -> None:
    first = line_chart(["a", "b"], {"x": [0.1, 0.2]})
    assert first == line_chart(["a", "b"], {"x": [0.1, 0.2]})
    assert first != line_chart(["a", "b"], {"x": [0.1, 0.3]})


def test_bar_chart_uses_given_colours() -> None:
    svg = bar_chart(
        ["กระทรวงสาธารณสุข", "EEC"],
        {"PASS": [3, 4], "FAIL": [2, 1]},
        colours={"PASS": "#2e7d32", "FAIL": "#c62828"},
    )
    assert svg.count("#2e7d32") >= 2
    assert svg.count("#c62828") >= 2


def test_series_length_must_match_labels() -> None:
    with pytest.raises(ReportError, match="one value per label"):
        line_chart(["a", "b"], {"x": [0.1]})
    with pytest.raises(ReportError, match="one value per category"):
        bar_chart(["a"], {"x": [1, 2]})


def test_data_uri_round_trips() -> None:
    svg = line_chart(["a"], {"x": [0.5]})
    uri = svg_data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode() == svg


def test_grouped_percent_bars_with_value_labels_and_alt_text() -> None:
    series = {"คะแนน": [0.8, None], "ความครอบคลุม": [0.6, 0.25]}
    svg = bar_chart(
        ["iso27001-2022", "th-ncsc-2564"],
        series,
        grouped=True,
        percent=True,
        value_max=1.0,
        value_labels=True,
        colours={"คะแนน": "#1f4e8c", "ความครอบคลุม": "#00897b"},
        title="คะแนนตามกรอบมาตรฐาน",
    )
    assert "<text" not in svg
    assert "#1f4e8c" in svg
    assert "#00897b" in svg
    assert describe("คะแนนตามกรอบมาตรฐาน", ["iso27001-2022", "th-ncsc-2564"], series,
                    percent=True) == (
        "คะแนนตามกรอบมาตรฐาน. iso27001-2022: คะแนน 80%, ความครอบคลุม 60%; "
        "th-ncsc-2564: ความครอบคลุม 25%"
    )  # fmt: skip
    # a missing value draws no bar and no label, and is left out of the description
    assert describe("", ["a"], {"x": [None]}) == "a"


def test_stacked_value_labels_only_where_they_fit() -> None:
    wide = bar_chart(["a"], {"x": [50], "y": [50]}, value_labels=True)
    narrow = bar_chart(["a"], {"x": [99], "y": [1]}, value_labels=True)
    # The labels are glyph outlines: the narrow chart draws one label fewer.
    assert wide.count("<use ") > narrow.count("<use ")


def test_chart_img_escapes_alt() -> None:
    html = str(chart_img("<svg/>", 'a "b" <c>'))
    assert html.startswith('<img class="chart" src="data:image/svg+xml;base64,')
    assert html.endswith('alt="a &#34;b&#34; &lt;c&gt;">')


def test_lines_that_lie_on_each_other_both_show() -> None:
    """Two frameworks at 100 % in every quarter (the quick start's TH-CSA-2562 and
    TH-OSR-2544): with filled circles of one size and the plot clipped at 100 %, only the last
    line drawn showed, as half circles. Each series now has its own hollow shape, drawn whole."""
    svg = line_chart(["a", "b", "c"], {"TH-CSA-2562": [1, 1, 1], "TH-OSR-2544": [1, 1, 1]})
    markers = dict(re.findall(r'<path id="(m[0-9a-f]+)" d="([^"]+)" style="stroke: #', svg))
    hollow = r'<path id="(m[0-9a-f]+)" d="[^"]+" style="stroke: (#[0-9a-f]+); stroke-width: 1\.2'
    data = re.findall(hollow, svg)
    assert [colour for _, colour in data] == ["#0072b2", "#e69f00"]
    (first, _), (second, _) = data
    assert markers[first] != markers[second]  # a circle and a square
    for marker, colour in data:
        use = rf'<use xlink:href="#{marker}" x="[^"]+" y="([^"]+)" style="([^"]+)"'
        uses = re.findall(use, svg)
        # three points and the legend's sample, all hollow
        assert len(uses) == 4
        assert all(style.startswith(f"fill-opacity: 0; stroke: {colour}") for _, style in uses)
    line = r'<path d="[^"]+"( clip-path="[^"]+")? style="fill: none; stroke: (#[0-9a-f]+); '
    lines = re.findall(line + r"stroke-width: 1\.6", svg)
    assert [clip for clip, colour in lines if colour in ("#0072b2", "#e69f00")] == [""] * 4


def test_many_series_are_small_multiples_coloured_by_their_trend() -> None:
    """The quarterly Thai-laws chart drew ten lines crossing between 40 and 75 % with a
    legend of ten colours and shapes. Past MAX_LINES series each gets a small chart of its
    own: its line red where the score fell, green where it rose, grey where it held."""
    from gdcc_audit.report.charts import MAX_LINES, TREND_COLOURS, small_multiples, trend

    assert MAX_LINES == 5
    assert trend([0.68, 0.7, 0.6, 0.58]) == "fell"
    assert trend([0.39, None, 0.42, 0.42]) == "rose"
    assert trend([1.0, 1.0, 1.0, 1.0]) == "held"
    # by the whole percents written above the chart: 42.6 % to 42.3 % reads 43 % → 42 %
    assert trend([0.426, 0.58, 0.423, 0.423]) == "fell"
    assert trend([0.4201, 0.5, 0.4249]) == "held"
    assert trend([None, 0.5, None]) == "held"
    series = {
        "TH-NCSC-2564": [0.68, 0.7, 0.6, 0.58],
        "TH-DGA-CLOUD": [0.39, 0.41, 0.42, 0.42],
        "TH-OSR-2544": [1.0, 1.0, 1.0, 1.0],
        "TH-PDPA-2562": [None, 0.53, 0.54, 0.54],
        "TH-CCA-2550": [0.61, 0.61, 0.61, 0.61],
        "TH-ETC-2553": [0.74, 0.74, 0.74, 0.73],
    }
    labels = ["Q2/2569", "Q3/2569", "Q4/2569", "Q1/2570"]
    svg = small_multiples(labels, series)
    assert svg.startswith("<svg")
    assert "<text" not in svg
    line = r'<path d="[^"]+"( clip-path="[^"]+")? style="fill: none; stroke: (#[0-9a-f]+); '
    drawn = [colour for _, colour in re.findall(line + r"stroke-width: 1\.6", svg)]
    assert drawn == [
        TREND_COLOURS[name] for name in ("fell", "rose", "held", "rose", "held", "fell")
    ]
    assert svg == small_multiples(labels, series)  # deterministic
    with pytest.raises(ReportError):
        small_multiples(labels, {"x": [0.1]})


def test_small_multiples_are_one_figure_without_axes_laid_out_as_subplots() -> None:
    """Ten subplots (each with its own axes, ticks and locators) cost 0.8 s of CPU per
    quarterly chart; the panels are now lines and text of one figure with no axes, placed
    where the shared subplots put them: the same size (the subplots' chart measured
    393.6 x 184.8 pt for two rows of five), a frame, three grid lines and a line per panel."""
    from gdcc_audit.report.charts import TREND_COLOURS, small_multiples

    labels = ["2569Q2", "2569Q3", "2569Q4", "2570Q1"]
    series = {f"TH-{n}": [0.4 + 0.03 * n, 0.5, 0.45, 0.6 - 0.03 * n] for n in range(10)}
    svg = small_multiples(labels, series)
    assert 'id="axes_' not in svg
    size = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert size is not None
    width, height = float(size[1]), float(size[2])
    assert abs(height - 184.8) < 1.0
    assert 388.0 < width < 394.5
    line = r'<path d="[^"]+"( clip-path="[^"]+")? style="fill: none; stroke: (#[0-9a-f]+); '
    drawn = [colour for _, colour in re.findall(line + r"stroke-width: 1\.6", svg)]
    assert len(drawn) == 10
    assert set(drawn) <= set(TREND_COLOURS.values())
    # one row: a panel and the gap under it less (the subplots' was 132.1 pt)
    one_row = small_multiples(labels, dict(list(series.items())[:5]))
    size = re.search(r'height="([\d.]+)pt"', one_row)
    assert size is not None
    assert abs(float(size[1]) - 132.1) < 1.0
