"""Resolve speaker mentions to names introduced earlier in the same document.

"Mr Syniehubov", "Syniehubov" and "the regional governor" point back to
"regional governor Oleh Syniehubov"; "he" points to the most recent person who
spoke or opened a sentence. Only earlier mentions count (no cataphora).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_STEM = 4
_DEMONYM_RE = re.compile(
    r"^(?:[a-z]+(?:ian|ese|ish|an|i)|us|uk|eu|american|british|french|greek|dutch|swiss|thai)$"
)
# Words that change which office a role names ("prime minister" vs "foreign minister").
_ROLE_MODS = frozenset(
    {
        "prime",
        "foreign",
        "defence",
        "defense",
        "deputy",
        "vice",
        "interior",
        "finance",
        "health",
        "justice",
        "chief",
        "first",
        "acting",
        "former",
        "top",
        "military",
        "regional",
        "press",
    }
)
_ROLE_HEADS = frozenset(
    {
        "president",
        "president-elect",
        "minister",
        "premier",
        "chancellor",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "aide",
        "adviser",
        "advisor",
        "governor",
        "mayor",
        "commander",
        "chief",
        "head",
        "secretary",
        "envoy",
        "ambassador",
        "leader",
        "pm",
        "general",
        "director",
        "chairman",
        "prosecutor",
        "official",
    }
)
_ROLE_STEMS = {w[:_STEM] for w in _ROLE_MODS | _ROLE_HEADS}


_LEADER_KEYS = (
    frozenset({"president"}),
    frozenset({"leader"}),
    frozenset({"prime", "minister"}),
    frozenset({"premier"}),
    frozenset({"chancellor"}),
)


def _role_key(descriptor: str, head: str) -> frozenset[str]:
    """The office named by a descriptor: its role head plus office-changing modifiers."""
    words = [
        w.strip(".,").lower() for w in descriptor.replace("’s", " ").replace("'s", " ").split()
    ]
    heads = [w for w in words if w in _ROLE_HEADS]
    if not heads:
        return frozenset()
    h = heads[-1]
    if h == "pm":
        return frozenset({"prime", "minister"})
    return frozenset(
        {h}
        | {
            w
            for w in words
            if w in _ROLE_MODS and w not in ("former", "top", "regional", "military", "acting")
        }
    )


def _stems(words: str) -> set[str]:
    out = set()
    for w in words.lower().replace("’s", " ").replace("'s", " ").split():
        w = w.strip(".,")
        if len(w) >= 3 and w not in ("the", "and", "for", "of"):
            out.add(w[:_STEM])
    return out


@dataclass
class Entity:
    """A named person or organisation seen in the document."""

    name: str
    person: bool
    descriptors: list[str] = field(default_factory=list)
    last_pos: int = 0
    spoke_at: int = -1  # position of the latest attribution by this entity

    @property
    def tokens(self) -> list[str]:
        return [w.lower() for w in self.name.split()]

    @property
    def descriptor(self) -> str | None:
        return self.descriptors[-1] if self.descriptors else None


class Registry:
    """Entities in document order, with look-ups by surname, role and recency.

    The registry is filled while walking the document, so every look-up only
    sees mentions before the current position.
    """

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_name: dict[str, Entity] = {}
        self._by_last: dict[str, Entity] = {}  # last name -> latest multi-word entity
        self._by_part: dict[str, Entity] = {}  # any name word -> latest multi-word entity
        self._spoke: dict[bool, Entity] = {}  # person? -> latest entity that spoke

    def add(self, name: str, *, person: bool, descriptor: str | None, pos: int) -> Entity:
        key = name.lower()
        ent = self._by_name.get(key)
        if ent is None:
            # "Volodymyr Zelensky" after "Zelensky": keep one entity with the longer name.
            ent = Entity(name, person, [], pos)
            self.entities.append(ent)
            self._by_name[key] = ent
        ent.person = ent.person or person
        ent.last_pos = max(ent.last_pos, pos)
        toks = key.split()  # == ent.tokens: the entity's name lower-cases to ``key``
        if len(toks) >= 2:
            self._by_last[toks[-1]] = ent
            for t in toks:
                self._by_part[t] = ent
        if descriptor and descriptor not in ent.descriptors:
            ent.descriptors.append(descriptor)
        return ent

    def by_name_part(self, word: str) -> Entity | None:
        """Latest multi-word entity whose name contains ``word`` (a last-name match first)."""
        w = word.lower()
        return self._by_last.get(w) or self._by_part.get(w)

    def spoke(self, ent: Entity, pos: int) -> None:
        """Record that ``ent`` is the speaker of an attribution at ``pos``."""
        ent.spoke_at = max(ent.spoke_at, pos)
        cur = self._spoke.get(ent.person)
        if cur is None or cur.spoke_at <= ent.spoke_at:
            self._spoke[ent.person] = ent

    def by_role(self, descriptor: str, head: str) -> Entity | None:
        """Latest entity whose descriptor has the same role ("prime minister" is not "foreign minister").

        Place and organisation words in the mention ("the Russian president") must
        match the entity's descriptor or name; a bare role ("the mayor") takes the
        most recent holder of that role.
        """
        key = _role_key(descriptor, head)
        if not key:
            return None
        mods = _stems(descriptor) - {w[:_STEM] for w in key} - _ROLE_STEMS
        # Nationality words must agree ("the Russian president" is not the US one); other
        # modifiers ("the Kremlin aide" for "Putin aide Yuri Ushakov") only break ties.
        strict = any(
            _DEMONYM_RE.search(w)
            for w in descriptor.lower().replace("’s", " ").replace("'s", " ").split()
        )
        fallback: Entity | None = None
        recent = sorted(self.entities[-60:], key=lambda e: -e.last_pos)
        for ent in recent:
            for d in ent.descriptors:
                ekey = _role_key(d, d.split()[-1] if d.split() else "")
                same = key == ekey or (mods and key in _LEADER_KEYS and ekey in _LEADER_KEYS)
                if not same:
                    continue
                if mods and not (mods & (_stems(d) | _stems(ent.name))):
                    if not strict and fallback is None and key == ekey:
                        fallback = ent
                    continue
                return ent
        return fallback

    def latest(self, pos: int, *, person: bool, within: int) -> Entity | None:
        """The entity that spoke most recently before ``pos`` (within ``within`` characters)."""
        ent = self._spoke.get(person)
        if ent is None or ent.spoke_at >= pos or pos - ent.spoke_at > within:
            return None
        return ent
