"""Data stores whose filtering is a documented default, not "not known": an Azure database
server admits only what its firewall rules, virtual network rules and private endpoints admit
(its firewall blocks every other address); a Cloud SQL instance's public IP admits only its
authorized networks (else the Auth Proxy with IAM), its private IP its VPC network; an
OpenSearch domain outside any VPC admits what its access policy allows. GDCC-GRAPH-004 was
UNKNOWN "filtering not known" on every one of them (terragoat: ten Azure servers, its Cloud
SQL instance and its Elasticsearch domain)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph"
SEGMENTED = "GDCC-GRAPH-004"
NOT_SEGMENTED = "the data tier is not segmented from the web tier: it admits"
NOT_KNOWN = "cannot tell which addresses it admits:"

#: The "Allow Azure services" rule (0.0.0.0-0.0.0.0) as the only way in: named in the FAIL.
AZURE_SERVICES_ONLY = (
    "any address on port(s) 1433 (azure-services admits all Azure services: any client "
    "hosted in Azure, other customers' included)"
)

def _segmentation(*parts: str) -> dict[str, tuple[Status, str, dict[str, object]]]:
    result = audit([FIXTURES.joinpath(*parts)], Settings(rule_ids=(SEGMENTED,)))
    assert all(i.status.value == "assessed" for i in result.inputs), result.inputs
    return {
        f.address or "": (f.status, f.message.en, dict(f.evidence))
        for f in result.findings
        if f.status is not Status.NOT_APPLICABLE
    }


def test_azure_database_servers_admit_only_their_firewall_rules() -> None:
    closed = (
        "no address: no firewall rule, virtual network rule or private endpoint in the scan "
        "names it, and an Azure database server's firewall blocks all access by default"
    )
    assert _segmentation("azure_sql", "whole") == {
        "azurerm_mssql_server.closed": (
            Status.PASS, f"the data tier admits {closed}", {"admits": closed}
        ),
        # 0.0.0.0-0.0.0.0: any client hosted in Azure, other customers' included
        "azurerm_mssql_server.azure_services": (
            Status.FAIL, f"{NOT_SEGMENTED} {AZURE_SERVICES_ONLY}",
            {"admits": AZURE_SERVICES_ONLY},
        ),
        "azurerm_postgresql_server.open": (
            Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 5432",
            {"admits": "any address on port(s) 5432"},
        ),
        # a public range of no scanned subnet: what it holds is not known
        "azurerm_mysql_server.office": (
            Status.UNKNOWN, f"{NOT_KNOWN} office allows 203.0.113.0/24 (no scanned subnet)",
            {"admits": "office allows 203.0.113.0/24 (no scanned subnet)"},
        ),
        "azurerm_postgresql_flexible_server.private": (
            Status.UNKNOWN,
            f"{NOT_KNOWN} the addresses admitted by azurerm_postgresql_flexible_server.private "
            "delegated_subnet_id are not known",
            {"admits": "the addresses admitted by azurerm_postgresql_flexible_server.private "
             "delegated_subnet_id are not known"},
        ),
    }


def test_firewall_rules_may_be_in_a_module_not_scanned() -> None:
    why = (
        "firewall rules of the server may be declared in what was not scanned (module.rules "
        "(../not-here): no Terraform files in the module folder)"
    )
    assert _segmentation("azure_sql", "partial") == {
        "azurerm_mssql_server.closed": (Status.UNKNOWN, f"{NOT_KNOWN} {why}", {"admits": why}),
    }


def test_cloud_sql_admits_its_authorized_networks_or_its_private_network() -> None:
    proxy = (
        "no address: no authorized network and no private network; its public IP admits only "
        "the Cloud SQL Auth Proxy and connectors, each connection authorised by IAM"
    )
    not_read = (
        "the addresses admitted by google_sql_database_instance.networks_not_known "
        "authorized_networks are not known"
    )
    assert _segmentation("cloud_sql") == {
        "google_sql_database_instance.open": (
            Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 5432",
            {"admits": "any address on port(s) 5432"},
        ),
        "google_sql_database_instance.proxy_only": (
            Status.PASS, f"the data tier admits {proxy}", {"admits": proxy}
        ),
        # its private IP admits the network "data", which holds no internet-facing workload
        "google_sql_database_instance.private": (
            Status.PASS, "The data tier is segmented from the web tier", {}
        ),
        "google_sql_database_instance.networks_not_known": (
            Status.UNKNOWN, f"{NOT_KNOWN} {not_read}", {"admits": not_read},
        ),
    }


def test_cloud_sql_private_network_holding_an_internet_facing_server_fails() -> None:
    assert _segmentation("cloud_sql_shared") == {
        "google_sql_database_instance.orders": (
            Status.FAIL, f"{NOT_SEGMENTED} address range app, which holds internet-facing web",
            {"admits": "address range app, which holds internet-facing web"},
        ),
    }


def test_search_domain_outside_a_vpc_admits_what_its_access_policy_allows() -> None:
    policy = (
        "a public endpoint outside any VPC: its access policy decides, by principals and "
        "conditions that are not read as addresses"
    )
    assert _segmentation("search_domains", "terraform") == {
        "aws_opensearch_domain.open": (
            Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 443",
            {"admits": "any address on port(s) 443"},
        ),
        "aws_opensearch_domain.named": (
            Status.UNKNOWN, f"{NOT_KNOWN} {policy}", {"admits": policy}
        ),
    }
    assert _segmentation("search_domains", "cfn") == {
        "Open": (
            Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 443",
            {"admits": "any address on port(s) 443"},
        ),
    }
