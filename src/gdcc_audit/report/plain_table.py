"""A rich ``Table`` laid out as text without rich's renderer, for a console without styles.

rich lays a table out by measuring every cell and then rendering each as segments through
``Padding``, ``render_lines``, cropping and shaping: about a tenth of a second of CPU for the
200-row findings table of a terragoat scan (a fifth of the whole run). When the console
writes no styles (piped, ``--no-color`` off a terminal) only the text matters, and
``plain_lines`` gives the same lines, character for character, from each cell's ``wrap``:
the widths as rich's ``Table._calculate_column_widths`` gives them for cells that are
``Text`` (or plain strings without markup), the borders from the table's own box.

It handles the tables the console report builds (``expand``, a header, outer edge, no row
lines, padding ``(0, 1)``, a plain title or none, no caption or footer); for anything else it
returns ``None`` and the caller lets rich print the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich._ratio import ratio_distribute
from rich.cells import cell_len, set_cell_size
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Column, Table

#: Characters that make rich read a plain string cell as markup or an emoji code.
_MARKUP = frozenset("[:")


def _cell_text(cell: object) -> Text | None:
    """A cell as the ``Text`` rich renders, or ``None`` for a cell this module does not lay
    out (another renderable, markup, a tab or a line break)."""
    if isinstance(cell, str):
        if _MARKUP.intersection(cell):
            return None
        cell = Text(cell)
    if not isinstance(cell, Text) or "\t" in cell.plain or "\n" in cell.plain:
        return None
    return cell


def _supported(table: Table) -> bool:
    """Whether ``table`` uses only the settings ``plain_lines`` lays out."""
    return bool(
        table.box
        and table.expand
        and table.show_header
        and table.show_edge
        and not table.show_lines
        and not table.show_footer
        and not table.leading
        and not table.caption
        and table.width is None
        and table.min_width is None
        and table.padding == (0, 1, 0, 1)
        and table.pad_edge
        and not table.collapse_padding
        and table.columns
        and all(
            column.ratio is None and column.width is None and column.max_width is None
            for column in table.columns
        )
    )


def _measure(column: Column, column_cells: list[Text], max_width: int) -> int:
    """A column's widest, padding included, as ``Table._measure_column`` measures it with
    ``max_width`` cells: a ``Text`` measures its widest line (``Text.__rich_measure__`` and
    its subclasses here), capped at the width, then the column's ``min_width``."""
    if max_width < 1:
        return 0
    inner = max_width - 2
    most = max(
        (min(cell_len(cell.plain), inner) + 2 if inner >= 1 else max_width)
        for cell in column_cells
    )
    most = min(most, max_width)
    if column.min_width is not None:
        most = max(most, column.min_width + 2)
    return most


def _widths(table: Table, cells: list[list[Text]], max_width: int) -> list[int] | None:
    """Each column's width with its padding, as ``Table._calculate_column_widths`` gives it
    (``max_width``: the console's width less the borders); ``None`` when rich's last resort
    (shrinking every column) would be needed."""
    columns = table.columns
    widths = [_measure(c, cs, max_width) or 1 for c, cs in zip(columns, cells, strict=True)]
    table_width = sum(widths)
    if table_width > max_width:
        widths = table._collapse_widths(
            widths, [column.width is None and not column.no_wrap for column in columns], max_width
        )
        table_width = sum(widths)
        if table_width > max_width:
            return None
        widths = [
            _measure(c, cs, width) for width, c, cs in zip(widths, columns, cells, strict=True)
        ]
    if table_width < max_width:
        pads = ratio_distribute(max_width - table_width, widths)
        widths = [width + pad for width, pad in zip(widths, pads, strict=True)]
    if sum(widths) > max_width or min(widths) < 3:
        return None  # rich crops the table's lines, or renders a cell of no width
    return widths


def _cell_lines(console: Console, cell: Text, column: Column, width: int) -> list[str]:
    """A cell's lines, each ``width`` cells wide with one space of padding either side (as
    rich's ``Padding`` over ``Text.__rich_console__`` and ``render_lines`` give them)."""
    inner = width - 2
    justify = cell.justify or column.justify
    overflow = cell.overflow or column.overflow
    no_wrap = column.no_wrap if cell.no_wrap is None else cell.no_wrap
    plain = cell.plain
    if justify == "left" and cell_len(plain) <= inner:
        return [f" {set_cell_size(plain, inner)} "]
    lines = cell.wrap(console, inner, justify=justify, overflow=overflow, no_wrap=no_wrap)
    return [f" {set_cell_size(line.plain, inner)} " for line in lines] or [" " * width]


def _title(console: Console, title: Text, table: Table, width: int) -> str:
    """The table's title over its ``width``, as ``Table.__rich_console__`` renders it (a
    ``Text`` wrapped and justified by ``title_justify``, centred by default, each line as
    wide as the table)."""
    lines = title.wrap(
        console,
        width,
        justify=title.justify or table.title_justify or "default",
        overflow=title.overflow or "fold",
        no_wrap=bool(title.no_wrap),
    )
    return "".join(line.plain + "\n" for line in lines)


def plain_lines(console: Console, table: Table) -> str | None:
    """``table`` as ``console.print(table)`` writes it when the console writes no styles,
    or ``None`` when it cannot say (the console writes styles, or the table or a cell uses
    what this module does not lay out)."""
    from rich.console import Console as RichConsole

    if console.color_system is not None or type(console) is not RichConsole:
        return None
    if not _supported(table):
        return None
    cells: list[list[Text]] = []
    for column in table.columns:
        column_cells: list[Text] = []
        for cell in (column.header, *column.cells):
            text = _cell_text(cell)
            if text is None:
                return None
            column_cells.append(text)
        cells.append(column_cells)
    title = _cell_text(table.title) if table.title else None
    if table.title and (title is None or title.end != "\n"):
        return None
    extra = 2 + len(table.columns) - 1
    widths = _widths(table, cells, console.width - extra)
    if widths is None:
        return None
    safe = console.safe_box if table.safe_box is None else table.safe_box
    box = table.box.substitute(console.options, safe=safe)  # type: ignore[union-attr]
    out = [] if title is None else [_title(console, title, table, sum(widths) + extra)]
    out.extend((box.get_top(widths), "\n"))
    rows = len(cells[0])
    for row in range(rows):
        rendered = [
            _cell_lines(console, column_cells[row], column, width)
            for column, column_cells, width in zip(table.columns, cells, widths, strict=True)
        ]
        height = max(len(lines) for lines in rendered)
        header = row == 0
        blank = [
            [" " * width] * (height - len(lines))
            for width, lines in zip(widths, rendered, strict=True)
        ]
        # rich aligns a header's cells at the bottom, a row's at the top
        rendered = [
            gap + lines if header else lines + gap
            for gap, lines in zip(blank, rendered, strict=True)
        ]
        left, right, divider = (
            (box.head_left, box.head_right, box.head_vertical)
            if header
            else (box.foot_left, box.foot_right, box.foot_vertical)
            if row == rows - 1
            else (box.mid_left, box.mid_right, box.mid_vertical)
        )
        for line in range(height):
            out.append(left + divider.join(c[line] for c in rendered) + right + "\n")
        if header:
            out.extend((box.get_row(widths, "head", edge=True), "\n"))
    out.extend((box.get_bottom(widths), "\n"))
    return "".join(out)
