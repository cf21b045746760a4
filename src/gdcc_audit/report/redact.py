"""Keep secret values out of every report: evidence is masked before any reporter sees it.

Rules should never put secret values into evidence, but evidence is built from untrusted input
files, so reporters do not rely on that: values under secret-looking keys and strings that look
like credentials (private keys, cloud access keys, tokens, passwords inside URLs) are masked.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.masking import MASK, redact_text
from gdcc_audit.models.result import AuditResult

_SECRET_WORDS = frozenset(
    {"password", "passwd", "passphrase", "pwd", "secret", "secrets", "token", "apikey",
     "credential", "credentials", "pat", "passwords", "tokens"}
)  # fmt: skip
_SECRET_PAIRS = frozenset(
    {("api", "key"), ("access", "key"), ("private", "key"), ("secret", "key"),
     ("connection", "string"), ("account", "key"), ("shared", "key"), ("master", "key")}
)  # fmt: skip
#: Words that make a key *talk about* a secret (a count, a flag, attribute names, an age).
_HARMLESS_FIRST = frozenset({"has", "is", "hardcoded", "min", "max", "last", "num", "uses"})
_HARMLESS_LAST = frozenset(
    {"count", "names", "name", "attributes", "enabled", "set", "length", "days", "age",
     "rotated", "policy", "type", "required", "present", "configured", "expiry", "expires",
     "id", "ids", "ref", "reference", "version"}
)  # fmt: skip
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")
def is_secret_key(key: str) -> bool:
    """True when a key names a secret value (``password``, ``client_secret``, ``apiKey``)."""
    words = [w.lower() for w in _SEPARATORS.split(_CAMEL.sub("_", key)) if w]
    if not words or words[0] in _HARMLESS_FIRST or words[-1] in _HARMLESS_LAST:
        return False
    pairs = set(itertools.pairwise(words))
    return any(w in _SECRET_WORDS for w in words) or bool(pairs & _SECRET_PAIRS)


def redact_value(value: Any, key: str = "") -> Any:
    """A copy of a JSON-like value with secrets masked."""
    if key and is_secret_key(key):
        if isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
            return MASK
        if isinstance(value, list | tuple):
            return [redact_value(v, key) for v in value]
    if isinstance(value, dict):
        return {k: redact_value(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(v) for v in value]
    if isinstance(value, str):
        return redact_text(value)
    return value


def _redact_message(message: Text) -> Text:
    th, en = redact_text(message.th), redact_text(message.en)
    if th == message.th and en == message.en:
        return message
    return message.model_copy(update={"th": th, "en": en})


def redact_finding(finding: Finding, messages: dict[int, Text] | None = None) -> Finding:
    """``finding`` with masked evidence and messages (unchanged object when nothing is secret).

    ``messages`` caches masked messages by object identity: findings of one rule share their
    message object, so a result's thousands of findings mask only a handful of texts.
    """
    evidence = redact_value(finding.evidence) if finding.evidence else finding.evidence
    if messages is None:
        message = _redact_message(finding.message)
    else:
        key = id(finding.message)
        found = messages.get(key)
        if found is None:
            found = messages[key] = _redact_message(finding.message)
        message = found
    if evidence == finding.evidence and message is finding.message:
        return finding
    return finding.model_copy(update={"evidence": evidence, "message": message})


def redact_result(result: AuditResult) -> AuditResult:
    """``result`` with every finding's evidence and messages masked."""
    messages: dict[int, Text] = {}
    findings = tuple(redact_finding(f, messages) for f in result.findings)
    if all(a is b for a, b in zip(findings, result.findings, strict=True)):
        return result
    return result.model_copy(update={"findings": findings})
