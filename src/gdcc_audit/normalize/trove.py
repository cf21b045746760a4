"""Trove (OpenStack database service) instances, Heat and Terraform alike: whether the
database has a public endpoint.

Trove exposes an instance to the public only when its create request has ``access`` with
``is_public`` true (Database API reference, Create Database Instance: "access: defines how
the database service is exposed"; Trove makes the port public, a floating IP, only then:
``access.get('is_public', False)`` in trove/taskmanager/models.py, ``make_port_public`` in
trove/common/neutron.py). Neither Heat's ``OS::Trove::Instance`` nor the Terraform
``openstack_db_instance_v1`` can send ``access``, so the instance is reachable on the
networks it is attached to only: public when one of them is external, private when all are
networks of the scan that are not.
"""

from __future__ import annotations

from collections.abc import Sequence

from gdcc_audit.models.common import Text

TROVE_API = "https://docs.openstack.org/api-ref/database/#create-database-instance"


def trove_private(kind: str, networks: Sequence[str]) -> Text:
    """Why a Trove instance of type ``kind`` has no public endpoint: it cannot ask for one,
    and the networks it is attached to are internal."""
    named = ", ".join(networks)
    return Text(
        en=f"Trove makes an instance public only when asked (access is_public, default false; "
        f"{TROVE_API}), which {kind} cannot ask; it is attached to internal networks only "
        f"({named})",
        th=f"Trove เปิดอินสแตนซ์สู่สาธารณะเฉพาะเมื่อร้องขอ (access is_public ค่าเริ่มต้น false; "
        f"{TROVE_API}) ซึ่ง {kind} ร้องขอไม่ได้ และอินสแตนซ์เชื่อมต่อกับเครือข่ายภายในเท่านั้น "
        f"({named})",
    )
