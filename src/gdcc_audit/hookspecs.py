"""Every hook a gdcc-audit plugin can implement.

Built-in loaders, mappers, rules, frameworks and reporters are plugins of this same API.
Third-party packs are found through the ``gdcc_audit`` entry-point group. A hook
implementation may accept any subset of the arguments its spec names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from gdcc_audit.evaluate.rule import Rule
    from gdcc_audit.graph.model import ResourceGraph
    from gdcc_audit.load.interface import Loader
    from gdcc_audit.models.resource import Resource
    from gdcc_audit.normalize.interface import Mapper
    from gdcc_audit.report.interface import Reporter
    from gdcc_audit.settings import Settings

PROJECT = "gdcc_audit"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_loaders(settings: Settings) -> list[Loader]:
    """Input-format loaders. Called once per audit; all results are used.

    Loaders are asked to claim files in plugin order (later-registered plugins first, as pluggy
    calls them), so a third-party loader can take a format before a built-in one.
    """


@hookspec
def register_mappers(settings: Settings) -> list[Mapper]:
    """Mappers from loaded documents to canonical resources. All results are used; for one
    document format the first mapper returned wins."""


@hookspec
def register_rules(settings: Settings) -> list[Rule]:
    """Rules to evaluate. All results are used; a rule id given twice is a PluginError."""


@hookspec
def register_frameworks(settings: Settings) -> list[Path]:
    """Control-catalog and crosswalk files (or folders of them). All results are used."""


@hookspec
def register_reporters() -> list[Reporter]:
    """Output-format reporters. All results are used; a format named twice is a PluginError."""


@hookspec
def enrich_graph(graph: ResourceGraph, resources: list[Resource], settings: Settings) -> None:
    """Called after the resource graph is built and before rules run, to add edges (for
    example network reachability). Every implementation is called; return values are ignored."""


@hookspec
def prepare_report_environment(environment: Any, lang: str) -> None:
    """Called with the jinja2 Environment before an HTML or PDF report renders, to add filters,
    globals or template loaders (re-branding). Every implementation is called."""
