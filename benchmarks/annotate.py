"""Turn marked-up articles into PARC-style annotation fixtures with exact offsets.

    .venv/bin/python benchmarks/annotate.py fixtures/annotated/markup/wsj01.txt [...]
    .venv/bin/python benchmarks/annotate.py --check fixtures/annotated/wsj01.json

A markup file starts with header lines ``#! key: value`` (``published``, ``outlet``, and
``out`` for the output name, default: the markup file's stem next to ``markup/``), then the
article. Inside the article, ``{TAGS|text}`` marks a span; TAGS is a comma-separated list of
``s<N>`` (source), ``c<N>`` (cue) and ``t<N>`` (content) for relation N. Marks nest, so a
content may hold another relation ("{t1|sales will fall, {s2|analysts} {c2|said}, ...}").
A span may carry several tags ("{s1,s2|Mr. Lee}" speaks twice). A content written in
pieces ("“Q1,” {s3|he} {c3|said}, “Q2.”") is given as several ``t3`` marks and stored as
the envelope from the first piece's start to the last piece's end.

Writes ``{"text", "published", "outlet", "attributions": [{"source", "cue", "content"}]}``
(the schema of the other fixtures) and prints each relation for a visual check.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

_TAG_RE = re.compile(r"[sct]\d+(?:,[sct]\d+)*")


class MarkupError(ValueError):
    """The markup is malformed: unbalanced braces, a bad tag, or a relation without parts."""


def parse(markup: str) -> tuple[str, dict[str, str], list[dict]]:
    """Plain text, header fields and relations (offsets into the plain text) from markup."""
    header: dict[str, str] = {}
    lines = markup.split("\n")
    while lines and lines[0].startswith("#!"):
        key, _, value = lines.pop(0)[2:].partition(":")
        header[key.strip()] = value.strip()
    body = "\n".join(lines).strip("\n") + "\n"
    out: list[str] = []
    pos = 0  # offset in the plain text
    stack: list[tuple[list[str], int]] = []
    spans: dict[str, list[tuple[int, int]]] = {}
    i = 0
    n = len(body)
    while i < n:
        ch = body[i]
        if ch == "{":
            bar = body.find("|", i)
            tags = body[i + 1 : bar] if bar > 0 else ""
            if not _TAG_RE.fullmatch(tags):
                raise MarkupError(f"bad tag {tags!r} at markup offset {i}")
            stack.append((tags.split(","), pos))
            i = bar + 1
            continue
        if ch == "}":
            if not stack:
                raise MarkupError(f"unbalanced '}}' at markup offset {i}")
            tags, start = stack.pop()
            for tag in tags:
                spans.setdefault(tag, []).append((start, pos))
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        raise MarkupError(f"{len(stack)} unclosed mark(s)")
    text = "".join(out)
    ids = sorted({int(t[1:]) for t in spans}, key=int)
    relations = []
    for k in ids:
        src, cue, con = spans.get(f"s{k}"), spans.get(f"c{k}"), spans.get(f"t{k}")
        if not src or not con:
            raise MarkupError(f"relation {k} needs a source and a content")
        relations.append(
            {
                "source": _envelope(src),
                "cue": _envelope(cue) if cue else None,
                "content": _envelope(con),
            }
        )
    relations.sort(key=lambda r: (r["content"][0], r["source"][0]))
    return text, header, relations


def _envelope(pieces: list[tuple[int, int]]) -> list[int]:
    return [min(a for a, _ in pieces), max(b for _, b in pieces)]


def show(text: str, relations: list[dict]) -> str:
    """One line per relation: [source] cue <- content (for checking by eye)."""
    rows = []
    for r in relations:
        s, c, t = r["source"], r["cue"], r["content"]
        cue = text[c[0] : c[1]] if c else "-"
        rows.append(f"  [{text[s[0] : s[1]]}] {cue} <- {text[t[0] : t[1]][:100]!r}")
    return "\n".join(rows)


def convert(path: Path) -> Path:
    text, header, relations = parse(path.read_text(encoding="utf-8"))
    data = {
        "text": text,
        "published": header.get("published"),
        "outlet": header.get("outlet"),
        "attributions": relations,
    }
    out = path.parent.parent / f"{header.get('out', path.stem)}.json"
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    words = len(text.split())
    print(f"{out.name}: {words} words, {len(relations)} relations")
    return out


def check(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    print(f"{path.name}:")
    print(show(data["text"], data["attributions"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--check", action="store_true", help="print the relations of JSON fixtures")
    args = ap.parse_args()
    for p in args.paths:
        try:
            if args.check or p.suffix == ".json":
                check(p)
            else:
                check(convert(p))
        except MarkupError as e:
            sys.exit(f"{p}: {e}")


if __name__ == "__main__":
    main()
