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
(``projects/p/global/networks/net``, ``https://www.googleapis.com/compute/v1/...``) whose
network name is the literal ``name`` of a ``google_compute_network`` of the scan and whose
project is known to be that network's: both written literally (the network's ``project``, or
its provider configuration's when it writes none) and equal. Network names are unique only
within a project: a link whose project is an input (``projects/${var.project_id}/global/
networks/net``, as terraform-google-memorystore's Valkey and Redis Cluster modules build
them), or a network whose project is not known, may name a network of that name in another
project, outside the scan: the sources are not known, naming the candidate (it was matched
by name alone, a FAIL or PASS resting on another project's network). Another literal
project: not that network. A bare name, an input, or a choice made at apply time leaves the
sources not known. Whether a client must sign in or use
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


def _network(
    r: TfResource, path: str, ctx: TfContext | None = None
) -> str | Text | None:
    """``ref:<network>`` when ``path`` names exactly one resource of the scan by reference,
    or by a self link in that network's project (:func:`network_link`); why not known when a
    self link names a network of the scan whose project may differ; None when it is a bare
    name, an input or a choice."""
    refs = list(dict.fromkeys(x.target for x in r.references if x.attribute.startswith(path)))
    if len(refs) == 1 and not may_be_beyond(r, path):
        return f"ref:{refs[0]}"
    found = network_link(r, path, ctx) if ctx is not None and not refs else None
    if found is None:
        return None
    network, doubt = found
    return doubt if doubt is not None else f"ref:{network.address}"


def network_link(
    r: TfResource, path: str, ctx: TfContext
) -> tuple[TfResource, Text | None] | None:
    """The ``google_compute_network`` of the scan a self link at ``path`` names (its text, or
    its written shape when a part is an input), with why it is only perhaps that network
    (None when the link's project is known to be the network's); None when not such a link,
    or no network of the scan has its literal name (or one has, in another project)."""
    written = _value_at(r, path)
    if written is None:
        written = r.shapes.get(path)
    matched = _NETWORK_LINK.match(written) if isinstance(written, str) else None
    if matched is None or UNKNOWN_TEXT in matched["name"]:
        return None
    project = None if UNKNOWN_TEXT in matched["project"] else matched["project"]
    candidate: TfResource | None = None
    for network in ctx.related(("google_compute_network",)):
        if network.mode != "managed" or network.values.get("name") != matched["name"]:
            continue
        own = _project_of(network, ctx)
        if project is not None and own is not None:
            if own == project:
                return network, None
            continue  # another project's network of that name
        candidate = candidate or network
    if candidate is None:
        return None
    shown = matched["project"].replace(UNKNOWN_TEXT, "${...}")
    own = _project_of(candidate, ctx)
    return candidate, Text(
        en=f"{r.address} {path} names network {matched['name']} of project {shown}, which "
        f"is {candidate.address} of the scan only if {candidate.address} is in that project "
        f"({'its project is ' + own if own else 'its project is not known'}): network names "
        "are unique only within a project",
        th=f"{r.address} {path} ระบุเครือข่าย {matched['name']} ของโปรเจกต์ {shown} "
        f"ซึ่งเป็น {candidate.address} ในชุดที่ตรวจก็ต่อเมื่อ {candidate.address} "
        f"อยู่ในโปรเจกต์นั้น ({'โปรเจกต์ของมันคือ ' + own if own else 'ไม่ทราบโปรเจกต์ของมัน'}) "
        "เพราะชื่อเครือข่ายไม่ซ้ำกันเฉพาะภายในโปรเจกต์เดียว",
    )


def _project_of(network: TfResource, ctx: TfContext) -> str | None:
    """A network's project when written literally: its ``project``, or (none written) its
    provider configuration's; None when not known."""
    own = network.values.get("project")
    if own is None and "project" not in network.values:
        own = _provider_project(network, ctx)
    return own if isinstance(own, str) and own and UNKNOWN_TEXT not in own else None


def _provider_project(resource: TfResource, ctx: TfContext) -> Any:
    """The ``project`` of the resource's provider configuration (None when not written or
    not declared in the scan)."""
    providers = getattr(ctx.document, "providers", None)
    if not isinstance(providers, dict):
        return None
    config = providers.get(resource.provider_config or "google")
    if isinstance(config, list):
        config = config[0] if config else None
    return config.get("project") if isinstance(config, dict) else None


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
    sources = (source,) if isinstance(source, str) else None
    return {"ingress": _rules(r, sources, MEMCACHE_PORTS, "authorized_network", _doubt(source))}


def _endpoint_networks(
    r: TfResource, name: str, ctx: TfContext | None = None
) -> tuple[str, ...] | Text | None:
    """The networks each ``name`` block names by reference (``ref:<network>``); why not
    known when a self link only perhaps names a network of the scan; None when a block or a
    network is not known, or none is written."""
    configs = blocks(r.values, name)
    if not configs:
        return None
    found = [_network(r, f"{name}.{i}.network", ctx) for i in range(len(configs))]
    if all(isinstance(item.get("network"), str) or item.get("network") is UNKNOWN
           for item in configs) and all(found):
        doubt = next((s for s in found if isinstance(s, Text)), None)
        if doubt is not None:
            return doubt
        return tuple(dict.fromkeys(s for s in found if isinstance(s, str)))
    return None


def _doubt(found: str | Text | None) -> Text | None:
    """Why :func:`_network`'s answer leaves the sources not known, when it says."""
    return found if isinstance(found, Text) else None


def _split(
    found: tuple[str, ...] | Text | None,
) -> tuple[tuple[str, ...] | None, Text | None]:
    """The sources of :func:`_endpoint_networks`' answer, and why they are not known."""
    return (None, found) if isinstance(found, Text) else (found, None)


def redis_cluster_reach(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """The addresses of each ``psc_configs`` network on 6379 and 11000-13047."""
    sources, why = _split(_endpoint_networks(r, "psc_configs", ctx))
    return {"ingress": _rules(r, sources, REDIS_CLUSTER_PORTS, "psc_configs", why)}


def valkey_reach(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """The addresses of each automatic endpoint's network on 6379 and 11000-13047."""
    for name in _VALKEY_ENDPOINTS:
        if r.values.get(name) is not None:
            sources, why = _split(_endpoint_networks(r, name, ctx))
            return {"ingress": _rules(r, sources, REDIS_CLUSTER_PORTS, name, why)}
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
    sources = (source,) if isinstance(source, str) else None
    return {"ingress": _rules(
        r, sources, redis_ports(r.values), "authorized_network", _doubt(source)
    )}


EXTRAS: dict[str, ExtraFn] = {
    MEMCACHE: memcache_reach,
    REDIS_CLUSTER: redis_cluster_reach,
    REDIS: redis_reach,
    VALKEY: valkey_reach,
}
