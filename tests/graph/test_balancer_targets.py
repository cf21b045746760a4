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
    # the services, data stores only when their task runs a database (test_ecs_data_stores)
    return {
        f.address or "": (f.status, f.message.en) for f in result.findings
        if not (f.resource_kind == "container.service" and f.status is Status.NOT_APPLICABLE)
    }


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


def test_a_listener_that_may_not_be_created_forwards_uncertainly(tmp_path: Path) -> None:
    """A listener whose ``count`` is not known (a CloudFormation ``Condition`` not decided)
    may not exist: what it and its rules forward to is reached only uncertainly (was a
    certain FAIL through a listener that may not be there)."""
    shutil.copytree(FIXTURES, tmp_path / "lb")
    tf, cfn = tmp_path / "lb" / "tf" / "main.tf", tmp_path / "lb" / "cfn" / "stack.yaml"
    _edit(tf, 'resource "aws_lb_listener" "https" {\n',
          'variable "https" { type = bool }\n'
          'resource "aws_lb_listener" "https" {\n  count = var.https ? 1 : 0\n')
    _edit(tf, "listener_arn = aws_lb_listener.https.arn",
          "listener_arn = aws_lb_listener.https[0].arn")
    _edit(cfn, "Resources:\n", "Parameters:\n  Certificate: {Type: String}\nConditions:\n"
          '  HasCertificate: !Not [!Equals [!Ref Certificate, ""]]\nResources:\n')
    _edit(cfn, "    Type: AWS::ElasticLoadBalancingV2::Listener\n",
          "    Type: AWS::ElasticLoadBalancingV2::Listener\n    Condition: HasCertificate\n")
    unknown = (
        "a workload reachable from the internet can connect to port 5432 if what is not known "
        "allows it: internet → {}:443 → {}:80 → {}:5432"
    )
    assert _lateral(tmp_path / "lb" / "tf") == {
        "aws_db_instance.db": (Status.UNKNOWN, unknown.format("front", "web", "db"))
    }
    assert _lateral(tmp_path / "lb" / "cfn") == {
        "DB": (Status.UNKNOWN, unknown.format("Front", "Web", "DB"))
    }
    for folder, why in (("tf", "count / for_each not known (reads var.https)"),
                        ("cfn", "Condition HasCertificate not known")):
        result = audit([tmp_path / "lb" / folder], Settings(rule_ids=("GDCC-GRAPH-005",)))
        hops = result.findings[0].evidence["path_hops"]
        assert hops[2]["via"].startswith(
            f"forwards (through listener {'https' if folder == 'tf' else 'Https'}, which may "
            f"not be created: {why}); "
        )


def test_a_listener_created_with_its_balancer_forwards_certainly(tmp_path: Path) -> None:
    """The same doubt on the balancer (the same ``count`` input, the same ``Condition``):
    the listener exists whenever the balancer does, the path is certain."""
    shutil.copytree(FIXTURES, tmp_path / "lb")
    tf, cfn = tmp_path / "lb" / "tf" / "main.tf", tmp_path / "lb" / "cfn" / "stack.yaml"
    text = tf.read_text(encoding="utf-8")
    tf.write_text('variable "https" { type = bool }\n' + text.replace(
        'resource "aws_lb_listener" "https" {\n',
        'resource "aws_lb_listener" "https" {\n  count = var.https ? 1 : 0\n',
    ).replace('resource "aws_lb" "front" {\n',
              'resource "aws_lb" "front" {\n  count = var.https ? 1 : 0\n').replace(
        "listener_arn = aws_lb_listener.https.arn",
        "listener_arn = aws_lb_listener.https[0].arn",
    ).replace("aws_lb.front.arn", "aws_lb.front[0].arn"), encoding="utf-8")
    _edit(cfn, "Resources:\n", "Parameters:\n  Certificate: {Type: String}\nConditions:\n"
          '  HasCertificate: !Not [!Equals [!Ref Certificate, ""]]\nResources:\n')
    text = cfn.read_text(encoding="utf-8")
    cfn.write_text(text.replace(
        "    Type: AWS::ElasticLoadBalancingV2::Listener\n",
        "    Type: AWS::ElasticLoadBalancingV2::Listener\n    Condition: HasCertificate\n",
    ).replace(
        "    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n",
        "    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Condition: HasCertificate\n",
    ), encoding="utf-8")
    assert _lateral(tmp_path / "lb" / "tf") == {"aws_db_instance.db": _fail("front", "web", "db")}
    assert _lateral(tmp_path / "lb" / "cfn") == {"DB": _fail("Front", "Web", "DB")}


def test_a_target_group_a_value_not_known_chooses_is_forwarded_to_uncertainly(
    tmp_path: Path,
) -> None:
    """``target_group_arn = var.x ? web.arn : default.arn`` in the listener rule, or an
    attachment whose group a value not known chooses: each group is a candidate. Both were
    forwarded to certainly (a certain FAIL through a group the rule may not name)."""
    shutil.copytree(FIXTURES, tmp_path / "lb")
    tf = tmp_path / "lb" / "tf" / "main.tf"
    text = tf.read_text(encoding="utf-8")
    tf.write_text('variable "x" { type = bool }\n' + text.replace(
        "    target_group_arn = aws_lb_target_group.web.arn",
        "    target_group_arn = var.x ? aws_lb_target_group.web.arn : "
        "aws_lb_target_group.default.arn",
    ), encoding="utf-8")
    result = audit([tmp_path / "lb" / "tf"], Settings(rule_ids=("GDCC-GRAPH-005",)))
    [finding] = result.findings
    assert (finding.status, finding.message.en) == (
        Status.UNKNOWN,
        "a workload reachable from the internet can connect to port 5432 if what is not known "
        "allows it: internet → front:443 → web:80 → db:5432",
    )
    assert finding.evidence["path_hops"][2]["via"].startswith(
        "forwards (through web, which names web as one of those a value not known chooses); "
    )
    # the attachment instead: the scaling group is perhaps the group's target
    tf.write_text('variable "x" { type = bool }\n' + text.replace(
        "  lb_target_group_arn    = aws_lb_target_group.web.arn",
        "  lb_target_group_arn    = var.x ? aws_lb_target_group.web.arn : "
        "aws_lb_target_group.default.arn",
    ), encoding="utf-8")
    assert _lateral(tmp_path / "lb" / "tf") == {
        "aws_db_instance.db": (Status.UNKNOWN, finding.message.en)
    }


_CHOICE = (
    "Parameters:\n  UseWeb: {Type: String%s}\nConditions:\n"
    '  RoutesWeb: !Equals [!Ref UseWeb, "yes"]\nResources:\n'
)


def test_a_cloudformation_target_group_an_undecided_condition_chooses_is_a_candidate(
    tmp_path: Path,
) -> None:
    """``TargetGroupArn: !If [RoutesWeb, !Ref WebTargets, !Ref DefaultTargets]`` whose
    condition is not known: each group is a candidate (as a Terraform value not known
    chooses). Both were forwarded to certainly: a certain FAIL through a group the rule may
    not name."""
    shutil.copytree(FIXTURES, tmp_path / "lb")
    cfn = tmp_path / "lb" / "cfn" / "stack.yaml"
    _edit(cfn, "Resources:\n", _CHOICE % "")
    _edit(cfn, "        - {Type: forward, TargetGroupArn: !Ref WebTargets}",
          "        - {Type: forward, TargetGroupArn: !If [RoutesWeb, !Ref WebTargets, "
          "!Ref DefaultTargets]}")
    result = audit([tmp_path / "lb" / "cfn"], Settings(rule_ids=("GDCC-GRAPH-005",)))
    [finding] = result.findings
    assert (finding.status, finding.message.en) == (
        Status.UNKNOWN,
        "a workload reachable from the internet can connect to port 5432 if what is not known "
        "allows it: internet → Front:443 → Web:80 → DB:5432",
    )
    assert finding.evidence["path_hops"][2]["via"].startswith(
        "forwards (through WebRule, which names WebTargets as one of those a value not known "
        "chooses); "
    )


def test_a_cloudformation_condition_the_template_decides_names_its_branch_certainly(
    tmp_path: Path,
) -> None:
    shutil.copytree(FIXTURES, tmp_path / "lb")
    cfn = tmp_path / "lb" / "cfn" / "stack.yaml"
    _edit(cfn, "Resources:\n", _CHOICE % ", Default: 'yes'")
    _edit(cfn, "        - {Type: forward, TargetGroupArn: !Ref WebTargets}",
          "        - {Type: forward, TargetGroupArn: !If [RoutesWeb, !Ref WebTargets, "
          "!Ref DefaultTargets]}")
    assert _lateral(tmp_path / "lb" / "cfn") == {"DB": _fail("Front", "Web", "DB")}


def test_a_listener_rule_an_undecided_condition_puts_on_a_listener_forwards_uncertainly(
    tmp_path: Path,
) -> None:
    """``ListenerArn: !If [RoutesWeb, !Ref Https, !Ref Other]``, ``Other`` a listener of an
    internal balancer: the rule is perhaps the internet-facing ``Https``'s; it forwarded
    certainly through it."""
    shutil.copytree(FIXTURES, tmp_path / "lb")
    cfn = tmp_path / "lb" / "cfn" / "stack.yaml"
    _edit(cfn, "Resources:\n", _CHOICE % "")
    _edit(cfn, "      ListenerArn: !Ref Https\n",
          "      ListenerArn: !If [RoutesWeb, !Ref Https, !Ref Other]\n")
    _edit(cfn, "  WebRule:\n", "  Other:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n"
          "    Properties:\n      LoadBalancerArn: !Ref Inner\n      Port: 8443\n"
          "      Protocol: HTTPS\n      DefaultActions:\n"
          "        - {Type: forward, TargetGroupArn: !Ref DefaultTargets}\n"
          "  Inner:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n"
          "    Properties: {Scheme: internal, SecurityGroups: [!Ref LbGroup]}\n  WebRule:\n")
    result = audit([tmp_path / "lb" / "cfn"], Settings(rule_ids=("GDCC-GRAPH-005",)))
    [finding] = result.findings
    assert finding.status is Status.UNKNOWN
    assert finding.evidence["path_hops"][2]["via"].startswith(
        "forwards (through WebRule, which names Https as one of those a value not known "
        "chooses); "
    )
