"""Masking credential-looking text: shared by every stage that prints input-derived text
(error messages, findings, reports), so a secret never leaves in any of them."""

from __future__ import annotations

import re

MASK = "***REDACTED***"

_SECRET_VALUE = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"
    r"|\b(AKIA|ASIA)[0-9A-Z]{16}\b"  # AWS access key id
    r"|\bgh[pousr]_[A-Za-z0-9]{30,}\b"  # GitHub token
    r"|\bxox[abpr]-[A-Za-z0-9-]{10,}\b"  # Slack token
    r"|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b"  # JWT
    r"|(?<=://)[^/\s:@]+:[^/\s@]+(?=@)"  # user:password@ in a URL
)


def redact_text(text: str) -> str:
    """``text`` with credential-looking substrings masked."""
    return _SECRET_VALUE.sub(MASK, text)
