"""Alibaba Cloud Classic Load Balancer (SLB) backends were not read by the graph: an ECS
instance (or the instances of an ESS scaling group) with no public IP behind an
internet-facing SLB whose listener forwards SSH PASSed GDCC-GRAPH-002 "No management port is
reachable". A listener now forwards its ``frontend_port`` to the default server group's
servers (``alicloud_slb_backend_server``, ``alicloud_slb_attachment``, a scaling group's
``loadbalancer_ids``, and the ECS instances an ``alicloud_ess_attachment`` attaches to such a
group) on its ``backend_port``, or to a vServer group's servers
(``alicloud_slb_server_group`` ``servers`` blocks, ``..._server_group_server_attachment``) on
their ``port``, through the backend's security groups."""

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

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.web.id
}

resource "alicloud_instance" "web" {
  image_id        = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type   = "ecs.g7.large"
  security_groups = [alicloud_security_group.web.id]
  vswitch_id      = alicloud_vswitch.app.id
}

resource "alicloud_slb_load_balancer" "lb" {
  load_balancer_name = "web"
  address_type       = "ADDRESS"
  load_balancer_spec = "slb.s2.small"
}
"""

LISTENER = """
resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 2222
  backend_port     = BACKEND
  bandwidth        = 10
}
"""

BACKEND_SERVER = """
resource "alicloud_slb_backend_server" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  backend_servers {
    server_id = alicloud_instance.web.id
    weight    = 100
  }
}
"""

ATTACHMENT = """
resource "alicloud_slb_attachment" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  instance_ids     = [alicloud_instance.web.id]
}
"""

SCALING = """
resource "alicloud_ess_scaling_group" "web" {
  min_size         = 1
  max_size         = 2
  vswitch_ids      = [alicloud_vswitch.app.id]
  loadbalancer_ids = [alicloud_slb_load_balancer.lb.id]
}

resource "alicloud_ess_scaling_configuration" "web" {
  scaling_group_id  = alicloud_ess_scaling_group.web.id
  image_id          = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type     = "ecs.g7.large"
  security_group_id = alicloud_security_group.web.id
}
"""

ESS_ATTACHMENT = """
resource "alicloud_ess_scaling_group" "web" {
  min_size         = 0
  max_size         = 2
  vswitch_ids      = [alicloud_vswitch.app.id]
  loadbalancer_ids = [alicloud_slb_load_balancer.lb.id]
}

resource "alicloud_ess_attachment" "web" {
  scaling_group_id = alicloud_ess_scaling_group.web.id
  instance_ids     = [alicloud_instance.web.id]
  force            = true
}
"""

VSERVER_GROUP = """
resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 2222
  server_group_id  = alicloud_slb_server_group.web.id
  bandwidth        = 10
}

resource "alicloud_slb_server_group" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  name             = "web"
  servers {
    server_ids = [alicloud_instance.web.id]
    port       = BACKEND
    weight     = 100
  }
}
"""

GROUP_ATTACHMENT = """
resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 2222
  server_group_id  = alicloud_slb_server_group.web.id
  bandwidth        = 10
}

resource "alicloud_slb_server_group" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  name             = "web"
}

resource "alicloud_slb_server_group_server_attachment" "web" {
  server_group_id = alicloud_slb_server_group.web.id
  server_id       = alicloud_instance.web.id
  port            = BACKEND
  weight          = 100
}
"""


def _graph_002(
    tmp_path: Path, text: str, address: str = "alicloud_instance.web"
) -> tuple[str, Status, str]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (finding,) = [f for f in result.findings if f.address == address]
    return finding.address, finding.status, finding.message.en


SSH_FAIL = "management port 22 reachable from the internet: internet → lb:2222 → web:22"


@pytest.mark.parametrize(
    ("parts", "address"),
    [
        (LISTENER + BACKEND_SERVER, "alicloud_instance.web"),
        (LISTENER + ATTACHMENT, "alicloud_instance.web"),
        (LISTENER + SCALING, "alicloud_ess_scaling_configuration.web"),
        (LISTENER + ESS_ATTACHMENT, "alicloud_instance.web"),
        (VSERVER_GROUP, "alicloud_instance.web"),
        (GROUP_ATTACHMENT, "alicloud_instance.web"),
    ],
    ids=["backend-server", "attachment", "scaling-group", "ess-attachment", "vserver-group",
         "group-attachment"],
)
def test_an_internet_slb_forwarding_ssh_to_its_backend_fails(
    tmp_path: Path, parts: str, address: str
) -> None:
    """Each way of adding a backend: the SSH listener's path reaches it (was PASS)."""
    text = BASE.replace("ADDRESS", "internet") + parts.replace("BACKEND", "22")
    assert _graph_002(tmp_path, text, address) == (address, Status.FAIL, SSH_FAIL)


@pytest.mark.parametrize("parts", [LISTENER + BACKEND_SERVER, VSERVER_GROUP, GROUP_ATTACHMENT])
def test_a_backend_reached_on_another_port_passes(tmp_path: Path, parts: str) -> None:
    """The listener forwards to port 8080 only: SSH open in the backend's group is not
    reached through the balancer (no wrong FAIL from reading every port)."""
    text = BASE.replace("ADDRESS", "internet") + parts.replace("BACKEND", "8080")
    assert _graph_002(tmp_path, text) == (
        "alicloud_instance.web", Status.PASS,
        "No management port is reachable from the internet through any path",
    )


def test_an_intranet_slb_passes(tmp_path: Path) -> None:
    text = BASE.replace("ADDRESS", "intranet") + (LISTENER + BACKEND_SERVER).replace(
        "BACKEND", "22")
    assert _graph_002(tmp_path, text)[1] is Status.PASS


def test_backends_of_a_balancer_with_no_listener_in_the_scan_are_unknown(
    tmp_path: Path,
) -> None:
    """Its listeners are elsewhere: which ports it forwards is not known, never a PASS."""
    text = BASE.replace("ADDRESS", "internet") + BACKEND_SERVER
    address, status, message = _graph_002(tmp_path, text)
    assert (address, status) == ("alicloud_instance.web", Status.UNKNOWN)
    assert message.startswith(
        "management port 22 reachable from the internet if what is not known allows it"
    ), message
