"""An ECS service whose task runs an image no database is known by but named like one, with
no usual database port mapped (mreferre/yelb's ``mreferre/yelb-db:0.6``, a PostgreSQL image
of its own), may hold data: GDCC-GRAPH-001 / -004 / -005 are UNKNOWN saying so. They were
NOT_APPLICABLE "no container of its task runs a known database image", passing over a
database an internet-facing tier may reach. The name alone is not enough to judge it a
store (its port, even that it holds data, is not known)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.store_images import named_like_a_database
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

from .test_ecs_data_stores import _CFN

_YELB = _CFN.replace(
    "Image: public.ecr.aws/j7e2a1k3/yelb-sc-db:0.5\n"
    "          PortMappings: [{ContainerPort: 5432, Protocol: tcp}]",
    "Image: mreferre/yelb-db:0.6",
)
MAYBE = (
    "it may be a data store: its task's container yelb-db runs image mreferre/yelb-db:0.6, "
    "named like a database but no known database image, and maps no usual database port; "
    "whether it holds data, and on which port, is not known"
)


def test_a_service_named_like_a_database_may_be_a_store(tmp_path: Path) -> None:
    assert "mreferre/yelb-db:0.6" in _YELB
    (tmp_path / "stack.yaml").write_text(_YELB, encoding="utf-8")
    rules = ("GDCC-GRAPH-001", "GDCC-GRAPH-004", "GDCC-GRAPH-005")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    for rule in rules:
        assert found[(rule, "YelbDb")] == (Status.UNKNOWN, MAYBE), rule
        # the web tier's image is no database's, nor named like one
        assert found[(rule, "Web")][0] is Status.NOT_APPLICABLE, rule


def test_names_like_a_database() -> None:
    for image in ("mreferre/yelb-db:0.6", "example/orders_database", "acme/timeseriesdb:2.7",
                  "registry.example.com/team/app-db@sha256:abc"):
        assert named_like_a_database(image), image
    # known databases are stores outright; exporters and consoles hold no data; other names
    for image in ("postgres:16", "mongodb/mongodb-community-server", "redis_exporter",
                  "example/dbtool", "example/db-migrate", "yelb-ui", "adminer"):
        assert not named_like_a_database(image), image
