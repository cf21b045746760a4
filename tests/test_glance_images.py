"""Glance images: a ``public`` or ``community`` image lets any user of the cloud read the
image and its data (Image API v2, "Image visibility"), every other agency of a shared cloud
included. Terraform's ``openstack_images_image_v2`` was not judged and Heat's
``OS::Glance::WebImage`` was GDCC-DATA-001 UNKNOWN; both default to ``private``."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "glance"
DOC = "https://docs.openstack.org/api-ref/image/v2/index.html#images"
OPEN = "anyone on the internet can read this store (its visibility is {}: any user of the cloud "


@pytest.mark.parametrize(
    ("fmt", "prefix"), [("heat", ""), ("terraform", "openstack_images_image_v2.")]
)
def test_public_images_are_open_to_every_project(fmt: str, prefix: str) -> None:
    result = audit([FIXTURES / fmt], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found[prefix + "shared_everywhere"] == (
        Status.FAIL, OPEN.format("public") + f"may read the image and its data ({DOC}))"
    )
    assert found[prefix + "golden"] == (Status.PASS, "Storage is not publicly readable")
    (golden,) = [f for f in result.findings if f.address == prefix + "golden"]
    assert golden.evidence["defaults"]["public_access"]["attribute"] == "visibility"


@pytest.mark.parametrize(
    ("fmt", "prefix"), [("heat", ""), ("terraform", "openstack_images_image_v2.")]
)
def test_an_image_has_no_instance_settings(fmt: str, prefix: str) -> None:
    """The instance rules (public IP, user data, password log-in) are the booting server's:
    NOT_APPLICABLE on the image, never UNKNOWN (the Heat image was UNKNOWN on each)."""
    rules = ("GDCC-CMP-001", "GDCC-CMP-005", "GDCC-CMP-007")
    result = audit([FIXTURES / fmt], Settings(rule_ids=rules))
    for finding in result.findings:
        assert finding.status is Status.NOT_APPLICABLE, finding
        assert "a Glance image is judged for who may use it" in finding.message.en
