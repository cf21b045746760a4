"""OpenStack Nova and Huawei Cloud ECS servers in Terraform: user data was not read for
secrets, so GDCC-CMP-005 was UNKNOWN on every server, with user data or without. A server
without user data now PASSes; one whose user data writes a key FAILs naming it; password log-in
turned on by user data FAILs GDCC-CMP-007 (the image decides otherwise: UNKNOWN)."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "openstack_compute_instance_v2" "plain" {
  name = "plain"
}
resource "openstack_compute_instance_v2" "keyed" {
  name      = "keyed"
  user_data = "#!/bin/sh\\nexport AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\\n"
}
resource "huaweicloud_compute_instance" "plain" {
  name      = "plain"
  image_id  = "img"
  flavor_id = "s6.small.1"
}
resource "huaweicloud_compute_instance" "passwords" {
  name      = "passwords"
  image_id  = "img"
  flavor_id = "s6.small.1"
  user_data = "#cloud-config\\nssh_pwauth: true\\n"
}
"""


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("servers")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-CMP-005", "GDCC-CMP-007"]))
    addresses = {r.id: r.address for r in result.resources}
    return {(f.rule_id, str(addresses[f.resource_id])): f for f in result.findings}


@pytest.mark.parametrize(
    "server", ["openstack_compute_instance_v2.plain", "huaweicloud_compute_instance.plain"]
)
def test_a_server_without_user_data_holds_no_secret_in_it(
    findings: dict[tuple[str, str], Finding], server: str
) -> None:
    assert findings[("GDCC-CMP-005", server)].status is Status.PASS
    assert findings[("GDCC-CMP-007", server)].status is Status.UNKNOWN


def test_a_key_in_user_data_fails(findings: dict[tuple[str, str], Finding]) -> None:
    found = findings[("GDCC-CMP-005", "openstack_compute_instance_v2.keyed")]
    assert found.status is Status.FAIL
    assert found.message.en == "secrets in user data: user_data"


def test_password_log_in_from_user_data_fails(findings: dict[tuple[str, str], Finding]) -> None:
    found = findings[("GDCC-CMP-007", "huaweicloud_compute_instance.passwords")]
    assert found.status is Status.FAIL
