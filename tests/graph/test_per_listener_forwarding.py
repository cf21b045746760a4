"""What each listener and listener rule of an ELBv2 balancer forwards, followed apart
(``graph/network.py`` ``_gated``, stop 49). A request from "cloudfront (any distribution)"
reaches the balancer as each listener's default action and each rule it passes forwards
it: a helper node per listener (rule), shown as the balancer in a path, whose edges are that
holder's target groups' targets only. Before, the hop reached the balancer's own node, which
forwards to every group of every listener and rule: a default action forwarding to a static
site and a rule forwarding to the app only with a secret header made the app reached
surely (a wrong FAIL), and a listener on a port the balancer's group does not admit to
CloudFront forwarded all the same.

The fixture is graph/cloudfront_any_distribution (an internet-facing ALB admitting
CloudFront's origin-facing list, an app server, a database behind it), with a static server
beside the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.paths import ANY_DISTRIBUTION, forwarded_by_node
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

BASE = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "cloudfront_any_distribution"
ADMITS = "public endpoint; it admits CloudFront's origin-facing prefix list"
APP_DEFAULT = (
    '  default_action {\n    type             = "forward"\n'
    "    target_group_arn = aws_lb_target_group.app.arn\n  }\n"
)
STATIC_DEFAULT = APP_DEFAULT.replace("aws_lb_target_group.app", "aws_lb_target_group.static")
STATIC = '''
resource "aws_security_group" "static" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 8081
    to_port         = 8081
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }
}

resource "aws_instance" "static" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.static.id]
}

resource "aws_lb_target_group" "static" {
  name     = "static"
  port     = 8081
  protocol = "HTTP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_lb_target_group_attachment" "static" {
  target_group_arn = aws_lb_target_group.static.arn
  target_id        = aws_instance.static.id
  port             = 8081
}
'''
SECRET = 'variable "origin_secret" {\n  type      = string\n  sensitive = true\n}\n'
RULE = '''
resource "aws_lb_listener_rule" "origin" {
  listener_arn = aws_lb_listener.https.arn
  priority     = 1
  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
  condition {
    http_header {
      http_header_name = "X-Origin-Verify"
      values           = [var.origin_secret]
    }
  }
}
'''
DISTRIBUTION = '''
resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
  origin {
    domain_name = aws_lb.web.dns_name
    origin_id   = "alb"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
    custom_header {
      name  = "X-Origin-Verify"
      value = var.origin_secret
    }
  }
  default_cache_behavior {
    target_origin_id       = "alb"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
'''
ADMIN = '''
resource "aws_lb_listener" "admin" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:ap-southeast-1:111122223333:certificate/abc"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
'''
PATH = "internet → cloudfront (any distribution):80,443 → web:443 → app:8080 → orders:5432"


def _write(tmp_path: Path, extra: str, default: str = STATIC_DEFAULT) -> Path:
    text = (BASE / "terraform" / "main.tf").read_text(encoding="utf-8")
    assert APP_DEFAULT in text
    (tmp_path / "main.tf").write_text(text.replace(APP_DEFAULT, default) + STATIC + extra,
                                      encoding="utf-8")
    return tmp_path


def _finding(folder: Path, address: str = "aws_db_instance.db",
             rule: str = "GDCC-GRAPH-005") -> Finding:
    result = audit([folder], Settings(rule_ids=[rule]))
    return next(f for f in result.findings if f.address == address)


def test_a_default_action_does_not_carry_a_header_rules_forwarding(tmp_path: Path) -> None:
    # the default action forwards to the static server, the rule to the app only with a
    # secret header no distribution of the scan adds: the app is reached perhaps. FAIL on
    # the old code (the hop reached the balancer, which forwards to the app too, surely)
    found = _finding(_write(tmp_path, SECRET + RULE))
    assert found.status is Status.UNKNOWN
    assert found.message.en.endswith(f": {PATH}")
    hops = found.evidence["path_hops"]
    assert not hops[2]["node"].startswith("forwarded-by:")  # shown as the balancer
    assert hops[2]["label"] == "web"
    assert hops[2]["kind"] == "network.load_balancer"
    assert hops[2]["certain"] is False
    assert hops[2]["via"] == (
        f"{ADMITS}; listener rule aws_lb_listener_rule.origin forwards only requests with "
        "the header X-Origin-Verify, and no distribution of the scan fronts the balancer "
        "(one outside the scan may add it)"
    )


def test_the_default_actions_targets_are_reached_surely(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _write(tmp_path, SECRET + RULE)
    _, graph = audit_keeping_graph(folder, monkeypatch, Settings(rule_ids=["GDCC-GRAPH-005"]))
    static = id_of(graph, "aws_instance.static")
    (path,) = graph.paths_from_internet(to=static)
    assert path.certain
    assert str(path) == "internet → cloudfront (any distribution):80,443 → web:443 → static:8081"
    listener = forwarded_by_node(id_of(graph, "aws_lb_listener.https"))
    rule = forwarded_by_node(id_of(graph, "aws_lb_listener_rule.origin"))
    assert graph.reach.edge(ANY_DISTRIBUTION, listener)["certain"] is True
    assert graph.reach.edge(ANY_DISTRIBUTION, rule)["certain"] is False
    assert set(graph.reach.adj[listener]) == {static}
    assert set(graph.reach.adj[rule]) == {id_of(graph, "aws_instance.app")}
    # the balancer itself is reached (GDCC-GRAPH-013 asks), through its listener
    web = id_of(graph, "aws_lb.web")
    assert graph.reached_from_internet(web)
    (to_web,) = graph.paths_from_internet(to=web)
    assert to_web.certain
    assert to_web.hops[-1].node == web


def test_the_scans_distribution_adding_the_secret_reaches_the_rules_targets(
    tmp_path: Path,
) -> None:
    found = _finding(_write(tmp_path, SECRET + RULE + DISTRIBUTION))
    assert found.status is Status.FAIL
    assert found.message.en.endswith(
        ": internet → cdn:80,443 → web:443 → app:8080 → orders:5432")
    assert all(h["node"] != ANY_DISTRIBUTION for h in found.evidence["path_hops"])


def test_a_listener_on_a_port_cloudfront_is_not_admitted_on_forwards_nothing_to_it(
    tmp_path: Path,
) -> None:
    # 443 forwards to the static server, 8443 to the app, and the group admits CloudFront on
    # 443 only. FAIL on the old code (any distribution → web:443 → app)
    found = _finding(_write(tmp_path, ADMIN))
    assert found.status is Status.PASS


def test_a_rule_forwarding_anyones_request_beside_a_forwarding_default(tmp_path: Path) -> None:
    # a default action forwarding to the static server does not hide a rule with a path
    # condition forwarding to the app (rules are read beside it)
    found = _finding(_write(tmp_path, RULE.replace(
        '    http_header {\n      http_header_name = "X-Origin-Verify"\n'
        "      values           = [var.origin_secret]\n    }\n",
        '    path_pattern {\n      values = ["/api/*"]\n    }\n')))
    assert found.status is Status.FAIL
    assert found.evidence["path_hops"][2]["via"] == (
        f"{ADMITS}; listener rule aws_lb_listener_rule.origin forwards without a header check"
    )


def test_graph_013_still_judges_a_balancer_reached_through_its_listeners(
    tmp_path: Path,
) -> None:
    # the balancer keeps no access logs; any distribution reaches it as its listener
    # forwards: FAIL, as before
    found = _finding(_write(tmp_path, SECRET + RULE), "aws_lb.web", "GDCC-GRAPH-013")
    assert found.status is Status.FAIL


# -- an internet client of a balancer open to the internet -------------------------------------
OPEN = ("    prefix_list_ids = [data.aws_ec2_managed_prefix_list.cloudfront.id]\n",
        '    cidr_blocks     = ["0.0.0.0/0"]\n')


def _open(tmp_path: Path, extra: str) -> Path:
    folder = _write(tmp_path, extra)
    text = (folder / "main.tf").read_text(encoding="utf-8")
    assert OPEN[0] in text
    (folder / "main.tf").write_text(text.replace(*OPEN), encoding="utf-8")
    return folder


def test_an_internet_client_does_not_pass_a_secret_the_scans_distribution_adds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the rule's targets are reached through the distribution adding the secret; on the old
    # code straight from the internet ("internet → web:443 → app:8080 → orders:5432")
    folder = _open(tmp_path, SECRET + RULE + DISTRIBUTION)
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(
        ": internet → cdn:80,443 → web:443 → app:8080 → orders:5432")
    assert found.evidence["path_hops"][2]["via"] == (
        "forwards (custom origin); public endpoint; it adds the secret header X-Origin-Verify "
        "listener rule aws_lb_listener_rule.origin asks for")
    _, graph = audit_keeping_graph(folder, monkeypatch, Settings(rule_ids=["GDCC-GRAPH-005"]))
    static = id_of(graph, "aws_instance.static")
    (path,) = graph.paths_from_internet(to=static)
    assert str(path) == "internet → web:443 → static:8081"
    web = id_of(graph, "aws_lb.web")
    (direct,) = graph.paths_from_internet(to=web)
    assert len(direct.hops) == 2  # (GDCC-GRAPH-003's "direct" entry point)
    assert direct.certain


def test_without_the_scans_distribution_an_internet_client_is_as_before(
    tmp_path: Path,
) -> None:
    # no distribution of the scan adds the secret: whoever adds it may be any client
    found = _finding(_open(tmp_path, SECRET + RULE))
    assert found.status is Status.FAIL
    assert found.message.en.endswith(": internet → web:443 → app:8080 → orders:5432")


def test_graph_013_on_a_balancer_open_to_the_internet_with_a_secret_rule(
    tmp_path: Path,
) -> None:
    found = _finding(_open(tmp_path, SECRET + RULE + DISTRIBUTION), "aws_lb.web",
                     "GDCC-GRAPH-013")
    assert found.status is Status.FAIL
