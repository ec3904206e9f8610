"""Cross-referencing: copies, claim matching, links, independence and flags.

from factcheck.xref import xref_all, xref_documents
stats = xref_all(session=session)              # everything, from scratch
xref_documents([doc.id], session=session)      # just what new documents touch
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.xref.run import XrefStats, xref_all, xref_documents

__all__ = ["XrefStats", "xref_all", "xref_documents"]


def __getattr__(name: str) -> Any:
    # Imported on first use: `trace` needs the data loaders, not the whole run machinery.
    if name in __all__:
        from factcheck.xref import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
