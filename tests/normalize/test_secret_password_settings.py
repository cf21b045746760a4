"""Settings about passwords that hold none (GoogleCloudPlatform/kubernetes-engine-samples
FAILed GDCC-SECRET-001 on each): PostgreSQL's ``password_encryption`` (the algorithm a
password is stored with: ``scram-sha-256``, ``md5``), as the Zalando and CloudNativePG
operators' ``postgresql.parameters`` write it, and the ``passwd:`` line of an
``nsswitch.conf`` mounted from a ConfigMap (``passwd: compat``: where the password database
is read from). Passwords beside them still FAIL."""

from __future__ import annotations

from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.secrets.detect import detect_secrets

_NSSWITCH = (
    "# /etc/nsswitch.conf\n"
    "passwd:         compat\n"
    "group:          compat\n"
    "shadow:         compat\n"
    "hosts:          files dns mdns4_minimal [NOTFOUND=return]\n"
)


def test_password_storage_settings_are_no_secrets() -> None:
    assert detect_secrets({
        "spec": {"postgresql": {"parameters": {
            "password_encryption": "scram-sha-256", "max_connections": "100",
        }}},
        "data": {
            "nsswitch.conf": _NSSWITCH,
            "other.conf": "passwd: files systemd\n",
            "ldap.conf": "passwd: files [NOTFOUND=return] ldap\n",
        },
    }) == ()
    assert not is_secret_name("password_encryption")
    assert not is_secret_name("passwordEncryption")


def test_passwords_beside_them_still_fail() -> None:
    assert detect_secrets({
        "parameters": {"password_encryption": "md5", "password": "Sup3rS3cret!"},
        "a": "passwd: Hunter22x\n",
        "b": "passwd: files Hunter22x\n",
        "c": _NSSWITCH + "export DB_PASSWORD=Filter2024x\n",
        "d": "db_passwd: compat9x\n",
    }) == ("a", "b", "c", "d", "parameters.password")
