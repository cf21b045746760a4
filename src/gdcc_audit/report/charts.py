"""Charts for the HTML and PDF reports: SVG drawn by matplotlib (Agg, no GUI, no pyplot state).

Text is drawn as glyph outlines (``svg.fonttype = path``) in the vendored Sarabun font, so Thai
tone marks and vowels stay where matplotlib's shaper put them: WeasyPrint lays out SVG
``<text>`` code point by code point and would break them. matplotlib is imported only when a
chart is drawn. Charts are returned as SVG text; :func:`svg_data_uri` turns one into an
``<img src>`` (ids stay private to each chart, and the ``alt`` text reaches screen readers).
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from markupsafe import Markup

from gdcc_audit.errors import ReportError
from gdcc_audit.resources import reports_dir

#: Sarabun files registered with matplotlib (OFL-1.1, vendored in reports/fonts).
CHART_FONTS = ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf")
#: Colour-blind-safe palette (Okabe–Ito), in series order.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
)  # fmt: skip
#: Marker shapes, in series order: a line that lies on another (two frameworks at 100 % in
#: every quarter) still shows its shape at each point, and a reader who cannot tell the
#: colours apart matches a line to its legend entry by the shape.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "p", "h", "*")
#: Status colours: the same as reports/css/report.css (badges, legends), so a chart and the
#: table beside it agree.
STATUS_COLOURS = {
    "PASS": "#2e7d32",
    "ATTESTED": "#00897b",
    "PARTIAL": "#f2b600",
    "FAIL": "#c62828",
    "ERROR": "#8b0000",
    "MANUAL": "#7e57c2",
    "NOT_APPLICABLE": "#b0bac5",
    "UNKNOWN": "#f2b600",
}
#: Severity colours of reports/css/report.css.
SEVERITY_COLOURS = {
    "critical": "#8b0000",
    "high": "#c62828",
    "medium": "#e08a00",
    "low": "#2f7fb5",
    "info": "#7b8794",
}
_INK = "#263238"
_GRID = "#cfd8dc"


@cache
def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ReportError(f"report charts need the 'matplotlib' package: {exc}") from exc
    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager

    for name in CHART_FONTS:
        path = reports_dir() / "fonts" / name
        if not path.is_file():
            raise ReportError(f"report font {path} is missing")
        font_manager.fontManager.addfont(str(path))
    return matplotlib


@contextmanager
def _style() -> Iterator[Any]:
    matplotlib = _matplotlib()
    settings = {
        "font.family": "Sarabun",
        "font.size": 9,
        "svg.fonttype": "path",
        "svg.hashsalt": "gdcc-audit",  # stable element ids: the same data gives the same SVG
        "axes.edgecolor": _GRID,
        "axes.labelcolor": _INK,
        "text.color": _INK,
        "xtick.color": _INK,
        "ytick.color": _INK,
        "text.parse_math": False,  # '$' in a tenant or control name is text, not TeX
    }
    with matplotlib.rc_context(settings):
        from matplotlib.figure import Figure

        yield Figure


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    # The XML declaration and DOCTYPE are not allowed inside HTML.
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def svg_data_uri(svg: str) -> str:
    """``svg`` as a ``data:`` URI for ``<img src>``."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def line_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    y_label: str = "",
    percent: bool = True,
    width: float = 6.4,
    height: float = 2.8,
) -> str:
    """One line per series over ``labels`` (e.g. quarters); ``None`` leaves a gap.

    With ``percent`` the values are fractions 0..1 drawn as 0–100 %.
    """
    if any(len(values) != len(labels) for values in series.values()):
        raise ReportError("every chart series needs one value per label")
    with _style() as figure_class:
        figure = figure_class(figsize=(width, height))
        axes = figure.add_subplot()
        xs = list(range(len(labels)))
        for index, (name, values) in enumerate(series.items()):
            ys = [math.nan if v is None else (v * 100 if percent else v) for v in values]
            axes.plot(
                xs,
                ys,
                marker=MARKERS[index % len(MARKERS)],
                # Hollow: where lines meet, each shape's outline shows through the others
                # (filled circles of one size hid all but the last line drawn).
                markersize=5,
                markerfacecolor="none",
                markeredgewidth=1.2,
                clip_on=False,  # a point at 0 % or 100 % shows its whole marker, not half
                linewidth=1.6,
                color=PALETTE[index % len(PALETTE)],
                # Past the palette, lines repeat a colour: dashes tell them apart.
                linestyle="-" if index < len(PALETTE) else "--",
                label=name,
            )
        axes.set_xticks(xs, list(labels))
        if percent:
            axes.set_ylim(0, 100)
            axes.yaxis.set_major_formatter(lambda value, _pos: f"{value:.0f}%")
        axes.set_ylabel(y_label)
        axes.grid(axis="y", color=_GRID, linewidth=0.6)
        axes.spines[["top", "right"]].set_visible(False)
        if series:
            axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
        return _svg(figure)


#: A line chart with more series than this is drawn as small multiples: the quarterly
#: Thai-laws chart's ten lines crossed one another between 40 and 75 %, and a reader had to
#: match ten colours and shapes to the legend.
MAX_LINES = 5
#: Small multiples: a series that fell, rose, or held between its first and its last value,
#: in the status colours (a fall is a failure's red).
TREND_COLOURS = {"fell": "#c62828", "rose": "#2e7d32", "held": "#607d8b"}


def trend(values: Sequence[float | None]) -> str:
    """``fell``, ``rose`` or ``held``: the first known value against the last (fractions),
    as whole percents, the numbers written at the line's ends (43 % to 42 % fell)."""
    known = [round(v * 100) for v in values if v is not None]
    if len(known) < 2 or known[-1] == known[0]:
        return "held"
    return "rose" if known[-1] > known[0] else "fell"


#: Small multiples' layout (matplotlib's default figure margins, as fractions of the figure,
#: and the gaps between panels, as fractions of a panel) and their marks, in points.
_PANEL_MARGINS = (0.125, 0.9, 0.11, 0.88)  # left, right, bottom, top
_PANEL_GAPS = (0.3, 0.75)  # between columns, between rows
_TICK, _TICK_PAD, _TITLE_PAD = 2.0, 3.5, 11.0
_POINT = 1 / 72  # inch


def small_multiples(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    columns: int = 5,
    width: float = 6.4,
    panel_height: float = 0.95,
) -> str:
    """One small chart per series (values are fractions, drawn as 0–100 %), on one scale,
    ``columns`` to a row, in the order given: each titled with its name and, under it, its
    first and last values (``68% → 58%``), its line coloured by its trend
    (``TREND_COLOURS``); the quarters are named under the bottom row's panels. No legend to
    match colours to.

    The panels are drawn in one Axes whose units are inches (frames, grid, ticks and labels
    as lines and text where matplotlib's shared subplots put them): ten subplots, each with
    its own axes, ticks and locators, cost about 0.8 s of CPU per quarterly report, the one
    Axes about a quarter of that (docs/reports.md)."""
    if any(len(values) != len(labels) for values in series.values()):
        raise ReportError("every chart series needs one value per label")
    count = len(series)
    columns = max(1, min(columns, count))
    rows = max(1, -(-count // columns))
    height = panel_height * rows + 0.35
    left, right, bottom, top = _PANEL_MARGINS
    wide = (right - left) * width / (columns + _PANEL_GAPS[0] * (columns - 1))
    tall = (top - bottom) * height / (rows + _PANEL_GAPS[1] * (rows - 1))
    span = len(labels) - 0.4  # the x range of a panel: -0.3 to len(labels) - 0.7
    with _style() as figure_class:
        from matplotlib.collections import LineCollection
        from matplotlib.lines import Line2D
        from matplotlib.transforms import Affine2D

        figure = figure_class(figsize=(width, height))
        # inches from the figure's lower left corner (through transFigure, which a tight
        # bounding box moves: dpi_scale_trans stays where it is)
        inches = Affine2D().scale(1 / width, 1 / height) + figure.transFigure
        grid: list[list[tuple[float, float]]] = []
        frames: list[list[tuple[float, float]]] = []
        ticks: list[list[tuple[float, float]]] = []
        tick = _TICK * _POINT
        pad = (_TICK + _TICK_PAD) * _POINT

        def text(x: float, y: float, words: str, **style: Any) -> None:
            figure.text(x, y, words, transform=inches, **style)

        for index, (name, values) in enumerate(series.items()):
            row, column = divmod(index, columns)
            x0 = left * width + column * wide * (1 + _PANEL_GAPS[0])
            y0 = top * height - tall - row * tall * (1 + _PANEL_GAPS[1])
            at = [x0 + (i + 0.3) / span * wide for i in range(len(labels))]
            levels = [y0 + level / 100 * tall for level in (0, 50, 100)]
            grid += [[(x0, y), (x0 + wide, y)] for y in levels]
            frames += [[(x0, y0 + tall), (x0, y0), (x0 + wide, y0)]]
            ticks += [[(x, y0), (x, y0 - tick)] for x in at]
            ticks += [[(x0, y), (x0 - tick, y)] for y in levels]
            colour = TREND_COLOURS[trend(values)]
            ys = [math.nan if v is None else y0 + v * tall for v in values]
            line = Line2D(at, ys, color=colour, linewidth=1.6, marker="o", markersize=3,
                          transform=inches, zorder=2)  # fmt: skip
            figure.add_artist(line)
            known = [v * 100 for v in values if v is not None]
            # the name, and under it the first and last values in the line's colour
            text(x0, y0 + tall + _TITLE_PAD * _POINT, name, fontsize=7, va="baseline")
            if known:
                text(x0, y0 + 1.03 * tall, f"{known[0]:.0f}% → {known[-1]:.0f}%",
                     fontsize=7, color=colour, va="bottom")  # fmt: skip
            if column == 0:
                for level, y in zip((0, 50, 100), levels, strict=True):
                    text(x0 - pad, y, f"{level}%", fontsize=6.5, ha="right", va="center")
            # the quarters under the lowest panel of each column (the last row may be short)
            if index + columns >= count:
                for x, label in zip(at, labels, strict=True):
                    text(x, y0 - pad, label, fontsize=6.5, rotation=45, ha="right", va="top")
        for lines, colour, line_width in (
            (grid, _GRID, 0.5), (frames, _GRID, 0.8), (ticks, _INK, 0.8)
        ):
            figure.add_artist(  # under the lines
                LineCollection(
                    lines, colors=colour, linewidths=line_width, transform=inches, zorder=1
                )
            )
        return _svg(figure)


def bar_chart(
    categories: Sequence[str],
    stacks: Mapping[str, Sequence[float | None]],
    *,
    colours: Mapping[str, str] | None = None,
    horizontal: bool = True,
    x_label: str = "",
    width: float = 6.4,
    height: float | None = None,
    grouped: bool = False,
    percent: bool = False,
    value_max: float | None = None,
    value_labels: bool = False,
    title: str = "",
    bar_colours: Sequence[str] | None = None,
) -> str:
    """Stacked bars, one per category; ``stacks`` maps a segment name to one value per
    category (a single entry draws plain bars). ``colours`` overrides the palette by name.

    ``grouped`` draws the series side by side instead of end to end. ``percent`` reads values
    as fractions (0.8 is drawn as 80 %). ``value_labels`` writes each value at the end of its
    bar (grouped) or inside its segment where the number fits (stacked). ``None`` is no bar.
    ``bar_colours`` colours a single series bar by bar (one colour per category).
    """
    if any(len(values) != len(categories) for values in stacks.values()):
        raise ReportError("every chart stack needs one value per category")
    scale = 100.0 if percent else 1.0
    columns = {name: [(v or 0.0) * scale for v in values] for name, values in stacks.items()}
    peak = max(
        (
            (v for c in columns.values() for v in c)
            if grouped
            else (sum(c) for c in zip(*columns.values(), strict=True))
        ),
        default=0.0,
    )
    limit = value_max * scale if value_max is not None else (peak * 1.1 or 1.0)
    rows = max(len(categories), 1)
    lanes = len(stacks) if grouped and stacks else 1
    with _style() as figure_class:
        legend_rows = -(-len(stacks) // 4) if len(stacks) > 1 else 0
        tall = 0.9 + 0.32 * rows * (1 + 0.5 * (lanes - 1)) + (0.25 if title else 0)
        tall += 0.2 * legend_rows
        figure = figure_class(figsize=(width, height or tall))
        axes = figure.add_subplot()
        positions = [float(p) for p in range(len(categories))]
        base = [0.0] * len(categories)
        thickness = 0.6 if not grouped else 0.76
        for index, (name, values) in enumerate(columns.items()):
            colour: Any = (colours or {}).get(name, PALETTE[index % len(PALETTE)])
            if bar_colours is not None and len(stacks) == 1:
                colour = list(bar_colours)
            offset = -thickness / 2 + thickness / lanes * (index + 0.5) if grouped else 0.0
            where = [p + offset for p in positions]
            size = thickness / lanes * (0.92 if grouped else 1.0)
            if horizontal:
                bars = axes.barh(
                    where, values, left=None if grouped else base, color=colour, label=name,
                    height=size,
                )  # fmt: skip
            else:
                bars = axes.bar(
                    where, values, bottom=None if grouped else base, color=colour, label=name,
                    width=size,
                )  # fmt: skip
            if not grouped:
                base = [b + v for b, v in zip(base, values, strict=True)]
            if value_labels:
                _label(axes, bars, stacks[name], colour, percent, grouped, limit)
        if bar_colours is not None and len(stacks) == 1:
            stacks = {}  # one series coloured per bar: the categories say what each bar is
        _axes(axes, categories, positions, horizontal, x_label, percent, limit)
        if title:
            axes.set_title(
                title, loc="left", fontsize=10, fontweight="bold", pad=6 + 14 * legend_rows
            )
        if len(stacks) > 1:
            # Above the plot, not beside it: the chart keeps the width it was drawn at, so
            # every chart of a report prints its text at the same size.
            axes.legend(
                loc="lower left", bbox_to_anchor=(0.0, 1.01), ncols=min(len(stacks), 4),
                frameon=False, fontsize=8, handlelength=1.0, columnspacing=1.2, borderaxespad=0.0,
            )  # fmt: skip
        # Labels and legend inside the drawn width (not added around it by the tight bbox),
        # so charts of different label lengths print at one text size.
        figure.tight_layout(pad=0.2)
        return _svg(figure)


def _label(
    axes: Any,
    bars: Any,
    values: Sequence[float | None],
    colour: Any,
    percent: bool,
    grouped: bool,
    limit: float,
) -> None:
    scale = 100.0 if percent else 1.0
    texts = [
        ""
        if value is None or (not grouped and value * scale < 0.05 * limit)
        else _number(value, percent)
        for value in values
    ]
    if grouped:
        axes.bar_label(bars, labels=texts, padding=2, fontsize=7.5, color=_INK)
    else:
        axes.bar_label(
            bars,
            labels=texts,
            label_type="center",
            fontsize=7.5,
            color=_on(colour) if isinstance(colour, str) else _INK,
        )


def _axes(
    axes: Any,
    categories: Sequence[str],
    positions: Sequence[float],
    horizontal: bool,
    label: str,
    percent: bool,
    limit: float,
) -> None:
    from matplotlib.ticker import MaxNLocator

    value_axis = axes.xaxis if horizontal else axes.yaxis
    if horizontal:
        axes.set_yticks(positions, list(categories))
        axes.invert_yaxis()  # first category on top, as in a table
        axes.set_xlabel(label)
        axes.set_xlim(0, limit)
        axes.tick_params(axis="y", length=0)
        axes.grid(axis="x", color=_GRID, linewidth=0.6)
    else:
        axes.set_xticks(positions, list(categories))
        axes.set_ylabel(label)
        axes.set_ylim(0, limit)
        axes.grid(axis="y", color=_GRID, linewidth=0.6)
    if percent:
        value_axis.set_major_formatter(lambda value, _pos: f"{value:.0f}%")
    else:
        value_axis.set_major_locator(MaxNLocator(integer=True))
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)


def _on(colour: str) -> str:
    """White or ink, whichever reads better on ``colour`` (#rrggbb)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "white" if 0.299 * red + 0.587 * green + 0.114 * blue < 0.6 else _INK


def _number(value: float | None, percent: bool) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.0f}%" if percent else f"{value:g}"


def describe(
    title: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    percent: bool = False,
) -> str:
    """A plain-text reading of a chart's data (its ``alt`` text for screen readers)."""
    parts = []
    if len(series) == 1:  # one series: its name says nothing the title does not
        (only,) = series.values()
        for category, value in zip(categories, only, strict=True):
            parts.append(category if value is None else f"{category} {_number(value, percent)}")
        return f"{title}. {'; '.join(parts)}" if title else "; ".join(parts)
    for i, category in enumerate(categories):
        values = ", ".join(
            f"{name} {_number(values[i], percent)}"
            for name, values in series.items()
            if values[i] is not None
        )
        parts.append(f"{category}: {values}" if values else category)
    text = "; ".join(parts)
    return f"{title}. {text}" if title else text


def chart_img(svg: str, alt: str, css_class: str = "chart") -> Markup:
    """An ``<img>`` with the chart as a ``data:`` URI and its ``alt`` text (escaped)."""
    return Markup('<img class="{}" src="{}" alt="{}">').format(css_class, svg_data_uri(svg), alt)
