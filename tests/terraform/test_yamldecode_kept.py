"""``yamldecode`` of a text decoded before gives a copy of what it gave (``functions._DECODED``)
instead of parsing the YAML again: module instances and roots reading one YAML file
(cloud-foundation-fabric's factories: 25 decodes of 7 texts, ~0.1 s of its scan). Each call
gets its own value, as a parse gives; a text that is not one YAML document is refused each
time."""

from __future__ import annotations

from typing import Any

import pytest

from gdcc_audit.load import yamltree
from gdcc_audit.load.terraform import functions
from gdcc_audit.load.terraform.functions import call_function
from gdcc_audit.load.terraform.values import EvalError

TEXT = """\
buckets:
  logs: &settings
    versioning: true
    labels: [a, b]
  data: *settings
"""


def test_a_text_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(functions, "_DECODED", {}, raising=False)
    real = yamltree.iter_yaml
    parsed: list[str] = []

    def counted(text: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(yamltree, "iter_yaml", counted)
    first = call_function("yamldecode", [TEXT])
    second = call_function("yamldecode", [TEXT])
    expected = {"versioning": True, "labels": ["a", "b"]}
    assert first == second == {"buckets": {"logs": expected, "data": expected}}
    assert len(parsed) == 1  # before: 2
    # its own value each time (as a parse gives)
    assert second is not first
    second["buckets"]["logs"]["labels"].append("c")
    assert first["buckets"]["logs"]["labels"] == ["a", "b"]
    assert call_function("yamldecode", [TEXT])["buckets"]["data"]["labels"] == ["a", "b"]


def test_a_text_that_is_not_one_document_is_refused_each_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(functions, "_DECODED", {})
    for _ in range(2):
        with pytest.raises(EvalError, match="more than one document"):
            call_function("yamldecode", ["a: 1\n---\nb: 2\n"])
    assert functions._DECODED == {}


def test_the_oldest_text_is_forgotten_past_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(functions, "_DECODED", {})
    monkeypatch.setattr(functions, "_DECODED_KEPT", 2)
    for n in range(3):
        assert call_function("yamldecode", [f"n: {n}\n"]) == {"n": n}
    assert list(functions._DECODED) == ["n: 1\n", "n: 2\n"]
