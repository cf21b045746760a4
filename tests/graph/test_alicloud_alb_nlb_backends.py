"""Alibaba Cloud Application and Network Load Balancer (ALB / NLB) backends were not read by
the graph (none of their resource types was mapped): an ECS instance with no public IP behind
an internet-facing ALB or NLB whose listener forwards SSH PASSed GDCC-GRAPH-002 "No management
port is reachable". A listener (``alicloud_alb_listener`` ``listener_port``,
``alicloud_nlb_listener`` ``listener_port`` or ``start_port``-``end_port``) now forwards to the
servers of the server groups it names (ALB ``default_actions``, the forward actions of its
``alicloud_alb_rule`` resources; NLB ``server_group_id``) on each server's ``port``, through the
backend's security groups."""

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

resource "alicloud_vswitch" "lb" {
  vpc_id     = alicloud_vpc.main.id
  cidr_block = "172.16.8.0/21"
  zone_id    = "cn-hangzhou-b"
}

resource "alicloud_security_group" "web" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  cidr_ip           = "SOURCE"
  security_group_id = alicloud_security_group.web.id
}

resource "alicloud_instance" "web" {
  image_id        = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type   = "ecs.g7.large"
  security_groups = [alicloud_security_group.web.id]
  vswitch_id      = alicloud_vswitch.app.id
}
"""

ALB = """
resource "alicloud_alb_load_balancer" "lb" {
  vpc_id                 = alicloud_vpc.main.id
  address_type           = "ADDRESS"
  address_allocated_mode = "Dynamic"
  load_balancer_name     = "web"
  load_balancer_edition  = "Standard"
  load_balancer_billing_config {
    pay_type = "PayAsYouGo"
  }
  zone_mappings {
    vswitch_id = alicloud_vswitch.lb.id
    zone_id    = "cn-hangzhou-b"
  }
}

resource "alicloud_alb_server_group" "web" {
  protocol          = "HTTP"
  vpc_id            = alicloud_vpc.main.id
  server_group_name = "web"
  health_check_config {
    health_check_enabled = "false"
  }
  sticky_session_config {
    sticky_session_enabled = "false"
  }
  servers {
    server_id   = alicloud_instance.web.id
    server_ip   = alicloud_instance.web.private_ip
    server_type = "Ecs"
    port        = BACKEND
  }
}
"""

ALB_LISTENER = """
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
"""

# the listener's default action forwards elsewhere; a rule of it forwards to the group
ALB_RULE = """
resource "alicloud_alb_server_group" "other" {
  protocol          = "HTTP"
  vpc_id            = alicloud_vpc.main.id
  server_group_name = "other"
  health_check_config {
    health_check_enabled = "false"
  }
  sticky_session_config {
    sticky_session_enabled = "false"
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
        server_group_id = alicloud_alb_server_group.other.id
      }
    }
  }
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
        server_group_id = alicloud_alb_server_group.web.id
      }
    }
  }
}
"""

NLB = """
resource "alicloud_nlb_load_balancer" "lb" {
  load_balancer_name = "web"
  load_balancer_type = "Network"
  address_type       = "ADDRESS"
  address_ip_version = "Ipv4"
  vpc_id             = alicloud_vpc.main.id
  zone_mappings {
    vswitch_id = alicloud_vswitch.lb.id
    zone_id    = "cn-hangzhou-b"
  }
}

resource "alicloud_nlb_server_group" "web" {
  server_group_name = "web"
  server_group_type = "Instance"
  vpc_id            = alicloud_vpc.main.id
  scheduler         = "Wrr"
  protocol          = "TCP"
  health_check {
    health_check_enabled = false
  }
}

resource "alicloud_nlb_server_group_server_attachment" "web" {
  server_type     = "Ecs"
  server_id       = alicloud_instance.web.id
  port            = BACKEND
  server_group_id = alicloud_nlb_server_group.web.id
  weight          = 100
}
"""

NLB_LISTENER = """
resource "alicloud_nlb_listener" "ssh" {
  listener_protocol = "TCP"
  listener_port     = 2222
  load_balancer_id  = alicloud_nlb_load_balancer.lb.id
  server_group_id   = alicloud_nlb_server_group.web.id
}
"""

NLB_RANGE = """
resource "alicloud_nlb_listener" "ssh" {
  listener_protocol = "TCP"
  listener_port     = 0
  start_port        = 2000
  end_port          = 2999
  load_balancer_id  = alicloud_nlb_load_balancer.lb.id
  server_group_id   = alicloud_nlb_server_group.web.id
}
"""


def _graph_002(tmp_path: Path, text: str) -> tuple[str, Status, str]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (finding,) = [f for f in result.findings if f.address == "alicloud_instance.web"]
    return finding.address, finding.status, finding.message.en


def _text(parts: str, address: str = "Internet", backend: str = "22",
          source: str = "0.0.0.0/0") -> str:
    return (BASE.replace("SOURCE", source) + parts.replace("ADDRESS", address)
            .replace("BACKEND", backend))


SSH_FAIL = "management port 22 reachable from the internet: internet → lb:{} → web:22"
PASS = "No management port is reachable from the internet through any path"
CASES = [ALB + ALB_LISTENER, ALB + ALB_RULE, NLB + NLB_LISTENER]
IDS = ["alb-listener", "alb-rule", "nlb-listener"]


@pytest.mark.parametrize("parts", CASES, ids=IDS)
def test_an_internet_balancer_forwarding_ssh_to_its_backend_fails(
    tmp_path: Path, parts: str
) -> None:
    """The SSH listener's path reaches the backend (was PASS: nothing of ALB / NLB mapped)."""
    assert _graph_002(tmp_path, _text(parts)) == (
        "alicloud_instance.web", Status.FAIL, SSH_FAIL.format(2222))


def test_an_nlb_listener_port_range_forwards(tmp_path: Path) -> None:
    """``listener_port = 0`` listens on ``start_port``-``end_port``."""
    assert _graph_002(tmp_path, _text(NLB + NLB_RANGE)) == (
        "alicloud_instance.web", Status.FAIL, SSH_FAIL.format("2000-2999"))


@pytest.mark.parametrize("parts", CASES, ids=IDS)
def test_a_backend_reached_on_another_port_passes(tmp_path: Path, parts: str) -> None:
    """The group forwards to port 8080 only: SSH open in the backend's group is not reached
    through the balancer (no wrong FAIL from reading every port)."""
    assert _graph_002(tmp_path, _text(parts, backend="8080")) == (
        "alicloud_instance.web", Status.PASS, PASS)


@pytest.mark.parametrize("parts", CASES, ids=IDS)
def test_an_intranet_balancer_passes(tmp_path: Path, parts: str) -> None:
    assert _graph_002(tmp_path, _text(parts, address="Intranet"))[1] is Status.PASS


@pytest.mark.parametrize("parts", CASES, ids=IDS)
def test_a_backend_admitting_the_balancers_vswitch_fails(tmp_path: Path, parts: str) -> None:
    """ALB, and NLB without client IP preservation (the default), connect to their backends
    from local addresses of their own vSwitches: a rule admitting that vSwitch admits them."""
    assert _graph_002(tmp_path, _text(parts, source="172.16.8.0/21")) == (
        "alicloud_instance.web", Status.FAIL, SSH_FAIL.format(2222))


@pytest.mark.parametrize("parts", CASES, ids=IDS)
def test_a_backend_admitting_other_private_addresses_is_unknown(
    tmp_path: Path, parts: str
) -> None:
    """A rule admitting 100.64.0.0/10 only: the local addresses of a balancer not upgraded
    may be there; never a PASS."""
    address, status, message = _graph_002(tmp_path, _text(parts, source="100.64.0.0/10"))
    assert (address, status) == ("alicloud_instance.web", Status.UNKNOWN)
    assert message.startswith(
        "management port 22 reachable from the internet if what is not known allows it"
    ), message


@pytest.mark.parametrize("parts", CASES, ids=IDS)
def test_a_backend_admitting_nothing_on_the_port_is_unknown(tmp_path: Path, parts: str) -> None:
    """Its groups admit nothing on 22: whether they filter the balancer's local addresses
    is not documented (an ALB not upgraded connects from 100.64.0.0/10, which a CLB's
    backends admit with no rule): UNKNOWN, never a PASS."""
    text = _text(parts).replace('port_range        = "22/22"', 'port_range        = "443/443"')
    address, status, message = _graph_002(tmp_path, text)
    assert (address, status) == ("alicloud_instance.web", Status.UNKNOWN)
    assert message.startswith(
        "management port 22 reachable from the internet if what is not known allows it"
    ), message


SLB_HTTP = """
resource "alicloud_slb_load_balancer" "lb" {
  load_balancer_name = "web"
  address_type       = "internet"
  load_balancer_spec = "slb.s2.small"
}

resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "http"
  frontend_port    = 2222
  backend_port     = 22
  bandwidth        = 10
}

resource "alicloud_slb_attachment" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  instance_ids     = [alicloud_instance.web.id]
}
"""


def test_an_slb_http_listener_reaches_its_backend_whatever_its_groups_admit(
    tmp_path: Path,
) -> None:
    """A CLB layer-7 listener connects from 100.64.0.0/10, which security groups admit with
    no rule (CLB health-check-overview): its groups admitting nothing on 22 do not stop it
    (was UNKNOWN)."""
    text = _text(SLB_HTTP).replace('port_range        = "22/22"', 'port_range        = "443/443"')
    assert _graph_002(tmp_path, text) == (
        "alicloud_instance.web", Status.FAIL, SSH_FAIL.format(2222))


# --- backends named by their network interface, SLB forwarding rules, scaling groups ---

SLB = """
resource "alicloud_slb_load_balancer" "lb" {
  load_balancer_name = "web"
  address_type       = "internet"
  load_balancer_spec = "slb.s2.small"
}

resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "tcp"
  frontend_port    = 2222
  backend_port     = 22
  bandwidth        = 10
}
"""

ENI = """
resource "alicloud_ecs_network_interface" "web" {
  vswitch_id         = alicloud_vswitch.app.id
  security_group_ids = [alicloud_security_group.web.id]
}

resource "alicloud_ecs_network_interface_attachment" "web" {
  network_interface_id = alicloud_ecs_network_interface.web.id
  instance_id          = alicloud_instance.web.id
}
"""

SLB_ENI = SLB + ENI + """
resource "alicloud_slb_backend_server" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  backend_servers {
    server_id = alicloud_ecs_network_interface.web.id
    type      = "eni"
    server_ip = alicloud_ecs_network_interface.web.primary_ip_address
    weight    = 100
  }
}
"""

ALB_ENI = ALB.replace("""    server_id   = alicloud_instance.web.id
    server_ip   = alicloud_instance.web.private_ip
    server_type = "Ecs\"""", """    server_id   = alicloud_ecs_network_interface.web.id
    server_ip   = alicloud_ecs_network_interface.web.primary_ip_address
    server_type = "Eni\"""") + ALB_LISTENER + ENI

# an HTTP listener's rule forwards /admin to a vServer group of its own
SLB_RULE = """
resource "alicloud_slb_load_balancer" "lb" {
  load_balancer_name = "web"
  address_type       = "internet"
  load_balancer_spec = "slb.s2.small"
}

resource "alicloud_slb_listener" "ssh" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  protocol         = "http"
  frontend_port    = 2222
  backend_port     = 8080
  bandwidth        = 10
}

resource "alicloud_slb_server_group" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  name             = "admin"
  servers {
    server_ids = [alicloud_instance.web.id]
    port       = 22
    weight     = 100
  }
}

resource "alicloud_slb_rule" "admin" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  frontend_port    = alicloud_slb_listener.ssh.frontend_port
  name             = "admin"
  domain           = "*.example.com"
  url              = "/admin"
  server_group_id  = alicloud_slb_server_group.web.id
}
"""

SCALING = """
resource "alicloud_ess_scaling_group" "web" {
  min_size     = 1
  max_size     = 2
  vswitch_ids  = [alicloud_vswitch.app.id]
  GROUP_BLOCK
}

resource "alicloud_ess_scaling_configuration" "web" {
  scaling_group_id  = alicloud_ess_scaling_group.web.id
  image_id          = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type     = "ecs.g7.large"
  security_group_id = alicloud_security_group.web.id
}
"""

# the ALB's group has no servers of its own: the scaling group adds its instances
ALB_EMPTY = ALB.replace("""  servers {
    server_id   = alicloud_instance.web.id
    server_ip   = alicloud_instance.web.private_ip
    server_type = "Ecs"
    port        = BACKEND
  }
""", "") + ALB_LISTENER
NLB_EMPTY = NLB.split('resource "alicloud_nlb_server_group_server_attachment"', maxsplit=1)[0]
NLB_EMPTY += NLB_LISTENER

ESS_ATTACHMENT = """
resource "alicloud_ess_server_group_attachment" "web" {
  scaling_group_id = alicloud_ess_scaling_group.web.id
  server_group_id  = GROUP.id
  port             = BACKEND
  type             = "TYPE"
  weight           = 50
  force_attach     = true
}
"""

ALB_BLOCK = """alb_server_group {
    alb_server_group_id = alicloud_alb_server_group.web.id
    port                = BACKEND
    weight              = 100
  }"""

VSERVER_BLOCK = SLB.replace(
    "  backend_port     = 22\n", "  server_group_id  = alicloud_slb_server_group.web.id\n"
) + """
resource "alicloud_slb_server_group" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  name             = "web"
}
"""

VSERVER_GROUPS = """vserver_groups {
    loadbalancer_id = alicloud_slb_load_balancer.lb.id
    vserver_attributes {
      vserver_group_id = alicloud_slb_server_group.web.id
      port             = BACKEND
      weight           = 100
    }
  }"""

SCALING_CASES = {
    "ess-attachment-alb": ALB_EMPTY + SCALING.replace("GROUP_BLOCK", "") + ESS_ATTACHMENT.replace(
        "GROUP", "alicloud_alb_server_group.web").replace("TYPE", "ALB"),
    "ess-attachment-nlb": NLB_EMPTY + SCALING.replace("GROUP_BLOCK", "") + ESS_ATTACHMENT.replace(
        "GROUP", "alicloud_nlb_server_group.web").replace("TYPE", "NLB"),
    "ess-alb-server-group-attachment": ALB_EMPTY + SCALING.replace("GROUP_BLOCK", "") + """
resource "alicloud_ess_alb_server_group_attachment" "web" {
  scaling_group_id    = alicloud_ess_scaling_group.web.id
  alb_server_group_id = alicloud_alb_server_group.web.id
  port                = BACKEND
  weight              = 50
}
""",
    "alb-server-group-block": ALB_EMPTY + SCALING.replace("GROUP_BLOCK", ALB_BLOCK),
    "vserver-groups-block": VSERVER_BLOCK + SCALING.replace("GROUP_BLOCK", VSERVER_GROUPS),
}


def _finding(tmp_path: Path, text: str, address: str) -> tuple[str, Status, str]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    (finding,) = [f for f in result.findings if f.address == address]
    return finding.address, finding.status, finding.message.en


@pytest.mark.parametrize("parts", [SLB_ENI, ALB_ENI], ids=["slb-eni", "alb-eni"])
def test_a_backend_named_by_its_network_interface_is_its_instance(
    tmp_path: Path, parts: str
) -> None:
    """SLB ``type = "eni"`` / ALB ``server_type = "Eni"``: the instance the interface is
    attached to is reached (was PASS: an interface is no endpoint of the graph)."""
    assert _graph_002(tmp_path, _text(parts)) == (
        "alicloud_instance.web", Status.FAIL, SSH_FAIL.format(2222))


def test_an_slb_rule_forwards_to_its_vserver_group(tmp_path: Path) -> None:
    """The listener forwards to 8080; its rule's vServer group is on 22 (was PASS: the rule
    was not read)."""
    assert _graph_002(tmp_path, _text(SLB_RULE)) == (
        "alicloud_instance.web", Status.FAIL, SSH_FAIL.format(2222))


@pytest.mark.parametrize("parts", SCALING_CASES.values(), ids=SCALING_CASES.keys())
def test_a_scaling_groups_instances_join_the_server_group(tmp_path: Path, parts: str) -> None:
    """A scaling group's instances are added to the server group on the port it gives (was
    PASS: neither an attachment nor the group's blocks were read)."""
    address = "alicloud_ess_scaling_configuration.web"
    assert _finding(tmp_path, _text(parts), address) == (
        address, Status.FAIL, SSH_FAIL.format(2222))
    assert _finding(tmp_path, _text(parts, backend="8080"), address) == (
        address, Status.PASS, PASS)


ALB_DYNAMIC = ALB.replace("""  servers {
    server_id   = alicloud_instance.web.id
    server_ip   = alicloud_instance.web.private_ip
    server_type = "Ecs"
    port        = BACKEND
  }""", """  dynamic "servers" {
    for_each = alicloud_instance.web
    content {
      server_id   = servers.value.id
      server_type = "Ecs"
      port        = BACKEND
    }
  }""") + ALB_LISTENER

SLB_DYNAMIC = SLB.replace("  backend_port     = 22\n", (
    "  server_group_id  = alicloud_slb_server_group.web.id\n")) + """
resource "alicloud_slb_server_group" "web" {
  load_balancer_id = alicloud_slb_load_balancer.lb.id
  name             = "web"
  dynamic "servers" {
    for_each = alicloud_instance.web
    content {
      server_ids = [servers.value.id]
      port       = BACKEND
      weight     = 100
    }
  }
}
"""


@pytest.mark.parametrize(
    ("parts", "elsewhere"),
    [(ALB_DYNAMIC, Status.UNKNOWN), (SLB_DYNAMIC, Status.PASS)], ids=["alb", "slb"],
)
def test_a_dynamic_servers_block_reaches_each_instance(
    tmp_path: Path, parts: str, elsewhere: Status
) -> None:
    """A ``dynamic "servers"`` block over counted instances: its references name no block
    index (``servers``), so no server was reached (was PASS); now on the blocks' ports. On
    8080 the SLB's TCP listener is not admitted (PASS); the ALB's local addresses perhaps
    are, and from one instance its group admits the other on every port (UNKNOWN)."""
    counted = 'resource "alicloud_instance" "web" {\n  count = 2'
    text = _text(parts).replace('resource "alicloud_instance" "web" {', counted)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    status, message = found["alicloud_instance.web[0]"]
    assert status is Status.FAIL, message
    assert message.startswith("management ports 22, "), message
    assert "internet → lb:2222 → web" in message, message
    text = _text(parts, backend="8080").replace('resource "alicloud_instance" "web" {', counted)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    assert {f.status for f in result.findings} == {elsewhere}


def _from_template(parts: str) -> str:
    """The scaling group launches from an ``alicloud_ecs_launch_template`` (its
    ``launch_template_id``) with no scaling configuration."""
    return parts.replace(
        'resource "alicloud_ess_scaling_configuration" "web" {\n'
        "  scaling_group_id  = alicloud_ess_scaling_group.web.id\n",
        'resource "alicloud_ecs_launch_template" "web" {\n',
    ).replace(
        "  vswitch_ids  = [alicloud_vswitch.app.id]\n",
        "  vswitch_ids  = [alicloud_vswitch.app.id]\n"
        "  launch_template_id = alicloud_ecs_launch_template.web.id\n",
    )


@pytest.mark.parametrize("parts", SCALING_CASES.values(), ids=SCALING_CASES.keys())
def test_a_launch_template_groups_instances_join_the_server_group(
    tmp_path: Path, parts: str
) -> None:
    """The same with a launch template: the group's instances had no node (was PASS)."""
    address = "alicloud_ecs_launch_template.web"
    text = _from_template(parts)
    assert "alicloud_ess_scaling_configuration" not in text
    assert _finding(tmp_path, _text(text), address) == (
        address, Status.FAIL, SSH_FAIL.format(2222))
    assert _finding(tmp_path, _text(text, backend="8080"), address) == (
        address, Status.PASS, PASS)


#: An NLB server group with client IP preservation on ("false (default)",
#: resources/nlb_server_group).
NLB_PRESERVED = NLB.replace('  protocol          = "TCP"\n',
                            '  protocol          = "TCP"\n  preserve_client_ip_enabled = true\n')


@pytest.mark.parametrize("source", ["172.16.8.0/21", "100.64.0.0/10"], ids=["vswitch", "cgnat"])
def test_client_ip_preservation_needs_a_rule_admitting_the_client(
    tmp_path: Path, source: str
) -> None:
    """The server sees the internet client's own address: a rule admitting the NLB's vSwitch
    (or 100.64.0.0/10) admits no internet client (was FAIL through the vSwitch rule, UNKNOWN
    through 100.64.0.0/10)."""
    assert _graph_002(tmp_path, _text(NLB_PRESERVED + NLB_LISTENER, source=source)) == (
        "alicloud_instance.web", Status.PASS, PASS)


def test_client_ip_preservation_with_a_rule_admitting_the_internet_fails(
    tmp_path: Path,
) -> None:
    assert _graph_002(tmp_path, _text(NLB_PRESERVED + NLB_LISTENER)) == (
        "alicloud_instance.web", Status.FAIL, SSH_FAIL.format(2222))


@pytest.mark.parametrize("change", [
    ('listener_protocol = "TCP"', 'listener_protocol = "TCPSSL"'),
    ('address_ip_version = "Ipv4"', 'address_ip_version = "DualStack"'),
], ids=["tcpssl-listener", "dual-stack"])
def test_client_ip_preservation_unavailable_connects_from_the_balancer(
    tmp_path: Path, change: tuple[str, str]
) -> None:
    """Preservation "is unavailable" behind a TCPSSL listener, or for an IPv6 client of an
    IPv4 service (NLB user guide, obtain-client-ip-addresses): the balancer's own addresses
    reach the server, and a rule admitting its vSwitch admits them."""
    text = _text(NLB_PRESERVED + NLB_LISTENER, source="172.16.8.0/21").replace(*change)
    assert _graph_002(tmp_path, text) == (
        "alicloud_instance.web", Status.FAIL, SSH_FAIL.format(2222))


#: The interface's attachment removed: it is attached to no instance of the scan.
UNATTACHED = {
    name: parts.replace(ENI.split("\n\n")[1], "") for name, parts in
    (("slb-eni", SLB_ENI), ("alb-eni", ALB_ENI))
}


@pytest.mark.parametrize("name", list(UNATTACHED))
def test_a_backend_interface_attached_to_no_instance_of_the_scan_is_judged(
    tmp_path: Path, name: str
) -> None:
    """It stands for the instance behind it: reached through the balancer and its own
    groups (was dropped silently: no finding at all), its other settings not known, saying
    which interface."""
    text = _text(UNATTACHED[name])
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    rules = ("GDCC-GRAPH-002", "GDCC-CMP-001")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {f.rule_id: (f.status, f.message.en) for f in result.findings
             if f.address == "alicloud_ecs_network_interface.web"}
    assert found["GDCC-GRAPH-002"] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → lb:2222 → web:22")
    assert found["GDCC-CMP-001"] == (
        Status.UNKNOWN,
        "whether it has a public IP address is not known from the input: "
        "alicloud_ecs_network_interface.web is a load balancer's backend attached to no ECS "
        "instance of the scan: the instance it stands for is not in the input",
    )
    assert "alicloud_ecs_network_interface" not in result.not_judged


def test_an_interface_attached_to_one_of_several_instances_reaches_each(
    tmp_path: Path,
) -> None:
    """The attachment's ``instance_id`` is one of two instances a value not known chooses:
    each is reached perhaps (was PASS: the attachment was read as naming none)."""
    text = _text(SLB_ENI).replace(
        "  instance_id          = alicloud_instance.web.id",
        "  instance_id          = var.pick ? alicloud_instance.web.id : alicloud_instance.b.id",
    ) + 'variable "pick" {\n  type = bool\n}\n' + BASE.rsplit("\n\n", maxsplit=1)[-1].replace(
        '"web"', '"b"')
    address, status, message = _graph_002(tmp_path, text)
    assert (address, status) == ("alicloud_instance.web", Status.UNKNOWN)
    assert message.endswith("if what is not known allows it: internet → lb:2222 → web:22")


def test_an_interface_not_named_as_a_backend_is_not_judged(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_text(ENI.split("\n\n", maxsplit=1)[0]), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    assert result.not_judged.get("alicloud_ecs_network_interface") == 1
