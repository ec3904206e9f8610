"""Time the reports on a synthetic 10,000-document ledger.

    .venv/bin/python benchmarks/reports_speed.py                 # SQLite file in benchmarks/out/
    .venv/bin/python benchmarks/reports_speed.py --db postgresql+psycopg://…  --documents 10000

Builds the ledger with bulk inserts (about ten attributions per document, chains of
two or three hops, wire stories re-published by several outlets, figures, links and
reviews), then runs the real command line in a subprocess, start-up included:

- ``factcheck report corpus --format html`` (target: ≤ 10 s at 10k documents)
- ``factcheck report claim ID --format json`` for the most repeated claim and for
  a typical one (target: ≤ 1.5 s each)
"""

from __future__ import annotations

import argparse
import compileall
import random
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine

from factcheck import db as dbmod
from factcheck.models import (
    Attribution,
    ChainHop,
    Claim,
    ClaimLink,
    Dispute,
    DisputeParty,
    Document,
    Figure,
    Review,
    ReviewEvent,
    Source,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
FACTCHECK = Path(sys.executable).with_name("factcheck")

PLACES = [
    "Odesa",
    "Kharkiv",
    "Kherson",
    "Zaporizhzhia",
    "Dnipro",
    "Sumy",
    "Lviv",
    "Belgorod",
    "Kursk",
    "Bryansk",
]
THINGS = [
    "drones",
    "missiles",
    "shells",
    "people injured",
    "people killed",
    "homes damaged",
    "buildings hit",
]
VERBS = ["said", "told reporters", "wrote on Telegram", "said in a statement", "announced"]
FILLER = (
    "Emergency crews worked through the night and power was restored to most homes by morning. "
    "Residents described hearing several loud explosions before the air raid alert ended. "
)


def build(engine: Engine, documents: int, seed: int = 7) -> None:
    """Bulk-insert a synthetic ledger into an empty, migrated database."""
    rnd = random.Random(seed)
    now = datetime(2025, 1, 1, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(Dispute), [{"id": 1, "name": "Russia–Ukraine war", "aliases": "Ukraine war"}]
        )
        conn.execute(
            insert(DisputeParty), [{"dispute_id": 1, "side": "RU"}, {"dispute_id": 1, "side": "UA"}]
        )

        sources: list[dict[str, Any]] = []

        def source(
            name: str,
            kind: str,
            side: str | None = None,
            parent: int | None = None,
            anonymous: bool = False,
        ) -> int:
            sid = len(sources) + 1
            sources.append(
                {
                    "id": sid,
                    "name": name,
                    "key": f"{name.lower()} {sid}",
                    "kind": kind,
                    "side": side,
                    "parent_id": parent,
                    "anonymous": anonymous,
                    "origin": "extracted",
                    "created_at": now,
                }
            )
            return sid

        outlets = [
            source(f"Outlet {i}", "outlet", rnd.choice([None, None, "UA", "US", "EU"]))
            for i in range(200)
        ]
        wires = [source(name, "wire") for name in ("Reuters", "AP", "AFP", "Interfax", "Ukrinform")]
        bodies = [
            source(f"{side} body {i}", rnd.choice(["government", "military", "state_agency"]), side)
            for i in range(120)
            for side in ("RU", "UA")
        ]
        officials = [
            source(f"Official {i}", "person", None, rnd.choice(bodies)) for i in range(800)
        ]
        independents = [
            source(f"Institute {i}", "organisation", rnd.choice(["US", "GB", "DE", None]))
            for i in range(200)
        ]
        anonymous = [source(f"sources {i}", "anonymous", anonymous=True) for i in range(20)]
        conn.execute(insert(Source), sources)
        speakers = officials * 3 + bodies + independents * 2 + anonymous * 4

        # claims: a long tail, a few repeated in hundreds of documents
        claims: list[dict[str, Any]] = []
        claim_origin: dict[int, int] = {}
        for cid in range(1, documents * 4 + 1):
            place, thing = rnd.choice(PLACES), rnd.choice(THINGS)
            value = rnd.randint(1, 900)
            claims.append(
                {
                    "id": cid,
                    "text": f"{value} {thing} in {place} overnight",
                    "key": f"{value} {thing} {place} {cid}",
                    "label": thing,
                    "scope": place,
                    "flags": "",
                    "independent_origins": 1,
                    "documents": 0,
                    "created_at": now,
                }
            )
            claim_origin[cid] = rnd.choice(speakers)
        popular = list(range(1, 201))

        docs, atts, hops, figures = [], [], [], []
        att_id = hop_id = 0
        per_claim_docs: dict[int, set[int]] = {}
        for did in range(1, documents + 1):
            outlet = rnd.choice(outlets)
            copy_of = did - rnd.randint(1, 5) if did > 10 and rnd.random() < 0.1 else None
            parts: list[str] = [f"Strikes overnight, report {did}\n\n"]
            pending = []
            for _ in range(10):
                cid = rnd.choice(popular) if rnd.random() < 0.1 else rnd.randint(1, len(claims))
                speaker = claim_origin[cid]
                content = claims[cid - 1]["text"]
                unattributed = rnd.random() < 0.05
                lead = (
                    "Reportedly, "
                    if unattributed
                    else f"{sources[speaker - 1]['name']} {rnd.choice(VERBS)} that "
                )
                start = sum(len(p) for p in parts) + len(lead)
                parts.append(f"{lead}{content}. {FILLER}")
                pending.append((cid, speaker, start, start + len(content), unattributed))
            body = "".join(parts)
            docs.append(
                {
                    "id": did,
                    "outlet": sources[outlet - 1]["name"],
                    "outlet_key": f"outlet {outlet}",
                    "title": f"Strikes overnight, report {did}",
                    "title_key": f"strikes {did}",
                    "url": f"https://news.example/{did}",
                    "authors": "Staff",
                    "kind": "article",
                    "published": now + timedelta(minutes=7 * did),
                    "text": body,
                    "fingerprint": f"fp{did}",
                    "copy_of_id": copy_of,
                    "source_offset": 0,
                    "skip": "",
                    "ingested_at": now,
                }
            )
            for cid, speaker, start, end, unattributed in pending:
                att_id += 1
                hedged = unattributed or rnd.random() < 0.08
                atts.append(
                    {
                        "id": att_id,
                        "document_id": did,
                        "claim_id": cid,
                        "speaker_id": None if unattributed else speaker,
                        "speaker_text": None if unattributed else sources[speaker - 1]["name"],
                        "speaker_start": None,
                        "speaker_end": None,
                        "cue_text": None,
                        "cue_start": None,
                        "cue_end": None,
                        "content_text": claims[cid - 1]["text"],
                        "content_start": start,
                        "content_end": end,
                        "kind": "unattributed"
                        if unattributed
                        else ("anonymous" if speaker in anonymous else "indirect"),
                        "hedged": hedged,
                        "method": "extracted",
                    }
                )
                chain = [] if unattributed else [(speaker, "origin")]
                if not unattributed and rnd.random() < 0.3:
                    chain.append((rnd.choice(wires), "relay"))
                chain.append((outlet, "publisher"))
                for pos, (sid, role) in enumerate(chain):
                    hop_id += 1
                    hops.append(
                        {
                            "id": hop_id,
                            "attribution_id": att_id,
                            "position": pos,
                            "source_id": sid,
                            "role": role,
                        }
                    )
                value = float(claims[cid - 1]["text"].split()[0])
                figures.append(
                    {
                        "claim_id": cid,
                        "attribution_id": att_id,
                        "value": value,
                        "low": value,
                        "high": value,
                        "low_open": False,
                        "high_open": False,
                        "qualifier": "exact",
                        "label": claims[cid - 1]["label"],
                        "scope": claims[cid - 1]["scope"],
                        "text": str(int(value)),
                    }
                )
                per_claim_docs.setdefault(cid, set()).add(did)
        for cid, docs_of in per_claim_docs.items():
            claim = claims[cid - 1]
            claim["documents"] = len(docs_of)
            origin = sources[claim_origin[cid] - 1]
            flags = ["single_source"]
            if origin["kind"] == "person" or origin["kind"] in (
                "government",
                "military",
                "state_agency",
            ):
                flags.append("single_partisan_source")
            if origin["anonymous"]:
                flags.append("anonymous_only")
            claim["flags"] = ",".join(flags)
        links = []
        for lid in range(1, documents + 1):
            a, b = rnd.sample(range(1, len(claims) + 1), 2)
            kind = rnd.choice(["corroborates", "repeats", "contradicts", "updates"])
            links.append(
                {
                    "id": lid,
                    "claim_id": a,
                    "other_id": b,
                    "kind": kind,
                    "method": "figure",
                    "score": round(rnd.random(), 3),
                    "status": "auto",
                    "why": f"{kind} by figure",
                    "created_at": now,
                }
            )
            if kind == "contradicts":
                claims[a - 1]["flags"] += ",contradicted"
        reviews, events = [], []
        for cid in rnd.sample(range(1, len(claims) + 1), documents // 5):
            verdict = rnd.choice(["verified", "false", "misleading", "unverifiable", "in_progress"])
            reviews.append(
                {
                    "claim_id": cid,
                    "status": verdict,
                    "assignee": "anna",
                    "version": 1,
                    "updated_by": "edith",
                    "updated_at": now,
                }
            )
            events.append(
                {
                    "claim_id": cid,
                    "version": 1,
                    "user": "edith",
                    "at": now,
                    "action": "verdict",
                    "from_status": "unreviewed",
                    "to_status": verdict,
                    "note": "checked",
                    "evidence": "",
                }
            )

        for table, rows in (
            (Claim, claims),
            (Document, docs),
            (Attribution, atts),
            (ChainHop, hops),
            (Figure, figures),
            (ClaimLink, links),
            (Review, reviews),
            (ReviewEvent, events),
        ):
            for i in range(0, len(rows), 5000):
                conn.execute(insert(table), rows[i : i + 5000])
        if engine.dialect.name == "postgresql":
            for table in (
                "source",
                "claim",
                "document",
                "attribution",
                "chainhop",
                "claimlink",
                "figure",
                "reviewevent",
            ):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                    )
                )
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def probe(engine: Engine) -> dict[str, Any]:
    """The claims to time and the ledger's size."""
    with engine.connect() as conn:
        most = conn.execute(select(Claim.id).order_by(Claim.documents.desc()).limit(1)).scalar_one()
        typical = conn.execute(select(Claim.id).where(Claim.documents == 2).limit(1)).scalar_one()
        counts = {
            name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for name, t in (
                ("documents", Document),
                ("attributions", Attribution),
                ("claims", Claim),
                ("chain hops", ChainHop),
                ("figures", Figure),
                ("sources", Source),
            )
        }
    return {"most_repeated": most, "typical": typical, "counts": counts}


def timed(args: list[str], db: str, out: Path | None = None) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of the command line."""
    cmd = [str(FACTCHECK), "--db", db, *args]
    if out is not None:
        cmd += ["-o", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--db", help="database URL (default: a fresh SQLite file in benchmarks/out/)"
    )
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per timing; the best is reported"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the ledger already in the database, do not rebuild",
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = args.db
    rebuild = not args.reuse
    if db is None:
        path = OUT / f"reports-{args.documents}.db"
        rebuild = rebuild or not path.exists()
        if rebuild:
            path.unlink(missing_ok=True)
        db = f"sqlite:///{path}"
    engine = dbmod.make_engine(db)
    if rebuild:
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        dbmod.upgrade(engine)
        start = time.perf_counter()
        build(engine, args.documents)
        print(f"ledger on {engine.dialect.name}: built in {time.perf_counter() - start:.1f} s")
    info = probe(engine)
    engine.dispose()
    # Time the installed tool as `./dev setup` leaves it: byte-compiled. (With
    # PYTHONDONTWRITEBYTECODE set, an uncompiled editable install recompiles every
    # module of the package at each start, about 0.2 s.)
    compileall.compile_dir(ROOT / "factcheck", quiet=1)
    print("  " + ", ".join(f"{n:,} {name}" for name, n in info["counts"].items()))

    rows = [
        (
            "report corpus --format html",
            ["report", "corpus", "--format", "html"],
            OUT / "corpus.html",
            10.0,
        ),
        (
            "report corpus --format json",
            ["report", "corpus", "--format", "json"],
            OUT / "corpus.json",
            10.0,
        ),
        (
            f"report claim {info['most_repeated']} --format json (most repeated)",
            ["report", "claim", str(info["most_repeated"]), "--format", "json"],
            None,
            1.5,
        ),
        (
            f"report claim {info['typical']} --format json (typical)",
            ["report", "claim", str(info["typical"]), "--format", "json"],
            None,
            1.5,
        ),
        ("factcheck --version (start-up alone)", ["--version"], None, None),
    ]
    # wall-clock time depends on what else the machine runs; CPU time much less so
    print(f"\n{f'command (best of {args.repeat})':<58} {'wall':>7} {'cpu':>7} {'target':>8}")
    for label, cmd, out, target in rows:
        wall, cpu = min(timed(cmd, db, out) for _ in range(args.repeat))
        verdict = "" if target is None else ("ok" if wall <= target else "SLOW")
        mark = f"≤ {target:.1f}s" if target else ""
        print(f"{label:<58} {wall:>6.2f}s {cpu:>6.2f}s {mark:>8} {verdict}")


if __name__ == "__main__":
    main()
