"""What Memorystore for Memcached, Redis, Redis Cluster and Valkey admit on the network.

Neither has a public address (``public_endpoint`` false in their mappers); what reaches them
is the VPC network they are attached to, on their documented ports:

- ``google_memcache_instance``: its nodes take private addresses in its
  ``authorized_network`` ("If left unspecified, the default network will be used",
  registry.terraform.io/providers/hashicorp/google/latest/docs/resources/memcache_instance)
  and listen on 11211 ("Memorystore for Memcached ... uses port 11211",
  cloud.google.com/memorystore/docs/memcached/networking).
- ``google_redis_cluster``: clients reach it through the Private Service Connect endpoints
  of its ``psc_configs`` networks, on 6379 and 11000-13047 ("For all of your cluster's Private
  Service Connect endpoints, you must allow TCP port 6379, as well as TCP ports 11000 through
  13047", cloud.google.com/memorystore/docs/cluster/connect-cluster-instance).

- ``google_memorystore_instance`` (Memorystore for Valkey): the same, through the endpoints
  of its ``desired_auto_created_endpoints`` / ``desired_psc_auto_connections`` networks ("For
  all of your instance's Private Service Connect endpoints, you must allow TCP port 6379, as
  well as TCP ports 11000 through 13047", cloud.google.com/memorystore/docs/valkey/
  connect-instance); endpoints made otherwise: not known.
- ``google_redis_instance`` (Memorystore for Redis): clients are the VMs "that use the Redis
  instance's authorized network" (cloud.google.com/memorystore/docs/redis/
  connect-redis-instance), with either ``connect_mode`` (DIRECT_PEERING, the default, or
  PRIVATE_SERVICE_ACCESS): its ``authorized_network`` ("If left unspecified, the default
  network will be used", registry.terraform.io/providers/hashicorp/google/latest/docs/
  resources/redis_instance). It listens on 6379 ("telnet instance-ip-address 6379", the same
  page); with in-transit encryption (``transit_encryption_mode = "SERVER_AUTHENTICATION"``;
  "DISABLED" unless written) clients connect over TLS on 6378 (the same page's TLS
  example), so 6378 is admitted first and 6379 kept (a mode not known: both).

A network named by one reference to a network of the scan admits that network's addresses
(as a Cloud SQL private IP: ``google.sql_instance``); so does a self link or relative path
(``projects/p/global/networks/net``, ``https://www.googleapis.com/compute/v1/...``, its
project an input or not: ``projects/${var.project_id}/global/networks/net``) whose network
name is the literal ``name`` of a ``google_compute_network`` of the scan and whose project,
when both sides write it literally, is that network's (terraform-google-memorystore's
Valkey and Redis Cluster modules build their networks so; a project not written or an input
is the network's, most likely: never fewer sources on doubt). A bare name, an input, or a
choice made at apply time leaves the sources not known. Whether a client must sign in or use
TLS is the mappers' (GDCC-DB-006, GDCC-ENC-004).
"""

from __future__ import annotations

import re
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.normalize.terraform.context import TfContext, may_be_beyond
from gdcc_audit.normalize.terraform.extras import ExtraFn
from gdcc_audit.normalize.terraform.values import blocks

MEMCACHE = "google_memcache_instance"
REDIS_CLUSTER = "google_redis_cluster"
REDIS = "google_redis_instance"
VALKEY = "google_memorystore_instance"
#: The blocks of a Valkey instance that name the networks of its automatic endpoints.
_VALKEY_ENDPOINTS = ("desired_auto_created_endpoints", "desired_psc_auto_connections")
#: Memcached's port.
MEMCACHE_PORTS = ((11211, 11211),)
#: Redis Cluster: the discovery endpoint's port and the nodes' range.
REDIS_CLUSTER_PORTS = ((6379, 6379), (11000, 13047))
#: Memorystore for Redis: plain, and with in-transit encryption (TLS first).
REDIS_PORTS = ((6379, 6379),)
REDIS_TLS_PORTS = ((6378, 6378), (6379, 6379))


#: A network's self link or relative path: its project and name.
_NETWORK_LINK = re.compile(
    r"^(?:https://(?:www|compute)\.googleapis\.com/compute/(?:v1|beta)/)?"
    r"projects/(?P<project>[^/]+)/global/networks/(?P<name>[^/]+)$"
)


def _network(r: TfResource, path: str, ctx: TfContext | None = None) -> str | None:
    """``ref:<network>`` when ``path`` names exactly one resource of the scan by reference,
    or by a self link (:func:`network_link`); None when it is a bare name, an input or a
    choice."""
    refs = list(dict.fromkeys(x.target for x in r.references if x.attribute.startswith(path)))
    if len(refs) == 1 and not may_be_beyond(r, path):
        return f"ref:{refs[0]}"
    found = network_link(r, path, ctx) if ctx is not None and not refs else None
    return None if found is None else f"ref:{found.address}"


def network_link(r: TfResource, path: str, ctx: TfContext) -> TfResource | None:
    """The ``google_compute_network`` of the scan a self link at ``path`` names (its text, or
    its written shape when a part is an input); None when not such a link, or no network of
    the scan has its literal name (or one has, in another project)."""
    written = _value_at(r, path)
    if written is None:
        written = r.shapes.get(path)
    matched = _NETWORK_LINK.match(written) if isinstance(written, str) else None
    if matched is None or UNKNOWN_TEXT in matched["name"]:
        return None
    project = None if UNKNOWN_TEXT in matched["project"] else matched["project"]
    for network in ctx.related(("google_compute_network",)):
        if network.mode != "managed" or network.values.get("name") != matched["name"]:
            continue
        own = network.values.get("project")
        if project is not None and isinstance(own, str) and own:
            if own == project:
                return network
            continue
        return network
    return None


def _value_at(r: TfResource, path: str) -> str | None:
    """The literal text at a dotted value path (``psc_configs.0.network``); None when it is
    not a text."""
    value: Any = r.values
    for part in path.split("."):
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value if isinstance(value, str) else None


def _rules(
    r: TfResource, sources: tuple[str, ...] | None, ports: tuple[tuple[int, int], ...], by: str,
    said: Text | None = None,
) -> tuple[IngressRule, ...]:
    why = None if sources is not None else said or Text(
        en=f"{r.address} {by} names no network of the scan",
        th=f"{r.address} {by} ไม่ได้ระบุเครือข่ายที่อยู่ในชุดที่ตรวจ",
    )
    if sources is None and by == "authorized_network" and r.values.get(by) is None:
        why = Text(
            en=f"{r.address} writes no {by}: the project's default network, which is not in "
            "the scan",
            th=f"{r.address} ไม่ได้กำหนด {by} จึงใช้เครือข่าย default ของโปรเจกต์ "
            "ซึ่งไม่อยู่ในชุดที่ตรวจ",
        )
    return tuple(
        IngressRule(protocol="tcp", from_port=low, to_port=high, sources=sources,
                    declared_by=f"{r.address} {by}", unknown_why=why)
        for low, high in ports
    )


def memcache_reach(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """The addresses of a Memcached instance's ``authorized_network`` on 11211."""
    source = _network(r, "authorized_network", ctx)
    sources = None if source is None else (source,)
    return {"ingress": _rules(r, sources, MEMCACHE_PORTS, "authorized_network")}


def _endpoint_networks(
    r: TfResource, name: str, ctx: TfContext | None = None
) -> tuple[str, ...] | None:
    """The networks each ``name`` block names by reference (``ref:<network>``); None when a
    block or a network is not known, or none is written."""
    configs = blocks(r.values, name)
    if not configs:
        return None
    found = [_network(r, f"{name}.{i}.network", ctx) for i in range(len(configs))]
    if all(isinstance(item.get("network"), str) or item.get("network") is UNKNOWN
           for item in configs) and all(found):
        return tuple(dict.fromkeys(s for s in found if s is not None))
    return None


def redis_cluster_reach(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """The addresses of each ``psc_configs`` network on 6379 and 11000-13047."""
    sources = _endpoint_networks(r, "psc_configs", ctx)
    return {"ingress": _rules(r, sources, REDIS_CLUSTER_PORTS, "psc_configs")}


def valkey_reach(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """The addresses of each automatic endpoint's network on 6379 and 11000-13047."""
    for name in _VALKEY_ENDPOINTS:
        if r.values.get(name) is not None:
            sources = _endpoint_networks(r, name, ctx)
            return {"ingress": _rules(r, sources, REDIS_CLUSTER_PORTS, name)}
    made_elsewhere = Text(
        en=f"{r.address} has no automatic endpoints ({_VALKEY_ENDPOINTS[0]}): its Private "
        "Service Connect endpoints are made outside it",
        th=f"{r.address} ไม่มี endpoint อัตโนมัติ ({_VALKEY_ENDPOINTS[0]}) "
        "endpoint แบบ Private Service Connect จึงสร้างจากภายนอก",
    )
    return {"ingress": _rules(r, None, REDIS_CLUSTER_PORTS, "endpoints", made_elsewhere)}


def redis_ports(values: Any) -> tuple[tuple[int, int], ...]:
    """A Memorystore for Redis instance's ports: 6379, and 6378 first with in-transit
    encryption or a mode not known."""
    mode = values.get("transit_encryption_mode") if hasattr(values, "get") else None
    if mode is None or (isinstance(mode, str) and mode.upper() == "DISABLED"):
        return REDIS_PORTS
    return REDIS_TLS_PORTS


def redis_reach(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """The addresses of a Redis instance's ``authorized_network`` on its ports."""
    source = _network(r, "authorized_network", ctx)
    sources = None if source is None else (source,)
    return {"ingress": _rules(r, sources, redis_ports(r.values), "authorized_network")}


EXTRAS: dict[str, ExtraFn] = {
    MEMCACHE: memcache_reach,
    REDIS_CLUSTER: redis_cluster_reach,
    REDIS: redis_reach,
    VALKEY: valkey_reach,
}
