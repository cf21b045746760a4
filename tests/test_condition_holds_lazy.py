"""A declarative leaf that PASSes words what it found ("encryption at rest is on") only when
something reads it: a ``not`` that fails on it, or an ``any`` whose PASS message it is. A
top-level PASS is counted, not worded: every one of them made a bilingual text before. The
words read are the same."""

from __future__ import annotations

from typing import Any

import pytest

from gdcc_audit.evaluate import conditions
from gdcc_audit.evaluate.conditions import compile_condition
from gdcc_audit.models import Facets, Resource, SourceLocation, Status, facet_words


def _resource(index: int, **facets: Any) -> Resource:
    return Resource(
        id=f"t/s/x.r{index}", kind="storage.bucket", name=f"r{index}", provider="gdcc",
        provider_type="x", tenant="t", system="s", facets=Facets(**facets),
        location=SourceLocation(file="f.yaml", start_line=1),
    )


@pytest.fixture
def worded(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each value a PASS was worded for (``facet_words.found``, as ``conditions`` calls it)."""
    seen: list[Any] = []
    real = facet_words.found

    def counted(words: Any, value: Any) -> Any:
        seen.append(value)
        return real(words, value)

    monkeypatch.setattr(conditions.facet_words, "found", counted)
    return seen


def test_a_pass_nobody_reads_is_not_worded(worded: list[Any]) -> None:
    leaf = compile_condition({"facet": "encrypted_at_rest", "equals": True}, "t", {})
    verdicts = [leaf.evaluate(_resource(i, encrypted_at_rest=True), {}) for i in range(50)]
    assert {v.status for v in verdicts} == {Status.PASS}
    assert all(v.reason is None for v in verdicts)
    assert worded == []  # 50 before
    # read, it says what held
    holds = verdicts[0].holds
    assert holds is not None
    assert holds.en == "encryption at rest is on"
    assert worded == [True]


def test_not_and_any_still_say_what_holds(worded: list[Any]) -> None:
    negated = compile_condition({"not": {"facet": "encrypted_at_rest", "equals": True}}, "t", {})
    failed = negated.evaluate(_resource(0, encrypted_at_rest=True), {})
    assert failed.status == Status.FAIL
    assert failed.reason is not None
    assert failed.reason.en == "encryption at rest is on"
    either = compile_condition(
        {"any": [{"facet": "versioning", "equals": True},
                 {"facet": "encrypted_at_rest", "equals": True}]}, "t", {}
    )
    passed = either.evaluate(_resource(1, versioning=False, encrypted_at_rest=True), {})
    assert passed.status == Status.PASS
    assert passed.reason is not None
    assert passed.reason.en == "encryption at rest is on"
    assert passed.holds == passed.reason
    assert worded.count(True) == 2  # once each (a FAIL words its value too: False)
