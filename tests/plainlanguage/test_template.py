"""The include beside a text: score with target, grade and result in words, the hints.

Requirement: KERN UX classes; the result never relies on colour alone (it is written out).
"""

import re

import pytest
from django.template.loader import render_to_string

from rathaus.plainlanguage.services import assess
from tests.plainlanguage.test_score import LEGAL, NOTICE

pytestmark = pytest.mark.django_db


def rendered(text: str) -> str:
    html = render_to_string("plainlanguage/_assessment.html", {"assessment": assess(text)})
    return re.sub(r"\s+", " ", html)


def test_a_text_that_misses_the_target():
    html = rendered(LEGAL)
    assert "Verständlichkeit 17,5 (Ziel: höchstens 10) – schwer" in html
    assert "Ziel nicht erreicht" in html and "kern-badge--warning" in html
    assert "16 Wörter, 1 Satz" in html
    assert 'class="kern-list kern-list--bullet"' in html
    assert "„Gemäß“ ist Amtssprache – besser: „nach“." in html
    assert "„Verwaltungsverfahrensgesetzes“ hat 9 Silben" in html


def test_a_text_that_reaches_the_target():
    html = rendered(NOTICE)
    assert "Verständlichkeit 5,6 (Ziel: höchstens 10) – leicht" in html
    assert "Ziel erreicht" in html and "kern-badge--success" in html
    assert "kern-list" not in html


def test_no_text_yet():
    html = rendered("  ")
    assert "noch kein Text zum Prüfen" in html
    assert "kern-badge" not in html
