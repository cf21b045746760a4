"""Classic Load Balancers: the TLS versions of their HTTPS / SSL listeners and WAF.

A listener without a negotiation policy gets ``ELBSecurityPolicy-2016-08`` from the API (TLS
1.0; FAIL labelled "default"); an attached policy is read from its predefined reference or its
protocol attributes; a policy that may be the load balancer's but cannot be read leaves the
version UNKNOWN, never PASS. (WAF on classic load balancers: tests/test_spot_and_classic_lb.py.)
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.elb_tls import (
    API_DEFAULT_POLICY,
    API_DEFAULT_TLS,
    lowest_tls,
    negotiation_tls,
    policy_tls,
)
from gdcc_audit.settings import Settings

LISTENER = """
  listener {
    instance_port      = 8080
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:ap-southeast-7:111122223333:certificate/abc"
  }
"""

TF = f"""\
resource "aws_elb" "bare" {{
  name               = "bare"
  availability_zones = ["ap-southeast-7a"]
  {LISTENER}
}}

resource "aws_elb" "tls12" {{
  name               = "tls12"
  availability_zones = ["ap-southeast-7a"]
  {LISTENER}
}}

resource "aws_load_balancer_policy" "tls12" {{
  load_balancer_name = aws_elb.tls12.name
  policy_name        = "tls12-negotiation"
  policy_type_name   = "SSLNegotiationPolicyType"
  policy_attribute {{
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }}
}}

resource "aws_load_balancer_listener_policy" "tls12" {{
  load_balancer_name = aws_elb.tls12.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.tls12.policy_name]
}}

resource "aws_elb" "custom" {{
  name               = "custom"
  availability_zones = ["ap-southeast-7a"]
  {LISTENER}
}}

resource "aws_lb_ssl_negotiation_policy" "custom" {{
  name          = "custom"
  load_balancer = aws_elb.custom.id
  lb_port       = 443
  attribute {{
    name  = "Protocol-SSLv3"
    value = "false"
  }}
  attribute {{
    name  = "Protocol-TLSv1"
    value = "true"
  }}
}}

resource "aws_elb" "half" {{
  name               = "half"
  availability_zones = ["ap-southeast-7a"]
  {LISTENER}
}}

resource "aws_lb_ssl_negotiation_policy" "half" {{
  name          = "half"
  load_balancer = aws_elb.half.id
  lb_port       = 443
  attribute {{
    name  = "Protocol-TLSv1.2"
    value = "true"
  }}
}}

resource "aws_elb" "tcp" {{
  name               = "tcp"
  availability_zones = ["ap-southeast-7a"]
  listener {{
    instance_port     = 5432
    instance_protocol = "tcp"
    lb_port           = 5432
    lb_protocol       = "tcp"
  }}
}}
"""

MAYBE = f"""\
variable "lb_name" {{}}

resource "aws_elb" "web" {{
  name               = "web"
  availability_zones = ["ap-southeast-7a"]
  {LISTENER}
}}

resource "aws_load_balancer_listener_policy" "somewhere" {{
  load_balancer_name = var.lb_name
  load_balancer_port = 443
  policy_names       = ["strict"]
}}
"""

CFN = """\
Resources:
  Bare:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [ap-southeast-7a]
      Listeners:
        - {LoadBalancerPort: '443', InstancePort: '8080', Protocol: HTTPS, SSLCertificateId: abc}
  Named:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [ap-southeast-7a]
      Policies:
        - PolicyName: strict
          PolicyType: SSLNegotiationPolicyType
          Attributes:
            - {Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01}
      Listeners:
        - LoadBalancerPort: '443'
          InstancePort: '8080'
          Protocol: HTTPS
          SSLCertificateId: abc
          PolicyNames: [strict]
  ByPort:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [ap-southeast-7a]
      Scheme: internal
      Policies:
        - PolicyName: old
          PolicyType: SSLNegotiationPolicyType
          LoadBalancerPorts: ['443']
          Attributes:
            - {Name: Reference-Security-Policy, Value: ELBSecurityPolicy-2015-05}
      Listeners:
        - {LoadBalancerPort: '443', InstancePort: '8080', Protocol: SSL, SSLCertificateId: abc}
"""


def _found(tmp_path: Path, files: dict[str, str]) -> dict[tuple[str, str], tuple[Status, str]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-005", "GDCC-NET-003")))
    return {(f.address or "", f.rule_id): (f.status, f.message.en) for f in result.findings}


DEFAULT_TF = (
    "the minimum TLS version is 1.0; 1.2 or later required (provider default: "
    "'aws_load_balancer_listener_policy' not set)"
)
UNREAD = (
    "the minimum TLS version is not known from the input: a listener policy of this load balancer "
    "cannot be read: its TLS versions are not known"
)
PASSED = "TLS 1.2 or later is the minimum protocol version"
NO_WAF = "a public entry point without a web application firewall"


def test_terraform_classic_listener_policies(tmp_path: Path) -> None:
    found = _found(tmp_path, {"main.tf": TF})
    tls = {a: v for (a, rule), v in found.items() if rule == "GDCC-ENC-005"}
    assert tls == {
        "aws_elb.bare": (Status.FAIL, DEFAULT_TF),
        "aws_elb.tls12": (Status.PASS, PASSED),
        "aws_elb.custom": (
            Status.FAIL,
            "the minimum TLS version is 1.0; 1.2 or later required",
        ),
        # TLS 1.2 on, but TLS 1.0 and 1.1 not written: not known that they are off
        "aws_elb.half": (Status.UNKNOWN, UNREAD),
        "aws_elb.tcp": (
            Status.NOT_APPLICABLE,
            "does not apply to aws_elb: a listener that is not HTTPS or TLS (HTTP, TCP, UDP, "
            "GENEVE) terminates no TLS: it has no minimum TLS version (GDCC-ENC-004 judges "
            "whether its traffic is encrypted)",
        ),
    }
    waf = {a: v for (a, rule), v in found.items() if rule == "GDCC-NET-003"}
    assert waf["aws_elb.bare"] == (Status.FAIL, NO_WAF)
    assert waf["aws_elb.tcp"][0] == Status.NOT_APPLICABLE  # TCP only: no HTTP to protect


def test_a_listener_policy_that_may_be_this_load_balancers_is_never_a_pass(
    tmp_path: Path,
) -> None:
    found = _found(tmp_path, {"main.tf": MAYBE})
    assert found[("aws_elb.web", "GDCC-ENC-005")] == (Status.UNKNOWN, UNREAD)


def test_cloudformation_classic_policies(tmp_path: Path) -> None:
    found = _found(tmp_path, {"template.yaml": CFN})
    assert found[("Bare", "GDCC-ENC-005")] == (
        Status.FAIL,
        "the minimum TLS version is 1.0; 1.2 or later required (provider default: "
        "'Policies' not set)",
    )
    assert found[("Named", "GDCC-ENC-005")] == (Status.PASS, PASSED)
    assert found[("ByPort", "GDCC-ENC-005")] == (
        Status.FAIL,
        "the minimum TLS version is 1.0; 1.2 or later required",
    )
    assert found[("Bare", "GDCC-NET-003")] == (Status.FAIL, NO_WAF)
    assert found[("ByPort", "GDCC-NET-003")][0] == Status.NOT_APPLICABLE


def test_policy_names_and_protocol_attributes() -> None:
    assert policy_tls("ELBSecurityPolicy-TLS-1-2-2017-01") == "1.2"
    assert policy_tls("ELBSecurityPolicy-TLS13-1-2-2021-06") == "1.2"
    assert policy_tls("ELBSecurityPolicy-2016-08") == "1.0"
    assert policy_tls(API_DEFAULT_POLICY) == API_DEFAULT_TLS
    assert lowest_tls(["1.2", "1.0", "1.2"]) == "1.0"
    assert lowest_tls(["1.2", None]) is None
    assert lowest_tls([]) is None
    assert policy_tls("ELBSecurityPolicy-2014-01") == "0.3"  # SSL 3.0 too
    assert policy_tls("my-own-name") is None
    off = {"Protocol-SSLv3": "false", "Protocol-TLSv1": "false", "Protocol-TLSv1.1": "false"}
    assert negotiation_tls({**off, "Protocol-TLSv1.2": "true"}) == "1.2"
    assert negotiation_tls({"Protocol-TLSv1.2": "true"}) is None
    assert negotiation_tls({"Protocol-SSLv3": True}) == "0.3"
    assert negotiation_tls({"Reference-Security-Policy": "ELBSecurityPolicy-2015-05"}) == "1.0"
