"""`factcheck export claimreview`: schema.org ClaimReview JSON-LD for reviewed claims."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import Session
from test_report_ledger import Ledger, build_ledger

from factcheck import db as dbmod
from factcheck.export.claimreview import claim_reviews

# Google's ClaimReview structured-data guide and schema.org/ClaimReview
REQUIRED = {"@context", "@type", "claimReviewed", "reviewRating", "url"}
RECOMMENDED = {"author", "datePublished", "itemReviewed"}
RATING_REQUIRED = {"@type", "alternateName"}
RATING_NUMERIC = {
    "ratingValue",
    "bestRating",
    "worstRating",
}  # recommended; only for truth verdicts
CLAIM_RECOMMENDED = {"@type", "author", "datePublished", "appearance", "firstAppearance"}
AUTHOR_TYPES = {"Person", "Organization"}
BASE = "https://factcheck.example/claims/"


def validate(review: dict) -> None:
    """Every required and recommended field present and well-formed (no None, ISO dates)."""
    missing = (REQUIRED | RECOMMENDED) - review.keys()
    assert not missing, missing
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    assert review["url"].startswith("https://")
    datetime.fromisoformat(review["datePublished"])
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    rating = review["reviewRating"]
    assert rating.keys() >= RATING_REQUIRED and rating["@type"] == "Rating"
    if rating["alternateName"] in ("True", "Verified", "False", "Misleading"):
        assert rating.keys() >= RATING_NUMERIC
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    item = review["itemReviewed"]
    assert item.keys() >= CLAIM_RECOMMENDED, CLAIM_RECOMMENDED - item.keys()
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] in AUTHOR_TYPES and item["author"]["name"]
    datetime.fromisoformat(item["datePublished"])
    for work in [*item["appearance"], item["firstAppearance"]]:
        assert work["@type"] == "CreativeWork"
        assert work["url"].startswith(("https://", "http://"))
    assert item["firstAppearance"] == item["appearance"][0]

    def no_nulls(value: object) -> None:
        assert value is not None
        if isinstance(value, dict):
            for v in value.values():
                no_nulls(v)
        elif isinstance(value, list):
            for v in value:
                no_nulls(v)

    no_nulls(review)


@pytest.fixture
def cli_ledger(migrated_url: str) -> Ledger:
    engine = dbmod.make_engine(migrated_url)
    with Session(engine) as session:
        led = build_ledger(session)
    engine.dispose()
    return led


def test_reviews_of_verdicts_only(session: Session) -> None:
    ledger = build_ledger(session)
    reviews = claim_reviews(session=session, org="Odesa Desk", base_url=BASE)
    by_url = {r["url"]: r for r in reviews}
    verdicts = {"toll": "Verified", "one_dead": "False", "drones": "Unverifiable"}
    assert set(by_url) == {
        f"{BASE}{ledger.claims[k]}" for k in verdicts
    }  # in_progress is not exported
    for key, words in verdicts.items():
        review = by_url[f"{BASE}{ledger.claims[key]}"]
        validate(review)
        assert review["reviewRating"]["alternateName"] == words
        assert review["author"] == {
            "@type": "Organization",
            "name": "Odesa Desk",
            "url": "https://factcheck.example/",
        }
    toll = by_url[f"{BASE}{ledger.claims['toll']}"]
    assert toll["reviewRating"]["ratingValue"] == toll["reviewRating"]["bestRating"]
    assert (
        toll["datePublished"] == "2024-11-09T13:00:00+00:00"
    )  # the verdict event, not the first action
    assert toll["reviewBody"].startswith("Two deaths confirmed")
    assert toll["itemReviewed"]["author"] == {"@type": "Person", "name": "Petro Marchenko"}
    assert toll["itemReviewed"]["datePublished"] == "2024-11-08"  # when it was said
    false = by_url[f"{BASE}{ledger.claims['one_dead']}"]
    assert false["reviewRating"]["ratingValue"] == false["reviewRating"]["worstRating"]
    item = false["itemReviewed"]
    assert [w["url"] for w in item["appearance"]] == [
        "https://kyivindependent.example/odesa-one-dead",
        "https://independent.example/world/odesa",
    ]
    assert item["firstAppearance"]["publisher"] == {
        "@type": "Organization",
        "name": "Kyiv Independent",
    }
    unverifiable = by_url[f"{BASE}{ledger.claims['drones']}"]["reviewRating"]
    assert "ratingValue" not in unverifiable  # says nothing about truth


def test_unattributed_claim_is_authored_by_the_outlet(session: Session) -> None:
    from factcheck.models import Review

    ledger = build_ledger(session)
    session.add(Review(claim_id=ledger.claims["blasts"], status="not_applicable", version=1))
    session.commit()
    reviews = {r["claimReviewed"]: r for r in claim_reviews(session=session, base_url=BASE)}
    item = reviews["Explosions were reportedly heard near the airport"]["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Coastal Courier"}


def test_only_http_links_appear(session: Session) -> None:
    build_ledger(session, hostile={"url": "javascript:alert(1)"})
    reviews = claim_reviews(session=session, base_url=BASE)
    dumped = json.dumps(reviews)
    assert "javascript:" not in dumped


def test_cli_org_from_option_env_and_default(
    cli_ledger: Ledger, run, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "reviews.jsonld"
    r = run(
        "export", "claimreview", "-o", str(target), "--org", "Black Sea Checks", "--base-url", BASE
    )
    assert r.exit_code == 0, r.output
    assert "Wrote 3 ClaimReviews" in r.output
    reviews = json.loads(target.read_text(encoding="utf-8"))
    assert {r["author"]["name"] for r in reviews} == {"Black Sea Checks"}
    for review in reviews:
        validate(review)

    monkeypatch.setenv("FACTCHECK_ORG", "Env Checks")
    r = run("export", "claimreview", "--base-url", BASE)
    assert r.exit_code == 0, r.output
    assert {x["author"]["name"] for x in json.loads(r.output)} == {"Env Checks"}

    monkeypatch.delenv("FACTCHECK_ORG")
    r = run("export", "claimreview", "--base-url", BASE)
    assert {x["author"]["name"] for x in json.loads(r.output)} == {"factcheck"}

    r = run("export", "claimreview", "--base-url", "ftp://nope.example/")
    assert r.exit_code == 2, r.output
    assert "--base-url" in r.output
