"""A Terraform set (``values.SetValue``, what ``toset`` and a ``set(...)`` type give) leaves
the evaluator like a list: every value known only at apply inside it is made UNKNOWN
(``values.settled``), and it stays a set. A ``set(object(...))`` input given an object
holding a resource's id (``security_groups = [aws_security_group.lb.id]``) kept the raw
Computed value in the resource's values once sets were marked (2ce39360)."""

from __future__ import annotations

from gdcc_audit.load.terraform.values import Computed, SetValue, as_set, settled
from gdcc_audit.load.terraform_model import UNKNOWN


def test_a_set_holding_values_known_at_apply_is_settled() -> None:
    value = as_set([{"security_groups": [Computed("aws_security_group.lb.id", "id")]}])
    assert type(value) is SetValue
    out = settled(value)
    assert out == [{"security_groups": [UNKNOWN]}]
    assert type(out) is SetValue


def test_a_known_set_is_kept_as_it_is() -> None:
    value = as_set(["22", "443", "22"])
    assert settled(value) is value
    assert value == ["22", "443"]
