"""Attributions in news text: who said what, through which cue, when, citing whom.

``shapes`` finds raw attributions (speaker, cue and content as token ranges);
this module turns them into ``ExtractedAttribution`` records: it resolves speaker
names through ``coref``, builds the citation chain, reads the date and hedges,
and attaches the figures parsed from the content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import compress

from factcheck.figures import parse_figures
from factcheck.frozen import frozen

from . import coref, cues, when
from .sentences import Span
from .shapes import Document, Raw, follow_ups
from .speakers import (
    DEMONYM_RE,
    PLACE_FIRST,
    NameParts,
    analyse,
    new_name_parts,
    np_left,
    np_right,
)

# Words before a name that make it a person's ("President", "Mr", "spokesperson"), and
# words that make a run of capitals something other than a person's name.
_TITLE_WORDS = cues.HONORIFICS | cues.ROLE_WORDS | cues.TITLES
_NOT_PERSONAL = cues.ORG_NAME_WORDS | cues.TITLES | cues.ROLE_WORDS

KINDS = ("direct_quote", "indirect", "according_to", "anonymous", "unattributed")


@dataclass(frozen=True)
class Hop:
    """One step of a citation chain: who, and whether they originated, relayed or published."""

    source: str
    role: str  # "origin" | "relay" | "publisher"


@dataclass
class ExtractedAttribution:
    """One statement ascribed to a speaker (or asserted by the outlet), with exact offsets."""

    speaker: Span | None
    speaker_name: str | None
    speaker_descriptor: str | None
    cue: Span | None
    content: Span
    kind: str
    hedged: bool
    chain: list[Hop]
    said_at: date | None
    said_at_text: Span | None
    figures: list = field(default_factory=list)
    sentence: Span | None = None


def _new_span(text: str, start: int, end: int) -> Span:
    """``Span(text, start, end)``, built faster (see ``frozen``)."""
    return frozen(Span, {"text": text, "start": start, "end": end})


def _new_hop(source: str, role: str) -> Hop:
    """``Hop(source, role)``, built faster (see ``frozen``)."""
    return frozen(Hop, {"source": source, "role": role})


def _mask(text: str, skip: Sequence[tuple[int, int]]) -> str:
    """``text`` with skipped spans turned into newlines (hard breaks), same length."""
    if not skip:
        return text
    n = len(text)
    spans = sorted((max(0, min(n, int(a))), max(0, min(n, int(b)))) for a, b in skip)
    out: list[str] = []
    pos = 0
    for a, b in spans:
        if b <= a or b <= pos:
            continue
        a = max(a, pos)
        out.append(text[pos:a])
        out.append("\n" * (b - a))
        pos = b
    out.append(text[pos:])
    return "".join(out)


# A dateline opening a story: "NEW YORK —", "WASHINGTON, D.C. —" (after ``_typewriter``).
# Up to five runs of capitals apart (no possessive quantifiers: see speakers._TOKEN_RE).
_DATELINE_RE = re.compile(r"[A-Z][A-Z.'’]*(?:[ ,]+[A-Z][A-Z.'’]*){0,4}[ ,]*[—–] *")


def _typewriter(work: str) -> str:
    """Typewriter punctuation read as typeset, same length: "--" as a dash ("Delmont --
    which …"), and the ``…'' quotation marks of older newswire text as curly ones."""
    if "--" in work:
        work = work.replace("--", "\u2014 ")
    if "``" in work:
        work = work.replace("``", "\u201c ").replace("''", "\u201d ")
    return work


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-"):
        b -= 1
    return a, b


def _figures(content: str, offset: int) -> list:
    try:
        return parse_figures(content, offset=offset)
    except Exception:  # noqa: BLE001 — a figure parser bug must not lose the attribution
        return []


class _Builder:
    def __init__(
        self, doc: Document, published: datetime | date | None, outlet: str | None, base: int
    ) -> None:
        self.doc = doc
        self.published = published
        self.outlet = outlet
        # The same (immutable) last hop closes every chain of the document.
        self.publisher = Hop(outlet, "publisher") if outlet else None
        self.base = base
        self.reg = coref.Registry()
        self.mentions = self._mentions()
        self._mi = 0
        self._resolved: dict[tuple, tuple] = {}

    def span(self, a: int, b: int) -> Span:
        return _new_span(self.doc.text[a:b], self.base + a, self.base + b)

    def _mentions(self) -> list[tuple[int, str, str | None]]:
        """Person names with their descriptors, in document order ("Russian president Vladimir Putin")."""
        doc = self.doc
        tk = doc.tk
        name, low, inq = tk.name, tk.low, tk.inq
        out: list[tuple[int, str, str | None]] = []
        n = tk.n
        nxt = 0  # tokens before this were part of the last name
        for i in compress(range(n), name):
            if i < nxt or inq[i]:
                continue
            j = i
            while j + 1 < n and (
                name[j + 1] or (low[j + 1] in cues.NAME_PARTICLES and j + 2 < n and name[j + 2])
            ):
                j += 1
            prev = low[i - 1].rstrip(".") if i > 0 else ""
            titled = prev in _TITLE_WORDS
            if (j > i and j - i < 4) or titled:
                if titled:
                    np = np_left(tk, j, max(doc.unit_lo[j], i - 8))
                    if np is not None:
                        parts = analyse(tk, doc.w, np[0], np[1])
                        if parts.name and parts.is_person and len(parts.name.split()) >= 2:
                            out.append((tk.s[i], parts.name, parts.descriptor))
                else:
                    words = low[i : j + 1]
                    if (
                        _NOT_PERSONAL.isdisjoint(words)
                        and words[0] not in PLACE_FIRST
                        and not DEMONYM_RE.search(words[0])
                    ):
                        out.append((tk.s[i], doc.w[tk.s[i] : tk.e[j]], None))
            nxt = j + 1
        return out

    def _register_until(self, pos: int) -> None:
        while self._mi < len(self.mentions) and self.mentions[self._mi][0] < pos:
            p, name, descriptor = self.mentions[self._mi]
            self.reg.add(name, person=True, descriptor=descriptor, pos=p)
            self._mi += 1

    def resolve(self, r: Raw) -> tuple[Span | None, str | None, str | None, bool, NameParts | None]:
        if r.speaker is None:
            return None, None, None, False, None
        key = (r.speaker, r.appos)
        if key in self._resolved:
            return self._resolved[key]
        out = self._resolve(r)
        self._resolved[key] = out
        return out

    def _resolve(
        self, r: Raw
    ) -> tuple[Span | None, str | None, str | None, bool, NameParts | None]:
        doc = self.doc
        tk = doc.tk
        w = doc.w
        assert r.speaker is not None
        a, b = r.speaker
        sa, sb = tk.s[a], tk.e[b - 1]
        parts = analyse(tk, w, a, b)
        name = parts.name
        descriptor = parts.descriptor
        if r.appos is not None:
            ap = analyse(tk, w, r.appos[0], r.appos[1])
            if ap.name and not name:
                name = ap.name
                parts = new_name_parts(
                    ap.name, parts.descriptor or ap.descriptor, True, False, ap.head
                )
            elif ap.descriptor and not descriptor:
                descriptor = ap.descriptor
            sb = tk.e[r.appos[1] - 1]
        self._register_until(sa)
        span_text = doc.text[sa:sb]
        resolved: str | None = None
        ent: coref.Entity | None = None
        low = tk.low[a]
        if b - a == 1 and low in cues.PRONOUNS:
            if low in ("he", "she", "i"):
                ent = self._subject_person(r, sa) or self.reg.latest(sa, person=True, within=2500)
            elif low in ("they", "it", "we"):
                ent = self.reg.latest(sa, person=False, within=900)
        elif name and len(name.split()) >= 2 and parts.is_person:
            ent = self.reg.add(name, person=True, descriptor=descriptor, pos=sa)
        elif name and len(name.split()) == 1:
            ent = self.reg.by_name_part(name)
        elif (
            descriptor
            and low in ("the",)
            or (descriptor and tk.t[a] not in cues.INDEFINITE and not parts.anonymous)
        ):
            ent = self.reg.by_role(descriptor or "", parts.head)
        if ent is not None:
            resolved = ent.name
            descriptor = descriptor or ent.descriptor
            self.reg.spoke(ent, sa)
        else:
            clean = name or span_text
            ent = self.reg.add(
                clean if (name or not parts.anonymous) else span_text,
                person=parts.is_person,
                descriptor=descriptor,
                pos=sa,
            )
            if not name and not parts.is_person:
                ent.person = False
            self.reg.spoke(ent, sa)
        if resolved:
            speaker_name = resolved
        elif name and (len(name.split()) >= 2 or r.appos is not None):
            speaker_name = name
        else:
            speaker_name = span_text
        return self.span(sa, sb), speaker_name, descriptor, parts.anonymous, parts

    def _subject_person(self, r: Raw, pos: int) -> coref.Entity | None:
        """A person named at the start of the same sentence ("Trump did not comment, but he said…")."""
        doc = self.doc
        tk = doc.tk
        us, ue, lo, hi = doc.units[r.unit]
        np = np_right(tk, lo, hi)
        if np is None or tk.s[np[0]] >= pos or tk.low[np[2]] in cues.PRONOUNS:
            return None
        parts = analyse(tk, doc.w, np[0], np[1])
        if not parts.name:
            return None
        if len(parts.name.split()) >= 2 and parts.is_person:
            return self.reg.add(
                parts.name, person=True, descriptor=parts.descriptor, pos=tk.s[np[0]]
            )
        ent = self.reg.by_name_part(parts.name.split()[-1])
        return ent if ent is not None and ent.person else None

    def build(self, raws: list[Raw]) -> list[ExtractedAttribution]:
        doc = self.doc
        out: list[ExtractedAttribution] = []
        seen: set[tuple] = set()
        for r in raws:
            ca, cb = _trim(doc.w, *r.content)
            if cb <= ca:
                continue
            if doc.w[ca : ca + 1].isupper():
                m = _DATELINE_RE.match(doc.w, ca, cb)
                if m is not None and m.end() < cb:
                    ca = m.end()  # "WASHINGTON — CONTENT, X said": the dateline is not said
            speaker, speaker_name, descriptor, anonymous, parts = self.resolve(r)
            key = (speaker.start if speaker else None, ca, cb)
            if key in seen:
                continue
            seen.add(key)
            if (
                not r.direct
                and r.mode != "paren"
                and speaker is not None
                and ca < speaker.start - self.base < cb
            ):
                # "CONTENT, the governor said on Friday, …": reported speech never holds its
                # own speaker (a quote resumed after "she said" legitimately spans it)
                cut = _trim(doc.w, ca, speaker.start - self.base)
                if cut[1] - cut[0] >= 12:
                    ca, cb = cut
            content = self.span(ca, cb)
            cue = self.span(*r.cue) if r.cue else None
            # chain: origin -> relays -> publisher
            chain: list[Hop] = []
            origin_anon = anonymous
            if speaker is not None:
                if r.citing is not None:
                    ta, tb = r.citing
                    ctext = doc.text[doc.tk.s[ta] : doc.tk.e[tb - 1]]
                    cparts = analyse(doc.tk, doc.w, ta, tb)
                    cname = cparts.name if cparts.name else ctext
                    ent = self.reg.by_name_part(cname.split()[-1]) if cparts.name else None
                    chain.append(_new_hop(ent.name if ent else cname, "origin"))
                    chain.append(_new_hop(speaker_name or speaker.text, "relay"))
                    origin_anon = cparts.anonymous
                else:
                    chain.append(_new_hop(speaker_name or speaker.text, "origin"))
                for rel in r.relays:
                    if all(h.source != rel for h in chain):
                        chain.append(_new_hop(rel, "relay"))
            if self.publisher is not None:
                chain.append(self.publisher)
            if speaker is None:
                kind = "unattributed"
            elif origin_anon:
                kind = "anonymous"
            elif r.direct:
                kind = "direct_quote"
            elif r.according:
                kind = "according_to"
            else:
                kind = "indirect"
            lo_h = min(
                ca,
                r.cue[0] if r.cue else ca,
                speaker.start - self.base if speaker else ca,
            )
            hi_h = max(cb, r.cue[1] if r.cue else cb)
            hedged = r.hedge or doc.hedged(lo_h, hi_h)
            said_at = None
            said_text = None
            if speaker is not None:
                for fa, fb in r.frame:
                    m = doc.when_in(fa, fb)
                    if m is not None:
                        said_text = self.span(m.start(), m.end())
                        said_at = when.resolve(m, self.published)
                        break
            sa, sb = r.sentence
            sa, sb = min(sa, ca), max(sb, cb)
            out.append(
                ExtractedAttribution(
                    speaker=speaker,
                    speaker_name=speaker_name,
                    speaker_descriptor=descriptor,
                    cue=cue,
                    content=content,
                    kind=kind,
                    hedged=hedged,
                    chain=chain,
                    said_at=said_at,
                    said_at_text=said_text,
                    figures=_figures(content.text, content.start) if doc.has_number(ca, cb) else [],
                    sentence=self.span(sa, sb),
                )
            )
        return out


def extract(
    text: str,
    *,
    published: datetime | date | None = None,
    outlet: str | None = None,
    skip: Sequence[tuple[int, int]] = (),
    base: int = 0,
) -> list[ExtractedAttribution]:
    """Attributions in ``text`` in document order; offsets are ``base`` + index into ``text``."""
    if not text:
        return []
    doc = Document(text, _typewriter(_mask(text, skip)))
    raws = follow_ups(doc, doc.find())
    return _Builder(doc, published, outlet, base).build(raws)
