"""Reports as GitHub-flavoured Markdown; data is escaped so it can never become markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from factcheck.reports.common import figure_text, format_number, human_time, origins_text, safe_url
from factcheck.reports.render_text import (
    _UNSAFE,
    ORIGIN_HEADERS,
    chain_counts,
    chain_text,
    origin_rows,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")
_LINE_START = re.compile(r"^([-+=>]|\d+[.)])")
# characters left as they are when a link target is percent-encoded (not parentheses or spaces)
_URL_SAFE = ":/?#@!$&'*+,;=%~"


def esc(value: Any) -> str:
    """Text safe inside Markdown: no HTML, no emphasis, links, tables or headings from data."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return format_number(value)
    text = " ".join(_UNSAFE.sub(" ", str(value)).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(r"\\\1", text)


def link(text: Any, url: str | None) -> str:
    """A Markdown link when the URL is http(s), else just the escaped text."""
    target = safe_url(url)
    if target is None:
        return esc(text)
    return f"[{esc(text)}]({quote(target, safe=_URL_SAFE)})"


def table(
    rows: Sequence[Sequence[Any]], headers: Sequence[str], *, numeric: Sequence[int] = ()
) -> list[str]:
    if not rows:
        return ["*None.*", ""]
    align = ["---:" if i in numeric else "---" for i in range(len(headers))]
    out = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    for row in rows:
        out.append("| " + " | ".join(v if isinstance(v, Cell) else esc(v) for v in row) + " |")
    return out + [""]


class Cell(str):
    """Markdown built here from escaped parts; table() leaves it as is."""


def claim_ref(ref: dict[str, Any]) -> Cell:
    return Cell(f"\\#{ref.get('id')} {esc(ref.get('text'))}")


def code(value: Any) -> Cell:
    """An inline code span: backslash escapes do not work inside one, so drop what could end it."""
    text = " ".join(_UNSAFE.sub(" ", str(value)).replace("`", "'").split()).replace("|", "\\|")
    return Cell(f"`{text}`")


def flags(values: Sequence[str]) -> Cell:
    return Cell(" ".join(code(v) for v in values) or "—")


def quote_context(segments: list[dict[str, Any]], fallback: str) -> str:
    """The sentence around the attribution with the claim in bold and the speaker in italics."""
    parts = []
    for seg in segments:
        text = esc(seg["text"]) if seg["text"].strip() else " "
        lead = " " if seg["text"][:1].isspace() else ""
        trail = " " if seg["text"][-1:].isspace() else ""
        if seg["mark"] == "content":
            parts.append(f"{lead}**{text}**{trail}")
        elif seg["mark"] == "speaker":
            parts.append(f"{lead}*{text}*{trail}")
        else:
            parts.append(f"{lead}{text}{trail}" if text != " " else " ")
    body = "".join(parts).strip() or esc(fallback)
    return "> " + " ".join(body.split())


# --- reports ----------------------------------------------------------------------


def render_md(data: dict[str, Any]) -> str:
    renderer = {"claim": _claim, "document": _document, "corpus": _corpus}[data["report"]]
    text = "\n".join(renderer(data))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _claim(data: dict[str, Any]) -> list[str]:
    c = data["claim"]
    review = data["review"]
    lines = [f"# Claim \\#{c['id']}", "", "> " + esc(c["text"]), ""]
    lines += [
        f"**Flags:** {flags(data['flags'])}  ",
        f"**Independent origins:** {data['independent_origins']} · **documents:** {c['documents']} · "
        f"**attributions:** {len(data['attributions'])} · **review:** {esc(review['status'])}"
        + (f" (assigned to {esc(review['assignee'])})" if review["assignee"] else ""),
        "",
        "## Figures",
        "",
    ]
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
    )
    lines += ["## Provenance", "", "Each chain read from the publisher back to the origin:", ""]
    for chain, n in chain_counts(data["attributions"]):
        lines.append(f"- {esc(chain)} — {n} attribution{'s' if n != 1 else ''}")
    lines += ["", "### Origins", ""]
    lines += table(origin_rows(data["origins"], no_side="—"), ORIGIN_HEADERS)
    lines += ["## Attributions", ""]
    for i, a in enumerate(data["attributions"], 1):
        d = a["document"]
        when = f" — {esc(human_time(d['published']))}" if d["published"] else ""
        lines += [
            f"### {i}. {esc(d['outlet'] or '(no outlet)')} — {link(d['title'] or '(untitled)', d['url'])}{when}",
            "",
        ]
        lines += [quote_context(a["context"], a["content"]), ""]
        meta = (
            [esc(a["kind"])]
            + (["hedged"] if a["hedged"] else [])
            + ([f"speaker: {esc(a['speaker'])}"] if a["speaker"] else [])
        )
        lines += [" · ".join(meta) + f" · chain: {esc(chain_text(a['chain']))}", ""]
    lines += ["## Corroborated by", ""]
    lines += table(
        [
            (
                claim_ref(r["claim"]),
                "yes" if r.get("independent") else "no (same origin)",
                r.get("method"),
            )
            for r in data["corroborated_by"]
        ],
        ["claim", "independent", "how"],
    )
    lines += ["## Contradicted by", ""]
    lines += table(
        [(claim_ref(r["claim"]), r.get("why")) for r in data["contradicted_by"]], ["claim", "why"]
    )
    if data["updates"]:
        lines += ["## Updates of a running tally", ""]
        lines += table(
            [
                (
                    claim_ref(r["claim"]),
                    "updates it" if r.get("direction") == "updates" else "updated by it",
                )
                for r in data["updates"]
            ],
            ["claim", "relation"],
        )
    lines += [
        "## Review",
        "",
        f"Status: {code(review['status'])}"
        + (f", assigned to {esc(review['assignee'])}" if review["assignee"] else ""),
        "",
    ]
    for e in review["history"]:
        change = (
            f" {esc(e['from'] or 'unreviewed')} → {esc(e['to'])}" if e["from"] != e["to"] else ""
        )
        lines.append(
            f"- {esc(human_time(e['at']))} **{esc(e['user'])}**: {esc(e['action'])}{change}"
        )
        if e["note"]:
            lines.append(f"  — {esc(e['note'])}")
        for url in e["evidence"]:
            lines.append(f"  — {link(url, url)}")
    return lines


def _mix_table(mix: dict[str, Any]) -> list[str]:
    rows = [(c["label"], c["count"], f"{c['share']:.0%}") for c in mix["categories"]]
    rows.append(
        ("hedged (overlaps the others)", mix["hedged"]["count"], f"{mix['hedged']['share']:.0%}")
    )
    rows.append((Cell("**total statements**"), mix["total"], ""))
    return table(rows, ["sourcing", "count", "share"], numeric=(1, 2))


def _document(data: dict[str, Any]) -> list[str]:
    d = data["document"]
    lines = [f"# {esc(d['title'] or '(untitled)')}", ""]
    lines.append(
        f"Document \\#{d['id']} · **{esc(d['outlet'] or '(no outlet)')}** · {esc(human_time(d['published']) or 'undated')}"
        + (f" · {esc(', '.join(d['authors']))}" if d["authors"] else "")
        + ("  " if d["url"] else "")
    )
    if d["url"]:
        lines.append(link(d["url"], d["url"]))
    if d["copy_of"]:
        lines += [
            "",
            f"Copy of \\#{d['copy_of']['id']} ({esc(d['copy_of']['outlet'] or 'no outlet')}).",
        ]
    if d["copies"]:
        lines += [
            "",
            "Re-published as: "
            + ", ".join(f"\\#{o['id']} {esc(o['outlet'] or '(no outlet)')}" for o in d["copies"]),
        ]
    lines += ["", "## Sourcing mix", ""] + _mix_table(data["mix"])
    lines += ["## Statements in reading order", ""]
    for i, s in enumerate(data["statements"], 1):
        claim = s["claim"]
        meta = [code(s["category"]), esc(s["kind"])] + (["hedged"] if s["hedged"] else [])
        if s["speaker"]:
            meta.append(f"speaker: {esc(s['speaker'])}")
        lines += [
            f"{i}. " + " · ".join(meta),
            "",
            "   " + quote_context(s["context"], s["content"]),
            "",
        ]
        figures = ", ".join(f"{esc(figure_text(f))} {esc(f['interval'])}" for f in claim["figures"])
        lines += [
            f"   chain: {esc(chain_text(s['chain']))} · claim \\#{claim['id']}: {claim['independent_origins']} "
            f"independent origin(s) in {claim['documents']} document(s) · flags: {flags(claim['flags'])}"
            + (f" · figures: {figures}" if figures else ""),
            "",
        ]
    lines += ["## Relayed through others", ""]
    lines += table(
        [(r["content"], ", ".join(r["via"]), " → ".join(r["chain"])) for r in data["relayed"]],
        ["statement", "via", "chain"],
    )
    lines += ["## Figures resting on one origin across the corpus", ""]
    lines += table(
        [
            (
                ", ".join(f["figures"]),
                f["content"],
                f["origin"] or "—",
                f["documents"],
                f["independent_origins"],
            )
            for f in data["single_source_figures"]
        ],
        ["figure", "statement", "origin", "documents", "independent origins"],
        numeric=(3, 4),
    )
    return lines


def _claims_block(block: dict[str, Any]) -> list[str]:
    rows = [
        (
            claim_ref(r["claim"]),
            ", ".join(r["figures"]),
            origins_text(r["origins"]),
            r["documents"],
            r["independent_origins"],
            flags(r["flags"]),
        )
        for r in block["items"]
    ]
    lines = table(
        rows,
        ["claim", "figures", "origins", "documents", "independent origins", "flags"],
        numeric=(3, 4),
    )
    if block["total"] > len(block["items"]):
        lines += [f"*Showing {len(block['items'])} of {block['total']}.*", ""]
    return lines


def _corpus(data: dict[str, Any]) -> list[str]:
    t = data["totals"]
    lines = ["# Corpus report", ""]
    lines += table(
        [
            (
                f"{t['documents']:,}",
                f"{t['outlets']:,}",
                f"{t['attributions']:,}",
                f"{t['claims']:,}",
                f"{t['figures']:,}",
                f"{t['sources']:,}",
            )
        ],
        ["documents", "outlets", "attributions", "claims", "figures", "sources"],
        numeric=range(6),  # type: ignore[arg-type]
    )
    lines += ["## Flags, links and reviews", ""]
    lines += table(
        [(code(k), v) for k, v in sorted(data["flags"].items())]
        + [(Cell(f"link: {esc(k)}"), v) for k, v in sorted(data["links"].items())]
        + [(Cell(f"review: {esc(k)}"), v) for k, v in sorted(data["reviews"].items())],
        ["what", "count"],
        numeric=(1,),
    )
    lines += ["## Sourcing mix", ""] + _mix_table(data["mix"])
    lines += ["## Sourcing mix by outlet", ""]
    lines += table(
        [
            [r["outlet"], r["total"]]
            + [f"{c['count']} ({c['share']:.0%})" for c in r["categories"]]
            + [f"{r['hedged']['count']} ({r['hedged']['share']:.0%})"]
            for r in data["mix_by_outlet"]
        ],
        ["outlet", "statements", "named", "partisan", "anonymous", "unattributed", "hedged"],
        numeric=range(1, 7),  # type: ignore[arg-type]
    )
    lines += ["## Figures resting on a single partisan source", ""] + _claims_block(
        data["single_partisan_figures"]
    )
    lines += ["## Contradictions", ""]
    block = data["contradictions"]
    lines += table(
        [(claim_ref(r["claim"]), claim_ref(r["other"]), r["why"]) for r in block["items"]],
        ["claim", "contradicted by", "why"],
    )
    if block["total"] > len(block["items"]):
        lines += [f"*Showing {len(block['items'])} of {block['total']}.*", ""]
    lines += [
        "## Most repeated claims",
        "",
        "Documents carrying each claim against the origins really behind it.",
        "",
    ]
    lines += _claims_block(data["most_repeated"])
    return lines
