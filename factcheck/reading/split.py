"""Split a report into documents: live-blog entries, re-published articles, JSON items.

Each `DocumentDraft` is an exact slice of `RawReport.text`, so offsets found
in `draft.text` plus `draft.start` are offsets into the file as read. Nothing
is deleted: page furniture, captions, header lines and repeated passages are
listed in `draft.skip` for extraction to ignore.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from factcheck.reading import aggregator, liveblog
from factcheck.reading import lines as ln
from factcheck.reading.dates import as_utc, clock_on
from factcheck.reading.fingerprint import containment, normal_text, normal_words, shingles
from factcheck.reading.load import RawReport
from factcheck.reading.meta import authors_from, clean_str, date_from

ARTICLE = "article"
LIVEBLOG_ENTRY = "liveblog_entry"

# Region roles: how a slice of the page relates to the page.
_SINGLE = "single"  # the whole report is one article
_LEAD = "lead"  # the top of a live blog: page headline, standfirst, summary
_ENTRY = "entry"  # one live-blog entry
_MAIN = "main"  # the page's own article above re-published ones
_ITEM = "item"  # an article re-published under another outlet's header
_PART = "part"  # one object of a JSON report

_TITLE_PREFIX = re.compile(
    r"^\s*(?:breaking(?:\s+news)?|key\s+(?:point|event|update)|updated?|live|just\s+in|exclusive)"
    r"\s*[:|–—-]\s*",
    re.IGNORECASE,
)
# Sentence end: stop mark(s) and closing quotes before a space, or glued to the next
# sentence's capital ("concerns.Ukraine's") when a lower-case word precedes the stop.
_SENTENCE_END = re.compile(
    r"[.!?…](?:[.!?…]*[\"”’')\]]*(?=\s|$)|(?<=[a-z]{2}[.!?])[\"”’]?(?=[A-Z“\"]))"
)
# The same, with the whitespace after the sentence (group 1) where the next one starts.
_SENTENCE_END_SPACE = re.compile(rf"(?:{_SENTENCE_END.pattern})(\s*)")
# A repeated run must hold one sentence at least this long to be dropped: short
# sentences ("He declined to comment.") legitimately recur.
_MIN_REPEAT_WORDS = 6
_MIN_REPEAT_CHARS = 40
_COPY_CONTAINMENT = 0.9
_MIN_COPY_WORDS = 8


@dataclass
class DocumentDraft:
    """One document found in a report, as an exact slice of the report's text."""

    text: str  # == raw.text[start:end]
    start: int  # offset of this document in raw.text
    end: int
    title: str | None
    outlet: str | None
    authors: list[str]
    published: datetime | None  # timezone-aware UTC
    url: str | None
    kind: str  # "article" | "liveblog_entry"
    skip: list[tuple[int, int]]  # spans relative to `text` that extraction must ignore
    body_start: int  # relative offset where the body begins (after headline/byline)
    copy_of: int | None  # index of an earlier draft in the same report with the same body
    title_span: tuple[int, int] | None = None  # relative span of the headline line, if any

    def kept_spans(self) -> list[tuple[int, int]]:
        """Relative spans of the body that are not skipped, in order."""
        spans = []
        pos = self.body_start
        for a, b in self.skip:
            if b <= pos:
                continue
            if a > pos:
                spans.append((pos, a))
            pos = max(pos, b)
        if pos < len(self.text):
            spans.append((pos, len(self.text)))
        return [(a, b) for a, b in spans if self.text[a:b].strip()]

    def skip_text(self) -> str:
        """The skipped spans as the ledger stores them (``Document.skip``): "a-b,c-d"."""
        return ",".join(f"{a}-{b}" for a, b in self.skip)

    def body_text(self) -> str:
        """The body without skipped spans (pieces joined by newlines), for fingerprints."""
        return "\n".join(self.text[a:b].strip() for a, b in self.kept_spans())


@dataclass
class _Region:
    first: int  # first line index
    last: int  # line index after the last line
    start: int  # character offsets into the report text
    end: int
    role: str
    title: str | None = None
    header: set[int] = field(default_factory=set)
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    authors: list[str] = field(default_factory=list)
    delta: timedelta | None = None


@dataclass
class _Page:
    """What is known about the whole page, and what the caller insists on."""

    title: str | None
    outlet: str | None
    url: str | None
    published: datetime | None
    authors: list[str]
    given_outlet: str | None
    given_url: str | None
    given_published: datetime | None
    day: datetime | None  # the page's calendar day, for time-only entry marks


def split_report(
    raw: RawReport,
    *,
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
) -> list[DocumentDraft]:
    """Split `raw` into documents, never raising on odd text.

    `outlet`, `url` and `published` (from the command line) override what the text
    says for the page's own article (single article, live-blog lead, aggregator main
    article, every JSON item). Live-blog entries keep their own timestamps (the
    given time only fills in when an entry has none) and take the given outlet and
    URL. Articles re-published under another outlet keep that outlet; their
    relative times ("2 days ago") count back from `published` (or the page's date
    from HTML metadata) and are None without one.
    """
    text = raw.text
    lines = ln.split_lines(text)
    ln.classify(lines)
    given = as_utc(published) if published is not None else None
    page_published = date_from(raw.meta.get("published"))
    page = _Page(
        title=clean_str(raw.meta.get("title")),
        outlet=clean_str(raw.meta.get("outlet")),
        url=clean_str(raw.meta.get("url")),
        published=page_published,
        authors=authors_from(raw.meta.get("authors")),
        given_outlet=clean_str(outlet),
        given_url=clean_str(url),
        given_published=given,
        day=given or page_published or _first_date(lines),
    )
    if raw.format == "json" and raw.parts:
        regions = _json_regions(raw, lines)
    else:
        regions = _segment(lines, len(text))
    drafts = []
    for region in regions:
        draft = _build(text, lines, region, page)
        if draft is not None:
            drafts.append(draft)
    if not drafts:
        drafts = [_whole(text, lines, page)]
    _mark_copies(drafts)
    return drafts


# --- segmentation -------------------------------------------------------------------


def _segment(lines: list[ln.Line], length: int) -> list[_Region]:
    entries = liveblog.find_entries(lines)
    if entries is not None:
        return _liveblog_regions(lines, entries, length)
    items = aggregator.find_items(lines)
    if items:
        return _aggregator_regions(lines, items, length)
    return [_Region(0, len(lines), 0, length, _SINGLE)]


def _bounds(
    lines: list[ln.Line], firsts: list[int], length: int
) -> list[tuple[int, int, int, int]]:
    """(first line, last line, start, end) for regions that begin at `firsts`, tiling the text."""
    out = []
    for k, first in enumerate(firsts):
        last = firsts[k + 1] if k + 1 < len(firsts) else len(lines)
        if k == 0:
            # The first region also owns whatever furniture sits above its first line.
            first = 0
        start = lines[first].start
        end = lines[last].start if last < len(lines) else length
        out.append((first, last, start, end))
    return out


def _liveblog_regions(
    lines: list[ln.Line], entries: liveblog.Entries, length: int
) -> list[_Region]:
    firsts = list(entries.starts)
    roles = [_ENTRY] * len(firsts)
    if entries.lead and firsts[0] > 0:
        firsts.insert(0, 0)
        roles.insert(0, _LEAD)
    return [
        _Region(first, last, start, end, role)
        for (first, last, start, end), role in zip(
            _bounds(lines, firsts, length), roles, strict=True
        )
    ]


def _aggregator_regions(
    lines: list[ln.Line], items: list[aggregator.Item], length: int
) -> list[_Region]:
    firsts = [item.first for item in items]
    described: list[aggregator.Item | None] = list(items)
    roles = [_ITEM] * len(items)
    if any(line.kind == ln.TEXT for line in lines[: firsts[0]]):
        # Text above the first header is the page's own article, told without a header.
        firsts.insert(0, 0)
        described.insert(0, None)
        roles.insert(0, _MAIN)
    else:
        roles[0] = _MAIN
    regions = []
    for (first, last, start, end), item, role in zip(
        _bounds(lines, firsts, length), described, roles, strict=True
    ):
        region = _Region(first, last, start, end, role)
        if item is not None:
            region.title = item.title
            region.header = set(item.header)
            region.outlet = item.outlet
            region.delta = item.delta
        regions.append(region)
    return regions


def _json_regions(raw: RawReport, lines: list[ln.Line]) -> list[_Region]:
    regions = []
    starts = [line.start for line in lines]
    for part in raw.parts:
        first = bisect.bisect_left(starts, part.start)
        last = bisect.bisect_left(starts, part.end + 1)
        meta = part.meta
        regions.append(
            _Region(
                first,
                max(first, last),
                part.start,
                part.end,
                _PART,
                title=clean_str(meta.get("title")),
                outlet=clean_str(meta.get("outlet")),
                url=clean_str(meta.get("url")),
                published=date_from(meta.get("published")),
                authors=authors_from(meta.get("authors")),
            )
        )
    return regions


def _first_date(lines: list[ln.Line]) -> datetime | None:
    for line in lines:
        if line.kind in (ln.DATE, ln.STAMP, ln.EPOCH):
            return line.info
        if line.kind == ln.BYLINE and line.info[1] is not None:
            return line.info[1]
    return None


# --- one document ---------------------------------------------------------------------


def _build(text: str, lines: list[ln.Line], region: _Region, page: _Page) -> DocumentDraft | None:
    s, e = region.start, region.end
    idxs = range(region.first, region.last)
    skip = {i for i in idxs if lines[i].kind in ln.FURNITURE} | region.header
    _skip_cards(lines, idxs, skip)
    _skip_link_lists(lines, idxs, skip)

    own_page = region.role in (_SINGLE, _LEAD, _MAIN, _PART)
    title, title_idx = _find_title(lines, idxs, skip, region, page.title if own_page else None)
    body_idx = next(
        (
            i
            for i in idxs
            if (title_idx is None or i > title_idx) and lines[i].kind == ln.TEXT and i not in skip
        ),
        None,
    )
    spans = [
        (max(lines[i].start, s), min(lines[i].end, e))
        for i in sorted(skip)
        if region.first <= i < region.last
    ]
    if body_idx is not None:
        spans.extend(_repeated_passages(text, lines, range(body_idx, region.last), skip, e))
    skip_spans = _merge(text, [(a - s, b - s) for a, b in spans if b > a], s)

    doc_text = text[s:e]
    body_start = (lines[body_idx].start - s) if body_idx is not None else len(doc_text)
    body_start = min(max(body_start, 0), len(doc_text))
    has_body = body_idx is not None and _has_kept(doc_text, skip_spans, body_start)
    # Headers without a body are link lists; JSON items always stay one draft each.
    if not has_body and region.role != _PART and (region.role == _ITEM or title is None):
        return None

    authors = _authors(lines, idxs) or region.authors
    found_date = _published(lines, idxs, region, page)
    kind = LIVEBLOG_ENTRY if region.role == _ENTRY else ARTICLE
    if own_page:
        title = title or page.title
        outlet = page.given_outlet or region.outlet or page.outlet
        url = page.given_url or region.url or page.url
        when = page.given_published or found_date or page.published
        authors = authors or page.authors
    elif region.role == _ENTRY:
        outlet = page.given_outlet or page.outlet
        url = page.given_url or page.url
        when = found_date or page.given_published
    else:
        outlet, url, when = region.outlet, None, found_date
    title_span = None
    if title_idx is not None:
        line = lines[title_idx]
        title_span = (max(line.start, s) - s, min(line.end, e) - s)
    return DocumentDraft(
        text=doc_text,
        start=s,
        end=e,
        title=title,
        outlet=outlet,
        authors=authors,
        published=when,
        url=url,
        kind=kind,
        skip=skip_spans,
        body_start=body_start,
        copy_of=None,
        title_span=title_span,
    )


def _whole(text: str, lines: list[ln.Line], page: _Page) -> DocumentDraft:
    """The whole report as one article, every furniture line skipped (nothing else found)."""
    spans = [
        (line.start, line.end)
        for line in lines
        if line.kind in ln.FURNITURE and line.end > line.start
    ]
    return DocumentDraft(
        text=text,
        start=0,
        end=len(text),
        title=page.title,
        outlet=page.given_outlet or page.outlet,
        authors=page.authors,
        published=page.given_published or page.published,
        url=page.given_url or page.url,
        kind=ARTICLE,
        skip=_merge(text, spans, 0),
        body_start=0,
        copy_of=None,
    )


def _skip_cards(lines: list[ln.Line], idxs: range, skip: set[int]) -> None:
    # "Report:" followed by a linked headline and its standfirst: a teaser, not the story.
    pending = 0
    for i in idxs:
        line = lines[i]
        if line.kind == ln.CARD:
            pending = 3
        elif line.kind == ln.BLANK:
            continue
        elif pending and line.kind == ln.TEXT and ln.headline_like(line.text):
            skip.add(i)
            pending -= 1
        else:
            pending = 0


def _skip_link_lists(lines: list[ln.Line], idxs: range, skip: set[int]) -> None:
    # Under "Related Articles" / "Most read": headline-like lines are links to elsewhere.
    inside = False
    for i in idxs:
        line = lines[i]
        if line.kind == ln.SECTION:
            inside = True
        elif line.kind == ln.BLANK or not inside:
            continue
        elif line.kind == ln.TEXT and ln.headline_like(line.text):
            skip.add(i)
        elif line.kind not in ln.FURNITURE:
            inside = False


def _find_title(
    lines: list[ln.Line], idxs: range, skip: set[int], region: _Region, page_title: str | None
) -> tuple[str | None, int | None]:
    title = region.title
    title_idx = None
    if title is None and page_title:
        # HTML metadata names the headline; use it if the text repeats it.
        key = normal_text(page_title)
        longest = len(page_title) * 2 + 20
        for i in idxs:
            line = lines[i]
            if (
                line.kind == ln.TEXT
                and i not in skip
                and len(line.text) <= longest
                and normal_text(line.text) == key
            ):
                title = page_title
                break
    if title is None:
        candidates = [i for i in idxs if lines[i].kind == ln.TEXT and i not in skip]
        if not candidates:
            return None, None
        first = candidates[0]
        # A headline is short and unpunctuated and has body text after it (a live blog's
        # lead may be no more than its headline). JSON items come with their own title
        # field, so their first line is body.
        enough = len(candidates) > 1 or region.role == _LEAD
        if region.role != _PART and enough and ln.headline_like(lines[first].text):
            title_idx = first
            title = _TITLE_PREFIX.sub("", lines[first].text.strip()) or lines[first].text.strip()
    if title is None:
        return None, None
    key = normal_text(title)
    bare = normal_text(_TITLE_PREFIX.sub("", title))
    longest = len(title) * 2 + 20  # normalising every long paragraph would be wasted work
    for i in idxs:
        line = lines[i]
        if (
            line.kind in (ln.TEXT, ln.BULLET)
            and len(line.text) <= longest
            and normal_text(line.text) in (key, bare)
        ):
            skip.add(i)
            if title_idx is None:
                title_idx = i
    if title_idx is None and region.header:
        title_idx = min(region.header)
    return title, title_idx


def _authors(lines: list[ln.Line], idxs: range) -> list[str]:
    names: list[str] = []
    for i in idxs:
        line = lines[i]
        found = line.info if line.kind == ln.AUTHORS else None
        if line.kind == ln.BYLINE:
            found = line.info[0]
        for name in found or ():
            if name not in names:
                names.append(name)
    return names


def _published(lines: list[ln.Line], idxs: range, region: _Region, page: _Page) -> datetime | None:
    if region.published is not None:
        return region.published
    found: dict[str, datetime] = {}
    for i in idxs:
        line = lines[i]
        if line.kind in (ln.EPOCH, ln.DATE, ln.STAMP) and line.kind not in found:
            found[line.kind] = line.info
        elif line.kind == ln.BYLINE and line.info[1] is not None and ln.BYLINE not in found:
            found[ln.BYLINE] = line.info[1]
        elif line.kind == ln.CLOCK and ln.CLOCK not in found and page.day is not None:
            hour, minute, zone = line.info
            found[ln.CLOCK] = clock_on(page.day, hour, minute, zone)
    order: tuple[str, ...]
    if region.role == _ENTRY:
        order = (ln.EPOCH, ln.BYLINE, ln.CLOCK, ln.DATE, ln.STAMP)
    else:
        order = (ln.DATE, ln.BYLINE, ln.EPOCH, ln.STAMP)
    for kind in order:
        if kind in found:
            return found[kind]
    if region.delta is not None:
        reference = page.given_published or page.published
        if reference is not None:
            return reference - region.delta
    return None


def _sentences(text: str, base: int) -> list[tuple[int, int]]:
    spans = []
    pos = len(text) - len(text.lstrip())
    for m in _SENTENCE_END_SPACE.finditer(text):
        end = m.start(1)
        if end <= pos:
            continue
        spans.append((base + pos, base + end))
        pos = m.end()
    tail = text[pos:].rstrip()
    if tail:
        spans.append((base + pos, base + pos + len(tail)))
    return spans


def _repeated_passages(
    text: str, lines: list[ln.Line], idxs: range, skip: set[int], end: int
) -> list[tuple[int, int]]:
    """Spans of sentences that repeat earlier ones.

    Within each paragraph, a run of repeated sentences is dropped when it holds one
    substantial sentence: a pasted copy goes, abbreviation fragments and all, while a
    short stock sentence ("He declined to comment.") may recur.
    """
    seen: set[str] = set()
    out: list[tuple[int, int]] = []
    for i in idxs:
        line = lines[i]
        if line.kind != ln.TEXT or i in skip:
            continue
        run: list[tuple[int, int]] = []  # repeated sentences in a row
        substantial = False  # whether one of them is long enough to drop the run
        for a, b in _sentences(text[line.start : min(line.end, end)], line.start):
            # Pasted copies are verbatim: comparing the sentences as written is enough.
            key = text[a:b]
            if key in seen:
                run.append((a, b))
                substantial = substantial or _substantial(key)
                continue
            if substantial:
                out.extend(run)
            run = []
            substantial = False
            seen.add(key)
        if substantial:
            out.extend(run)
    return out


def _substantial(sentence: str) -> bool:
    return len(sentence) >= _MIN_REPEAT_CHARS or sentence.count(" ") + 1 >= _MIN_REPEAT_WORDS


def _merge(text: str, spans: list[tuple[int, int]], base: int) -> list[tuple[int, int]]:
    """Sort spans and join those separated by nothing but whitespace."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged:
            pa, pb = merged[-1]
            if a <= pb or not text[base + pb : base + a].strip():
                merged[-1] = (pa, max(pb, b))
                continue
        merged.append((a, b))
    return merged


def _has_kept(doc_text: str, skip: list[tuple[int, int]], body_start: int) -> bool:
    pos = body_start
    for a, b in skip:
        if b <= pos:
            continue
        if a > pos and doc_text[pos:a].strip():
            return True
        pos = max(pos, b)
    return bool(doc_text[pos:].strip())


# --- copies ---------------------------------------------------------------------------


def _mark_copies(drafts: list[DocumentDraft]) -> None:
    """Point each draft whose body repeats an earlier draft's body at that draft."""
    if len(drafts) < 2:
        return
    by_key: dict[str, int] = {}
    sets: dict[int, set[int]] = {}
    index: dict[int, list[int]] = defaultdict(list)
    for i, draft in enumerate(drafts):
        body = draft.body_text()
        words = normal_words(body)
        if len(words) < _MIN_COPY_WORDS:
            continue
        key = " ".join(words)
        if key in by_key:
            draft.copy_of = by_key[key]
            continue
        shingle_set = shingles(body)
        votes = Counter(j for h in shingle_set for j in index.get(h, ()))
        for j, _ in votes.most_common(3):
            if containment(shingle_set, sets[j]) >= _COPY_CONTAINMENT:
                draft.copy_of = j
                break
        if draft.copy_of is not None:
            continue
        by_key[key] = i
        sets[i] = shingle_set
        for h in shingle_set:
            index[h].append(i)
