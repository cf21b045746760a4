"""An Alibaba Cloud ESS scaling group that launches from a launch template
(``launch_template_id`` naming an ``alicloud_ecs_launch_template``) with no
``alicloud_ess_scaling_configuration`` had no node: ``alicloud_ecs_launch_template`` was not
mapped, so its instances behind an internet SLB forwarding SSH PASSed GDCC-GRAPH-002. The
template now stands for the group's instances, as a scaling configuration does: its public
IP (``internet_max_bandwidth_out``, 0 by default), security groups, disks, password and user
data, and the balancers and server groups the group adds its instances to."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEXT = """\
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

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.web.id
}

resource "alicloud_slb_load_balancer" "lb" {
  load_balancer_name = "web"
  address_type       = "internet"
  load_balancer_spec = "slb.s2.small"
}

resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 2222
  backend_port     = BACKEND
  bandwidth        = 10
}

resource "alicloud_ecs_launch_template" "web" {
  launch_template_name = "web"
  image_id             = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type        = "ecs.g7.large"
  security_group_ids   = [alicloud_security_group.web.id]
  password             = "Example-Passw0rd"
  system_disk {
    category = "cloud_essd"
    size     = 40
  }
}

resource "alicloud_ess_scaling_group" "web" {
  min_size           = 1
  max_size           = 2
  vswitch_ids        = [alicloud_vswitch.app.id]
  loadbalancer_ids   = [alicloud_slb_load_balancer.lb.id]
  launch_template_id = alicloud_ecs_launch_template.web.id
}
"""

ADDRESS = "alicloud_ecs_launch_template.web"


def _findings(tmp_path: Path, text: str, rules: tuple[str, ...]) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return {f.rule_id: (f.status, f.message.en) for f in result.findings if f.address == ADDRESS}


def test_a_launch_template_group_behind_an_internet_slb_forwarding_ssh_fails(
    tmp_path: Path,
) -> None:
    """The group's instances are reached through the SLB's SSH listener (was no node: PASS)."""
    found = _findings(tmp_path, TEXT.replace("BACKEND", "22"), ("GDCC-GRAPH-002",))
    assert found == {"GDCC-GRAPH-002": (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → lb:2222 → web:22",
    )}


def test_a_launch_template_group_reached_on_another_port_passes(tmp_path: Path) -> None:
    """The listener forwards to 8080 only: SSH open in the template's group is not reached
    (no public IP: ``internet_max_bandwidth_out`` is 0 by default)."""
    found = _findings(tmp_path, TEXT.replace("BACKEND", "8080"), ("GDCC-GRAPH-002",))
    assert found == {"GDCC-GRAPH-002": (
        Status.PASS, "No management port is reachable from the internet through any path",
    )}


def test_a_launch_template_with_public_bandwidth_is_reached_directly(tmp_path: Path) -> None:
    """``internet_max_bandwidth_out`` above 0: each instance has a public IP, SSH open."""
    text = TEXT.replace("BACKEND", "8080").replace(
        'launch_template_name = "web"',
        'launch_template_name = "web"\n  internet_max_bandwidth_out = 10',
    )
    found = _findings(tmp_path, text, ("GDCC-GRAPH-002",))
    assert found["GDCC-GRAPH-002"][0] is Status.FAIL
    assert "internet → web:22" in found["GDCC-GRAPH-002"][1]


def test_a_launch_template_is_judged_as_the_instances_it_launches(tmp_path: Path) -> None:
    """Public IP (default 0: none), disks (``system_disk.encrypted`` default false), password
    log-in (a Linux image, a password, no ``key_pair_name``)."""
    text = TEXT.replace("BACKEND", "8080")
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001", "GDCC-CMP-003", "GDCC-CMP-007")))
    assert "alicloud_ecs_launch_template" not in result.not_judged
    found = {f.rule_id: (f.status, f.message.en) for f in result.findings if f.address == ADDRESS}
    assert found["GDCC-CMP-001"] == (Status.PASS, "Instances have no public IP address")
    assert found["GDCC-CMP-003"] == (
        Status.FAIL,
        "encryption at rest is off (provider default: 'system_disk.encrypted' not set; the "
        "disk is still encrypted if the account's default disk encryption is on in the region "
        "(alicloud_ecs_disk_encryption_by_default), or its image is encrypted; neither is in "
        "the input)",
    )
    assert found["GDCC-CMP-007"][0] is Status.FAIL
    with_key = text.replace('password             = "Example-Passw0rd"',
                            'password             = "Example-Passw0rd"\n  key_pair_name = "ops"')
    (tmp_path / "main.tf").write_text(with_key, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-007",)))
    (finding,) = [f for f in result.findings if f.address == ADDRESS]
    assert finding.status is not Status.FAIL


def test_a_group_on_another_version_leaves_the_template_unknown(tmp_path: Path) -> None:
    """The group launches version 2 (or the default with ``default_version_number = 2``):
    the template's arguments are its latest version, and its instances' settings are not
    known (was PASS on CMP-001 from the latest version's 0 bandwidth)."""
    why = ("alicloud_ess_scaling_group.web launches its instances from version 2 of it, whose "
           "settings the scan does not show (the template's arguments are its latest version)")
    for text in (
        TEXT.replace("BACKEND", "8080").replace(
            "  launch_template_id = alicloud_ecs_launch_template.web.id",
            "  launch_template_id = alicloud_ecs_launch_template.web.id\n"
            '  launch_template_version = "2"'),
        TEXT.replace("BACKEND", "8080").replace(
            'launch_template_name = "web"',
            'launch_template_name = "web"\n  default_version_number = 2'),
    ):
        (tmp_path / "main.tf").write_text(text, encoding="utf-8")
        result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001", "GDCC-CMP-005")))
        found = {f.rule_id: (f.status, f.message.en) for f in result.findings
                 if f.address == ADDRESS}
        assert found["GDCC-CMP-001"] == (
            Status.UNKNOWN, f"whether it has a public IP address is not known from the input: {why}"
        )
        assert found["GDCC-CMP-005"] == (
            Status.UNKNOWN, f"whether user data holds secrets is not known from the input: {why}"
        )


def test_a_group_on_the_latest_version_reads_the_template(tmp_path: Path) -> None:
    text = TEXT.replace("BACKEND", "8080").replace(
        "  launch_template_id = alicloud_ecs_launch_template.web.id",
        "  launch_template_id = alicloud_ecs_launch_template.web.id\n"
        '  launch_template_version = "Latest"')
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",)))
    (finding,) = [f for f in result.findings if f.address == ADDRESS]
    assert (finding.status, finding.message.en) == (
        Status.PASS, "Instances have no public IP address"
    )


PINNED = TEXT.replace("BACKEND", "22").replace(
    "  launch_template_id = alicloud_ecs_launch_template.web.id",
    "  launch_template_id = alicloud_ecs_launch_template.web.id\n"
    '  launch_template_version = "2"')
#: The template's arguments (its latest version) in a group with no rule.
CLOSED = PINNED.replace(
    "security_group_ids   = [alicloud_security_group.web.id]",
    "security_group_ids   = [alicloud_security_group.quiet.id]",
) + 'resource "alicloud_security_group" "quiet" {\n  vpc_id = alicloud_vpc.main.id\n}\n'
#: GDCC-GRAPH-002 on a template whose group launches version 2 of it: its instances sit in
#: the group's vSwitch behind its SLB, with version 2's security groups and bandwidth.
NOT_KNOWN = (
    Status.UNKNOWN,
    "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from the "
    "internet if what is not known allows it: internet → web:22",
)


def test_a_group_on_another_version_leaves_the_templates_groups_unknown(
    tmp_path: Path,
) -> None:
    """The template's own groups (its latest version's) stood for the instances of a group
    launching version 2: PASS with a closed latest version (a wrong PASS), FAIL with an open
    one (a wrong FAIL). Both UNKNOWN now, naming the group and the version."""
    for text in (PINNED, CLOSED):
        (tmp_path / "main.tf").write_text(text, encoding="utf-8")
        result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
        (finding,) = [f for f in result.findings if f.address == ADDRESS]
        assert (finding.status, finding.message.en) == NOT_KNOWN
        (hop,) = [h for h in finding.evidence["path_hops"] if h["label"] == "web"]
        assert hop["via"] == (
            "public exposure not known; security groups not in the scan: those of version 2 "
            "of it, which alicloud_ess_scaling_group.web launches"
        )


def test_a_second_group_on_the_latest_version_keeps_the_templates_groups(
    tmp_path: Path,
) -> None:
    """Another group launches the latest version: the template's groups are its instances'
    (SSH open: FAIL through that group's balancer), and the pinned group's not known."""
    text = PINNED + """
resource "alicloud_ess_scaling_group" "latest" {
  min_size           = 1
  max_size           = 2
  vswitch_ids        = [alicloud_vswitch.app.id]
  loadbalancer_ids   = [alicloud_slb_load_balancer.lb.id]
  launch_template_id = alicloud_ecs_launch_template.web.id
  launch_template_version = "Latest"
}
"""
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (finding,) = [f for f in result.findings if f.address == ADDRESS]
    assert finding.status is Status.FAIL
    assert "management port 22 reachable from the internet: internet → lb:2222 → web:22" in (
        finding.message.en
    )
