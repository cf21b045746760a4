"""Per-resource reads that every resource of a large file makes, on their plain values: a tag
key's GDCC meaning is read once per key, not at each resource (``tags.read_tags``: two
lower-casings and two replacements per key and resource); the secret walk passes over
numbers, flags and nulls without asking their key's checks (``detect._find``); ``has_unknown``
answers a text or number at once. Same answers."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from gdcc_audit.load.terraform.values import Partial, has_unknown
from gdcc_audit.models.common import Classification
from gdcc_audit.models.unknown import UNKNOWN
from gdcc_audit.normalize import tags
from gdcc_audit.secrets import detect
from gdcc_audit.secrets.detect import detect_secrets


def test_tag_keys_are_read_once_for_all_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: Counter[str] = Counter()
    real = tags._norm

    def counted(key: str) -> str:
        asked[key] += 1
        return real(key)

    monkeypatch.setattr(tags, "_norm", counted)
    tags._canonical.cache_clear()  # keys read by earlier tests are remembered
    plain = [tags.read_tags({"Name": f"app-{i}", "Environment": "prod"}) for i in range(50)]
    assert all(context == tags.TagContext() for context in plain)
    assert all(context is plain[0] for context in plain)  # one shared empty context
    labelled = tags.read_tags({"Name": "db", "gdcc:system": "tax", "GDCC-Classification": "ลับ"})
    assert labelled.system == "tax"
    assert labelled.data_classification == Classification.parse("ลับ")
    assert asked == {"Name": 1, "Environment": 1, "gdcc:system": 1, "GDCC-Classification": 1}


def test_secret_walk_skips_numbers_flags_and_nulls(monkeypatch: pytest.MonkeyPatch) -> None:
    constrained: list[tuple[str, Any]] = []
    real = detect._type_constraint

    def counted(name: str, value: Any) -> bool:
        constrained.append((name, value))
        return real(name, value)

    monkeypatch.setattr(detect, "_type_constraint", counted)
    values = {
        "password": 12345678, "token": True, "secret": None, "port": 5432.0, "type": 3,
        "db_password": "Xk9#mQ2vLp77", "settings": [{"type": "string", "password": False}],
    }
    assert detect_secrets(values) == ("db_password",)
    # a type's name is asked of texts and lists only (``type = 3``, ``type = false``: not)
    assert constrained == [("type", "string")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("text", False), (3, False), (2.5, False), (True, False), (None, False),
     (UNKNOWN, True), (Partial("prefix-${unknown}"), True), ({"a": [1, UNKNOWN]}, True),
     ({"a": [1, "b"]}, False)],
)
def test_has_unknown_answers_plain_values_at_once(value: Any, expected: bool) -> None:
    assert has_unknown(value) is expected
