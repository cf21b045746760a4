"""An Azure SQL database takes its server's network filtering: it is reached through its
logical server's endpoint, under the server's firewall and virtual network rules ("The
firewall rules ... apply to all databases on the server"). Every ``azurerm_mssql_database``
was GDCC-GRAPH-004 UNKNOWN "filtering not known" even when its server's rules were read (13
databases of the AVM sql-server examples)."""

from __future__ import annotations

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import FIXTURES

FOLDER = FIXTURES / "graph" / "azure_sql_databases"
NOT_SEGMENTED = "the data tier is not segmented from the web tier: it admits"


def test_a_database_admits_what_its_server_admits() -> None:
    result = audit([FOLDER], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert {k: v for k, v in found.items() if "database" in k} == {
        "azurerm_mssql_database.open": (
            Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 1433"
        ),
        "azurerm_mssql_database.closed": (
            Status.PASS,
            "the data tier admits no address: no firewall rule, virtual network rule or "
            "private endpoint in the scan names it, and an Azure database server's firewall "
            "blocks all access by default",
        ),
        # the range is the server's rule, named as such
        "azurerm_mssql_database.office": (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: office allows 203.0.113.0/24 "
            "(no scanned subnet)",
        ),
        # a server not in the scan: its filtering is not known
        "azurerm_mssql_database.elsewhere": (
            Status.UNKNOWN, "cannot tell which addresses it admits: filtering not known"
        ),
    }
    assert found["azurerm_mssql_server.open"] == found["azurerm_mssql_database.open"]
