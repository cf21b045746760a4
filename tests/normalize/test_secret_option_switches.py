"""A long option named for a password that is a switch (``--must-change-password=false``,
gitea's ``admin user create`` in aws-cloudformation-templates' Gitea user data) sets no
password: it FAILed GDCC-SECRET-001 as ``--password=...`` with a value. A value after the
option still FAILs, a word merely starting like a switch too."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets.detect import detect_secrets


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("gitea admin user create --password $secret_string --must-change-password=false", ()),
        ("./tool --must-change-password=False --email a@b.c", ()),
        ("./tool --reset-password true", ()),
        ("./tool --db-password none", ()),
        ("./tool --password=Hunter22", ("UserData",)),
        ("./tool --password falsehood22", ("UserData",)),
        ("./tool --must-change-password=false --password Hunter22", ("UserData",)),
    ],
)
def test_a_password_switch_is_no_password(text: str, found: tuple[str, ...]) -> None:
    assert detect_secrets({"UserData": text}) == found
