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

from gdcc_audit.errors import ReportError
from gdcc_audit.resources import reports_dir

#: Sarabun files registered with matplotlib (OFL-1.1, vendored in reports/fonts).
CHART_FONTS = ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf")
#: Colour-blind-safe palette (Okabe–Ito), in series order.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
)  # fmt: skip
#: Status colours shared with the report CSS.
STATUS_COLOURS = {
    "PASS": "#2e7d32",
    "ATTESTED": "#558b2f",
    "PARTIAL": "#f9a825",
    "FAIL": "#c62828",
    "ERROR": "#6a1b9a",
    "MANUAL": "#78909c",
    "NOT_APPLICABLE": "#cfd8dc",
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
                marker="o",
                markersize=4,
                linewidth=1.6,
                color=PALETTE[index % len(PALETTE)],
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


def bar_chart(
    categories: Sequence[str],
    stacks: Mapping[str, Sequence[float]],
    *,
    colours: Mapping[str, str] | None = None,
    horizontal: bool = True,
    x_label: str = "",
    width: float = 6.4,
    height: float | None = None,
) -> str:
    """Stacked bars, one per category; ``stacks`` maps a segment name to one value per
    category (a single entry draws plain bars). ``colours`` overrides the palette by name."""
    if any(len(values) != len(categories) for values in stacks.values()):
        raise ReportError("every chart stack needs one value per category")
    rows = max(len(categories), 1)
    with _style() as figure_class:
        figure = figure_class(figsize=(width, height or (0.9 + 0.32 * rows)))
        axes = figure.add_subplot()
        positions = list(range(len(categories)))
        base = [0.0] * len(categories)
        for index, (name, values) in enumerate(stacks.items()):
            colour = (colours or {}).get(name, PALETTE[index % len(PALETTE)])
            if horizontal:
                axes.barh(positions, values, left=base, color=colour, label=name, height=0.6)
            else:
                axes.bar(positions, values, bottom=base, color=colour, label=name, width=0.6)
            base = [b + v for b, v in zip(base, values, strict=True)]
        if horizontal:
            axes.set_yticks(positions, list(categories))
            axes.invert_yaxis()  # first category on top, as in a table
            axes.set_xlabel(x_label)
            axes.grid(axis="x", color=_GRID, linewidth=0.6)
        else:
            axes.set_xticks(positions, list(categories))
            axes.set_ylabel(x_label)
            axes.grid(axis="y", color=_GRID, linewidth=0.6)
        axes.set_axisbelow(True)
        axes.spines[["top", "right"]].set_visible(False)
        if len(stacks) > 1:
            axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
        return _svg(figure)
