"""Database checks that apply to one engine family only."""

from __future__ import annotations

from gdcc_audit.evaluate.conditions import not_known_reason
from gdcc_audit.evaluate.rule import (
    Outcome,
    RuleContext,
    failed,
    not_applicable,
    passed,
    reads,
    unknown,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource

_ENGINE_ATTRIBUTES = ("engine", "database_version", "Engine", "EngineVersion", "datastore_type")
#: Types that are PostgreSQL whatever their attributes say: AlloyDB for PostgreSQL.
_POSTGRES_TYPES = frozenset({"google_alloydb_instance"})


def _engine(resource: Resource) -> str:
    """The engine names written (a CloudFormation ``Engine`` written as an intrinsic function
    counts by what it resolves to, the ``engine`` attribute: the function's text named both
    branches of an ``!If``)."""
    values = [
        str(value)
        for key in _ENGINE_ATTRIBUTES
        if (value := resource.attributes.get(key)) is not None
        and not isinstance(value, dict | list)
    ]
    return " ".join(values).lower()


def _engine_not_known(resource: Resource) -> bool:
    """The engine is written with a value the input does not give: ``engine = var.engine`` or
    a Cloud SQL ``database_version`` made from a variable, a CloudFormation ``Engine: !Ref P``
    whose parameter has no value (the mappers keep ``engine`` as None)."""
    return any(
        key in resource.attributes and resource.attributes[key] is None
        for key in _ENGINE_ATTRIBUTES
    )


@reads("connection_logging")
def postgres_connections_logged(resource: Resource, context: RuleContext) -> Outcome:
    """A PostgreSQL database logs connections and disconnections.

    Other engines are NOT_APPLICABLE; a PostgreSQL database whose flags are not known (set in
    a parameter group outside the input) is UNKNOWN, and so is a database whose engine is
    not known (it was NOT_APPLICABLE "not a PostgreSQL database": terraform-google-sql-db's
    postgresql module builds ``database_version`` from a variable).
    """
    value = resource.facets.connection_logging
    # Azure's PostgreSQL servers name their engine in their type only
    postgres = (
        "postgres" in _engine(resource)
        or "postgresql" in resource.provider_type
        or resource.provider_type in _POSTGRES_TYPES
    )
    if value is None and not postgres and _engine_not_known(resource):
        return unknown(
            Text(
                en="the database engine is not known from the input: whether it is PostgreSQL, "
                "and its connection logging flags, are not known",
                th="ไม่ทราบชนิดฐานข้อมูล (engine) จากข้อมูลนำเข้า จึงไม่ทราบว่าเป็น PostgreSQL หรือไม่ "
                "และไม่ทราบค่า flag การบันทึกการเชื่อมต่อ",
            ),
            engine=None,
        )
    if value is None and not postgres:
        return not_applicable(Text(en="not a PostgreSQL database", th="ไม่ใช่ฐานข้อมูล PostgreSQL"))
    if value is None:
        return unknown(
            Text(
                en="the connection logging flags are not known from the input",
                th="ไม่ทราบค่า flag การบันทึกการเชื่อมต่อจากข้อมูลนำเข้า",
            ),
            connection_logging=None,
        )
    if not value:
        off = resource.facets.connection_logging_off
        if not off:
            return failed(
                Text(
                    en="log_connections and log_disconnections are not both on",
                    th="ไม่ได้เปิดทั้ง log_connections และ log_disconnections",
                ),
                connection_logging=False,
            )
        listed = ", ".join(off)
        return failed(
            Text(en=f"{listed} not on", th=f"ไม่ได้เปิด {listed}"),
            connection_logging=False,
            flags_off=list(off),
        )
    return passed(connection_logging=True)


#: Cache types whose clients can be asked to authenticate.
CACHE_TYPES = frozenset(
    {
        "aws_elasticache_replication_group",
        "aws_elasticache_cluster",
        "aws_elasticache_serverless_cache",
        "AWS::ElastiCache::ServerlessCache",
        "AWS::ElastiCache::ReplicationGroup",
        "AWS::ElastiCache::CacheCluster",
        "google_redis_instance",
        "google_redis_cluster",
        "google_memorystore_instance",
        "azurerm_redis_cache",
        "huaweicloud_dcs_instance",
        "alicloud_kvstore_instance",
        "alicloud_redis_tair_instance",
    }
)


@reads("auth_required")
def cache_requires_auth(resource: Resource, context: RuleContext) -> Outcome:
    """A cache (Redis, Memcached) makes its clients authenticate.

    Databases that are not caches are NOT_APPLICABLE (their engines always ask for
    credentials); a cache whose setting is not known is UNKNOWN.
    """
    value = resource.facets.auth_required
    if value is None and resource.provider_type not in CACHE_TYPES:
        return not_applicable(Text(en="not a cache", th="ไม่ใช่แคช"))
    if value is None:
        return unknown(
            not_known_reason("auth_required"),
            auth_required=None,
        )
    if not value:
        return failed(
            Text(en="clients connect without authenticating", th="ไคลเอนต์เชื่อมต่อได้โดยไม่ต้องยืนยันตัวตน"),
            auth_required=False,
        )
    return passed(auth_required=True)
