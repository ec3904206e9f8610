"""Generate a synthetic corpus of ~5 KB news articles with attributed statements.

Used by the throughput benchmarks; deterministic for a given seed. Two shapes:

- ``events`` (the default): a month of war news. Each day brings a dozen
  events (drones downed, people injured, homes damaged… in one of forty
  places); each article reports two or three recent events through their
  official origins, sometimes relayed by a wire ("X reported, citing Y"),
  with "at least"/"about" variants and later updates of a toll, adds quotes
  from named people, anonymous sourcing, hedges and unattributed narrative,
  and about one article in seven is an earlier article re-published under
  another outlet's name. Sentences come from many templates, so claims
  repeat the way news repeats (same event, several reports), not because
  the generator has few sentences.
- ``templated``: twelve attributed sentence templates and ten narrative ones
  with random figures over eight places, mixed at random. Every article then
  "reports" on the same few places at once with unrelated figures, which
  makes figure blocks and fuzzy blocks far denser than news is: a stress
  test for cross-referencing, not a realistic load.

Both write JSON files (title, outlet, published, text) of about ``size``
characters with about twenty attributions each.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

FIRST = [
    "Anna", "Petro", "Olena", "Mark", "Ivan", "Sofia", "Daniel", "Irina", "Tomas", "Leila",
    "Oksana", "Yuri", "Maria", "Andriy", "Natalia", "James", "Claire", "Dmitry", "Hanna", "Viktor",
]  # fmt: skip
LAST = [
    "Kovalenko", "Morozov", "Hansen", "Brennan", "Tkachenko", "Novak", "Okafor", "Lindqvist",
    "Shevchuk", "Bondarenko", "Volkov", "Marchetti", "Kravets", "Dubois", "Melnyk", "Sokolov",
    "Haddad", "Rudenko", "Whitfield", "Petrenko",
]  # fmt: skip
ROLES = [
    "regional governor",
    "city mayor",
    "defence ministry spokesperson",
    "foreign minister",
    "emergency service chief",
    "army commander",
    "council member",
    "hospital director",
]
BODIES = {
    "UA": ["Ukraine's General Staff", "Ukraine's air force", "the State Emergency Service"],
    "RU": ["Russia's Defence Ministry", "the Kremlin", "Russia's Emergencies Ministry"],
}
OTHER_BODIES = ["the Pentagon", "the European Commission", "the United Nations", "NATO"]
PLACES = {
    "UA": [
        "Kharkiv", "Odesa", "Sumy", "Kherson", "Dnipro", "Zaporizhzhia", "Mykolaiv", "Poltava",
        "Chernihiv", "Kryvyi Rih", "Kramatorsk", "Sloviansk", "Pavlohrad", "Izium", "Kupiansk",
        "Nikopol", "Vinnytsia", "Lviv", "Rivne", "Lutsk", "Zhytomyr", "Cherkasy",
    ],
    "RU": [
        "Belgorod", "Kursk", "Bryansk", "Voronezh", "Rostov", "Krasnodar", "Lipetsk",
        "Oryol", "Tula", "Kaluga", "Smolensk", "Tambov", "Novorossiysk", "Taganrog",
    ],
}  # fmt: skip
OUTLETS = ["Reuters", "the BBC", "Axios", "the Kyiv Independent", "AFP", "the Associated Press"]
PUBLISHERS = [
    "The Northern Herald", "Coastal Courier", "Harbour Post", "Daily Ledger", "Evening Standard-Times",
    "Valley Gazette", "The Metro Observer", "Riverside Chronicle",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Event:
    """Something that happened in one place on one day, with its true count."""

    place: str
    side: str  # side of the place, whose officials report it
    day: int
    what: str  # "drones" | "injured" | "killed" | "homes" | "missiles"
    count: int
    later: int  # a later, higher toll the same origin may report


# Event sentences: {origin} is an official body or person of the place's side.
EVENT_TEMPLATES = {
    "drones": [
        "{origin} said {n} drones had been shot down over the {place} region overnight.",
        "Air defences destroyed {q} {n} drones near {place}, {origin} said on {weekday}.",
        "According to {origin}, {n} attack drones were intercepted over {place}.",
        "{origin} reported that {q} {n} drones were downed in the {place} area.",
    ],
    "missiles": [
        "{origin} said {n} missiles were launched at {place} in the early hours.",
        "{q} {n} missiles struck targets around {place}, {origin} said.",
        "According to {origin}, {n} cruise missiles were fired towards {place}.",
    ],
    "injured": [
        "{q} {n} people were injured in the strike on {place}, {origin} said.",
        "{origin} said {n} people had been wounded in {place}.",
        "The attack on {place} injured {q} {n} people, according to {origin}.",
        "{origin} told reporters that {n} residents of {place} were hurt.",
    ],
    "killed": [
        "{q} {n} people were killed in {place}, {origin} said on {weekday}.",
        "{origin} said the death toll in {place} had risen to {n}.",
        "According to {origin}, {n} civilians died in the attack on {place}.",
    ],
    "homes": [
        "{origin} said {n} homes were damaged in {place}.",
        "{q} {n} houses in {place} were damaged, {origin} wrote on Telegram.",
        "According to {origin}, the blast damaged {n} apartment buildings in {place}.",
    ],
}
RELAYED = [
    "{n} {noun} in {place}, {outlet} reported, citing {origin}.",
    "{outlet} reported, citing {origin}, that {n} {noun} in {place}.",
]
RELAY_NOUNS = {
    "drones": "drones were downed",
    "missiles": "missiles were fired",
    "injured": "people were injured",
    "killed": "people were killed",
    "homes": "homes were damaged",
}
QUOTES = [
    "\u201cWe will not allow this to continue,\u201d {name} told reporters in {place}.",
    "\u201cThe situation is difficult but under control,\u201d {role_lower} {name} said.",
    "\u201cEvery family here has lost something,\u201d said {name}, a {role_lower} in {place}.",
    "{name}, the {role_lower}, warned that more attacks on {place} were likely.",
    "{role} {name} added that rescue teams were still working at the site.",
    "{name} said repairs to the power grid in {place} would take weeks.",
    "Speaking in {place}, {name} called for more air defence systems.",
    "{name}, the {role_lower} of {place}, said schools in {place} would stay closed until {weekday}.",
    "\u201cWe need help now, not next month,\u201d {name} said in a video address.",
    "{role} {name} denied that military equipment had been stored in {place}.",
]
SOURCING = [
    "Sources told {outlet} that the talks in {other} had stalled.",
    "Two officials familiar with the matter said the convoy had reached {place}.",
    "The strike reportedly hit an energy facility near {place}.",
    "Officials in {place} said the power supply had been restored to most homes.",
    "Experts said the attacks on {place} were meant to exhaust air defences.",
    "{body} said in a statement that it was monitoring the situation in {place}.",
    "A spokesperson for {body} declined to comment on the reports from {place}.",
    "Residents of {place} told {outlet} they had heard several loud explosions.",
    "The claims could not be independently verified, {outlet} said.",
    "{body} has accused the other side of targeting civilian infrastructure.",
]
NARRATIVE = [
    "The {place} region has been hit repeatedly since the spring offensive began.",
    "Queues formed outside the few pharmacies that were still open in {place}.",
    "Trains between {place} and the capital ran with long delays for most of the day.",
    "Volunteers handed out water and blankets near the damaged school in {place}.",
    "Farmers around {place} have struggled to bring in the harvest this year.",
    "Power lines were cut in several districts of {place}, leaving homes without heating.",
    "Local schools in {place} switched to online lessons for the rest of the week.",
    "The front line near {place} has barely moved over the past month.",
    "Emergency crews in {place} worked through the night to clear the rubble.",
    "Air raid sirens sounded across {place} shortly after midnight.",
    "Shops in the centre of {place} reopened by the afternoon.",
    "The bridge on the main road out of {place} was closed for inspection.",
    "Many residents of {place} spent the night in metro stations and basements.",
    "Water supplies in parts of {place} were interrupted until the evening.",
    "A curfew remains in force in {place} from midnight until five in the morning.",
    "Talks on a ceasefire are expected to resume after the summit in {other}.",
    "Fuel prices in {place} have doubled since the start of the year.",
    "Aid convoys reached the outskirts of {place} on {weekday} morning.",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _role(rng: random.Random) -> tuple[str, str]:
    """A title as it opens a sentence ("Regional governor") and inside one."""
    role = rng.choice(ROLES)
    return role[0].upper() + role[1:], role


def _origin(rng: random.Random, side: str, place: str) -> str:
    """Who reports an event: an official body, or a named local official."""
    if rng.random() < 0.6:
        return rng.choice(BODIES[side])
    title = rng.choice(["Regional governor", f"{place} mayor", f"{place} police chief"])
    return f"{title} {_name(rng)}"


def _event_sentence(rng: random.Random, event: Event, weekday: str) -> str:
    n = event.later if rng.random() < 0.3 else event.count
    qualifier = rng.choice(["at least", "about", "some", "more than", "around"])
    if rng.random() < 0.2:
        sentence = rng.choice(RELAYED).format(
            n=f"{n:,}",
            noun=RELAY_NOUNS[event.what],
            place=event.place,
            outlet=rng.choice(OUTLETS),
            origin=rng.choice(BODIES[event.side]),
        )
        return sentence[0].upper() + sentence[1:]
    sentence = rng.choice(EVENT_TEMPLATES[event.what]).format(
        origin=_origin(rng, event.side, event.place),
        n=f"{n:,}",
        q=qualifier,
        place=event.place,
        weekday=weekday,
    )
    return sentence[0].upper() + sentence[1:]


def _other_sentence(rng: random.Random, place: str, weekday: str) -> str:
    role, lower = _role(rng)
    pool = rng.choices([QUOTES, SOURCING, NARRATIVE], weights=[1, 2, 8])[0]
    side = "UA" if place in PLACES["UA"] else "RU"
    sentence = rng.choice(pool).format(
        name=_name(rng),
        role=role,
        role_lower=lower,
        place=place,
        other=rng.choice(PLACES["UA"] + PLACES["RU"]),
        outlet=rng.choice(OUTLETS),
        body=rng.choice(BODIES[side] + OTHER_BODIES),
        weekday=rng.choice(DAYS),
    )
    return sentence[0].upper() + sentence[1:]


def _events_for_day(rng: random.Random, day: int) -> list[Event]:
    events = []
    for _ in range(12):
        side = "UA" if rng.random() < 0.7 else "RU"
        what = rng.choice(list(EVENT_TEMPLATES))
        base = {"drones": 60, "missiles": 20, "injured": 25, "killed": 8, "homes": 80}[what]
        count = max(2, int(rng.expovariate(1 / base)))
        events.append(
            Event(rng.choice(PLACES[side]), side, day, what, count, count + rng.randint(1, 9))
        )
    return events


def events_corpus(count: int, *, seed: int = 7, size: int = 5000) -> list[dict[str, object]]:
    rng = random.Random(seed)
    start = datetime(2024, 11, 1, tzinfo=UTC)
    by_day: dict[int, list[Event]] = {}
    items: list[dict[str, object]] = []
    for index in range(count):
        published = start + timedelta(minutes=37 * index)
        if items and rng.random() < 0.15:
            # a wire story re-published by another outlet, with its own headline
            earlier = dict(rng.choice(items[-40:]))
            earlier["outlet"] = rng.choice(PUBLISHERS)
            earlier["title"] = f"{earlier['title']} \u2014 {earlier['outlet']}"
            earlier["published"] = published.isoformat()
            items.append(earlier)
            continue
        day = (published - start).days
        for d in (day - 1, day):
            if d >= 0 and d not in by_day:
                by_day[d] = _events_for_day(rng, d)
        recent = by_day[day] + by_day.get(day - 1, [])
        covered = rng.sample(recent, rng.randint(2, 3))
        weekday = DAYS[published.weekday()]
        paragraphs: list[str] = []
        length = 0
        while length < size:
            sentences = []
            for _ in range(rng.randint(2, 4)):
                event = rng.choice(covered)
                if rng.random() < 0.15:
                    sentences.append(_event_sentence(rng, event, weekday))
                else:
                    sentences.append(_other_sentence(rng, event.place, weekday))
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            length += len(paragraph) + 2
        main = covered[0]
        items.append(
            {
                "title": f"Overnight attack on {main.place} leaves homes damaged ({index})",
                "outlet": rng.choice(PUBLISHERS),
                "published": published.isoformat(),
                "text": "\n\n".join(paragraphs),
            }
        )
    return items


# --- the templated stress corpus ---------------------------------------------------

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
TEMPLATED_NARRATIVE = [
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
TEMPLATED_PLACES = [
    "Kharkiv",
    "Odesa",
    "Sumy",
    "Kherson",
    "Belgorod",
    "Kursk",
    "Dnipro",
    "Zaporizhzhia",
]
THINGS = ["drones", "missiles", "tanks", "artillery systems", "shells"]
TEMPLATED_ROLES = [
    "regional governor",
    "the city's mayor",
    "a defence ministry spokesperson",
    "foreign minister",
    "the head of the emergency service",
    "an army commander",
]
TEMPLATED_BODIES = [
    "Ukraine's General Staff",
    "Russia's Defence Ministry",
    "the State Emergency Service",
    "the Pentagon",
    "the European Commission",
    "the Kremlin",
]


def _templated_sentence(rng: random.Random) -> str:
    role = rng.choice(TEMPLATED_ROLES)
    # about one sentence in three carries an attribution, as in wire copy
    pool = TEMPLATES if rng.random() < 0.35 else TEMPLATED_NARRATIVE
    return rng.choice(pool).format(
        body=rng.choice(TEMPLATED_BODIES),
        day=rng.choice(DAYS),
        n=f"{rng.randint(2, 30000):,}",
        thing=rng.choice(THINGS),
        place=rng.choice(TEMPLATED_PLACES),
        role=role[0].upper() + role[1:],
        role_bare=role.replace("the ", "").replace("a ", "").replace("an ", ""),
        name=f"{rng.choice(FIRST[:10])} {rng.choice(LAST[:8])}",
        outlet=rng.choice(OUTLETS[:5]),
    )


def templated_corpus(count: int, *, seed: int = 7, size: int = 5000) -> list[dict[str, object]]:
    rng = random.Random(seed)
    items = []
    for index in range(count):
        paragraphs: list[str] = []
        length = 0
        while length < size:
            paragraph = " ".join(_templated_sentence(rng) for _ in range(rng.randint(2, 4)))
            paragraphs.append(paragraph)
            length += len(paragraph) + 2
        published = datetime(2024, 11, 1, tzinfo=UTC) + timedelta(minutes=37 * index)
        items.append(
            {
                "title": f"Strikes reported in {rng.choice(TEMPLATED_PLACES)} as talks stall ({index})",
                "outlet": rng.choice(PUBLISHERS[:4]),
                "published": published.isoformat(),
                "text": "\n\n".join(paragraphs),
            }
        )
    return items


SHAPES = {"events": events_corpus, "templated": templated_corpus}


def write_corpus(
    folder: Path, count: int = 1000, *, seed: int = 7, size: int = 5000, shape: str = "events"
) -> list[Path]:
    """Write `count` JSON articles (title, outlet, published, text) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, item in enumerate(SHAPES[shape](count, seed=seed, size=size)):
        path = folder / f"article-{i:05d}.json"
        path.write_text(json.dumps(item, ensure_ascii=False))
        paths.append(path)
    return paths
