"""A password written in a Puppet or Perl hash (``openshift_password1 => 'password'`` in the
Puppet manifest openshift-origin's Heat user data writes) PASSed GDCC-SECRET-001: only
``password:`` / ``password=`` were read, and only a key ending in the word itself."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets.detect import detect_secrets


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("openshift_password1 => 'Sup3rS3cret',", ("user_data",)),
        ("'password' => 'S3cr3tPw',", ("user_data",)),
        ("password1=Hunter22pw", ("user_data",)),
        # a variable, a reference, a setting: no literal
        ("openshift_password1 => $pw,", ()),
        ("openshift_password1 => '${unknown}',", ()),
        ("password => true,", ()),
        ("password_length => 16", ()),
        ("x => 1", ()),
    ],
)
def test_a_hash_arrow_sets_a_password(text: str, found: tuple[str, ...]) -> None:
    assert detect_secrets({"user_data": text}) == found
