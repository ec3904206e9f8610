"""No regex in the package uses possessive quantifiers or atomic groups: CPython before
3.11.5 matches them wrongly next to a lookahead (gh-100061, gh-106052), and Debian 12's
Python, which ``./dev`` prefers, is 3.11.2."""

from __future__ import annotations

import importlib
import pkgutil
import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

import factcheck

_FORBIDDEN = {sre.POSSESSIVE_REPEAT, sre.ATOMIC_GROUP}


def _uses_forbidden(items: object) -> bool:
    for op, arg in items:  # type: ignore[attr-defined]
        if op in _FORBIDDEN:
            return True
        for part in arg if isinstance(arg, (list, tuple)) else (arg,):
            if isinstance(part, _parser.SubPattern) and _uses_forbidden(part):
                return True
            if isinstance(part, (list, tuple)):
                for sub in part:
                    if isinstance(sub, _parser.SubPattern) and _uses_forbidden(sub):
                        return True
    return False


def _package_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for info in pkgutil.walk_packages(factcheck.__path__, "factcheck."):
        if info.name.endswith("__main__"):
            continue  # runs the CLI when imported
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{info.name}.{name}", value))
    return found


def test_the_check_sees_possessive_quantifiers_and_atomic_groups():
    for pattern in (r"a*+b", r"(?:x|y)++", r"(?>ab|a)c", r"(?:a(?:b++))"):
        assert _uses_forbidden(_parser.parse(pattern)), pattern
    assert not _uses_forbidden(_parser.parse(r"(?:a|b)*(?!c)[^\W\d_]+"))


def test_no_package_regex_uses_possessive_quantifiers_or_atomic_groups():
    patterns = _package_patterns()
    assert len(patterns) > 50  # the walk found the package's patterns
    bad = [
        name for name, p in patterns if _uses_forbidden(_parser.parse(p.pattern, p.flags))
    ]
    assert bad == []
