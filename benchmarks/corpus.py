"""Generate a synthetic corpus of ~5 KB news articles with attributed statements.

Used by the throughput benchmarks; deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

FIRST = ["Anna", "Petro", "Olena", "Mark", "Ivan", "Sofia", "Daniel", "Irina", "Tomas", "Leila"]
LAST = ["Kovalenko", "Morozov", "Hansen", "Brennan", "Tkachenko", "Novak", "Okafor", "Lindqvist"]
ROLES = [
    "regional governor",
    "the city's mayor",
    "a defence ministry spokesperson",
    "foreign minister",
    "the head of the emergency service",
    "an army commander",
]
BODIES = [
    "Ukraine's General Staff",
    "Russia's Defence Ministry",
    "the State Emergency Service",
    "the Pentagon",
    "the European Commission",
    "the Kremlin",
]
PLACES = ["Kharkiv", "Odesa", "Sumy", "Kherson", "Belgorod", "Kursk", "Dnipro", "Zaporizhzhia"]
OUTLETS = ["Reuters", "the BBC", "Axios", "the Kyiv Independent", "AFP"]
THINGS = ["drones", "missiles", "tanks", "artillery systems", "shells"]

TEMPLATES = [
    "{body} said on {day} that {n} {thing} had been destroyed near {place}.",
    "At least {n} people were injured in {place}, {role} {name} said.",
    "\u201cWe will not allow this to continue,\u201d {name} told reporters in {place}.",
    "According to {body}, about {n} {thing} were launched overnight.",
    "Sources told {outlet} that the talks in {place} had stalled.",
    "{name}, the {role_bare}, warned that more attacks on {place} were likely.",
    "The attack reportedly damaged {n} buildings in {place}, {outlet} reported, citing local officials.",
    "{role} {name} added that rescue teams were still working at the site.",
    "Officials in {place} said the power supply had been restored to {n} homes.",
    "The {thing} were shot down over the {place} region, {body} said in a statement.",
    "Residents described a night of explosions and sirens across the city.",
    "The ministry did not say how the figures had been verified.",
]
# narrative sentences without attribution: real reports mix the two
NARRATIVE = [
    "The {place} region has been hit repeatedly since the spring offensive began.",
    "Queues formed outside the few pharmacies that were still open in {place}.",
    "Trains between {place} and the capital ran with long delays for most of the day.",
    "The bridge over the river had been repaired twice this year.",
    "Volunteers handed out water and blankets near the damaged school.",
    "Farmers in the surrounding villages have struggled to bring in the harvest.",
    "The talks are expected to resume after the summit in {place}.",
    "Power lines were cut in several districts, leaving homes without heating.",
    "Local schools switched to online lessons for the rest of the week.",
    "The front line has barely moved in the area over the past month.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentence(rng: random.Random) -> str:
    role = rng.choice(ROLES)
    # about one sentence in three carries an attribution, as in wire copy
    pool = TEMPLATES if rng.random() < 0.35 else NARRATIVE
    return rng.choice(pool).format(
        body=rng.choice(BODIES),
        day=rng.choice(DAYS),
        n=f"{rng.randint(2, 30000):,}",
        thing=rng.choice(THINGS),
        place=rng.choice(PLACES),
        role=role[0].upper() + role[1:],
        role_bare=role.replace("the ", "").replace("a ", "").replace("an ", ""),
        name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        outlet=rng.choice(OUTLETS),
    )


def article(rng: random.Random, index: int, size: int = 5000) -> dict[str, object]:
    """One article of about `size` characters, as a JSON-ready dict."""
    paragraphs: list[str] = []
    length = 0
    while length < size:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    published = datetime(2024, 11, 1, tzinfo=UTC) + timedelta(minutes=37 * index)
    return {
        "title": f"Strikes reported in {rng.choice(PLACES)} as talks stall ({index})",
        "outlet": rng.choice(
            ["The Northern Herald", "Coastal Courier", "Harbour Post", "Daily Ledger"]
        ),
        "published": published.isoformat(),
        "text": "\n\n".join(paragraphs),
    }


def write_corpus(folder: Path, count: int = 1000, *, seed: int = 7, size: int = 5000) -> list[Path]:
    """Write `count` plain-text articles (title, outlet line, date line, body) into `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        item = article(rng, i, size)
        path = folder / f"article-{i:05d}.json"
        path.write_text(json.dumps(item, ensure_ascii=False))
        paths.append(path)
    return paths
