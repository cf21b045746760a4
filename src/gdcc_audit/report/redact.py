"""Keep secret values out of every report: evidence is masked before any reporter sees it.

Rules should never put secret values into evidence, but evidence is built from untrusted input
files, so reporters do not rely on that: values under secret-looking keys and strings that look
like credentials (private keys, cloud access keys, tokens, passwords inside URLs) are masked.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel

from gdcc_audit.models.aws_managed_policies import MANAGED
from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.masking import MASK, identifier_tokens, redact_text
from gdcc_audit.models.result import AuditResult, InputFile

#: The names of the AWS managed policies whose statements findings quote ("AWS managed
#: AmazonEC2ContainerRegistryReadOnly"): published by AWS, never masked as random tokens.
_MANAGED_NAMES = identifier_tokens(*(arn.rsplit("/", 1)[-1] for arn in MANAGED))
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
#: Facets that list *where* a secret is written (attribute paths the detector found, never
#: the values): the key names secrets, its values do not (``user_data_secrets`` was shown as
#: ``["***REDACTED***"]`` while the finding's message named ``UserData``; ``hardcoded_secrets``
#: is already a harmless key). The paths are still masked where they look like a secret.
_PATH_LISTS = frozenset({"user_data_secrets"})
#: The documentation page of a provider default (``evidence.defaults.*.documentation``): a
#: page of the defaults tables, not input. Its path may look like a random token to
#: ``redact_text`` (``AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-volume``
#: mixes cases and digits) and was masked in every report.
_DOC_PAGE = re.compile(
    r"https://(?:docs\.aws\.amazon\.com|registry\.terraform\.io|learn\.microsoft\.com"
    r"|cloud\.google\.com|kubernetes\.io|docs\.openstack\.org)/[A-Za-z0-9._/#-]*"
)
#: Evidence that maps facets to the reason they are decided or not known (the engine's
#: ``decided_by`` and ``unknown_because``), or facets and secret paths to the ``file:line``
#: where their value is written (``value_set_at``: ``{"password": "variables.tf:4"}``): its
#: keys are facet names (``reads_secrets``) or attribute paths, its values texts gdcc-audit
#: wrote, never secret values; the texts are masked as any text is.
_REASON_MAPS = frozenset({"decided_by", "unknown_because", "value_set_at"})
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")
@lru_cache(maxsize=8_192)
def is_secret_key(key: str) -> bool:
    """True when a key names a secret value (``password``, ``client_secret``, ``apiKey``).
    Cached: evidence repeats the same few hundred keys in every finding."""
    words = [w.lower() for w in _SEPARATORS.split(_CAMEL.sub("_", key)) if w]
    if not words or words[0] in _HARMLESS_FIRST or words[-1] in _HARMLESS_LAST:
        return False
    pairs = set(itertools.pairwise(words))
    return any(w in _SECRET_WORDS for w in words) or bool(pairs & _SECRET_PAIRS)


def redact_value(value: Any, key: str = "", keep: frozenset[str] = frozenset()) -> Any:
    """A copy of a JSON-like value with secrets masked (``keep``: identifiers of the scan,
    never taken for random tokens, see ``masking.identifier_tokens``)."""
    if key == "documentation" and isinstance(value, str) and _DOC_PAGE.fullmatch(value):
        return value
    if key and key not in _PATH_LISTS and is_secret_key(key):
        if isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
            return MASK
        if isinstance(value, list | tuple):
            return [redact_value(v, key, keep) for v in value]
    if isinstance(value, dict):
        if key in _REASON_MAPS:
            return {k: redact_value(v, "", keep) for k, v in value.items()}
        return {k: redact_value(v, str(k), keep) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_value(v, "", keep) for v in value]
    if isinstance(value, str):
        return redact_text(value, keep)
    return value


def _redact_message(message: Text, keep: frozenset[str] = frozenset()) -> Text:
    th, en = redact_text(message.th, keep), redact_text(message.en, keep)
    if th == message.th and en == message.en:
        return message
    return message.model_copy(update={"th": th, "en": en})


def redact_finding(
    finding: Finding,
    messages: dict[int, Text] | None = None,
    keep: frozenset[str] | None = None,
) -> Finding:
    """``finding`` with masked evidence and messages (unchanged object when nothing is secret).

    ``messages`` caches masked messages by object identity: findings of one rule share their
    message object, so a result's thousands of findings mask only a handful of texts.
    ``keep``: the scan's identifiers (resource ids, names, addresses), which are shown in the
    finding anyway and are never masked as random tokens in its message or evidence (None:
    the finding's own).
    """
    if keep is None:
        keep = identifier_tokens(finding.resource_id, finding.resource_name, finding.address)
    keep |= _MANAGED_NAMES
    evidence = redact_value(finding.evidence, "", keep) if finding.evidence else finding.evidence
    if messages is None:
        message = _redact_message(finding.message, keep)
    else:
        key = id(finding.message)
        found = messages.get(key)
        if found is None:
            found = messages[key] = _redact_message(finding.message, keep)
        message = found
    if evidence == finding.evidence and message is finding.message:
        return finding
    return finding.model_copy(update={"evidence": evidence, "message": message})


def redact_result(result: AuditResult) -> AuditResult:
    """``result`` with every finding's evidence and messages masked, and every text taken
    from input files outside findings too: input errors (which may quote a source line) and
    the tenants' free-text fields (a system name, an attestor)."""
    messages: dict[int, Text] = {}
    keep = _identifiers(result)
    findings = tuple(redact_finding(f, messages, keep) for f in result.findings)
    update: dict[str, Any] = {}
    if not all(a is b for a, b in zip(findings, result.findings, strict=True)):
        update["findings"] = findings
    inputs = tuple(_redact_input(item) for item in result.inputs)
    if any(a is not b for a, b in zip(inputs, result.inputs, strict=True)):
        update["inputs"] = inputs
    modules = tuple(_redact_model(m) for m in result.modules_not_read)
    if any(a is not b for a, b in zip(modules, result.modules_not_read, strict=True)):
        update["modules_not_read"] = modules
    tenants = tuple(_redact_model(t) for t in result.tenants)
    if any(a is not b for a, b in zip(tenants, result.tenants, strict=True)):
        update["tenants"] = tenants
    return result.model_copy(update=update) if update else result


def _identifiers(result: AuditResult) -> frozenset[str]:
    """The parts of the scan's resource ids, names and addresses that look like random tokens
    (a message names resources from anywhere in the scan: an attack path crosses several)."""
    names: set[str | None] = set()
    for r in result.resources:
        names.update((r.id, r.name, r.address))
    for f in result.findings:
        names.update((f.resource_id, f.resource_name, f.address))
    return identifier_tokens(*names) | _MANAGED_NAMES


def _redact_input(item: InputFile) -> InputFile:
    error = redact_text(item.error) if item.error else item.error
    extra = tuple(redact_text(e) for e in item.additional_errors)
    if error == item.error and extra == item.additional_errors:
        return item
    return item.model_copy(update={"error": error, "additional_errors": extra})


_M = TypeVar("_M", bound=BaseModel)


def _redact_model(model: _M) -> _M:
    """``model`` with every string in it passed through :func:`redact_text` (the same object
    when nothing changes)."""
    data = model.model_dump(mode="json")
    masked = _mask_strings(data)
    if masked == data:
        return model
    return type(model).model_validate(masked)


def _mask_strings(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: _mask_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_strings(v) for v in value]
    return value
