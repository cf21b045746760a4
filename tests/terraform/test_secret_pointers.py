"""GDCC-SECRET-001 and values read from another resource: the *name*, ARN or URL of a resource
(``webhook_secret = aws_ssm_parameter.s.name``) says where a secret is kept, not the secret.
Terraform knows such a name at plan time (it is written in the parameter's block), so the
evaluator knew the string and the secret-named argument holding it FAILed (philips-labs
github-runner: ``null_resource.github_app_parameters`` ``triggers.github_app_webhook_secret``
and the webhook lambda's ``PARAMETER_GITHUB_APP_WEBHOOK_SECRET``, through a module output and
an object variable). A secret-bearing attribute (``aws_ssm_parameter.s.value``), a literal
written around the name, and a read value with a credential's shape still FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets, redact
from gdcc_audit.secrets.pointer import Pointer
from gdcc_audit.settings import Settings

RULE = "GDCC-SECRET-001"

ROOT = """\
module "ssm" {
  source = "./modules/ssm"
}
module "hook" {
  source = "./modules/hook"
  config = {
    parameters = { webhook_secret = module.ssm.parameters.webhook_secret }
  }
}
resource "aws_ssm_parameter" "plain" {
  name  = "/app/plain"
  type  = "SecureString"
  value = "Plain-Secret-42"
}
resource "foo_database" "db" {
  url = "postgres://admin:S3cretPass@db.internal:5432/app"
}
resource "aws_lambda_function" "direct" {
  function_name = "direct"
  role          = "arn:aws:iam::123456789012:role/x"
  environment {
    variables = {
      WEBHOOK_SECRET_ARN = aws_ssm_parameter.plain.arn
      API_SECRET         = aws_ssm_parameter.plain.name
    }
  }
}
resource "aws_lambda_function" "value" {
  function_name = "value"
  role          = "arn:aws:iam::123456789012:role/x"
  environment {
    variables = {
      API_SECRET = aws_ssm_parameter.plain.value
    }
  }
}
resource "aws_lambda_function" "around" {
  function_name = "around"
  role          = "arn:aws:iam::123456789012:role/x"
  environment {
    variables = {
      API_SECRET = "S3cret-${aws_ssm_parameter.plain.name}"
    }
  }
}
resource "aws_lambda_function" "shaped" {
  function_name = "shaped"
  role          = "arn:aws:iam::123456789012:role/x"
  environment {
    variables = {
      DB_URL_SECRET = foo_database.db.url
    }
  }
}
"""
SSM = """\
resource "aws_ssm_parameter" "webhook_secret" {
  name  = "/gh/webhook_secret"
  type  = "SecureString"
  value = var.initial
}
variable "initial" {
  type = string
}
output "parameters" {
  value = {
    webhook_secret = {
      name = aws_ssm_parameter.webhook_secret.name
      arn  = aws_ssm_parameter.webhook_secret.arn
    }
  }
}
"""
HOOK = """\
variable "config" {
  type = any
}
resource "null_resource" "params" {
  triggers = {
    github_app_webhook_secret = var.config.parameters.webhook_secret.name
  }
}
resource "aws_lambda_function" "hook" {
  function_name = "hook"
  role          = "arn:aws:iam::123456789012:role/x"
  environment {
    variables = {
      PARAMETER_WEBHOOK_SECRET = var.config.parameters.webhook_secret.name
    }
  }
}
"""


def _write(root: Path) -> None:
    (root / "modules" / "ssm").mkdir(parents=True)
    (root / "modules" / "hook").mkdir(parents=True)
    (root / "main.tf").write_text(ROOT)
    (root / "modules" / "ssm" / "main.tf").write_text(SSM)
    (root / "modules" / "hook" / "main.tf").write_text(HOOK)


def test_a_resource_name_read_into_a_secret_named_argument_is_no_secret(tmp_path: Path) -> None:
    _write(tmp_path)
    result = audit([tmp_path], Settings(rule_ids=(RULE,)))
    found = {
        f.address: (f.status, f.evidence.get("paths"))
        for f in result.findings
        if f.rule_id == RULE
    }
    # the parameter's name, read directly or through a module output and an object variable
    assert found["aws_lambda_function.direct"] == (Status.PASS, None)
    assert found["module.hook.aws_lambda_function.hook"] == (Status.PASS, None)
    assert "module.hook.null_resource.params" not in found  # no secret: no secret holder
    # the secret itself, a literal written around the name, a read value shaped like one
    paths = ["environment.0.variables.API_SECRET"]
    assert found["aws_lambda_function.value"] == (Status.FAIL, paths)
    assert found["aws_lambda_function.around"] == (Status.FAIL, paths)
    assert found["aws_lambda_function.shaped"] == (
        Status.FAIL, ["environment.0.variables.DB_URL_SECRET"]
    )
    assert found["aws_ssm_parameter.plain"] == (Status.FAIL, ["value"])


def test_a_pointer_is_judged_by_its_shape_and_still_redacted() -> None:
    name = Pointer("/gh/webhook_secret")
    assert detect_secrets({"webhook_secret": name}) == ()
    assert detect_secrets({"webhook_secret": "/gh/webhook_secret"}) == ("webhook_secret",)
    shaped = Pointer("postgres://admin:S3cretPass@db:5432/app")
    assert detect_secrets({"db_secret": shaped}) == ("db_secret",)
    # outputs never mask less: the value under a secret's name stays redacted
    assert redact({"webhook_secret": name}) == {"webhook_secret": "<redacted>"}


def _plan() -> dict[str, object]:
    """A plan whose lambda reads the parameter's name and value into secret-named vars."""
    parameter = {
        "address": "aws_ssm_parameter.p", "mode": "managed", "type": "aws_ssm_parameter",
        "name": "p", "values": {"name": "/gh/webhook_secret", "type": "SecureString",
                                "value": "Plain-Secret-42"},
    }
    variables = {"WEBHOOK_SECRET": "/gh/webhook_secret", "API_SECRET": "Plain-Secret-42"}
    function = {
        "address": "aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function",
        "name": "f", "values": {"function_name": "f", "environment": [{"variables": variables}],
                                "role": "arn:aws:iam::123456789012:role/x"},
    }
    reads = {"references": ["aws_ssm_parameter.p.name", "aws_ssm_parameter.p",
                            "aws_ssm_parameter.p.value"]}
    config = {
        "root_module": {"resources": [
            {"address": "aws_ssm_parameter.p", "type": "aws_ssm_parameter", "name": "p",
             "expressions": {"name": {"constant_value": "/gh/webhook_secret"}}},
            {"address": "aws_lambda_function.f", "type": "aws_lambda_function", "name": "f",
             "expressions": {"environment": [{"variables": reads}]}},
        ]}
    }
    return {
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": [parameter, function]}},
        "configuration": config,
    }


def test_a_plan_value_equal_to_a_read_name_is_no_secret(tmp_path: Path) -> None:
    import json

    (tmp_path / "plan.json").write_text(json.dumps(_plan()))
    result = audit([tmp_path], Settings(rule_ids=(RULE,)))
    found = {
        f.address: (f.status, f.evidence.get("paths"))
        for f in result.findings
        if f.rule_id == RULE
    }
    # the name PASSes; the value read from the parameter (a secret-bearing attribute) FAILs
    assert found["aws_lambda_function.f"] == (
        Status.FAIL, ["environment.0.variables.API_SECRET"]
    )


CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WebhookSecret:
    Type: AWS::SSM::Parameter
    Properties: {Name: /gh/webhook_secret, Type: String, Value: "{{resolve:ssm:/x}}"}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      Runtime: python3.12
      Handler: index.handler
      Code: {ZipFile: "def handler(e, c): pass"}
      Environment:
        Variables:
          WEBHOOK_SECRET: !Ref WebhookSecret
          WEBHOOK_SECRET_NAME: !GetAtt WebhookSecret.Name
          API_SECRET: !Sub "${WebhookSecret}"
"""
HEAT = """\
heat_template_version: 2018-08-31
resources:
  pw:
    type: OS::Heat::RandomString
  server:
    type: OS::Nova::Server
    properties:
      image: ubuntu
      flavor: m1.small
      metadata:
        db_secret: {get_resource: pw}
        api_secret: {get_attr: [pw, value]}
"""


def test_cloudformation_and_heat_references_are_never_literals(tmp_path: Path) -> None:
    # a guard: !Ref / !GetAtt of a resource and Heat get_resource / get_attr stay references
    (tmp_path / "cfn.yaml").write_text(CFN)
    (tmp_path / "heat.yaml").write_text(HEAT)
    result = audit([tmp_path], Settings(rule_ids=(RULE,)))
    statuses = {f.resource_name: f.status for f in result.findings if f.rule_id == RULE}
    assert statuses["Fn"] == Status.PASS
    assert statuses["server"] == Status.PASS


def _module_plan() -> dict[str, object]:
    """The HCL case above as a plan: the hook module's lambda reads the parameter's name
    through the call's ``config`` input and the ssm module's ``parameters`` output."""
    parameter = {
        "address": "module.ssm.aws_ssm_parameter.webhook_secret", "mode": "managed",
        "type": "aws_ssm_parameter", "name": "webhook_secret",
        "values": {"name": "/gh/webhook_secret", "type": "SecureString", "value": "x"},
    }
    variables = {"PARAMETER_WEBHOOK_SECRET": "/gh/webhook_secret",
                 "LITERAL_SECRET": "Plain-Secret-42"}
    function = {
        "address": "module.hook.aws_lambda_function.hook", "mode": "managed",
        "type": "aws_lambda_function", "name": "hook",
        "values": {"function_name": "hook", "environment": [{"variables": variables}],
                   "role": "arn:aws:iam::123456789012:role/x"},
    }
    ssm = {
        "outputs": {"parameters": {"expression": {"references": [
            "aws_ssm_parameter.webhook_secret.name", "aws_ssm_parameter.webhook_secret",
            "aws_ssm_parameter.webhook_secret.arn"]}}},
        "resources": [{"address": "aws_ssm_parameter.webhook_secret",
                       "type": "aws_ssm_parameter", "name": "webhook_secret",
                       "expressions": {"name": {"constant_value": "/gh/webhook_secret"}}}],
    }
    hook = {
        "variables": {"config": {}},
        "resources": [{"address": "aws_lambda_function.hook", "type": "aws_lambda_function",
                       "name": "hook", "expressions": {"environment": [{"variables": {
                           "references": ["var.config.parameters.webhook_secret.name",
                                          "var.config.parameters.webhook_secret",
                                          "var.config.parameters", "var.config"]}}]}}],
    }
    calls = {
        "ssm": {"source": "./modules/ssm", "module": ssm},
        "hook": {"source": "./modules/hook", "module": hook, "expressions": {"config": {
            "references": ["module.ssm.parameters.webhook_secret", "module.ssm.parameters",
                           "module.ssm"]}}},
    }
    return {
        "format_version": "1.2",
        "planned_values": {"root_module": {"child_modules": [
            {"address": "module.ssm", "resources": [parameter]},
            {"address": "module.hook", "resources": [function]},
        ]}},
        "configuration": {"root_module": {"module_calls": calls}},
    }


def test_a_plan_follows_module_inputs_and_outputs(tmp_path: Path) -> None:
    """A plan's name read through a module input and another module's output was a literal
    secret (the plan held only the value; the reads were followed in HCL only)."""
    import json

    (tmp_path / "plan.json").write_text(json.dumps(_module_plan()))
    result = audit([tmp_path], Settings(rule_ids=(RULE,)))
    found = {
        f.address: (f.status, f.evidence.get("paths"))
        for f in result.findings
        if f.rule_id == RULE
    }
    assert found["module.hook.aws_lambda_function.hook"] == (
        Status.FAIL, ["environment.0.variables.LITERAL_SECRET"]
    )
