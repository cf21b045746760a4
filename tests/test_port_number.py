"""One reading of a written port for every mapper and the graph (``models.ports``): six copies
read ports with different ranges and types (a CloudFormation ``"22.0"`` float, a string with
blanks, a port above 65535 kept by some and refused by others)."""

from __future__ import annotations

import pytest

from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.ports import port_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (22, 22),
        (0, 0),
        (65535, 65535),
        (65536, None),
        (-1, None),
        ("443", 443),
        (" 8080 ", 8080),
        ("-1", None),
        ("+22", None),
        ("22-25", None),
        (22.0, 22),
        (22.5, None),
        (True, None),
        (None, None),
        (UNKNOWN, None),
        ("${var.port}", None),
    ],
)
def test_port_number(value: object, expected: int | None) -> None:
    assert port_number(value) == expected


def test_a_field_that_takes_no_zero() -> None:
    assert port_number(0, lowest=1) is None
    assert port_number("1", lowest=1) == 1
