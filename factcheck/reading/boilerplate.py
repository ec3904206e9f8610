"""Recognise site chrome in pasted pages: appeals, prompts, app blurbs, captions.

The rules look at one paragraph at a time and weigh general cues (words about
subscribing, donating, commenting, apps; the site talking to "you" about "us";
an imperative call to action) against signs of reporting (someone said, told,
according to). Nothing here knows any particular site's sentences.
"""

from __future__ import annotations

import re

# Words that belong to the page's machinery rather than to a report. (The lookahead holds
# the first letters of the alternatives: without it the engine tries every alternative
# at every word, as case-insensitive alternatives get no quick first-letter test.)
_STRONG_CUE = re.compile(
    r"\b(?=[abcdfgilnopqrsty])(?:notifications?|browser\s+(?:preferences|settings)|newsletters?|subscri(?:be|bers?|ption)"
    r"|sign(?:ing)?\s+(?:up|in)|log(?:ged|ging)?\s*(?:in|out)|registering|create\s+an\s+account"
    r"|donat(?:e|es|ion|ions|ing)|contribut(?:e|ion|ions|ing)|paywalls?|your\s+support"
    r"|support\s+(?:us|our)\b|our\s+newsroom|become\s+a\s+(?:member|subscriber|supporter)"
    r"|independent\s+journalism|quality\s+journalism|commenting|comments?\s+(?:section|policy)"
    r"|download\s+(?:the|our)\b[^.]{0,20}\bapp|app[\s-]?store|play[\s-]?store|google\s+play"
    r"|cookies?\s+(?:policy|settings)|accept\s+(?:all\s+)?cookies|privacy\s+(?:policy|settings)"
    r"|terms\s+(?:of|and)\s+(?:use|service|conditions)|all\s+rights\s+reserved|advertisement"
    r"|follow\s+us|click\s+here|tap\s+here)",
    re.IGNORECASE,
)

# Lines of a handful of words that name an interface element.
_UI_WORD = re.compile(
    r"\b(?:logo|background|icon|button|banner|menu|advert(?:isement)?|sponsored|loading|thumbnail"
    r"|placeholder|skip\s+to(?:\s+main)?\s+content|back\s+to\s+top|app-?store|play-?store)\b",
    re.IGNORECASE,
)
# Whole lines that are nothing but sharing or player controls.
_UI_LINE = re.compile(
    r"\s*(?:(?:share|print|e-?mail|close|search|play|pause|watch|listen|subscribe|copy\s+link"
    r"|facebook|twitter|x|whatsapp|linkedin|reddit|telegram|share\s+(?:this|on\s+\w+)(?:\s+article)?)"
    r"\s*[|/,·•]?\s*)+",
    re.IGNORECASE,
)
_COMMENTS_LINE = re.compile(
    r"\s*(?:no\s+)?(?:\d+\s+)?comments?(?:\s*\(\d+\))?(?:\s+yet)?\s*[.…!]*\s*"
    r"|\s*(?:show|view|read|hide|load|post|add)\s+(?:\d+\s+|all\s+|more\s+)?comments?.*"
    r"|\s*be\s+the\s+first\s+to\s+comment.*",
    re.IGNORECASE,
)

# A paragraph that opens by telling the reader to do something.
_CALL_TO_ACTION = re.compile(
    r"\s*(?:try|download|get|join|sign|subscribe|follow|share|click|tap|explore|discover|install"
    r"|register|log|please|thank\s+you|thanks\s+for|stay|enable|allow|manage|watch|listen|read"
    r"|continue|support|donate|upgrade|unlock|start|become|create|ready\s+to|want\s+to|don'?t\s+miss"
    r"|never\s+miss|already\s+a|not\s+a\s+(?:member|subscriber))\b",
    re.IGNORECASE,
)
# The subset of those verbs that hardly ever opens a headline.
_BUTTON_VERB = re.compile(
    r"\s*(?:try|download|join|sign|subscribe|click|tap|explore|discover|install|register|log"
    r"|unlock|upgrade|donate)\b",
    re.IGNORECASE,
)
_REPORTING = re.compile(
    r"\b(?=[acdirstw])(?:said|says|(?<!is\s)(?<!be\s)(?<!been\s)(?<!being\s)(?<!was\s)told|tells|according\s+to|reported(?:ly)?|claim(?:s|ed)|announced|stated"
    r"|confirmed|denied|added|warned|wrote|insisted|alleged|accused)\b",
    re.IGNORECASE,
)
# Every _REPORTING match holds one of these words (or stems), in any case.
_REPORTING_STEMS = (
    "said", "says", "told", "tells", "according", "reported", "claim", "announced", "stated",
    "confirmed", "denied", "added", "warned", "wrote", "insisted", "alleged", "accused",
)  # fmt: skip
# Text of ASCII and common typographic punctuation only: no character in it matches a
# letter of the patterns case-insensitively unless its lower-case form is that letter.
_PLAIN_TEXT = re.compile("[\x00-\x7f\u00a0\u2010-\u2015\u2018-\u201f\u2026\u00ab\u00bb]*")
_SECOND_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|YOU|YOUR)\b")
# Case-sensitive so that "US" (the country) is not "us".
_FIRST_PLURAL = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|WE|OUR)\b")
# Whole words that can start a chrome cue or an address to the reader. Checking a set of
# words first is several times faster than running the cue regexes on every paragraph.
_CUE_WORDS = frozenset(
    b"""notification notifications browser newsletter newsletters subscribe subscribed
    subscriber subscribers subscription sign signing login log logged logging register
    registering registered create donate donates donation donations donating paywall paywalls
    support independent quality journalism comment comments commenting download app apps
    store appstore playstore google cookie cookies privacy terms all advertisement follow
    click tap contribute contribution contributions contributing newsroom become""".split()
)
_PRONOUN_WORDS = frozenset(b"you your yours we our ours us".split())
_MARK_WORDS = _CUE_WORDS | _PRONOUN_WORDS
_BREAKS = b"?-.,;:!()[]{}\"'/|*&+=<>_#@~"
_BREAKS_TO_SPACE = bytes.maketrans(_BREAKS, b" " * len(_BREAKS))
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"\n]*\"?|«[^»]*»?")
_WORDS = re.compile(r"\S+")

#: Headers of link lists: "Related Articles", "Most read", "More from ...".
SECTION_RE = re.compile(
    r"\s*(?:related(?:\s+(?:articles?|stories|content|news|coverage|links|topics|reading))?"
    r"|more\s+(?:from|on|about|stories|news|in|like\s+this)\b.{0,40}|most\s+(?:read|popular|viewed|shared)"
    r"|recommended(?:\s+(?:for\s+you|stories|reading|articles))?|you\s+(?:may|might)\s+(?:also\s+)?like"
    r"|(?:read|up)\s+next|trending(?:\s+(?:now|stories))?|top\s+stories|latest\s+(?:news|stories|videos)"
    r"|editor'?s\s+picks|further\s+reading|see\s+also|also\s+read|popular\s+now|in\s+other\s+news)"
    r"\s*:?\s*",
    re.IGNORECASE,
)

#: A label introducing a link card inside a story: "Report:", "Read more:", "Watch:".
CARD_LABEL_RE = re.compile(
    r"\s*(?:report|read(?:\s+more)?|related|watch|listen|video|more|see\s+also|analysis|explainer"
    r"|opinion|comment|live|podcast|read\s+the\s+full\s+story|full\s+story)\s*:\s*",
    re.IGNORECASE,
)

# "(AFP via Getty Images)", "(Reuters)", "(AP Photo/Efrem Lukatsky)", "(Photo: Jane Roe)".
_CREDIT = re.compile(
    r"\s*\((?=[^()]{1,100}\)\s*$)[^()]*\b(?:Getty(?:\s+Images)?|AFP|Reuters|AP(?:\s+Photo)?|EPA(?:-EFE)?"
    r"|PA(?:\s+(?:Wire|Media|Images))?|Shutterstock|Alamy|Bloomberg|Handout|Supplied|Pool|Photo(?:graph)?"
    r"|Image|Credit|Courtesy|Anadolu|Xinhua|TASS|Sputnik|Ukrinform|UNIAN)\b[^()]*\)\s*$",
)
# "… in Kharkiv. Photograph: Jane Roe/Reuters" — a labelled credit closing the line.
_CREDIT_LABEL = re.compile(
    r"(?:Photograph|Photo|Picture|Image|Illustration|Composite|Video)\s*:\s*[^.:;!?]{2,80}$"
)


def _reports(text: str) -> bool:
    """Whether ``_REPORTING`` finds a reporting verb in ``text``.

    The regex is slow; in plain text a substring test on the lower-cased text rules most
    paragraphs out first.
    """
    if _PLAIN_TEXT.fullmatch(text):
        low = text.lower()
        if not any(stem in low for stem in _REPORTING_STEMS):
            return False
    return _REPORTING.search(text) is not None


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def _shouted_or_title_case(words: list[str]) -> bool:
    # "Try Our AI Features", "DOWNLOAD THE APP": buttons, not sentences.
    letters = [w for w in words if w[:1].isalpha()]
    return bool(letters) and all(w[0].isupper() for w in letters)


def _words(text: str) -> list[bytes]:
    return _lower_words(text.lower())


def _lower_words(low: str) -> list[bytes]:
    # bytes.translate is far faster than str.translate; non-ASCII characters (curly
    # quotes, dashes) become "?" and then spaces, which is all a word test needs. A list,
    # not a set: the callers only ask whether it shares a word with a small set.
    return low.encode("ascii", "replace").translate(_BREAKS_TO_SPACE).split()


def _cue_count(outside: str, words: list[bytes] | None = None) -> int:
    """Chrome cues outside quotations.

    ``words`` (the words of the whole paragraph) may rule them out at once: quotation
    marks already separate words, so the words outside quotations are among them.
    """
    if words is not None and _CUE_WORDS.isdisjoint(words):
        return 0
    if _CUE_WORDS.isdisjoint(_words(outside)):
        return 0
    return len(_STRONG_CUE.findall(outside))


def boilerplate_score(text: str) -> int:
    """How strongly a paragraph reads as site chrome (>= 3: boilerplate; <= 0: reporting)."""
    return _score(text, _words(text))


def _score(
    text: str, words: list[bytes], outside: str | None = None, cues: int | None = None
) -> int:
    """``boilerplate_score`` from the paragraph's words and, when known, its unquoted text
    and cue count."""
    if _MARK_WORDS.isdisjoint(words):
        return 0
    if outside is None:
        outside = _unquoted(text)
    if cues is None:
        cues = _cue_count(outside, words)
    score = 2 * cues
    score += min(len(_SECOND_PERSON.findall(outside)), 3)
    score += min(len(_FIRST_PLURAL.findall(outside)), 3)
    if score > 0 and _REPORTING.search(outside):
        score -= 3
    return score


def is_boilerplate(text: str) -> bool:
    """True when one paragraph (a line of pasted text) is site chrome, not reporting."""
    stripped = text.strip()
    if not stripped:
        return False
    # Only the first 26 words matter: every test below asks for 25 words or fewer.
    words = stripped.split(None, 25)
    n = len(words)
    low = stripped.lower()
    if "comment" in low and _COMMENTS_LINE.fullmatch(stripped):
        return True
    if (
        n <= 4
        and not stripped.endswith((".", "?", "!"))
        and (_UI_WORD.search(stripped) or _UI_LINE.fullmatch(stripped))
    ):
        return True
    bag = _lower_words(low)
    outside: str | None = None
    cues: int | None = None
    if n <= 25:
        outside = _unquoted(stripped)
        reporting = _reports(outside)
        if reporting:
            return False
        cues = _cue_count(outside, bag)
        if n <= 6 and cues:
            return True
        if _CALL_TO_ACTION.match(stripped):
            # "Join thought-provoking conversations…", "Try Our AI Features": imperative
            # prompts. A report can open with "Get" or "Stay" too: ask for one more sign.
            if cues or _SECOND_PERSON.search(outside) or _FIRST_PLURAL.search(outside):
                return True
            if stripped.endswith(":"):
                return True
            if n <= 8 and _BUTTON_VERB.match(stripped) and _shouted_or_title_case(words):
                return True
    return _score(stripped, bag, outside, cues) >= 3


def leans_boilerplate(text: str) -> bool:
    """True for a paragraph that is chrome if its neighbours are (site talking about itself)."""
    outside = _unquoted(text)
    if _REPORTING.search(outside):
        return False
    return boilerplate_score(text) >= 2


def is_call_to_action(text: str) -> bool:
    """True for a short paragraph that opens with an imperative aimed at the reader."""
    stripped = text.strip()
    if len(_WORDS.findall(stripped)) > 25 or _REPORTING.search(_unquoted(stripped)):
        return False
    return _CALL_TO_ACTION.match(stripped) is not None


def is_section_header(text: str) -> bool:
    """True for "Related Articles", "Most read" and similar link-list headers."""
    return len(text) <= 60 and SECTION_RE.fullmatch(text) is not None


def is_card_label(text: str) -> bool:
    """True for a label such as "Report:" that introduces a link card."""
    return len(text) <= 30 and CARD_LABEL_RE.fullmatch(text) is not None


def credit_suffix(text: str) -> int | None:
    """Where a trailing photo credit such as "(AFP via Getty Images)" starts, else None."""
    if not text.endswith(")"):
        return None
    match = _CREDIT.search(text)
    return match.start() if match else None


def is_lone_caption(text: str) -> bool:
    """True for a caption line: it ends in a photo credit and is not a sentence before it."""
    cut = credit_suffix(text)
    if cut is not None:
        return cut > 0 and not text[:cut].rstrip().endswith((".", "”", '"'))
    if ":" not in text:  # the labelled credit needs its colon; skip the costly search
        return False
    match = _CREDIT_LABEL.search(text)
    return match is not None and match.start() > 0


def is_caption_pair(first: str, second: str) -> bool:
    """True when `second` repeats `first` with a parenthesised credit, as photo captions do."""
    first = first.rstrip()
    if len(first) < 8 or not second.startswith(first):
        return False
    rest = second[len(first) :].strip()
    return rest.startswith("(") and rest.endswith(")") and 2 < len(rest) <= 100
