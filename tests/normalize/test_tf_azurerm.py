"""azurerm Terraform resources to canonical kinds and facets."""

from __future__ import annotations

from tfhelpers import expect, facets_of, map_all, res

from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.resource import IngressRule


def test_storage_account_defaults_and_hardening() -> None:
    assert facets_of(res("azurerm_storage_account.s", {"location": "Southeast Asia"})) == expect(
        encrypted_at_rest=True,
        customer_managed_key=False,
        encrypted_in_transit=True,
        tls_min_version="1.2",
        # anonymous access allowed by default: containers may opt in (GDCC-DATA-006), but
        # the account itself is not readable by anyone until one does
        public_access=False,
        public_access_block=False,
        public_endpoint=True,
        versioning=False,
        region="southeastasia",
    )
    hardened = {
        "https_traffic_only_enabled": False,
        "min_tls_version": "TLS1_0",
        "allow_nested_items_to_be_public": False,
        "network_rules": [{"default_action": "Deny"}],
        "blob_properties": [{"versioning_enabled": True}],
    }
    assert facets_of(res("azurerm_storage_account.h", hardened)) == expect(
        encrypted_at_rest=True,
        customer_managed_key=False,
        encrypted_in_transit=False,
        tls_min_version="1.0",
        public_access=False,
        public_access_block=True,
        public_endpoint=False,
        versioning=True,
    )


def test_nsg_inline_and_separate_rules() -> None:
    nsg = res(
        "azurerm_network_security_group.n",
        {
            "security_rule": [
                {
                    "direction": "Inbound",
                    "access": "Allow",
                    "protocol": "Tcp",
                    "destination_port_range": "22",
                    "source_address_prefix": "Internet",
                },
                {
                    "direction": "Inbound",
                    "access": "Deny",
                    "protocol": "*",
                    "destination_port_range": "*",
                    "source_address_prefix": "*",
                },
            ]
        },
    )
    rule = res(
        "azurerm_network_security_rule.r",
        {
            "direction": "Inbound",
            "access": "Allow",
            "protocol": "Tcp",
            "destination_port_ranges": ["3389", "5000-5010"],
            "source_address_prefix": UNKNOWN,
        },
        {"network_security_group_name": "azurerm_network_security_group.n.name"},
    )
    found = map_all(nsg, rule)
    assert set(found) == {"azurerm_network_security_group.n"}
    assert found["azurerm_network_security_group.n"].facets == expect(
        ingress=(
            IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",)),
            IngressRule(protocol="tcp", from_port=3389, to_port=3389, sources=None,
                        declared_by="azurerm_network_security_rule.r", declared_at="main.tf:1"),
            IngressRule(protocol="tcp", from_port=5000, to_port=5010, sources=None,
                        declared_by="azurerm_network_security_rule.r", declared_at="main.tf:1"),
            # the default AllowVnetInBound: the deny of unknown priority shadows nothing
            IngressRule(protocol="all", from_port=0, to_port=65535, sources=("VirtualNetwork",),
                        declared_by="AllowVnetInBound"),
        )
    )


def test_sql_server_secret_and_public_network() -> None:
    server = res(
        "azurerm_mssql_server.s",
        {"administrator_login_password": "P@ssw0rd!", "minimum_tls_version": "1.0"},
    )
    assert facets_of(server) == expect(
        public_endpoint=True,
        tls_min_version="1.0",
        encrypted_in_transit=True,
        encrypted_at_rest=True,
        access_logging=False,
        hardcoded_secrets=("administrator_login_password",),
        directory_auth=False,
        ingress=(),  # no firewall rule: the server's firewall admits no address
    )


def test_postgres_single_server() -> None:
    assert facets_of(
        res(
            "azurerm_postgresql_server.p",
            {
                "ssl_enforcement_enabled": False,
                "public_network_access_enabled": False,
                "backup_retention_days": 35,
                "geo_redundant_backup_enabled": True,
            },
        )
    ) == expect(
        encrypted_at_rest=True,
        customer_managed_key=False,  # service-managed keys without a server key resource
        encrypted_in_transit=False,
        tls_min_version="1.2",
        public_endpoint=False,
        backup_enabled=True,
        backup_retention_days=35,
        high_availability=True,
        threat_detection=False,
        directory_auth=False,  # no azurerm_postgresql_active_directory_administrator
        ingress=(),
    )


def test_key_vault_aks_and_logs() -> None:
    found = map_all(
        res(
            "azurerm_key_vault.kv",
            {"purge_protection_enabled": True, "network_acls": [{"default_action": "Deny"}]},
        ),
        res("azurerm_key_vault_secret.s", {"value": "literal"}),
        res(
            "azurerm_kubernetes_cluster.k",
            {"api_server_access_profile": [{"authorized_ip_ranges": ["10.0.0.0/8"]}]},
        ),
        res("azurerm_log_analytics_workspace.w", {}),
        res("azurerm_security_center_subscription_pricing.d", {"tier": "Free"}),
    )
    assert found["azurerm_key_vault.kv"].facets == expect(
        deletion_protection=True, public_endpoint=False, encrypted_at_rest=True
    )
    assert found["azurerm_key_vault_secret.s"].facets == expect(hardcoded_secrets=("value",))
    assert found["azurerm_kubernetes_cluster.k"].facets == expect(
        public_endpoint=True,
        public_access=False,
        access_logging=False,
        encrypted_at_rest=True,
        customer_managed_key=False,
        secrets_encryption=False,
        network_policy_enforced=False,
        node_public_ip=False,
        directory_auth=False,
        control_plane_logging=False,  # no diagnostic setting sends it
        rbac_authorization=True,
        workload_identity=False,
    )
    # no management lock of the input on it: its data can be purged (azure_locks)
    assert found["azurerm_log_analytics_workspace.w"].facets == expect(
        log_retention_days=30, log_integrity=False
    )
    assert found["azurerm_security_center_subscription_pricing.d"].facets == expect(
        threat_detection=False
    )
