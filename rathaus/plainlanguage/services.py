"""The plain-language check: score a citizen-facing text and say what would make it plainer.

``assess(text)`` gives an ``Assessment``: the first Wiener Sachtextformel (WSTF 1, rounded
to one decimal), the target (setting ``RATHAUS_PLAIN_LANGUAGE_TARGET``, default 10), whether
the text reaches it, a grade and concrete hints (``rathaus.plainlanguage.readability``).

Grades (WSTF 1 reads roughly as the school year a reader needs): "leicht" up to 7.0,
"mittel" up to 11.0, "schwer" above; no grade ("") for a text without words. Texts with
default target 10 therefore pass as "leicht" or "mittel", and "schwer" always fails it.

The office's officialese list is read once and kept in this process for at most
``TERMS_SECONDS``; saving or deleting a term empties the cache at once (and again when the
transaction commits). Other processes see a change at the latest after ``TERMS_SECONDS``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from rathaus.plainlanguage import readability
from rathaus.plainlanguage.models import OfficialeseTerm
from rathaus.plainlanguage.readability import Hint

__all__ = ["Assessment", "Hint", "assess", "assess_many", "forget_terms", "target", "terms_changed"]

DEFAULT_TARGET = 10.0
EASY_UP_TO = 7.0
MEDIUM_UP_TO = 11.0
TERMS_SECONDS = 300.0
# The formula describes running text; on a label of one or two words it says little (one
# long word scores 31). Shorter texts keep their score, but pass or fail by the hints.
MIN_WORDS = 5

_cached: tuple[float, readability.TermMatcher] | None = None


@dataclass(frozen=True)
class Assessment:
    score: float | None
    target: float
    words: int
    sentences: int
    passes: bool
    hints: list[Hint]
    too_short: bool = False

    @property
    def grade(self) -> str:
        if self.score is None:
            return ""
        if self.score <= EASY_UP_TO:
            return _("leicht")
        return _("mittel") if self.score <= MEDIUM_UP_TO else _("schwer")


def target() -> float:
    """The highest WSTF 1 a citizen-facing text should have."""
    return _configured_target()


def _configured_target() -> float:
    return float(getattr(settings, "RATHAUS_PLAIN_LANGUAGE_TARGET", DEFAULT_TARGET))


def assess(text: str, *, target: float | None = None) -> Assessment:
    """Score and hints for one text; ``target`` overrides the configured target."""
    goal = _configured_target() if target is None else float(target)
    return _assess(text, _terms(), goal)


def assess_many(texts: Iterable[str]) -> list[Assessment]:
    """One assessment per text, with one read of the officialese list at most."""
    matcher, goal = _terms(), _configured_target()
    return [_assess(text, matcher, goal) for text in texts]


def forget_terms() -> None:
    """Empty this process's cached officialese list; the next assessment reads it again."""
    global _cached
    _cached = None


def terms_changed(**_signal: Any) -> None:
    """Receiver of OfficialeseTerm's post_save and post_delete (connected in apps.py)."""
    forget_terms()
    transaction.on_commit(forget_terms)


def _terms() -> readability.TermMatcher:
    global _cached
    now = time.monotonic()
    if _cached is None or now - _cached[0] > TERMS_SECONDS:
        rows = OfficialeseTerm.objects.filter(active=True).values_list("term", "suggestion")
        _cached = (now, readability.TermMatcher(rows))
    return _cached[1]


@lru_cache(maxsize=20_000)
def _assess(text: str, matcher: readability.TermMatcher, goal: float) -> Assessment:
    """Cached by text, term list (a new list is a new matcher) and target: a service's
    texts are assessed on every visit of its pages and rarely change."""
    analysis = readability.analyse(text)
    too_short = 0 < len(analysis.words) < MIN_WORDS
    raw = analysis.score
    score = None if raw is None else round(raw, 1)
    hints = readability.hints(analysis, matcher)
    return Assessment(
        score=score,
        target=goal,
        words=len(analysis.words),
        sentences=len(analysis.sentences),
        passes=not hints if too_short else (score is None or score <= goal),
        hints=hints,
        too_short=too_short,
    )
