"""What every command shares: exit codes, errors as one line on stderr, writing a report file."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from gdcc_audit.errors import GdccAuditError

if TYPE_CHECKING:
    from gdcc_audit.bridges.checkov import CheckovSession
    from gdcc_audit.models.result import AuditResult
    from gdcc_audit.plugins import Registry

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    """Print ``message`` as a one-line error and exit 2."""
    click.echo(f"gdcc-audit: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@contextmanager
def errors_to_exit() -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except GdccAuditError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}")


class OutputPath(click.Path):
    """``--output``: a file, or a folder. A value written with a trailing slash (``out/``)
    names a folder, made when it does not exist, whatever the number of formats: ``Path``
    drops the slash, and with one format ``--output out/`` wrote a file named ``out``."""

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if isinstance(value, str) and value.endswith(("/", os.sep)) and len(value) > 1:
            try:
                Path(os.fsdecode(path)).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self.fail(f"cannot make the folder {value}: {exc}", param, ctx)
        return path


def split(values: Sequence[str]) -> tuple[str, ...]:
    """Comma-separated option values, flattened and stripped."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def write_file(
    result: AuditResult, reporter: Any, target: Path, lang: str, *, kept: Any = None
) -> None:
    """Render one format into ``target`` (bytes for PDF, UTF-8 text otherwise), atomically:
    an interrupted run leaves the previous file as it was. ``kept`` (ReportOptions) says what
    the JSON result keeps in full (findings, graph)."""
    from dataclasses import replace

    from gdcc_audit.atomic import atomic_write
    from gdcc_audit.report.interface import ReportOptions

    options = replace(kept or ReportOptions(), lang=lang, color=False)
    with atomic_write(target, binary=reporter.binary) as stream:
        reporter.render(result, stream, options)
    click.echo(f"wrote {target}", err=True)


def layout_option(
    name: str, help: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A ``--json-layout``-style option: the result layout, 1.1 (default) or 1.0 (the values
    of ``gdcc_audit.models.result_layout.LAYOUTS``, spelt out so the CLI imports no model)."""
    choice = click.Choice(["1.1", "1.0"])
    return click.option(name, type=choice, default="1.1", show_default=True, help=help)


def lang_for(fmt: str, lang: str | None) -> str:
    """Documents for people default to Thai; everything else to English."""
    return lang or ("th" if fmt in {"html", "pdf"} else "en")


def plugin_registry() -> Registry:
    """Everything the installed plugins contribute, with default settings."""
    from gdcc_audit.plugins import collect, make_plugin_manager
    from gdcc_audit.settings import Settings

    return collect(make_plugin_manager(), Settings())


def start_checkov(
    checkov: str | None, timeout: float | None, paths: Sequence[Path]
) -> CheckovSession | None:
    """checkov started on the scanned paths (those that exist), or None without ``--checkov``;
    a missing checkov is a ConfigError (exit 2, nothing scanned). ``timeout`` None: the
    default (``--checkov-timeout``'s). ``scan`` and ``hook`` call
    it as soon as they know their paths, before they import the pipeline: checkov, the long
    pole of a bridged run, runs during all of that. The caller hands the session to
    :func:`gdcc_audit.api.audit` and stops it when anything fails before that."""
    if checkov is None:
        return None
    from gdcc_audit.bridges.checkov import DEFAULT_TIMEOUT, CheckovSession

    session = CheckovSession(
        checkov=checkov, timeout=DEFAULT_TIMEOUT if timeout is None else timeout
    )
    session.start([p for p in paths if p.exists()])
    return session
