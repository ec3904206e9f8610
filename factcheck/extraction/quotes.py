"""Find quotations: straight and curly, nested, and continued across paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A run of newlines acts as one (masked regions are long runs); one leading character
# class lets the regex engine scan for candidates quickly.
_QUOTE_CHARS_RE = re.compile(r"[“”\"‘’'\n](?:(?<=\n)\n*)?")
_LINE_START_QUOTE_RE = re.compile(r"\n[ \t\u00a0]*([“\"])")
_OPEN_CONTEXT = frozenset(" \t\u00a0\n([{—–-/:;,“‘")


@dataclass(frozen=True)
class Quote:
    """One quotation: ``start`` is the opening mark, ``end`` is just after the closing mark."""

    start: int
    end: int
    double: bool
    depth: int  # 0 for top level, 1 for a quote inside a quote


def _next_line_opens(text: str, pos: int) -> int | None:
    """Position of the opening mark if the paragraph after ``pos`` starts with one."""
    n = len(text)
    while pos < n and text[pos] == "\n":
        pos += 1
    while pos < n and text[pos] in " \t\u00a0":
        pos += 1
    if pos < n and text[pos] in '“"':
        return pos
    return None


def find_quotes(text: str) -> list[Quote]:
    """Quotations in ``text`` in order of their opening mark.

    An opening double quote left open at the end of a paragraph continues into the
    next paragraph when that paragraph starts with an opening quote (newspaper
    style); otherwise the unmatched mark is ignored. Single quotes never cross a
    paragraph break, and an apostrophe is never taken for a closing quote.
    """
    out: list[Quote] = []
    dstack: list[int] = []
    sstack: list[int] = []
    skip_pos = -1
    n = len(text)
    for m in _QUOTE_CHARS_RE.finditer(text):
        p = m.start()
        c = m.group()
        if c[0] == "\n":
            sstack.clear()
            if dstack:
                cont = _next_line_opens(text, p)
                if cont is not None:
                    del dstack[1:]
                    skip_pos = cont
                else:
                    dstack.clear()
            continue
        if p == skip_pos:
            continue
        prev = text[p - 1] if p > 0 else " "
        nxt = text[p + 1] if p + 1 < n else " "
        if c == "“":
            dstack.append(p)
        elif c == "”":
            if dstack:
                start = dstack.pop()
                out.append(Quote(start, p + 1, True, len(dstack)))
        elif c == '"':
            opening = prev in _OPEN_CONTEXT and not nxt.isspace()
            closing = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
            if opening and not closing:
                dstack.append(p)
            elif closing and not opening:
                if dstack:
                    start = dstack.pop()
                    out.append(Quote(start, p + 1, True, len(dstack)))
            elif dstack:
                start = dstack.pop()
                out.append(Quote(start, p + 1, True, len(dstack)))
            else:
                dstack.append(p)
        elif c == "‘":
            if nxt.isalnum() or nxt in "“\"'":
                sstack.append(p)
        elif c in "’'":
            if sstack and not prev.isspace() and not nxt.isalnum():
                start = sstack.pop()
                out.append(Quote(start, p + 1, False, len(dstack) + len(sstack)))
            elif c == "'" and (prev in _OPEN_CONTEXT or p == 0) and nxt.isalpha():
                sstack.append(p)
    out.sort(key=lambda q: q.start)
    return out


def top_level(quotes: list[Quote]) -> list[Quote]:
    """Quotes not contained in another quote, in order."""
    out: list[Quote] = []
    for q in quotes:
        if out and q.start < out[-1].end:
            if q.end > out[-1].end:
                # Overlapping but not nested (unbalanced marks): keep the union.
                last = out[-1]
                out[-1] = Quote(last.start, q.end, last.double or q.double, 0)
            continue
        out.append(q)
    return out
