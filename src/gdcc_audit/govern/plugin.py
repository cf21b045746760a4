"""The waiver-file loader, registered as a plugin.

Registered after ``gdcc_audit.load.plugin``, so pluggy asks it first: a ``kind: Waivers`` file
is claimed here before the manifest loader, which takes any other ``gdcc-audit/`` kind.
"""

from __future__ import annotations

from gdcc_audit.govern.files import WaiverLoader
from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.load.interface import Loader


@hookimpl
def register_loaders() -> list[Loader]:
    """The loader of waiver files (``kind: Waivers``)."""
    return [WaiverLoader()]
