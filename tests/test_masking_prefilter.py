"""Masking checks each pattern's required substrings before running it: the result must be
exactly that of running every pattern on every text."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from gdcc_audit.models import masking
from gdcc_audit.models.masking import MASK, redact_text


def _reference(text: str) -> str:
    """Every pattern on every text (masking before the substring checks)."""
    text = masking._SECRET_VALUE.sub(MASK, text)
    text = masking._ASSIGNED_SECRET.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    return masking._RANDOM_TOKEN.sub(masking._mask_token, text)


_PIECES = [
    "pass", "PASSWORD", "passwd", "Passphrase", "pwd", "secret", "Token", "api_key", "apikey",
    "private-key", "access_key", "KEY", "db_", "x-", ":", "=", " ", "  ", "\n", "\t", "'", '"',
    ",", ";", ".", "@", "/", "+", "_", "-", "***", "a", "Z", "9", "ก", "ไม่", "ค่า",
    "\u0130", "\u0131", "\u017f", "\u212a", "pa\u017f\u017f", "\u212aey", "AKIA", "ASIA",
    "AKIAABCDEFGHIJKLMNOP", "ghp_", "gho_", "gh", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "xox", "xoxb-1234567890-abc", "eyJ", "eyJhbGciOiJI.eyJzdWIiOiIx.SflKxwRJSMeKKF2",
    "://", "https://user:hunter2@example.com", "-----BEGIN ", "RSA ", "PRIVATE KEY-----",
    "-----END ", "AbC123dEf456GhI789jKl012", "QWERTYuiop1234567890asdfGH==",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_prefiltered_masking_equals_every_pattern_on_every_text(text: str) -> None:
    assert masking._redact(text) == _reference(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=80))
def test_prefiltered_masking_equals_on_any_text(text: str) -> None:
    assert masking._redact(text) == _reference(text)


def test_lookalike_letters_still_mask_an_assigned_secret() -> None:
    # A case-insensitive pattern takes the long s and the Kelvin sign for s and k.
    assert redact_text("pa\u017f\u017fword: hunter22") == f"pa\u017f\u017fword: {MASK}"
    assert redact_text("api_\u212aey=abcdef") == f"api_\u212aey={MASK}"
    assert redact_text("ค่า password=hunter22 ไม่") == f"ค่า password={MASK} ไม่"


def test_every_non_ascii_lookalike_of_an_ascii_letter_is_listed() -> None:
    import re

    letters = "abcdefghijklmnopqrstuvwxyz"
    pattern = re.compile(f"(?i)[{letters}]")
    found = {
        chr(cp) for cp in range(128, sys.maxunicode + 1) if pattern.fullmatch(chr(cp))
    }
    assert found == {"\u0130", "\u0131", "\u017f", "\u212a"}
    assert all(masking._ASCII_LOOKALIKES.fullmatch(ch) for ch in found)
