"""The Cloud Composer major version of an environment (read by the Terraform mapper and by
``absent.py``; kept free of mapper imports)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_MAJOR = re.compile(r"\s*composer-(\d+)")


def _first(value: Any) -> Mapping[str, Any] | None:
    """A nested block: a mapping, or the first mapping of a list of blocks."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, Mapping) else None


def composer_major(values: Mapping[str, Any]) -> int | None:
    """The major version in ``config.software_config.image_version``
    (``composer-2.9.7-airflow-2.9.3``, ``composer-3-airflow-2``); None when not written or not
    known."""
    config = _first(values.get("config"))
    software = None if config is None else _first(config.get("software_config"))
    version = None if software is None else software.get("image_version")
    found = _MAJOR.match(version) if isinstance(version, str) else None
    return None if found is None else int(found.group(1))
