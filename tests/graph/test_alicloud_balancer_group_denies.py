"""An Alibaba Cloud ALB / NLB in security groups: "its listener ports accept all inbound
requests" unless a deny rule says otherwise, and rules apply by priority (1 highest; on equal
priority the drop rule wins: ECS AuthorizeSecurityGroup). Deny rules were not read: a
balancer whose group drops every address but accepts the office range first was read as open
to everyone, and the SSH it forwards FAILed GDCC-GRAPH-002 (wrong FAIL). Now a ``drop`` of
0.0.0.0/0 on a listener's port closes it but for the sources of ``accept`` rules of higher
priority; an accept of the internet before the drop, or anything not known, keeps it open."""

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

resource "alicloud_security_group" "lb" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "office" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "2222/2222"
  cidr_ip           = "OFFICE"
  priority          = 1
  security_group_id = alicloud_security_group.lb.id
}

resource "alicloud_security_group_rule" "deny" {
  type              = "ingress"
  policy            = "drop"
  ip_protocol       = "all"
  port_range        = "-1/-1"
  cidr_ip           = "0.0.0.0/0"
  priority          = DENY_PRIORITY
  security_group_id = alicloud_security_group.lb.id
}
"""

ALB = """
resource "alicloud_alb_load_balancer" "lb" {
  vpc_id                = alicloud_vpc.main.id
  address_type          = "Internet"
  load_balancer_name    = "web"
  load_balancer_edition = "Standard"
  load_balancer_billing_config {
    pay_type = "PayAsYouGo"
  }
}

resource "alicloud_alb_load_balancer_security_group_attachment" "lb" {
  load_balancer_id  = alicloud_alb_load_balancer.lb.id
  security_group_id = alicloud_security_group.lb.id
}

resource "alicloud_alb_server_group" "ssh" {
  protocol          = "HTTP"
  vpc_id            = alicloud_vpc.main.id
  server_group_name = "ssh"
  servers {
    server_id   = alicloud_instance.web.id
    server_type = "Ecs"
    port        = 22
  }
}

resource "alicloud_alb_listener" "ssh" {
  load_balancer_id  = alicloud_alb_load_balancer.lb.id
  listener_protocol = "HTTP"
  listener_port     = 2222
  default_actions {
    type = "ForwardGroup"
    forward_group_config {
      server_group_tuples {
        server_group_id = alicloud_alb_server_group.ssh.id
      }
    }
  }
}
"""

NLB = """
resource "alicloud_nlb_load_balancer" "lb" {
  load_balancer_name = "web"
  load_balancer_type = "Network"
  address_type       = "Internet"
  address_ip_version = "Ipv4"
  vpc_id             = alicloud_vpc.main.id
  security_group_ids = [alicloud_security_group.lb.id]
  zone_mappings {
    vswitch_id = alicloud_vswitch.app.id
    zone_id    = "cn-hangzhou-b"
  }
}

resource "alicloud_nlb_server_group" "web" {
  server_group_name = "web"
  server_group_type = "Instance"
  vpc_id            = alicloud_vpc.main.id
  protocol          = "TCP"
}

resource "alicloud_nlb_server_group_server_attachment" "web" {
  server_type     = "Ecs"
  server_id       = alicloud_instance.web.id
  port            = 22
  server_group_id = alicloud_nlb_server_group.web.id
}

resource "alicloud_nlb_listener" "ssh" {
  listener_protocol = "TCP"
  listener_port     = 2222
  load_balancer_id  = alicloud_nlb_load_balancer.lb.id
  server_group_id   = alicloud_nlb_server_group.web.id
}
"""

PASS = (Status.PASS, "No management port is reachable from the internet through any path")
FAIL = (Status.FAIL,
        "management port 22 reachable from the internet: internet → lb:2222 → web:22")


def _graph_002(tmp_path: Path, balancer: str, office: str, deny: str) -> tuple[Status, str]:
    text = (BASE + balancer).replace("OFFICE", office).replace("DENY_PRIORITY", deny)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (found,) = [(f.status, f.message.en) for f in result.findings
                if f.address == "alicloud_instance.web"]
    return found


@pytest.mark.parametrize("balancer", [ALB, NLB], ids=["alb", "nlb"])
@pytest.mark.parametrize("deny", ["100", "1"])
def test_a_deny_rule_behind_the_office_accept_closes_the_listener(
    tmp_path: Path, balancer: str, deny: str
) -> None:
    """Was FAIL through lb:2222 (the office admitted first; or, on equal priority, the drop
    winning over it: nobody on 2222)."""
    assert _graph_002(tmp_path, balancer, "203.0.113.0/24", deny) == PASS


@pytest.mark.parametrize("balancer", [ALB, NLB], ids=["alb", "nlb"])
@pytest.mark.parametrize(("office", "deny"), [
    ("0.0.0.0/0", "100"),  # the internet accepted before the drop
    ("203.0.113.0/24", "var.priority"),  # a priority not known
])
def test_the_listener_stays_open_unless_the_drop_decides(
    tmp_path: Path, balancer: str, office: str, deny: str
) -> None:
    assert _graph_002(tmp_path, balancer, office, deny) == FAIL
