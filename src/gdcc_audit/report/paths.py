"""Paths as the HTML / PDF reports and the console show them: relative to the folder every
input lies in (``aws/db-app.tf:1-42``, the root ``/work/corpus/terragoat/terraform`` or
``examples/moph-health-platform`` said once). The machine formats (JSON, SARIF, CSV, JUnit,
OSCAL) keep every path as scanned."""

from __future__ import annotations

import ntpath
import posixpath
import re
from dataclasses import dataclass

from gdcc_audit.models.result import AuditResult

#: A Windows absolute path (``C:\\scan\\main.tf``).
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


#: Characters that continue a path: the root written after one of them is part of another
#: path (``/home/u/examples/moph/`` when the root is ``examples/moph``), not the root.
_PATH_CHARACTER = r"[\w.~/\\-]"


def _at_path_start(prefix: str) -> re.Pattern[str]:
    """``prefix`` where a path starts: at the start of the text or after a character that
    cannot continue a path (a space, a quote, a bracket, ``=``)."""
    return re.compile(rf"(?<!{_PATH_CHARACTER}){re.escape(prefix)}")


def _absolute(path: str) -> bool:
    return path.startswith("/") or _DRIVE.match(path) is not None


@dataclass(frozen=True)
class ScanRoot:
    """The folder every input of a scan lies in; ``None`` when they share none (``scan .``
    of files in the folder the scan ran from, inputs named by absolute and relative paths
    alike, nothing shared but the file system's root)."""

    root: str | None = None

    @classmethod
    def of(cls, result: AuditResult) -> ScanRoot:
        """The common folder of ``result``'s input files."""
        paths = [item.path for item in result.inputs]
        absolute = [_absolute(p) for p in paths]
        if not paths or any(absolute) != all(absolute):
            return cls()
        windows = any(_DRIVE.match(p) for p in paths)
        module = ntpath if windows else posixpath
        try:
            common = module.commonpath([module.dirname(p) for p in paths])
        except ValueError:  # Windows paths on different drives
            return cls()
        if common in ("", ".") or module.dirname(common) == common:  # "", "/" or "C:\\"
            return cls()
        return cls(common)

    @property
    def _prefix(self) -> str:
        assert self.root is not None
        return self.root + ("\\" if _DRIVE.match(self.root) else "/")

    def path(self, path: str) -> str:
        """``path`` (a file, ``file:line`` or ``file:line-line``) relative to the root when it
        lies in it, else as written."""
        if self.root is None or not path.startswith(self._prefix):
            return path
        return path[len(self._prefix) :]

    def text(self, text: str) -> str:
        """Free text (a finding's message naming ``at /root/aws/es.tf:41``) with every path
        under the root shown relative to it."""
        if self.root is None:
            return text
        return _at_path_start(self._prefix).sub("", text)


#: No root: every path as written.
NO_ROOT = ScanRoot()
