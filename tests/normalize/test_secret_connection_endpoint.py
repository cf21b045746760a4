"""A setting named for a connection string whose value only says where to connect
(``cartDatabase.connectionString: "redis-cart:6379"``, GoogleCloudPlatform/microservices-
demo's Helm values: it FAILed GDCC-SECRET-001) holds no secret. A connection string with a
password, a user in a URL or a credential among its ``key=value`` settings still FAILs;
settings without one (``Server=myserver;Integrated Security=SSPI``, the Azure/terraform
app-service quickstart) hold no secret either."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets.detect import detect_secrets


@pytest.mark.parametrize(
    ("values", "found"),
    [
        ({"cartDatabase": {"connectionString": "redis-cart:6379"}}, ()),
        ({"DB_CONNECTION_STRING": "mongodb://mongo:27017/app"}, ()),
        ({"connection_string": "db.example.com:5432/shop"}, ()),
        # a Cloud Spanner database's resource name (microservices-demo's spanner component)
        ({"SPANNER_CONNECTION_STRING":
          "projects/SPANNER_PROJECT/instances/SPANNER_INSTANCE/databases/SPANNER_DATABASE"}, ()),
        # a path that is no Google resource name may still hide a password
        ({"connection_string": "projects/p/Hunter22:pw"}, ("connection_string",)),
        # a word alone may be a password
        ({"connection_string": "redis-cart"}, ("connection_string",)),
        ({"connStr": "postgres://app:Hunter22@db:5432/shop"}, ("connStr",)),
        (
            {"connection_string": "Server=tcp:x.database.windows.net;Password=Sup3r-pw;"},
            ("connection_string",),
        ),
        ({"connectionString": "Hunter22-Pa55"}, ("connectionString",)),
        # settings without a credential (Windows authentication)
        ({"connection_string": "Server=myserver;Integrated Security=SSPI"}, ()),
        # an App Service's ``connection_string { name, type, value }`` block
        (
            {"connection_string": [
                {"name": "db", "type": "SQLServer",
                 "value": "Server=myserver;Integrated Security=SSPI"},
                {"name": "pw", "type": "SQLServer", "value": "Server=s;Password=Hunter22"},
            ]},
            ("connection_string.1.value",),
        ),
        ({"connection_string": "Data Source=db;Initial Catalog=shop;User ID=app;Pwd=Hunter22"},
         ("connection_string",)),
        ({"connection_string": "DefaultEndpointsProtocol=https;AccountName=sa;AccountKey=a2V5"},
         ("connection_string",)),
        ({"connection_string": "Endpoint=sb://x.servicebus.windows.net/;SharedAccessSignature=s"},
         ("connection_string",)),
    ],
)
def test_a_bare_endpoint_is_no_connection_secret(
    values: dict[str, object], found: tuple[str, ...]
) -> None:
    assert detect_secrets(values) == found
