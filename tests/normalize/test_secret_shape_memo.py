"""``secrets._has_secret_shape`` keeps the answer for texts up to ``_REMEMBERED_TEXT`` long (a
template read again with other parameter values searches the same user data again): the
same answers as the search itself, and longer texts are searched each time, not kept."""

from __future__ import annotations

import pytest

from gdcc_audit.secrets import detect as secrets

TEXTS = [
    "mysql -u root -pS3cretPassw0rd -h db",
    "echo hello",
    "Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345",
    "t3.medium",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_remembered_answer_is_the_search_s(text: str) -> None:
    expected = secrets._secret_shape(text)
    assert secrets._has_secret_shape(text) is expected
    assert secrets._has_secret_shape(text) is expected  # again, from the memo


def test_a_long_text_is_searched_and_not_kept() -> None:
    secrets._remembered_shape.cache_clear()
    long = "#!/bin/bash\n" + "echo x\n" * 1000 + "mysql -u root -pS3cretPassw0rd -h db\n"
    assert len(long) > secrets._REMEMBERED_TEXT
    assert secrets._has_secret_shape(long) is True
    assert secrets._has_secret_shape(long[:-40]) is False
    assert secrets._remembered_shape.cache_info().currsize == 0
    assert secrets._has_secret_shape("mysql -u root -pS3cretPassw0rd -h db") is True
    assert secrets._remembered_shape.cache_info().currsize == 1
