"""Magnum (OpenStack container infrastructure) clusters, Heat and Terraform alike: what the
cluster template and the cluster's own settings say of the API endpoint, the nodes' addresses
and network policy.

Magnum user guide (``MAGNUM_GUIDE``): "All the cluster nodes also get a floating ip on the
external network. This approach works by default"; the ``master_lb_floating_ip_enabled``
label "only takes effect when the template property master_lb_enabled is set. If not
specified, the default value is the same as template property floating_ip_enabled"; without
a master load balancer "one of the masters will serve as the API endpoint"; the Kubernetes
network driver defaults to ``flannel``, and "Calico allows users to setup network policies"
(flannel enforces none). The Kubernetes driver's master security group admits the API port
(6443) and SSH from any address (``secgroup_kube_master`` of the driver's templates), so a
master with a floating IP serves its API to the internet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet

MAGNUM_GUIDE = "https://docs.openstack.org/magnum/latest/user/index.html"
LB_FLOATING_LABEL = "master_lb_floating_ip_enabled"
#: "If this label is set to True, Kubernetes will support use Keystone for authorization
#: and authentication" (user guide, labels table: default true).
KEYSTONE_LABEL = "keystone_auth_enabled"
_POLICY_DRIVERS = {"calico": True, "flannel": False}


@dataclass(frozen=True)
class Setting:
    """One cluster setting: its value (None: not known) and, when nothing wrote it, the
    documented default that decided it."""

    value: Any
    default: DefaultedFacet | None = None


@dataclass
class ClusterFacts:
    """The facets of a Magnum cluster and the defaults that decided them."""

    facets: dict[str, Any] = field(default_factory=dict)
    defaults: dict[str, DefaultedFacet] = field(default_factory=dict)


def label_flag(labels: Mapping[str, Any] | None, name: str) -> Setting | None:
    """A boolean label (``"true"``/``"false"``): None when not written, a Setting of value
    None when it is not known (labels not known, or a value that is not a boolean)."""
    if labels is None:
        return Setting(None)
    value = labels.get(name)
    if value is None:
        return None
    text = str(value).strip().lower() if isinstance(value, str | bool) else ""
    return Setting({"true": True, "false": False}.get(text))


def _network_driver(driver: Setting) -> Setting:
    if driver.value is None and driver.default is None:
        return Setting(None)
    if driver.default is not None:  # not written: Magnum's default driver, flannel
        return Setting(False, driver.default)
    name = str(driver.value).strip().lower()
    return Setting(_POLICY_DRIVERS.get(name))


def judge(
    floating: Setting,
    master_lb: Setting,
    lb_floating_label: Setting | None,
    network_driver: Setting,
) -> ClusterFacts:
    """The cluster's ``public_endpoint`` (its API reachable through a floating IP, on a
    master or on the API load balancer), ``node_public_ip`` (floating IPs on the nodes) and
    ``network_policy_enforced`` (calico enforces network policies, flannel does not)."""
    facts = ClusterFacts()
    nodes = floating.value
    facts.facets["node_public_ip"] = nodes
    if nodes is not None and floating.default is not None:
        facts.defaults["node_public_ip"] = floating.default
    # the API load balancer's floating IP: the label, else floating_ip_enabled
    balancer: Setting = Setting(False)
    if master_lb.value is None:
        balancer = Setting(None)
    elif master_lb.value is True:
        balancer = lb_floating_label if lb_floating_label is not None else floating
    exposed = (nodes, balancer.value)
    public = True if True in exposed else (None if None in exposed else False)
    facts.facets["public_endpoint"] = public
    if public is True:  # what opened it
        why = floating.default if nodes is True else (balancer.default or master_lb.default)
    else:  # each closed: any of them a default
        why = next((s.default for s in (floating, master_lb, balancer) if s.default), None)
    if public is not None and why is not None:
        facts.defaults["public_endpoint"] = why
    policy = _network_driver(network_driver)
    facts.facets["network_policy_enforced"] = policy.value
    if policy.value is not None and policy.default is not None:
        facts.defaults["network_policy_enforced"] = policy.default
    return facts


#: Magnum's own defaults (a cluster template made through the API, or by Heat's
#: ``OS::Magnum::ClusterTemplate``, which documents the same ``floating_ip_enabled``).
NETWORK_DRIVER_DEFAULT = DefaultedFacet(attribute="network_driver", doc=MAGNUM_GUIDE)


def directory_auth(labels: Mapping[str, Any] | None) -> bool | None:
    """GDCC-CLU-006: ``keystone_auth_enabled`` written false leaves only the client
    certificates Magnum signs (``openstack coe cluster config``): no directory identity
    (False). On (its default), users may sign in with Keystone, but Magnum still signs
    certificates for the project's users, which cannot be revoked one by one: not decided
    (None)."""
    found = label_flag(labels, KEYSTONE_LABEL)
    return False if found is not None and found.value is False else None


#: Why GDCC-CLU-008 is UNKNOWN for a Magnum cluster (``rbac_authorization``), Terraform or Heat.
NO_AUTHORIZATION_SETTING = Text(
    en="the Magnum user guide documents no label or template setting for the Kubernetes API "
    "server's authorization mode",
    th="คู่มือผู้ใช้ Magnum ไม่ได้ระบุ label หรือการตั้งค่า template สำหรับโหมดการอนุญาตของ API server "
    "ของ Kubernetes",
)
#: Why GDCC-CLU-006 is what it is for a Magnum cluster (``directory_auth``).
KEYSTONE_OFF = Text(
    en="keystone_auth_enabled is false: only the client certificates Magnum signs for the "
    "project's users (openstack coe cluster config) give access",
    th="keystone_auth_enabled เป็น false เข้าถึงได้ด้วย client certificate ที่ Magnum ลงนามให้ผู้ใช้ของ "
    "project (openstack coe cluster config) เท่านั้น",
)
KEYSTONE_ON = Text(
    en="Keystone authentication is on (keystone_auth_enabled, default true), but Magnum also "
    "signs client certificates for the project's users (openstack coe cluster config), which "
    "cannot be revoked one by one",
    th="เปิดการยืนยันตัวตนด้วย Keystone (keystone_auth_enabled ค่าเริ่มต้น true) แต่ Magnum ยังลงนาม "
    "client certificate ให้ผู้ใช้ของ project (openstack coe cluster config) ซึ่งเพิกถอนทีละรายไม่ได้",
)
