"""The Terraform mapper: ``TfDocument`` in, canonical resources out.

Two passes over a document. The first maps every managed resource whose type a provider
module knows to ``(kind, Facets)``, and collects *contributions* from companion resources
that only configure another one (``aws_s3_bucket_versioning`` → its bucket,
``aws_security_group_rule`` → its group). The second applies the contributions and builds the
resources. A companion whose target is not in the document is mapped on its own when its
provider module can (a security group rule becomes a one-rule group), else dropped.

Types no module knows are skipped; how many of each is written to
``Document.meta["unmapped_types"]`` (``{type: count}``), and companions whose target
was not found to ``Document.meta["terraform_unresolved_companions"]`` (list of addresses), so a
report can say what was not assessed.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.lazy import LazyModule
from gdcc_audit.load.interface import Document, LoadOptions
from gdcc_audit.load.lost import LOST_FACETS, LOST_KINDS, LostPart, note, terraform_base
from gdcc_audit.load.terraform.origins import value_at
from gdcc_audit.load.terraform.unread_inputs import INPUT_MODE, TFVARS_SUFFIXES
from gdcc_audit.load.terraform_model import (
    FORMAT,
    UNKNOWN,
    UNKNOWN_TEXT,
    TfDocument,
    TfReference,
    TfResource,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.resource import (
    ACCESS_POLICY_LINES,
    EXISTS_MAYBE,
    EXTERNAL_VERSIONS,
    GCE_DEFAULT_NETWORK,
    INGRESS_BLOCKS,
    INTEGRATION,
    INTEGRATION_MAYBE,
    IP_VERSIONS,
    LISTENER_MAYBE,
    NAMES_DEFAULT_GROUP,
    NODE_FIREWALL,
    NODE_FIREWALLS_KNOWN,
    PORT_GROUPS,
    REFERENCES_MAYBE,
    SECRET_HOLDER,
    VPC_FIREWALLS_KNOWN,
    DefaultedFacet,
    Facets,
    Reference,
    Resource,
    Variant,
)
from gdcc_audit.models.value_origin import join_places, line_order
from gdcc_audit.normalize import api_endpoint, cdn_origins, event_sources, lambda_vpc, lb_gates
from gdcc_audit.normalize.absent import absent_facets
from gdcc_audit.normalize.defaults import (
    DEFAULTS,
    SECRET_ORIGIN,
    apply_defaults,
    attribute_absent,
    deciding_attributes,
    deciding_together,
    deciding_when_changed,
    value_origins,
)
from gdcc_audit.normalize.ecs_network import ECS_CONTAINERS, ECS_NETWORK, HOSTS
from gdcc_audit.normalize.interface import MapContext, Mapper, canonical_id
from gdcc_audit.normalize.tags import read_tags
from gdcc_audit.normalize.terraform import (
    aks_pools,
    aws_compute,
    aws_containers,
    aws_emr,
    aws_identity,
    aws_network,
    aws_resource_policies,
    foreign,
    group_lists,
    registry,
    subnet_groups,
    uncertain,
)
from gdcc_audit.normalize.terraform.aws_storage import account_block
from gdcc_audit.normalize.terraform.common import provider_name, region_of, tags_of
from gdcc_audit.normalize.terraform.context import Contribution, Mapped, TfContext
from gdcc_audit.normalize.terraform.context_types import CONTEXT_TYPES
from gdcc_audit.normalize.terraform.either_key import key_either_way
from gdcc_audit.normalize.terraform.extras import (
    fill_facets,
    references_aws_managed_key,
    references_customer_key,
)
from gdcc_audit.normalize.terraform.heredoc_lines import secret_places
from gdcc_audit.normalize.terraform.key_inputs import key_input_unknown
from gdcc_audit.normalize.terraform.rule_origins import rule_set_at
from gdcc_audit.normalize.terraform.values import block, is_set, text
from gdcc_audit.normalize.terraform.written_secrets import duplicate_secrets, written_secrets
from gdcc_audit.normalize.unread import (
    READ_FOR_CONTEXT,
    UNMAPPED_TYPES,
    UNRESOLVED_COMPANIONS,
    note_context,
)
from gdcc_audit.normalize.versioned_defaults import (
    VERSIONED,
    VERSIONED_ATTRIBUTES,
    versioned_default,
)
from gdcc_audit.secrets.detect import detect_secrets, redact
from gdcc_audit.secrets.unread import unread_because

if TYPE_CHECKING:
    from gdcc_audit.normalize.terraform import (
        alicloud,
        azapi,
        azapi_children,
        azapi_subnets,
        azure_firewall,
        azure_grant_scope,
        azure_identity,
        azurerm,
        google,
        google_connectors,
        google_firewall_policies,
        google_firewalls,
        google_functions,
        google_held,
        google_identity,
        google_lb,
        google_members,
        huaweicloud,
        kubernetes,
        openstack,
    )
else:
    # A provider's modules are imported when a resource of it is first mapped (each use below
    # asks the type's prefix first): an AWS-only scan, the pre-commit hook's usual case,
    # imports no azurerm, AzAPI, Alibaba Cloud, Huawei Cloud, OpenStack, Kubernetes or Google
    # mapper module (``registry`` loads the type tables the same way; the shared mappers take
    # what they read of Google from the leaves ``google_refs``, ``google_iam_policy`` and
    # ``gke_nodes``).
    _LAZY = __name__.rpartition(".")[0]
    alicloud = LazyModule(f"{_LAZY}.alicloud", globals())
    azapi = LazyModule(f"{_LAZY}.azapi", globals())
    azapi_children = LazyModule(f"{_LAZY}.azapi_children", globals())
    azapi_subnets = LazyModule(f"{_LAZY}.azapi_subnets", globals())
    azure_firewall = LazyModule(f"{_LAZY}.azure_firewall", globals())
    azure_grant_scope = LazyModule(f"{_LAZY}.azure_grant_scope", globals())
    azure_identity = LazyModule(f"{_LAZY}.azure_identity", globals())
    azurerm = LazyModule(f"{_LAZY}.azurerm", globals())
    google = LazyModule(f"{_LAZY}.google", globals())
    google_connectors = LazyModule(f"{_LAZY}.google_connectors", globals())
    google_firewall_policies = LazyModule(f"{_LAZY}.google_firewall_policies", globals())
    google_firewalls = LazyModule(f"{_LAZY}.google_firewalls", globals())
    google_functions = LazyModule(f"{_LAZY}.google_functions", globals())
    google_held = LazyModule(f"{_LAZY}.google_held", globals())
    google_identity = LazyModule(f"{_LAZY}.google_identity", globals())
    google_lb = LazyModule(f"{_LAZY}.google_lb", globals())
    google_members = LazyModule(f"{_LAZY}.google_members", globals())
    huaweicloud = LazyModule(f"{_LAZY}.huaweicloud", globals())
    kubernetes = LazyModule(f"{_LAZY}.kubernetes", globals())
    openstack = LazyModule(f"{_LAZY}.openstack", globals())

#: Type prefixes of the Kubernetes and kubectl providers' resources.
_KUBERNETES = ("kubernetes_", "kubectl_")
#: Type prefixes of resources Azure's modules read (azurerm and AzAPI).
_AZURE = ("azurerm_", "azapi_")

_MAX_TEXT = 200
#: Arguments that place a resource in a network or name its security groups. Their values
#: (lists, references, blocks) are not kept as attributes; the graph must still tell "none
#: named" (AWS then uses the VPC's default security group, the default VPC) from "named,
#: not known" (``graph.defaults``): the written ones are listed in ``attributes["placement"]``.
PLACEMENT_KEYS = (
    "vpc_security_group_ids", "security_groups", "security_group_ids", "security_group_names",
    "cluster_security_groups", "network_interface", "subnet_id", "subnet_ids",
    "db_subnet_group_name", "neptune_subnet_group_name", "cluster_subnet_group_name",
    "subnet_group_name", "vpc_options", "vpc_id", "subnets", "subnet_mapping", "vpc_config",
    "network_configuration", "vpc_zone_identifier", "network_interfaces", "load_balancer_type",
    "launch_template",
)


@dataclass
class _Entry:
    resource: TfResource
    kind: str
    facets: Facets
    merged_from: list[str] = field(default_factory=list)
    #: Facets a companion decided: facet -> where the companion's deciding value is written
    #: (``acl = var.acl`` of an ``aws_s3_bucket_acl``), None when it is written in the
    #: companion itself (the resource's own origin no longer holds).
    origins: dict[str, str | None] = field(default_factory=dict)
    #: Facets a companion whose target is one of several would change (see ``uncertain``):
    #: facet -> why it is not known.
    uncertain: dict[str, Text] = field(default_factory=dict)
    #: Facets of the defaults table a companion wrote or changed: no provider default for
    #: them; the others keep theirs (a mount target does not write a file system's
    #: encryption: its FAIL lost "provider default").
    by_companion: set[str] = field(default_factory=set)
    #: The cases of ``TfResource.alternatives`` that give facets other than ``facets``
    #: (:func:`_in_every_case`), judged by the rules where the resource's own verdict is not
    #: known (``Resource.variants``, role "case").
    cases: list[_CaseFacets] = field(default_factory=list)
    #: ``facets`` as :func:`_in_every_case` gave them, before companions and defaults: a
    #: facet the cases differ on that these changed is not judged case by case.
    agreed: Facets | None = None


@dataclass(frozen=True)
class _CaseFacets:
    """One case of ``TfResource.alternatives`` as mapped: how it is read, its facets, and
    why its mapping decided or left unknown each (``TfContext.because`` / ``unknown``)."""

    label: Text
    facets: Facets
    because: dict[str, tuple[Any, Text]]
    unknown: dict[str, Text]
    #: ``Case.axes``: what the case takes (``Variant.axes``).
    axes: tuple[tuple[str, int], ...] = ()


#: :func:`deciding_attributes` of each companion type, asked once per type.
_COMPANION_DECIDING: dict[str, dict[str, str]] = {}


def _companion_origins(entry: _Entry, before: Facets, source: TfResource) -> None:
    """Record in ``entry.origins`` where ``source`` (a companion just applied) wrote the
    value of each facet it decides: a facet whose value it sets from a variable or local
    points at that value's line; one it changed with a value written in place, at that
    line of the companion (the finding is the resource's: the line to change is there);
    a facet several of its attributes decide together (``deciding_together``), at those
    that decided it."""
    deciding = _COMPANION_DECIDING.get(source.type)
    if deciding is None:
        deciding = _COMPANION_DECIDING[source.type] = deciding_attributes(source.type)
    for facet, attribute in deciding.items():
        origin = source.origins.get(attribute) or source.chosen_by.get(attribute)
        if origin is not None:
            entry.origins[facet] = origin
        elif getattr(entry.facets, facet, None) != getattr(before, facet, None):
            entry.origins[facet] = _written_at(source, attribute)
    for facet, attributes in deciding_together(source.type).items():
        value = getattr(entry.facets, facet, None)
        if value is None:
            continue
        places = [
            _origin_in(source, name) for name in attributes
            if value is True or value_at(source.values, name) is not True
        ]
        # in the order the lines are written, not the attributes' order
        found = join_places(
            sorted({p for p in places if p is not None}, key=lambda p: (line_order(p), p))
        )
        entry.origins[facet] = found or None
    for facet, attribute in deciding_when_changed(source.type).items():
        if getattr(entry.facets, facet, None) != getattr(before, facet, None):
            entry.origins[facet] = _origin_in(source, attribute)


def _origin_in(source: TfResource, attribute: str) -> str | None:
    """Where the value of ``attribute`` of ``source`` is written: the variable or local it
    is set from, or its own line; None when it is not written (the provider's default)."""
    return (
        source.origins.get(attribute) or source.chosen_by.get(attribute)
        or _written_at(source, attribute)
    )


def _written_at(source: TfResource, attribute: str) -> str | None:
    """``file:line`` of ``attribute`` written in ``source``'s block; None when it is not."""
    line = source.attribute_lines.get(attribute)
    return f"{source.file}:{line}" if line is not None else None


def id_name(resource: TfResource) -> str:
    """The address without its type: ``module.net.web[0]`` for
    ``module.net.aws_security_group.web[0]`` (unique within one root module). A secret of a
    ``.tfvars`` line that reaches no resource (``var.NAME``, ``unread_inputs``) is named
    with its file too: each file may set the same variable."""
    if resource.mode == INPUT_MODE and resource.file.endswith(TFVARS_SUFFIXES):
        return f"{os.path.basename(resource.file)}:{resource.address}"
    marker = f"{resource.type}."
    at = resource.address.rfind(marker)
    if at < 0:
        return resource.address
    return resource.address[:at] + resource.address[at + len(marker) :]


def root_scope(root: str, context: MapContext) -> str:
    """``examples/complete:`` for a root module below the scanned folder, ``""`` for the
    folder itself: two root modules of one scan never share resource ids."""
    if context.base is None:
        return ""
    relative = context.relative(root)
    return "" if relative == "." else relative.replace(os.sep, "/") + ":"


def _placement(values: Mapping[str, Any]) -> dict[str, list[str]]:
    """``{"placement": [...]}``: the ``PLACEMENT_KEYS`` written (a value, a reference or a
    value not known; null and empty lists are not written); empty when none is."""
    written = [k for k in PLACEMENT_KEYS if values.get(k) not in (None, [], {})]
    return {"placement": written} if written else {}


#: Lists of subnets a resource launches its instances into (kept in ``attributes`` with one
#: entry per written item, ``None`` for an item not known as text).
_SUBNET_LISTS = frozenset({"vpc_zone_identifier"})


#: Azure networks whose address range is a list: the key holding it.
_AZURE_RANGES = {"azurerm_subnet": "address_prefixes", "azurerm_virtual_network": "address_space"}


def _azure_range(kind: str, values: Mapping[str, Any]) -> dict[str, str]:
    """``{"address_prefix": range}`` for an Azure subnet or virtual network that writes one
    literal range (``address_prefixes`` / ``address_space`` of one item): the graph matches
    address sources to it. Several ranges are not kept (a source in another one of them is
    then matched to no network, uncertainly)."""
    key = _AZURE_RANGES.get(kind)
    written = values.get(key) if key is not None else None
    if isinstance(written, list) and len(written) == 1 and isinstance(written[0], str):
        return {"address_prefix": written[0]}
    return {}


def _subnet_lists(values: Mapping[str, Any]) -> dict[str, list[str | None]]:
    """How many subnets each subnet list writes (a reference or an input each): the graph
    takes a scaling group's placement as known only when each is a scanned subnet."""
    found: dict[str, list[str | None]] = {}
    for key in _SUBNET_LISTS.intersection(values):
        written = values[key]
        if written is not None:
            found[key] = [
                item if isinstance(item, str) else None
                for item in (written if isinstance(written, list) else [written])
            ]
    return found


def _node_firewalls(
    resource: TfResource,
    ctx: TfContext,
    attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """A GKE cluster refers to the VPC firewall rules of the scan that govern its nodes
    (``NODE_FIREWALL``) when those could all be told apart (then ``NODE_FIREWALLS_KNOWN``)."""
    governing = google_firewalls.node_firewalls(resource, ctx)
    if governing is None:
        return references
    if google_firewalls.cluster_network(resource, ctx) == google_firewalls.DEFAULT_NETWORK:
        attributes[GCE_DEFAULT_NETWORK] = True
    attributes[NODE_FIREWALLS_KNOWN] = True
    added = tuple(Reference(target=a, attribute=NODE_FIREWALL) for a in governing)
    return tuple(dict.fromkeys(references + added))


#: Attributes kept as ``None`` when written with a value not known before apply (a role
#: given by a variable is not "no role": graph ``ROLE_ATTRIBUTES``).
_KEPT_UNKNOWN = ("port", "sku", "role", "role_arn", "execution_role_arn", "task_role_arn",
                 "iam_instance_profile", "engine", "database_version")


def small_attributes(values: Mapping[str, Any]) -> dict[str, Any]:
    """Top-level literal scalars only, secrets redacted, long strings cut (raw evidence kept
    small: nested blocks and UNKNOWN values are left out)."""
    out: dict[str, Any] = {}
    for key, value in redact(
        {k: v for k, v in values.items() if isinstance(v, str | int | float | bool)}
    ).items():
        too_long = isinstance(value, str) and len(value) > _MAX_TEXT
        out[key] = value[:_MAX_TEXT] + "…" if too_long else value
    return out


#: Facets a contribution adds to rather than replaces.
_LISTS = ("ingress", "egress", "routes", "acl_rules", "permissions", "hardcoded_secrets")


def _apply(
    facets: Facets, contribution: Contribution, written: set[str] | None = None
) -> Facets:
    """``facets`` with ``contribution`` applied; the names it writes (its updates and what its
    ``merge`` returns, changed or not) are added to ``written`` when given."""
    updates = dict(contribution.updates)
    if "permissions" in updates:
        updates.update(_permission_parts(facets, updates))
    for name in _LISTS[:-1]:
        if name in updates:  # lists of rules add up; an unknown part makes the whole unknown
            added = updates.pop(name)
            current = getattr(facets, name)
            updates[name] = None if current is None or added is None else current + added
    if "hardcoded_secrets" in updates:
        added = updates.pop("hardcoded_secrets")
        current_secrets = facets.hardcoded_secrets or ()
        updates["hardcoded_secrets"] = tuple(sorted(set(current_secrets) | set(added or ())))
    facets = facets.model_copy(update=updates)
    if written is not None:
        written.update(updates)
    if contribution.merge is not None:
        merged = dict(contribution.merge(facets))
        facets = facets.model_copy(update=merged)
        if written is not None:
            written.update(merged)
    return facets


def _permission_parts(facets: Facets, updates: dict[str, Any]) -> dict[str, Any]:
    """``permissions_read`` and ``permissions_unread`` of a principal given the statements
    of one more attachment (``updates``, with the policy it names in ``permissions_unread``
    when its statements are not known): what is read adds up while only named managed
    policies are not known; anything else not known leaves nothing read."""
    added = updates["permissions"]
    current = facets.permissions
    read = current if current is not None else facets.permissions_read
    unread = () if current is not None else facets.permissions_unread or ()
    more = updates.get("permissions_unread") or ()
    if read is None or (added is None and not more):
        return {"permissions_read": None, "permissions_unread": None}
    if added is None:
        return {"permissions_read": read, "permissions_unread": (*unread, *more)}
    if current is not None:
        return {"permissions_read": None, "permissions_unread": None}
    return {"permissions_read": (*read, *added), "permissions_unread": unread}


@dataclass
class _Companions:
    """What every companion resource of one root module contributes, computed once per root:
    ``made`` by source address (or the exception its companion function raised),
    ``by_target`` in root order, and the addresses of the root's resources a mapping exists
    for (``mapped``)."""

    made: dict[str, list[Contribution] | Exception] = field(default_factory=dict)
    by_target: dict[str, list[Contribution]] = field(default_factory=dict)
    mapped: set[str] = field(default_factory=set)


def _root_companions(data: TfDocument, ctx: TfContext) -> _Companions:
    shared = data.whole_root
    if shared is not None and "companions" in shared.cache:
        found: _Companions = shared.cache["companions"]
        return found
    out = _Companions()
    for resource in data.root_resources:
        if resource.mode != "managed":
            continue
        if resource.type in registry.MAPPINGS:
            out.mapped.add(resource.address)
        companion = registry.COMPANIONS.get(resource.type)
        if companion is None:
            continue
        try:
            made = uncertain.contributions(companion, resource, ctx)
        except Exception as exc:  # reported by the document of ``resource``
            out.made[resource.address] = exc
            continue
        made = [_declared(c, resource) for c in made]
        out.made[resource.address] = made
        for contribution in made:
            out.by_target.setdefault(contribution.target, []).append(contribution)
    if shared is not None:
        shared.cache["companions"] = out
    return out


#: Facets holding rules a companion adds one by one (each rule says who declared it).
_RULE_FACETS = ("ingress", "egress", "acl_rules")
def _declared(contribution: Contribution, source: TfResource) -> Contribution:
    """The contribution with each rule it adds (security group rule, ACL entry) stamped with
    the companion's address and ``file:line``, and where the input giving its sources, ports
    or protocol is written (``set_at``, ``rule_origins``): a finding can then name the line
    to change."""
    if not any(contribution.updates.get(name) for name in _RULE_FACETS):
        return contribution
    stamp: dict[str, Any] = {"declared_by": source.address, "declared_at": source.declared_at}
    set_at = rule_set_at(source)
    updates = dict(contribution.updates)
    for name in _RULE_FACETS:
        rules = updates.get(name)
        if rules:
            # a rule the companion declares itself (an Azure NSG rule stamps its own
            # address) still takes where its values are set
            updates[name] = tuple(
                rule if rule.declared_by not in (None, source.address) else rule.model_copy(
                    update={
                        **(stamp if rule.declared_by is None else {}),
                        **({"set_at": set_at} if set_at and "set_at" in type(rule).model_fields
                           and getattr(rule, "set_at", None) is None else {}),
                    }
                )
                for rule in rules
            )
    return replace(contribution, updates=updates)


def _rule_blocks(resource: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``INGRESS_BLOCKS`` of an AWS security group with inline ``ingress`` blocks."""
    if resource.type not in ("aws_security_group", "aws_default_security_group"):
        return {}
    found = aws_network.inline_blocks(resource, ctx)
    return {INGRESS_BLOCKS: found} if found else {}


def _access_policy_lines(resource: TfResource) -> dict[str, Any]:
    """``ACCESS_POLICY_LINES`` of an ``azurerm_key_vault``: the ``access_policy {`` line of
    each inline block (else, for one a ``dynamic`` block makes, the first line of it
    Terraform reads)."""
    if resource.type != "azurerm_key_vault":
        return {}
    lines: dict[str, int] = {}
    for path, line in resource.attribute_lines.items():
        block = ".".join(path.split(".", 2)[:2])
        if path.startswith("access_policy.") and line < lines.get(block, line + 1):
            lines[block] = line
    for block, line in resource.block_lines.items():
        if block.startswith("access_policy.") and block.count(".") == 1:
            lines[block] = line
    return {ACCESS_POLICY_LINES: lines} if lines else {}


def _doubts(resource: TfResource) -> dict[str, Any]:
    """Whether the resource may not be created (``EXISTS_MAYBE``) and the resources it names
    only as candidates (``REFERENCES_MAYBE``)."""
    found: dict[str, Any] = {}
    if (resource.index is UNKNOWN or resource.maybe) and resource.mode == "managed":
        found[EXISTS_MAYBE] = _exists_maybe(resource)
    candidates = _candidates(resource)
    if candidates:
        found[REFERENCES_MAYBE] = candidates
    return found


def _candidates(resource: TfResource) -> list[str]:
    """The resources ``resource`` names only in arguments a value not known chooses among
    (``TfResource.chosen``), by no other argument (``REFERENCES_MAYBE``)."""
    if not resource.chosen:
        return []
    chosen = set(resource.chosen)
    sure = {r.target for r in resource.references if r.attribute not in chosen}
    return sorted({r.target for r in resource.references if r.attribute in chosen} - sure)


def _exists_maybe(resource: TfResource) -> str:
    """Why a resource whose ``count`` / ``for_each`` is not known may not be created, the
    same text for two resources of one module whose expansion reads the same values
    (``EXISTS_MAYBE``)."""
    reads = ", ".join(resource.expansion_refs)
    where = f" in {resource.module}" if resource.module else ""
    return f"count / for_each not known{where}" + (f" (reads {reads})" if reads else "")


def _graph_links(
    resource: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """``references`` with the links the resource graph reads beyond what is written (a
    Kubernetes object's literal references, the firewall rules governing a Compute Engine
    instance or a GKE cluster's nodes, an ECS service's hosts, the security groups of an
    OpenStack instance's ports), noting on ``attributes``
    what it learns."""
    attributes.update({**group_lists.not_in_scan(resource, ctx), **_rule_blocks(resource, ctx),
                       **_doubts(resource)})
    references = (alicloud.graph_links(resource, ctx, attributes, references)
                  if resource.type.startswith("alicloud_") else references)
    if resource.type in _LISTENERS:
        # a listener whose balancer a value not known chooses: it may be either's
        ctx.referenced(resource, "load_balancer_arn", _BALANCERS)
        maybe = _choices(ctx, resource, "load_balancer_arn")
        if maybe:
            attributes[LISTENER_MAYBE] = [b.address for b in maybe]
    if resource.type.startswith(_KUBERNETES) and resource.type in kubernetes.MAPPINGS:
        attributes.update(kubernetes.graph_attributes(resource, ctx))
        if resource.type not in kubernetes.KINDS:  # a manifest: the object it holds
            attributes.update(kubernetes.manifest_identity(attributes))
            return tuple(dict.fromkeys(references + kubernetes.manifest_references(attributes)))
        attributes.update(_kubernetes_identity(resource, attributes))
        return tuple(dict.fromkeys(references + kubernetes.literal_references(resource)))
    if resource.type == "google_service_account" or (
        resource.type.startswith("google_") and resource.type in google_members.TYPES
    ):
        return _google_links(resource, ctx, attributes, references)
    if resource.type.startswith("google_") and resource.type in google_firewalls.INSTANCE_TYPES:
        return _vpc_firewalls(resource, ctx, attributes, references)
    if resource.type == "google_container_cluster":
        return _node_firewalls(resource, ctx, attributes, references)
    if resource.type == "google_dataproc_cluster":
        return _dataproc_firewalls(resource, ctx, attributes, references)
    if resource.type == "aws_ecs_service":
        return _ecs_service_links(resource, ctx, attributes, references)
    if resource.type == "aws_msk_cluster":
        # its brokers' groups and subnets, written or not (graph/defaults.py: the VPC's
        # default group holds brokers that name no group)
        info = block(resource.values, "broker_node_group_info") or {}
        written = [f"broker_node_group_info.{key}" for key in ("security_groups", "client_subnets")
                   if info.get(key) not in (None, [], {})]
        if written:
            attributes["placement"] = [*attributes.get("placement", ()), *written]
        return references
    if resource.type == "openstack_compute_instance_v2":
        named = resource.values.get("security_groups")
        if isinstance(named, list) and named and all(n == "default" for n in named):
            attributes[NAMES_DEFAULT_GROUP] = True
        return openstack.port_references(resource, ctx, attributes, references)
    if resource.type == "huaweicloud_compute_instance":
        attributes[PORT_GROUPS] = huaweicloud.ecs_groups(resource, ctx)
        if attributes[PORT_GROUPS] == huaweicloud.DEFAULT_GROUP and any(
            resource.values.get(n) not in (None, []) for n in ("security_group_ids",
                                                               "security_groups")
        ):
            attributes[NAMES_DEFAULT_GROUP] = True
    if resource.type.startswith(("huaweicloud_", "openstack_")) and (
        resource.type in huaweicloud.GROUP_LOOKUPS
    ):
        adds = huaweicloud.default_group_rule(resource, ctx)
        if adds is not None:
            attributes[huaweicloud.DEFAULT_GROUP_RULE] = adds
    if resource.type.startswith(_AZURE) and resource.type in azure_firewall.DNAT_TYPES:
        attributes[azure_firewall.DNAT_RULES] = azure_firewall.dnat_rules(resource, ctx)
    if resource.type == aks_pools.CLUSTER:
        references = aks_pools.pool_links(resource, ctx, attributes, references)
    if resource.type.startswith("azurerm_") or resource.type == "azapi_resource":
        references = azurerm.interface_links(
            resource, ctx, azapi_subnets.graph_links(resource, ctx, attributes, references)
        )
        attributes.update(_access_policy_lines(resource))
        references = azure_grant_scope.grant_links(resource, ctx, attributes, references)
        return azure_identity.identity_links(resource, ctx, references)
    if resource.type in _API_INTEGRATIONS:
        certain, maybe = _integrated_functions(resource, ctx)
        added = tuple(
            [Reference(target=f.address, attribute=INTEGRATION) for f in certain]
            + [Reference(target=f.address, attribute=INTEGRATION_MAYBE) for f in maybe]
        )
        return tuple(dict.fromkeys(references + added)) if added else references
    if resource.type in _FUNCTIONS:
        return _event_source_links(resource, ctx, attributes, references)
    if resource.type.startswith("google_") and resource.type in google_connectors.CONNECTED:
        return google_connectors.connector_links(resource, ctx, references)
    if resource.type == aws_emr.CLUSTER:
        return aws_emr.node_references(references)
    if resource.type.startswith("aws_"):
        # (and a CloudFront distribution's links to its VPC origins' targets)
        return subnet_groups.links(
            resource, ctx, attributes,
            cdn_origins.terraform_links(resource, ctx, attributes, references),
        )
    return references


def _google_links(
    resource: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """A service account's links to the accounts it may act as (``google_identity``) and to
    the resources a grant on them gives it a role on (``google_held``); the VMs a target
    pool, target instance or instance group names (``google_members``)."""
    if resource.type == "google_service_account":
        references = google_identity.impersonation_links(resource, ctx, attributes, references)
        return google_held.held_links(
            resource, ctx, attributes, references, _companion_targets(ctx)
        )
    return google_members.graph_links(resource, ctx, attributes, references)


def _companion_targets(ctx: TfContext) -> Callable[[str], list[tuple[str, bool]]]:
    """The addresses of the resources a companion of ``ctx``'s root is merged into, by the
    companion's address, each with whether it is certain (not one of several a condition
    chooses); none for one whose function failed."""
    made = _root_companions(ctx.document, ctx).made

    def targets(address: str) -> list[tuple[str, bool]]:
        found = made.get(address)
        return [] if found is None or isinstance(found, Exception) else [
            (c.target, c.uncertain is None) for c in found
        ]

    return targets


def _event_source_links(
    function: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """A function's links to the sources of the event source mappings that invoke it, and to
    the buckets, topics and event bus policies whose notifications invoke it
    (``normalize/event_sources.py``); those whose source is not in the scan are listed."""
    added: list[Reference] = []
    missing: list[str] = []
    # an item that may invoke this function or another (a value not known chooses): its
    # source is not known to invoke it, nor known not to (listed as not read)
    for mapping in ctx.by_type.get(event_sources.MAPPING_TYPE, ()):
        hit = ctx.may_designate(mapping, "function_name", _FUNCTIONS, function)
        if not hit:
            missing.extend([mapping.address] if hit is None else [])
            continue
        source = ctx.target_of(mapping, "event_source_arn", event_sources.SOURCE_TYPES)
        if source is None:
            missing.append(mapping.address)
        else:
            added.append(Reference(target=source.address, attribute=event_sources.EVENT_SOURCE))
    for kind, (names, by, types) in event_sources.NOTIFIERS.items():
        for trigger in ctx.by_type.get(kind, ()):
            hit = ctx.may_designate(trigger, names, _FUNCTIONS, function)
            if not hit:
                missing.extend([trigger.address] if hit is None else [])
                continue
            if kind == "aws_sns_topic_subscription" and text(
                trigger.values, "protocol", "lambda"
            ) not in (None, "lambda"):
                continue
            source = ctx.target_of(trigger, by, types)
            if source is None:
                missing.append(trigger.address)
            else:
                added.append(Reference(target=source.address, attribute=event_sources.NOTIFIER))
    for target in ctx.by_type.get(event_sources.RULE_TARGET, ()):
        hit = ctx.may_designate(target, "arn", _FUNCTIONS, function)
        if not hit:
            missing.extend([target.address] if hit is None else [])
            continue
        policies = _bus_policies(target, ctx)
        if policies is None:
            missing.append(target.address)
        added.extend(
            Reference(target=p.address, attribute=event_sources.NOTIFIER) for p in policies or ()
        )
    if missing:
        attributes[event_sources.EVENT_SOURCES_NOT_READ] = missing
    unscoped = [
        p.address for p in ctx.by_type.get("aws_lambda_permission", ())
        # one of several functions a condition chooses may be this one
        if ctx.may_designate(p, "function_name", _FUNCTIONS, function) is not False
        and event_sources.unscoped_service(
            p.values.get("principal"),
            [is_set(p.values, k) for k in ("source_arn", "source_account", "principal_org_id")],
        )
    ]
    if unscoped:
        attributes[event_sources.UNSCOPED_SERVICE_GRANTS] = unscoped
    return tuple(dict.fromkeys(references + tuple(added))) if added else references


def _bus_policies(target: TfResource, ctx: TfContext) -> list[TfResource] | None:
    """The policies and permissions of the event bus whose events an EventBridge rule target
    receives (none: the account's own events only); ``[]`` for a rule that only runs on a
    schedule; ``None`` when the rule or its bus is not known."""
    rule = ctx.target_of(target, "rule", [event_sources.RULE])
    if rule is None:
        return None
    if rule.values.get("event_pattern") is None and rule.values.get("schedule_expression"):
        return []
    bus = _bus_key(rule, ctx)
    if bus is None:
        return None
    # a bus of the scan holds the grants of the policies and permissions that name it
    # (folded into it: aws_resource_policies._bus_companion)
    own = ctx.by_address.get(bus)
    found = [own] if own is not None and own.type == "aws_cloudwatch_event_bus" else []
    return found + [
        policy
        for kind in event_sources.BUS_POLICIES
        for policy in ctx.by_type.get(kind, ())
        if aws_resource_policies.bus_of(policy, ctx) is None
        and _bus_key(policy, ctx) in (bus, None)
    ]


def _bus_key(resource: TfResource, ctx: TfContext) -> str | None:
    """Which event bus ``event_bus_name`` names: the address of a bus of the scan
    (``aws_resource_policies.bus_of``), else the name written (``default`` when absent); None
    when not known."""
    bus = aws_resource_policies.bus_of(resource, ctx)
    if bus is not None:
        return bus.address
    name = resource.values.get("event_bus_name", "default")
    if name is None:
        return "default"
    if not isinstance(name, str) or UNKNOWN_TEXT in name:
        return None
    if ctx.is_ambiguous(resource, "event_bus_name"):
        return None
    name = name.rsplit("/", 1)[-1]
    # a bus of another module of the scan by that name (its policies are folded into it)
    for candidate in ctx.by_type.get("aws_cloudwatch_event_bus", ()):
        if candidate.values.get("name") == name:
            return candidate.address
    return name


#: Load balancer listeners and the balancers they name (``load_balancer_arn``).
_LISTENERS = frozenset({"aws_lb_listener", "aws_alb_listener"})
_BALANCERS = ("aws_lb", "aws_alb")


#: API Gateway stages -> (the argument naming their API, the API types, the integration
#: type, its argument naming the API, its argument naming what it calls).
_API_INTEGRATIONS = {
    "aws_apigatewayv2_stage": ("api_id", ("aws_apigatewayv2_api",),
                               "aws_apigatewayv2_integration", "api_id", "integration_uri"),
    "aws_api_gateway_stage": ("rest_api_id", ("aws_api_gateway_rest_api",),
                              "aws_api_gateway_integration", "rest_api_id", "uri"),
}
_FUNCTIONS = ("aws_lambda_function",)


def _integrated_functions(
    stage: TfResource, ctx: TfContext
) -> tuple[list[TfResource], list[TfResource]]:
    """The Lambda functions the integrations of a stage's API invoke (``integration_uri`` /
    ``uri`` referring to one): the stage forwards its requests to them. Second, those it
    may invoke: a function one of several candidates (``var.v2 ? aws_lambda_function.a.
    invoke_arn : aws_lambda_function.b.invoke_arn``, ``coalesce(var.arn, ...)``) or an
    integration or a stage whose API is (was dropped: no edge, a wrong PASS)."""
    api_attribute, api_types, kind, attribute, uri = _API_INTEGRATIONS[stage.type]
    api = ctx.referenced(stage, api_attribute, api_types)
    apis = [api] if api is not None else _choices(ctx, stage, api_attribute)
    sure = api is not None
    certain: dict[str, TfResource] = {}
    maybe: dict[str, TfResource] = {}
    for integration in ctx.by_type.get(kind, ()):
        names = [ctx.may_designate(integration, attribute, api_types, a) for a in apis]
        if True not in names and None not in names:
            continue
        own = sure and True in names
        function = ctx.target_of(integration, uri, _FUNCTIONS)
        if function is not None:
            (certain if own else maybe).setdefault(function.address, function)
        for candidate in _choices(ctx, integration, uri):
            maybe.setdefault(candidate.address, candidate)
    return list(certain.values()), [f for a, f in maybe.items() if a not in certain]


def _choices(ctx: TfContext, resource: TfResource, attribute: str) -> list[TfResource]:
    """The resources of the scan among the candidates the last lookup of ``attribute`` of
    ``resource`` found (none when it found one, or none)."""
    return [
        found for address in ctx.choices(resource, attribute)
        if (found := ctx.by_address.get(address)) is not None
    ]


def _ecs_service_links(
    resource: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """An ECS service's awsvpc placement written in ``network_configuration`` (its VPC's
    default group holds tasks that name no group), what its task definition runs
    (``ECS_CONTAINERS``: a database container makes it a data store of the graph), and for
    tasks in their hosts' network the ``ECS_NETWORK`` summary and a reference to each host
    (``normalize/ecs_network.py``)."""
    written = aws_containers.awsvpc_placement(resource)
    if written:
        attributes["placement"] = [*attributes.get("placement", ()), *written]
    containers = aws_containers.service_containers(resource, ctx)
    if containers is not None:
        attributes[ECS_CONTAINERS] = containers
    on_hosts = aws_containers.service_network(resource, ctx)
    if on_hosts is None:
        return references
    attributes[ECS_NETWORK] = on_hosts[0]
    added = tuple(Reference(target=a, attribute=HOSTS) for a in on_hosts[1])
    return tuple(dict.fromkeys(references + added))


class TerraformMapper(Mapper):
    """Maps Terraform resources of providers aws, azurerm, google, huaweicloud and openstack."""

    name = "terraform"
    formats = (FORMAT,)

    def load_options(self) -> LoadOptions:
        """Of the resources ``count`` makes 0, only companions are read (``_not_created``)."""
        return LoadOptions(not_created_types=registry.COMPANION_TYPES)

    def relate(self, documents: Sequence[Document]) -> list[InputError]:
        """Each root learns the EIP / floating IP associations of the scan's other roots that
        may bind its servers (``foreign``)."""
        foreign.relate(documents)
        return []

    def map(self, document: Document, context: MapContext) -> Iterator[Resource | InputError]:
        data: TfDocument = document.data
        ctx = TfContext.of(data, context.settings)
        companions = _root_companions(data, ctx)
        entries = _provider_credentials(data.resources)
        unmapped: dict[str, int] = {}
        unresolved: list[str] = []
        errors: list[InputError] = []
        for resource in data.resources:
            _first_pass(resource, ctx, companions, entries, unmapped, unresolved, errors)
        errors.extend(error for _, _, error in _contribute(entries, companions, ctx))
        _account_wide(entries, ctx)
        document.meta.pop(READ_FOR_CONTEXT, None)
        unmapped = note_context(document.meta, unmapped, _readers(unmapped, ctx))
        document.meta[UNMAPPED_TYPES] = dict(sorted(unmapped.items()))
        document.meta[UNRESOLVED_COMPANIONS] = sorted(set(unresolved))
        _note_lost_facets(document, ctx)
        _note_unknown_instances(document, companions)
        yield from errors
        scope = root_scope(data.root, context)
        document.meta["root_scope"] = scope  # the unit the scan scope judges (graph.scope)
        for entry in entries.values():
            try:
                made = self._resource(entry, ctx, context, scope)
                yield made
                yield from _annotation_objects(made, entry.resource, ctx)
            except Exception as exc:
                yield _error(entry.resource, exc)
        yield from _chart_releases(data.resources, context, scope)

    def plan(self, document: Document, context: MapContext) -> _Plan | None:
        """What every part of ``document`` shares (see :meth:`map_part`), or None when the
        document cannot be cut: resources of one address written twice (their entries
        replace each other in one process)."""
        data: TfDocument = document.data
        ctx = TfContext.of(data, context.settings)
        companions = _root_companions(data, ctx)
        providers = _provider_credentials(data.resources)
        addresses = [r.address for r in data.resources if r.mode == "managed"]
        if len(set(addresses) | providers.keys()) != len(addresses) + len(providers):
            return None
        scope = root_scope(data.root, context)
        return _Plan(document, context, ctx, companions, providers, scope)

    def map_part(self, plan: _Plan, part: range, finish: Callable[[Resource], Resource]) -> _Part:
        """What the resources ``part`` (positions in the document's resources) give, as
        :meth:`map` gives them for the whole document; ``finish`` is called on each
        resource made. The first part also holds the provider blocks with credentials."""
        resources = plan.document.data.resources
        entries = dict(plan.providers) if part.start == 0 else {}
        made = _Part()
        for index in part:
            _first_pass(
                resources[index],
                plan.ctx,
                plan.companions,
                entries,
                made.unmapped,
                made.unresolved,
                made.errors,
            )
        made.contributed = _contribute(entries, plan.companions, plan.ctx)
        _account_wide(entries, plan.ctx)
        for entry in entries.values():
            try:
                one = self._resource(entry, plan.ctx, plan.context, plan.scope)
                made.items.append(finish(one))
                made.items.extend(
                    finish(r) for r in _annotation_objects(one, entry.resource, plan.ctx))
            except Exception as exc:
                made.items.append(_error(entry.resource, exc))
        made.items.extend(finish(r) for r in _chart_releases(
            [resources[index] for index in part], plan.context, plan.scope))
        return made

    def join(self, plan: _Plan, parts: Sequence[_Part]) -> Iterator[Resource | InputError]:
        """The items of the document from all its parts (in order), and its ``meta``: the
        same as :meth:`map`."""
        document = plan.document
        unmapped: dict[str, int] = {}
        for part in parts:
            for name, count in part.unmapped.items():
                unmapped[name] = unmapped.get(name, 0) + count
        unresolved = {address for part in parts for address in part.unresolved}
        document.meta.pop(READ_FOR_CONTEXT, None)
        unmapped = note_context(document.meta, unmapped, _readers(unmapped, plan.ctx))
        document.meta[UNMAPPED_TYPES] = dict(sorted(unmapped.items()))
        document.meta[UNRESOLVED_COMPANIONS] = sorted(unresolved)
        _note_lost_facets(document, plan.ctx)
        for part in parts:
            yield from part.errors
        # One process applies all contributions in a stable sort by order, of a list in
        # entry order: the parts' lists one after the other.
        tagged = [
            (order, number, seq, error)
            for number, part in enumerate(parts)
            for order, seq, error in part.contributed
        ]
        yield from (error for *_, error in sorted(tagged, key=lambda t: t[:3]))
        document.meta["root_scope"] = plan.scope
        for part in parts:
            yield from part.items

    def _resource(
        self, entry: _Entry, ctx: TfContext, context: MapContext, scope: str
    ) -> Resource:
        resource = entry.resource
        tags = tags_of(resource)
        gdcc = read_tags(tags)
        facets = entry.facets
        updates: dict[str, Any] = {}
        absent = {**absent_facets(resource.type, resource.values),
                  **ctx.absent.get(resource.address, {})}
        if facets.region is None and "region" not in absent:
            updates["region"] = region_of(resource, ctx)
        own = written_secrets(resource, facets.hardcoded_secrets)
        # a second declaration of the address writing a secret: in the code all the same
        twice = {
            path: where
            for path, where in duplicate_secrets(resource.address, ctx.document.whole_root)
            .items() if path not in own
        }
        secrets = tuple(sorted({*own, *twice})) if twice else own
        if secrets != facets.hardcoded_secrets:
            updates["hardcoded_secrets"] = secrets
        for name in ("data_classification", "personal_data", "security_category"):
            if getattr(facets, name) is None and getattr(gdcc, name) is not None:
                updates[name] = getattr(gdcc, name)
        # A companion resource (aws_s3_bucket_versioning...) may have set a facet to the
        # default's value: then it is not a default; the facets no companion wrote keep theirs.
        # Read, not dumped: a model_dump per resource cost ~0.8 s at 100,000 resources
        # (every defaulted facet is a plain scalar, so the values are the same).
        current = {d.facet: getattr(facets, d.facet) for d in DEFAULTS.get(resource.type, ())}
        defaults = apply_defaults(
            resource.type,
            resource.values,
            current,
            absent.keys() | entry.by_companion | entry.uncertain.keys()
            if entry.by_companion or entry.uncertain else absent,
        )
        updates.update({k: v for k, v in current.items() if k in defaults})
        if updates:
            facets = facets.model_copy(update=updates)
        decided = ctx.decided.get(resource.address)
        if decided:
            defaults = dict(defaults)
            for name, (value, default) in decided.items():
                if getattr(facets, name) == value:
                    defaults[name] = default
        written = ctx.written.get(resource.address)
        if written and defaults:
            defaults = {name: d for name, d in defaults.items() if name not in written}
        facets, defaults, why = _undecided(
            entry, *_versioned(resource, facets, defaults, absent, ctx)
        )
        unknown = {
            name: reason
            for name, reason in {**ctx.unknown.get(resource.address, {}), **why}.items()
            if getattr(facets, name) is None
        }
        decided_by = {
            **{
                name: why
                for name, (value, why) in ctx.because.get(resource.address, {}).items()
                if getattr(facets, name) == value
            },
            # why a secret written for an input reaches no resource (said in its finding)
            **(unread_because(resource.unread) if resource.mode == INPUT_MODE else {}),
        }
        undetermined = {
            name: items
            for name, (value, items) in ctx.undetermined.get(resource.address, {}).items()
            if getattr(facets, name) == value
        }
        tenant = context.tenant.id if context.tenant is not None else None
        system = gdcc.system or context.default_system
        on_google = resource.type.startswith("google_")
        attributes = {
            **small_attributes(resource.values),
            **_placement(resource.values),
            **_subnet_lists(resource.values),
            **_azure_range(resource.type, resource.values),
            **(google_lb.lb_attributes(resource.type, resource.values) if on_google else {}),
            **(google_functions.ingress_attributes(resource) if on_google else {}),
            **(google_firewall_policies.policy_attributes(resource.type, resource.values)
               if on_google else {}),
            **api_endpoint.terraform(resource.type, resource.values),
            **lambda_vpc.terraform(resource.type, resource.values),
            **cdn_origins.terraform(resource.type, resource.values),
            **lb_gates.terraform(resource.type, resource.values, resource.secrets,
                                 resource.references),
        }
        for key in _KEPT_UNKNOWN:
            # written, not known (GDCC-GRAPH-005 store ports; an Azure public IP's SKU; a
            # workload's role, GDCC-GRAPH-014; a database's engine, GDCC-DB-004)
            if resource.values.get(key) is UNKNOWN:
                attributes[key] = None
        attributes.update(aws_compute.replica_attributes(resource, ctx))
        attributes.update(aws_identity.trust_attributes(resource))
        attributes.update(_versioned_attributes(resource, ctx))
        attributes.update(_module_attributes(resource))
        attributes["root"] = scope
        if entry.merged_from:
            attributes["merged_from"] = list(entry.merged_from)
        references = _references(resource, [ctx.by_address[a] for a in entry.merged_from])
        references = _graph_links(resource, ctx, attributes, references)
        literal_name = next(
            (
                resource.values[key]
                for key in ("name", "bucket", "identifier", "cluster_identifier")
                if isinstance(resource.values.get(key), str) and resource.values[key]
            ),
            None,
        )
        if isinstance(attributes.get("kubernetes_name"), str):
            literal_name = attributes["kubernetes_name"]  # as a manifest's object is named
        return _with_cases(entry, Resource(
            id=canonical_id(tenant, system, resource.type, scope + id_name(resource)),
            kind=entry.kind,
            name=literal_name or id_name(resource),
            provider=provider_name(resource),
            provider_type=resource.type,
            tenant=tenant,
            system=system,
            address=resource.address,
            facets=facets,
            defaults=defaults,
            unknown=unknown,
            decided_by=decided_by,
            undetermined=undetermined,
            absent=absent,
            value_origins=_with_heredoc_lines(resource, secrets, {
                **_origins(entry, facets, written),
                **{SECRET_ORIGIN + path: where for path, where in twice.items()},
            }),
            tags=tags,
            attributes=attributes,
            references=references,
            location=SourceLocation(
                file=resource.file,
                start_line=resource.start_line,
                end_line=resource.end_line,
            ),
        ))


def _with_cases(entry: _Entry, resource: Resource) -> Resource:
    """``resource`` with a variant (role "case") for each case of its
    ``TfResource.alternatives`` that gives other facets (``_Entry.cases``): the resource's
    facets with those the cases differ on taken from the case. Unchanged when a companion, a
    default or a provider version changed one of them, or one is a value known without the
    cases (then it is judged as before)."""
    agreed = entry.agreed
    if not entry.cases or agreed is None:
        return resource
    differing = [
        name for name in Facets.model_fields
        if any(getattr(case.facets, name) != getattr(agreed, name) for case in entry.cases)
    ]
    if not differing or any(
        getattr(resource.facets, name) != getattr(agreed, name)
        # a value known whatever the input is that a case contradicts: not judged by case
        or isinstance(getattr(agreed, name), bool | int | float | str)
        for name in differing
    ):
        return resource
    variants = []
    for case in entry.cases:
        update = {name: getattr(case.facets, name) for name in differing}
        unknown = {
            name: why for name, why in resource.unknown.items()
            if name not in update or update[name] is None
        }
        unknown.update({
            name: why for name, why in case.unknown.items()
            if name in update and update[name] is None
        })
        decided_by = {**resource.decided_by, **{
            name: why for name, (value, why) in case.because.items()
            if name in update and update[name] == value
        }}
        judged = resource.model_copy(update={
            "facets": resource.facets.model_copy(update=update),
            "unknown": unknown,
            "decided_by": decided_by,
        })
        variants.append(Variant(label=case.label, resource=judged, role="case", axes=case.axes))
    return resource.model_copy(update={"variants": tuple(variants)})


def _chart_releases(
    resources: Sequence[TfResource], context: MapContext, scope: str
) -> Iterator[Resource]:
    """The ``helm_release`` resources of the traefik chart, as the entry points the chart
    renders from their values (``kubernetes.chart_release``): a ``k8s.proxy_config`` resource
    beside the release (which stays not judged, or a secret holder)."""
    tenant = context.tenant.id if context.tenant is not None else None
    for resource in resources:
        if resource.type != "helm_release" or resource.mode != "managed":
            continue
        try:
            found = kubernetes.chart_release(
                resource,
                canonical_id(tenant, context.default_system, "helm_release.chart",
                             scope + id_name(resource)),
                SourceLocation(file=resource.file, start_line=resource.start_line,
                               end_line=resource.end_line),
                tenant,
                context.default_system,
            )
        except (TypeError, ValueError, AttributeError, KeyError):
            continue  # an odd release reads as no entry points, never stops the document
        if found is not None:
            yield found


def _module_attributes(resource: TfResource) -> dict[str, Any]:
    """``module``, ``called_at`` and ``call_chain`` of a module's resource (none for the
    root module's own)."""
    if not resource.module:
        return {}
    found: dict[str, Any] = {"module": resource.module}
    if resource.called_at:
        found["called_at"] = resource.called_at
    if resource.call_chain:
        found["call_chain"] = list(resource.call_chain)
    return found


#: Arguments naming a resource whose own settings decide a facet (a database's parameter
#: group: its ``require_secure_transport``): when the argument designates a resource of the
#: scan, the input that chose it (``var.create_db_parameter_group ? module.group.id :
#: var.parameter_group_name``) is not where the value is (terraform-aws-rds pointed
#: GDCC-ENC-004 at ``create_db_parameter_group``'s default); the group's finding is.
_SETTINGS_HOLDERS = ("parameter_group_name",)


def _with_heredoc_lines(
    resource: TfResource, secrets: tuple[str, ...] | None, origins: dict[str, str]
) -> dict[str, str]:
    """``origins`` with the line of each secret written in a heredoc of the block
    (``heredoc_lines.secret_places``: the resource's first line was all it had)."""
    if not secrets:
        return origins
    placed = secret_places(resource, secrets, origins)
    return {**origins, **placed} if placed else origins


def _origins(entry: _Entry, facets: Facets, written: set[str] | None = None) -> dict[str, str]:
    """The resource's ``value_origins``: its own attributes' (``defaults.value_origins``), as
    its companions changed them (:func:`_companion_origins`); none for the facets another
    resource decides by a value it writes (``written``: a read replica's encryption is its
    source's, not where the replica's own ignored ``storage_encrypted`` is set)."""
    resource = entry.resource
    origins, chosen = resource.origins, resource.chosen_by
    named = [p for p in _SETTINGS_HOLDERS if resource.designated.get(p)]
    if named:  # a group of the scan decides by its own settings, not by the input naming it
        origins = {k: v for k, v in origins.items() if k not in named}
        chosen = {k: v for k, v in chosen.items() if k not in named}
    found = value_origins(resource.type, origins, facets.hardcoded_secrets, chosen)
    for facet, origin in entry.origins.items():
        if origin is None:
            found.pop(facet, None)
        else:
            found[facet] = origin
    for facet in written or ():
        found.pop(facet, None)
    return found


def _vpc_firewalls(
    resource: TfResource,
    ctx: TfContext,
    attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """A Compute Engine instance or template: marks whether it is on the default network,
    the IP versions of its external addresses and whether its VPC firewall rules were all
    told apart; adds references to those rules."""
    if google_firewalls.on_default_network(resource, ctx):
        attributes[GCE_DEFAULT_NETWORK] = True
    external, versions = google.ip_versions(resource, ctx)
    if external is not None:
        attributes[EXTERNAL_VERSIONS] = external
    if versions is not None:
        attributes[IP_VERSIONS] = versions
    governing = google_firewalls.governing_firewalls(resource, ctx)
    return _firewall_references(governing, attributes, references)


def _firewall_references(
    governing: tuple[str, ...] | None,
    attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """``references`` with one to each governing VPC firewall rule, the rules marked all
    told apart; unchanged when which rules govern is not known (``governing`` None)."""
    if governing is None:
        return references
    attributes[VPC_FIREWALLS_KNOWN] = True
    return tuple(
        dict.fromkeys(
            references + tuple(Reference(target=a, attribute="firewall") for a in governing)
        )
    )


def _dataproc_firewalls(
    resource: TfResource,
    ctx: TfContext,
    attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """A Dataproc cluster's VMs, as a Compute Engine instance's (:func:`_vpc_firewalls`)."""
    if google_firewalls.dataproc_on_default_network(resource, ctx):
        attributes[GCE_DEFAULT_NETWORK] = True
    governing = google_firewalls.dataproc_firewalls(resource, ctx)
    return _firewall_references(governing, attributes, references)


@dataclass
class _Plan:
    """What the parts of one document share (computed once, before any part)."""

    document: Document
    context: MapContext
    ctx: TfContext
    companions: _Companions
    providers: dict[str, _Entry]
    scope: str


@dataclass
class _Part:
    """What mapping some of a document's resources gave: errors of the first pass, errors of
    contributions (with their place in the order of one process: order, position), counts
    of unmapped types, unresolved companions and the items (resources, errors) in order."""

    errors: list[InputError] = field(default_factory=list)
    contributed: list[tuple[int, int, InputError]] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)
    items: list[Resource | InputError] = field(default_factory=list)


def _readers(unmapped: dict[str, int], ctx: TfContext) -> dict[str, list[str]]:
    """For each unmapped type read for context (``context_types``), the reading types with a
    resource in the root: the type is then "read for context", not "not judged"."""
    return {
        kind: [r for r in CONTEXT_TYPES[kind] if ctx.by_type.get(r)]
        for kind in unmapped
        if kind in CONTEXT_TYPES
    }


def _first_pass(
    resource: TfResource,
    ctx: TfContext,
    companions: _Companions,
    entries: dict[str, _Entry],
    unmapped: dict[str, int],
    unresolved: list[str],
    errors: list[InputError],
) -> None:
    """Map one resource to its entry (or count it unmapped, or note its error)."""
    if resource.mode != "managed":
        if resource.mode in ("data", "module", INPUT_MODE):
            # a data source's arguments are configuration too (a literal bearer token in
            # ``data "http"`` ``request_headers``, a password in ``data "template_file"``
            # ``vars`` or ``data "external"`` ``program`` had no finding), and so are those
            # of a call to a module that is not read (``password = "..."`` given to a
            # registry module not downloaded), and a secret written for an input that
            # reaches no resource (``load.terraform.unread_inputs``: an unused variable's
            # default, a ``.tfvars`` line Terraform does not apply)
            _secret_holder(resource, entries, ctx)
        return
    # a system-assigned identity that a role assignment names (whether or not its resource
    # is mapped): an identity of its own
    identity = (
        azure_identity.system_identity(resource, ctx) if resource.type.startswith(_AZURE) else None
    )
    if identity is not None:
        entries[identity.address] = _Entry(
            identity, *azure_identity.managed_identity(identity, ctx)
        )
    try:
        companion = registry.COMPANIONS.get(resource.type)
        if companion is not None:
            found = companions.made.get(resource.address, [])
            if isinstance(found, Exception):
                raise found
            if found:
                unresolved.extend(c.source for c in found if c.target not in companions.mapped)
                if resource.type not in registry.ALSO_MAPPED and not (
                    resource.type in registry.ALONE_WHEN_UNCERTAIN
                    and all(c.uncertain is not None for c in found)
                ):
                    return
        mapping = registry.MAPPINGS.get(resource.type)
        if mapping is None:
            if companion is not None:
                unresolved.append(resource.address)
            else:
                name = _unmapped_name(resource)
                unmapped[name] = unmapped.get(name, 0) + 1
            _secret_holder(resource, entries, ctx)
            return
        mapped = _with_extras(mapping(resource, ctx), resource, ctx)
        mapped = key_either_way(mapped, resource, ctx, mapping, _with_extras)
        cases: list[_CaseFacets] = []
        if mapped is not None and resource.alternatives is not None:
            agreed, cases = _in_every_case(mapped[1], resource, mapping, ctx)
            mapped = mapped[0], agreed
    except Exception as exc:  # one odd resource must not stop the document
        errors.append(_error(resource, exc))
        return
    if mapped is not None:
        entries[resource.address] = _Entry(
            resource, mapped[0], mapped[1], cases=cases, agreed=mapped[1] if cases else None
        )
    elif resource.type in registry.NOT_JUDGED_WHEN_NONE and not (
        resource.type.startswith("azapi_") and azapi_children.read_by_parent(resource, ctx)
    ):
        name = _unmapped_name(resource)
        unmapped[name] = unmapped.get(name, 0) + 1


def _contribute(
    entries: dict[str, _Entry], companions: _Companions, ctx: TfContext
) -> list[tuple[int, int, InputError]]:
    """Apply the contributions to ``entries`` (from any file of the root); the errors in the
    order they arise, each with its contribution's order and position in the pending list."""
    # A stable sort keeps each target's contributions in root order within one ``order``.
    pending = [c for target in entries for c in companions.by_target.get(target, ())]
    errors: list[tuple[int, int, InputError]] = []
    for seq, contribution in sorted(enumerate(pending), key=lambda p: p[1].order):
        entry = entries[contribution.target]
        before = entry.facets
        written: set[str] = set()
        try:
            facets = _apply(before, contribution, written)
        except Exception as exc:
            error = _error(ctx.by_address[contribution.source], exc)
            errors.append((contribution.order, seq, error))
            continue
        _note_defaulted(entry, before, facets, written)
        if contribution.uncertain is not None:
            # it may not apply: what it would change is not known
            changed = uncertain.changed_facets(before, facets)
            entry.facets = before.model_copy(update=dict.fromkeys(changed))
            entry.uncertain.update(dict.fromkeys(changed, contribution.uncertain))
            continue
        entry.facets = facets
        for name in set(contribution.updates) & set(entry.uncertain) - set(_LISTS):
            del entry.uncertain[name]  # set whichever way the other one goes
        source = ctx.by_address.get(contribution.source)
        if source is not None:
            _companion_origins(entry, before, source)
        if contribution.source not in entry.merged_from:
            entry.merged_from.append(contribution.source)
    return errors


def _note_defaulted(
    entry: _Entry, before: Facets, after: Facets, written: set[str]
) -> None:
    """Record in ``entry.by_companion`` the facets of the defaults table that a contribution
    writes (its updates or what its ``merge`` returns: an AKS diagnostic setting sending other
    categories decides the cluster's control-plane logging, though to the value it had) or
    changes (only those: this runs once per contribution)."""
    for item in DEFAULTS.get(entry.resource.type, ()):
        name = item.facet
        if name in written or getattr(before, name) != getattr(after, name):
            entry.by_companion.add(name)


def _account_wide(entries: dict[str, _Entry], ctx: TfContext) -> None:
    """Account-wide settings that override what a resource and its companions say (the
    account-level S3 Block Public Access), applied after the contributions; then where an
    input turned off a companion that would have decided a facet (:func:`_not_created`)."""
    _not_created(entries, ctx)
    for entry in entries.values():
        before = entry.facets
        entry.facets = account_block(entry.resource, before, ctx)
        if entry.facets is not before:
            # decided by the account's setting: no line of the resource or its companions
            for name in uncertain.changed_facets(before, entry.facets):
                entry.origins[name] = None


def _not_created(entries: dict[str, _Entry], ctx: TfContext) -> None:
    """A companion whose ``count`` an input makes 0 (``aws_s3_bucket_versioning`` with
    ``count = length(keys(var.versioning)) > 0 ? 1 : 0``, ``RootResources.not_created``):
    each facet it would change on its target (created, it would give another known value),
    that neither the target's own attributes nor another companion decide, points at that
    input's line (``value set at``): the line that turns the setting on. Its function runs
    on a scratch context: a resource not created notes nothing on its target."""
    for resource, made in _not_created_contributions(ctx):
        for contribution in made:
            entry = entries.get(contribution.target)
            if entry is None:
                continue
            try:
                created = _apply(entry.facets, contribution)
            except Exception:
                continue
            own = deciding_attributes(entry.resource.type)
            for name in uncertain.changed_facets(entry.facets, created):
                if name in entry.origins or None in (
                    getattr(entry.facets, name), getattr(created, name)
                ):
                    continue  # decided elsewhere, or a value not known either way
                if _written_by(entry.resource, own.get(name)):
                    continue
                entry.origins[name] = resource.not_created_by


def _not_created_contributions(
    ctx: TfContext,
) -> list[tuple[TfResource, list[Contribution]]]:
    """Each companion of the root that ``count`` makes 0 because of an input, with what it
    would contribute if created; computed once per root, as ``_root_companions`` (a
    companion that raises is left out)."""
    shared = ctx.document.whole_root
    if shared is None:
        return []
    if "not_created" in shared.cache:
        kept: list[tuple[TfResource, list[Contribution]]] = shared.cache["not_created"]
        return kept
    found: list[tuple[TfResource, list[Contribution]]] = []
    for resource in shared.not_created:
        companion = registry.COMPANIONS.get(resource.type)
        if companion is None or not resource.not_created_by:
            continue
        scratch = dataclasses.replace(
            ctx, decided={}, unknown={}, because={}, undetermined={}, written={}, absent={},
            ambiguous={}, pins={}, _last={},
        )
        try:
            found.append((resource, companion(resource, scratch)))
        except Exception:
            continue
    shared.cache["not_created"] = found
    return found


def _written_by(resource: TfResource, attribute: str | None) -> bool:
    """Whether ``resource`` writes ``attribute`` (in place or from an input)."""
    return attribute is not None and (
        attribute in resource.attribute_lines or attribute in resource.origins
        or attribute in resource.chosen_by
    )


def _unmapped_name(resource: TfResource) -> str:
    """The name a resource no mapper reads is reported under (``azapi.unmapped_name``)."""
    return azapi.unmapped_name(resource) if resource.type.startswith("azapi_") else resource.type


def _annotation_objects(made: Resource, resource: TfResource, ctx: TfContext) -> list[Resource]:
    """``kubernetes.annotation_objects`` of a kubernetes-provider object; none of another."""
    if not resource.type.startswith(_KUBERNETES):
        return []
    return kubernetes.annotation_objects(made, resource, ctx)


def _kubernetes_identity(resource: TfResource, attributes: dict[str, Any]) -> dict[str, Any]:
    """The kind, ``metadata`` (literal name and namespace, with the labels and annotations
    ``attributes`` has) and ``namespace/Kind/name`` of the object a kubernetes-provider
    resource creates: other objects name it so."""
    metadata = kubernetes.object_metadata(resource)
    if metadata is None:
        return {}
    written = attributes.get("metadata")
    return {
        "kind": kubernetes.KINDS[resource.type][0],
        "metadata": {**(written if isinstance(written, dict) else {}), **metadata},
        "kubernetes_name": kubernetes.object_name(resource),
    }


def _versioned(
    resource: TfResource,
    facets: Facets,
    defaults: dict[str, DefaultedFacet],
    absent: Collection[str],
    ctx: TfContext,
) -> tuple[Facets, dict[str, DefaultedFacet], dict[str, Text]]:
    """Facets of ``resource`` whose attribute is absent and whose provider default changed
    between provider versions (``normalize.versioned_defaults``): the default of the provider
    version the root runs with, labelled with that version, or None with the reason when the
    versions the configuration allows disagree. A facet the mapper or another resource gave
    another value than its absent-attribute one is left as it is. Plans and states carry the
    values the provider filled in: nothing to do there."""
    reasons: dict[str, Text] = {}
    if resource.type not in VERSIONED or ctx.document.source != "hcl":
        return facets, defaults, reasons
    updates: dict[str, Any] = {}
    labels = dict(defaults)
    written = ctx.written.get(resource.address, set())
    document = ctx.document
    for row in VERSIONED[resource.type]:
        if (
            row.facet in absent
            or row.facet in written
            or not attribute_absent(resource.values, row.attribute)
            or getattr(facets, row.facet) != row.mapped
        ):
            continue
        decided = versioned_default(row, document.provider_pins, document.root)
        updates[row.facet] = decided.value
        if decided.label is not None:
            labels[row.facet] = decided.label
        else:
            labels.pop(row.facet, None)
            if decided.reason is not None:
                reasons[row.facet] = decided.reason
    if updates:
        facets = facets.model_copy(update=updates)
    return facets, labels, reasons


def _undecided(
    entry: _Entry, facets: Facets, defaults: dict[str, DefaultedFacet], why: dict[str, Text]
) -> tuple[Facets, dict[str, DefaultedFacet], dict[str, Text]]:
    """``facets`` with those a companion of several candidates may change, and nothing else
    decided after it (still not known once the contributions are in), not known: no provider
    default fills them. With ``why`` (the reasons :func:`_versioned` gives) and theirs."""
    undecided = {
        name: text for name, text in entry.uncertain.items()
        if getattr(entry.facets, name) is None
    }
    if not undecided:
        return facets, defaults, why
    kept = {name: d for name, d in defaults.items() if name not in undecided}
    return facets.model_copy(update=dict.fromkeys(undecided)), kept, {**why, **undecided}


def _versioned_attributes(resource: TfResource, ctx: TfContext) -> dict[str, Any]:
    """The attributes of ``resource`` not written whose provider default changed between
    provider versions (``VERSIONED_ATTRIBUTES``: an Azure load balancer's or public IP's
    SKU): the default of the versions the root runs with and ``<name>_default`` naming them,
    or None with ``<name>_unknown`` saying why when the versions allowed disagree. Plans and
    states carry the value the provider filled in."""
    rows = VERSIONED_ATTRIBUTES.get(resource.type, ())
    if not rows or ctx.document.source != "hcl":
        return {}
    found: dict[str, Any] = {}
    for row in rows:
        if not attribute_absent(resource.values, row.attribute):
            continue
        decided = versioned_default(row, ctx.document.provider_pins, ctx.document.root)
        found[row.facet] = decided.value
        if decided.label is not None:
            found[f"{row.facet}_default"] = decided.label.version
        elif decided.reason is not None:
            found[f"{row.facet}_unknown"] = {"en": decided.reason.en, "th": decided.reason.th}
    return found


def _references(resource: TfResource, merged: list[TfResource]) -> tuple[Reference, ...]:
    """The resource's references, then those of the companions merged into it (a security
    group rule resource's source group belongs to the group it was merged into)."""
    found = [
        Reference(target=r.target, attribute=r.attribute) for r in _designated_only(resource)
    ]
    for companion in merged:
        found.extend(
            Reference(target=r.target, attribute=r.attribute)
            for r in companion.references
            if r.target != resource.address
        )
    if resource.type.startswith("google_"):
        # the members of grants on it are who may act on it, not what it reaches
        return google_held.without_members(resource, merged, tuple(dict.fromkeys(found)))
    return tuple(dict.fromkeys(found))


def _designated_only(resource: TfResource) -> list[TfReference]:
    """The resource's references without those an argument read only to find the one
    instance whose id it is (``TfResource.designated``): ``subnet_id =
    module.net.subnet_ids["VmSubnet"]``, an output ``{for s in azurerm_subnet.subnet : s.name
    => s.id}``, reads every subnet but names the one (Azure-Samples/private-aks-cluster-
    terraform-devops: the jumpbox VM was a certain member of all four subnets, three of which
    FAILed GDCC-GRAPH-008 as internet-facing)."""
    by_attribute: dict[str, set[str]] = {}
    for ref in resource.references:
        by_attribute.setdefault(ref.attribute, set()).add(ref.target)
    kept = []
    for ref in resource.references:
        named = resource.designated.get(ref.attribute)
        instance = named.rsplit(".", 1)[0] if named else None
        if (instance is not None and ref.target != instance
                and instance in by_attribute[ref.attribute]):
            continue
        kept.append(ref)
    return kept


def _in_every_case(
    facets: Facets, resource: TfResource, mapping: Callable[..., Mapped | None], ctx: TfContext
) -> tuple[Facets, list[_CaseFacets]]:
    """``facets`` with each one not known filled in where both cases of the input its
    arguments test against null give it the same value (``TfResource.alternatives``): the
    input is null or it is not, so that value holds; and, when the cases still give other
    facets than those, each case as mapped (for the rules to judge each: a verdict every
    case gives holds). Each case is mapped in a context of its own (what it notes of
    defaults is not kept)."""
    assert resource.alternatives is not None
    tested, *cases = resource.alternatives
    found: list[Facets] = []
    notes: list[tuple[dict[str, tuple[Any, Text]], dict[str, Text]]] = []
    for each in cases:
        alone = replace(ctx, decided={}, unknown={}, because={}, written={})
        case = replace(
            resource, values=each.values, designated=each.designated, shapes=each.shapes
        )
        mapped = key_either_way(
            _with_extras(mapping(case, alone), case, alone), case, alone, mapping, _with_extras
        )
        if mapped is None:
            return facets, []
        found.append(mapped[1])
        notes.append((alone.because.get(resource.address, {}),
                      alone.unknown.get(resource.address, {})))
    update = {
        name: value
        for name in type(facets).model_fields
        if getattr(facets, name) is None
        and (value := getattr(found[0], name)) is not None
        and all(getattr(other, name) == value for other in found[1:])
    }
    for name in type(facets).model_fields:
        if name in update or getattr(facets, name) is not None:
            continue
        seen = [getattr(other, name) for other in found]
        if (all(value is not None for value in seen) and any(v != seen[0] for v in seen[1:])
                and name not in ctx.unknown.get(resource.address, {})):
            ctx.note(resource, name, None, unknown=Text(
                en=f"it differs with {tested}, which is not known",
                th=f"ค่านี้ขึ้นอยู่กับ {tested} ซึ่งไม่ทราบค่า",
            ))
    agreed = facets.model_copy(update=update) if update else facets
    if all(other == agreed for other in found):
        return agreed, []
    labels = [getattr(each, "label", ("", "")) for each in cases]
    return agreed, [
        _CaseFacets(Text(en=en or f"case {n} of {tested}", th=th or f"กรณีที่ {n} ของ {tested}"),
                    other, because, unknown, getattr(each, "axes", ()))
        for n, ((en, th), other, (because, unknown), each) in enumerate(
            zip(labels, found, notes, cases, strict=True), start=1
        )
    ]


#: Why a key looked up by an ``alias/aws/`` alias is not the customer's.
_AWS_MANAGED_ALIAS = Text(
    en="the key is looked up by an alias/aws/ alias: an AWS managed key",
    th="คีย์ถูกค้นหาด้วย alias ที่ขึ้นต้นด้วย alias/aws/ ซึ่งเป็นคีย์ที่ AWS จัดการ",
)


def _with_extras(mapped: Mapped | None, resource: TfResource, ctx: TfContext) -> Mapped | None:
    """The provider module's mapping with the extra facets of ``extras`` filled in."""
    if mapped is None:
        return mapped
    kind, facets = mapped
    extra = registry.EXTRAS.get(resource.type)
    if extra is not None:
        facets = fill_facets(facets, extra(resource, ctx))
    if facets.customer_managed_key is None and "customer_managed_key" in ctx.unknown.get(
        resource.address, {}
    ):
        pass  # its mapper says why the key is not known (a read replica's source's key)
    elif facets.customer_managed_key is None and references_customer_key(resource, ctx):
        facets = facets.model_copy(update={"customer_managed_key": True})
    elif facets.customer_managed_key is None and references_aws_managed_key(resource, ctx):
        facets = facets.model_copy(update={"customer_managed_key": False})
        ctx.note(resource, "customer_managed_key", False, because=_AWS_MANAGED_ALIAS)
    elif facets.customer_managed_key is None and (why := key_input_unknown(resource)):
        ctx.note(resource, "customer_managed_key", None, unknown=why)
    return kind, facets


def _secret_holder(resource: TfResource, entries: dict[str, _Entry], ctx: TfContext) -> None:
    """A resource no mapping judges (a type gdcc-audit has no rules for, a companion whose
    target is not in the scan) with a secret written in it: an entry judged by
    GDCC-SECRET-001 only (``google_sql_user`` ``password``, ``aws_dms_endpoint``
    ``password``, a ``helm_release`` ``set_sensitive`` value had no finding). It stays
    counted as not judged: no rule of its own type ran. Its ``connection`` / ``provisioner``
    blocks count (a ``null_resource`` that logs in with a literal password), as do the
    secrets of a second declaration of its address (``written_secrets.duplicate_secrets``)."""
    found = written_secrets(resource, None)
    if found or duplicate_secrets(resource.address, ctx.document.whole_root):
        entries[resource.address] = _Entry(
            resource, SECRET_HOLDER, Facets(hardcoded_secrets=found)
        )


def _provider_credentials(resources: list[TfResource]) -> dict[str, _Entry]:
    """Provider blocks with credentials written in them (``access_key``/``secret_key``,
    passwords, tokens): each is a long-lived key in the code. Others are not resources."""
    entries: dict[str, _Entry] = {}
    for provider in resources:
        found = detect_secrets(provider.values) if provider.mode == "provider" else ()
        found = tuple(path for path in found if not _short_of_issued_key(provider, path))
        if found:
            facets = Facets(hardcoded_secrets=found)
            entries[provider.address] = _Entry(provider, "identity.access_key", facets)
    return entries


#: The shortest access key id / secret a cloud issues, by provider: AWS access key ids are 20
#: characters and secrets 40 (IAM User Guide, "Manage access keys for IAM users"); Alibaba
#: Cloud AccessKey ids 16-24 and secrets 30 (RAM, "Create an AccessKey pair"); Huawei Cloud
#: AK 20 and SK 40 (IAM, "Access Keys"; FlexibleEngine and Open Telekom Cloud issue the same).
_ISSUED_KEY_LENGTHS = {
    "aws": {"access_key": 20, "secret_key": 40},
    "alicloud": {"access_key": 16, "secret_key": 30},
    "huaweicloud": {"access_key": 20, "secret_key": 40},
    "flexibleengine": {"access_key": 20, "secret_key": 40},
    "opentelekomcloud": {"access_key": 20, "secret_key": 40},
}


def _short_of_issued_key(provider: TfResource, path: str) -> bool:
    """Whether a provider block's ``access_key`` / ``secret_key`` is shorter than any key its
    cloud issues (``access_key = "AK"``, ``secret_key = "SK"``, ``"my-access-key"``): a
    placeholder, no credential. A value of a key's length is judged as written."""
    shortest = _ISSUED_KEY_LENGTHS.get(provider.provider, {}).get(path)
    value = provider.values.get(path)
    return shortest is not None and isinstance(value, str) and len(value.strip()) < shortest


def _note_lost_facets(document: Document, ctx: TfContext) -> None:
    """For each resource declared twice in the document's root (``RootResources.lost``):
    a companion's targets and the facets it would set on each, in
    ``Document.meta[LOST_FACETS]`` (``{"file:line": {address: [facet, ...]}}``); another
    type's canonical kind, in ``Document.meta[LOST_KINDS]`` (``{"file:line": kind}``). One
    whose function raises is left out: its part may then set anything."""
    shared = document.data.whole_root
    if shared is None or not shared.lost:
        return
    found = shared.cache.get(LOST_FACETS)
    if found is None:
        found = shared.cache[LOST_FACETS] = _lost_effects(shared.lost, ctx)
    facets, kinds = found
    if facets:
        document.meta[LOST_FACETS] = facets
    if kinds:
        document.meta[LOST_KINDS] = kinds


def _note_unknown_instances(document: Document, companions: _Companions) -> None:
    """Each companion of the root whose ``count`` / ``for_each`` could not be evaluated and
    that reached no resource of the scan (``security_group_id = each.value.to.id``): its
    instances are not known, so neither is what they configure. It is noted as a part not
    assessed (``gdcc_audit.load.lost``) naming what its expressions refer to: their verdicts,
    and through the graph those of the resources linked to them, are not PASSed on a rule set
    that may lack its rules."""
    data: TfDocument = document.data
    shared = data.whole_root
    found: list[LostPart] | None = shared.cache.get("unknown_instances") if shared else None
    if found is None:
        found = [
            part
            for resource in data.root_resources
            if (part := _unknown_instances(resource, companions)) is not None
        ]
        if shared is not None:
            shared.cache["unknown_instances"] = found
    for part in found:
        note(document.meta, part)


def _unknown_instances(resource: TfResource, companions: _Companions) -> LostPart | None:
    if resource.mode != "managed" or resource.index is not UNKNOWN or resource.start_line is None:
        return None
    if resource.type not in registry.COMPANIONS:
        return None
    inert = registry.ADDS_NOTHING_WHEN.get(resource.type)
    if inert is not None and str(resource.values.get(inert[0])).lower() == inert[1]:
        return None  # whatever its instances, they add nothing (an egress rule)
    made = companions.made.get(resource.address)
    if isinstance(made, list) and any(c.target in companions.mapped for c in made):
        return None
    # what its arguments refer to is found by the companion whatever the count; only what
    # comes through ``each`` / ``count`` (the expansion's references) is lost with them
    names = tuple(
        dict.fromkeys(
            base for ref in resource.expansion_refs if "." in (base := terraform_base(ref))
            and base.split(".", 1)[0] not in ("var", "local", "data", "each", "count")
        )
    )
    if not names:
        return None
    return LostPart(
        resource.file, resource.start_line, names=names, type=resource.type,
        folder=os.path.realpath(os.path.dirname(resource.file) or "."), unexpanded=True,
    )


def _lost_effects(
    lost: list[TfResource], ctx: TfContext
) -> tuple[dict[str, dict[str, list[str]]], dict[str, str]]:
    facets: dict[str, dict[str, list[str]]] = {}
    kinds: dict[str, str] = {}
    for resource in lost:
        if resource.mode != "managed":
            continue
        where = f"{resource.file}:{resource.start_line}"
        companion = registry.COMPANIONS.get(resource.type)
        mapping = registry.MAPPINGS.get(resource.type)
        try:
            if companion is not None:
                targets: dict[str, set[str]] = {}
                for made in companion(resource, ctx):
                    names = targets.setdefault(made.target, set())
                    names.update(made.updates)
                    if made.merge is not None:
                        names.update(made.merge(Facets()))
                for target, names in targets.items():
                    facets.setdefault(where, {})[target] = sorted(names)
            elif mapping is not None:
                mapped = mapping(resource, ctx)
                if mapped is not None:
                    kinds[where] = mapped[0]
        except Exception:  # its part stays one that may set anything
            continue
    return facets, kinds


def _error(resource: TfResource, exc: Exception) -> InputError:
    return InputError(
        resource.file,
        f"cannot map {resource.address}: {type(exc).__name__}: {exc}",
        resource.start_line,
        field=resource.address,
    )


__all__ = ["UNKNOWN", "TerraformMapper", "id_name", "small_attributes"]
