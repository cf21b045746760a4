"""The ``UNKNOWN`` sentinel: a value that cannot be known statically, never a guess.

Shared by the Terraform model (a value known only after ``terraform apply``) and the
CloudFormation/Heat mappers (a parameter without default, ``AWS::AccountId``, an attribute of
a resource not yet created...).
"""

from __future__ import annotations

from typing import Final


class _Unknown:
    """Marker for a value that cannot be known without deploying the infrastructure."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("an UNKNOWN value has no truth value; test `is UNKNOWN`")


UNKNOWN: Final = _Unknown()
