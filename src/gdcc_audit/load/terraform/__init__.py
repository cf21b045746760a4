"""Terraform / OpenTofu HCL loading with static evaluation (see :mod:`.loader`).

``TerraformLoader`` is imported on first use: the package's small modules (``versions``,
``budget``) are read by other stages, which must not import the whole HCL loader with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdcc_audit.load.terraform.loader import TerraformLoader

__all__ = ["TerraformLoader"]


def __getattr__(name: str) -> Any:
    if name == "TerraformLoader":
        from gdcc_audit.load.terraform.loader import TerraformLoader

        return TerraformLoader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
