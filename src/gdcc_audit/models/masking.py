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


#: A Kubernetes object as gdcc-audit names it (``default/Pod/web-1``,
#: ``Deployment/payments/api-v2``): RFC 1123 names (lower case, digits, ``-``, ``.``) and a
#: kind in CamelCase letters. Long enough and with a digit in a name, it mixes cases and
#: digits like ``_RANDOM_TOKEN`` but is no secret: it was masked in attack paths
#: (``internet → default/Service/web:80 → ***REDACTED***:22``).
_NAME = r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?"
_KIND = r"[A-Z][a-z]+(?:[A-Z][a-z]+)*"
_K8S_OBJECT = re.compile(
    rf"(?:{_NAME}/{_KIND}/{_NAME}|{_KIND}/{_NAME}/{_NAME}|{_KIND}/{_NAME}|{_NAME}/{_KIND})"
)


#: The file extensions gdcc-audit reads, and those of the files a Terraform ``file()``
#: reads that a "value set at" names (a key or certificate committed beside the code, a
#: script): a token right before one of them is a file name
#: (``EC2/EC2InstanceWithSecurityGroupSample.json`` in a resource id,
#: ``05-Terraform-Provisioners/private-key/terraform-key.pem``), not a secret; so is one
#: before more dotted name parts and then one (``NestedStack2AzWithPrivateSubnets.main.cfn.yaml``:
#: a parent template's name was masked in the warnings about the parameters it passes).
_CONFIG_FILE = re.compile(
    r"(?:\.[A-Za-z0-9_-]+)*?"
    r"\.(?:json|ya?ml|tf|tfvars|template|pem|key|ppk|pfx|p12|crt|cer|sh|ps1|txt|conf|tpl)\b"
)


#: An AWS managed policy's ARN (``arn:aws:iam::aws:policy/``, ``.../service-role/...``): AWS
#: publishes these names; one with a digit and 24 characters or more
#: (``AmazonEC2ContainerRegistryReadOnly``) was masked as a random token.
_MANAGED_POLICY_ARN = re.compile(r"iam::aws:$")
_MANAGED_POLICY_PATH = re.compile(r"policy/(?:[a-z-]+/)?[A-Za-z0-9_-]+")


def _mask_token(match: re.Match[str], keep: frozenset[str] = frozenset()) -> str:
    """The mask for a random-looking token, unless it names a Kubernetes object, a
    configuration file or an AWS managed policy (by ARN), or is one of the identifiers
    ``keep``."""
    token = match.group(0)
    if token in keep:
        return token
    if _K8S_OBJECT.fullmatch(token) or _CONFIG_FILE.match(match.string, match.end()):
        return token
    if _MANAGED_POLICY_PATH.fullmatch(token) and _MANAGED_POLICY_ARN.search(
        match.string, 0, match.start()
    ):
        return token
    return MASK


def identifier_tokens(*identifiers: str | None) -> frozenset[str]:
    """The parts of ``identifiers`` (resource ids, names, addresses that gdcc-audit shows
    anyway) that the random-token rule would take for a secret: a long CloudFormation logical
    id with a digit (``DomainMember4LinuxWithSsmAssociationInstance``) was masked in attack
    paths and messages. Given to :func:`redact_text` as ``keep``; known key shapes and values
    assigned to a secret-named word are masked whatever ``keep`` says."""
    found: set[str] = set()
    for identifier in identifiers:
        if identifier and _TOKEN_RUN.search(identifier):
            found.update(m.group(0) for m in _RANDOM_TOKEN.finditer(identifier))
    return frozenset(found)


def redact_text(text: str, keep: frozenset[str] = frozenset()) -> str:
    """``text`` with credential-looking substrings masked: known key shapes, values assigned
    to a secret-named word, and long random-looking tokens other than the identifiers
    ``keep`` (see :func:`identifier_tokens`)."""
    if not text:
        return text
    if keep:
        return _redact_keeping(text, keep) if len(text) <= _CACHED_UP_TO else _redact(text, keep)
    if len(text) <= _CACHED_UP_TO:
        return _redact_short(text)
    return _redact(text)


#: Texts up to this long are masked once each: a large result repeats the same evidence
#: values and messages thousands of times (128,000 calls at 10,000 resources).
_CACHED_UP_TO = 512


@lru_cache(maxsize=16_384)
def _redact_short(text: str) -> str:
    return _redact(text)


@lru_cache(maxsize=16_384)
def _redact_keeping(text: str, keep: frozenset[str]) -> str:
    return _redact(text, keep)


#: Substrings without which ``_SECRET_VALUE`` cannot match (one per alternative).
_VALUE_MARKS = ("-----BEGIN ", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "xox",
                "eyJ", "://")  # fmt: skip
#: Lower-case words one of which every ``_ASSIGNED_SECRET`` match holds.
_SECRET_WORDS = ("pass", "pwd", "secret", "token", "key")
#: The non-ASCII characters a case-insensitive pattern takes for an ASCII letter (İ, ı, ſ
#: and the Kelvin sign): with one of them, ``_ASSIGNED_SECRET`` is always run.
_ASCII_LOOKALIKES = re.compile("[\u0130\u0131\u017f\u212a]")
#: The run of characters without which ``_RANDOM_TOKEN`` cannot match.
_TOKEN_RUN = re.compile(r"[A-Za-z0-9+/_-]{24}")


def _redact(text: str, keep: frozenset[str] = frozenset()) -> str:
    # Each pattern runs only on a text that holds what any match of it must hold (checked
    # with substring searches, several times faster than the patterns on the Thai and
    # English messages of a result, which almost never hold a secret); the result is the
    # same as running all three on every text (tests/test_masking_prefilter.py).
    if any(mark in text for mark in _VALUE_MARKS):
        text = _SECRET_VALUE.sub(MASK, text)
    if "=" in text or ":" in text:
        lowered = text.lower()
        if any(word in lowered for word in _SECRET_WORDS) or _ASCII_LOOKALIKES.search(text):
            text = _ASSIGNED_SECRET.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    if _TOKEN_RUN.search(text):
        if keep:
            text = _RANDOM_TOKEN.sub(lambda m: _mask_token(m, keep), text)
        else:
            text = _RANDOM_TOKEN.sub(_mask_token, text)
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """``text`` with control characters (ANSI escapes, carriage returns, bidi overrides)
    shown escaped (``\\x1b``), so input can never drive a terminal or reorder a line."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
