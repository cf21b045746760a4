"""Paths as the HTML / PDF reports and the console show them: relative to the scan root when
the scan named absolute paths (``aws/db-app.tf:1-42``, the root
``/work/corpus/terragoat/terraform`` said once), as written otherwise. The machine formats
(JSON, SARIF, CSV, JUnit, OSCAL) keep every path as scanned."""

from __future__ import annotations

import ntpath
import posixpath
import re
from dataclasses import dataclass

from gdcc_audit.models.result import AuditResult

#: A Windows absolute path (``C:\\scan\\main.tf``).
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def _absolute(path: str) -> bool:
    return path.startswith("/") or _DRIVE.match(path) is not None


@dataclass(frozen=True)
class ScanRoot:
    """The folder every input of a scan lies in, when the inputs were named by absolute
    paths; ``None`` when any input path is relative (it is already short: relative to the
    folder the scan ran from) or when the only folder they share is the file system's root."""

    root: str | None = None

    @classmethod
    def of(cls, result: AuditResult) -> ScanRoot:
        """The common folder of ``result``'s input files."""
        paths = [item.path for item in result.inputs]
        if not paths or not all(_absolute(p) for p in paths):
            return cls()
        windows = any(_DRIVE.match(p) for p in paths)
        module = ntpath if windows else posixpath
        try:
            common = module.commonpath([module.dirname(p) for p in paths])
        except ValueError:  # Windows paths on different drives
            return cls()
        if module.dirname(common) == common:  # "/" or "C:\\"
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
        return text.replace(self._prefix, "")


#: No root: every path as written.
NO_ROOT = ScanRoot()
