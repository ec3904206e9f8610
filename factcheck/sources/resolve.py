"""Resolve stage: speaker and hop phrases become registry source ids.

``guess_sources`` is the text work (what a phrase alone says a source is); it needs
no database, so a batch does it where it reads the report. ``SourceCache`` looks
the guesses up in the registry (through an in-memory name index), creating new
sources, and keeps what it resolved across the files of a batch.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from factcheck.extraction import ExtractedAttribution, Hop
from factcheck.sources.index import NameIndex
from factcheck.sources.infer import SourceGuess, infer_source
from factcheck.sources.names import name_key

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "you"})


def _clean(phrase: str) -> str:
    return " ".join(phrase.split())


@dataclass(slots=True)
class SourceGuesses:
    """What one attribution's speaker and chain hops are guessed to be from their phrases
    alone (None where nothing is resolved).

    That inference is pure text work: ingest makes it where it reads a report, so the
    storing process mostly looks sources up in the registry. (Reading the context, for
    an official source whose side the registry does not know yet, stays with it.)
    """

    speaker: SourceGuess | None
    hops: list[SourceGuess | None]


def guess_sources(found: ExtractedAttribution) -> SourceGuesses:
    """The guesses ``store_document`` would make for one attribution's phrases."""
    speaker = None
    if found.speaker is not None:
        speaker = _guess(found.speaker_name or found.speaker.text, found.speaker_descriptor)
    hops = [_guess(hop.source) if resolved_hop(found, hop) else None for hop in found.chain]
    return SourceGuesses(speaker, hops)


def _guess(phrase: str, descriptor: str | None = None) -> SourceGuess | None:
    """What a phrase alone says its source is; None when it names none."""
    phrase = _clean(phrase)
    return infer_source(phrase, descriptor=descriptor) if _named(phrase) else None


def _named(phrase: str) -> bool:
    """Whether a cleaned phrase can name a source (not empty, not a bare pronoun)."""
    return bool(phrase and name_key(phrase)) and phrase.casefold() not in PRONOUNS


def resolved_hop(found: ExtractedAttribution, hop: Hop) -> bool:
    """Whether a chain hop is looked up by its own phrase (not the publisher, not the speaker)."""
    if hop.role == "publisher":
        return False
    return not (
        found.speaker is not None
        and hop.role == "origin"
        and name_key(hop.source) == name_key(found.speaker.text)
    )


class SourceCache:
    """Resolves speaker and hop phrases to registry source ids, for one file or a batch.

    ``begin`` binds the cache to the session of the transaction a file is stored
    in; ``commit`` keeps what it resolved once that transaction committed,
    ``rollback`` forgets it (and reloads the name index) when it did not. A batch
    stores several files per transaction, each in a savepoint: ``keep`` after a
    file, ``drop_file`` when one was rolled back to its savepoint.
    """

    def __init__(self, session: Session | None = None) -> None:
        self.index = NameIndex()
        self.session = session
        self._ids: dict[tuple[str, str | None], int] = {}  # committed
        self._unsaved: dict[tuple[str, str | None], int] = {}  # files kept, not committed yet
        self._pending: dict[tuple[str, str | None], int] = {}  # this file's
        self._filled: set[int] = set()  # stored sources that gained a kind, side or parent

    def begin(self, session: Session) -> None:
        """A file starts, in `session`'s transaction."""
        self.session = session
        self._pending = {}

    def keep(self) -> None:
        """The file is stored; the transaction holding it is still open."""
        self._unsaved.update(self._pending)
        self._pending = {}
        self._filled |= self.index.filled
        self.index.filled.clear()

    def commit(self) -> None:
        """The transaction committed."""
        self.keep()
        self._ids.update(self._unsaved)
        self._unsaved = {}
        self.session = None

    def drop_file(self) -> None:
        """The file was rolled back (to a savepoint); the transaction goes on."""
        self._pending = {}
        self.index.invalidate()

    def rollback(self) -> None:
        """The transaction was rolled back."""
        self._pending = {}
        self._unsaved = {}
        self.index.invalidate()
        self.session = None

    def take_changed(self) -> set[int]:
        """Stored sources whose kind, side or parent storing filled in since the last call
        (for cross-referencing to judge their earlier claims again). A file rolled back
        forgets its own."""
        changed = self._filled | self.index.filled
        self._filled = set()
        self.index.filled.clear()
        return changed

    def _cached(self, key: tuple[str, str | None]) -> int | None:
        for layer in (self._pending, self._unsaved, self._ids):
            found = layer.get(key)
            if found is not None:
                return found
        return None

    def _session(self) -> Session:
        if self.session is None:
            raise RuntimeError("SourceCache used outside a transaction (call begin first)")
        return self.session

    def resolve(
        self,
        phrase: str,
        *,
        descriptor: str | None = None,
        context: str | None = None,
        guessed: SourceGuess | None = None,
    ) -> int | None:
        """The id of the source a speaker phrase names (created if new), or None for a bare pronoun.

        ``guessed`` is ``infer_source(phrase, descriptor=descriptor)`` when the caller made it.
        """
        phrase = _clean(phrase)
        if not _named(phrase):
            return None
        key = name_key(phrase)
        cache_key = (key, descriptor)
        cached = self._cached(cache_key)
        if cached is not None:
            return cached
        session = self._session()
        guess = guessed or infer_source(phrase, descriptor=descriptor)
        if context and not self._settled(guess):
            # The context can only fill in a side; read it when the source still lacks one.
            guess = infer_source(phrase, descriptor=descriptor, context=context)
        aliases = [phrase] if key != name_key(guess.name) and not guess.anonymous else []
        source_id = self.index.resolve(
            guess.name,
            session=session,
            kind=guess.kind,
            side=guess.side,
            parent=guess.parent,
            anonymous=guess.anonymous,
            aliases=aliases,
        )
        self._pending[cache_key] = source_id
        return source_id

    def _settled(self, guess: SourceGuess) -> bool:
        """Whether the guessed source (and its parent) already have a side in the registry."""
        for name in (guess.name, guess.parent):
            if name is None:
                continue
            found = self.index.find(name, session=self._session())
            if found is None or self.index.side(found) is None:
                return False
        return True

    def outlet(self, name: str) -> int | None:
        """The id of the outlet that published a document."""
        name = _clean(name)
        key = name_key(name) if name else ""
        if not key:
            return None
        cache_key = (key, "__outlet__")
        cached = self._cached(cache_key)
        if cached is not None:
            return cached
        guess = infer_source(name)
        kind = guess.kind if guess.kind in ("outlet", "wire", "state_media") else "outlet"
        source_id = self.index.resolve(name, session=self._session(), kind=kind, side=guess.side)
        self._pending[cache_key] = source_id
        return source_id
