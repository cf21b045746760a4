"""Lightsail instance firewalls (Terraform ``aws_lightsail_instance`` with
``aws_lightsail_instance_public_ports``; CloudFormation ``AWS::Lightsail::Instance``
``Networking.Ports``), read as the instance's inbound rules (GDCC-NET-001, the graph).

"When you create a new instance, its firewall is preconfigured with the following set of
default rules": SSH (TCP 22) and HTTP (TCP 80) from all IP addresses for every blueprint,
more for some (Lightsail user guide, "Instance firewalls in Amazon Lightsail", "Default
Lightsail firewall rules"). An instance whose ports the scan does not write keeps them: SSH is
open to the internet. ``aws_lightsail_instance_public_ports`` "opens ports for a specific
Amazon Lightsail instance, and specifies the IP addresses allowed to connect", replacing the
rules; CloudFormation ``Networking.Ports`` likewise. A port entry without any address list is
not known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import IngressRule

#: Who declares the default rules (named in a finding: "opened by ...").
DEFAULT_FIREWALL = "the Lightsail default firewall"
#: The default rules every blueprint gets (SSH and HTTP from all IP addresses).
DEFAULT_RULES = tuple(
    IngressRule(protocol="tcp", from_port=port, to_port=port, sources=("0.0.0.0/0",),
                declared_by=DEFAULT_FIREWALL)
    for port in (22, 80)
)


def port_rule(entry: Any, keys: Sequence[str]) -> IngressRule | None:
    """One port entry (``port_info`` block / ``Ports`` item); ``keys``: the names of
    protocol, from port, to port, IPv4 and IPv6 address lists. None when not readable."""
    if not isinstance(entry, Mapping):
        return None
    proto_key, from_key, to_key, v4_key, v6_key = keys
    protocol = entry.get(proto_key)
    proto = protocol.strip().lower() if isinstance(protocol, str) else "unknown"
    sources: list[str] | None = []
    for key in (v4_key, v6_key):
        listed = entry.get(key)
        if listed is None:
            continue
        if not isinstance(listed, list) or not all(isinstance(c, str) for c in listed):
            sources = None
            break
        if sources is not None:
            sources.extend(listed)
    if sources == []:
        sources = None
    if proto == "all":
        return IngressRule(protocol="all", from_port=0, to_port=65535,
                           sources=None if sources is None else tuple(sources))
    return IngressRule(
        protocol=proto,
        from_port=port_number(entry.get(from_key)),
        to_port=port_number(entry.get(to_key)),
        sources=None if sources is None else tuple(sources),
    )


def port_rules(entries: Any, keys: Sequence[str]) -> tuple[IngressRule, ...] | None:
    """The rules of a list of port entries; None when the list or one entry is not known."""
    if not isinstance(entries, list):
        return None
    rules = [port_rule(entry, keys) for entry in entries]
    if any(rule is None for rule in rules):
        return None
    return tuple(rule for rule in rules if rule is not None)
