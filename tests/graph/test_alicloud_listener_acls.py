"""An Alibaba Cloud SLB listener with ``acl_status = "on"`` and a whitelist ACL (``acl_type =
"white"``; default ``off``), or an ALB listener with a ``White`` ACL attachment, forwards only
the listed addresses' requests: a whitelist of private ranges was still read as opening the
listener's port to everyone, so an ECS instance behind it FAILed GDCC-GRAPH-002 (wrong FAIL).
A blacklist, a whitelist listing a wide public range, or one whose entries are not all known
keeps the port open (never a wrong PASS)."""

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

resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 2222
  backend_port     = 22
  bandwidth        = 10
  acl_status       = "STATUS"
  acl_type         = "TYPE"
  acl_ids          = [alicloud_slb_acl.office.id]
}

resource "alicloud_slb_acl" "office" {
  name       = "office"
  ip_version = "ipv4"
}

resource "alicloud_slb_acl_entry_attachment" "office" {
  acl_id  = alicloud_slb_acl.office.id
  entry   = "ENTRY"
  comment = "office"
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
        server_group_id = alicloud_alb_server_group.web.id
      }
    }
  }
}

resource "alicloud_alb_acl" "office" {
  acl_name = "office"
}

resource "alicloud_alb_acl_entry_attachment" "office" {
  acl_id = alicloud_alb_acl.office.id
  entry  = "ENTRY"
}

resource "alicloud_alb_listener_acl_attachment" "office" {
  acl_id      = alicloud_alb_acl.office.id
  listener_id = alicloud_alb_listener.ssh.id
  acl_type    = "TYPE"
}
"""

PASS = "No management port is reachable from the internet through any path"
FAIL = "management port 22 reachable from the internet: internet → lb:2222 → web:22"


def _graph_002(tmp_path: Path, text: str) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (finding,) = [f for f in result.findings if f.address == "alicloud_instance.web"]
    return finding.status, finding.message.en


def _text(parts: str, status: str, kind: str, entry: str) -> str:
    return BASE + (parts.replace("STATUS", status).replace("TYPE", kind)
                   .replace("ENTRY", entry))


@pytest.mark.parametrize(("parts", "kind"), [(SLB, "white"), (ALB, "White")], ids=["slb", "alb"])
def test_a_whitelist_of_private_addresses_closes_the_listener(
    tmp_path: Path, parts: str, kind: str
) -> None:
    """Was FAIL: the whitelist was not read."""
    assert _graph_002(tmp_path, _text(parts, "on", kind, "10.0.0.0/8")) == (Status.PASS, PASS)


@pytest.mark.parametrize(
    ("parts", "status", "kind", "entry"),
    [
        (SLB, "on", "white", "0.0.0.0/0"),
        (SLB, "on", "black", "10.0.0.0/8"),
        (SLB, "off", "white", "10.0.0.0/8"),
        (ALB, "", "White", "0.0.0.0/0"),
        (ALB, "", "Black", "10.0.0.0/8"),
    ],
    ids=["slb-white-everyone", "slb-black", "slb-acl-off", "alb-white-everyone", "alb-black"],
)
def test_other_access_control_keeps_the_listener_open(
    tmp_path: Path, parts: str, status: str, kind: str, entry: str
) -> None:
    assert _graph_002(tmp_path, _text(parts, status, kind, entry)) == (Status.FAIL, FAIL)


def test_a_whitelist_with_an_entry_not_known_keeps_it_open(tmp_path: Path) -> None:
    text = _text(SLB, "on", "white", "10.0.0.0/8") + """
resource "alicloud_slb_acl_entry_attachment" "more" {
  acl_id = alicloud_slb_acl.office.id
  entry  = var.more
}

variable "more" {
  type = string
}
"""
    assert _graph_002(tmp_path, text) == (Status.FAIL, FAIL)


#: An open HTTPS port beside the SSH listener of the same balancer, forwarding to 443 only.
OPEN_443 = {
    "slb": """
resource "alicloud_security_group_rule" "https" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "443/443"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.web.id
}

resource "alicloud_slb_listener" "https" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 443
  backend_port     = 443
  bandwidth        = 10
}
""",
    "alb": """
resource "alicloud_alb_server_group" "https" {
  protocol          = "HTTPS"
  vpc_id            = alicloud_vpc.main.id
  server_group_name = "https"
  servers {
    server_id   = alicloud_instance.web.id
    server_type = "Ecs"
    port        = 443
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
        server_group_id = alicloud_alb_server_group.https.id
      }
    }
  }
}
""",
}


@pytest.mark.parametrize(("parts", "kind", "name"), [(SLB, "white", "slb"), (ALB, "White", "alb")],
                         ids=["slb", "alb"])
def test_an_open_listener_beside_a_whitelisted_one_forwards_its_own_port_only(
    tmp_path: Path, parts: str, kind: str, name: str
) -> None:
    """One balancer, two listeners: SSH (2222 → 22) whitelisted to 10.0.0.0/8, and 443 open
    to all forwarding to 443. A request entering on 443 reaches what the 443 listener
    forwards, not the SSH listener's backend port (was FAIL: internet → lb:443 → web:22)."""
    text = _text(parts, "on", kind, "10.0.0.0/8") + OPEN_443[name]
    assert _graph_002(tmp_path, text) == (Status.PASS, PASS)


@pytest.mark.parametrize(("parts", "status", "kind", "name"),
                         [(SLB, "off", "white", "slb"), (ALB, "", "Black", "alb")],
                         ids=["slb", "alb"])
def test_an_open_ssh_listener_beside_another_still_fails(
    tmp_path: Path, parts: str, status: str, kind: str, name: str
) -> None:
    """The SSH listener open to all (SLB ACL off, an ALB blacklist): FAIL through its own port."""
    text = _text(parts, status, kind, "10.0.0.0/8") + OPEN_443[name]
    assert _graph_002(tmp_path, text) == (Status.FAIL, FAIL)


#: The ALB listener's deprecated ``acl_config`` block instead of an ACL attachment.
ALB_CONFIG = ALB.split('resource "alicloud_alb_listener_acl_attachment"', maxsplit=1)[0].replace(
    '  listener_port     = 2222\n',
    '  listener_port     = 2222\n  acl_config {\n    acl_type = "TYPE"\n'
    '    acl_relations {\n      acl_id = alicloud_alb_acl.office.id\n    }\n  }\n',
)


@pytest.mark.parametrize(("kind", "entry", "status"), [
    ("White", "10.0.0.0/8", Status.PASS),
    ("White", "0.0.0.0/0", Status.FAIL),
    ("Black", "10.0.0.0/8", Status.FAIL),
], ids=["white-private", "white-everyone", "black"])
def test_an_alb_listeners_acl_config_block_is_read(
    tmp_path: Path, kind: str, entry: str, status: Status
) -> None:
    """A ``White`` ``acl_config`` of private addresses closes the listener (was FAIL: the
    deprecated block was not read); a blacklist or a wide entry keeps it open."""
    found = _graph_002(tmp_path, _text(ALB_CONFIG, "", kind, entry))
    assert found == ((Status.PASS, PASS) if status is Status.PASS else (Status.FAIL, FAIL))
