"""Masking credential-looking text: shared by every stage that prints input-derived text
(error messages, findings, reports), so a secret never leaves in any of them."""

from __future__ import annotations

import re
from functools import lru_cache

MASK = "***REDACTED***"

_SECRET_VALUE = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"
    r"|\b(AKIA|ASIA)[0-9A-Z]{16}\b"  # AWS access key id
    r"|\bgh[pousr]_[A-Za-z0-9]{30,}\b"  # GitHub token
    r"|\bxox[abpr]-[A-Za-z0-9-]{10,}\b"  # Slack token
    r"|\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b"  # JWT
    r"|(?<=://)[^/\s:@]+:[^/\s@]+(?=@)"  # user:password@ in a URL
)


#: ``password: x``, ``token=x`` in free text: the word stays, the value is masked.
_ASSIGNED_SECRET = re.compile(
    r"(?i)\b((?:[a-z]+[_-])?(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|"
    r"private[_-]?key|access[_-]?key))(\s*[:=]\s*)(?!\*\*\*)([^\s,;'\"]{3,})"
)
#: A long token mixing upper case, lower case and digits (an AWS secret key, an API key):
#: high entropy, nothing a person writes.
_RANDOM_TOKEN = re.compile(
    r"(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])"
    r"(?=[A-Za-z0-9+/_-]*[0-9])[A-Za-z0-9+/_-]{24,}={0,2}(?![A-Za-z0-9+/])"
)


def redact_text(text: str) -> str:
    """``text`` with credential-looking substrings masked: known key shapes, values assigned
    to a secret-named word, and long random-looking tokens."""
    if not text:
        return text
    if len(text) <= _CACHED_UP_TO:
        return _redact_short(text)
    return _redact(text)


#: Texts up to this long are masked once each: a large result repeats the same evidence
#: values and messages thousands of times (128,000 calls at 10,000 resources).
_CACHED_UP_TO = 512


@lru_cache(maxsize=16_384)
def _redact_short(text: str) -> str:
    return _redact(text)


def _redact(text: str) -> str:
    text = _SECRET_VALUE.sub(MASK, text)
    text = _ASSIGNED_SECRET.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    return _RANDOM_TOKEN.sub(MASK, text)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """``text`` with control characters (ANSI escapes, carriage returns, bidi overrides)
    shown escaped (``\\x1b``), so input can never drive a terminal or reorder a line."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
