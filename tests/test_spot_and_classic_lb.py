"""Two gaps found on public Terraform and CloudFormation:

- ``aws_spot_instance_request`` takes every argument of ``aws_instance`` and launches an EC2
  instance, but was not read at all (no finding): it is now judged as an instance, with the
  same defaults (public IP in a default subnet, unencrypted root volume, IMDSv1 allowed).
- A Classic Load Balancer cannot have a WAF (AWS WAF protects CloudFront, API Gateway REST
  APIs, Application Load Balancers, AppSync, Cognito, App Runner, Amplify and Verified Access):
  GDCC-NET-003 was UNKNOWN ("whether it is public or has a WAF is not known"); a public one
  with an HTTP(S) listener now FAILs, one with only TCP / SSL listeners is NOT_APPLICABLE.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_spot_instance_request" "cheap" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  spot_price    = "0.01"
}

resource "aws_spot_instance_request" "hardened" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
  root_block_device {
    encrypted = true
  }
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["ap-southeast-7a"]
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

resource "aws_elb" "tcp" {
  name               = "tcp"
  availability_zones = ["ap-southeast-7a"]
  listener {
    instance_port     = 22
    instance_protocol = "tcp"
    lb_port           = 22
    lb_protocol       = "tcp"
  }
}

resource "aws_elb" "inside" {
  name               = "inside"
  internal           = true
  availability_zones = ["ap-southeast-7a"]
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}
"""

CFN = """\
Resources:
  Classic:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [ap-southeast-7a]
      Listeners: [{LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS}]
  Tcp:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [ap-southeast-7a]
      Listeners: [{LoadBalancerPort: '5432', InstancePort: '5432', Protocol: TCP}]
"""

NO_HTTP = (
    "does not apply to {}: a classic load balancer whose listeners are all TCP or SSL carries "
    "no HTTP: a web application firewall has nothing to inspect"
)
NO_WAF = (Status.FAIL, "a public entry point without a web application firewall")


def _found(tmp_path: Path, rules: tuple[str, ...]) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "tf").mkdir(exist_ok=True)
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "lb.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.address or "", f.rule_id): (f.status, f.message.en) for f in result.findings}


def test_classic_load_balancers_have_no_waf(tmp_path: Path) -> None:
    found = _found(tmp_path, ("GDCC-NET-003",))
    assert found == {
        ("aws_elb.web", "GDCC-NET-003"): NO_WAF,
        ("aws_elb.tcp", "GDCC-NET-003"): (Status.NOT_APPLICABLE, NO_HTTP.format("aws_elb")),
        ("aws_elb.inside", "GDCC-NET-003"): (
            Status.NOT_APPLICABLE,
            "not reachable from the internet",
        ),
        ("Classic", "GDCC-NET-003"): NO_WAF,
        ("Tcp", "GDCC-NET-003"): (
            Status.NOT_APPLICABLE,
            NO_HTTP.format("AWS::ElasticLoadBalancing::LoadBalancer"),
        ),
    }


def test_spot_instance_requests_are_instances(tmp_path: Path) -> None:
    found = _found(tmp_path, ("GDCC-CMP-001", "GDCC-CMP-002", "GDCC-CMP-003"))
    spot = {k: v[0] for k, v in found.items() if k[0].startswith("aws_spot_instance_request")}
    assert spot == {
        ("aws_spot_instance_request.cheap", "GDCC-CMP-001"): Status.FAIL,
        ("aws_spot_instance_request.cheap", "GDCC-CMP-002"): Status.FAIL,
        ("aws_spot_instance_request.cheap", "GDCC-CMP-003"): Status.FAIL,
        ("aws_spot_instance_request.hardened", "GDCC-CMP-001"): Status.PASS,
        ("aws_spot_instance_request.hardened", "GDCC-CMP-002"): Status.PASS,
        ("aws_spot_instance_request.hardened", "GDCC-CMP-003"): Status.PASS,
    }
    # the instance defaults apply, labelled as such
    assert found[("aws_spot_instance_request.cheap", "GDCC-CMP-001")][1] == (
        "it has a public IP address "
        "(provider default: 'associate_public_ip_address' not set)"
    )
