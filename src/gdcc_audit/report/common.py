"""Helpers shared by the machine-readable reporters."""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from gdcc_audit.models.common import Severity
from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.rule import RuleMeta

TOOL_NAME = "gdcc-audit"
INFORMATION_URI = "https://github.com/gdcc-audit/gdcc-audit"

#: SARIF/GitHub levels.
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
#: GitHub code scanning's ``security-severity`` (CVSS-like 0-10 bands).
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.0",
}

# Characters XML 1.0 cannot carry at all (untrusted names may contain them).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """``value`` as text XML 1.0 accepts (invalid control characters become U+FFFD)."""
    return _XML_INVALID.sub("\ufffd", str(value))


def rule_index(result: AuditResult) -> dict[str, RuleMeta]:
    """Rules of the result by id."""
    return {r.id: r for r in result.rules}


def relative_uri(path: str) -> tuple[str, bool]:
    """A URI for an input path and whether it is relative (to the scanned root).

    Relative paths stay relative so GitHub code scanning resolves them against the checkout.
    """
    if PureWindowsPath(path).drive or path.startswith("/"):
        posix = PureWindowsPath(path).as_posix() if PureWindowsPath(path).drive else path
        return "file://" + ("" if posix.startswith("/") else "/") + quote(posix), False
    posix = PurePosixPath(path.replace("\\", "/")).as_posix()
    if posix.startswith("./"):
        posix = posix[2:]
    return quote(posix), True
