"""SSH password log-in turned on by user data (GDCC-CMP-007): cloud-init ``ssh_pwauth:
true``, or a line that writes ``PasswordAuthentication yes``. Such machines were UNKNOWN
"whether password log-in is allowed is not known" (the image decides, unless user data
says); user data that only reads the setting, or turns it off, still leaves it to the image."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.user_data_login import enables_password_login, password_login
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "user_data_login"


@pytest.mark.parametrize(
    ("text", "on"),
    [
        ("#cloud-config\nssh_pwauth: true\n", True),
        ("#cloud-config\nssh_pwauth: 'yes'  # legacy jump host\n", True),
        ("#cloud-config\nssh_pwauth: false\n", False),
        ("#!/bin/bash\nsed -i 's/PasswordAuthentication no/PasswordAuthentication yes/' f\n", True),
        ("sed -i 's/PasswordAuthentication yes/PasswordAuthentication no/' f\n", False),
        ("#!/bin/bash\necho 'PasswordAuthentication yes' >> /etc/ssh/sshd_config\n", True),
        ("#!/bin/bash\ngrep -q 'PasswordAuthentication yes' /etc/ssh/sshd_config\n", False),
        ("#!/bin/bash\n# PasswordAuthentication yes\n", False),
        ("write_files:\n  - content: |\n      PasswordAuthentication yes\n", True),
    ],
)
def test_what_turns_password_login_on(text: str, on: bool) -> None:
    assert enables_password_login(text) is on


def test_base64_user_data_is_read() -> None:
    encoded = base64.b64encode(b"#cloud-config\nssh_pwauth: true\n").decode()
    assert password_login(encoded) is True
    assert password_login("#cloud-config\nssh_pwauth: false\n") is None
    assert password_login(None) is None


def test_machines_whose_user_data_turns_it_on_fail() -> None:
    result = audit([FIXTURES], Settings(rule_ids=("GDCC-CMP-007",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    allowed = (Status.FAIL, "password log-in is allowed")
    assert found == {
        "aws_instance.pwauth": allowed,
        "openstack_compute_instance_v2.sed": allowed,
        "Legacy": allowed,
        "jump": allowed,
        "aws_instance.reads_only": (
            Status.UNKNOWN, "whether password log-in is allowed is not known from the input"
        ),
    }
