"""Frozen models share one fields-set per combination of given fields (memory at scale), and
pydantic's view of which fields were set stays exact, copies included."""

from __future__ import annotations

import pickle

from gdcc_audit.models import Facets, SourceLocation
from gdcc_audit.models.common import Text


def test_equal_fields_sets_are_one_object() -> None:
    a = SourceLocation(file="a.tf", start_line=1)
    b = SourceLocation(file="b.tf", start_line=2)
    c = SourceLocation(file="c.tf")
    assert a.model_fields_set == {"file", "start_line"}
    assert a.model_fields_set is b.model_fields_set
    assert c.model_fields_set == {"file"}
    assert c.model_fields_set is not a.model_fields_set
    # nested models too
    assert Text(en="x", th="ก").model_fields_set is Text(en="y", th="ข").model_fields_set


def test_a_copy_never_changes_the_shared_set() -> None:
    a = Facets(encrypted_at_rest=True)
    b = Facets(encrypted_at_rest=False)
    copied = a.model_copy(update={"public_access": True})
    assert copied.model_fields_set == {"encrypted_at_rest", "public_access"}
    assert a.model_fields_set == b.model_fields_set == {"encrypted_at_rest"}
    assert a.model_fields_set is b.model_fields_set
    # the copy's set is shared with models given the same fields
    direct = Facets(encrypted_at_rest=True, public_access=True)
    assert copied.model_fields_set is direct.model_fields_set
    assert copied == direct
    assert a.model_copy().model_fields_set is a.model_fields_set
    deep = a.model_copy(update={"region": "x"}, deep=True)
    assert deep.model_fields_set == {"encrypted_at_rest", "region"}
    assert a.model_fields_set == {"encrypted_at_rest"}


def test_dumps_and_pickles_are_unchanged() -> None:
    a = SourceLocation(file="a.tf", start_line=1)
    assert a.model_dump(exclude_unset=True) == {"file": "a.tf", "start_line": 1}
    again = pickle.loads(pickle.dumps(a))
    assert again == a
    assert again.model_fields_set == {"file", "start_line"}
