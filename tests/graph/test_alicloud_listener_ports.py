"""An Alibaba Cloud listener whose port is not known (``frontend_port`` / ``listener_port``
given by an input) took the ports of its balancer's other listeners, for certain: an SLB with
an HTTPS listener on 443 and one forwarding SSH on a port not known FAILed GDCC-GRAPH-002
"internet → lb:443 → web:22" (wrong FAIL: 443 forwards to 443). Now such a listener opens a
port not known, not for certain (UNKNOWN through it); the other listeners keep their own
ports, and a known port forwarding SSH still FAILs."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BASE = """\
variable "ssh_port" {}

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
"""

SLB = """
resource "alicloud_slb_load_balancer" "lb" {
  load_balancer_name = "web"
  address_type       = "internet"
  load_balancer_spec = "slb.s2.small"
}

resource "alicloud_slb_backend_server" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  backend_servers {
    server_id = alicloud_instance.web.id
    weight    = 100
  }
}

resource "alicloud_slb_listener" "https" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 443
  backend_port     = 443
  bandwidth        = 10
}

resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = PORT
  backend_port     = 22
  bandwidth        = 10
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

resource "alicloud_alb_server_group" "web" {
  protocol          = "HTTP"
  vpc_id            = alicloud_vpc.main.id
  server_group_name = "web"
  servers {
    server_id   = alicloud_instance.web.id
    server_type = "Ecs"
    port        = 443
  }
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

resource "alicloud_alb_listener" "https" {
  load_balancer_id  = alicloud_alb_load_balancer.lb.id
  listener_protocol = "HTTP"
  listener_port     = 443
  default_actions {
    type = "ForwardGroup"
    forward_group_config {
      server_group_tuples {
        server_group_id = alicloud_alb_server_group.web.id
      }
    }
  }
}

resource "alicloud_alb_listener" "ssh" {
  load_balancer_id  = alicloud_alb_load_balancer.lb.id
  listener_protocol = "HTTP"
  listener_port     = PORT
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


def _graph_002(tmp_path: Path, balancer: str, port: str) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(BASE + balancer.replace("PORT", port), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (found,) = [(f.status, f.message.en) for f in result.findings
                if f.address == "alicloud_instance.web"]
    return found


@pytest.mark.parametrize("balancer", [SLB, ALB], ids=["slb", "alb"])
def test_a_listener_whose_port_is_not_known_borrows_no_port(
    tmp_path: Path, balancer: str
) -> None:
    """Was FAIL "internet → lb:443 → web:22"."""
    assert _graph_002(tmp_path, balancer, "var.ssh_port") == (
        Status.UNKNOWN,
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → lb → web:22",
    )


@pytest.mark.parametrize("balancer", [SLB, ALB], ids=["slb", "alb"])
def test_a_known_port_forwarding_ssh_still_fails(tmp_path: Path, balancer: str) -> None:
    assert _graph_002(tmp_path, balancer, "2222") == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → lb:2222 → web:22",
    )


GROUPED = """
variable "group" {}

resource "alicloud_slb_load_balancer" "lb" {
  load_balancer_name = "web"
  address_type       = "internet"
  load_balancer_spec = "slb.s2.small"
}

resource "alicloud_slb_server_group" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  servers {
    server_ids = [alicloud_instance.web.id]
    port       = 22
    weight     = 100
  }
}

resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 2222
  backend_port     = 22
  bandwidth        = 10
  server_group_id  = GROUP
}
"""


@pytest.mark.parametrize(("group", "expected"), [
    # given by an input: any vServer group of the balancer, not for certain (was read as no
    # group written: the empty default group, PASS)
    ("var.group", (Status.UNKNOWN, "management port 22 reachable from the internet if what is "
                   "not known allows it: internet → lb:2222 → web:22")),
    ("alicloud_slb_server_group.ssh.id",
     (Status.FAIL, "management port 22 reachable from the internet: internet → lb:2222 → web:22")),
])
def test_a_listener_whose_server_group_is_not_known(
    tmp_path: Path, group: str, expected: tuple[Status, str]
) -> None:
    assert _graph_002(tmp_path, GROUPED.replace("GROUP", group), "2222") == expected


ALB_GROUPED = """
variable "group" {}

resource "alicloud_alb_load_balancer" "lb" {
  vpc_id                = alicloud_vpc.main.id
  address_type          = "Internet"
  load_balancer_name    = "web"
  load_balancer_edition = "Standard"
  load_balancer_billing_config {
    pay_type = "PayAsYouGo"
  }
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
        server_group_id = GROUP
      }
    }
  }
}
"""

NLB_GROUPED = """
variable "group" {}

resource "alicloud_nlb_load_balancer" "lb" {
  load_balancer_name = "web"
  load_balancer_type = "Network"
  address_type       = "Internet"
  address_ip_version = "Ipv4"
  vpc_id             = alicloud_vpc.main.id
  zone_mappings {
    vswitch_id = alicloud_vswitch.app.id
    zone_id    = "cn-hangzhou-b"
  }
}

resource "alicloud_nlb_server_group" "ssh" {
  server_group_name = "ssh"
  server_group_type = "Instance"
  vpc_id            = alicloud_vpc.main.id
  protocol          = "TCP"
}

resource "alicloud_nlb_server_group_server_attachment" "web" {
  server_type     = "Ecs"
  server_id       = alicloud_instance.web.id
  port            = 22
  server_group_id = alicloud_nlb_server_group.ssh.id
}

resource "alicloud_nlb_listener" "ssh" {
  listener_protocol = "TCP"
  listener_port     = 2222
  load_balancer_id  = alicloud_nlb_load_balancer.lb.id
  server_group_id   = GROUP
}
"""


@pytest.mark.parametrize(("text", "group"), [
    (ALB_GROUPED, "alicloud_alb_server_group.ssh.id"),
    (NLB_GROUPED, "alicloud_nlb_server_group.ssh.id"),
], ids=["alb", "nlb"])
def test_an_alb_nlb_listener_whose_server_group_is_not_known(
    tmp_path: Path, text: str, group: str
) -> None:
    """Given by an input: any server group of the scan of its kind in the balancer's VPC, not
    for certain (was none: PASS); named: FAIL."""
    assert _graph_002(tmp_path, text.replace("GROUP", "var.group"), "2222") == (
        Status.UNKNOWN, "management port 22 reachable from the internet if what is not known "
        "allows it: internet → lb:2222 → web:22")
    assert _graph_002(tmp_path, text.replace("GROUP", group), "2222") == (
        Status.FAIL, "management port 22 reachable from the internet: internet → lb:2222 → web:22")


ALB_RULE = """
resource "alicloud_alb_server_group" "other" {
  protocol          = "HTTP"
  vpc_id            = alicloud_vpc.main.id
  server_group_name = "other"
}

resource "alicloud_alb_rule" "admin" {
  rule_name   = "admin"
  listener_id = alicloud_alb_listener.ssh.id
  priority    = 10
  rule_conditions {
    type = "Path"
    path_config {
      values = ["/admin"]
    }
  }
  rule_actions {
    order = 1
    type  = "ForwardGroup"
    forward_group_config {
      server_group_tuples {
        server_group_id = RULE_GROUP
      }
    }
  }
}
"""


@pytest.mark.parametrize(("group", "expected"), [
    # an input: any ALB server group of the VPC, not for certain (was to nothing: PASS)
    ("var.group", (Status.UNKNOWN, "management port 22 reachable from the internet if what is "
                   "not known allows it: internet → lb:2222 → web:22")),
    ("alicloud_alb_server_group.ssh.id", (Status.FAIL, "management port 22 reachable from the "
                                          "internet: internet → lb:2222 → web:22")),
])
def test_an_alb_rule_whose_server_group_is_not_known(
    tmp_path: Path, group: str, expected: tuple[Status, str]
) -> None:
    """The listener forwards to an empty group; its rule to a group given by an input."""
    text = ALB_GROUPED.replace("= GROUP", "= alicloud_alb_server_group.other.id")
    text += ALB_RULE.replace("RULE_GROUP", group)
    assert _graph_002(tmp_path, text, "2222") == expected
