"""A public target whose security group admits only CloudFront's origin-facing prefix list
(``com.amazonaws.global.cloudfront.origin-facing``) is reached from the internet through any
CloudFront distribution, of any AWS account, whose custom origin names it
(``graph/network.py`` ``_any_distribution``, ``normalize/lb_gates.py``): unless the
balancer's listeners forward only requests carrying a header the distribution adds, with a
default action that does not forward (AWS "Restrict access to Application Load Balancers").
With no distribution of the scan naming it, such a target was reached by nothing, and the
database behind it PASSed GDCC-GRAPH-001 / 005: a wrong PASS. The fixture is an
internet-facing ALB in public subnets, an app server and a database, no distribution."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.paths import ANY_DISTRIBUTION, forwarded_by_node
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.normalize import lb_gates
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of, run

BASE = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "cloudfront_any_distribution"
PATH = "internet → cloudfront (any distribution):80,443 → web:443 → app:8080 → orders:5432"
ANY = "any AWS account may create a distribution whose custom origin is a public address"
ADMITS = "public endpoint; it admits CloudFront's origin-facing prefix list"
FORWARD = (
    '  default_action {\n    type             = "forward"\n'
    "    target_group_arn = aws_lb_target_group.app.arn\n  }\n"
)
DENY = (
    '  default_action {\n    type = "fixed-response"\n    fixed_response {\n'
    '      content_type = "text/plain"\n      status_code  = "403"\n    }\n  }\n'
)


def _rule(condition: str) -> str:
    return (
        'resource "aws_lb_listener_rule" "origin" {\n'
        "  listener_arn = aws_lb_listener.https.arn\n  priority     = 1\n"
        '  action {\n    type             = "forward"\n'
        "    target_group_arn = aws_lb_target_group.app.arn\n  }\n"
        f"  condition {{\n{condition}  }}\n}}\n"
    )


HEADER = (
    '    http_header {\n      http_header_name = "X-Origin-Verify"\n'
    "      values           = [var.origin_secret]\n    }\n"
)
PATHS = '    path_pattern {\n      values = ["/*"]\n    }\n'
SECRET = 'variable "origin_secret" {\n  type      = string\n  sensitive = true\n}\n'
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


def _write(tmp_path: Path, *changes: tuple[str, str], extra: str = "") -> Path:
    text = (BASE / "terraform" / "main.tf").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "main.tf").write_text(text + extra, encoding="utf-8")
    return tmp_path


def _finding(folder: Path, address: str = "aws_db_instance.db",
             rule: str = "GDCC-GRAPH-005") -> Finding:
    result = audit([folder], Settings(rule_ids=[rule]))
    return next(f for f in result.findings if f.address == address)


@pytest.mark.parametrize("rule", ["GDCC-GRAPH-001", "GDCC-GRAPH-005"])
def test_a_balancer_forwarding_without_a_header_check_is_reached_by_any_distribution(
    rule: str,
) -> None:
    # PASS on the old code: the list is not the internet and no distribution names the ALB
    found = _finding(BASE / "terraform", rule=rule)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(f": {PATH}")
    hops = found.evidence["path_hops"]
    assert hops[1]["node"] == ANY_DISTRIBUTION
    assert hops[1]["via"] == ANY
    assert hops[2]["certain"] is True
    assert hops[2]["via"] == f"{ADMITS}; listener aws_lb_listener.https forwards without a " \
        "header check"
    assert reason_th(hops[1]["via"]) == (
        "บัญชี AWS ใดก็สร้าง distribution ที่มี custom origin เป็นที่อยู่สาธารณะได้"
    )
    assert reason_th(hops[2]["via"]).endswith(
        "; listener aws_lb_listener.https ส่งต่อคำขอโดยไม่ตรวจ header"
    )
    assert ANY_DISTRIBUTION in found.message.th


def test_a_rule_without_a_header_condition_forwards_anyones_request(tmp_path: Path) -> None:
    # a path pattern is the client's to write: the distribution's too
    folder = _write(tmp_path, (FORWARD, DENY), extra=_rule(PATHS))
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.evidence["path_hops"][2]["via"] == (
        f"{ADMITS}; listener rule aws_lb_listener_rule.origin forwards without a header check"
    )


def test_a_header_check_with_no_distribution_of_the_scan_is_not_known(tmp_path: Path) -> None:
    # the distribution that adds the header is outside the scan: it may be any
    folder = _write(tmp_path, (FORWARD, DENY), extra=SECRET + _rule(HEADER))
    found = _finding(folder)
    assert found.status is Status.UNKNOWN
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is False
    assert hop["via"] == (
        f"{ADMITS}; listener rule aws_lb_listener_rule.origin forwards only requests with "
        "the header X-Origin-Verify, and no distribution of the scan fronts the balancer "
        "(one outside the scan may add it)"
    )
    assert reason_th(hop["via"]).endswith(
        "; listener rule aws_lb_listener_rule.origin ส่งต่อเฉพาะคำขอที่มี header X-Origin-Verify "
        "และไม่มี distribution ใดในการตั้งค่าที่ตรวจอยู่หน้า load balancer นี้ "
        "(distribution นอกการตั้งค่าที่ตรวจอาจเพิ่ม header นี้)"
    )


def test_a_header_check_and_the_scans_distribution_keep_only_its_path(tmp_path: Path) -> None:
    folder = _write(tmp_path, (FORWARD, DENY), extra=SECRET + _rule(HEADER) + DISTRIBUTION)
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(
        ": internet → cdn:80,443 → web:443 → app:8080 → orders:5432"
    )
    assert all(h["node"] != ANY_DISTRIBUTION for h in found.evidence["path_hops"])


def test_a_header_check_and_the_scans_distribution_add_no_edge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _write(tmp_path, (FORWARD, DENY), extra=SECRET + _rule(HEADER) + DISTRIBUTION)
    _, graph = audit_keeping_graph(folder, monkeypatch, Settings(rule_ids=["GDCC-GRAPH-005"]))
    assert ANY_DISTRIBUTION not in graph.reach


def test_a_denying_listener_with_no_rule_forwards_nothing(tmp_path: Path) -> None:
    folder = _write(tmp_path, (FORWARD, DENY))
    assert _finding(folder).status is Status.PASS


def test_conditions_not_known_are_not_known(tmp_path: Path) -> None:
    dynamic = (
        '    dynamic "http_header" {\n      for_each = var.headers\n      content {\n'
        "        http_header_name = http_header.key\n        values = [http_header.value]\n"
        "      }\n    }\n"
    )
    folder = _write(tmp_path, (FORWARD, DENY),
                    extra='variable "headers" {\n  type = map(string)\n}\n' + _rule(dynamic))
    found = _finding(folder)
    assert found.status is Status.UNKNOWN
    assert found.evidence["path_hops"][2]["via"] == (
        f"{ADMITS}; the conditions of listener rule aws_lb_listener_rule.origin are not known"
    )


def test_a_balancer_whose_listeners_are_not_in_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (a module of the scan's caller adds them, say)
    text = (BASE / "terraform" / "main.tf").read_text(encoding="utf-8")
    start = text.index('resource "aws_lb_listener" "https"')
    folder = _write(tmp_path, (text[start:text.index('resource "aws_instance"')], ""))
    _, graph = audit_keeping_graph(folder, monkeypatch, Settings(rule_ids=["GDCC-GRAPH-005"]))
    edge = graph.reach.edge(ANY_DISTRIBUTION, id_of(graph, "aws_lb.web"))
    assert edge["certain"] is False
    assert edge["via"] == (
        f"{ADMITS}; its listeners are not in the scan (one forwarding without a header "
        "check lets any distribution in)"
    )


def test_an_instance_with_a_public_address_is_reached_by_any_distribution(
    tmp_path: Path,
) -> None:
    # no listener rule can check a header in front of an instance
    folder = _write(
        tmp_path,
        ("  subnet_id              = aws_subnet.private.id\n",
         "  subnet_id              = aws_subnet.a.id\n"),
        ("    security_groups = [aws_security_group.alb.id]\n",
         "    prefix_list_ids = [data.aws_ec2_managed_prefix_list.cloudfront.id]\n"),
    )
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(
        ": internet → cloudfront (any distribution):80,443 → app:8080 → orders:5432"
    )
    assert found.evidence["path_hops"][2]["via"] == (
        "subnet assigns public IPs; it admits CloudFront's origin-facing prefix list; it "
        "checks no header a distribution adds"
    )
    assert reason_th(found.evidence["path_hops"][2]["via"]).endswith(
        "; ปลายทางไม่ได้ตรวจ header ที่ distribution เพิ่มเข้ามา"
    )


def test_an_internal_balancer_is_reached_by_no_distribution(tmp_path: Path) -> None:
    # only a VPC origin (of a distribution of the scan) reaches an internal balancer
    folder = _write(tmp_path, ("internal           = false", "internal           = true"))
    assert _finding(folder).status is Status.PASS


def test_no_origin_port_no_distribution(tmp_path: Path) -> None:
    # CloudFront connects to an origin on 80, 443 or 1024-65535 only
    folder = _write(tmp_path, ("from_port       = 443\n    to_port         = 443",
                               "from_port       = 22\n    to_port         = 22"))
    assert _finding(folder).status is Status.PASS


def test_the_listeners_and_rules_are_read() -> None:
    resources, errors, _ = run(BASE / "terraform")
    assert errors == []
    assert resources["aws_lb_listener.https"].attributes[lb_gates.DEFAULT_FORWARDS] is True
    assert lb_gates.terraform("aws_lb_listener_rule", {
        "action": [{"type": "authenticate-oidc"}, {"type": "forward"}],
        "condition": [{"http_header": [{"http_header_name": "X-A", "values": ["b"]}]},
                      {"host_header": [{"values": ["a.example"]}]}],
    }) == {lb_gates.RULE_FORWARDS: True, lb_gates.HEADER_GATES: ["X-A"],
           lb_gates.HEADER_VALUES: [{"match": "written", "secrets": []}]}
    assert lb_gates.cloudformation("AWS::ElasticLoadBalancingV2::ListenerRule", {
        "Actions": [{"Type": "forward"}],
        "Conditions": [{"Field": "http-header", "HttpHeaderConfig": {
            "HttpHeaderName": "X-Origin-Verify", "Values": ["s"]}},
            {"Field": "path-pattern", "Values": ["/*"]}],
    }) == {lb_gates.RULE_FORWARDS: True, lb_gates.HEADER_GATES: ["X-Origin-Verify"],
           lb_gates.HEADER_VALUES: [{"match": "written", "secrets": []}]}
    assert lb_gates.cloudformation("AWS::ElasticLoadBalancingV2::Listener", {
        "DefaultActions": [{"Type": "fixed-response",
                            "FixedResponseConfig": {"StatusCode": "403"}}],
    }) == {lb_gates.DEFAULT_FORWARDS: False}


CFN = BASE / "cloudformation" / "template.yaml"
CFN_PATH = "internet → cloudfront (any distribution):80,443 → Alb:443 → App:8080 → Db:5432"
CFN_PARAMETER = (
    "  OriginListId:\n    Type: String\n    Default: pl-31a34658\n"
    "    Description: Id of the CloudFront origin-facing managed prefix list in this Region\n"
)
CFN_SOURCE = "SourcePrefixListId: !Ref OriginListId"


def _cfn(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = CFN.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "template.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_cloudformation_a_parameter_described_as_cloudfronts_list() -> None:
    # UNKNOWN on the old code ("prefix list pl-31a34658 is outside the scan")
    found = _finding(CFN.parent, "Db")
    assert found.status is Status.FAIL
    assert found.message.en.endswith(f": {CFN_PATH}")
    assert found.evidence["path_hops"][2]["via"] == (
        f"{ADMITS}; listener Listener forwards without a header check"
    )


@pytest.mark.parametrize("shape", ["map", "row", "lookup", "described"])
def test_cloudformation_other_ways_to_name_cloudfronts_list(tmp_path: Path, shape: str) -> None:
    table = (
        "Mappings:\n  CloudFrontPrefixLists:\n"
        "    ap-southeast-1: {OriginFacing: pl-31a34658}\n"
        "    ap-southeast-7: {OriginFacing: pl-0123456789abcdef0}\n"
    )
    source, extra = {
        "map": ("SourcePrefixListId: !FindInMap [CloudFrontPrefixLists, !Ref AWS::Region, "
                "OriginFacing]", table),
        "row": ("SourcePrefixListId: pl-31a34658", table),
        "lookup": ("SourcePrefixListId: !GetAtt OriginList.PrefixListId", ""),
        # aws-cloudformation-templates' Solutions: the table is named Prefixes, the rule's
        # description says which list its ids are
        "described": ("Description: Allow HTTPS from com.amazonaws.global.cloudfront."
                      "origin-facing, SourcePrefixListId: !FindInMap [Prefixes, "
                      "!Ref AWS::Region, PrefixList]",
                      "Mappings:\n  Prefixes:\n    ap-southeast-1: {PrefixList: pl-31a34658}\n"
                      "    us-east-1: {PrefixList: pl-3b927c52}\n"),
    }[shape]
    lookup = (
        "  OriginList:\n    Type: Custom::PrefixListLookup\n    Properties:\n"
        "      ServiceToken: arn:aws:lambda:ap-southeast-1:111122223333:function:lookup\n"
        "      PrefixListName: com.amazonaws.global.cloudfront.origin-facing\n"
    )
    folder = _cfn(tmp_path, (CFN_PARAMETER, ""), (CFN_SOURCE, source),
                  ("Resources:\n", f"{extra}Resources:\n{lookup if shape == 'lookup' else ''}"))
    found = _finding(folder, "Db")
    assert found.status is Status.FAIL, found.message.en
    assert found.message.en.endswith(f": {CFN_PATH}")


def test_cloudformation_a_list_the_template_does_not_name_stays_not_known(
    tmp_path: Path,
) -> None:
    folder = _cfn(tmp_path, ("Description: Id of the CloudFront origin-facing managed prefix "
                             "list in this Region", "Description: Partner ranges"))
    result = audit([folder], Settings(rule_ids=["GDCC-GRAPH-005"]))
    found = next(f for f in result.findings if f.address == "Db")
    assert found.status is Status.UNKNOWN
    assert found.evidence["path_hops"][1]["via"] == (
        "public endpoint; prefix list pl-31a34658 is outside the scan (a customer-managed "
        "list may hold any range, 0.0.0.0/0 too)"
    )


def test_cloudformation_a_header_check_with_no_distribution_is_not_known(
    tmp_path: Path,
) -> None:
    folder = _cfn(tmp_path, (
        "      DefaultActions: [{Type: forward, TargetGroupArn: !Ref AppTargets}]\n",
        "      DefaultActions:\n        - Type: fixed-response\n"
        "          FixedResponseConfig: {StatusCode: \"403\", ContentType: text/plain}\n"
        "  OriginRule:\n    Type: AWS::ElasticLoadBalancingV2::ListenerRule\n"
        "    Properties:\n      ListenerArn: !Ref Listener\n      Priority: 1\n"
        "      Actions: [{Type: forward, TargetGroupArn: !Ref AppTargets}]\n"
        "      Conditions:\n        - Field: http-header\n          HttpHeaderConfig:\n"
        "            HttpHeaderName: X-Origin-Verify\n"
        "            Values: ['{{resolve:secretsmanager:origin:SecretString:value}}']\n",
    ))
    found = _finding(folder, "Db")
    assert found.status is Status.UNKNOWN
    assert found.evidence["path_hops"][2]["via"] == (
        f"{ADMITS}; listener rule OriginRule forwards only requests with the header "
        "X-Origin-Verify, and no distribution of the scan fronts the balancer (one outside "
        "the scan may add it)"
    )


MIXED_ORIGINS = '''
resource "aws_cloudfront_vpc_origin" "app" {
  vpc_origin_endpoint_config {
    name                   = "app"
    arn                    = aws_instance.app.arn
    http_port              = 8080
    https_port             = 443
    origin_protocol_policy = "http-only"
    origin_ssl_protocols {
      items    = ["TLSv1.2"]
      quantity = 1
    }
  }
}
'''


def test_a_distribution_mixing_vpc_and_custom_origins_follows_both(tmp_path: Path) -> None:
    # PASS on the old code (and on the any-distribution code alone): with a VPC origin the
    # custom origin was not followed, and the balancer's header check keeps other
    # distributions out
    vpc_origin = (
        "  origin {\n    domain_name = aws_instance.app.private_dns\n"
        '    origin_id   = "app"\n    vpc_origin_config {\n'
        "      vpc_origin_id = aws_cloudfront_vpc_origin.app.id\n    }\n  }\n"
        "  default_cache_behavior {"
    )
    folder = _write(
        tmp_path, (FORWARD, DENY),
        extra=SECRET + _rule(HEADER) + MIXED_ORIGINS
        + DISTRIBUTION.replace("  default_cache_behavior {", vpc_origin, 1),
    )
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(
        ": internet → cdn:80,443 → web:443 → app:8080 → orders:5432"
    )
    assert found.evidence["path_hops"][2]["via"] == (
        "forwards (custom origin); it admits CloudFront's origin-facing prefix list"
    )


# -- the headers a distribution of the scan adds (custom_header / OriginCustomHeaders) --------
PASSWORD = (
    'resource "random_password" "origin" {\n  length = 32\n}\n'
    'resource "random_string" "origin" {\n  length = 20\n  special = false\n}\n'
)
NO_HEADER = (
    '    custom_header {\n      name  = "X-Origin-Verify"\n'
    "      value = var.origin_secret\n    }\n"
)


def _header_case(tmp_path: Path, rule_value: str, distribution: str) -> Path:
    return _write(tmp_path, (FORWARD, DENY), extra=SECRET + PASSWORD + _rule(
        HEADER.replace("[var.origin_secret]", f"[{rule_value}]")) + distribution)


def _into_rule(graph: ResourceGraph, source: str) -> dict[str, object]:
    """The edge from ``source`` into the balancer as listener rule ``origin`` forwards it
    (its helper node, ``forwarded_by_node``)."""
    return dict(graph.reach.edge(
        source, forwarded_by_node(id_of(graph, "aws_lb_listener_rule.origin"))))


def _any_edge(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object] | None:
    _, graph = audit_keeping_graph(folder, monkeypatch, Settings(rule_ids=["GDCC-GRAPH-005"]))
    if ANY_DISTRIBUTION not in graph.reach:
        return None
    return _into_rule(graph, ANY_DISTRIBUTION)


@pytest.mark.parametrize("secret", [
    "random_password.origin.result",
    # kujalk/alb-cf-custom-header: random_string, whose result Terraform does not mark
    # sensitive, is a value made at random by the scan all the same (was "not known to be a
    # secret")
    "random_string.origin.result",
])
def test_a_secret_the_scans_distribution_adds_keeps_other_distributions_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    # the same secret on both sides: only that distribution passes the rule
    folder = _header_case(tmp_path, secret, DISTRIBUTION.replace("var.origin_secret", secret))
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(": internet → cdn:80,443 → web:443 → app:8080 → "
                                     "orders:5432")
    assert _any_edge(folder, monkeypatch) is None


def test_a_distribution_adding_no_header_is_refused(tmp_path: Path) -> None:
    # FAIL on the old code through cdn (a wrong FAIL: the rule refuses its requests), and
    # no distribution outside the scan was thought of: the one adding the header may be any
    folder = _header_case(tmp_path, "var.origin_secret", DISTRIBUTION.replace(NO_HEADER, ""))
    found = _finding(folder)
    assert found.status is Status.UNKNOWN
    assert found.message.en.endswith(f": {PATH}")
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is False
    assert hop["via"] == (
        f"{ADMITS}; listener rule aws_lb_listener_rule.origin forwards only requests with "
        "the header X-Origin-Verify, and no distribution of the scan adds it (one outside "
        "the scan may)"
    )
    assert reason_th(hop["via"]).endswith(
        "; listener rule aws_lb_listener_rule.origin ส่งต่อเฉพาะคำขอที่มี header X-Origin-Verify "
        "และไม่มี distribution ใดในการตั้งค่าที่ตรวจเพิ่ม header นี้ "
        "(distribution นอกการตั้งค่าที่ตรวจอาจเพิ่ม)"
    )


def test_a_header_name_is_matched_in_any_case(tmp_path: Path) -> None:
    folder = _header_case(tmp_path, "var.origin_secret",
                          DISTRIBUTION.replace('"X-Origin-Verify"', '"x-origin-verify"'))
    assert _finding(folder).status is Status.FAIL


@pytest.mark.parametrize(("value", "why"), [
    ('"6f0c1d2e"', "whose value is written in the configuration (anyone who reads it may add "
                   "it)"),
    ("var.plain", "whose value is not known to be a secret (an input not marked sensitive "
                  "may be any value)"),
])
def test_a_header_value_not_shown_secret_may_let_others_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, why: str
) -> None:
    # no such edge on the old code: a distribution of the scan fronting the balancer was
    # enough
    folder = _header_case(tmp_path, value, DISTRIBUTION.replace("var.origin_secret", value)
                          + 'variable "plain" {\n  type = string\n}\n')
    assert _finding(folder).status is Status.FAIL  # (through cdn, as before)
    edge = _any_edge(folder, monkeypatch)
    assert edge is not None
    assert edge["certain"] is False
    assert edge["via"] == (
        f"{ADMITS}; listener rule aws_lb_listener_rule.origin forwards only requests with "
        f"the header X-Origin-Verify, {why}"
    )
    assert reason_th(str(edge["via"])).startswith(
        "มี endpoint สาธารณะ; ปลายทางอนุญาต prefix list origin-facing ของ CloudFront; "
        "listener rule aws_lb_listener_rule.origin ส่งต่อเฉพาะคำขอที่มี header X-Origin-Verify ")
    assert not reason_th(str(edge["via"])).endswith(why)


def test_a_wildcard_value_is_no_header_check(tmp_path: Path) -> None:
    # UNKNOWN on the old code ("no distribution of the scan fronts the balancer")
    folder = _header_case(tmp_path, '"*"', "")
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(f": {PATH}")
    assert found.evidence["path_hops"][2]["via"] == (
        f"{ADMITS}; listener rule aws_lb_listener_rule.origin accepts any value of the header "
        "X-Origin-Verify (a wildcard)"
    )
    assert reason_th(found.evidence["path_hops"][2]["via"]).endswith(
        "; listener rule aws_lb_listener_rule.origin รับค่าใดก็ได้ของ header X-Origin-Verify "
        "(wildcard)")


def test_headers_not_known_make_the_distributions_hop_uncertain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # certain on the old code
    dynamic = (
        '    dynamic "custom_header" {\n      for_each = var.headers\n      content {\n'
        "        name  = custom_header.key\n        value = custom_header.value\n"
        "      }\n    }\n"
    )
    folder = _header_case(tmp_path, "var.origin_secret", DISTRIBUTION.replace(
        NO_HEADER, dynamic) + 'variable "headers" {\n  type = map(string)\n}\n')
    _, graph = audit_keeping_graph(folder, monkeypatch, Settings(rule_ids=["GDCC-GRAPH-005"]))
    edge = _into_rule(graph, id_of(graph, "aws_cloudfront_distribution.cdn"))
    assert edge["certain"] is False
    assert edge["via"] == (
        "forwards (custom origin); it admits CloudFront's origin-facing prefix list; listener "
        "rule aws_lb_listener_rule.origin forwards only requests with the header "
        "X-Origin-Verify, and the headers aws_cloudfront_distribution.cdn adds are not known"
    )


CFN_HEADER_RULE = (
    "      DefaultActions:\n        - Type: fixed-response\n"
    "          FixedResponseConfig: {StatusCode: \"403\", ContentType: text/plain}\n"
    "  OriginRule:\n    Type: AWS::ElasticLoadBalancingV2::ListenerRule\n"
    "    Properties:\n      ListenerArn: !Ref Listener\n      Priority: 1\n"
    "      Actions: [{Type: forward, TargetGroupArn: !Ref AppTargets}]\n"
    "      Conditions:\n        - Field: http-header\n          HttpHeaderConfig:\n"
    "            HttpHeaderName: X-Origin-Verify\n"
    "            Values: ['{{resolve:secretsmanager:origin:SecretString:value}}']\n"
    "  Cdn:\n    Type: AWS::CloudFront::Distribution\n    Properties:\n"
    "      DistributionConfig:\n        Enabled: true\n        Origins:\n"
    "          - Id: alb\n            DomainName: !GetAtt Alb.DNSName\n"
    "            CustomOriginConfig: {OriginProtocolPolicy: https-only}\n"
    "HEADERS"
    "        DefaultCacheBehavior:\n          TargetOriginId: alb\n"
    "          ViewerProtocolPolicy: redirect-to-https\n"
)
CFN_DEFAULT = "      DefaultActions: [{Type: forward, TargetGroupArn: !Ref AppTargets}]\n"


@pytest.mark.parametrize(("headers", "status", "end"), [
    ("            OriginCustomHeaders:\n              - HeaderName: X-Origin-Verify\n"
     "                HeaderValue: '{{resolve:secretsmanager:origin:SecretString:value}}'\n",
     Status.FAIL, "internet → Cdn:80,443 → Alb:443 → App:8080 → Db:5432"),
    # FAIL through Cdn on the old code (it adds no header: the rule refuses it)
    ("", Status.UNKNOWN, CFN_PATH),
])
def test_cloudformation_origin_custom_headers(
    tmp_path: Path, headers: str, status: Status, end: str
) -> None:
    folder = _cfn(tmp_path, (CFN_DEFAULT, CFN_HEADER_RULE.replace("HEADERS", headers)))
    found = _finding(folder, "Db")
    assert found.status is status, found.message.en
    assert found.message.en.endswith(f": {end}")


def test_distribution_headers_are_read() -> None:
    assert lb_gates.cloudformation("AWS::CloudFront::Distribution", {
        "DistributionConfig": {"Origins": [
            {"DomainName": "a.example"},
            {"DomainName": "b.example", "OriginCustomHeaders": [
                {"HeaderName": "X-Origin-Verify", "HeaderValue": "s"}]}]}},
        {"DistributionConfig": {"Origins": [
            {"DomainName": "a.example"},
            {"DomainName": "b.example", "OriginCustomHeaders": [
                {"HeaderName": "X-Origin-Verify", "HeaderValue": {"Ref": "Secret"}}]}]}},
        {"Secret": {"Type": "String", "NoEcho": "true"}},
    ) == {lb_gates.CUSTOM_HEADERS: {"0": {}, "1": {"x-origin-verify": {
        "match": "secret", "secrets": ["NoEcho parameter Secret"]}}}}


@pytest.mark.parametrize(("regex", "match"), [(".*", "any"), ("^s3cr3t$", "written")])
def test_regex_header_values_are_read(regex: str, match: str) -> None:
    # aws provider 6: http_header { regex_values }; CloudFormation RegexValues
    assert lb_gates.terraform("aws_lb_listener_rule", {
        "action": [{"type": "forward"}],
        "condition": [{"http_header": [{"http_header_name": "X-A", "regex_values": [regex]}]}],
    })[lb_gates.HEADER_VALUES] == [{"match": match, "secrets": []}]
    assert lb_gates.cloudformation("AWS::ElasticLoadBalancingV2::ListenerRule", {
        "Actions": [{"Type": "forward"}],
        "Conditions": [{"Field": "http-header", "HttpHeaderConfig": {
            "HttpHeaderName": "X-A", "RegexValues": [regex]}}],
    })[lb_gates.HEADER_VALUES] == [{"match": match, "secrets": []}]


def test_a_distribution_adding_the_secret_fronts_the_balancer_by_any_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # its origin's domain is a DNS name (an alias record to the balancer, say), not a
    # reference: UNKNOWN on the old code through "cloudfront (any distribution)" ("no
    # distribution of the scan fronts the balancer"); the secret it adds is the one the
    # rule checks, so it is the balancer's front
    secret = "random_password.origin.result"
    folder = _header_case(tmp_path, secret, DISTRIBUTION.replace(
        "var.origin_secret", secret).replace("aws_lb.web.dns_name", '"origin.example.com"'))
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(": internet → cdn:80,443 → web:443 → app:8080 → "
                                     "orders:5432")
    hop = found.evidence["path_hops"][2]
    assert hop["via"] == (
        "forwards (custom origin); it admits CloudFront's origin-facing prefix list; it adds "
        "the secret header X-Origin-Verify listener rule aws_lb_listener_rule.origin asks for"
    )
    assert reason_th(hop["via"]).endswith(
        "; distribution เพิ่ม header ลับ X-Origin-Verify ที่ listener rule "
        "aws_lb_listener_rule.origin ตรวจ")
    assert _any_edge(folder, monkeypatch) is None


def test_another_secret_lets_no_distribution_of_the_scan_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the distribution adds var.origin_secret, the rule checks random_password: refused
    folder = _header_case(tmp_path, "random_password.origin.result", DISTRIBUTION)
    found = _finding(folder)
    assert found.status is Status.UNKNOWN
    assert found.message.en.endswith(f": {PATH}")
    edge = _any_edge(folder, monkeypatch)
    assert edge is not None
    assert edge["certain"] is False
    assert str(edge["via"]).endswith(
        "the header X-Origin-Verify, and no distribution of the scan adds its secret (one "
        "outside the scan may)")
    assert reason_th(str(edge["via"])).endswith(
        "และไม่มี distribution ใดในการตั้งค่าที่ตรวจเพิ่มค่าลับของ header นี้ "
        "(distribution นอกการตั้งค่าที่ตรวจอาจเพิ่ม)")
