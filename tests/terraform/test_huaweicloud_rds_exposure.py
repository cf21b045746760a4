"""Huawei Cloud RDS as the provider's own examples write it.

- Availability zones chosen by a data source (``slice(data....names, 0, 1)``) crashed the
  mapping ("an UNKNOWN value has no truth value"): 12 example files were partially assessed,
  their RDS instances judged by no rule. High availability is now not known there.
- An EIP bound to the port a ``data "huaweicloud_networking_port"`` finds by the instance's
  ``fixed_ip`` left GDCC-NET-002 UNKNOWN: the database is published (FAIL).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "huaweicloud_rds_eip"


def test_the_instance_is_judged_and_published_through_the_looked_up_port() -> None:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-NET-002"]))
    assert [i.status for i in result.inputs] == ["assessed"]
    addresses = {r.id: r.address for r in result.resources}
    found = {
        addresses[f.resource_id]: f for f in result.findings if f.rule_id == "GDCC-NET-002"
    }
    published = found["huaweicloud_rds_instance.published"]
    assert published.status is Status.FAIL
    assert published.message.en == "the endpoint is public"
