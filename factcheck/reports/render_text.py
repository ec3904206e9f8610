"""Reports as plain text that fits a 100-column terminal."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

from tabulate import tabulate

from factcheck.reports.common import figure_text, format_number, human_time, origins_text

WIDTH = 100

# C0/C1 controls and bidi overrides: article text must not drive the reader's terminal
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(value: Any) -> str:
    """Any value as one line of printable text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return format_number(value)
    return " ".join(_UNSAFE.sub(" ", str(value)).split())


def wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(clean(text), WIDTH, initial_indent=indent, subsequent_indent=indent) or [
        indent.rstrip()
    ]


def heading(title: str, underline: str = "-") -> list[str]:
    title = clean(title)[:WIDTH]
    return ["", title, underline * len(title)]


def table(
    rows: Sequence[Sequence[Any]], headers: Sequence[str], widths: Sequence[int | None]
) -> list[str]:
    """A tabulate table; `widths` caps each column so the whole fits in WIDTH."""
    if not rows:
        return ["(none)"]
    cells = [
        [clean(v) if not isinstance(v, int) or isinstance(v, bool) else v for v in row]
        for row in rows
    ]
    out = tabulate(
        cells,
        headers=list(headers),
        tablefmt="simple",
        maxcolwidths=list(widths),
        disable_numparse=True,
    )
    return out.splitlines()


def marked(segments: list[dict[str, Any]]) -> str:
    """Context with the claim's span between » and « (segments keep their own spacing)."""
    parts = []
    for seg in segments:
        text = _UNSAFE.sub(" ", str(seg["text"]))
        parts.append(f"»{text}«" if seg["mark"] == "content" else text)
    return clean("".join(parts))


def chain_text(chain: list[dict[str, Any]]) -> str:
    hops = []
    for hop in chain:
        notes = [n for n in (hop.get("side"), "anonymous" if hop.get("anonymous") else None) if n]
        hops.append(clean(hop["source"]) + (f" ({', '.join(notes)})" if notes else ""))
    return " ← ".join(reversed(hops)) if hops else "(no chain)"


def chain_counts(attributions: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Distinct chains, publisher first as a reader follows them back, with how often each occurs."""
    counts = Counter(chain_text(a["chain"]) for a in attributions)
    return counts.most_common()


def via(origin: dict[str, Any]) -> str:
    """Origins borrowed from a corroborating claim say which one."""
    return f"claim #{origin['via_claim']}" if origin.get("via_claim") else ""


ORIGIN_HEADERS = ["origin", "organisation", "side", "partisan", "anonymous", "via"]


def origin_rows(origins: list[dict[str, Any]], *, no_side: str) -> list[tuple[Any, ...]]:
    """The origins table of a claim report, as the text and Markdown renderers show it."""
    return [
        (
            o["source"],
            o.get("organisation"),
            o.get("side") or no_side,
            o.get("partisan"),
            o.get("anonymous"),
            via(o),
        )
        for o in origins
    ]


def claim_line(ref: dict[str, Any]) -> str:
    return f"#{ref.get('id')} {clean(ref.get('text'))}"


# --- reports ----------------------------------------------------------------------


def render_text(data: dict[str, Any]) -> str:
    renderer = {"claim": _claim, "document": _document, "corpus": _corpus}[data["report"]]
    lines = renderer(data)
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def _claim(data: dict[str, Any]) -> list[str]:
    c = data["claim"]
    review = data["review"]
    lines = heading(f"Claim #{c['id']}", "=")
    lines += wrap(c["text"])
    lines += [""]
    lines += wrap("Flags: " + (", ".join(data["flags"]) or "none"))
    lines += wrap(
        f"Independent origins: {data['independent_origins']} · documents: {c['documents']} · "
        f"attributions: {len(data['attributions'])} · review: {review['status']}"
        + (f" (assigned to {review['assignee']})" if review["assignee"] else "")
    )
    lines += heading("Figures")
    lines += table(
        [
            (
                f["text"] or format_number(f["value"]),
                f["label"],
                f["qualifier"],
                f["interval"],
                f["scope"],
            )
            for f in c["figures"]
        ],
        ["figure", "counts", "qualifier", "interval", "scope"],
        [24, 26, 10, 22, 10],
    )
    lines += heading("Provenance (publisher ← … ← origin)")
    for chain, n in chain_counts(data["attributions"]):
        lines += wrap(f"{chain}  ×{n}", "  ")
    lines += heading("Origins")
    lines += table(
        origin_rows(data["origins"], no_side="-"),
        ORIGIN_HEADERS,
        [26, 26, 6, 8, 9, 10],
    )
    lines += heading("Attributions")
    for i, a in enumerate(data["attributions"], 1):
        d = a["document"]
        lines += [""] + wrap(
            f"[{i}] {d['outlet'] or '(no outlet)'} · {d['title'] or '(untitled)'} · {human_time(d['published']) or 'undated'}"
        )
        if d["url"]:
            lines += wrap(d["url"], "    ")
        lines += wrap(marked(a["context"]) or a["content"], "    ")
        meta = (
            [a["kind"]]
            + (["hedged"] if a["hedged"] else [])
            + ([f"speaker: {a['speaker']}"] if a["speaker"] else [])
        )
        lines += wrap(" · ".join(meta) + " · chain: " + chain_text(a["chain"]), "    ")
    lines += _related(data)
    lines += heading("Review")
    lines += wrap(
        f"Status: {review['status']}"
        + (f", assigned to {review['assignee']}" if review["assignee"] else "")
    )
    for e in review["history"]:
        change = f" {e['from'] or 'unreviewed'} → {e['to']}" if e["from"] != e["to"] else ""
        lines += wrap(f"{human_time(e['at'])}  {e['user']}: {e['action']}{change}", "  ")
        if e["note"]:
            lines += wrap(e["note"], "      ")
        for url in e["evidence"]:
            lines += wrap(url, "      ")
    return lines


def _related(data: dict[str, Any]) -> list[str]:
    lines = heading("Corroborated by")
    lines += table(
        [
            (claim_line(r["claim"]), "yes" if r.get("independent") else "no", r.get("method"))
            for r in data["corroborated_by"]
        ],
        ["claim", "independent", "how"],
        [70, 11, 12],
    )
    lines += heading("Contradicted by")
    lines += table(
        [(claim_line(r["claim"]), r.get("why")) for r in data["contradicted_by"]],
        ["claim", "why"],
        [60, 36],
    )
    if data["updates"]:
        lines += heading("Updates of a running tally")
        lines += table(
            [
                (
                    claim_line(r["claim"]),
                    "updates it" if r.get("direction") == "updates" else "updated by it",
                )
                for r in data["updates"]
            ],
            ["claim", "relation"],
            [80, 14],
        )
    return lines


def _mix_table(mix: dict[str, Any]) -> list[str]:
    rows = [(c["label"], c["count"], f"{c['share']:.0%}") for c in mix["categories"]]
    rows.append(
        ("hedged (overlaps the others)", mix["hedged"]["count"], f"{mix['hedged']['share']:.0%}")
    )
    rows.append(("total statements", mix["total"], ""))
    return table(rows, ["sourcing", "count", "share"], [30, None, None])


def _document(data: dict[str, Any]) -> list[str]:
    d = data["document"]
    lines = heading(f"Document #{d['id']}: {d['title'] or '(untitled)'}", "=")
    lines += wrap(
        f"{d['outlet'] or '(no outlet)'} · {human_time(d['published']) or 'undated'}"
        + (f" · {', '.join(d['authors'])}" if d["authors"] else "")
    )
    if d["url"]:
        lines += wrap(d["url"])
    if d["copy_of"]:
        lines += wrap(f"Copy of #{d['copy_of']['id']} ({d['copy_of']['outlet'] or 'no outlet'})")
    if d["copies"]:
        lines += wrap(
            "Re-published as: "
            + ", ".join(f"#{o['id']} {o['outlet'] or '(no outlet)'}" for o in d["copies"])
        )
    lines += heading("Sourcing mix")
    lines += _mix_table(data["mix"])
    lines += heading("Statements in reading order")
    for i, s in enumerate(data["statements"], 1):
        meta = [s["category"], s["kind"]] + (["hedged"] if s["hedged"] else [])
        lines += [""] + wrap(
            f"[{i}] " + " · ".join(meta) + (f" · speaker: {s['speaker']}" if s["speaker"] else "")
        )
        lines += wrap(marked(s["context"]) or s["content"], "    ")
        lines += wrap("chain: " + chain_text(s["chain"]), "    ")
        claim = s["claim"]
        figures = ", ".join(f"{figure_text(f)} {f['interval']}" for f in claim["figures"])
        lines += wrap(
            f"claim #{claim['id']}: {claim['independent_origins']} independent origin(s) in "
            f"{claim['documents']} document(s); flags: {', '.join(claim['flags']) or 'none'}"
            + (f"; figures: {figures}" if figures else ""),
            "    ",
        )
    lines += heading("Relayed through others")
    lines += table(
        [(r["content"], ", ".join(r["via"])) for r in data["relayed"]],
        ["statement", "via"],
        [64, 32],
    )
    lines += heading("Figures resting on one origin across the corpus")
    lines += table(
        [
            (
                ", ".join(f["figures"]),
                f["content"],
                f["origin"] or "-",
                f["documents"],
                f["independent_origins"],
            )
            for f in data["single_source_figures"]
        ],
        ["figure", "statement", "origin", "docs", "indep."],
        [18, 42, 18, None, None],
    )
    return lines


def _claims_block(block: dict[str, Any]) -> list[str]:
    rows = [
        (
            claim_line(r["claim"]),
            ", ".join(r["figures"]),
            origins_text(r["origins"]),
            r["documents"],
            r["independent_origins"],
        )
        for r in block["items"]
    ]
    lines = table(rows, ["claim", "figures", "origins", "docs", "indep."], [44, 14, 22, None, None])
    if block["total"] > len(block["items"]):
        lines.append(f"(showing {len(block['items'])} of {block['total']})")
    return lines


def _corpus(data: dict[str, Any]) -> list[str]:
    t = data["totals"]
    lines = heading("Corpus report", "=")
    lines += wrap(
        f"{t['documents']:,} documents from {t['outlets']:,} outlets · {t['attributions']:,} attributions · "
        f"{t['claims']:,} claims · {t['figures']:,} figures · {t['sources']:,} sources"
    )
    lines += heading("Flags, links and reviews")
    flags, links, reviews = (sorted(data[k].items()) for k in ("flags", "links", "reviews"))
    rows = []
    for i in range(max(len(flags), len(links), len(reviews))):
        row: list[Any] = []
        for block in (flags, links, reviews):
            row += list(block[i]) if i < len(block) else ["", ""]
        rows.append(row)
    lines += table(
        rows,
        ["flag", "claims", "link", "count", "review", "claims"],
        [24, None, 14, None, 16, None],
    )
    lines += heading("Sourcing mix")
    lines += _mix_table(data["mix"])
    lines += heading("Sourcing mix by outlet")
    rows = [
        [r["outlet"], r["total"]]
        + [f"{c['count']} ({c['share']:.0%})" for c in r["categories"]]
        + [f"{r['hedged']['count']} ({r['hedged']['share']:.0%})"]
        for r in data["mix_by_outlet"]
    ]
    lines += table(
        rows,
        ["outlet", "total", "named", "partisan", "anonymous", "unattrib.", "hedged"],
        [26, None, 11, 11, 11, 11, 11],
    )
    lines += heading("Figures resting on a single partisan source")
    lines += _claims_block(data["single_partisan_figures"])
    lines += heading("Contradictions")
    block = data["contradictions"]
    lines += table(
        [(claim_line(r["claim"]), claim_line(r["other"]), r["why"]) for r in block["items"]],
        ["claim", "contradicted by", "why"],
        [36, 36, 24],
    )
    if block["total"] > len(block["items"]):
        lines.append(f"(showing {len(block['items'])} of {block['total']})")
    lines += heading("Most repeated claims (documents vs real independent origins)")
    lines += wrap("docs: documents carrying the claim; indep.: independent origins behind it.")
    lines += _claims_block(data["most_repeated"])
    return lines
