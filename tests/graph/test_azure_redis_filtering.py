"""Azure Cache for Redis in the resource graph: what its firewall admits (GDCC-GRAPH-004).

With public network access on, a cache admits every address until a firewall rule exists ("If
no firewall rules are set and public access is not disabled, then all IP addresses are allowed
to access the cache"), then only the rules' ranges, on 6380 (and 6379 with the non-TLS port);
with public access off, its private endpoints only; injected in a subnet, addresses of its
virtual network (not read). In a configuration not wholly scanned, a rule declared elsewhere
may narrow "every address". Every cache was UNKNOWN "filtering not known" before."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _cache(name: str, extra: str = "") -> str:
    return (
        f'resource "azurerm_redis_cache" "{name}" {{\n  name = "{name}"\n'
        '  location = "southeastasia"\n  resource_group_name = "rg"\n  capacity = 1\n'
        f'  family = "P"\n  sku_name = "Premium"\n{extra}}}\n'
    )


def _rule(name: str, cache: str, first: str, last: str) -> str:
    return (
        f'resource "azurerm_redis_firewall_rule" "{name}" {{\n  name = "{name}"\n'
        f"  redis_cache_name = azurerm_redis_cache.{cache}.name\n"
        f'  resource_group_name = "rg"\n  start_ip = "{first}"\n  end_ip = "{last}"\n}}\n'
    )


CACHES = (
    _cache("open")
    + _cache("plain", "  non_ssl_port_enabled = true\n")
    + _cache("office") + _rule("office", "office", "203.0.113.0", "203.0.113.255")
    + _cache("everyone") + _rule("everyone", "everyone", "0.0.0.0", "255.255.255.255")
    + _cache("closed", "  public_network_access_enabled = false\n")
    + _cache("injected", '  subnet_id = "/subscriptions/s/resourceGroups/rg/providers/'
             'Microsoft.Network/virtualNetworks/v/subnets/redis"\n')
    + _cache("endpoint", "  public_network_access_enabled = false\n")
    + 'resource "azurerm_private_endpoint" "pe" {\n  name = "pe"\n'
    '  location = "southeastasia"\n  resource_group_name = "rg"\n  subnet_id = "x"\n'
    '  private_service_connection {\n    name = "c"\n    is_manual_connection = false\n'
    "    private_connection_resource_id = azurerm_redis_cache.endpoint.id\n"
    '    subresource_names = ["redisCache"]\n  }\n}\n'
    + 'resource "azapi_resource" "cache" {\n'
    '  type = "Microsoft.Cache/redis@2023-08-01"\n  name = "cache"\n'
    '  parent_id = "/subscriptions/s/resourceGroups/rg"\n  location = "southeastasia"\n'
    '  body = {\n    properties = {\n'
    '      sku = { name = "Standard", family = "C", capacity = 1 }\n    }\n  }\n}\n'
)

NOT_SEGMENTED = "the data tier is not segmented from the web tier: it admits"


def _graph_004(tmp_path: Path, text: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_caches_admit_what_their_firewall_admits(tmp_path: Path) -> None:
    assert _graph_004(tmp_path, CACHES) == {
        # no firewall rule: every address, on the TLS port only (the non-TLS port is off by
        # default)
        "azurerm_redis_cache.open": (Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 6380"),
        "azurerm_redis_cache.plain": (
            Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 6379,6380"
        ),
        "azurerm_redis_cache.everyone": (
            Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 6380"
        ),
        # a rule admits only its range: a public range of no scanned subnet
        "azurerm_redis_cache.office": (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: office allows 203.0.113.0/24 "
            "(no scanned subnet)",
        ),
        "azurerm_redis_cache.closed": (
            Status.PASS,
            "the data tier admits no address: public network access is off and no private "
            "endpoint in the scan names it",
        ),
        "azurerm_redis_cache.injected": (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: the addresses admitted by "
            "azurerm_redis_cache.injected subnet_id are not known",
        ),
        "azurerm_redis_cache.endpoint": (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: the addresses admitted by "
            "azurerm_private_endpoint.pe are not known",
        ),
        # AzAPI Microsoft.Cache/redis is read as azurerm_redis_cache
        "azapi_resource.cache": (Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 6380"),
    }


def test_rules_beyond_the_scan_may_narrow_a_cache_with_none(tmp_path: Path) -> None:
    # a module that was not read may declare a firewall rule of the cache: "every address"
    # is then not certain (it would have been a wrong FAIL); a rule admitting every address
    # stays a FAIL
    found = _graph_004(
        tmp_path,
        CACHES + 'module "rules" {\n  source  = "example/rules/azurerm"\n  version = "1.0.0"\n}\n',
    )
    assert found["azurerm_redis_cache.open"] == (
        Status.UNKNOWN,
        "cannot tell which addresses it admits: no firewall rule of the cache is in the scan, "
        "so it admits every address unless rules declared in what was not scanned narrow it",
    )
    assert found["azurerm_redis_cache.everyone"] == (
        Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 6380"
    )
    assert found["azurerm_redis_cache.closed"] == (
        Status.UNKNOWN,
        "cannot tell which addresses it admits: firewall rules and private endpoints of the "
        "cache may be declared in what was not scanned (module.rules (example/rules/azurerm): "
        "remote source: not downloaded)",
    )
