"""What a load balancer forwards to. An internet client makes a balancer whose listeners name
their target groups open connections only to those groups' targets, on the target ports: the
graph follows listener → (listener rule →) group → targets and nothing else. Targets that
register themselves were not followed: listener rules, ``aws_autoscaling_attachment``, a
scaling group's ``target_group_arns`` / ``TargetGroupARNs`` or classic ``load_balancers`` /
``LoadBalancerNames``, an ECS service registered on its container port (not the group's):
a database only such web servers could reach PASSed GDCC-GRAPH-005."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.network import LISTENER_RULE_TYPES
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "balancer_targets"
PASS = (Status.PASS, "No internet-facing workload can move laterally to a data store's "
        "database port")


def _lateral(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    assert result.not_judged == {}
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _fail(balancer: str, web: str, db: str, port: int = 80) -> tuple[Status, str]:
    return (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 5432: internet → "
        f"{balancer}:443 → {web}:{port} → {db}:5432",
    )


def test_a_listener_rule_forwards_to_a_scaling_group() -> None:
    """The listener's default group has no target; its rule's group has the scaling group
    (an ``aws_autoscaling_attachment``; ``TargetGroupARNs``) in a private subnet."""
    assert _lateral(FIXTURES / "tf") == {"aws_db_instance.db": _fail("front", "web", "db")}
    assert _lateral(FIXTURES / "cfn") == {"DB": _fail("Front", "Web", "DB")}


def test_without_the_rule_the_group_is_not_reached(tmp_path: Path) -> None:
    """The balancer forwards to what its listeners name: not to the web servers whose group
    no listener or rule names (their security group admits 0.0.0.0/0 on 80)."""
    shutil.copytree(FIXTURES, tmp_path / "lb")
    tf, cfn = tmp_path / "lb" / "tf" / "main.tf", tmp_path / "lb" / "cfn" / "stack.yaml"
    text = tf.read_text(encoding="utf-8")
    start = text.index('resource "aws_lb_listener_rule"')
    tf.write_text(text[:start] + text[text.index('resource "aws_launch_template"'):])
    text = cfn.read_text(encoding="utf-8")
    cfn.write_text(text[:text.index("  WebRule:")] + text[text.index("  WebTemplate:"):])
    assert _lateral(tf.parent) == {"aws_db_instance.db": PASS}
    assert _lateral(cfn.parent) == {"DB": PASS}


ECS_TF = '''resource "aws_ecs_service" "web" {
  name            = "web"
  task_definition = "web:1"
  launch_type     = "FARGATE"
  network_configuration {
    subnets         = [aws_subnet.private.id]
    security_groups = [aws_security_group.web.id]
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "web"
    container_port   = 8080
  }
}
'''
ECS_CFN = '''  Web:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: web:1
      LaunchType: FARGATE
      NetworkConfiguration:
        AwsvpcConfiguration: {Subnets: [!Ref PrivateSubnet], SecurityGroups: [!Ref WebGroup]}
      LoadBalancers:
        - {TargetGroupArn: !Ref WebTargets, ContainerName: web, ContainerPort: 8080}
'''


def test_an_ecs_service_is_reached_on_its_container_port(tmp_path: Path) -> None:
    """ECS registers a service's tasks on their container port (8080), not on the target
    group's (80): the forwarded ports were cut to none (was a wrong PASS)."""
    shutil.copytree(FIXTURES, tmp_path / "lb")
    tf, cfn = tmp_path / "lb" / "tf" / "main.tf", tmp_path / "lb" / "cfn" / "stack.yaml"
    text = tf.read_text(encoding="utf-8").replace("= 80\n    to_port     = 80", "= 8080\n"
                                                  "    to_port     = 8080")
    start = text.index('resource "aws_launch_template"')
    tf.write_text(text[:start] + ECS_TF + text[text.index('resource "aws_db_instance"'):])
    text = cfn.read_text(encoding="utf-8").replace("FromPort: 80, ToPort: 80,",
                                                   "FromPort: 8080, ToPort: 8080,")
    cfn.write_text(text[:text.index("  WebTemplate:")] + ECS_CFN + text[text.index("  DB:"):])
    assert _lateral(tf.parent) == {"aws_db_instance.db": _fail("front", "web", "db", 8080)}
    assert _lateral(cfn.parent) == {"DB": _fail("Front", "Web", "DB", 8080)}


CLASSIC_TF = '''resource "aws_elb" "front" {
  name            = "front"
  security_groups = [aws_security_group.lb.id]
  listener {
    lb_port           = 443
    lb_protocol       = "https"
    instance_port     = 80
    instance_protocol = "http"
  }
}

resource "aws_autoscaling_group" "web" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = [aws_subnet.private.id]
  load_balancers      = [aws_elb.front.name]
  launch_template {
    id = aws_launch_template.web.id
  }
}
'''
CLASSIC_CFN = '''  Front:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      SecurityGroups: [!Ref LbGroup]
      Listeners:
        - {LoadBalancerPort: "443", Protocol: HTTPS, InstancePort: "80", InstanceProtocol: HTTP}
  WebTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-1
        SecurityGroupIds: [!Ref WebGroup]
  Web:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "1"
      MaxSize: "2"
      VPCZoneIdentifier: [!Ref PrivateSubnet]
      LoadBalancerNames: [!Ref Front]
      LaunchTemplate: {LaunchTemplateId: !Ref WebTemplate, Version: "1"}
'''


def test_a_classic_load_balancer_forwards_to_the_groups_registered_with_it(
    tmp_path: Path,
) -> None:
    """A scaling group in ``load_balancers`` / ``LoadBalancerNames`` of an internet-facing
    classic balancer, its group open on 80 to 0.0.0.0/0: the balancer was a member of its
    own security group only, which the web servers do not name (was a wrong PASS)."""
    shutil.copytree(FIXTURES, tmp_path / "lb")
    tf, cfn = tmp_path / "lb" / "tf" / "main.tf", tmp_path / "lb" / "cfn" / "stack.yaml"
    text = tf.read_text(encoding="utf-8")
    start = text.index('resource "aws_lb" "front"')
    tf.write_text(
        text[:start] + CLASSIC_TF
        + text[text.index('resource "aws_launch_template"'):text.index(
            'resource "aws_autoscaling_group"')]
        + text[text.index('resource "aws_db_instance"'):]
    )
    text = cfn.read_text(encoding="utf-8")
    cfn.write_text(text[:text.index("  Front:")] + CLASSIC_CFN + text[text.index("  DB:"):])
    assert _lateral(tf.parent) == {"aws_db_instance.db": _fail("front", "web", "db")}
    assert _lateral(cfn.parent) == {"DB": _fail("Front", "Web", "DB")}


def test_listener_rule_types() -> None:
    assert {
        "aws_lb_listener_rule", "aws_alb_listener_rule",
        "AWS::ElasticLoadBalancingV2::ListenerRule",
    } == LISTENER_RULE_TYPES
