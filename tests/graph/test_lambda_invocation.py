"""What reaches an AWS Lambda function: its security groups filter its network interfaces'
traffic, not its invocations. A function URL without authentication (``NONE``) or a resource
policy open to everyone lets anyone on the internet invoke it (HTTPS, 443); a load balancer
invokes the functions of its ``lambda`` target groups. Neither was a graph edge, so a
database that only such a function could reach PASSed GDCC-GRAPH-005."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph"
PASS = (Status.PASS, "No internet-facing workload can move laterally to a data store's "
        "database port")


def _lateral(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    assert result.not_judged == {}
    # the queues themselves are NOT_APPLICABLE (no listener: tests/graph/test_broker_store_ports)
    return {
        f.address or "": (f.status, f.message.en)
        for f in result.findings
        if f.status is not Status.NOT_APPLICABLE
    }


def _fail(path: str) -> tuple[Status, str]:
    return (Status.FAIL,
            f"a workload reachable from the internet can connect to port 5432: {path}")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_function_url_without_authentication() -> None:
    assert _lateral(FIXTURES / "lambda_url" / "tf") == {
        "aws_db_instance.db": _fail("internet → api (invoked) → db:5432")
    }
    assert _lateral(FIXTURES / "lambda_url" / "cfn") == {
        "DB": _fail("internet → Api (invoked) → DB:5432")
    }


def test_a_function_url_with_iam_authentication(tmp_path: Path) -> None:
    """``AWS_IAM``: only signed requests of allowed principals; no internet edge. An
    authorization type from an input: UNKNOWN."""
    shutil.copytree(FIXTURES / "lambda_url", tmp_path / "u")
    tf, cfn = tmp_path / "u" / "tf" / "main.tf", tmp_path / "u" / "cfn" / "stack.yaml"
    _edit(tf, 'authorization_type = "NONE"', 'authorization_type = "AWS_IAM"')
    _edit(cfn, "AuthType: NONE", "AuthType: AWS_IAM")
    assert _lateral(tf.parent) == {"aws_db_instance.db": PASS}
    assert _lateral(cfn.parent) == {"DB": PASS}
    _edit(tf, 'authorization_type = "AWS_IAM"', "authorization_type = var.auth")
    tf.write_text(tf.read_text() + 'variable "auth" {\n  type = string\n}\n')
    assert _lateral(tf.parent) == {
        "aws_db_instance.db": (
            Status.UNKNOWN,
            "a workload reachable from the internet can connect to port 5432 if what is not "
            "known allows it: internet → api (invoked) → db:5432",
        )
    }


def test_a_public_invoke_permission(tmp_path: Path) -> None:
    """``aws_lambda_permission`` with principal ``*`` and no source: anyone may invoke."""
    shutil.copytree(FIXTURES / "lambda_url", tmp_path / "u")
    tf = tmp_path / "u" / "tf" / "main.tf"
    text = tf.read_text()
    start = text.index('resource "aws_lambda_function_url"')
    end = text.index('resource "aws_db_instance"')
    tf.write_text(text[:start] + 'resource "aws_lambda_permission" "anyone" {\n'
                  '  statement_id  = "anyone"\n  action        = "lambda:InvokeFunction"\n'
                  "  function_name = aws_lambda_function.api.function_name\n"
                  '  principal     = "*"\n}\n\n' + text[end:])
    assert _lateral(tf.parent) == {
        "aws_db_instance.db": _fail("internet → api (invoked) → db:5432")
    }
    # a service principal without a source: "other accounts could potentially configure
    # resources in their account to invoke your Lambda function" (Lambda API AddPermission):
    # was PASS, now UNKNOWN; naming the source rule: PASS
    _edit(tf, '  principal     = "*"\n', '  principal     = "events.amazonaws.com"\n')
    assert _lateral(tf.parent) == {
        "aws_db_instance.db": (
            Status.UNKNOWN,
            "a workload reachable from the internet can connect to port 5432 if what is not "
            "known allows it: internet → api (invoked) → db:5432",
        )
    }
    _edit(tf, '  principal     = "events.amazonaws.com"\n',
          '  principal     = "events.amazonaws.com"\n'
          '  source_arn    = "arn:aws:events:ap-southeast-1:123456789012:rule/jobs"\n')
    assert _lateral(tf.parent) == {"aws_db_instance.db": PASS}


def test_a_load_balancer_invokes_its_lambda_targets() -> None:
    """The function's group admits nothing; the balancer invokes it all the same."""
    assert _lateral(FIXTURES / "lambda_target" / "tf") == {
        "aws_db_instance.db": _fail("internet → front:443 → api (invoked) → db:5432")
    }
    assert _lateral(FIXTURES / "lambda_target" / "cfn") == {
        "DB": _fail("internet → Front:443 → Api (invoked) → DB:5432")
    }


def test_an_api_invokes_the_functions_its_integrations_name() -> None:
    """Terraform: an HTTP API's ``aws_apigatewayv2_integration`` (``integration_uri``);
    CloudFormation: a REST API method's ``Integration.Uri`` (``${Api.Arn}`` in ``Fn::Sub``).
    The stage reached nothing (its hop into the network was "any internal address", which
    the function's group does not admit)."""
    assert _lateral(FIXTURES / "api_lambda" / "tf") == {
        "aws_db_instance.db": _fail("internet → $default:443 → api (invoked) → db:5432")
    }
    assert _lateral(FIXTURES / "api_lambda" / "cfn") == {
        "DB": _fail("internet → Prod:443 → Api (invoked) → DB:5432")
    }


_MAYBE = (Status.UNKNOWN, "a workload reachable from the internet can connect to port 5432 "
          "if what is not known allows it: ")
_OTHER_TF = """
variable "other" {
  type = bool
}

resource "aws_lambda_function" "other" {
  function_name = "other"
  role          = "arn:aws:iam::123456789012:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
}
"""


def _hop(path: Path, address: str) -> tuple[bool, str]:
    """Whether the path's hop to ``address`` is certain, and why it is there."""
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    finding = next(f for f in result.findings if f.address == address)
    hop = next(h for h in finding.evidence["path_hops"] if h["label"] in ("api", "Api"))
    return hop["certain"], hop["via"]


def test_an_integration_a_condition_chooses_may_invoke_the_function(tmp_path: Path) -> None:
    """``integration_uri = var.other ? other.invoke_arn : api.invoke_arn``: the stage may
    invoke either function. Was PASS (the integration was dropped: no edge); now UNKNOWN,
    the hop not certain; a condition known statically picks its branch."""
    shutil.copytree(FIXTURES / "api_lambda", tmp_path / "a")
    tf = tmp_path / "a" / "tf" / "main.tf"
    _edit(tf, "integration_uri        = aws_lambda_function.api.invoke_arn",
          "integration_uri        = var.other ? aws_lambda_function.other.invoke_arn : "
          "aws_lambda_function.api.invoke_arn")
    tf.write_text(tf.read_text() + _OTHER_TF)
    maybe = (_MAYBE[0], _MAYBE[1] + "internet → $default:443 → api (invoked) → db:5432")
    assert _lateral(tf.parent) == {"aws_db_instance.db": maybe}
    assert _hop(tf.parent, "aws_db_instance.db") == (
        False, "may invoke it (an integration whose function a value not known chooses)"
    )
    # a value beyond the configuration: the one function referenced is a candidate
    _edit(tf, "var.other ? aws_lambda_function.other.invoke_arn : ", "coalesce(var.arn, ")
    _edit(tf, "aws_lambda_function.api.invoke_arn\n  payload",
          "aws_lambda_function.api.invoke_arn)\n  payload")
    tf.write_text(tf.read_text() + 'variable "arn" {\n  type = string\n}\n')
    assert _lateral(tf.parent) == {"aws_db_instance.db": maybe}
    # known: the other function, which no data store trusts
    _edit(tf, "coalesce(var.arn, aws_lambda_function.api.invoke_arn)",
          "false ? aws_lambda_function.api.invoke_arn : aws_lambda_function.other.invoke_arn")
    assert _lateral(tf.parent) == {"aws_db_instance.db": PASS}


def test_an_integration_of_one_of_two_apis_may_be_the_stages(tmp_path: Path) -> None:
    """An integration whose ``api_id`` a condition chooses may be the stage's API's."""
    shutil.copytree(FIXTURES / "api_lambda", tmp_path / "a")
    tf = tmp_path / "a" / "tf" / "main.tf"
    _edit(tf, "  api_id                 = aws_apigatewayv2_api.http.id",
          "  api_id                 = var.other ? aws_apigatewayv2_api.other.id : "
          "aws_apigatewayv2_api.http.id")
    tf.write_text(tf.read_text() + _OTHER_TF + 'resource "aws_apigatewayv2_api" "other" {\n'
                  '  name          = "other"\n  protocol_type = "HTTP"\n}\n')
    assert _lateral(tf.parent) == {
        "aws_db_instance.db": (_MAYBE[0], _MAYBE[1] + "internet → $default:443 → api (invoked) → "
                               "db:5432")
    }


def test_integrations_over_a_map_of_functions(tmp_path: Path) -> None:
    """``for_each = local.functions`` (``{ api = aws_lambda_function.api.invoke_arn, ... }``)
    with ``integration_uri = each.value``: an item's value, known only after apply, named no
    function once bound to ``each.value`` (no edge: PASS). Each instance now reads the
    resources its item reads."""
    shutil.copytree(FIXTURES / "api_lambda", tmp_path / "a")
    tf = tmp_path / "a" / "tf" / "main.tf"
    _edit(tf, 'resource "aws_apigatewayv2_integration" "api" {\n',
          'locals {\n  functions = {\n    api   = aws_lambda_function.api.invoke_arn\n'
          '    other = aws_lambda_function.other.invoke_arn\n  }\n}\n\n'
          'resource "aws_apigatewayv2_integration" "api" {\n  for_each               = '
          'local.functions\n')
    _edit(tf, "integration_uri        = aws_lambda_function.api.invoke_arn",
          "integration_uri        = each.value")
    _edit(tf, "aws_apigatewayv2_integration.api.id", 'aws_apigatewayv2_integration.api["api"].id')
    tf.write_text(tf.read_text() + _OTHER_TF)
    assert _lateral(tf.parent) == {
        "aws_db_instance.db": _fail("internet → $default:443 → api (invoked) → db:5432")
    }


def test_a_cloudformation_integration_an_fn_if_chooses(tmp_path: Path) -> None:
    """``Fn::If`` on a condition not known: the function of one branch may be invoked
    (was a certain FAIL); a condition known picks its branch."""
    shutil.copytree(FIXTURES / "api_lambda", tmp_path / "a")
    cfn = tmp_path / "a" / "cfn" / "stack.yaml"
    uri = ('Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/'
           '${Api.Arn}/invocations"')
    _edit(cfn, uri, "Uri: !If [UseApi, " + uri.removeprefix("Uri: ")
          + ', "https://example.com"]')
    text = cfn.read_text(encoding="utf-8")
    cfn.write_text("Parameters:\n  UseApi:\n    Type: String\nConditions:\n  UseApi: "
                   '!Equals [!Ref UseApi, "yes"]\n' + text, encoding="utf-8")
    assert _lateral(cfn.parent) == {
        "DB": (_MAYBE[0], _MAYBE[1] + "internet → Rest:443 → Api (invoked) → DB:5432")
    }
    _edit(cfn, "    Type: String\nConditions", '    Type: String\n    Default: "no"\n'
          "    AllowedValues: [\"no\"]\nConditions")
    assert _lateral(cfn.parent)["DB"] == PASS


def test_an_http_api_integration_in_cloudformation(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "api_lambda", tmp_path / "a")
    cfn = tmp_path / "a" / "cfn" / "stack.yaml"
    text = cfn.read_text(encoding="utf-8")
    start, end = text.index("  Rest:\n"), text.index("  DB:\n")
    cfn.write_text(text[:start] + """  Http:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: http
      ProtocolType: HTTP
  Calls:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Http
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Api.Arn
      PayloadFormatVersion: "2.0"
  Default:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Http
      StageName: $default
      AutoDeploy: true
""" + text[end:], encoding="utf-8")
    found = _lateral(cfn.parent)
    assert found["DB"][0] is Status.FAIL
    assert found["DB"][1].endswith("→ Api (invoked) → DB:5432")


def test_an_integration_that_calls_no_function(tmp_path: Path) -> None:
    """An HTTP proxy integration to a URL: the function is reached by nothing (PASS)."""
    shutil.copytree(FIXTURES / "api_lambda", tmp_path / "a")
    tf = tmp_path / "a" / "tf" / "main.tf"
    _edit(tf, 'integration_type       = "AWS_PROXY"\n  integration_uri        = '
          "aws_lambda_function.api.invoke_arn",
          'integration_type       = "HTTP_PROXY"\n  integration_method     = "ANY"\n'
          '  integration_uri        = "https://example.com/{proxy}"')
    assert _lateral(tf.parent) == {"aws_db_instance.db": PASS}


def test_a_sam_function_behind_its_event_api(tmp_path: Path) -> None:
    """A SAM function's ``Api`` event: the implicit ``ServerlessRestApi`` invokes it (an
    ``HttpApi`` event: ``ServerlessHttpApi``)."""
    assert _lateral(FIXTURES / "sam_api_lambda") == {
        "DB": _fail("internet → ServerlessRestApi:443 → Api (invoked) → DB:5432")
    }
    shutil.copytree(FIXTURES / "sam_api_lambda", tmp_path / "s")
    sam = tmp_path / "s" / "stack.yaml"
    _edit(sam, "          Type: Api\n", "          Type: HttpApi\n")
    assert _lateral(sam.parent) == {
        "DB": _fail("internet → ServerlessHttpApi:443 → Api (invoked) → DB:5432")
    }
    _edit(sam, "          Type: HttpApi\n", "          Type: SQS\n")
    _edit(sam, "            Path: /\n            Method: get\n",
          "            Queue: arn:aws:sqs:ap-southeast-7:123456789012:jobs\n")
    # a queue outside the template: who may send to it is not known (was PASS: SQS events
    # were not read)
    assert _lateral(sam.parent) == {
        "DB": (
            Status.UNKNOWN,
            "a workload reachable from the internet can connect to port 5432 if what is not "
            "known allows it: internet → Api (invoked) → DB:5432",
        )
    }


def test_a_queue_anyone_may_write_to_invokes_its_function(tmp_path: Path) -> None:
    """``aws_lambda_event_source_mapping``: whoever may send to the queue hands the function
    its input. A queue policy open to everyone reaches the function from the internet (the
    database it reaches PASSed GDCC-GRAPH-005: mappings were not read); a queue of the
    account alone does not; a source not in the scan leaves it UNKNOWN."""
    assert _lateral(FIXTURES / "lambda_queue" / "tf") == {
        "aws_db_instance.db": _fail("internet → worker (invoked) → db:5432")
    }
    # SAM: an SQS event; the Kinesis stream's mapping adds no path (no policy opens it)
    assert _lateral(FIXTURES / "lambda_queue" / "cfn") == {
        "DB": _fail("internet → Worker (invoked) → DB:5432")
    }
    shutil.copytree(FIXTURES / "lambda_queue", tmp_path / "q")
    tf = tmp_path / "q" / "tf" / "main.tf"
    _edit(tf, 'Principal = "*"', 'Principal = { AWS = "arn:aws:iam::123456789012:root" }')
    assert _lateral(tf.parent) == {"aws_db_instance.db": PASS}
    _edit(tf, "event_source_arn = aws_sqs_queue.jobs.arn", "event_source_arn = var.queue")
    tf.write_text(tf.read_text() + 'variable "queue" {\n  type = string\n}\n')
    assert _lateral(tf.parent) == {
        "aws_db_instance.db": (
            Status.UNKNOWN,
            "a workload reachable from the internet can connect to port 5432 if what is not "
            "known allows it: internet → worker (invoked) → db:5432",
        )
    }


def _without_queue(tmp_path: Path, extra: str) -> Path:
    """The queue fixture with its queue and mapping replaced by ``extra``."""
    text = (FIXTURES / "lambda_queue" / "tf" / "main.tf").read_text(encoding="utf-8")
    text = (text[: text.index('resource "aws_sqs_queue" "jobs"')]
            + text[text.index('resource "aws_lambda_function" "worker"'):])
    text = (text[: text.index('resource "aws_lambda_event_source_mapping"')]
            + text[text.index('resource "aws_db_instance"'):])
    folder = tmp_path / "n"
    folder.mkdir(exist_ok=True)
    (folder / "main.tf").write_text(text + extra, encoding="utf-8")
    return folder


OPEN_POLICY = """jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "%s", Resource = "*" }]
  })"""
UNKNOWN_PATH = (
    Status.UNKNOWN,
    "a workload reachable from the internet can connect to port 5432 if what is not known "
    "allows it: internet → worker (invoked) → db:5432",
)


def test_a_topic_anyone_may_publish_to_invokes_its_subscribed_function(tmp_path: Path) -> None:
    """``aws_sns_topic_subscription`` (protocol ``lambda``): whoever may publish on the topic
    invokes the function. Subscriptions were not read: the database only the function
    reaches PASSed GDCC-GRAPH-005 though anyone on the internet could publish."""
    subscription = """
resource "aws_sns_topic" "alerts" {
  name   = "alerts"
  policy = %s
}
resource "aws_sns_topic_subscription" "worker" {
  topic_arn = %s
  protocol  = "%s"
  endpoint  = aws_lambda_function.worker.arn
}
"""
    public = OPEN_POLICY % "sns:Publish"
    folder = _without_queue(tmp_path, subscription % (public, "aws_sns_topic.alerts.arn",
                                                      "lambda"))
    assert _lateral(folder) == {
        "aws_db_instance.db": _fail("internet → worker (invoked) → db:5432")
    }
    # a topic of the account alone; a subscription of another protocol invokes nothing
    own = public.replace('Principal = "*"', 'Principal = { AWS = "123456789012" }')
    folder = _without_queue(tmp_path, subscription % (own, "aws_sns_topic.alerts.arn", "lambda"))
    assert _lateral(folder) == {"aws_db_instance.db": PASS}
    folder = _without_queue(tmp_path, subscription % (public, "aws_sns_topic.alerts.arn", "sqs"))
    assert _lateral(folder) == {"aws_db_instance.db": PASS}
    # a topic outside the scan: who may publish is not known
    literal = '"arn:aws:sns:ap-southeast-1:123456789012:elsewhere"'
    folder = _without_queue(tmp_path, subscription % (own, literal, "lambda"))
    assert _lateral(folder) == {"aws_db_instance.db": UNKNOWN_PATH}


def test_bucket_notifications_invoke_the_function(tmp_path: Path) -> None:
    """``aws_s3_bucket_notification.lambda_function``: a bucket open to everyone may let
    anyone write the objects whose events invoke the function (its public reading is not
    told apart: UNKNOWN); a private bucket adds nothing."""
    notification = """
resource "aws_s3_bucket" "uploads" {
  bucket = "uploads"
}
%s
resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.worker.arn
    events              = ["s3:ObjectCreated:*"]
  }
}
"""
    policy = """resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  policy = %s
}""" % (OPEN_POLICY % "s3:PutObject")
    assert _lateral(_without_queue(tmp_path, notification % policy)) == {
        "aws_db_instance.db": UNKNOWN_PATH
    }
    assert _lateral(_without_queue(tmp_path, notification % "")) == {"aws_db_instance.db": PASS}


def test_event_bus_rules_invoke_their_targets(tmp_path: Path) -> None:
    """``aws_cloudwatch_event_target``: the rule's bus (default: ``default``) passes on the
    events of whoever may put events on it: a permission for every account (principal ``*``)
    reaches the function; a rule that only runs on a schedule takes nobody's input."""
    rule = """
resource "aws_cloudwatch_event_rule" "jobs" {
  name = "jobs"
  %s
}
resource "aws_cloudwatch_event_target" "worker" {
  rule = aws_cloudwatch_event_rule.jobs.name
  arn  = aws_lambda_function.worker.arn
}
resource "aws_cloudwatch_event_permission" "anyone" {
  principal    = "*"
  statement_id = "anyone"
}
"""
    pattern = 'event_pattern = jsonencode({ source = ["app.jobs"] })'
    assert _lateral(_without_queue(tmp_path, rule % pattern)) == {
        "aws_db_instance.db": _fail("internet → worker (invoked) → db:5432")
    }
    scheduled = _without_queue(tmp_path, rule % 'schedule_expression = "rate(1 hour)"')
    assert _lateral(scheduled) == {"aws_db_instance.db": PASS}
    # a rule on another bus: the default bus's permission does not open it
    other = rule % f'{pattern}\n  event_bus_name = "orders"'
    assert _lateral(_without_queue(tmp_path, other)) == {"aws_db_instance.db": PASS}



def test_a_rule_on_a_bus_of_the_scan(tmp_path: Path) -> None:
    """A rule on a bus of the scan (``aws_cloudwatch_event_bus``): the bus's policies and
    permissions are folded into the bus, so the function is reached through the bus: open to
    every account, FAIL; no policy (the account alone), PASS; a permission on another bus
    (the default one) does not open it."""
    rule = """
resource "aws_cloudwatch_event_bus" "orders" {
  name = "orders"
}
resource "aws_cloudwatch_event_rule" "jobs" {
  name           = "jobs"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  event_pattern  = jsonencode({ source = ["app.jobs"] })
}
resource "aws_cloudwatch_event_target" "worker" {
  rule           = aws_cloudwatch_event_rule.jobs.name
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  arn            = aws_lambda_function.worker.arn
}
%s
"""
    bus_policy = """resource "aws_cloudwatch_event_bus_policy" "orders" {
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  policy = %s
}""" % (OPEN_POLICY % "events:PutEvents")
    assert _lateral(_without_queue(tmp_path, rule % bus_policy)) == {
        "aws_db_instance.db": _fail("internet → worker (invoked) → db:5432")
    }
    permission = """resource "aws_cloudwatch_event_permission" "anyone" {
  event_bus_name = "orders"
  principal      = "*"
  statement_id   = "anyone"
}"""
    assert _lateral(_without_queue(tmp_path, rule % permission)) == {
        "aws_db_instance.db": _fail("internet → worker (invoked) → db:5432")
    }
    # the bus and its policy in a module of the scan, the rule naming the bus by its name
    moved = rule.replace('resource "aws_cloudwatch_event_bus" "orders" {\n  name = "orders"\n}\n',
                         'module "bus" {\n  source = "./bus"\n}\n')
    moved = moved.replace("aws_cloudwatch_event_bus.orders.name", '"orders"')
    folder = _without_queue(tmp_path, moved % "")
    (folder / "bus").mkdir(exist_ok=True)
    (folder / "bus" / "main.tf").write_text(
        'resource "aws_cloudwatch_event_bus" "orders" {\n  name = "orders"\n}\n'
        + bus_policy, encoding="utf-8"
    )
    assert _lateral(folder) == {
        "aws_db_instance.db": _fail("internet → worker (invoked) → db:5432")
    }
    on_default = permission.replace('  event_bus_name = "orders"\n', "")
    assert _lateral(_without_queue(tmp_path, rule % on_default)) == {"aws_db_instance.db": PASS}
    assert _lateral(_without_queue(tmp_path, rule % "")) == {"aws_db_instance.db": PASS}

CFN_BASE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  FnSg:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: fn, VpcId: vpc-1}
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: vpc-1
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref FnSg}
  DB:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      StorageEncrypted: true
      VPCSecurityGroups: [!Ref DbSg]
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      CodeUri: s3://b/k.zip
      VpcConfig: {SecurityGroupIds: [!Ref FnSg], SubnetIds: [subnet-1]}
%s
"""
CFN_TOPIC = """\
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Principal: "*", Action: "sns:Publish", Resource: !Ref Topic}
"""
CFN_FAIL = _fail("internet → Worker (invoked) → DB:5432")


def _cfn(tmp_path: Path, resources: str, events: str = "") -> dict[str, tuple[Status, str]]:
    folder = tmp_path / "cfn"
    folder.mkdir(exist_ok=True)
    text = CFN_BASE % resources
    if events:
        text = text.replace("      VpcConfig:", f"      Events:\n{events}      VpcConfig:", 1)
    (folder / "stack.yaml").write_text(text, encoding="utf-8")
    return _lateral(folder)


def test_cloudformation_notifications_invoke_the_function(tmp_path: Path) -> None:
    """CloudFormation and SAM: an SNS subscription (``AWS::SNS::Subscription``, a SAM ``SNS``
    event) to a topic anyone may publish to, and a rule (``AWS::Events::Rule``, a SAM
    ``EventBridgeRule`` event) on a bus whose policy lets every account put events, reach
    the function; a schedule-only rule does not. None was read before (PASS)."""
    subscription = CFN_TOPIC + """\
  Sub:
    Type: AWS::SNS::Subscription
    Properties: {Protocol: lambda, TopicArn: !Ref Topic, Endpoint: !GetAtt Worker.Arn}
"""
    assert _cfn(tmp_path, subscription) == {"DB": CFN_FAIL}
    sam = "        Alerts:\n          Type: SNS\n          Properties: {Topic: !Ref Topic}\n"
    assert _cfn(tmp_path, CFN_TOPIC, sam) == {"DB": CFN_FAIL}
    bus = """\
  Anyone:
    Type: AWS::Events::EventBusPolicy
    Properties: {StatementId: anyone, Action: "events:PutEvents", Principal: "*"}
  Rule:
    Type: AWS::Events::Rule
    Properties:
      %s
      Targets: [{Id: worker, Arn: !GetAtt Worker.Arn}]
"""
    assert _cfn(tmp_path, bus % "EventPattern: {source: [app.jobs]}") == {"DB": CFN_FAIL}
    assert _cfn(tmp_path, bus % 'ScheduleExpression: "rate(1 hour)"') == {"DB": PASS}
    rule = ("        Jobs:\n          Type: EventBridgeRule\n"
            "          Properties: {Pattern: {source: [app.jobs]}}\n")
    policy = bus[: bus.index("  Rule:")]
    assert _cfn(tmp_path, policy, rule) == {"DB": CFN_FAIL}
    # a rule on a bus of the template: the policy naming the bus is folded into it (by Ref
    # or by the bus's Name); the function is reached through the bus
    own = """\
  Orders:
    Type: AWS::Events::EventBus
    Properties: {Name: orders}
  Anyone:
    Type: AWS::Events::EventBusPolicy
    Properties:
      EventBusName: %s
      StatementId: anyone
      Action: "events:PutEvents"
      Principal: "*"
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Orders
      EventPattern: {source: [app.jobs]}
      Targets: [{Id: worker, Arn: !GetAtt Worker.Arn}]
"""
    assert _cfn(tmp_path, own % "!Ref Orders") == {"DB": CFN_FAIL}
    assert _cfn(tmp_path, own % "orders") == {"DB": CFN_FAIL}
    assert _cfn(tmp_path, own % "other") == {"DB": PASS}
    # S3: a bucket open to everyone (reading is not told apart from writing): UNKNOWN
    bucket = """\
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        LambdaConfigurations: [{Event: "s3:ObjectCreated:*", Function: !GetAtt Worker.Arn}]
  UploadsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Uploads
      PolicyDocument:
        Statement:
          - {Effect: Allow, Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::u/*"}
"""
    assert _cfn(tmp_path, bucket) == {
        "DB": (UNKNOWN_PATH[0], UNKNOWN_PATH[1].replace("worker", "Worker").replace("db:", "DB:"))
    }


def test_cloudformation_service_permission_without_source(tmp_path: Path) -> None:
    """``AWS::Lambda::Permission`` for a service principal without ``SourceArn`` /
    ``SourceAccount``: another account's bucket may invoke the function (was PASS)."""
    permission = """\
  Allow:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Worker
      Principal: s3.amazonaws.com
%s"""
    unknown = (UNKNOWN_PATH[0], UNKNOWN_PATH[1].replace("worker", "Worker").replace("db:", "DB:"))
    assert _cfn(tmp_path, permission % "") == {"DB": unknown}
    assert _cfn(tmp_path, permission % "      SourceAccount: '123456789012'\n") == {"DB": PASS}
