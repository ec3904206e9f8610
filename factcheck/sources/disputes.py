"""Disputes (named conflicts) and their parties."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlmodel import Session, select

from factcheck.errors import FactcheckError, NotFound
from factcheck.models import Dispute, DisputeParty
from factcheck.sources.names import name_key


@dataclass(frozen=True)
class DisputeInfo:
    id: int
    name: str
    aliases: list[str]
    parties: list[str]


def _info(dispute: Dispute, *, session: Session) -> DisputeInfo:
    parties = session.exec(
        select(DisputeParty.side)
        .where(DisputeParty.dispute_id == dispute.id)
        .order_by(DisputeParty.side)
    ).all()
    aliases = [a for a in dispute.aliases.split("\n") if a]
    return DisputeInfo(
        id=dispute.id or 0, name=dispute.name, aliases=aliases, parties=list(parties)
    )


def normalise_side(side: str) -> str:
    value = side.strip().upper()
    if not value or not value.replace("-", "").isalnum() or len(value) > 12:
        raise FactcheckError(
            f"invalid side code {side!r} (use a country or bloc code such as RU, UA, EU)"
        )
    return value


def add_dispute(
    name: str,
    *,
    parties: list[str],
    aliases: list[str] = (),
    session: Session,  # type: ignore[assignment]
) -> DisputeInfo:
    """Create a dispute, or add parties and aliases to an existing one of that name."""
    if not name.strip():
        raise FactcheckError("dispute name is empty")
    sides = [normalise_side(p) for p in parties]
    if len(set(sides)) < 2 and not find_dispute(name, session=session):
        raise FactcheckError("a dispute needs at least two parties")
    dispute = find_dispute(name, session=session)
    if dispute is None:
        dispute = Dispute(name=name.strip(), aliases="")
        session.add(dispute)
        session.flush()
    known = set(dispute.aliases.split("\n")) - {""}
    for alias in aliases:
        if alias.strip() and alias.strip() not in known:
            known.add(alias.strip())
    dispute.aliases = "\n".join(sorted(known))
    existing = set(
        session.exec(select(DisputeParty.side).where(DisputeParty.dispute_id == dispute.id)).all()
    )
    for side in sides:
        if side not in existing:
            session.add(DisputeParty(dispute_id=dispute.id, side=side))  # type: ignore[arg-type]
            existing.add(side)
    session.add(dispute)
    session.flush()
    return _info(dispute, session=session)


def find_dispute(name: str, *, session: Session) -> Dispute | None:
    key = name_key(name)
    for dispute in session.exec(select(Dispute)).all():
        names = [dispute.name, *dispute.aliases.split("\n")]
        if any(name_key(n) == key for n in names if n):
            return dispute
    return None


def get_dispute(name: str, *, session: Session) -> DisputeInfo:
    dispute = find_dispute(name, session=session)
    if dispute is None:
        raise NotFound(f"no dispute {name!r}")
    return _info(dispute, session=session)


def list_disputes(*, session: Session) -> list[DisputeInfo]:
    return [
        _info(d, session=session) for d in session.exec(select(Dispute).order_by(Dispute.id)).all()
    ]


DEFAULTS = Path(__file__).resolve().parents[1] / "data" / "disputes.yaml"


def load_default_disputes(*, session: Session) -> int:
    """Give a ledger without disputes the bundled list (data/disputes.yaml); returns how many."""
    if session.exec(select(Dispute.id)).first() is not None:
        return 0
    entries = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8")) or []
    for entry in entries:
        add_dispute(
            entry["name"],
            parties=list(entry["parties"]),
            aliases=list(entry.get("aliases", [])),
            session=session,
        )
    return len(entries)
