"""Small text normalisations shared by several stages."""

from __future__ import annotations

import re

from unidecode import unidecode

_NON_WORD = re.compile(r"[^\w%]+")


def claim_key(text: str) -> str:
    """Case-, accent-, quote- and punctuation-insensitive key of a claim's text."""
    return " ".join(_NON_WORD.sub(" ", unidecode(text).casefold()).split())
