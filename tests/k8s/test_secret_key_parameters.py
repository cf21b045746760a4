"""GDCC-SECRET-001 on a Kubernetes Secret that holds a key and settings describing it: a
Longhorn volume-encryption Secret writes ``CRYPTO_KEY_VALUE`` (the passphrase) beside
``CRYPTO_KEY_CIPHER: aes-xts-plain64``, ``CRYPTO_KEY_HASH: sha256``, ``CRYPTO_KEY_SIZE: 256``
and ``CRYPTO_KEY_PROVIDER: secret``. Every one was reported as a secret written in plain text;
only the key is. A Secret holding only such settings PASSes; a value that is no algorithm's,
size's or provider's name under such a name is still a secret."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

SECRET = """\
apiVersion: v1
kind: Secret
metadata: {name: volume-crypto, namespace: storage}
stringData:
VALUES"""


def _finding(tmp_path: Path, values: dict[str, str]) -> tuple[Status, str]:
    lines = "".join(f"  {key}: {value!r}\n" for key, value in values.items())
    (tmp_path / "secret.yaml").write_text(SECRET.replace("VALUES", lines), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    [finding] = result.findings
    return finding.status, finding.message.en


def test_settings_describing_the_key_are_no_secrets(tmp_path: Path) -> None:
    assert _finding(tmp_path, {
        "CRYPTO_KEY_VALUE": "a long passphrase nobody guesses",
        "CRYPTO_KEY_PROVIDER": "secret",
        "CRYPTO_KEY_CIPHER": "aes-xts-plain64",
        "CRYPTO_KEY_HASH": "sha256",
        "CRYPTO_KEY_SIZE": "256",
    }) == (
        Status.FAIL, "a secret is written in plain text at 'stringData.CRYPTO_KEY_VALUE'"
    )


def test_a_secret_of_settings_only_passes(tmp_path: Path) -> None:
    status, _ = _finding(tmp_path, {"jwtKeyAlgorithm": "RS256", "signing-key-size": "2048"})
    assert status is Status.PASS


def test_a_key_under_a_parameter_name_is_still_a_secret(tmp_path: Path) -> None:
    # (a guard: the same before) not an algorithm's name
    assert _finding(tmp_path, {"CRYPTO_KEY_TYPE": "9f8e7d6c5b4a3f2e1d0c9b8a"}) == (
        Status.FAIL, "a secret is written in plain text at 'stringData.CRYPTO_KEY_TYPE'"
    )
