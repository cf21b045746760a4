"""The two JSON layouts of a result, and the conversion between them.

Layout ``1.0`` is the models' own shape (``AuditResult.model_dump``): every finding repeats
its resource's id, kind, name, type, address and system, its bilingual message and every
default-valued field, and each control's ``failing``/``waived`` lists spell out fingerprints.

Layout ``1.1`` (what ``scan --format json`` writes) says each of those once:

- a finding names its resource by position in ``resources`` (``"resource": 12``); the
  resource's id, kind, name, provider type, address and system are taken from there, and a
  field is written in the finding only where it differs from the resource's;
- ``message`` is a position in the top-level ``messages`` table of distinct messages;
- ``severity`` is left out when it is the rule's (in ``rules``);
- ``location.file`` and ``location.start_line`` are left out when they are the resource's
  ``file`` and ``line``; ``end_line`` and ``pointer`` are left out when null;
- ``evidence``, ``evidence_key``, ``waiver``, ``corroboration`` and ``baseline`` are left out
  when empty/false/null; ``location`` is left out when null;
- in ``frameworks``, each control's ``failing`` and ``waived`` items are positions in
  ``findings`` (a fingerprint string where no listed finding has it).

``fingerprint`` stays in every finding (tools match findings by it). The conversion is exact:
:func:`expand` turns a 1.1 document back into the 1.0 shape, so a result read from either
layout is the same ``AuditResult``. Pure functions on JSON data; no model is built here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import fingerprint

COMPACT = "1.1"
LEGACY = "1.0"
LAYOUTS = (COMPACT, LEGACY)

#: Finding fields a 1.1 finding takes from its resource: finding key -> resource summary key.
RESOURCE_FIELDS: tuple[tuple[str, str], ...] = (
    ("resource_kind", "kind"),
    ("resource_name", "name"),
    ("provider_type", "provider_type"),
    ("address", "address"),
    ("called_at", "called_at"),
    ("call_chain", "call_chain"),
    ("system", "system"),
)
#: Finding fields a 1.1 finding leaves out when they have these values.
DEFAULTS: tuple[tuple[str, Any], ...] = (
    ("evidence", {}),
    ("evidence_key", ""),
    ("waiver", None),
    ("corroboration", []),
    ("baseline", False),
)
#: The finding fields its fingerprint is computed from.
_PRINTED = ("rule_id", "resource_id", "evidence_key")
#: Fields of a control whose items refer to findings.
FINDING_REFS = ("failing", "waived")


def is_compact(data: Any) -> bool:
    """Whether ``data`` is a result document in the 1.1 layout (it has a ``messages`` table,
    which the models' own shape never has)."""
    return isinstance(data, dict) and "messages" in data


class Compactor:
    """Writes findings and frameworks of one result in the 1.1 layout, a piece at a time.

    Findings must be passed in result order (their positions are the references), before the
    frameworks; :attr:`messages` is complete once every finding went through :meth:`finding`.
    """

    def __init__(self, resources: Sequence[Mapping[str, Any]], rules: Iterable[Mapping[str, Any]]):
        self._resources = resources
        self._index = {r["id"]: i for i, r in enumerate(resources)}
        self._severity = {r["id"]: r["severity"] for r in rules}
        self._message_index: dict[tuple[str, str], int] = {}
        self.messages: list[dict[str, str]] = []
        self._positions: dict[str, int] = {}
        self._count = 0

    def finding(self, data: dict[str, Any]) -> dict[str, Any]:
        """One finding (``model_dump(mode="json")`` shape) in the 1.1 layout."""
        self._positions.setdefault(data["fingerprint"], self._count)
        self._count += 1
        out: dict[str, Any] = {
            "rule_id": data["rule_id"],
            "status": data["status"],
            "fingerprint": data["fingerprint"],
        }
        position = self._index.get(data["resource_id"])
        resource: Mapping[str, Any] | None = None
        if position is None:
            out["resource_id"] = data["resource_id"]
            for key, _ in RESOURCE_FIELDS:
                out[key] = data[key]
        else:
            resource = self._resources[position]
            out["resource"] = position
            for key, summary_key in RESOURCE_FIELDS:
                if data[key] != resource[summary_key]:
                    out[key] = data[key]
        if self._severity.get(data["rule_id"]) != data["severity"]:
            out["severity"] = data["severity"]
        message = data["message"]
        text = (message["th"], message["en"])
        number = self._message_index.get(text)
        if number is None:
            number = self._message_index[text] = len(self.messages)
            self.messages.append(message)
        out["message"] = number
        for name, default in DEFAULTS:
            if data[name] != default:
                out[name] = data[name]
        location = data["location"]
        if location is not None:
            out["location"] = _compact_location(location, resource)
        return out

    def number_messages(self, messages: Iterable[Text]) -> None:
        """Number the messages of findings (in result order) before the findings are passed:
        :meth:`finding` then numbers each message as it would have, in any process."""
        seen: dict[int, Text] = {}  # the messages stay alive while their ids are keys
        for message in messages:
            if id(message) in seen:
                continue
            seen[id(message)] = message
            text = (message.th, message.en)
            if text not in self._message_index:
                self._message_index[text] = len(self.messages)
                self.messages.append({"th": message.th, "en": message.en})

    def follow(self, fingerprints: Iterable[str]) -> None:
        """Count findings written elsewhere (in order, after those passed so far), so that
        :meth:`refs` knows their positions."""
        for key in fingerprints:
            self._positions.setdefault(key, self._count)
            self._count += 1

    def refs(self, fingerprints: Iterable[str]) -> list[int | str]:
        """Fingerprints as positions of the findings written (the string where none has it)."""
        positions = self._positions
        return [positions.get(f, f) for f in fingerprints]

    def frameworks(self, frameworks: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """``frameworks`` with each control's finding lists as references."""
        return [
            {
                **framework,
                "controls": [
                    {**control, **{k: self.refs(control[k]) for k in FINDING_REFS}}
                    for control in framework["controls"]
                ],
            }
            for framework in frameworks
        ]


def _compact_location(
    location: Mapping[str, Any], resource: Mapping[str, Any] | None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if resource is None or location["file"] != resource["file"]:
        out["file"] = location["file"]
    if resource is None or location["start_line"] != resource["line"]:
        out["start_line"] = location["start_line"]
    for key in ("end_line", "pointer"):
        if location[key] is not None:
            out[key] = location[key]
    return out


def expanded(data: Mapping[str, Any]) -> dict[str, Any]:
    """A result document (either layout) in the models' (1.0) shape: for scripts that read
    findings' fields from the JSON text."""
    return expand(data) if is_compact(data) else dict(data)


def expand(data: Mapping[str, Any]) -> dict[str, Any]:
    """A 1.1 result document in the models' shape (raises ValueError naming a bad reference)."""
    resources = data.get("resources") or []
    messages = data.get("messages")
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        raise ValueError("resources: a list of resource summaries")
    if not isinstance(messages, list):
        raise ValueError("messages: a list of messages")
    rules = data.get("rules") or []
    severity = {r.get("id"): r.get("severity") for r in rules if isinstance(r, dict)}
    findings = data.get("findings") or []
    if not isinstance(findings, list):
        raise ValueError("findings: a list")
    expanded = [
        _expand_finding(item, n, resources, messages, severity) for n, item in enumerate(findings)
    ]
    out = {k: v for k, v in data.items() if k != "messages"}
    out["findings"] = expanded
    if "frameworks" in data:
        out["frameworks"] = _expand_frameworks(data["frameworks"], expanded)
    return out


def _position(value: Any, size: int, where: str, table: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        raise ValueError(f"{where}: {value!r} is not a position in {table} (0..{size - 1})")
    return value


def _expand_finding(
    item: Any,
    number: int,
    resources: Sequence[Mapping[str, Any]],
    messages: Sequence[Any],
    severity: Mapping[Any, Any],
) -> Any:
    if not isinstance(item, dict):
        return item  # the model's validation names the error
    where = f"findings[{number}]"
    out = dict(item)  # "fingerprint" stays: Finding ignores it, scripts read it
    resource: Mapping[str, Any] | None = None
    if "resource" in out:
        resource = resources[_position(out.pop("resource"), len(resources), where, "resources")]
        out.setdefault("resource_id", resource.get("id"))
        for key, summary_key in RESOURCE_FIELDS:
            out.setdefault(key, resource.get(summary_key))
    if "severity" not in out and out.get("rule_id") in severity:
        out["severity"] = severity[out["rule_id"]]
    if "message" in out:
        out["message"] = messages[
            _position(out["message"], len(messages), f"{where}.message", "messages")
        ]
    for name, default in DEFAULTS:
        out.setdefault(name, default)
    location = out.get("location")
    if isinstance(location, dict):
        location = dict(location)
        if resource is not None:
            location.setdefault("file", resource.get("file"))
            location.setdefault("start_line", resource.get("line"))
        out["location"] = location
    return out


def _expand_frameworks(frameworks: Any, findings: Sequence[Any]) -> Any:
    if not isinstance(frameworks, list):
        return frameworks
    prints: dict[int, str] = {}

    def print_of(value: Any, where: str) -> Any:
        if isinstance(value, str):
            return value
        position = _position(value, len(findings), where, "findings")
        if position not in prints:
            f = findings[position]
            parts = [f.get(k) if isinstance(f, dict) else None for k in _PRINTED]
            rule, resource, key = parts
            if not (isinstance(rule, str) and isinstance(resource, str) and isinstance(key, str)):
                raise ValueError(f"{where}: findings[{position}] has no fingerprint")
            prints[position] = fingerprint(rule, resource, key)
        return prints[position]

    out = []
    for i, framework in enumerate(frameworks):
        if not isinstance(framework, dict) or not isinstance(framework.get("controls"), list):
            out.append(framework)
            continue
        controls = []
        for j, given in enumerate(framework["controls"]):
            control = dict(given) if isinstance(given, dict) else given
            for key in FINDING_REFS if isinstance(control, dict) else ():
                if isinstance(control.get(key), list):
                    where = f"frameworks[{i}].controls[{j}].{key}"
                    control[key] = [print_of(v, where) for v in control[key]]
            controls.append(control)
        out.append({**framework, "controls": controls})
    return out
