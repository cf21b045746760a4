"""Helpers shared by the provider modules: tags, regions, inbound rules, TLS versions, policies."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.aws_managed_policies import managed_arn, managed_policy_document
from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import IngressRule, PolicyStatement
from gdcc_audit.normalize.terraform.context import TfContext, may_be_beyond
from gdcc_audit.normalize.terraform.policy import (
    UNREADABLE,
    PolicyGrant,
    analyse_document,
    analyse_policy_text,
    policy_statements,
    policy_value,
)

#: Which attribute carries tags or labels, per provider.
TAG_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "alicloud": ("tags",),
    "aws": ("tags", "tags_all"),
    "azurerm": ("tags",),
    "google": ("labels", "user_labels", "resource_labels"),
    "huaweicloud": ("tags",),
    "openstack": ("tags",),
}

_PROTOCOLS = {
    "-1": "all",
    "all": "all",
    "*": "all",
    "any": "all",
    "6": "tcp",
    "17": "udp",
    "1": "icmp",
    "58": "icmpv6",
    "icmp-v6": "icmpv6",
    "ipv6-icmp": "icmpv6",
}


def provider_name(resource: TfResource) -> str:
    """``aws`` for ``aws``, ``aws.eu`` or ``registry.terraform.io/hashicorp/aws``."""
    name = resource.provider.rsplit("/", 1)[-1].split(".", 1)[0]
    return name or resource.type.split("_", 1)[0]


def tags_of(resource: TfResource) -> dict[str, str]:
    """Literal tags or labels of a resource (UNKNOWN values and whole UNKNOWN maps dropped).

    OpenStack's list of ``key=value`` strings is read as a map too.
    """
    out: dict[str, str] = {}
    for attribute in TAG_ATTRIBUTES.get(provider_name(resource), ("tags",)):
        value = resource.values.get(attribute)
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str | int | float | bool) and key not in out:
                    out[str(key)] = str(item).lower() if isinstance(item, bool) else str(item)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    key, _, val = item.partition("=")
                    out.setdefault(key, val)
    return out


def _normal_region(provider: str, value: str) -> str:
    if provider == "azurerm":
        return value.replace(" ", "").lower()
    if provider == "google" and re.fullmatch(r"[a-z]+-[a-z]+\d+-[a-z]", value):
        return value.rsplit("-", 1)[0]  # a zone such as asia-southeast1-b
    return value


def region_of(resource: TfResource, context: TfContext) -> str | None:
    """The region a resource lives in: its own attribute (``region``, ``location``, ``zone``),
    else the provider configuration when the loader exposes it, else ``None``."""
    for attribute in ("region", "location", "zone", "availability_zone"):
        value = resource.values.get(attribute)
        if value is UNKNOWN:
            return None
        if isinstance(value, str) and value:
            provider = provider_name(resource)
            if attribute == "availability_zone" and provider == "aws":
                return value[:-1] if value[-1:].isalpha() else value
            if attribute == "availability_zone" and provider != "huaweicloud":
                continue
            if attribute == "availability_zone":
                # Huawei Cloud zones are the region and a letter: ap-southeast-2a (Bangkok);
                # a GaussDB instance lists several, comma-separated
                regions = {re.sub(r"(?<=\d)-?[a-z]$", "", z.strip()) for z in value.split(",")}
                return regions.pop() if len(regions) == 1 else None
            return _normal_region(provider, value)
    return provider_region(resource, context)


def provider_region(resource: TfResource, context: TfContext) -> str | None:
    """The region of the resource's provider configuration, if the loader exposes one.

    The document carries ``providers`` (``{"aws": {...}, "aws.west": {...}}``); a resource
    names its configuration in ``provider_config`` (``aws`` or ``aws.west``).
    """
    providers = getattr(context.document, "providers", None)
    if not isinstance(providers, Mapping):
        return None
    name = provider_name(resource)
    key = getattr(resource, "provider_config", "") or resource.provider.rsplit("/", 1)[-1]
    # An aliased configuration the scan does not declare (``provider = aws.west`` and no
    # such block: Terraform refuses it in a root; a module's ``configuration_aliases`` come
    # from its caller): its Region is not known, never the default configuration's (a plan
    # or state keys its configurations its own way: there the default is still read).
    config = providers.get(key)
    if config is None and (key == name or getattr(context.document, "source", "hcl") != "hcl"):
        config = providers.get(name)
    if isinstance(config, list):
        config = config[0] if config else None
    if not isinstance(config, Mapping):
        return None
    value = config.get("region", config.get("location"))
    if isinstance(value, str) and value:
        return _normal_region(name, value)
    return None


def protocol(value: Any) -> str | None:
    """A canonical protocol name (``tcp``, ``udp``, ``icmp``, ``all``); ``None`` if UNKNOWN."""
    if value is None:
        return "all"
    if value is UNKNOWN:
        return None
    text = str(value).strip().lower()
    return _PROTOCOLS.get(text, text)


def port(value: Any) -> int | None:
    """A port number (:func:`~gdcc_audit.models.ports.port_number`); ``None`` when UNKNOWN
    or not a port."""
    return port_number(value)


def port_range(text: Any) -> tuple[int | None, int | None]:
    """``"22"``, ``"1000-2000"`` or ``"*"`` to (from, to); ``(None, None)`` when UNKNOWN or
    not one port or range (``"3388-3390, 23000"``: a list the field does not take is not read
    as its first port, which would hide 3389)."""
    if text is UNKNOWN or text is None:
        return (None, None)
    value = str(text).strip()
    if value in {"*", "", "any", "all"}:
        return (0, 65535)
    low, sep, high = value.partition("-")
    start = port(low)
    end = port(high) if sep else start
    if start is None or end is None or end < start:
        return (None, None)
    return (start, end)


def sources(*lists: Any) -> tuple[str, ...] | None:
    """Merge source lists (CIDRs, tags, group ids); ``None`` when any list or item is UNKNOWN."""
    out: list[str] = []
    for value in lists:
        if value is None:
            continue
        if value is UNKNOWN:
            return None
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if item is UNKNOWN:
                return None
            if isinstance(item, str) and item:
                out.append(item)
    return tuple(out)


def with_written_sources(found: IngressRule, *lists: Any) -> tuple[IngressRule, ...]:
    """``found``, and when its sources are not known because some item of ``lists`` is
    UNKNOWN (``cidr_blocks = ["0.0.0.0/0", data.aws_vpc.x.cidr_block]``), the same rule again
    with the items that are written: a written ``0.0.0.0/0`` opens the port whatever a value
    looked up beside it is (was UNKNOWN as a whole). The rule of unknown sources stays."""
    if found.sources is not None:
        return (found,)
    written = written_sources(*lists)
    if not written:
        return (found,)
    return (found, found.model_copy(update={"sources": written}))


def written_sources(*lists: Any) -> tuple[str, ...]:
    """The sources of ``lists`` that are written (known text), leaving out UNKNOWN ones."""
    written: list[str] = []
    for value in lists:
        items = value if isinstance(value, list | tuple) else [value]
        written.extend(item for item in items if isinstance(item, str) and item)
    return tuple(written)


def group_sources(value: Any, prefix: str = "sg") -> tuple[str, ...] | None:
    """Sources that can only be security groups (``security_groups``,
    ``source_security_group_id``): an UNKNOWN id is still a group, never the internet, so it
    becomes ``sg:unknown`` instead of making the whole source list unknown."""
    if value is None:
        return ()
    if value is UNKNOWN:
        return (f"{prefix}:unknown",)
    items = value if isinstance(value, list | tuple) else [value]
    return tuple(f"{prefix}:unknown" if item is UNKNOWN else str(item) for item in items)


def rule(
    proto: str | None,
    start: int | None,
    end: int | None,
    origins: tuple[str, ...] | None,
) -> IngressRule:
    """An IngressRule; an unknown protocol is kept as ``unknown`` so it covers no port surely."""
    if proto == "all":
        return IngressRule(protocol="all", from_port=0, to_port=65535, sources=origins)
    return IngressRule(
        protocol=proto or "unknown",
        from_port=start,
        to_port=end if end is not None else start,
        sources=origins,
    )


_TLS = re.compile(r"(?i)tls[-_ ]?v?(1)[-_.]?([0-3])")


def tls_version(value: Any) -> str | None:
    """``TLS1_2``, ``TLSv1.2_2021``, ``tls-1-2``, ``1.2`` to ``"1.2"``; ``None`` if unreadable."""
    if value is None or value is UNKNOWN:
        return None
    text = str(value).strip()
    if re.fullmatch(r"1\.[0-3]", text):
        return text
    if re.fullmatch(r"(?i)tls[-_ ]?v?1(_\d{4})?", text):
        return "1.0"  # "TLSv1", "TLSv1_2016": TLS 1.0
    match = _TLS.search(text)
    if match:
        return f"{match.group(1)}.{match.group(2)}"
    if text.upper() in {"SSLV3", "SSLV3.0"}:
        return "0.3"
    return None


def minimum_tls(values: Iterable[Any]) -> str | None:
    """The lowest TLS version of a list (``["TLSv1.2", "TLSv1.3"]`` gives ``"1.2"``)."""
    versions = [tls_version(v) for v in values]
    if not versions or any(v is None for v in versions):
        return None
    return min(v for v in versions if v is not None)


def _looked_up_managed(
    resource: TfResource, context: TfContext, attribute: str
) -> dict[str, object] | None:
    """The document of the AWS managed policy ``attribute`` is read from, when it is only
    the ``policy`` of a ``data "aws_iam_policy"`` whose ``arn`` names one listed in
    ``models.aws_managed_policies`` (the partition may be computed at apply time:
    ``arn:${data.aws_partition.current.partition}:iam::aws:policy/...``)."""
    targets = {r.target for r in resource.references if r.attribute.split(".", 1)[0] == attribute}
    if len(targets) != 1:
        return None
    source = context.by_address.get(next(iter(targets)))
    if source is None or source.type != "aws_iam_policy" or source.mode != "data":
        return None
    arn = managed_arns(source, "arn")
    named = managed_arn(arn) if isinstance(arn, str) else None
    return managed_policy_document(named) if named is not None else None


def managed_arns(resource: TfResource, attribute: str) -> Any:
    """The ARN (or list of ARNs) ``attribute`` holds, with each AWS managed policy ARN whose
    partition is computed at apply time
    (``arn:${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess``) read as
    the ``arn:aws:`` ARN of that policy, the same in every partition (its ``TEXT_PARTIALS``
    rendering); any other value not known stays UNKNOWN."""
    value = resource.values.get(attribute)
    unknown = value is UNKNOWN or (
        isinstance(value, list) and any(item is UNKNOWN for item in value)
    )
    if not unknown or attribute not in resource.partial:
        return value
    rendered = json.loads(resource.partial[attribute])
    if isinstance(rendered, str):
        return _managed_or_unknown(rendered)
    if isinstance(rendered, list):
        return [_managed_or_unknown(text) for text in rendered]
    return value


def _managed_or_unknown(text: str) -> Any:
    if UNKNOWN_TEXT not in text:
        return text
    named = managed_arn(text)
    return UNKNOWN if named is None else named


def policy_grant(resource: TfResource, context: TfContext, attribute: str) -> PolicyGrant:
    """Grants of the policy in ``attribute``: literal JSON, the ``aws_iam_policy_document``
    data source it references, or the AWS managed policy a ``data "aws_iam_policy"`` looks
    up."""
    value = policy_value(resource, attribute)
    if value is not UNKNOWN:
        return analyse_policy_text(value) if value is not None else PolicyGrant(False, False)
    managed = _looked_up_managed(resource, context, attribute)
    if managed is not None:
        return analyse_policy_text(managed)
    documents = _documents(resource, context, attribute)
    if not documents or may_be_beyond(resource, attribute):
        # none, or an input a value not known may choose instead (``coalesce(var.policy,
        # data.aws_iam_policy_document.d.json)``)
        return UNREADABLE
    # one of several documents a condition chooses: what they all say, else not known
    grants = [analyse_document(document.values) for document in documents]
    admin = {g.admin_privileges for g in grants}
    wildcard = {g.wildcard_permissions for g in grants}
    return PolicyGrant(
        admin.pop() if len(admin) == 1 else None,
        wildcard.pop() if len(wildcard) == 1 else None,
    )


def _documents(resource: TfResource, context: TfContext, attribute: str) -> list[TfResource]:
    """The ``aws_iam_policy_document`` data sources ``attribute`` refers to, in order."""
    found: list[TfResource] = []
    for ref in resource.references:
        if ref.attribute.split(".", 1)[0] != attribute:
            continue
        target = ref.target.removesuffix(".json")
        document = context.by_address.get(target)
        if document is None and resource.module:
            document = context.by_address.get(f"{resource.module}.{target}")
        if (
            document is not None
            and document.type == "aws_iam_policy_document"
            and document not in found
        ):
            found.append(document)
    return found


def policy_permissions(
    resource: TfResource, context: TfContext, attribute: str
) -> tuple[PolicyStatement, ...] | None:
    """The Allow statements of the policy in ``attribute``. An ARN computed at apply time
    becomes ``ref:<address>`` when it can only be the resource the statement refers to (per
    statement for an ``aws_iam_policy_document``, the one resource of a ``jsonencode``)."""
    value = policy_value(resource, attribute)
    if value is UNKNOWN:
        looked_up = _looked_up_managed(resource, context, attribute)
        if looked_up is not None:
            return policy_statements(looked_up)
    targets = [
        r.target.removesuffix(".json") for r in resource.references
        if r.attribute.split(".", 1)[0] == attribute
    ]
    documents = _documents(resource, context, attribute)
    if len(documents) > 1 or (documents and may_be_beyond(resource, attribute)):
        return None  # one of several, chosen by a value not known: not read
    for document in documents:
        merged = (document.values.get(k) for k in ("source_policy_documents",
                                                   "override_policy_documents"))
        if any(v is UNKNOWN or v for v in merged):  # (a list not known may merge some)
            return policy_statements(value)  # statement order differs from the blocks'
        return policy_statements(value, _statement_refs(document))
    managed = [t for t in targets if not t.startswith("data.")]
    return policy_statements(value, (lambda i: managed) if len(set(managed)) == 1 else None)


def _statement_refs(document: TfResource) -> Callable[[int], list[str]]:
    """The addresses each statement's ``resources`` of a policy document refer to."""

    def refs(index: int) -> list[str]:
        prefix = f"statement.{index}.resources"
        return [r.target for r in document.references if r.attribute.startswith(prefix)]

    return refs


#: AWS managed policies that grant everything (or nearly).
ADMIN_POLICY_ARNS = frozenset(
    {
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/IAMFullAccess",
    }
)
