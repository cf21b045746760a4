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


def image_version_absent(values: Mapping[str, Any]) -> bool:
    """True when ``config.software_config.image_version`` is surely not written (the blocks
    are absent or known and the attribute is missing or null): the provider's default applies.
    A block or value not known (a dynamic block, a variable without a value) is not absent."""
    config = values.get("config")
    if config is None or config == []:
        return True
    first = _first(config)
    if first is None:
        return False
    software = first.get("software_config")
    if software is None or software == []:
        return True
    block = _first(software)
    return block is not None and block.get("image_version", None) is None


def composer_major(values: Mapping[str, Any]) -> int | None:
    """The major version in ``config.software_config.image_version``
    (``composer-2.9.7-airflow-2.9.3``, ``composer-3-airflow-2``); None when not written or not
    known."""
    config = _first(values.get("config"))
    software = None if config is None else _first(config.get("software_config"))
    version = None if software is None else software.get("image_version")
    found = _MAJOR.match(version) if isinstance(version, str) else None
    return None if found is None else int(found.group(1))
