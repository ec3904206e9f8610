"""Content fingerprints and word shingles for spotting copies of the same text."""

from __future__ import annotations

import hashlib
import re

from unidecode import unidecode

_WORD = re.compile(r"[^\W_]+")
_MASK64 = (1 << 64) - 1


def normal_words(text: str) -> list[str]:
    """Lower-cased, accent-folded words of `text`; punctuation and spacing dropped."""
    words = _WORD.findall(text.casefold())
    if text.isascii():
        return words
    # Transliterate only the words that need it: unidecode is slow on whole texts.
    return [w if w.isascii() else unidecode(w).lower() for w in words]


def normal_text(text: str) -> str:
    """`text` reduced to its normalised words joined by single spaces."""
    return " ".join(normal_words(text))


def fingerprint(text: str) -> str:
    """Stable hex fingerprint of `text`, blind to whitespace, case, accents and punctuation."""
    return hashlib.blake2b(normal_text(text).encode(), digest_size=16).hexdigest()


def _word_ids(words: list[str]) -> list[int]:
    # A keyed hash would not be stable across processes; blake2b of each distinct word is.
    cache: dict[str, int] = {}
    ids = []
    for word in words:
        value = cache.get(word)
        if value is None:
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            value = cache[word] = int.from_bytes(digest, "little")
        ids.append(value)
    return ids


def shingles(text: str, k: int = 5) -> set[int]:
    """Hashes (stable 64-bit ints) of every run of `k` normalised words in `text`.

    A text shorter than `k` words yields one hash for all its words; an empty text none.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    ids = _word_ids(normal_words(text))
    if not ids:
        return set()
    if len(ids) < k:
        k = len(ids)
    count = len(ids) - k + 1
    # Build the hashes column by column: one list comprehension per word position is
    # several times faster than a Python loop per shingle.
    acc = ids[:count]
    for offset in range(1, k):
        column = ids[offset : offset + count]
        acc = [((h << 1) & _MASK64) ^ x for h, x in zip(acc, column, strict=True)]
    return set(acc)


def resemblance(a: set[int], b: set[int]) -> float:
    """Jaccard similarity of two shingle sets (0.0 when both are empty)."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(a: set[int], b: set[int]) -> float:
    """Share of the smaller set's shingles that also occur in the larger one."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)
