"""The error a catalog or crosswalk file raises: its own small module, so that choosing the
rules (``registry.FrameworkIndex``) can raise it without building the catalog models."""

from __future__ import annotations

from gdcc_audit.errors import ConfigError


class CatalogError(ConfigError):
    """A catalog or crosswalk file is invalid; the message names the file and the entry."""
