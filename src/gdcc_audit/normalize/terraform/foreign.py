"""Public-address associations one Terraform root of a scan makes for a server it does not hold.

A root module is one configuration (``docs/iac.md``, Root modules): the folder Terraform runs
in, with every module it calls. A scan of several roots (``scan envs/``: ``envs/net`` and
``envs/app``) reads several configurations, each judged as a whole, and a server of one root
without an EIP / floating IP association of that root has no public address
(``public_address.no_association``). But one root can bind an address to a server of another:
``huaweicloud_compute_eip_associate`` whose ``instance_id`` is a data source looking the
server up by name, a remote state output, an input or a literal id. Such an association of a
scanned root names a server the scan cannot tell: it may be any server of another root of the
scan (GDCC-CMP-001 PASSed one that root ``net`` gave an EIP).

:func:`relate` runs on every Terraform document of a scan (of one tenant) before any is mapped
and writes on each the associations of the *other* roots whose target is not a resource of
their own root (``TfDocument.foreign_associations``); a lookup by a literal ``name`` is kept
so that a server of another name is not suspected. A root is not wholly read either when a
block of it was lost to a syntax error and may be an association (its type is one, or its
header was not read): ``TfDocument.lost_blocks``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from gdcc_audit.lazy import LazyModule
from gdcc_audit.load.interface import Document
from gdcc_audit.load.lost import META_KEY as LOST_KEY
from gdcc_audit.load.lost import LostPart
from gdcc_audit.load.terraform_model import UNKNOWN, ForeignAssociation, TfDocument, TfResource
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.settings import Settings

if TYPE_CHECKING:
    from gdcc_audit.normalize.terraform import azure_diagnostics
else:  # imported for a root with an Azure resource only (an AWS-only scan does not)
    azure_diagnostics = LazyModule("gdcc_audit.normalize.terraform.azure_diagnostics", globals())

#: Association types (Huawei Cloud EIPs, OpenStack floating IPs) -> the arguments naming what
#: they bind the address to (as ``huaweicloud.EIP_ASSOCIATIONS`` and ``openstack``'s).
OPENSTACK_ASSOCIATIONS: dict[str, tuple[str, ...]] = {
    "openstack_compute_floatingip_associate_v2": ("instance_id",),
    "openstack_networking_floatingip_associate_v2": ("port_id",),
    "openstack_networking_floatingip_v2": ("port_id",),
}


#: WAF domains (Huawei Cloud) -> the arguments naming the balancer or origin they protect
#: (``huaweicloud_waf``): one of another root may protect a balancer of this one.
WAF_DOMAINS: dict[str, tuple[str, ...]] = {
    "huaweicloud_waf_dedicated_domain": ("loadbalancer_id", "server"),
    "huaweicloud_waf_domain": ("server",),
}
WAF_TARGETS = ("huaweicloud_elb_loadbalancer", "huaweicloud_lb_loadbalancer")


#: Keystone role assignments and group memberships (``openstack._admin_privileges``) -> the
#: argument naming the user: one of another root may give a user of this one a role.
KEYSTONE_GRANTS: dict[str, tuple[str, ...]] = {
    "openstack_identity_role_assignment_v3": ("user_id",),
    "openstack_identity_inherit_role_assignment_v3": ("user_id",),
    "openstack_identity_user_membership_v3": ("user_id",),
}


#: Alibaba Cloud EIP associations (``alicloud.EIP_ASSOCIATIONS``): an ECS instance's.
#: An ``alicloud_db_connection`` gives an RDS instance an Internet connection string, an
#: ``alicloud_kvstore_connection`` a Tair / Memcache instance a public endpoint.
ALICLOUD_ASSOCIATIONS: dict[str, tuple[str, ...]] = {
    "alicloud_eip_association": ("instance_id",),
    "alicloud_db_connection": ("instance_id",),
    "alicloud_kvstore_connection": ("instance_id",),
}


def association_types() -> dict[str, tuple[str, ...]]:
    """EIP / floating IP association types -> the arguments naming what they bind."""
    from gdcc_audit.normalize.terraform.huaweicloud import EIP_ASSOCIATIONS

    return {**EIP_ASSOCIATIONS, **OPENSTACK_ASSOCIATIONS, **ALICLOUD_ASSOCIATIONS}


def _targets(kind: str) -> tuple[str, ...]:
    """The resource types an association of type ``kind`` can bind: an ECS for
    ``huaweicloud_compute_eip_associate``, any EIP holder for a port or global association,
    its own database type for a database's; an OpenStack server (or a balancer's VIP port)."""
    from gdcc_audit.normalize.terraform.context_types import CONTEXT_TYPES
    from gdcc_audit.normalize.terraform.huaweicloud import HOLDERS

    if kind == "huaweicloud_compute_eip_associate":
        return ("huaweicloud_compute_instance",)
    if kind in ("huaweicloud_vpc_eip_associate", "huaweicloud_networking_eip_associate",
                "huaweicloud_global_eip_associate"):
        return tuple(sorted(HOLDERS))
    if kind == "alicloud_db_connection":
        return ("alicloud_db_instance",)
    if kind == "alicloud_kvstore_connection":
        return ("alicloud_kvstore_instance", "alicloud_redis_tair_instance")
    if kind in ALICLOUD_ASSOCIATIONS:
        return ("alicloud_instance",)
    if kind in OPENSTACK_ASSOCIATIONS and kind.startswith("openstack_networking"):
        return ("openstack_compute_instance_v2", "openstack_lb_loadbalancer_v2")
    return CONTEXT_TYPES.get(kind, ())


def _outward(
    item: TfResource, ctx: TfContext, names: tuple[str, ...], shown: str
) -> ForeignAssociation | None:
    """The association as seen from other roots when its target is not a managed resource
    of its own root (nor a data source looked up by one); None otherwise, or when it names
    nothing (a floating IP left unassociated)."""
    written = [item.values.get(n) for n in names]
    if all(w is None or w == "" for w in written):
        return None
    looked_up: tuple[str, str] | None = None
    refs = [ref for ref in item.references if ref.attribute.split(".", 1)[0] in names]
    for ref in refs:
        found = ctx.resolve(item, ref.target)
        if found is None:
            continue  # a remote state output, a module output not read: outside the root
        if found.mode == "managed":
            return None
        if any(
            (seen := ctx.resolve(found, r.target)) is not None and seen.mode == "managed"
            for r in found.references
        ):
            return None  # looked up by a resource of the root (a port by its server's address)
        name = found.values.get("name")
        looked_up = (found.type, name) if isinstance(name, str) and name else None
    waf = item.type in WAF_DOMAINS
    if item.type in KEYSTONE_GRANTS:
        return ForeignAssociation(
            root=shown, address=item.address, provider=item.provider,
            targets=("openstack_identity_user_v3",), looked_up=looked_up, kind="role",
        )
    return ForeignAssociation(
        root=shown,
        address=item.address,
        provider=item.provider,
        targets=WAF_TARGETS if waf else _targets(item.type),
        looked_up=looked_up,
        kind="waf" if waf else "address",
    )


def _diagnostics(
    resources: Sequence[TfResource], ctx: TfContext, shown: str
) -> list[ForeignAssociation]:
    """The Azure diagnostic settings of a root whose target is not one of its resources:
    they may send the logs of a gateway of another root (``azure_diagnostics``)."""
    found = []
    for item in resources:
        if item.mode != "managed" or not item.type.startswith(("azurerm_", "azapi_")):
            continue  # (azure_diagnostics is imported for Azure roots only)
        if not azure_diagnostics.is_setting(item):
            continue
        attribute = "target_resource_id" if item.type == azure_diagnostics.SETTING else "parent_id"
        literal = item.values.get(attribute)
        if isinstance(literal, str) and not azure_diagnostics.names_gateway(literal):
            continue  # a subscription's or another service's id
        made = _outward(item, ctx, (attribute,), shown)
        if made is None:
            continue
        sent = azure_diagnostics.sent_categories(item)
        found.append(replace(
            made, kind="diagnostic", targets=(),
            categories=None if sent is None else tuple(sorted(sent[0] | sent[1])),
        ))
    return found


def _locks(
    resources: Sequence[TfResource], ctx: TfContext, shown: str
) -> list[ForeignAssociation]:
    """The Azure management locks of a root whose scope is not one of its resources: they
    may lock a Log Analytics workspace of another root (``azure_locks``); a lock whose count
    is not known keeps neither its lookup nor its scope (it may not exist)."""
    from gdcc_audit.normalize.terraform import azure_locks

    found = []
    for item, attribute in azure_locks.locks_of(resources):
        made = _outward(item, ctx, (attribute,), shown)
        if made is None:
            continue
        written = item.values.get(attribute)
        certain = item.index is not UNKNOWN and not item.maybe
        found.append(replace(
            made, kind="lock", targets=(),
            looked_up=made.looked_up if certain else None,
            scope=written if certain and isinstance(written, str) else None,
        ))
    return found


def _lost_blocks(documents: Sequence[Document]) -> list[tuple[str, str]]:
    """``(file:line, type)`` of the blocks of one root that were not assessed (a syntax
    error); type ``""`` when the block's header was not read."""
    return sorted({
        (part.where, part.type)
        for document in documents
        for part in (document.meta.get(LOST_KEY) or ())
        if isinstance(part, LostPart)
    })


def relate(documents: Sequence[Document]) -> None:
    """Write on each Terraform document the outward associations of the other roots of the
    scan, and the blocks of its own root that were lost and may be associations."""
    by_root: dict[str, list[TfDocument]] = {}
    whole: dict[str, list[Document]] = {}
    for loaded in documents:
        if isinstance(loaded.data, TfDocument):
            by_root.setdefault(loaded.data.root, []).append(loaded.data)
            whole.setdefault(loaded.data.root, []).append(loaded)
    for parts in whole.values():
        lost = _lost_blocks(parts)
        for part in parts:
            part.data.lost_blocks = lost
    if len(by_root) < 2:
        return
    wanted = {**association_types(), **WAF_DOMAINS, **KEYSTONE_GRANTS}
    settings = Settings()
    base = os.path.commonpath([os.path.abspath(root) for root in by_root])
    outward: dict[str, list[ForeignAssociation]] = {}
    for root, docs in by_root.items():
        ctx = TfContext.of(docs[0], settings)
        shown = os.path.relpath(os.path.abspath(root), base).replace(os.sep, "/")
        found = [
            made
            for item in docs[0].root_resources
            if item.mode == "managed" and item.type in wanted
            and (made := _outward(item, ctx, wanted[item.type], shown)) is not None
        ]
        outward[root] = (
            found + _diagnostics(docs[0].root_resources, ctx, shown)
            + _locks(docs[0].root_resources, ctx, shown)
        )
    for root, docs in by_root.items():
        others = [a for other, made in outward.items() if other != root for a in made]
        for document in docs:
            document.foreign_associations = others
