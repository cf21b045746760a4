"""The secret walk reads each key's name once (``detect._key``), not at every resource: a scan
of many resources with the same arguments (``tags``, ``root_block_device``...) asked
``is_ciphertext_name`` (a regular expression and three lower-casings) again for every block,
and lower-cased every name three times. The paths found are the same."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from gdcc_audit.secrets import detect
from gdcc_audit.secrets.detect import detect_secrets


def _instance(index: int) -> dict[str, Any]:
    return {
        "ami": "ami-0abcdef00000000",
        "instance_type": "t3.medium",
        "metadata_options": [{"http_tokens": "optional"}],
        "root_block_device": [{"encrypted": False, "volume_size": 40}],
        "tags": {"Name": f"app-{index}"},
        "connection": [{"type": "ssh", "password": f"Xk9#mQ2vLp{index}"}],
        "kms_encrypted_password": {"value": "AQICAHh"},
        "env": [{"name": "DB_PASSWORD", "value": f"S3cretPassw0rd{index}"}],
    }


def test_each_name_is_read_once_for_all_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: Counter[str] = Counter()
    real = detect.is_ciphertext_name

    def counted(name: str) -> bool:
        asked[name] += 1
        return real(name)

    monkeypatch.setattr(detect, "is_ciphertext_name", counted)
    memo = getattr(detect, "_key", None)
    if memo is not None:  # names read by earlier tests are remembered: read them again here
        memo.cache_clear()
    found = [detect_secrets(_instance(i)) for i in range(50)]
    names = {
        "ami", "instance_type", "metadata_options", "http_tokens", "root_block_device",
        "encrypted", "volume_size", "tags", "Name", "connection", "type", "password",
        "kms_encrypted_password", "value", "env", "name",
    }
    assert set(asked) == names
    assert max(asked.values()) == 1  # 50 for each block name before
    assert detect._key.cache_info().misses == len(names)
    # what is found is unchanged: the literal password, the pair's value; not the ciphertext
    assert found[0] == ("connection.0.password", "env.0.value")
    assert all(paths == found[0] for paths in found)
