"""Imports deferred to first use: a module bound on first attribute access, and plugin objects
named ``module:Class`` built when first needed."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for module ``name`` in ``namespace`` (a module's ``globals()``) until an attribute
    is first read: then the module is imported and bound in ``namespace`` in its place, so
    later reads go to the module directly."""

    def __init__(self, name: str, namespace: dict[str, Any]) -> None:
        self._name = name
        self._namespace = namespace

    def __getattr__(self, attribute: str) -> Any:
        module: ModuleType = importlib.import_module(self._name)
        for key, value in list(self._namespace.items()):
            if value is self:
                self._namespace[key] = module
        return getattr(module, attribute)


def build_target(target: str) -> Any:
    """An instance of the class named ``module:Class`` (the module imported now)."""
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)()
