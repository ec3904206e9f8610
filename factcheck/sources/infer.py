"""Guess who a speaker phrase denotes: canonical name, kind, side, parent and anonymity.

``infer_source("Russia's Defence Ministry")`` → ``Ministry of Defence of Russia`` (government, RU).
Pure and cheap: no database, one regex scan of the phrase (and of ``context`` when the phrase
alone gives no side), results memoised.

Rules, in the order they apply:

1. A known outlet, wire or platform (``Reuters``, ``Kyiv Independent``) or a known organisation
   (``the Pentagon`` → ``US Department of Defense``, ``Kremlin``, ``Rosaviatsia``) is returned as
   listed in the gazetteer. Independent outlets have no side; state media have one.
2. A personal name is split off the end of the phrase (``Kharkiv mayor Ihor Terekhov``) or
   from an apposition (``Ushakov, the Kremlin aide``); honorifics are dropped. A listed office
   holder gets its canonical name (``Zelenskiy`` → ``Volodymyr Zelensky``). A person with an
   official role word (president, minister, spokesperson, governor, mayor, aide, ambassador,
   general, commander …) or on the office-holder list is ``official``, anyone else ``person``.
   A "former" official is a ``person``.
3. Without a name, a role that has one holder per country or place names an office
   (``Moscow's mayor`` → ``Mayor of Moscow``); an unnamed holder of a shared role, or a plural
   (``a senior official``, ``Kremlin aide``, ``Ukrainian officials``) is anonymous with kind
   ``official`` — they speak for a state, which is what makes a source partisan (DESIGN §2) —
   and ``sources``, ``experts``, ``witnesses`` are anonymous with kind ``anonymous`` unless an
   official word qualifies them (``military sources``).
4. National bodies get one canonical name whatever the wording: ``Ukraine's Armed Forces``,
   ``Ukrainian armed forces`` → ``Armed Forces of Ukraine``; ``Russian Defence Ministry``,
   ``the Russian Ministry of Defence`` → ``Ministry of Defence of Russia``. Ministries, including
   defence ministries and the Pentagon, are ``government``; armed forces, general staffs, air
   forces, navies and commanders are ``military``; police, emergency services, aviation
   authorities and security services are ``state_agency``.
5. Side: the first term in the phrase or descriptor that belongs to one side (country, demonym,
   capital, city, institution, known person); else the known person's or parent's side; else,
   for official kinds only, the side the context mentions most often (None on a tie).
   ``the city's mayor`` takes the last city named in the context before the phrase.
6. Parent: a known organisation or national body in the descriptor (``Pentagon spokesperson`` →
   ``US Department of Defense``), the office of a leader named in it (``Putin aide`` →
   ``Kremlin``), the parent of a listed office holder, or the office implied by the role
   (a president → the presidential office; a foreign minister → the foreign ministry; a
   commander → the armed forces; ``General Staff`` → the armed forces).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from factcheck.sources.gazetteer import (
    Country,
    KnownPerson,
    Mention,
    Organisation,
    Outlet,
    Place,
    country,
    gazetteer,
    organisation,
    outlet,
)
from factcheck.sources.names import PARTICLES, person_parts

__all__ = ["KINDS", "OFFICIAL_KINDS", "SourceGuess", "infer_source"]

KINDS = (
    "person",
    "official",
    "organisation",
    "government",
    "military",
    "state_agency",
    "state_media",
    "party",
    "outlet",
    "wire",
    "social_media",
    "anonymous",
    "unknown",
)
OFFICIAL_KINDS = frozenset(
    {"official", "government", "military", "state_agency", "state_media", "party"}
)


@dataclass(frozen=True)
class SourceGuess:
    """What a speaker phrase most likely denotes."""

    name: str
    kind: str
    side: str | None
    parent: str | None
    anonymous: bool
    descriptor: str | None

    @property
    def official(self) -> bool:
        """True when the kind speaks for a state, party or state media."""
        return self.kind in OFFICIAL_KINDS


@dataclass(frozen=True)
class _Role:
    phrase: str
    title: str
    unique: bool
    parent: str | None
    place: bool
    official: bool
    plural: bool
    kind: str


@dataclass(frozen=True)
class _Vocab:
    offices: Mapping[str, Mapping[str, Any]]
    institutions: Mapping[str, str]
    institution_re: re.Pattern[str]
    ministry_re: re.Pattern[str]
    portfolio_re: re.Pattern[str]
    portfolio_of: Mapping[str, str]
    portfolio_title: Mapping[str, str]
    acronym_re: re.Pattern[str]
    acronyms: Mapping[str, str]
    roles: Mapping[str, _Role]
    role_re: re.Pattern[str]
    honorifics: frozenset[str]
    anonymous_words: frozenset[str]
    official_qualifiers: frozenset[str]
    not_of_re: re.Pattern[str]
    stop_words: frozenset[str]


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w-])"


@cache
def _vocab() -> _Vocab:
    raw = gazetteer().raw
    roles = {
        phrase: _Role(
            phrase=phrase,
            title=spec["title"],
            unique=bool(spec.get("unique")),
            parent=spec.get("parent"),
            place=bool(spec.get("place")),
            official=spec.get("official", True),
            plural=bool(spec.get("plural")),
            kind=spec.get("kind", "official"),
        )
        for phrase, spec in raw["roles"].items()
    }
    for phrase, role in list(roles.items()):
        plural = phrase + "s"
        if not role.plural and not phrase.endswith("s") and plural not in roles:
            roles[plural] = _Role(**{**role.__dict__, "phrase": plural, "plural": True})
    portfolio_of = {}
    portfolio_title = {}
    for key, spec in raw["portfolios"].items():
        portfolio_title[key] = spec["title"]
        for word in spec["words"]:
            portfolio_of[word] = key
    institutions = dict(raw["institution_words"])
    stop = {"of", "the", "and", "for", "a", "an", "to", "former", "acting", "deputy", "top"}
    stop.update({"senior", "local", "regional", "city", "state", "federal", "national", "ex"})
    for phrase in [*roles, *institutions, *portfolio_of, *raw["ministry_words"]]:
        for word in phrase.split():
            stop.add(word.removesuffix("'s"))
    stop.update(raw["anonymous_words"])
    stop.update(a.lower() for a in raw["ministry_acronyms"])
    return _Vocab(
        offices=raw["offices"],
        institutions=institutions,
        institution_re=re.compile(_alternation(list(institutions))),
        ministry_re=re.compile(_alternation(raw["ministry_words"])),
        portfolio_re=re.compile(_alternation(list(portfolio_of))),
        portfolio_of=portfolio_of,
        portfolio_title=portfolio_title,
        acronym_re=re.compile(r"\b(?:" + "|".join(raw["ministry_acronyms"]) + r")\b"),
        acronyms=raw["ministry_acronyms"],
        roles=roles,
        role_re=re.compile(_alternation(list(roles))),
        honorifics=frozenset(raw["honorifics"]),
        anonymous_words=frozenset(raw["anonymous_words"]),
        official_qualifiers=frozenset(raw["official_qualifiers"]),
        not_of_re=re.compile(_alternation(raw["not_of_words"])),
        stop_words=frozenset(stop),
    )


# -- text helpers ------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_EDGE = " \t\n\"'()[]{}“”‘’,;:—–-"
_ARTICLE = re.compile(r"(?i)^(the|a|an)\s+")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})
_RANKS = frozenset({"major", "colonel", "lieutenant", "captain", "general", "sergeant", "admiral"})
_FORMER = re.compile(r"(?i)(?<![\w-])(?:former|ex)(?![\w])")
_SUBORDINATE = re.compile(r"(?i)(?<![\w-])(?:deputy|assistant|vice)(?![\w])")
_REFERENCE = re.compile(r"(?i)\bthe (city|capital|region|country)'s\b")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]+$")
_DESTINATION = re.compile(r"(?i)\b(?:to|in|at|from|with|on)\s+(?:the\s+)?$")
_BACKED = re.compile(
    r"-(?:installed|backed|appointed|controlled|led|aligned|run|imposed|held|occupied)\b", re.I
)


def _clean(phrase: str) -> str:
    text = re.sub(r"\s+", " ", phrase.translate(_QUOTES)).strip(_EDGE)
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1].rstrip(_EDGE)
    return re.sub(r"(?i)^according to\s+", "", text)


def _split_article(text: str) -> tuple[str | None, str]:
    m = _ARTICLE.match(text)
    if m and len(text) > m.end():
        return m.group(1).lower(), text[m.end() :]
    return None, text


def _lower_first(text: str) -> str:
    """Lower-case a common first word ("Local officials"); proper nouns keep their capital."""
    first, _, rest = text.partition(" ")
    if first[:1].isupper() and first.lower() in _vocab().stop_words | _vocab().anonymous_words:
        return first.lower() + (" " + rest if rest else "")
    return text


@dataclass
class _Parsed:
    name: str | None
    honorific: str | None
    desc: str


def _name_tokens(body: str, mentions: tuple[Mention, ...]) -> _Parsed:
    """Split a trailing personal name from its descriptor."""
    vocab = _vocab()
    covered = [(m.start, m.end) for m in mentions if m.how != "person"]
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", body)]

    def name_like(start: int, end: int, tok: str) -> bool | None:
        word = tok.strip(',;:()"')
        if not word or word.endswith(("'s", "s'")):
            return False
        low = word.lower()
        if low in vocab.stop_words or low in _PRONOUNS:
            return False
        if any(s < end and start < e for s, e in covered):
            return False
        if low in PARTICLES or low.startswith(("al-", "el-")):
            return None  # a particle: part of a name only inside one
        return word[0].isupper()

    i = len(tokens)
    while i > 0:
        verdict = name_like(*tokens[i - 1])
        if verdict is False:
            break
        i -= 1
    name_toks = tokens[i:]
    while name_toks and name_like(*name_toks[0]) is None:
        name_toks = name_toks[1:]
    honorific = None
    while name_toks and name_toks[0][2].rstrip(".").lower() in vocab.honorifics:
        honorific = name_toks[0][2].rstrip(".").lower()
        name_toks = name_toks[1:]
    if not name_toks:
        return _Parsed(None, None, body)
    start = name_toks[0][0]
    cut = tokens[i][0] if i < len(tokens) else len(body)
    name = body[start:].strip(" ,")
    if len(name_toks) == 1 and _ACRONYM.match(name):
        return _Parsed(None, None, body)  # "ISW", "UNIAN": an organisation, not a person
    return _Parsed(name, honorific, body[:cut].strip(" ,"))


def _split(body: str) -> _Parsed:
    """Name and descriptor, from an apposition ("Ushakov, the Kremlin aide") or word order."""
    if "," in body:
        first, _, second = (part.strip() for part in body.partition(","))
        for name_part, desc_part in ((first, second), (second, first)):
            if not name_part or not desc_part:
                continue
            parsed = _name_tokens(name_part, _mentions(name_part))
            if parsed.name and not parsed.desc and _role_or_body(desc_part):
                return _Parsed(parsed.name, parsed.honorific, _split_article(desc_part)[1])
        body = body.replace(",", " ")
    return _name_tokens(body, _mentions(body))


def _role_or_body(text: str) -> bool:
    low = text.lower()
    vocab = _vocab()
    return bool(vocab.role_re.search(low) or vocab.institution_re.search(low))


# -- analysis of the descriptor ------------------------------------------------------------


@dataclass
class _Desc:
    text: str
    low: str
    mentions: list[Mention]
    side: str | None
    org: Organisation | None
    leader: KnownPerson | None
    outlet: Outlet | None
    place: Place | None
    institution: str | None
    local_body: str | None
    ministry: str | None
    role: _Role | None
    role_portfolio: str | None


def _analyse(text: str) -> _Desc:
    vocab = _vocab()
    low = text.lower()
    mentions = list(_mentions(text))
    # "Russian-installed", "Kremlin-backed", "pro-Russian": the backer is the side.
    backers = [m for m in mentions if len(m.codes) == 1 and _BACKED.match(text, m.end)]
    backers += [m for m in mentions if len(m.codes) == 1 and text[: m.start].endswith("pro-")]
    side = next((m.codes[0] for m in [*backers, *mentions] if len(m.codes) == 1), None)
    # "envoy to the UN", "embassy in London": a destination is not the speaker's organisation.
    own = [m for m in mentions if not _DESTINATION.search(text, 0, m.start)]
    org = next((m.ref for m in own if isinstance(m.ref, Organisation)), None)
    if org is None:
        bloc = next((m for m in own if m.how == "bloc"), None)
        org = organisation(bloc.text) if bloc else None
    leader = next((m.ref for m in mentions if isinstance(m.ref, KnownPerson)), None)
    found_outlet = next((m.ref for m in mentions if isinstance(m.ref, Outlet)), None)
    place = next(
        (m.place for m in mentions if m.place and m.place.kind in ("city", "region", "capital")),
        None,
    )
    institutions = list(vocab.institution_re.finditer(low))
    inst = institutions[0] if institutions else None
    ministry = None
    if vocab.ministry_re.search(low):
        port = vocab.portfolio_re.search(low)
        if port:
            ministry = vocab.portfolio_of[port.group()]
    acronym = vocab.acronym_re.search(text)
    if ministry is None and acronym:
        ministry = vocab.acronyms[acronym.group()]
    # The last role word is the head ("Putin aide"), unless it is a rank glued to a name.
    roles = [
        m
        for m in vocab.role_re.finditer(low)
        # "general" inside "general staff" is not a role
        if not any(i.start() <= m.start() and m.end() <= i.end() for i in institutions)
    ]
    heads = [m for m in roles if m.group() not in _RANKS] or roles
    head = heads[-1] if heads else None
    role = vocab.roles[head.group()] if head else None
    role_portfolio = None
    if head and role and role.phrase in ("minister", "ministers", "deputy minister"):
        before = low[: head.start()].split()[-2:]
        after = re.match(r"\s+(?:of|for)\s+(?:the\s+)?([\w' ]+)", low[head.end() :])
        for candidate in [" ".join(before), *before[-1:], after.group(1) if after else ""]:
            port = vocab.portfolio_re.search(candidate) if candidate else None
            if port:
                role_portfolio = vocab.portfolio_of[port.group()]
                break
    return _Desc(
        text=text,
        low=low,
        mentions=mentions,
        side=side,
        org=org,
        leader=leader,
        outlet=found_outlet,
        place=place,
        institution=vocab.institutions[inst.group()] if inst else None,
        local_body=_local_body(text, mentions, inst),
        ministry=ministry,
        role=role,
        role_portfolio=role_portfolio,
    )


def _local_body(text: str, mentions: list[Mention], inst: re.Match[str] | None) -> str | None:
    """The name of a local body: from its place to its body word ("Kharkiv police")."""
    if inst is None or _vocab().institutions[inst.group()] not in _LOCAL_BODIES:
        return None
    for m in mentions:
        if m.place and m.place.kind in ("city", "region", "capital") and m.start < inst.start():
            return text[m.start : inst.end()]
    return None


def _bloc_place(code: str) -> Place | None:
    for m in gazetteer().scan(code):
        if m.place and m.place.kind == "bloc":
            return m.place
    return None


def _office_name(key: str, code: str | None) -> str:
    if key.startswith("ministry:"):
        return _ministry_name(key.split(":", 1)[1], code)
    c = country(code) if code else None
    if c and key in c.offices:
        return c.offices[key]
    template = _vocab().offices[key]["name"]
    where = c.display if c else None
    if where is None and code:
        bloc = _bloc_place(code)
        where = bloc.name if bloc else None
    if where is None:
        return re.sub(r"\s+of\s+\{country\}$", "", template)
    return template.format(country=where)


def _office_parent(key: str, code: str | None) -> str | None:
    parent = _vocab().offices.get(key, {}).get("parent")
    return _office_name(parent, code) if parent else None


def _ministry_name(portfolio: str, code: str | None) -> str:
    c = country(code) if code else None
    if c and portfolio in c.ministries:
        return c.ministries[portfolio]
    title = _vocab().portfolio_title[portfolio]
    return f"Ministry of {title} of {c.display}" if c else f"Ministry of {title}"


def _office_kind(key: str) -> str:
    if key.startswith("ministry:"):
        return "government"
    return str(_vocab().offices[key]["kind"])


def _body_of(desc: _Desc) -> str | None:
    """The office key of the national body a descriptor names, if any."""
    if desc.ministry:
        return "ministry:" + desc.ministry
    return desc.institution


def _context_side(context: str | None) -> str | None:
    """The side the context mentions most often; None when absent or tied."""
    if not context:
        return None
    counts: Counter[str] = Counter()
    for m in gazetteer().scan(context):
        if len(m.codes) == 1:
            counts[m.codes[0]] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _context_place(context: str | None, phrase: str, kind: str) -> Place | None:
    """The last place of ``kind`` named in the context before the phrase."""
    if not context:
        return None
    kinds = {
        "city": ("city", "capital"),
        "capital": ("capital",),
        "region": ("region", "city"),
        "country": ("country",),
    }[kind]
    at = context.find(phrase)
    limit = at if at >= 0 else len(context)
    found = None
    for m in gazetteer().scan(context[:limit]):
        if m.place and m.place.kind in kinds:
            found = m.place
    return found


def _where(code: str | None) -> str | None:
    c: Country | None = country(code) if code else None
    if c:
        return c.display
    bloc = _bloc_place(code) if code else None
    return bloc.name if bloc else None


def _the(name: str) -> str:
    return name if _ACRONYM.match(name) or name.startswith("the ") else "the " + name


def _guess(
    name: str,
    kind: str,
    side: str | None,
    parent: str | None = None,
    anonymous: bool = False,
    descriptor: str | None = None,
) -> SourceGuess:
    return SourceGuess(name, kind, side, parent if parent != name else None, anonymous, descriptor)


# -- main entry ---------------------------------------------------------------------------


def infer_source(
    phrase: str, *, descriptor: str | None = None, context: str | None = None
) -> SourceGuess:
    """Guess the source a speaker phrase denotes (see the module docstring for the rules)."""
    guess = _infer_phrase(phrase, descriptor)
    # The context only ever fills in the side of an official source; skipping it otherwise
    # keeps the per-phrase cache useful when every attribution has its own context.
    if context and guess.side is None and guess.kind in OFFICIAL_KINDS:
        return _infer_in_context(phrase, descriptor, context)
    return guess


@lru_cache(maxsize=16384)
def _infer_phrase(phrase: str, descriptor: str | None) -> SourceGuess:
    return _infer(phrase, descriptor, None)


@lru_cache(maxsize=1024)
def _infer_in_context(phrase: str, descriptor: str | None, context: str) -> SourceGuess:
    return _infer(phrase, descriptor, context)


@lru_cache(maxsize=8192)
def _mentions(text: str) -> tuple[Mention, ...]:
    """Gazetteer terms in a phrase (phrases repeat; contexts are scanned directly)."""
    return tuple(gazetteer().scan(text))


def _infer(phrase: str, descriptor: str | None, context: str | None) -> SourceGuess:
    text = _clean(phrase)
    extra = _clean(descriptor) if descriptor else None
    if not text or text.lower() in _PRONOUNS:
        return _guess(text or "unknown", "unknown", None, descriptor=extra)
    article, body = _split_article(text)

    rest = _after_place_prefix(body)
    known_outlet = outlet(text) or outlet(body) or (outlet(rest) if rest else None)
    if known_outlet:
        return _guess(known_outlet.name, known_outlet.kind, known_outlet.side)
    org = organisation(text) or organisation(body) or (organisation(rest) if rest else None)
    if org:
        return _guess(org.name, org.kind, org.side, org.parent)

    parsed = _split(body)
    analysis_text = " ".join(part for part in (parsed.desc, extra) if part)
    desc = _analyse(analysis_text)
    shown_desc = extra or _descriptor_display(parsed.desc) or None
    former = bool(_FORMER.search(analysis_text))

    if parsed.name:
        return _named(parsed, desc, shown_desc, former, context)
    return _unnamed(article, body, desc, shown_desc, former, phrase, context)


def _after_place_prefix(body: str) -> str | None:
    """What follows a leading place ("North Korea's KCNA" → "KCNA"), else None."""
    for m in _mentions(body):
        if m.start == 0 and m.how in ("country", "demonym", "capital", "bloc"):
            rest = re.sub(r"^(?:'s?)?\s+", "", body[m.end :])
            return rest if rest and rest != body[m.end :] else None
        break
    return None


def _descriptor_display(desc: str) -> str:
    """The descriptor without a rank or honorific glued to the name ("… spokesperson Major")."""
    words = desc.split()
    while len(words) > 1 and words[-1][:1].isupper() and words[-1].lower() in _RANKS:
        words.pop()
    return " ".join(words)


def _by_given_name(given: str) -> KnownPerson | None:
    for person in gazetteer().people.values():
        first, _ = person_parts(person.name)
        if first and first.split()[0] == given:
            return person
    return None


def _named(
    parsed: _Parsed, desc: _Desc, shown_desc: str | None, former: bool, context: str | None
) -> SourceGuess:
    g = gazetteer()
    name = parsed.name or ""
    person = g.person(name)
    if person is None and parsed.honorific in ("sir", "dame") and " " not in name:
        person = _by_given_name(person_parts(name)[1])
    display = person.name if person else name

    role = desc.role
    if role is not None:
        official = role.official
    else:  # "Ukrainian Air Force's Yuriy Ihnat": speaking for an official body
        official = bool(_body_of(desc)) or bool(desc.org and desc.org.kind in OFFICIAL_KINDS)
    official = official or person is not None
    kind = "official" if official and not former else "person"

    side = desc.side or (person.side if person else None)
    parent = _parent_for_person(desc, person, side)
    if side is None and parent:
        parent_org = organisation(parent)
        side = parent_org.side if parent_org else None
    if side is None and kind == "official":
        side = _context_side(context)
        if parent is None:
            parent = _parent_for_person(desc, person, side)
    if kind == "person" and not former and desc.outlet and role and not role.official:
        parent = desc.outlet.name
    return _guess(display, kind, side, parent, False, shown_desc)


def _parent_for_person(desc: _Desc, person: KnownPerson | None, side: str | None) -> str | None:
    if desc.org is not None:
        return desc.org.name
    if desc.local_body:
        return desc.local_body
    body = _body_of(desc)
    if body:
        # Without a side, "Ministry of Defence" would be a parent shared by every country.
        return _office_name(body, side) if side else None
    role = desc.role
    leader = desc.leader
    if (
        leader is not None
        and leader is not person
        and (role is None or role.parent in (None, "leader"))
    ):
        return leader.parent
    if person is not None and person.parent:
        return person.parent
    if role and role.official:
        if desc.role_portfolio:
            return _ministry_name(desc.role_portfolio, side)
        if role.parent and role.parent != "leader" and side:
            return _office_name(role.parent, side)
    return None


def _unnamed(
    article: str | None,
    body: str,
    desc: _Desc,
    shown_desc: str | None,
    former: bool,
    phrase: str,
    context: str | None,
) -> SourceGuess:
    vocab = _vocab()
    role = desc.role
    words = set(re.findall(r"[\w'-]+", desc.low))
    anonymous_word = bool(words & vocab.anonymous_words)
    side = desc.side

    # "the city's mayor": the place comes from the context.
    ref = _REFERENCE.search(desc.low)
    ref_place = _context_place(context, phrase.strip(), ref.group(1)) if ref else None
    place = desc.place or ref_place
    if side is None and ref_place is not None:
        side = ref_place.code

    if role and role.official and not anonymous_word:
        return _unnamed_role(body, article, desc, role, side, place, shown_desc, former, context)

    if anonymous_word or (role and not role.official):
        qualified = bool(words & vocab.official_qualifiers) or desc.org is not None
        qualified = anonymous_word and (qualified or bool(_body_of(desc)))
        if role is not None and not role.official:
            qualified = False  # "military blogger" is not the military
        official = qualified and not vocab.not_of_re.search(desc.low) and not former
        if official and side is None:
            side = _context_side(context)
        parent = _parent_for_person(desc, None, side) if official else None
        return _guess(
            _lower_first(body), "official" if official else "anonymous", side, parent, True, None
        )

    key = _body_of(desc)
    if desc.org is not None and key is None:
        return _guess(desc.org.name, desc.org.kind, desc.org.side or side, desc.org.parent)
    if key is not None:
        if desc.local_body and desc.place is not None:
            # "Kharkiv police", "Moscow city government": a local body keeps its own name.
            return _guess(desc.local_body, _office_kind(key), desc.place.code)
        if side is None:
            side = _context_side(context)
        parent = desc.org.name if desc.org else _office_parent(key, side) if side else None
        return _guess(_office_name(key, side), _office_kind(key), side, parent)
    if desc.leader is not None and re.search(r"\boffice\b", desc.low) and desc.leader.parent:
        # "Zelensky's office" is the leader's office.
        office = organisation(desc.leader.parent)
        if office is not None:
            return _guess(office.name, office.kind, office.side, office.parent)

    only = desc.mentions[0] if len(desc.mentions) == 1 else None
    if only is not None and only.start == 0 and body[only.end :].strip() in ("", "'s", "'"):
        if only.how in ("country", "capital") and only.codes:
            code = only.codes[0]
            return _guess(_office_name("government", code), "government", code)
        if only.how == "demonym" and body.lower().endswith("s") and only.codes:
            return _guess(body, "anonymous", only.codes[0], None, True, None)
        if only.codes:
            return _guess(body, "unknown", side)

    if re.search(r"(?i)\b(party|campaign)\b", body):
        return _guess(body, "party", side or (desc.leader.side if desc.leader else None))
    tokens = body.split()
    if all(t[:1].isupper() or t.lower() in PARTICLES for t in tokens):
        if _ACRONYM.match(body) or any(t.lower() in _ORG_HINTS for t in tokens):
            return _guess(body, "organisation", side)
        return _guess(body, "person", side)
    return _guess(_lower_first(body), "unknown", side)


_LOCAL_BODIES = frozenset({"police", "emergency_service", "government"})
_ORG_HINTS = frozenset((
    "institute", "university", "centre", "center", "foundation", "association", "organisation",
    "organization", "company", "group", "bank", "corporation", "council", "committee", "commission",
    "agency", "network", "union", "league", "movement", "front"
))  # fmt: skip


def _unnamed_role(
    body: str,
    article: str | None,
    desc: _Desc,
    role: _Role,
    side: str | None,
    place: Place | None,
    shown_desc: str | None,
    former: bool,
    context: str | None,
) -> SourceGuess:
    unique = role.unique and not role.plural and not _SUBORDINATE.search(desc.low)
    definite = article == "the" or "'s " in desc.low or (article is None and unique)
    if role.place and unique and place is None and not desc.side:
        # "the mayor": the last city the context names before the phrase.
        place = _context_place(context, body, "city")
    if side is None and place is not None:
        side = place.code
    if side is None and not former:
        side = _context_side(context)
    kind = role.kind if not former else "person"

    parent = _parent_for_person(desc, None, side)
    if unique and definite and article not in ("a", "an") and not former:
        if role.place and place is not None:
            name = f"{role.title} of {place.name}"
            side = side or place.code
        elif desc.org is not None:
            name = f"{role.title} of {_the(desc.org.name)}"
        elif desc.role_portfolio and side:
            title = _vocab().portfolio_title[desc.role_portfolio]
            name = f"Minister of {title} of {_where(side)}"
        elif side and _where(side):
            name = f"{role.title} of {_where(side)}"
        else:
            name = role.title
        return _guess(name, kind, side, parent, False, shown_desc)
    anonymous = not definite or article in ("a", "an") or role.plural
    return _guess(_lower_first(body), kind, side, parent, anonymous, shown_desc)
