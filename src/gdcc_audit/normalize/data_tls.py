"""Data services whose minimum TLS version is a setting of the resource itself, read by the
mappers into ``Facets.tls_min_version`` (GDCC-DATA-009 judges it).

A data service of another type has no such setting read: GDCC-DATA-009 does not apply to it
(its TLS versions are fixed by the provider, or set in a place not read, such as an RDS
parameter group's ``ssl_min_protocol_version``), and says so rather than guessing. A value
read on any resource (a manifest, a type added later) is always judged.
"""

from __future__ import annotations

from gdcc_audit.models.common import Text

#: Types whose mapper reads the minimum TLS version, with the provider default when absent
#: (cited in ``normalize.defaults``).
DATA_TLS_SETTING_TYPES = frozenset(
    {
        # Azure: storage accounts, SQL servers, the single-server database services, Cosmos DB
        # and Cache for Redis
        "azurerm_storage_account",
        "azurerm_mssql_server",
        "azurerm_sql_server",
        "azurerm_postgresql_server",
        "azurerm_mysql_server",
        "azurerm_mariadb_server",
        # PostgreSQL flexible server: TLS 1.2 at least (the service denies older versions),
        # raised by an ssl_min_protocol_version server parameter
        "azurerm_postgresql_flexible_server",
        "azurerm_cosmosdb_account",
        "azurerm_redis_cache",
        # AWS: OpenSearch / Elasticsearch domains (domain_endpoint_options.tls_security_policy)
        "aws_opensearch_domain",
        "aws_elasticsearch_domain",
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
    }
)


def no_setting_read(provider_type: str) -> Text:
    """Why GDCC-DATA-009 does not apply to ``provider_type``."""
    return Text(
        en=(
            f"no minimum TLS version setting of {provider_type} is read: its TLS versions are "
            "not judged by this rule"
        ),
        th=f"ไม่ได้อ่านการตั้งค่า TLS เวอร์ชันขั้นต่ำของ {provider_type} จึงไม่ได้ตรวจเวอร์ชัน TLS ในกฎนี้",
    )
