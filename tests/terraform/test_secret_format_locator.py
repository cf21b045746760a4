"""``format("%s/db/password", var.env)`` builds a path as ``"${var.env}/db/password"`` does:
under a secret's name (``DB_PASSWORD_PARAM``, an ECS container's environment) it locates the
secret (an SSM parameter), it is none, and it is judged by its shape as the template is
(``secrets.pointer.Composed``). Before, ``format`` gave a plain string: the path FAILed
GDCC-SECRET-001 as a literal secret. A ``format`` that locates nothing
(``format("%s-password", var.prefix)``), one with a piece of entropy or one reading a
secret-named value still FAILs. A path written whole under a name ending ``_PARAM``
(``/prod/db/password``) names the parameter too (it FAILed)."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "env" {
  default = "prod"
}

variable "db_password" {
  default = "Hunter22"
}

resource "aws_lambda_function" "%(name)s" {
  function_name = "%(name)s"
  role          = "arn:aws:iam::123456789012:role/r"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "f.zip"
  environment {
    variables = {
      DB_PASSWORD_PARAM = %(value)s
    }
  }
}
"""

CASES = {
    "path": ('format("%s/db/password", var.env)', Status.PASS),
    "arn": ('format("arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:%s/db", '
            "var.env)", Status.PASS),
    "template": ('"/${var.env}/db/password"', Status.PASS),
    "name_only": ('format("%s-password", var.env)', Status.FAIL),
    "entropy": ('format("%s/Xk9#mQ2vLp7zR", var.env)', Status.FAIL),
    "secret_read": ('format("/%s/x", var.db_password)', Status.FAIL),
    # a parameter's path written whole under a ``_PARAM`` name locates it too; a password
    # written there is still one
    "literal_path": ('"/prod/db/password"', Status.PASS),
    "literal_secret": ('"Hunter22pw"', Status.FAIL),
}


def test_a_formatted_path_under_a_secret_name_is_a_locator(tmp_path: Path) -> None:
    for name, (value, _) in CASES.items():  # one root each: the variables' names repeat
        (tmp_path / name).mkdir()
        text = MAIN % {"name": name, "value": value}
        (tmp_path / name / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address.removeprefix("aws_lambda_function."): f.status
        for f in result.findings if f.address.startswith("aws_lambda_function.")
    }
    assert found == {name: status for name, (_, status) in CASES.items()}, json.dumps(
        {f.address: f.message.en if f.message else "" for f in result.findings}
    )
    # ``db_password``'s default, read by no function but secret_read's, is a secret of its
    # own in the other roots (test_unread_input_secrets)
    unread = sorted(
        Path(f.location.file).parent.name for f in result.findings
        if f.address == "var.db_password"
    )
    assert unread == sorted(set(CASES) - {"secret_read"})
