"""Places, demonyms, institutions, known people and outlets, and which side each belongs to.

The data lives in ``factcheck/data/gazetteer.yaml`` (its header states the conventions: which
side a disputed place gets, why "Brussels" is the EU, why "Europe" has no side). It is loaded
once per process; every place-like term is compiled into one case-sensitive regular expression
built as a character trie, so scanning a text costs one pass of the regex engine.

Terms match with their capitalisation (``Turkey`` but not ``turkey``, ``US`` but not ``us``);
an all-capital and a "first word capitalised, rest lower case" variant of each term are also
accepted (headlines; "US state department"). Diacritics in the text are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from factcheck.sources.names import name_key, person_parts, same_entity

__all__ = [
    "Country",
    "Gazetteer",
    "KnownPerson",
    "Mention",
    "Organisation",
    "Outlet",
    "Place",
    "country",
    "find_mentions",
    "gazetteer",
    "known_person",
    "mentioned_sides",
    "organisation",
    "outlet",
    "outlet_kind",
    "place",
    "side_of_phrase",
]


@dataclass(frozen=True)
class Place:
    """A named place or bloc with the code of the side it belongs to."""

    name: str
    code: str
    kind: str  # "country" | "capital" | "city" | "region" | "bloc"


@dataclass(frozen=True)
class Country:
    """A country: display forms and the names of its national bodies."""

    code: str
    name: str
    display: str  # the name as used inside another name: "the United States"
    adjective: str
    blocs: tuple[str, ...] = ()
    offices: Mapping[str, str] = field(default_factory=dict)
    ministries: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Organisation:
    """A known institution, agency, armed group or party."""

    name: str
    kind: str
    side: str | None
    parent: str | None


@dataclass(frozen=True)
class KnownPerson:
    """An office holder from the gazetteer's (dated) people list."""

    name: str
    side: str | None
    parent: str | None
    role: str | None


@dataclass(frozen=True)
class Outlet:
    """A news outlet, wire agency or social-media platform."""

    name: str
    kind: str  # "wire" | "outlet" | "state_media" | "social_media"
    side: str | None  # only state media have a side
    country: str | None


@dataclass(frozen=True)
class Mention:
    """One gazetteer term found in a text, with character offsets into that text."""

    start: int
    end: int
    text: str
    codes: tuple[str, ...]  # sides it counts for; empty for outlets and shadow terms
    how: str  # country|demonym|capital|city|region|bloc|shared|organisation|person|outlet|shadow
    place: Place | None = None
    ref: Organisation | KnownPerson | Outlet | None = None


@dataclass(frozen=True)
class _Entry:
    codes: tuple[str, ...]
    how: str
    place: Place | None
    ref: Organisation | KnownPerson | Outlet | None


_APOSTROPHE_CLASS = "['\u2019\u02bc]"
_SPACE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})
# Letters that NFD does not split into a base letter and a mark.
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i"})
_MARKS = re.compile(r"[\u0300-\u036f]")


_ACCENTED = re.compile("[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]")


def fold_text(text: str) -> str:
    """Drop diacritics (``Chișinău`` → ``Chisinau``), keeping length for precomposed letters."""
    if text.isascii() or not _ACCENTED.search(text):
        return text
    return _MARKS.sub("", unicodedata.normalize("NFD", text.translate(_LETTERS)))


def _surface_key(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip()


def _variants(term: str) -> set[str]:
    term = _surface_key(fold_text(term))
    if not term:
        return set()
    words = term.split(" ")
    out = {term, term.upper(), term[0].upper() + term[1:]}
    if len(words) > 1:
        out.add(" ".join([words[0], *(w.lower() for w in words[1:])]))
    return out


def _trie_pattern(terms: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            if ch == " ":
                atom = r"\s+"
            elif ch == "'":
                atom = _APOSTROPHE_CLASS
            else:
                atom = re.escape(ch)
            branches.append(atom + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy optional: the longest term wins ("Kyiv Independent" over "Kyiv").
        if "" in node:
            return f"(?:{body})?"
        return body

    return emit(trie)


def _slavic_variants(word: str) -> set[str]:
    """Spellings of a transliterated ending: Zelensky/Zelenskiy/Zelenskyy/Zelenskyi/Zelenski."""
    m = re.search(r"(?<=[bcdfghjklmnpqrstvwxz])(?:iy|yy|yi|ii|y|i)$", word)
    if not m or len(word) < 5:
        return {word}
    stem = word[: m.start()]
    return {stem + end for end in ("y", "iy", "yy", "yi", "ii", "i")}


class Gazetteer:
    """The loaded gazetteer: lookups by name and one compiled scanner for texts."""

    def __init__(self, data: Mapping[str, Any]):
        self.raw = data
        self.countries: dict[str, Country] = {}
        self.places: dict[str, Place] = {}
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, KnownPerson] = {}
        self.people_by_surname: dict[str, list[KnownPerson]] = {}
        self.outlets: dict[str, Outlet] = {}
        self.entries: dict[str, _Entry] = {}
        self.conflicts: list[str] = []
        self._load(data)
        # A digit may follow a term: pasted pages glue dates to names ("Perth Now2 days ago").
        self.regex = re.compile(r"(?<!\w)(?:" + _trie_pattern(self.entries) + r")(?![^\W\d])")

    # -- loading -------------------------------------------------------------------------

    def _add(self, term: str, entry: _Entry) -> None:
        for surface in _variants(term):
            old = self.entries.get(surface)
            if old is None:
                self.entries[surface] = entry
            elif old.codes != entry.codes and entry.codes and old.how != "shadow":
                self.conflicts.append(f"{surface}: {old.codes} vs {entry.codes}")

    def _add_place(self, name: str, code: str, kind: str, canonical: str | None = None) -> None:
        place = Place(canonical or name, code, kind)
        self.places.setdefault(name_key(name), place)
        self._add(name, _Entry((code,), kind, place, None))

    def _load(self, data: Mapping[str, Any]) -> None:
        for c in data["countries"]:
            code, name = c["code"], c["name"]
            country_place = Place(name, code, "country")
            self.places.setdefault(name_key(name), country_place)
            self._add(name, _Entry((code,), "country", country_place, None))
            for alias in c.get("aliases") or ():
                self._add(alias, _Entry((code,), "country", country_place, None))
                self.places.setdefault(name_key(alias), country_place)
            adjective = c.get("adjective") or name
            demonyms = [adjective, *(c.get("demonyms") or ())]
            # "Ukrainian" → "Ukrainians", "Israeli" → "Israelis"; "British" has no plural.
            demonyms += [d + "s" for d in demonyms if d.endswith(("an", "i"))]
            for d in demonyms:
                self._add(d, _Entry((code,), "demonym", country_place, None))
            self.countries[code] = Country(
                code=code,
                name=name,
                display=("the " + name) if c.get("the") else name,
                adjective=adjective,
                blocs=tuple(c.get("blocs") or ()),
                offices=MappingProxyType(dict(c.get("offices") or {})),
                ministries=MappingProxyType(dict(c.get("ministries") or {})),
            )
        for c in data["countries"]:
            code = c["code"]
            for cap in c.get("capital") or ():
                self._add_place(cap, code, "capital", canonical=c["capital"][0])
            for city in c.get("cities") or ():
                self._add_place(city, code, "city")
            for region in c.get("regions") or ():
                self._add_place(region, code, "region")
        for b in data["blocs"]:
            bloc = Place(b["name"], b["code"], "bloc")
            for term in (b["name"], *(b.get("aliases") or ())):
                self.places.setdefault(name_key(term), bloc)
                self._add(term, _Entry((b["code"],), "bloc", bloc, None))
        for s in data.get("shared") or ():
            self._add(s["name"], _Entry(tuple(s["codes"]), "shared", None, None))
        for o in data["organisations"]:
            org = Organisation(o["name"], o["kind"], o.get("side"), o.get("parent"))
            codes = (org.side,) if org.side else ()
            for term in (o["name"], *(o.get("aliases") or ())):
                self.organisations.setdefault(name_key(term), org)
                self._add(re.sub(r"^the ", "", term), _Entry(codes, "organisation", None, org))
        for p in data["people"]:
            person = KnownPerson(p["name"], p.get("side"), p.get("parent"), p.get("role"))
            codes = (person.side,) if person.side else ()
            names = [p["name"], *(p.get("aliases") or ())]
            for term in names:
                self.people.setdefault(name_key(term), person)
                first, _, last = term.rpartition(" ")
                for variant in _slavic_variants(last):
                    self._add(f"{first} {variant}".strip(), _Entry(codes, "person", None, person))
            if p.get("surname", True):
                _, surname_key = person_parts(p["name"])
                self.people_by_surname.setdefault(surname_key, []).append(person)
                surname = p["name"].rsplit(" ", 1)[-1]
                for variant in _slavic_variants(surname):
                    self._add(variant, _Entry(codes, "person", None, person))
        for o in data["outlets"]:
            out = Outlet(o["name"], o["kind"], o.get("side"), o.get("country"))
            for term in (o["name"], *(o.get("aliases") or ())):
                self.outlets.setdefault(name_key(term), out)
                self._add(term, _Entry((), "outlet", None, out))
        for name in data.get("platforms") or ():
            self.outlets.setdefault(name_key(name), Outlet(name, "social_media", None, None))
        for term in data.get("shadows") or ():
            self._add(term, _Entry((), "shadow", None, None))

    # -- lookups -------------------------------------------------------------------------

    def scan(self, text: str) -> Iterator[Mention]:
        """Every gazetteer term in ``text``, left to right, longest first, non-overlapping."""
        for m in self.regex.finditer(fold_text(text)):
            entry = self._entry(m.group())
            if entry is None:  # pragma: no cover - the regex is built from the entries
                continue
            yield Mention(
                m.start(), m.end(), text[m.start() : m.end()], entry.codes, entry.how,
                entry.place, entry.ref,
            )  # fmt: skip

    def _entry(self, surface: str) -> _Entry | None:
        found = self.entries.get(surface)
        return found if found is not None else self.entries.get(_surface_key(surface))

    def sides(self, text: str) -> set[str]:
        """Codes of every side mentioned in ``text`` (``scan`` without building mentions)."""
        sides: set[str] = set()
        entry = self._entry
        for surface in self.regex.findall(fold_text(text)):
            found = entry(surface)
            if found is not None and found.codes:
                sides.update(found.codes)
        return sides

    def person(self, name: str) -> KnownPerson | None:
        key = name_key(name)
        found = self.people.get(key)
        if found is not None:
            return found
        given, surname = person_parts(name)
        for candidate in self.people_by_surname.get(surname, ()):
            if given is None or same_entity(name, candidate.name):
                return candidate
        return None


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded from the package data once per process."""
    text = resources.files("factcheck").joinpath("data/gazetteer.yaml").read_text("utf-8")
    # The C loader when PyYAML has it: the pure-Python one takes seconds on this file.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Gazetteer(yaml.load(text, Loader=loader))  # noqa: S506 - a safe loader


def find_mentions(text: str, *, with_unsided: bool = False) -> list[Mention]:
    """Gazetteer terms in ``text``; outlets and shadow terms only when ``with_unsided``."""
    return [m for m in gazetteer().scan(text) if with_unsided or m.codes]


def mentioned_sides(text: str) -> set[str]:
    """Codes of every country or bloc the text mentions by name, alias, demonym, capital, city,
    region, leader institution or known office holder."""
    return gazetteer().sides(text)


def side_of_phrase(phrase: str) -> str | None:
    """Side of the first term in ``phrase`` that belongs to exactly one side.

    ``"Ukrainian officials"`` → UA, ``"Moscow's mayor"`` → RU, ``"Brussels"`` → EU; outlet names
    give none (``"Kyiv Independent"`` → None).
    """
    for m in gazetteer().scan(phrase):
        if len(m.codes) == 1:
            return m.codes[0]
    return None


def _strip_the(name: str) -> str:
    return re.sub(r"(?i)^\s*the\s+", "", name)


def outlet(name: str) -> Outlet | None:
    """The known outlet, wire or platform called ``name`` (any case, with or without "the")."""
    outlets = gazetteer().outlets
    return outlets.get(name_key(name)) or outlets.get(name_key(_strip_the(name)))


def outlet_kind(name: str) -> str | None:
    """Kind of a known outlet: wire, outlet, state_media or social_media; None if unknown."""
    found = outlet(name)
    return found.kind if found else None


def organisation(name: str) -> Organisation | None:
    """The known organisation called ``name`` or one of its aliases."""
    return gazetteer().organisations.get(name_key(name))


def known_person(name: str) -> KnownPerson | None:
    """The listed office holder ``name`` denotes: full name, alias or distinctive surname."""
    return gazetteer().person(name)


def country(code: str) -> Country | None:
    """The country with this code."""
    return gazetteer().countries.get(code)


def place(name: str) -> Place | None:
    """The country, capital, city, region or bloc called ``name``."""
    return gazetteer().places.get(name_key(name))
