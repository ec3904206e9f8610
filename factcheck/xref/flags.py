"""Flags of a claim (DESIGN §3) and who is partisan on it.

The origins a claim rests on are those of its own attributions plus those of
the claims that agree with it (``corroborates`` and ``repeats`` links, not
rejected ones): a figure corroborated by an independent report does not rest
on one source.

- ``single_source``: those origins form one group (``independent_origins`` 1).
- ``single_partisan_source``: every origin is partisan on the claim and they
  all have the same side.
- ``anonymous_only``: every origin is anonymous.
- ``unattributed``: no attribution of the claim names a speaker (the outlet
  asserts it).
- ``hedged``: every attribution of the claim hedges it ("reportedly").
- ``contradicted``: a ``contradicts`` link (automatic or confirmed) touches it.

**Partisan**: a hand-set ``Source.partisan`` on the origin (or its nearest
parent organisation) decides; otherwise the origin is partisan when the claim
is about a dispute (names it, one of its aliases, or one of its parties by
name, demonym, capital, institution or office holder — via the gazetteer) and
the origin is official (its kind, or a parent's) with a side that is a party
to that dispute. Independent media from a party's country are not partisan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from factcheck.models import Dispute, DisputeParty
from factcheck.xref.independence import OriginFact, SourceIndex, count_groups


@dataclass(frozen=True)
class DisputeRule:
    id: int
    name: str
    parties: frozenset[str]
    pattern: re.Pattern[str] | None


class DisputeMatcher:
    """Which disputes a claim text is about."""

    def __init__(self, disputes: Sequence[DisputeRule]):
        self.disputes = list(disputes)

    @classmethod
    def load(cls, *, session: Session) -> DisputeMatcher:
        parties: dict[int, set[str]] = {}
        for dispute_id, side in (
            session.connection().execute(select(DisputeParty.dispute_id, DisputeParty.side)).all()
        ):
            parties.setdefault(dispute_id, set()).add(side.upper())
        rules = []
        for dispute_id, name, aliases in (
            session.connection().execute(select(Dispute.id, Dispute.name, Dispute.aliases)).all()
        ):
            names = [n.strip() for n in [name, *(aliases or "").split("\n")] if n and n.strip()]
            pattern = (
                re.compile(
                    r"(?<!\w)(?:"
                    + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                    + r")(?!\w)",
                    re.IGNORECASE,
                )
                if names
                else None
            )
            rules.append(
                DisputeRule(dispute_id, name, frozenset(parties.get(dispute_id, ())), pattern)
            )
        return cls(rules)

    @property
    def all_parties(self) -> frozenset[str]:
        """Every side that is a party to some dispute."""
        return frozenset(side for rule in self.disputes for side in rule.parties)

    def parties_named(self, text: str) -> frozenset[str]:
        """Parties of the disputes the text names by name or alias (no gazetteer needed)."""
        about: set[str] = set()
        for rule in self.disputes:
            if rule.pattern is not None and rule.pattern.search(text):
                about |= rule.parties
        return frozenset(about)

    def parties_for(self, text: str) -> frozenset[str]:
        """Sides that are parties to a dispute the text is about."""
        if not self.disputes:
            return frozenset()
        about: set[str] = set()
        sides: set[str] | None = None
        for rule in self.disputes:
            if rule.pattern is not None and rule.pattern.search(text):
                about |= rule.parties
                continue
            if sides is None:
                sides = _mentioned_sides(text)
            if sides & rule.parties:
                about |= rule.parties
        return frozenset(about)


def _mentioned_sides(text: str) -> set[str]:
    try:
        from factcheck.sources.gazetteer import mentioned_sides
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return set()
    return {s.upper() for s in mentioned_sides(text)}


def partisan(source: int | None, parties: frozenset[str], sources: SourceIndex) -> bool:
    """Whether the origin `source` is partisan on a claim about a dispute with `parties`."""
    if source is None:
        return False
    override = sources.partisan_override(source)
    if override is not None:
        return override
    side = sources.side(source)
    return (
        bool(parties) and side is not None and side.upper() in parties and sources.official(source)
    )


def _may_be_partisan(source: int, sources: SourceIndex) -> bool:
    override = sources.partisan_override(source)
    return override if override is not None else sources.official(source)


@dataclass(frozen=True)
class Verdict:
    flags: tuple[str, ...]
    independent_origins: int
    documents: int


def claim_flags(
    *,
    own: Sequence[tuple[int | None, str | None, str, bool, int]],
    origins: Iterable[tuple[OriginFact, int | None]],
    text: str,
    contradicted: bool,
    sources: SourceIndex,
    disputes: DisputeMatcher,
) -> Verdict:
    """Flags of one claim.

    `own` holds (speaker_id, speaker_text, kind, hedged, document_id) per own attribution;
    `origins` holds (origin fact, origin source id) for own and agreeing claims' attributions.
    """
    origins = list(origins)
    flags: set[str] = set()
    groups = count_groups(f for f, _ in origins) if origins else 0
    if groups == 1:
        flags.add("single_source")
    if origins:
        if all(
            f.origin[0] == "anon" or (s is not None and sources.anonymous(s)) for f, s in origins
        ):
            flags.add("anonymous_only")
        distinct = {s for _, s in origins}
        # Cheap checks first: only official or hand-marked origins can be partisan, and
        # only then is the claim's text matched against the disputes.
        if all(s is not None and _may_be_partisan(s, sources) for s in distinct):
            parties = disputes.parties_for(text)
            if all(partisan(s, parties, sources) for s in distinct):
                sides = {sources.side(s) for s in distinct}  # type: ignore[arg-type]
                if len(sides) == 1 and None not in sides:
                    flags.add("single_partisan_source")
    if own:
        if all(
            speaker is None and not (speaker_text or "").strip() or kind == "unattributed"
            for speaker, speaker_text, kind, _, _ in own
        ):
            flags.add("unattributed")
        if all(hedged for _, _, _, hedged, _ in own):
            flags.add("hedged")
    if contradicted:
        flags.add("contradicted")
    return Verdict(tuple(sorted(flags)), groups, len({doc for *_, doc in own}))
