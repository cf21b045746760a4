"""Where the input giving a firewall rule's reach is written: the arguments of a rule (its
sources, ports or protocol) set from a variable or local point at that value's line
(``IngressRule.set_at``; a GDCC-NET-001 FAIL says ``value set at``)."""

from __future__ import annotations

from collections.abc import Iterable

from gdcc_audit.load.terraform.origins import value_at
from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.value_origin import join_places, line_order
from gdcc_audit.normalize.terraform.heredoc_lines import place_in_heredoc

#: Arguments of a rule that give its sources, ports or protocol (AWS security group rules
#: and inline blocks, AWS network ACL entries, Azure network security rules, OpenStack /
#: Huawei Cloud / Alibaba Cloud security group rules).
RULE_VALUES = frozenset({
    "cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "source_security_group_id", "self",
    "security_groups", "from_port", "to_port", "protocol", "cidr_ipv4", "cidr_ipv6",
    "prefix_list_id", "referenced_security_group_id", "ip_protocol", "source_address_prefix",
    "source_address_prefixes", "destination_port_range", "destination_port_ranges", "access",
    "remote_ip_prefix", "port_range_min", "port_range_max", "ports", "cidr_ip", "port_range",
    # network ACL entries (``aws_network_acl_rule``, inline ``ingress`` of ``aws_network_acl``)
    "cidr_block", "ipv6_cidr_block", "rule_number", "rule_no", "rule_action", "action",
    # Google Cloud firewall rules (their ``allow`` blocks' ``ports`` / ``protocol`` above)
    "source_ranges",
})


#: The arguments of :data:`RULE_VALUES` that give a rule's sources as addresses.
SOURCE_VALUES = frozenset({
    "cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6", "source_address_prefix",
    "source_address_prefixes", "remote_ip_prefix", "cidr_ip", "cidr_block", "ipv6_cidr_block",
    "source_ranges",
})
#: How the whole internet is written in a source.
OPEN_CIDRS = ("0.0.0.0/0", "::/0")


def _origins(resource: TfResource) -> Iterable[tuple[str, str]]:
    return [*resource.origins.items(), *resource.chosen_by.items()]


def rule_set_at(resource: TfResource, prefix: str = "") -> str | None:
    """Where the inputs giving the rule written at ``prefix`` of ``resource`` (``""``: the
    resource is the rule; ``ingress.0.``: its first inline block) are written, joined; None
    when none is set from an input (nor for a value that is empty: no source). Values
    written inside the list or map entry the rule
    comes from (``TfResource.entries``: its element of a ``dynamic`` block's or the
    resource's ``for_each`` / ``count`` input) point at that entry's line, once."""
    entry = resource.entries.get(prefix[:-1] if prefix else "")
    places = [
        _in_entry(origin, entry) for path, origin in _origins(resource)
        if path.startswith(prefix) and path[len(prefix):].split(".", 1)[0] in RULE_VALUES
        # an empty list or null adds no source (``ipv6_cidr_blocks = []`` left to its default)
        and value_at(resource.values, path) not in ([], None, "")
    ]
    places += _heredoc_sources(resource, prefix)
    # in the order the lines are written
    return join_places(sorted(set(places), key=lambda p: (line_order(p), p))) or None


def _open(text: str) -> bool:
    return any(cidr in text for cidr in OPEN_CIDRS)


def _heredoc_sources(resource: TfResource, prefix: str) -> list[str]:
    """The line of the open CIDR of each source argument of the rule at ``prefix`` that
    opens it to the internet and is written in a heredoc of the block (``cidr_blocks =
    jsondecode(<<EOT ...)``), else the heredoc's first line (``heredoc_lines``); none for a
    source given by an input (its origin)."""
    found: list[str] = []
    for path in resource.attribute_lines:
        if not path.startswith(prefix) or path in resource.origins:
            continue
        name = path[len(prefix):]
        if name not in SOURCE_VALUES:
            continue
        value = value_at(resource.values, path)
        listed = value if isinstance(value, list) else [value]
        if not any(isinstance(v, str) and _open(v) for v in listed):
            continue  # only an open source is worth its line (and the file is not read)
        place = place_in_heredoc(resource, path, _open)
        if place is not None:
            found.append(place)
    return found


def _in_entry(place: str, entry: tuple[str, str, int, int] | None) -> str:
    """``entry``'s place when ``place`` (its last ``file:line``) lies within that entry's
    lines, else ``place``."""
    if entry is None:
        return place
    found = line_order(place)
    at, file, first, last = entry
    inside = bool(found) and found[-1][0] == file and first <= found[-1][1] <= last
    return at if inside else place


def inline_set_at(resource: TfResource, block: str, count: int) -> list[str | None]:
    """:func:`rule_set_at` of each of the ``count`` evaluated ``block`` blocks (``ingress``)
    of ``resource``; all None unless each is a written block (a ``dynamic`` one adds blocks
    the written ones' positions do not tell apart)."""
    written = {
        int(parts[1])
        for path in [*resource.attribute_lines, *(p for p, _ in _origins(resource))]
        if len(parts := path.split(".", 2)) == 3 and parts[0] == block and parts[1].isdigit()
    }
    if written != set(range(count)):
        return [None] * count
    return [rule_set_at(resource, f"{block}.{index}.") for index in range(count)]
