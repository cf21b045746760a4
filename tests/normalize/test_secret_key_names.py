"""An Azure storage account's key and a service's master key are secrets by their names:
harbor's ``persistence.imageChartStorage.azure.accountkey``, a ``storageAccountKey`` and
MeiliSearch's / Parse's ``masterKey`` PASSed GDCC-SECRET-001 with a literal in them. Names
that only end near them (``masterKeyIps``, ``kms_master_key_id``,
``CustomerMasterKeySpec``) are not."""

from __future__ import annotations

from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.secrets.detect import detect_secrets


def test_account_and_master_keys() -> None:
    values = {
        "azure": {"accountname": "harbor", "accountkey": "base64encodedaccountkey"},
        "storageAccountKey": "c3RvcmFnZWtleQ==",
        "meilisearch": {"masterKey": "MASTER_KEY_123456"},
        "parse": {"masterKeyIps": "0.0.0.0/0"},
        "kms_master_key_id": "alias/aws/sns",
        "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
    }
    assert detect_secrets(values) == (
        "azure.accountkey", "meilisearch.masterKey", "storageAccountKey"
    )
    for name in ("account_key", "AccountKey", "master_key", "primary_master_key"):
        assert is_secret_name(name), name
