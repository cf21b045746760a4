"""Amazon ECS services whose tasks run a database: data stores of the resource graph.

A task definition may run ``postgres``, ``redis`` or ``mongo`` like any other container (the
yelb sample's ``yelb-db`` on 5432 and ``redis-server`` on 6379); the service that runs it
holds the data, behind its tasks' security groups. The mappers write what a service's task
definition runs (``normalize/ecs_network.ECS_CONTAINERS``); a container is a database's when
its image is a database's (``graph/store_images.py``, the matcher Kubernetes workloads use
too: the last part of its repository's name, tag left out, starts with the database's name:
``postgres:13``, ``bitnami/redis``, ``docker.elastic.co/elasticsearch/elasticsearch``;
exporters and admin consoles are left out) or when it maps a usual database port.

The port the store listens on, judged by GDCC-GRAPH-005: in ``awsvpc`` and ``host`` mode a
mapping's ``containerPort`` (the task's own network interface, or its host's, "the container
port is mapped directly to the host", task-networking.html); in ``bridge`` mode (and Windows'
``default`` NAT) a mapping's ``hostPort``, and a mapping without one gets a host port of the
ephemeral range (``ecs_network.DYNAMIC_PORTS``): not known. A container that maps no port
listens, in ``awsvpc`` and ``host`` mode, on its image's port (the ``EXPOSE`` of the
database's official image on Docker Hub): a default, said as such; in ``bridge`` mode nothing
outside its host reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gdcc_audit.graph.store_images import (
    DB_PORTS,
    beside_a_store,
    image_engine,
    named_like_a_database,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.ecs_network import ECS_CONTAINERS

#: Modes in which a container's port is the task's own (or its host's) interface.
_DIRECT = ("awsvpc", "host")


@dataclass(frozen=True)
class StoreContainer:
    """A container of the service that holds data, and where it listens."""

    name: str
    image: str | None
    #: The database its image is (None: a store by its mapped port only).
    engine: str | None
    #: The ports it listens on, outside its task (``how`` says from what).
    ports: tuple[int, ...]
    #: ``mapped`` (its port mappings), ``image default`` (its image's port, no mapping
    #: written), ``dynamic`` (a bridge host port of the ephemeral range), ``not known``,
    #: ``none`` (no mapping in bridge mode: nothing outside its host reaches it).
    how: str


def _summary(resource: Resource) -> dict[str, Any] | None:
    if resource.kind != "container.service":
        return None
    found = resource.attributes.get(ECS_CONTAINERS)
    return found if isinstance(found, dict) else None


def _store(container: dict[str, Any], mode: Any) -> StoreContainer | None:
    image = container.get("image")
    engine = image_engine(image) if isinstance(image, str) else None
    mappings = container.get("ports")
    pairs = [p for p in mappings if isinstance(p, list) and len(p) == 2] if isinstance(
        mappings, list) else []
    direct = mode in _DIRECT
    inside = [c for c, _ in pairs]
    outside = inside if direct else [h or None for _, h in pairs]  # 0: a dynamic port
    if engine is None and not any(p in DB_PORTS for p in inside if isinstance(p, int)):
        return None
    name = str(container.get("name") or "?")
    engine_name = engine[0] if engine else None
    if mappings is None or mode is None:
        return StoreContainer(name, image, engine_name, (), "not known")
    if not pairs:
        if direct and engine is not None:
            return StoreContainer(name, image, engine_name, (engine[1],), "image default")
        return StoreContainer(name, image, engine_name, (), "none" if not direct else "not known")
    if any(p is None for p in outside):
        known = tuple(p for p in outside if isinstance(p, int))
        how = "not known" if direct or any(c is None for c in inside) else "dynamic"
        return StoreContainer(name, image, engine_name, known, how)
    return StoreContainer(
        name, image, engine_name, tuple(dict.fromkeys(p for p in outside if p)), "mapped"
    )


def store_containers(resource: Resource) -> list[StoreContainer]:
    """The containers of an ECS service's task that hold data (none for any other
    resource)."""
    summary = _summary(resource)
    if summary is None:
        return []
    containers = summary.get("containers")
    found = (
        _store(c, summary.get("mode"))
        for c in (containers if isinstance(containers, list) else [])
        if isinstance(c, dict)
    )
    return [c for c in found if c is not None]


def is_ecs_store(resource: Resource) -> bool:
    """True for an ECS service whose task runs a database container."""
    return bool(store_containers(resource))


def only_stores(resource: Resource) -> bool:
    """True when every container of the service's task is a database's (or its exporter's,
    its admin console's): nothing in it connects on (a search of paths ends there); an
    application beside a database sidecar may reach further."""
    summary = _summary(resource)
    containers = summary.get("containers") if summary else None
    if not isinstance(containers, list) or not store_containers(resource):
        return False
    mode = summary.get("mode") if summary else None
    return all(
        isinstance(c, dict) and (
            _store(c, mode) is not None
            or (isinstance(c.get("image"), str) and beside_a_store(c["image"]))
        )
        for c in containers
    )


def ecs_store_ports(resource: Resource) -> tuple[tuple[int, ...], bool]:
    """The ports the service's database containers listen on, and whether one is not known
    (a value not known, a bridge host port of the ephemeral range)."""
    ports: list[int] = []
    not_known = False
    for container in store_containers(resource):
        ports.extend(p for p in container.ports if p not in ports)
        not_known = not_known or container.how in ("not known", "dynamic")
    return tuple(ports), not_known


def _one(container: StoreContainer) -> tuple[str, str]:
    image = f"image {container.image}" if container.image else "an image not known"
    shown = ", ".join(str(p) for p in container.ports)
    runs = f"container {container.name} runs {image}"
    if container.how == "mapped":
        on = "port" if len(container.ports) == 1 else "ports"
        return f"{runs} on {on} {shown}", f"คอนเทนเนอร์ {container.name} รัน {image} บนพอร์ต {shown}"
    if container.how == "image default":
        return (
            f"{runs}, which listens on {shown} by default (no port mapping written)",
            f"คอนเทนเนอร์ {container.name} รัน {image} ซึ่งเปิดรับที่พอร์ต {shown} "
            "โดยค่าเริ่มต้น (ไม่ได้กำหนด port mapping)",
        )
    if container.how == "dynamic":
        return (
            f"{runs} on a host port of the ephemeral range 32768-65535 (no hostPort written)",
            f"คอนเทนเนอร์ {container.name} รัน {image} บนพอร์ตของโฮสต์ในช่วง 32768-65535 "
            "(ไม่ได้กำหนด hostPort)",
        )
    if container.how == "none":
        return (
            f"{runs}, with no port mapping in bridge mode (not reached from outside its host)",
            f"คอนเทนเนอร์ {container.name} รัน {image} โดยไม่มี port mapping ในโหมด bridge "
            "(เข้าถึงจากนอกโฮสต์ไม่ได้)",
        )
    return (f"{runs} on a port not known",
            f"คอนเทนเนอร์ {container.name} รัน {image} บนพอร์ตที่ไม่ทราบค่า")


def store_text(resource: Resource) -> Text | None:
    """Why an ECS service is a data store (``its task's container db runs image postgres:13
    on port 5432``); None for any other resource."""
    found = [_one(c) for c in store_containers(resource)]
    if not found:
        return None
    return Text(
        en="its task's " + "; ".join(en for en, _ in found),
        th="ในงาน (task) ของบริการ " + " ".join(th for _, th in found),
    )


def not_store_text(resource: Resource, default: Text) -> Text:
    """Why an ECS service is no data store of the graph (``default`` for other resources):
    its task runs no database, or what it runs is not known (its task definition is not in
    the scan, or its containers are values not known)."""
    if resource.kind != "container.service":
        return default
    summary = _summary(resource)
    if summary is None:
        return Text(
            en=f"{default.en}: what its tasks run is not known (its task definition is not in "
            "the scan or not known); an ECS service is judged as a data store when its task "
            "runs a database",
            th=f"{default.th}: ไม่ทราบว่างาน (task) ของบริการรันอะไร (task definition ไม่อยู่ในการสแกน"
            "หรือไม่ทราบค่า) บริการ ECS จะถูกตรวจเป็นที่เก็บข้อมูลเมื่องานรันฐานข้อมูล",
        )
    containers = summary.get("containers")
    unread = [
        str(c.get("name") or "?") for c in (containers if isinstance(containers, list) else [])
        if isinstance(c, dict) and not isinstance(c.get("image"), str)
    ]
    en = (f"{default.en}: no container of its task runs a known database image or maps a usual "
          "database port")
    th = f"{default.th}: ไม่มีคอนเทนเนอร์ในงาน (task) ที่รันอิมเมจฐานข้อมูลที่รู้จักหรือใช้พอร์ตฐานข้อมูลทั่วไป"
    if unread:
        names = ", ".join(unread)
        en += f" (the image of {names} is not known)"
        th += f" (ไม่ทราบอิมเมจของ {names})"
    return Text(en=en, th=th)


def maybe_store_text(resource: Resource) -> Text | None:
    """Why an ECS service that is no data store of the graph may still run a database: a
    container of its task runs an image no database is known by, named like one
    (``store_images.named_like_a_database``: the yelb sample's ``mreferre/yelb-db:0.6``), and
    maps no usual database port. Its rules are UNKNOWN with this reason rather than
    NOT_APPLICABLE (it may hold data) or judged (its port, even that it holds data, is not
    known). The same for a Kubernetes workload (:func:`_workload_maybe`). None for any other
    resource."""
    if resource.kind == "k8s.workload":
        return _workload_maybe(resource)
    summary = _summary(resource)
    if summary is None or store_containers(resource):
        return None
    containers = summary.get("containers")
    named = [
        (str(c.get("name") or "?"), c["image"])
        for c in (containers if isinstance(containers, list) else [])
        if isinstance(c, dict) and isinstance(c.get("image"), str)
        and named_like_a_database(c["image"])
    ]
    if not named:
        return None
    en = "; ".join(f"container {name} runs image {image}" for name, image in named)
    th = " ".join(f"คอนเทนเนอร์ {name} รัน image {image}" for name, image in named)
    return Text(
        en=f"it may be a data store: its task's {en}, named like a database but no known "
        "database image, and maps no usual database port; whether it holds data, and on "
        "which port, is not known",
        th=f"อาจเป็นที่เก็บข้อมูล: ในงาน (task) ของบริการ {th} ซึ่งตั้งชื่อแบบฐานข้อมูลแต่ไม่ใช่"
        "อิมเมจฐานข้อมูลที่รู้จัก และไม่ได้ใช้พอร์ตฐานข้อมูลทั่วไป "
        "จึงไม่ทราบว่าเก็บข้อมูลหรือไม่และเปิดรับที่พอร์ตใด",
    )


def _workload_maybe(resource: Resource) -> Text | None:
    """:func:`maybe_store_text` for a Kubernetes workload that is no data store of the graph
    (no known database image, no usual database port declared): a container whose image is
    named like a database (``acme/orders-db:1.2``, ``acme/timeseriesdb``) may be one, on a port
    not known, as an ECS task's container (it was NOT_APPLICABLE "not a data store")."""
    from gdcc_audit.graph import kube
    from gdcc_audit.graph.network import is_data_store

    if is_data_store(resource):
        return None
    named = [
        (str(c.get("name") or "?"), c["image"]) for c in kube.containers(resource)
        if isinstance(c.get("image"), str) and named_like_a_database(c["image"])
    ]
    if not named:
        return None
    en = "; ".join(f"container {name} runs image {image}" for name, image in named)
    th = " ".join(f"คอนเทนเนอร์ {name} รัน image {image}" for name, image in named)
    return Text(
        en=f"it may be a data store: its {en}, named like a database but no known database "
        "image, and declares no usual database port; whether it holds data, and on which "
        "port, is not known",
        th=f"อาจเป็นที่เก็บข้อมูล: {th} ซึ่งตั้งชื่อแบบฐานข้อมูลแต่ไม่ใช่อิมเมจฐานข้อมูลที่รู้จัก "
        "และไม่ได้ประกาศพอร์ตฐานข้อมูลทั่วไป จึงไม่ทราบว่าเก็บข้อมูลหรือไม่และเปิดรับที่พอร์ตใด",
    )
