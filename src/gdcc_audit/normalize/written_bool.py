"""A boolean written in a template: ``true`` / ``false``, or the strings ``"true"`` /
``"false"`` (CloudFormation and Heat write both). A leaf module: the Classic Load Balancer
policy reader (``normalize.elb_tls``) uses it in Terraform runs and the pre-commit hook without
loading CloudFormation's value readers."""

from __future__ import annotations

from typing import Any


def as_bool(value: Any) -> bool | None:
    """A boolean property, also written as the strings ``"true"``/``"false"``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return None
