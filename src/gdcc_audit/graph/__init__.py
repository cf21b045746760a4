"""Graph stage: the resource dependency graph that rules query (``ResourceGraph``).

Belongs here: building the graph from resources and the manifest, and the queries rules use.
Not here: judging what a path means (rules in ``evaluate``), drawing it (``report``).
"""

from __future__ import annotations

from gdcc_audit.graph.model import ResourceGraph

__all__ = ["ResourceGraph"]
