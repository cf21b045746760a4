"""A password given on a command line as a command's output in backquotes (``--password
`python ./find-secret.py secretfile```, quickstart-clickhouse-cluster's user data reading a
Secrets Manager secret) is no password written there: it FAILed GDCC-SECRET-001 (``$(...)``
did not). A literal value after the option still FAILs."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets.detect import detect_secrets


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("clickhouse-client --password `python ./find-secret.py secretfile ` --query 'x'", ()),
        ("mysql -u root -p`cat /run/pw` -e 'select 1'", ()),
        ("sshpass -p `cat /run/pw` ssh host", ()),
        ('sshpass -p "`cat /run/pw`" ssh host', ()),
        ("clickhouse-client --password Hunter22pw --query 'x'", ("UserData",)),
        ("mysql -u root -pHunter22pw -e 'select 1'", ("UserData",)),
        ("sshpass -p Hunter22pw ssh host", ("UserData",)),
    ],
)
def test_a_command_output_is_no_password(text: str, found: tuple[str, ...]) -> None:
    assert detect_secrets({"UserData": text}) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("password: \\${ADMIN_PWD}", ()),
        ("password: \\$ADMIN_PWD", ()),
        ("password: Hunter22pw", ("UserData",)),
    ],
)
def test_an_escaped_variable_is_no_password(text: str, found: tuple[str, ...]) -> None:
    """``password: \\${ADMIN_PWD}`` (a ``$`` escaped so that a later step expands it: the
    Jenkins configuration-as-code template of serverless-jenkins-on-aws-fargate, rendered by
    Terraform's ``template_file`` from ``$${ADMIN_PWD}``) names a variable: it FAILed."""
    assert detect_secrets({"UserData": text}) == found
