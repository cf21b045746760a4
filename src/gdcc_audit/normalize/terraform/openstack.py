"""placeholder"""

from __future__ import annotations

from gdcc_audit.normalize.terraform.context import MapFn

MAPPINGS: dict[str, MapFn] = {}
