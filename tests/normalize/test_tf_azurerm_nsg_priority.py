"""Azure NSG rules are evaluated in priority order, first match wins: a deny of a lower
priority number shadows an allow where it covers all of the allow's sources (inline
``security_rule`` blocks and ``azurerm_network_security_rule`` resources together); a deny
covering part of the sources or ports leaves the rest open; a deny that cannot be judged
shadows nothing. A rule whose NSG is outside the scan: an allow at priority 100 comes first,
one of a higher number may be shadowed by a deny the input does not show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tfhelpers import map_all, res

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.settings import Settings


def _rule(name: str, priority: int | str, access: str, port: str, source: str,
          proto: str = "Tcp") -> str:
    return f"""
  security_rule {{
    name                       = "{name}"
    priority                   = {priority}
    direction                  = "Inbound"
    access                     = "{access}"
    protocol                   = "{proto}"
    source_port_range          = "*"
    destination_port_range     = "{port}"
    source_address_prefix      = "{source}"
    destination_address_prefix = "*"
  }}"""


def _nsg(name: str, *rules: str) -> str:
    return (
        f'resource "azurerm_network_security_group" "{name}" {{\n'
        f'  name                = "{name}"\n'
        '  location            = "southeastasia"\n'
        '  resource_group_name = "rg"'
        + "".join(rules)
        + "\n}\n"
    )


def _separate(name: str, group: str, priority: int, access: str, port: str, source: str) -> str:
    return f"""
resource "azurerm_network_security_rule" "{name}" {{
  name                        = "{name}"
  priority                    = {priority}
  direction                   = "Inbound"
  access                      = "{access}"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "{port}"
  source_address_prefix       = "{source}"
  destination_address_prefix  = "*"
  resource_group_name         = "rg"
  network_security_group_name = {group}
}}
"""


MAIN = "\n".join(
    [
        'variable "deny_priority" {}',
        # a deny for SSH from the internet before the allow: closed (was FAIL)
        _nsg("shadowed", _rule("deny-ssh", 100, "Deny", "22", "Internet"),
             _rule("allow-ssh", 200, "Allow", "22", "Internet")),
        # the deny comes after the allow: the allow decides
        _nsg("deny_after", _rule("allow-ssh", 100, "Allow", "22", "Internet"),
             _rule("deny-ssh", 200, "Deny", "22", "*")),
        # the deny covers part of the sources only: still open to the internet
        _nsg("part_source", _rule("deny-private", 100, "Deny", "22", "10.0.0.0/8"),
             _rule("allow-ssh", 200, "Allow", "22", "0.0.0.0/0")),
        # the deny covers 22 only: 3389 stays open
        _nsg("part_ports", _rule("deny-ssh", 100, "Deny", "22", "*"),
             _rule("allow-admin", 200, "Allow", "20-3389", "Internet")),
        # two denies together cover every IPv4 address
        _nsg("two_halves", _rule("deny-low", 100, "Deny", "22", "0.0.0.0/1"),
             _rule("deny-high", 110, "Deny", "22", "128.0.0.0/1"),
             _rule("allow-ssh", 200, "Allow", "22", "0.0.0.0/0")),
        # a UDP deny does not close TCP
        _nsg("udp_deny", _rule("deny-udp", 100, "Deny", "22", "*", "Udp"),
             _rule("allow-ssh", 200, "Allow", "22", "Internet")),
        # a deny whose priority is not known shadows nothing
        _nsg("unknown_priority", _rule("deny-ssh", "var.deny_priority", "Deny", "22", "*"),
             _rule("allow-ssh", 200, "Allow", "22", "Internet")),
        # a separate deny resource shadows an inline allow
        _nsg("with_resource", _rule("allow-ssh", 300, "Allow", "22", "Internet")),
        _separate("deny_ssh", "azurerm_network_security_group.with_resource.name", 100,
                  "Deny", "22", "Internet"),
        # a separate allow resource behind an inline deny of every address
        _nsg("inline_deny", _rule("deny-all", 4000, "Deny", "*", "*")),
        _separate("late_allow", "azurerm_network_security_group.inline_deny.name", 4001,
                  "Allow", "3389", "Internet"),
        # rules of a group that is not in the scan
        _separate("first_alone", '"elsewhere"', 100, "Allow", "22", "Internet"),
        _separate("later_alone", '"elsewhere"', 200, "Allow", "22", "Internet"),
        _separate("private_alone", '"elsewhere"', 200, "Allow", "22", "10.0.0.0/8"),
    ]
)


def _run(tmp_path: Path) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    return {f.address or "": f for f in result.findings}


def test_priority_order_decides(tmp_path: Path) -> None:
    found = _run(tmp_path)
    assert {a: f.status for a, f in found.items()} == {
        "azurerm_network_security_group.shadowed": Status.PASS,
        "azurerm_network_security_group.deny_after": Status.FAIL,
        "azurerm_network_security_group.part_source": Status.FAIL,
        "azurerm_network_security_group.part_ports": Status.FAIL,
        "azurerm_network_security_group.two_halves": Status.PASS,
        "azurerm_network_security_group.udp_deny": Status.FAIL,
        "azurerm_network_security_group.unknown_priority": Status.FAIL,
        "azurerm_network_security_group.with_resource": Status.PASS,
        "azurerm_network_security_group.inline_deny": Status.PASS,
        "azurerm_network_security_rule.first_alone": Status.FAIL,
        "azurerm_network_security_rule.later_alone": Status.UNKNOWN,
        "azurerm_network_security_rule.private_alone": Status.PASS,
    }
    part = found["azurerm_network_security_group.part_ports"]
    # every management port of 20-3389 but 22
    assert part.evidence["ports"] == [23, 1433, 1521, 3306, 3389]
    assert part.message.en == (
        "ports 23, 1433, 1521, 3306, 3389 are open to the whole internet (0.0.0.0/0)"
    )
    assert found["azurerm_network_security_group.part_source"].evidence["ports"] == [22]
    assert found["azurerm_network_security_group.deny_after"].evidence["ports"] == [22]
    assert found["azurerm_network_security_group.udp_deny"].evidence["ports"] == [22]
    assert found["azurerm_network_security_group.unknown_priority"].evidence["ports"] == [22]
    later = found["azurerm_network_security_rule.later_alone"]
    assert later.message.en == "cannot tell whether port 22 is open to the internet"
    assert later.evidence["undetermined_ports"] == [22]


def _all_facets(*rules: dict[str, Any]) -> tuple[IngressRule, ...] | None:
    nsg = res("azurerm_network_security_group.n", {"security_rule": list(rules)})
    return map_all(nsg)["azurerm_network_security_group.n"].facets.ingress


def _facets(*rules: dict[str, Any]) -> tuple[IngressRule, ...] | None:
    """The group's ingress without its default AllowVnetInBound rule."""
    found = _all_facets(*rules)
    assert found is not None
    return tuple(r for r in found if r.declared_by != "AllowVnetInBound")


def test_the_default_vnet_rule_is_evaluated_after_the_custom_rules() -> None:
    default = IngressRule(
        protocol="all", from_port=0, to_port=65535, sources=("VirtualNetwork",),
        declared_by="AllowVnetInBound",
    )
    assert _all_facets() == (default,)
    assert _all_facets(_item(200, "Allow", "443", "Internet", "Tcp")) == (
        IngressRule(protocol="tcp", from_port=443, to_port=443, sources=("0.0.0.0/0",)),
        default,
    )
    # a custom deny for every address shadows it, as it shadows any allow after it
    assert _all_facets(_item(4096, "Deny", "*", "*")) == ()
    # a deny of the tag on one port leaves the rest
    assert _all_facets(_item(4000, "Deny", "22", "VirtualNetwork", "Tcp")) == (
        IngressRule(protocol="tcp", from_port=0, to_port=21, sources=("VirtualNetwork",),
                    declared_by="AllowVnetInBound"),
        IngressRule(protocol="tcp", from_port=23, to_port=65535, sources=("VirtualNetwork",),
                    declared_by="AllowVnetInBound"),
        IngressRule(protocol="udp", from_port=0, to_port=65535, sources=("VirtualNetwork",),
                    declared_by="AllowVnetInBound"),
        IngressRule(protocol="icmp", from_port=0, to_port=65535, sources=("VirtualNetwork",),
                    declared_by="AllowVnetInBound"),
    )


def _item(priority: int, access: str, port: str, source: str, proto: str = "*") -> dict[str, Any]:
    return {
        "priority": priority,
        "direction": "Inbound",
        "access": access,
        "protocol": proto,
        "destination_port_range": port,
        "source_address_prefix": source,
    }


def test_internet_deny_leaves_an_allow_for_everyone_to_the_virtual_network() -> None:
    # Deny Internet on 22, then allow every address on every port: 22 stays open only to
    # the addresses outside the internet; the other ports to everyone
    internet = ("0.0.0.0/0",)
    assert _facets(_item(100, "Deny", "22", "Internet"), _item(200, "Allow", "*", "*")) == (
        IngressRule(protocol="tcp", from_port=0, to_port=21, sources=internet),
        IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("VirtualNetwork",)),
        IngressRule(protocol="tcp", from_port=23, to_port=65535, sources=internet),
        IngressRule(protocol="udp", from_port=0, to_port=21, sources=internet),
        IngressRule(protocol="udp", from_port=22, to_port=22, sources=("VirtualNetwork",)),
        IngressRule(protocol="udp", from_port=23, to_port=65535, sources=internet),
        IngressRule(protocol="icmp", from_port=0, to_port=65535, sources=internet),
    )


def test_internet_deny_leaves_the_private_part_of_a_range() -> None:
    assert _facets(
        _item(100, "Deny", "22", "Internet", "Tcp"),
        _item(200, "Allow", "22", "10.0.0.0/7", "Tcp"),
    ) == (IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("10.0.0.0/8",)),)


def test_tag_denied_by_the_same_tag_and_unjudged_denies() -> None:
    assert _facets(
        _item(100, "Deny", "*", "VirtualNetwork", "Tcp"),
        _item(200, "Allow", "1433", "virtualnetwork", "Tcp"),
    ) == ()
    # a deny with a port list the field does not take is not known: it shadows nothing
    assert _facets(
        _item(100, "Deny", "22, 23", "*", "Tcp"),
        _item(200, "Allow", "22", "Internet", "Tcp"),
    ) == (IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",)),)


def test_rules_without_denies_are_read_as_before() -> None:
    assert _facets(_item(100, "Allow", "443", "Internet")) == (
        IngressRule(protocol="tcp", from_port=443, to_port=443, sources=("0.0.0.0/0",)),
        IngressRule(protocol="udp", from_port=443, to_port=443, sources=("0.0.0.0/0",)),
    )
