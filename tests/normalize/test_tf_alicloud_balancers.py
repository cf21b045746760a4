"""Alibaba Cloud ALB / NLB balancers and listeners, mapped as load balancers so the graph
follows them (``normalize/terraform/alicloud_balancers.py``): each load-balancer rule's
verdict on them, by the provider's documented defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEXT = """\
resource "alicloud_alb_load_balancer" "lb" {
  vpc_id                = "vpc-123"
  address_type          = "Internet"
  load_balancer_name    = "web"
  load_balancer_edition = "Standard"
  load_balancer_billing_config {
    pay_type = "PayAsYouGo"
  }
  zone_mappings {
    vswitch_id = "vsw-123"
    zone_id    = "cn-hangzhou-b"
  }
}

resource "alicloud_alb_load_balancer" "logged" {
  vpc_id                = "vpc-123"
  address_type          = "Intranet"
  load_balancer_name    = "logged"
  load_balancer_edition = "Standard"
  load_balancer_billing_config {
    pay_type = "PayAsYouGo"
  }
  access_log_config {
    log_project = "alb-logs"
    log_store   = "access"
  }
}

resource "alicloud_alb_listener" "http" {
  load_balancer_id  = alicloud_alb_load_balancer.lb.id
  listener_protocol = "HTTP"
  listener_port     = 80
  default_actions {
    type = "ForwardGroup"
  }
}

resource "alicloud_alb_listener" "https" {
  load_balancer_id   = alicloud_alb_load_balancer.lb.id
  listener_protocol  = "HTTPS"
  listener_port      = 443
  security_policy_id = "tls_cipher_policy_1_2"
  default_actions {
    type = "ForwardGroup"
  }
}

resource "alicloud_alb_listener" "https_default" {
  load_balancer_id  = alicloud_alb_load_balancer.lb.id
  listener_protocol = "HTTPS"
  listener_port     = 8443
  default_actions {
    type = "ForwardGroup"
  }
}

resource "alicloud_nlb_load_balancer" "lb" {
  load_balancer_name = "tcp"
  address_type       = "Internet"
  vpc_id             = "vpc-123"
  zone_mappings {
    vswitch_id = "vsw-123"
    zone_id    = "cn-hangzhou-b"
  }
}

resource "alicloud_nlb_listener" "tcp" {
  listener_protocol = "TCP"
  listener_port     = 80
  load_balancer_id  = alicloud_nlb_load_balancer.lb.id
  server_group_id   = "sgp-123"
}

resource "alicloud_nlb_listener" "tls" {
  listener_protocol = "TCPSSL"
  listener_port     = 443
  load_balancer_id  = alicloud_nlb_load_balancer.lb.id
  server_group_id   = "sgp-123"
}
"""


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Status, str]]:
    root: Path = tmp_path_factory.mktemp("balancers")
    (root / "main.tf").write_text(TEXT, encoding="utf-8")
    rules = ("GDCC-ENC-004", "GDCC-ENC-005", "GDCC-NET-003", "GDCC-LOG-007")
    result = audit([root], Settings(rule_ids=rules))
    return {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}


@pytest.mark.parametrize(
    ("rule", "address", "status", "words"),
    [
        ("GDCC-ENC-004", "alicloud_alb_listener.http", Status.FAIL,
         "unencrypted connections are accepted"),
        ("GDCC-ENC-004", "alicloud_alb_listener.https", Status.PASS, ""),
        ("GDCC-ENC-004", "alicloud_nlb_listener.tls", Status.PASS, ""),
        ("GDCC-ENC-004", "alicloud_nlb_listener.tcp", Status.UNKNOWN, "not known"),
        ("GDCC-ENC-004", "alicloud_alb_load_balancer.lb", Status.NOT_APPLICABLE,
         "each listener's are judged on the listener"),
        ("GDCC-ENC-005", "alicloud_alb_listener.https", Status.PASS, ""),
        ("GDCC-ENC-005", "alicloud_alb_listener.https_default", Status.UNKNOWN, "not known"),
        ("GDCC-ENC-005", "alicloud_alb_listener.http", Status.NOT_APPLICABLE,
         "terminates no TLS"),
        ("GDCC-ENC-005", "alicloud_nlb_listener.tcp", Status.NOT_APPLICABLE,
         "terminates no TLS"),
        ("GDCC-ENC-005", "alicloud_nlb_listener.tls", Status.FAIL,
         "the minimum TLS version is 1.0; 1.2 or later required (provider default: "
         "'security_policy_id' not set)"),
        ("GDCC-ENC-005", "alicloud_nlb_load_balancer.lb", Status.NOT_APPLICABLE,
         "each listener's are judged on the listener"),
        ("GDCC-NET-003", "alicloud_alb_load_balancer.lb", Status.UNKNOWN,
         "a public entry point, and whether it has a WAF is not known"),
        ("GDCC-NET-003", "alicloud_alb_load_balancer.logged", Status.NOT_APPLICABLE,
         "not reachable from the internet"),
        ("GDCC-NET-003", "alicloud_nlb_load_balancer.lb", Status.NOT_APPLICABLE,
         "carries no HTTP"),
        ("GDCC-NET-003", "alicloud_alb_listener.http", Status.NOT_APPLICABLE,
         "a listener: judged on its load balancer"),
        ("GDCC-LOG-007", "alicloud_alb_load_balancer.lb", Status.FAIL,
         "access logs are not written"),
        ("GDCC-LOG-007", "alicloud_alb_load_balancer.logged", Status.PASS, ""),
        ("GDCC-LOG-007", "alicloud_nlb_load_balancer.lb", Status.UNKNOWN, "not known"),
        ("GDCC-LOG-007", "alicloud_alb_listener.https", Status.NOT_APPLICABLE,
         "a listener writes no access log of its own"),
    ],
)
def test_each_rule_on_alb_and_nlb(
    verdicts: dict[tuple[str, str], tuple[Status, str]], rule: str, address: str,
    status: Status, words: str,
) -> None:
    found, message = verdicts[(rule, address)]
    assert found is status, (rule, address, found, message)
    assert words in message, message
