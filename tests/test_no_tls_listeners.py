"""Load balancers that terminate no TLS have no minimum TLS version, and metric alarms are no
threat detector: GDCC-ENC-005 / GDCC-LOG-006 are NOT_APPLICABLE for them (were UNKNOWN, "not
known from the input"), as already for ``aws_lb_listener`` on HTTP. A classic load balancer or
an Octavia listener that does terminate TLS is still judged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_elb" "plain" {
  name               = "plain"
  availability_zones = ["ap-southeast-7a"]
  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

resource "aws_elb" "tls" {
  name               = "tls"
  availability_zones = ["ap-southeast-7a"]
  listener {
    instance_port      = 80
    instance_protocol  = "http"
    lb_port            = 443
    lb_protocol        = "https"
    ssl_certificate_id = "arn:aws:acm:ap-southeast-7:111122223333:certificate/abc"
  }
}

resource "openstack_lb_listener_v2" "http" {
  protocol        = "HTTP"
  protocol_port   = 80
  loadbalancer_id = "lb-1"
}
"""

CFN = """\
Resources:
  Classic:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      AvailabilityZones: [ap-southeast-7a]
      Listeners: [{LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP}]
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: CPUUtilization
      Namespace: AWS/EC2
      Statistic: Average
      Period: '60'
      EvaluationPeriods: '1'
      Threshold: '90'
      ComparisonOperator: GreaterThanThreshold
"""

HOT = """\
heat_template_version: 2016-10-14
resources:
  http:
    type: OS::Octavia::Listener
    properties: {loadbalancer: lb-1, protocol: HTTP, protocol_port: 80}
  terminated:
    type: OS::Octavia::Listener
    properties: {loadbalancer: lb-1, protocol: TERMINATED_HTTPS, protocol_port: 443}
"""

NO_TLS = (
    "a listener that is not HTTPS or TLS (HTTP, TCP, UDP, GENEVE) terminates no TLS: it has no "
    "minimum TLS version (GDCC-ENC-004 judges whether its traffic is encrypted)"
)


def test_no_tls_version_without_tls_and_no_detector_in_an_alarm(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "template.yaml").write_text(CFN, encoding="utf-8")
    (tmp_path / "hot.yaml").write_text(HOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-005", "GDCC-LOG-006")))
    found = {(f.address or "", f.rule_id): (f.status, f.message.en) for f in result.findings}

    def absent(kind: str, why: str) -> tuple[Status, str]:
        return Status.NOT_APPLICABLE, f"does not apply to {kind}: {why}"

    assert found == {
        ("aws_elb.plain", "GDCC-ENC-005"): absent("aws_elb", NO_TLS),
        # HTTPS without a policy: the API's default policy (tests/test_classic_elb_tls.py)
        ("aws_elb.tls", "GDCC-ENC-005"): (
            Status.FAIL,
            "the minimum TLS version is 1.0; 1.2 or later required (provider default: "
            "'aws_load_balancer_listener_policy' not set)",
        ),
        ("openstack_lb_listener_v2.http", "GDCC-ENC-005"): absent(
            "openstack_lb_listener_v2", NO_TLS
        ),
        ("Classic", "GDCC-ENC-005"): absent("AWS::ElasticLoadBalancing::LoadBalancer", NO_TLS),
        ("Alarm", "GDCC-LOG-006"): absent(
            "AWS::CloudWatch::Alarm",
            "an alarm on a metric is not a threat-detection service: GDCC-LOG-006 is judged "
            "on the detector (GuardDuty, Defender, HSS) or the tenant",
        ),
        ("http", "GDCC-ENC-005"): absent("OS::Octavia::Listener", NO_TLS),
        ("terminated", "GDCC-ENC-005"): (
            Status.UNKNOWN,
            "the minimum TLS version is not known from the input",
        ),
    }
