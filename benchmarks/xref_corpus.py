"""Synthetic corpus with known ground truth, for cross-referencing quality and speed.

    .venv/bin/python benchmarks/xref_corpus.py --docs 1000 10000 100000

For each size: writes a fresh SQLite database (bulk inserts, shaped as the
store writes rows: one claim per attribution, figures per attribution, chains
origin → relay → publisher), then

1. runs ``factcheck --db … xref --json`` in a subprocess: wall time and peak
   memory (ru_maxrss of the child);
2. scores copy detection (pairs of documents in the same copy cluster) and
   ``corroborates`` / ``contradicts`` links against the ground truth;
3. adds one more document and times ``xref_documents`` on it in a fresh
   process (the call, and the whole process);
4. times ``factcheck --db … trace ID --json`` as a subprocess, start-up included.

The corpus: events (a count of killed, injured or destroyed drones in one
place on one day) reported by an official origin, often through a wire story
re-published by several outlets (copies, small edits, own header and footer);
independent origins that agree (exactly, "at least", "about"), sometimes an
independent origin with a conflicting count, denials by the other side,
counts per place that sum to a combined count, and a daily running tally from
one origin (updates, never contradictions). Filler paragraphs make documents
about 1.1 KB. Density is constant across sizes (about 275 documents a day),
so quality should not depend on size and cost should grow linearly.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select  # noqa: E402

from factcheck import db as dbmod  # noqa: E402
from factcheck.models import (  # noqa: E402
    Attribution,
    ChainHop,
    Claim,
    ClaimLink,
    Dispute,
    DisputeParty,
    Document,
    DocumentLink,
    Figure,
    Source,
    SourceAlias,
)
from factcheck.reading import fingerprint  # noqa: E402
from factcheck.sources.names import name_key  # noqa: E402
from factcheck.text import claim_key  # noqa: E402

DOCS_PER_DAY = 275
START = date(2024, 1, 1)
FACTCHECK = [str(ROOT / ".venv" / "bin" / "factcheck")]


def _split(text: str) -> list[str]:
    return text.split()


SYLLABLES = _split(
    "za ri vka bi lo ho ro dy ne ve ly ka so kil pe tro mo hy la ch ev ta ra sh ov no va "
    "me lit po le sk ya du bro vy ts ky ze len hr ad ok tyr ma ly n bor vol hin ust yn"
)
WORDS = _split(
    "council harbour winter budget library festival orchard bridge tram museum cyclist bakery "
    "meadow lantern quarry violin glacier harvest pottery regatta chimney workshop vineyard "
    "tunnel ferry garden theatre market canal lighthouse archive stadium forest village "
    "painter teacher farmer engineer baker sailor miner weaver poet nurse clerk driver river "
    "school clinic railway station factory square church tower valley hill road street"
)
FUNCTION_WORDS = _split(
    "the a of to in and for on with at by from that as was were is are has had it its"
)
VERBS = _split(
    "visited repaired opened painted reviewed closed praised measured planned cleaned rebuilt inspected"
)


def place_names(rng: random.Random, n: int) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        names.add(word.capitalize() + rng.choice(["", "ka", "ivka", "ove", "ne", "sk"]))
    return sorted(names)


# --- ground truth ---------------------------------------------------------------------


@dataclass
class Statement:
    """One attribution as generated, with what it truly says."""

    att_id: int
    doc_id: int
    event: int | None  # event or tally series the figure belongs to
    label: str | None
    low: float | None
    high: float | None
    origin: str  # ground-truth origin group
    denial_of: int | None = None  # event whose strike it denies
    strike: int | None = None  # event whose strike it asserts
    day: int = 0
    series_pos: int | None = None


@dataclass
class Truth:
    copy_groups: list[list[int]] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sums: list[tuple[list[int], int]] = field(default_factory=list)  # (part att ids, whole att id)


# --- generator ------------------------------------------------------------------------


class Generator:
    def __init__(self, docs: int, seed: int):
        self.rng = random.Random(seed)
        self.target = docs
        self.days = max(30, docs // DOCS_PER_DAY)
        self.ids = defaultdict(int)
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.truth = Truth()
        self.places = place_names(self.rng, 4000)
        vocab = {
            "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))
            for _ in range(6000)
        }
        self.vocab = sorted(vocab | set(WORDS))
        self.rng.shuffle(self.vocab)
        weights = [1 / (rank + 10) for rank in range(len(self.vocab))]
        self.vocab_weights = list(itertools.accumulate(weights))
        self._sources()

    def next_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def source(
        self,
        name: str,
        kind: str,
        side: str | None = None,
        parent: int | None = None,
        anonymous: bool = False,
    ) -> int:
        sid = self.next_id("source")
        self.rows["source"].append(
            {"id": sid, "name": name, "key": name_key(name), "kind": kind, "side": side, "parent_id": parent,
             "anonymous": anonymous, "partisan": None, "merged_into_id": None, "origin": "import",
             "credibility": None, "created_at": datetime.now(UTC)}
        )  # fmt: skip
        self.rows["sourcealias"].append(
            {"id": self.next_id("alias"), "source_id": sid, "alias": name, "key": name_key(name)}
        )
        self.top[sid] = self.top.get(parent, parent) if parent else sid
        self.names[sid] = name
        return sid

    def _sources(self) -> None:
        self.top: dict[int | None, int] = {}
        self.names: dict[int, str] = {}
        rng = self.rng
        self.afu = self.source("Armed Forces of Ukraine", "military", "UA")
        self.gs = self.source(
            "General Staff of the Armed Forces of Ukraine", "military", "UA", self.afu
        )
        self.air = self.source("Ukrainian Air Force", "military", "UA", self.afu)
        self.mod_ru = self.source("Russian Ministry of Defence", "military", "RU")
        self.konashenkov = self.source("Igor Konashenkov", "official", "RU", self.mod_ru)
        self.emergency = self.source("State Emergency Service of Ukraine", "government", "UA")
        self.police = self.source("National Police of Ukraine", "government", "UA")
        self.un = self.source("UN Human Rights Monitoring Mission", "organisation", None)
        self.analyst = self.source("Institute for the Study of War", "organisation", "US")
        self.officials = self.source("officials", "anonymous", None, anonymous=True)
        self.sources_anon = self.source("sources", "anonymous", None, anonymous=True)
        self.wires = [
            self.source(n, "wire")
            for n in ("Reuters", "Associated Press", "Agence France-Presse", "Ukrinform")
        ]
        outlet_words = _split(
            "Daily Weekly Northern Southern Evening Morning Global City National Free Union Capital"
        )
        nouns = _split(
            "Meridian Courier Herald Sentinel Gazette Observer Ledger Tribune Chronicle Dispatch Post Record"
        )
        names = sorted({f"The {a} {b}" for a in outlet_words for b in nouns})
        rng.shuffle(names)
        self.outlets = [(self.source(n, "outlet"), n) for n in names[:48]]
        self.dispute = 1
        self.rows["dispute"].append(
            {
                "id": 1,
                "name": "Russia-Ukraine war",
                "aliases": "Russian invasion of Ukraine\nwar in Ukraine",
            }
        )
        self.rows["disputeparty"] += [
            {"id": 1, "dispute_id": 1, "side": "RU"},
            {"id": 2, "dispute_id": 1, "side": "UA"},
        ]
        self.admins: dict[str, int] = {}

    def admin(self, place: str) -> int:
        if place not in self.admins:
            self.admins[place] = self.source(f"{place} regional administration", "government", "UA")
        return self.admins[place]

    def origin_key(self, chain: list[int]) -> str:
        first = chain[0]
        if first in (self.officials, self.sources_anon):
            return f"anon:{first}:{self.top[chain[1]]}"
        return f"org:{self.top[first]}"

    def filler(self, n: int) -> list[str]:
        """Paragraphs of unrelated prose: Zipf-distributed words, so that five-word runs
        rarely repeat across documents (as in real reporting), stock phrases aside."""
        rng = self.rng
        out = []
        for _ in range(n):
            sentences = []
            for _ in range(rng.randint(2, 3)):
                words = []
                for _ in range(rng.randint(10, 18)):
                    if rng.random() < 0.35:
                        words.append(rng.choice(FUNCTION_WORDS))
                    else:
                        words.append(rng.choices(self.vocab, cum_weights=self.vocab_weights)[0])
                sentences.append(" ".join(words).capitalize() + ".")
            out.append(" ".join(sentences))
        return out

    # -- documents ---------------------------------------------------------------------

    def document(
        self, day: int, outlet: tuple[int, str], body: list[str], title: str, stamp_minutes: int
    ) -> tuple[int, str, dict[str, int]]:
        """Store a document; returns (id, text, offsets of body paragraphs)."""
        did = self.next_id("document")
        header = f"{outlet[1]} | World news\n\n{title}\n\nBy {outlet[1]} staff"
        footer = f"Support {outlet[1]}: subscribe for independent reporting you can trust. Read more from {outlet[1]}."
        pieces = [header, *body, footer]
        text = "\n\n".join(pieces)
        skip = f"0-{len(header)},{len(text) - len(footer)}-{len(text)}"
        published = datetime.combine(
            START + timedelta(days=day), datetime.min.time(), UTC
        ) + timedelta(minutes=stamp_minutes)
        self.rows["document"].append(
            {"id": did, "outlet": outlet[1], "outlet_key": name_key(outlet[1]), "title": title, "title_key": name_key(title),
             "url": None, "authors": "", "published": published, "kind": "article", "text": text,
             "fingerprint": fingerprint(text), "copy_of_id": None, "source_path": f"feed/{did}.txt",
             "source_offset": 0, "skip": skip, "ingested_at": published}
        )  # fmt: skip
        return did, text, {}

    def attribution(
        self,
        did: int,
        text: str,
        content: str,
        chain: list[int],
        *,
        figures: list[tuple[float, str, float | None, float | None, str]],
        cue: str = "said",
        kind: str = "indirect",
        hedged: bool = False,
        occurrence_from: int = 0,
    ) -> int:
        start = text.index(content, occurrence_from)
        cid = self.next_id("claim")
        self.rows["claim"].append(
            {"id": cid, "text": content, "key": claim_key(content), "label": figures[0][1] if figures else None,
             "scope": None, "flags": "", "independent_origins": 0, "documents": 0, "created_at": datetime.now(UTC)}
        )  # fmt: skip
        aid = self.next_id("attribution")
        self.rows["attribution"].append(
            {"id": aid, "document_id": did, "claim_id": cid, "speaker_id": chain[0], "speaker_text": None,
             "speaker_start": None, "speaker_end": None, "cue_text": cue, "cue_start": None, "cue_end": None,
             "content_text": content, "content_start": start, "content_end": start + len(content), "kind": kind,
             "hedged": hedged, "said_at": None, "method": "extracted"}
        )  # fmt: skip
        for pos, sid in enumerate(chain):
            role = "origin" if pos == 0 else ("publisher" if pos == len(chain) - 1 else "relay")
            self.rows["chainhop"].append(
                {
                    "id": self.next_id("hop"),
                    "attribution_id": aid,
                    "position": pos,
                    "source_id": sid,
                    "role": role,
                }
            )
        for value, label, low, high, ftext in figures:
            self.rows["figure"].append(
                {"id": self.next_id("figure"), "claim_id": cid, "attribution_id": aid, "value": value, "low": low,
                 "high": high, "low_open": False, "high_open": False, "qualifier": "exact" if low == high else "at_least",
                 "unit": None, "label": label, "scope": None, "text": ftext}
            )  # fmt: skip
        return aid

    def publish(
        self,
        day: int,
        paragraphs: list[str],
        title: str,
        says: list[dict],
        outlets: list[tuple[int, str]],
        relay: int | None,
    ) -> list[int]:
        """One story re-published by `outlets` (copies when more than one); returns doc ids."""
        rng = self.rng
        docs = []
        minutes = rng.randint(0, 600)
        for i, outlet in enumerate(outlets):
            body = list(paragraphs)
            if i and rng.random() < 0.5:
                # Copies are edited a little: one clause reworded, or the last paragraph cut.
                plain = [j for j, p in enumerate(body) if not any(s["content"] in p for s in says)]
                if plain and rng.random() < 0.7:
                    j = rng.choice(plain)
                    sentences = body[j].split(". ")
                    sentences[rng.randrange(len(sentences))] = (
                        self.filler(1)[0].split(". ")[0].rstrip(".")
                    )
                    body[j] = ". ".join(sentences).rstrip(".") + "."
                elif len(plain) > 1 and plain[-1] == len(body) - 1:
                    body.pop()
            did, text, _ = self.document(day, outlet, body, title, minutes + 7 * i)
            docs.append(did)
            for s in says:
                chain = [
                    *s["chain"],
                    *([relay] if relay and relay not in s["chain"] else []),
                    outlet[0],
                ]
                aid = self.attribution(
                    did,
                    text,
                    s["content"],
                    chain,
                    figures=s.get("figures", []),
                    cue=s.get("cue", "said"),
                )
                st = Statement(aid, did, s.get("event"), s.get("label"), s.get("low"), s.get("high"),
                               self.origin_key(chain), s.get("denial_of"), s.get("strike"), day, s.get("series_pos"))  # fmt: skip
                self.truth.statements.append(st)
                s.setdefault("_atts", []).append(aid)
        if len(docs) > 1:
            self.truth.copy_groups.append(docs)
        return docs

    def pick_outlets(self, k: int) -> list[tuple[int, str]]:
        return self.rng.sample(self.outlets, k)

    def sentence(self, content: str, speaker: str, cue: str = "said") -> str:
        return f"{content}, {speaker} {cue}."

    # -- stories -----------------------------------------------------------------------

    def event_story(self, day: int, event: int) -> None:
        rng = self.rng
        place = rng.choice(self.places)
        label, noun = rng.choice(
            [("killed", "killed"), ("injured", "injured"), ("drones destroyed", "drones")]
        )
        n = rng.randint(2, 60)
        if label == "drones destroyed":
            content = f"air defences destroyed {n} drones over {place} overnight"
            origin = [self.air]
            speaker = "the Ukrainian Air Force"
        else:
            content = rng.choice(
                [f"{n} people were {noun} in {place} after the overnight attack", f"the strike on {place} left {n} people {noun}",
                 f"{n} residents of {place} were {noun} in the shelling"]
            )  # fmt: skip
            origin = [self.admin(place)]
            speaker = f"the {place} regional administration"
        content = content[0].upper() + content[1:]
        strike = None
        paragraphs = self.filler(rng.randint(3, 4))
        says = [{"content": content, "chain": origin, "event": event, "label": label, "low": n, "high": n,
                 "figures": [(n, label, n, n, str(n))]}]  # fmt: skip
        paragraphs.insert(1, self.sentence(content, speaker))
        if label != "drones destroyed" and rng.random() < 0.3:
            strike = f"Russian forces struck a residential building in {place}"
            says.append({"content": strike, "chain": origin, "strike": event})
            paragraphs.insert(2, self.sentence(strike, speaker))
        wire = rng.random() < 0.6
        copies = rng.randint(2, 6) if wire else 1
        relay = rng.choice(self.wires) if wire else None
        self.publish(
            day, paragraphs, f"{place}: {n} {noun}", says, self.pick_outlets(copies), relay
        )
        # An independent origin agreeing (same or another wording, exact or "at least").
        if rng.random() < 0.6:
            other = (
                rng.choice([self.police, self.un, self.emergency])
                if label != "drones destroyed"
                else self.analyst
            )
            at_least = rng.random() < 0.4
            low = max(1, n - rng.randint(0, 3)) if at_least else n
            high = None if at_least else n
            qual = f"at least {low}" if at_least else str(n)
            if label == "drones destroyed":
                c2 = f"{qual} drones were shot down over {place}"
            else:
                c2 = f"{qual} people were {noun} in {place}"
            c2 = c2[0].upper() + c2[1:]
            who = self.name_of(other)
            body = self.filler(rng.randint(3, 5))
            body.insert(1, self.sentence(c2, who))
            self.publish(day + rng.choice([0, 0, 1]), body, f"{place} update", [
                {"content": c2, "chain": [other], "event": event, "label": label, "low": low, "high": high,
                 "figures": [(low, label, low, high, str(low))]}], self.pick_outlets(1), None)  # fmt: skip
        # An independent origin with a conflicting count.
        if label != "drones destroyed" and rng.random() < 0.15:
            m = n + max(4, n // 2) + rng.randint(0, 5)
            c3 = f"{m} people were {noun} in {place}"
            body = self.filler(3)
            body.insert(1, self.sentence(c3[0].upper() + c3[1:], "UN monitors"))
            self.publish(day + rng.choice([0, 1]), body, f"Toll in {place} disputed", [
                {"content": c3, "chain": [self.un], "event": event, "label": label, "low": m, "high": m, "conflict": True,
                 "figures": [(m, label, m, m, str(m))]}], self.pick_outlets(1), None)  # fmt: skip
        # The other side denies the strike.
        if strike and rng.random() < 0.3:
            c4 = f"its forces struck a residential building in {place}"
            body = self.filler(3)
            body.insert(1, f"Russia's defence ministry denied that {c4}.")
            self.publish(day + rng.choice([0, 1]), body, f"Moscow denies {place} strike", [
                {"content": c4, "chain": [self.mod_ru], "denial_of": event, "cue": "denied"}], self.pick_outlets(1), None)  # fmt: skip

    def name_of(self, sid: int) -> str:
        return self.names[sid]

    def sum_story(self, day: int, event: int) -> None:
        rng = self.rng
        a, b = rng.sample(self.places, 2)
        x, y = rng.randint(3, 30), rng.randint(2, 20)
        parts = []
        for place, n in ((a, x), (b, y)):
            c = f"{n} people were injured in {place}"
            body = self.filler(3)
            body.insert(
                1, self.sentence(c[0].upper() + c[1:], f"the {place} regional administration")
            )
            s = {"content": c, "chain": [self.admin(place)], "event": -10 - (event * 10 + len(parts)), "label": "injured", "low": n, "high": n,
                 "figures": [(n, "injured", n, n, str(n))]}  # fmt: skip
            self.publish(day, body, f"{place} attack", [s], self.pick_outlets(1), None)
            parts += s["_atts"]
        c = f"{x + y} people were injured in {a} and {b}"
        body = self.filler(3)
        body.insert(1, self.sentence(c[0].upper() + c[1:], "the State Emergency Service"))
        s = {"content": c, "chain": [self.emergency], "event": event, "label": "injured", "low": x + y, "high": x + y,
             "figures": [(x + y, "injured", x + y, x + y, str(x + y))]}  # fmt: skip
        self.publish(day, body, "Two cities hit", [s], self.pick_outlets(1), None)
        self.truth.sums.append((parts, s["_atts"][0]))

    def tally_story(self, day: int, total: int) -> None:
        rng = self.rng
        content = f"Russia has lost {total:,} troops since the start of the full-scale invasion"
        body = self.filler(3)
        body.insert(1, self.sentence(content, "the General Staff"))
        wire = rng.random() < 0.5
        self.publish(day, body, "Russian losses", [
            {"content": content, "chain": [self.gs], "event": -1, "label": "troops", "low": total, "high": total,
             "series_pos": day, "figures": [(total, "troops", total, total, f"{total:,}")]}],
            self.pick_outlets(rng.randint(2, 4) if wire else 1), rng.choice(self.wires) if wire else None)  # fmt: skip

    def generate(self) -> None:
        rng = self.rng
        event = 0
        total = 400_000
        for day in range(self.days):
            total += rng.randint(900, 1500)
            self.tally_story(day, total)
            while self.ids["document"] < (day + 1) * self.target / self.days:
                event += 1
                if rng.random() < 0.07:
                    self.sum_story(day, event)
                else:
                    self.event_story(day, event)


# --- database ---------------------------------------------------------------------------


def write(gen: Generator, url: str) -> None:
    engine = dbmod.make_engine(url)
    dbmod.upgrade(engine)
    tables = [
        (Source, "source"), (SourceAlias, "sourcealias"), (Dispute, "dispute"), (DisputeParty, "disputeparty"),
        (Document, "document"), (Claim, "claim"), (Attribution, "attribution"), (ChainHop, "chainhop"), (Figure, "figure"),
    ]  # fmt: skip
    with engine.begin() as conn:
        for model, name in tables:
            rows = gen.rows[name]
            for start in range(0, len(rows), 20000):
                conn.execute(insert(model.__table__), rows[start : start + 20000])  # type: ignore[attr-defined]
    engine.dispose()


# --- scoring ------------------------------------------------------------------------------


def prf(found: set, truth: set) -> dict[str, float]:
    tp = len(found & truth)
    p = tp / len(found) if found else 1.0
    r = tp / len(truth) if truth else 1.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "found": len(found),
        "truth": len(truth),
    }


def agree(a: Statement, b: Statement) -> bool:
    lo = max(a.low if a.low is not None else -1e18, b.low if b.low is not None else -1e18)
    hi = min(a.high if a.high is not None else 1e18, b.high if b.high is not None else 1e18)
    return lo <= hi


def score(gen: Generator, url: str) -> dict[str, object]:
    engine = dbmod.make_engine(url)
    with engine.connect() as conn:
        claim_of = dict(conn.execute(select(Attribution.id, Attribution.claim_id)).all())
        io = dict(conn.execute(select(Claim.id, Claim.independent_origins)).all())
        links = conn.execute(select(ClaimLink.claim_id, ClaimLink.other_id, ClaimLink.kind)).all()
        copy_rows = conn.execute(select(Document.id, Document.copy_of_id)).all()
    engine.dispose()
    # Copies: pairs of documents within one cluster.
    cluster = {d: (c or d) for d, c in copy_rows}
    members = defaultdict(list)
    for d, root in cluster.items():
        members[root].append(d)
    found_pairs = {
        frozenset(p) for m in members.values() for p in itertools.combinations(sorted(m), 2)
    }
    truth_pairs = {
        frozenset(p) for g in gen.truth.copy_groups for p in itertools.combinations(sorted(g), 2)
    }
    result: dict[str, object] = {"copies": prf(found_pairs, truth_pairs)}

    # Links: truth relations between statements, judged on the claims that carry them.
    st = gen.truth.statements
    by_event: dict[tuple[int, str], list[Statement]] = defaultdict(list)
    for s in st:
        if s.event is not None and s.label is not None and s.event >= 0:
            by_event[(s.event, s.label)].append(s)
    truth_corr: set[frozenset[int]] = set()
    truth_contra: set[frozenset[int]] = set()
    for group in by_event.values():
        for a, b in itertools.combinations(group, 2):
            if a.origin == b.origin:
                continue
            (truth_corr if agree(a, b) else truth_contra).add(frozenset((a.att_id, b.att_id)))
    for parts, whole in gen.truth.sums:
        for p in parts:
            truth_corr.add(frozenset((p, whole)))
    strikes = defaultdict(list)
    for s in st:
        if s.strike is not None:
            strikes[s.strike].append(s.att_id)
    for s in st:
        if s.denial_of is not None:
            for x in strikes.get(s.denial_of, ()):
                truth_contra.add(frozenset((s.att_id, x)))
    atts_of = defaultdict(set)
    for aid, cid in claim_of.items():
        atts_of[cid].add(aid)
    linked = defaultdict(set)
    for a, b, kind in links:
        linked[kind].add(frozenset((a, b)))

    def claim_pair(pair: frozenset[int]) -> frozenset[int]:
        return frozenset(claim_of[x] for x in pair)

    truth_corr_claims = {claim_pair(p) for p in truth_corr}
    truth_contra_claims = {claim_pair(p) for p in truth_contra}
    found_corr = set(linked["corroborates"])
    # Agreeing independent statements folded into one claim count as found corroboration.
    for p in truth_corr_claims:
        if len(p) == 1 and io[next(iter(p))] >= 2:
            found_corr.add(p)
    result["corroborates"] = prf(found_corr, truth_corr_claims)
    result["contradicts"] = prf(set(linked["contradicts"]), truth_contra_claims)
    result["updates"] = {"links": len(linked["updates"]), "false_contradictions_in_tally": sum(
        1 for p in linked["contradicts"] if all(any(s.event == -1 for s in st_by_att(gen, atts_of[c])) for c in p))}  # fmt: skip
    return result


_ST_INDEX: dict[int, Statement] = {}


def st_by_att(gen: Generator, atts: set[int]) -> list[Statement]:
    if not _ST_INDEX:
        _ST_INDEX.update({s.att_id: s for s in gen.truth.statements})
    return [_ST_INDEX[a] for a in atts if a in _ST_INDEX]


# --- timing -------------------------------------------------------------------------------


def run_child(args: list[str]) -> tuple[float, int, str, float]:
    """Run a command; (wall seconds, peak RSS of the child in MB, stdout, CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # ru_maxrss of children is the largest child so far: run the biggest job first.
    return wall, after.ru_maxrss // 1024, proc.stdout, cpu


INCREMENTAL = """
import sys, time, json
t0 = time.perf_counter()
from factcheck import db as dbmod
from factcheck.xref import xref_documents
from factcheck.xref.scope import places_at
places_at("Warm up the gazetteer in Kyiv, as ingest has by the time it cross-references.")
engine = dbmod.make_engine(sys.argv[1])
with dbmod.session_scope(engine) as session:
    t1 = time.perf_counter()
    stats = xref_documents([int(sys.argv[2])], session=session)
    t2 = time.perf_counter()
print(json.dumps({"call": t2 - t1, "process": time.perf_counter() - t0, "links": stats.links, "copies": stats.copies}))
"""


def add_one(gen: Generator, url: str) -> int:
    """One more document: a recent wire story re-published by one more outlet."""
    group = gen.truth.copy_groups[-1]
    first = next(r for r in gen.rows["document"] if r["id"] == group[0])
    saved = {k: len(v) for k, v in gen.rows.items()}
    outlet = gen.rng.choice(gen.outlets)
    text = first["text"].replace(first["outlet"], outlet[1])
    day = (first["published"].date() - START).days
    did, text2, _ = gen.document(day, outlet, text.split("\n\n")[3:-1], first["title"], 900)
    for att in [a for a in gen.rows["attribution"] if a["document_id"] == first["id"]]:
        chain = [h["source_id"] for h in gen.rows["chainhop"] if h["attribution_id"] == att["id"]][
            :-1
        ] + [outlet[0]]
        figs = [
            (f["value"], f["label"], f["low"], f["high"], f["text"])
            for f in gen.rows["figure"]
            if f["attribution_id"] == att["id"]
        ]
        gen.attribution(did, text2, att["content_text"], chain, figures=figs, cue=att["cue_text"])
    new_rows = {k: v[saved.get(k, 0) :] for k, v in gen.rows.items()}
    engine = dbmod.make_engine(url)
    with engine.begin() as conn:
        for model, name in ((Source, "source"), (SourceAlias, "sourcealias"), (Document, "document"), (Claim, "claim"),
                            (Attribution, "attribution"), (ChainHop, "chainhop"), (Figure, "figure")):  # fmt: skip
            if new_rows.get(name):
                conn.execute(insert(model.__table__), new_rows[name])  # type: ignore[attr-defined]
    engine.dispose()
    return did


def bench(size: int, seed: int, keep: Path | None) -> dict[str, object]:
    started = time.perf_counter()
    gen = Generator(size, seed)
    gen.generate()
    folder = keep or Path(tempfile.mkdtemp(prefix="xref-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"xref_{size}.db"
    if path.exists():
        path.unlink()
    url = f"sqlite:///{path}"
    write(gen, url)
    built = time.perf_counter() - started
    wall, peak, out, cpu = run_child([*FACTCHECK, "--db", url, "xref", "--json"])
    stats = json.loads(out)
    quality = score(gen, url)
    did = add_one(gen, url)
    inc_run = run_child([sys.executable, "-c", INCREMENTAL, url, str(did)])
    inc = json.loads(inc_run[2]) | {"process_cpu": inc_run[3]}
    # Trace the most repeated claim with a contradiction or corroboration, start-up included.
    engine = dbmod.make_engine(url)
    with engine.connect() as conn:
        cid = conn.execute(
            select(Claim.id).order_by(Claim.documents.desc(), Claim.id).limit(1)
        ).scalar_one()
        counts = {
            "documents": conn.execute(
                select(Document.id).order_by(Document.id.desc()).limit(1)
            ).scalar_one(),
            "attributions": len(gen.rows["attribution"]),
            "document_links": conn.execute(
                select(DocumentLink.id).order_by(DocumentLink.id.desc()).limit(1)
            ).scalar()
            or 0,
        }
    engine.dispose()
    traces = [run_child([*FACTCHECK, "--db", url, "trace", str(cid), "--json"]) for _ in range(3)]
    return {
        "documents": size,
        "generated": counts,
        "build_seconds": round(built, 1),
        "xref_seconds": round(wall, 2),
        "xref_cpu_seconds": round(cpu, 2),
        "xref_inside_seconds": stats["seconds"],
        "xref_peak_mb": peak,
        "claims_after": stats["claims"],
        "links": stats["links"],
        "flags": stats["flags"],
        "copies_marked": stats["copies"],
        "quality": quality,
        "incremental": {k: (round(v, 3) if isinstance(v, float) else v) for k, v in inc.items()},
        "trace_seconds": round(min(t[0] for t in traces), 3),
        "trace_cpu_seconds": round(min(t[3] for t in traces), 3),
        "trace_claim": cid,
        "database": str(path),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="Folder to keep the databases in.")
    args = parser.parse_args()
    results = []
    for size in args.docs:
        result = bench(size, args.seed, args.keep)
        results.append(result)
        print(json.dumps(result, indent=2, default=str), flush=True)
    if len(results) > 1:
        base = results[0]
        print("\ncost curve (xref wall seconds per 1k documents):")
        for r in results:
            per = r["xref_seconds"] / (r["documents"] / 1000)
            print(f"  {r['documents']:>7} docs: {r['xref_seconds']:>7.2f} s  ({per:.3f} s/1k docs, "
                  f"{r['xref_inside_seconds']:.2f} s inside), peak {r['xref_peak_mb']} MB")  # fmt: skip
        del base
    if os.environ.get("XREF_BENCH_JSON"):
        Path(os.environ["XREF_BENCH_JSON"]).write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
