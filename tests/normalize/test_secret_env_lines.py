"""GDCC-SECRET-001 and environment variables set in text: a dotenv file in a ConfigMap
(``DB_PASS=Hunter22pw``, ``API_TOKEN=...``) or ``export GITHUB_TOKEN=...`` in user data
PASSed (the password pattern reads ``password`` / ``passwd`` / ``pwd`` only). A value taken
from elsewhere, an empty one and a name that only starts with a secret's word are not
secrets."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets.detect import detect_secrets


@pytest.mark.parametrize(
    "text",
    [
        "DB_PASS=Hunter22pw\nDB_HOST=db\n",
        "API_TOKEN=abcdef0123456789abcdef\n",
        "#!/bin/bash\nexport GITHUB_TOKEN=abcdef0123456789abcdef01234\n",
        "  export ADMIN_PASS='S3cretPw'\n",
        "APP_SECRET=\"s3cr3t-value\"\n",
    ],
)
def test_secret_env_lines(text: str) -> None:
    assert detect_secrets({"app.env": text}) == ("app.env",)


@pytest.mark.parametrize(
    "text",
    [
        "DB_PASS=$DB_PASS\n", "DB_PASS=${DB_PASS}\n", "DB_PASS=$(aws ssm get-parameter)\n",
        "DB_PASS=\n", 'DB_PASS=""\n', "DB_PASS=  # set me\n", "MY_SECRET=<changeme>\n",
        "TOKEN_TTL=300\n", "NODE_TOKEN_FILE=/var/lib/token\n", "db_pass=lower-case-name\n",
        "TOKEN=\\$(awk -F: x)\n", "TOKEN=`cat /etc/token`\n", "DB_PASS=/app/db/password\n",
    ],
)
def test_not_secret_env_lines(text: str) -> None:
    assert detect_secrets({"app.env": text}) == ()
