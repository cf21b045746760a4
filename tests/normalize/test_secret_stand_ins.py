"""Values that stand for a secret without being one, found by the sweep of TripleO's
environment files and service templates once secrets that reach no resource were reported
(openstack/tripleo-heat-templates): Puppet's ``nil`` / ``undef`` (``CollectdGnocchiKeystone
Password: {default: nil, hidden: true}``), a sentence telling what to write (``SSLKey: The
contents of the private key go here``), a key masked with ``x`` under an issued token's
name (``CinderPureAPIToken: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx``; ``APIToken`` written as
one word is an API token's name), and Horizon's password validator settings
(``HorizonPasswordValidator: '.*'``, ``HorizonPasswordValidatorHelp``). Each FAILed as a
secret; a real value under each name still does, and a password of ``x`` still FAILs (the
server takes it)."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets.detect import detect_secrets


@pytest.mark.parametrize(
    ("name", "value", "secret"),
    [
        ("CollectdGnocchiKeystonePassword", "nil", False),
        ("db_password", "undef", False),
        ("password", "The contents of the private key go here\n", False),
        ("password", "your password goes here", False),
        ("CinderPureAPIToken", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", False),
        ("HorizonPasswordValidator", ".*", False),
        ("HorizonPasswordValidatorHelp", "Your password does not meet the requirements.", False),
        ("CinderPureAPIToken", "a8f3c2d1-99b2-4c1e-8d77-0f6e5b4a3c21", True),
        ("CollectdAmqpPassword", "guest", True),
        ("password", "correct horse battery staple", True),
        ("password", "xxxxxxxx", True),
    ],
)
def test_stand_ins_are_no_secrets(name: str, value: str, secret: bool) -> None:
    assert bool(detect_secrets({name: value})) is secret
