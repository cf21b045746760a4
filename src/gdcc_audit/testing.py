"""pytest plugin for rule-pack authors: judge one resource with one rule, as gdcc-audit does.

Enabled automatically when gdcc-audit is installed (entry point ``pytest11``). Use the
``gdcc_judge`` fixture::

    def test_my_rule(gdcc_judge):
        statuses = gdcc_judge(my_rule, resource)
        assert statuses == ["FAIL"]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from gdcc_audit.evaluate.engine import evaluate
from gdcc_audit.evaluate.rule import Rule
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.resource import Resource
from gdcc_audit.models.tenant import Tenant
from gdcc_audit.settings import Settings

Judge = Callable[..., list[Finding]]


def judge(
    rule: Rule,
    resources: Resource | Sequence[Resource],
    *,
    tenant: Tenant | None = None,
    settings: Settings | None = None,
) -> list[Finding]:
    """Findings of one rule on the given resources, through the real engine."""
    listed = [resources] if isinstance(resources, Resource) else list(resources)
    return list(
        evaluate(
            listed,
            [rule],
            tenants=[tenant] if tenant else [],
            graph=ResourceGraph(listed),
            settings=settings or Settings(),
        )
    )


@pytest.fixture
def gdcc_judge() -> Judge:
    """The ``judge`` function as a fixture."""
    return judge
