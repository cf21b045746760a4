"""Per-file isolation: whatever reading or mapping one file raises, that file alone is lost.

Every loader, ``recognise()`` and mapper call of a scan runs inside these guards (built-ins and
plugins alike). A crash (a bug, ``RecursionError``, ``MemoryError``) becomes an ``InputError``
for the file being read, so it is listed as *not assessed* with the reason and the scan goes
on with the other files. The message never quotes the exception's text verbatim when it could
hold input content: it is masked like every other message (see ``report.redact``).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from gdcc_audit.errors import GdccAuditError, InputError
from gdcc_audit.models.masking import redact_text

if TYPE_CHECKING:
    from gdcc_audit.load.interface import Claim, Document, Loader
    from gdcc_audit.settings import Settings

T = TypeVar("T")

#: Where bugs are reported (printed with every internal error).
ISSUES_URL = "https://github.com/gdcc-audit/gdcc-audit/issues"


class CrashError(InputError):
    """An ``InputError`` that stands for a crash (not a problem the reader recognised)."""


def _where(exc: BaseException) -> str:
    """``module.py:123`` of the innermost gdcc-audit (or plugin) frame: helps a bug report."""
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        name = frame.filename.replace("\\", "/")
        if "/gdcc_audit/" in name or "site-packages" not in name:
            return f"{name.rsplit('/', 1)[-1]}:{frame.lineno}"
    return ""


def describe_bug(exc: BaseException) -> str:
    """``TypeError: first line of the message (at module.py:12)``, with secrets masked."""
    text = str(exc)
    detail = redact_text(text.splitlines()[0] if text.strip() else "")[:200]
    where = _where(exc)
    return (
        type(exc).__name__ + (f": {detail}" if detail else "") + (f" (at {where})" if where else "")
    )


def crash_message(exc: BaseException, doing: str) -> str:
    """One line saying what went wrong while ``doing`` something with a file."""
    if isinstance(exc, RecursionError):
        return f"{doing}: the file is nested too deeply to read (Python recursion limit reached)"
    if isinstance(exc, MemoryError):
        return f"{doing}: ran out of memory reading this file"
    return (
        f"internal error while {doing}: {describe_bug(exc)}; "
        f"this is a bug, please report it at {ISSUES_URL}"
    )


def crash_error(path: str, exc: BaseException, doing: str) -> InputError:
    """The ``InputError`` standing for a crash while ``doing`` something with ``path``."""
    if isinstance(exc, InputError):
        return exc
    return CrashError(path, crash_message(exc, doing))


def _unwound(error: InputError) -> InputError:
    """``error`` kept as a file's answer without the frames it was raised through: its
    traceback (and those of the exceptions it was raised from or while handling) holds each
    frame and, through ``f_back``, its callers' (discovery with every file it parsed), in a
    reference cycle the paused collector kept until the scan's collection (checkov-tests'
    CloudFormation folder: 26,649 objects for four files that do not parse)."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        item = pending.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        item.__traceback__ = None
        pending += (item.__cause__, item.__context__)
    return error


def call(path: str, doing: str, function: Callable[[], T]) -> T | InputError:
    """``function()``, or the error naming ``path`` when it raises anything."""
    try:
        return function()
    except InputError as exc:
        return _unwound(exc)
    except GdccAuditError:
        raise  # a configuration or plugin error is the run's, not the file's
    except Exception as exc:
        return crash_error(path, exc, doing)


def guarded_items(
    path: str, doing: str, items: Callable[[], Iterable[T | InputError]]
) -> Iterator[T | InputError]:
    """What ``items()`` yields until it raises; then the error naming ``path`` (what came
    before is kept)."""
    try:
        yield from items()
    except InputError as exc:
        yield _unwound(exc)
    except GdccAuditError:
        raise
    except Exception as exc:
        yield crash_error(path, exc, doing)


def guarded_load(
    loader: Loader, claims: Sequence[Claim], settings: Settings
) -> Iterator[Document | InputError]:
    """``loader.load(claims)``; when it raises, each claim not yet answered is loaded alone,
    so the crash is pinned on the file that causes it and the other files still load."""
    answered: dict[str, int] = {}
    last = ""
    try:
        for item in loader.load(claims, settings):  # a crash in the call itself is caught too
            answered[item.path] = answered.get(item.path, 0) + 1
            last = item.path
            yield item
        return
    except GdccAuditError as exc:
        if not isinstance(exc, InputError):
            raise
        first: Exception = exc
    except Exception as exc:
        first = exc
    doing = f"loading it ({loader.name})"
    if len(claims) == 1:
        yield crash_error(str(claims[0].path), first, doing)
        return
    # The file being read when it crashed is the last one answered or one not answered yet.
    for claim in claims:
        path = str(claim.path)
        if path in answered and path != last:
            continue
        skip = answered.get(path, 0)
        for index, item in enumerate(
            guarded_items(path, doing, partial(loader.load, [claim], settings))
        ):
            if index >= skip:
                yield item
