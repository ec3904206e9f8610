"""Attribution extraction: speakers, cues, contents, chains and dates from news text.

Pure Python rules over precompiled word lists; no models, nothing fetched at run time.
"""

from .extract import KINDS, ExtractedAttribution, Hop, extract
from .sentences import Span, split_sentences

__all__ = ["KINDS", "ExtractedAttribution", "Hop", "Span", "extract", "split_sentences"]
