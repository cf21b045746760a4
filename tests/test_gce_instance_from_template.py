"""``google_compute_instance_from_template`` takes every argument it does not write from its
source template ("any arguments set on this resource will override the values in the
template"). It was read as a bare instance: no ``access_config``, no ``metadata`` and no
``service_account`` block gave PASS on GDCC-CMP-001 (public IP), GDCC-CMP-004 (serial
console) and GDCC-CMP-006 (default service account) whatever its template opened. Now the
template in the scan fills the gaps; a template outside the scan leaves them not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "gce_from_template"
RULES = ("GDCC-CMP-001", "GDCC-CMP-004", "GDCC-CMP-006")


def test_instance_from_template_takes_its_templates_arguments() -> None:
    result = audit([FIXTURE], Settings(rule_ids=RULES))
    found = {
        (f.address.rsplit(".", 1)[-1] if f.address else "", f.rule_id): (f.status, f.message.en)
        for f in result.findings
        if f.address and "from_template" in f.address
    }
    assert found == {
        # every argument from the template: public IP, serial port, default account
        ("inherits", "GDCC-CMP-001"): (Status.FAIL, "it has a public IP address"),
        ("inherits", "GDCC-CMP-004"): (Status.FAIL, "serial console access is on"),
        ("inherits", "GDCC-CMP-006"): (
            Status.FAIL, "it runs as the default service account"
        ),
        # its own arguments override the template's
        ("overrides", "GDCC-CMP-001"): (Status.PASS, "Instances have no public IP address"),
        ("overrides", "GDCC-CMP-004"): (Status.PASS, "Serial console access is disabled"),
        ("overrides", "GDCC-CMP-006"): (
            Status.PASS, "Instances do not run as the default compute service account"
        ),
        # the template is not in the scan
        ("elsewhere", "GDCC-CMP-001"): (
            Status.UNKNOWN, "whether it has a public IP address is not known from the input"
        ),
        ("elsewhere", "GDCC-CMP-004"): (
            Status.UNKNOWN, "whether serial console access is on is not known from the input"
        ),
        ("elsewhere", "GDCC-CMP-006"): (
            Status.UNKNOWN,
            "whether it runs as the default service account is not known from the input",
        ),
    }
