"""``FrozenModel.model_copy``: the Terraform mapper copies the facets of nearly every
resource (to add its Region, secrets, defaults), ~1.5 copies per resource. A shallow copy is
made directly (``__dict__`` copied and updated, the same four attributes pydantic's
``__copy__`` sets), giving the same object state as pydantic's ``model_copy``."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from pydantic import BaseModel

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets

FACETS = Facets(encrypted_at_rest=True, region="ap-southeast-7")


@pytest.mark.parametrize(
    ("model", "update"),
    [
        (FACETS, {"region": "ap-southeast-1", "public_access": False}),
        (FACETS, {"region": "ap-southeast-1"}),
        (FACETS, None),
        (FACETS, {}),
        (pickle.loads(pickle.dumps(FACETS)), {"enabled": None}),
        (Text(en="on", th="เปิด"), {"en": "off"}),
    ],
)
def test_a_copy_is_what_pydantic_makes(model: Any, update: dict[str, Any] | None) -> None:
    made = model.model_copy(update=update)
    expected = BaseModel.model_copy(model, update=update)
    assert made is not model
    assert type(made) is type(model)
    assert made.__dict__ == expected.__dict__
    assert made.__pydantic_fields_set__ == expected.__pydantic_fields_set__
    assert made.__pydantic_extra__ is None
    assert made.__pydantic_private__ is None
    assert made == expected
    assert hash(made) == hash(expected)
    assert made.model_dump() == expected.model_dump()
    assert made.model_dump(exclude_unset=True) == expected.model_dump(exclude_unset=True)
    assert model.__dict__ == pickle.loads(pickle.dumps(model)).__dict__  # the original unchanged


def test_fields_sets_stay_shared_and_unchanged() -> None:
    first = FACETS.model_copy(update={"public_access": False})
    second = FACETS.model_copy(update={"public_access": True})
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    assert FACETS.__pydantic_fields_set__ == {"encrypted_at_rest", "region"}
    assert FACETS.model_copy().__pydantic_fields_set__ is FACETS.__pydantic_fields_set__


def test_a_shallow_copy_does_not_go_through_pydantics_copy(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    real = BaseModel.__copy__

    def counted(self: BaseModel) -> BaseModel:
        calls.append(self)
        return real(self)

    monkeypatch.setattr(BaseModel, "__copy__", counted)
    for n in range(50):
        FACETS.model_copy(update={"region": f"r{n}"})
    assert calls == []  # before: 50
    FACETS.model_copy(deep=True)
    assert calls == []  # (a deep copy never went through it)
