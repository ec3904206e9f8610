"""Content fingerprints and shingles."""

from __future__ import annotations

import subprocess
import sys

from factcheck.reading import fingerprint, shingles
from factcheck.reading.fingerprint import containment, resemblance

STORY = (
    "Three major shipping lines said they would divert vessels to smaller ports while "
    "the strike lasts, according to an industry group."
)


def test_fingerprint_ignores_spacing_case_and_punctuation():
    variant = "  three MAJOR shipping-lines said they would divert vessels to smaller ports,\n while the strike lasts according to an industry group!! "
    assert fingerprint(STORY) == fingerprint(variant)
    assert len(fingerprint(STORY)) == 32
    int(fingerprint(STORY), 16)


def test_fingerprint_ignores_accents_and_curly_quotes():
    assert fingerprint("Zelenskiy’s office said “no”.") == fingerprint(
        'zelenskiy\'s office said "no"'
    )
    assert fingerprint("Café in Zürich") == fingerprint("cafe in zurich")


def test_fingerprint_tells_different_texts_apart():
    assert fingerprint(STORY) != fingerprint(STORY.replace("Three", "Four"))


def test_fingerprint_stable_across_processes():
    code = "from factcheck.reading import fingerprint, shingles; print(fingerprint('A b'), sorted(shingles('a b c d e f'))[0])"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1
    value, first = runs.pop().split()
    assert value == fingerprint("A b")
    assert int(first) == sorted(shingles("a b c d e f"))[0]


def test_shingles_count_and_overlap():
    words = STORY.split()
    assert len(shingles(STORY)) == len(words) - 4
    assert shingles(STORY) == shingles(STORY.upper())
    edited = STORY.replace("smaller", "regional")
    assert 0.3 < resemblance(shingles(STORY), shingles(edited)) < 1.0
    assert (
        containment(shingles(STORY), shingles(STORY + " The union said talks resume Monday."))
        == 1.0
    )


def test_shingles_edge_cases():
    assert shingles("") == set()
    assert len(shingles("only three words")) == 1
    assert len(shingles("a b c d e f g", k=1)) == 7
    assert shingles("a b c d e f") != shingles("b a c d e f")
    assert all(0 <= h < 2**64 for h in shingles(STORY))
