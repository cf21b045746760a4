"""A ``google_compute_instance_from_template`` whose ``network_interface`` is a dynamic block
that makes no block (terraform-google-vm's ``compute_instance`` module without a network)
writes no interface: the template's apply. The empty list of blocks was read as "written,
none": GDCC-CMP-001 PASSed "no public IP address" whatever the template opened (its
``access_config``), and PASSed with a template given by a variable."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "gce_from_template_dynamic"


def test_an_empty_dynamic_block_leaves_the_templates_interfaces() -> None:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-CMP-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["google_compute_instance_from_template.inherits"] == (
        Status.FAIL, "it has a public IP address"
    )
    assert found["google_compute_instance_from_template.elsewhere"] == (
        Status.UNKNOWN, "whether it has a public IP address is not known from the input"
    )
