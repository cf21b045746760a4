"""An Alibaba Cloud ECS instance (``alicloud_instance``) created from a launch template
(``launch_template_id`` / ``launch_template_name``) takes every setting it does not write from
the template (ECS CreateLaunchTemplate: a parameter set in the template "cannot [be filtered]
out" when RunInstances uses it; one the request sets overrides it). Before, the instance was
read on its own fields: named by ``launch_template_name``, it PASSed GDCC-CMP-001 (no
``internet_max_bandwidth_out``: 0) and GDCC-CMP-005 (no ``user_data``) while its template gives
it public bandwidth and a secret in its user data; named by ``launch_template_id``, every
facet was UNKNOWN although the template was in the scan. Now: the template's public
bandwidth, security groups and vSwitch, disks, password / key pair and user data where the
instance leaves them out; UNKNOWN, saying why, when the template is not in the input."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BASE = """\
resource "alicloud_vpc" "main" {
  vpc_name   = "main"
  cidr_block = "172.16.0.0/12"
}

resource "alicloud_vswitch" "app" {
  vpc_id     = alicloud_vpc.main.id
  cidr_block = "172.16.0.0/21"
  zone_id    = "cn-hangzhou-b"
}

resource "alicloud_security_group" "web" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group" "closed" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.web.id
}

resource "alicloud_ecs_launch_template" "web" {
  launch_template_name       = "web"
  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type              = "ecs.g7.large"
  security_group_ids         = [alicloud_security_group.web.id]
  vswitch_id                 = alicloud_vswitch.app.id
  internet_max_bandwidth_out = 10
  password                   = "Example-Passw0rd"
  user_data = base64encode("export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
  system_disk {
    category = "cloud_essd"
  }
}
"""

RULES = ("GDCC-CMP-001", "GDCC-CMP-003", "GDCC-CMP-005", "GDCC-CMP-007", "GDCC-GRAPH-002")
FROM_TEMPLATE = "(as its launch template alicloud_ecs_launch_template.web gives it)"


def _found(tmp_path: Path, instance: str, base: str = BASE) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(
        base + 'resource "alicloud_instance" "vm" {\n' + instance + "\n}\n", encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {f.rule_id: (f.status, f.message.en) for f in result.findings
            if f.address == "alicloud_instance.vm"}


@pytest.mark.parametrize("naming", [
    "launch_template_name = alicloud_ecs_launch_template.web.launch_template_name",
    'launch_template_name = "web"',
    "launch_template_id = alicloud_ecs_launch_template.web.id",
])
def test_an_instance_takes_what_it_leaves_out_from_its_template(
    tmp_path: Path, naming: str
) -> None:
    """Public bandwidth, the group opening SSH, disks, the password and the user data are
    the template's (was PASS on CMP-001 / CMP-005 by name, UNKNOWN by id)."""
    found = _found(tmp_path, naming)
    assert found["GDCC-CMP-001"] == (Status.FAIL, f"it has a public IP address {FROM_TEMPLATE}")
    assert found["GDCC-CMP-003"] == (Status.FAIL, f"encryption at rest is off {FROM_TEMPLATE}")
    assert found["GDCC-CMP-005"] == (
        Status.FAIL, f"secrets in user data: user_data {FROM_TEMPLATE}"
    )
    assert found["GDCC-CMP-007"] == (Status.FAIL, "password log-in is allowed")
    status, message = found["GDCC-GRAPH-002"]
    assert status is Status.FAIL
    assert message.endswith("reachable from the internet: internet → vm:22")


def test_a_template_without_public_bandwidth_gives_none(tmp_path: Path) -> None:
    """The template leaves ``internet_max_bandwidth_out`` out (0 by default) and holds a key
    pair: no public address, no password log-in, SSH not reached."""
    base = BASE.replace("  internet_max_bandwidth_out = 10\n", "").replace(
        '  password                   = "Example-Passw0rd"', '  key_pair_name = "ops"'
    )
    found = _found(
        tmp_path, "launch_template_id = alicloud_ecs_launch_template.web.id\n"
        '  password = "Example-Passw0rd"', base,
    )
    assert found["GDCC-CMP-001"] == (
        Status.PASS,
        "Instances have no public IP address (its launch template "
        "alicloud_ecs_launch_template.web gives it no internet_max_bandwidth_out (default 0), "
        "and no EIP association of the scanned configuration names it)",
    )
    assert found["GDCC-CMP-007"][0] is Status.UNKNOWN
    assert found["GDCC-GRAPH-002"] == (
        Status.PASS, "No management port is reachable from the internet through any path"
    )


def test_what_the_instance_writes_overrides_its_template(tmp_path: Path) -> None:
    """Its own groups (no rule), bandwidth, user data and system disk: the template's do not
    count."""
    found = _found(tmp_path, "\n  ".join((
        "launch_template_id = alicloud_ecs_launch_template.web.id",
        "security_groups = [alicloud_security_group.closed.id]",
        "internet_max_bandwidth_out = 0",
        'user_data = "#!/bin/sh\\necho hello"',
        "system_disk_encrypted = true",
    )))
    assert found["GDCC-CMP-001"][0] is Status.PASS
    assert found["GDCC-CMP-003"] == (Status.PASS, "Instance root and data disks are encrypted")
    assert found["GDCC-CMP-005"] == (Status.PASS, "Instance user data holds no secrets")
    assert found["GDCC-GRAPH-002"] == (
        Status.PASS, "No management port is reachable from the internet through any path"
    )


def test_a_template_not_in_the_input_leaves_its_settings_unknown(tmp_path: Path) -> None:
    """Named by a literal id of no template of the scan: UNKNOWN, saying why (never PASS)."""
    found = _found(tmp_path, 'launch_template_name = "elsewhere"')
    why = ("it is launched from a launch template that is not in the input, which decides it")
    assert found["GDCC-CMP-001"] == (
        Status.UNKNOWN, f"whether it has a public IP address is not known from the input: {why}"
    )
    assert found["GDCC-CMP-003"] == (
        Status.UNKNOWN, f"whether encryption at rest is on is not known from the input: {why}"
    )
    assert found["GDCC-CMP-005"] == (
        Status.UNKNOWN, f"whether user data holds secrets is not known from the input: {why}"
    )
    assert found["GDCC-GRAPH-002"][0] is Status.UNKNOWN


#: The template with no public bandwidth, a key pair and no user data: version 1 PASSes.
QUIET = BASE.replace("  internet_max_bandwidth_out = 10\n", "").replace(
    '  password                   = "Example-Passw0rd"', '  key_pair_name = "ops"'
)
QUIET = "\n".join(line for line in QUIET.splitlines() if "user_data" not in line) + "\n"


@pytest.mark.parametrize(("instance", "template", "shown"), [
    ('launch_template_version = "2"', "", "version 2"),
    ("", "  default_version_number = 3\n", "version 3"),
    ("launch_template_version = var.template_version", "", "a version not known"),
])
def test_an_instance_of_another_version_is_not_read_as_the_latest(
    tmp_path: Path, instance: str, template: str, shown: str
) -> None:
    """The template's arguments are its latest version; an instance pinned to another one
    (``launch_template_version``, or the template's ``default_version_number``), or to one not
    known, takes settings the scan does not show: UNKNOWN, saying why (was PASS on CMP-001 /
    CMP-005 from the latest version's settings)."""
    base = QUIET.replace('  launch_template_name       = "web"\n',
                         '  launch_template_name       = "web"\n' + template)
    found = _found(tmp_path, "launch_template_id = alicloud_ecs_launch_template.web.id\n  "
                   + instance, base)
    why = (f"it is launched from {shown} of launch template alicloud_ecs_launch_template.web, "
           "whose settings the scan does not show (the template's arguments are its latest "
           "version)")
    assert found["GDCC-CMP-001"] == (
        Status.UNKNOWN, f"whether it has a public IP address is not known from the input: {why}"
    )
    assert found["GDCC-CMP-003"] == (
        Status.UNKNOWN, f"whether encryption at rest is on is not known from the input: {why}"
    )
    assert found["GDCC-CMP-005"] == (
        Status.UNKNOWN, f"whether user data holds secrets is not known from the input: {why}"
    )
    assert found["GDCC-GRAPH-002"][0] is Status.UNKNOWN


@pytest.mark.parametrize(("instance", "template"), [
    ('launch_template_version = "1"', ""),
    ("", "  update_default_version_number = true\n"),
    ('launch_template_version = "3"', "  default_version_number = 3\n"
     "  latest_version_number = 3\n"),
])
def test_the_version_the_arguments_describe_is_read(
    tmp_path: Path, instance: str, template: str
) -> None:
    """Version 1 (the one the resource creates), the default kept at the latest, or a version
    the template's state shows is its latest: the template's arguments."""
    base = QUIET.replace('  launch_template_name       = "web"\n',
                         '  launch_template_name       = "web"\n' + template)
    found = _found(tmp_path, "launch_template_id = alicloud_ecs_launch_template.web.id\n  "
                   + instance, base)
    assert found["GDCC-CMP-001"][0] is Status.PASS
    assert found["GDCC-CMP-005"] == (
        Status.PASS, f"Instance user data holds no secrets {FROM_TEMPLATE}"
    )
    assert found["GDCC-GRAPH-002"][0] is Status.PASS
