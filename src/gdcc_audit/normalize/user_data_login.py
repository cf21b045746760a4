"""What user data says of SSH password log-in (GDCC-CMP-007).

Whether a Linux machine accepts passwords over SSH is its image's ``sshd_config`` (cloud
images ship ``PasswordAuthentication no``), so it is not known from the input unless the
user data changes it. Two ways do, and both are read here as "password log-in allowed":

- cloud-init's ``ssh_pwauth: true`` ("Sets whether or not to accept password
  authentication. true will enable password auth", cloud-init ``set_passwords`` module);
- a line that writes ``PasswordAuthentication yes`` (an ``echo`` / ``printf`` into
  ``sshd_config``, a here-document or ``write_files`` content, the replacement of a ``sed``
  substitution; the text a ``sed`` looks for is not what it writes).

Only a positive statement is taken: user data that says nothing, or turns password log-in
off, leaves the image's setting, which is not known (never a PASS from user data).
"""

from __future__ import annotations

import re

from gdcc_audit.secrets.detect import TOO_BIG, decoded_user_data

_PWAUTH = re.compile(r"^\s*-?\s*ssh_pwauth\s*:\s*['\"]?(true|yes|on|1)['\"]?\s*(#.*)?$", re.I)
_SSHD = re.compile(r"\bPasswordAuthentication\s+yes\b", re.I)
_SED = re.compile(r"\bs([/|#,@:])(?:[^\\]|\\.)*?\1((?:[^\\]|\\.)*?)\1")
#: Commands that write text (a line naming the setting with none of these only reads it).
_WRITES = re.compile(r"\b(echo|printf|tee|cat)\b|>>?|\bsed\b")


def enables_password_login(text: str) -> bool:
    """Whether user data text turns SSH password log-in on (``ssh_pwauth: true``, or a line
    that writes ``PasswordAuthentication yes``)."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#") and not stripped.startswith("#!"):
            continue
        if _PWAUTH.match(line):
            return True
        if "passwordauthentication" not in line.lower():
            continue
        if _SED.search(line):
            written = " ".join(match.group(2) for match in _SED.finditer(line))
            if _SSHD.search(written):
                return True
            continue
        if _SSHD.search(line) and (stripped.lower().startswith("passwordauthentication")
                                   or _WRITES.search(line)):
            return True
    return False


def password_login(value: object) -> bool | None:
    """``True`` when user data written in the input (plain, or base64 / gzip as EC2 and Azure
    take it) turns password log-in on; ``None`` otherwise (the image decides)."""
    if not isinstance(value, str) or not value:
        return None
    decoded = decoded_user_data(value)
    text = value if decoded is None or decoded == TOO_BIG else decoded
    return True if enables_password_login(text) else None
