"""Facts a careful reader lists from the real news seeds (skipped when the seeds are absent)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from factcheck.extraction import ExtractedAttribution, Hop, extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "annotated"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")


def _load(prefix: str) -> str:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} missing")
    return matches[0].read_text()


@pytest.fixture(scope="module")
def seed000() -> tuple[str, list[ExtractedAttribution]]:
    text = _load("000")
    return text, extract(text, published=datetime(2024, 11, 9, 10, 24), outlet="The Independent")


@pytest.fixture(scope="module")
def seed004() -> tuple[str, list[ExtractedAttribution]]:
    text = _load("004")
    return text, extract(text, published=datetime(2025, 7, 5), outlet="Perth Now")


def _containing(found, text: str, needle: str) -> list[ExtractedAttribution]:
    pos = text.index(needle)
    return [a for a in found if a.content.start <= pos < a.content.end and a.speaker is not None]


def test_troop_losses_attributed_to_armed_forces(seed000):
    text, found = seed000
    (a,) = _containing(found, text, "705,880 troops")
    assert a.speaker.text == "Ukraine’s Armed Forces"
    assert a.kind == "according_to"
    assert a.hedged
    assert a.chain[0] == Hop("Ukraine’s Armed Forces", "origin")


def test_odesa_chain_goes_through_kyiv_independent(seed000):
    text, found = seed000
    (a,) = _containing(found, text, "nine others")
    assert a.speaker.text == "Kyiv Independent"
    assert a.chain == [
        Hop("local officials", "origin"),
        Hop("Kyiv Independent", "relay"),
        Hop("The Independent", "publisher"),
    ]


def test_syniehubov_title_resolves(seed000):
    text, found = seed000
    (a,) = _containing(found, text, "no casualties")
    assert a.speaker.text == "Mr Syniehubov"
    assert a.speaker_name == "Oleh Syniehubov"
    assert a.speaker_descriptor == "regional governor"


def test_orpo_said_on_thursday(seed000):
    text, found = seed000
    (a,) = _containing(found, text, "European countries need")
    assert a.speaker_name == "Petteri Orpo"
    assert a.said_at == date(2024, 11, 7)
    quote = _containing(found, text, "Our message")
    assert [q.kind for q in quote] == ["direct_quote"]
    assert quote[0].speaker_name == "Petteri Orpo"


def test_dietz_continued_quote_is_direct_and_resolved(seed000):
    text, found = seed000
    (a,) = _containing(found, text, "internet access, that")
    assert a.speaker.text == "He"
    assert a.speaker_name == "Charlie Dietz"
    assert a.kind == "direct_quote"
    assert a.content.text.endswith("concerns”")


def test_zelensky_quote_runs_into_next_paragraph(seed000):
    text, found = seed000
    (a,) = _containing(found, text, "I congratulate")
    assert a.speaker_name == "Volodymyr Zelensky"
    assert a.content.end >= text.index("benefit from it")


def test_unsourced_casualty_sentence_is_unattributed(seed000):
    text, found = seed000
    pos = text.index("drone strikes killed")
    (a,) = [x for x in found if x.content.start <= pos < x.content.end]
    assert a.kind == "unattributed" and a.speaker is None
    assert a.chain == [Hop("The Independent", "publisher")]


def test_sources_told_reuters(seed004):
    text, found = seed004
    (a,) = _containing(found, text, "low stockpiles")
    assert a.speaker.text == "sources"
    assert a.kind == "anonymous"
    assert [h.source for h in a.chain] == ["sources", "Reuters", "Perth Now"]
    assert [h.role for h in a.chain] == ["origin", "relay", "publisher"]


def test_defence_ministry_drone_figure(seed004):
    text, found = seed004
    hits = _containing(found, text, "94 drones")
    assert hits and {a.speaker.text for a in hits} == {"The Defence Ministry"}


def test_ushakov_resolves_to_full_name(seed004):
    text, found = seed004
    (a,) = _containing(found, text, "face-to-face meeting")
    assert a.speaker.text == "Ushakov"
    assert a.speaker_name == "Yuri Ushakov"
    (b,) = _containing(found, text, "two leaders did not")
    assert b.speaker_name == "Yuri Ushakov" and b.kind == "according_to"


def test_reuters_reported_on_wednesday(seed004):
    text, found = seed004
    (a,) = _containing(found, text, "Patriot air defence")
    assert a.chain == [Hop("Reuters", "origin"), Hop("Perth Now", "publisher")]
    assert a.said_at == date(2025, 7, 2)


def test_annotated_seed_offsets_still_match():
    """seeds.json stores offsets only; they must still point into the same seed text."""
    data = json.loads((FIXTURES / "seeds.json").read_text())
    for entry in data["seeds"]:
        path = SEEDS / entry["file"]
        if not path.exists():
            continue
        text = path.read_text()
        for att in entry["attributions"]:
            for key in ("source", "cue", "content"):
                a, b = att[key]
                assert 0 <= a < b <= len(text)
                assert text[a:b].strip() == text[a:b]
