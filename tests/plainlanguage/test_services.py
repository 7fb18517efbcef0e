"""The public check: assess, assess_many, target, and the office's term list from the database.

Requirement: the score is rounded to one decimal and compared with the target (setting
RATHAUS_PLAIN_LANGUAGE_TARGET, default 10); the grade is leicht/mittel/schwer; the seeded and
admin-edited officialese list takes effect at once; assess_many reads the list once for any
number of texts; no text makes assess raise, 100 KB included.
"""

import time

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from rathaus.plainlanguage import services
from rathaus.plainlanguage.models import OfficialeseTerm
from rathaus.plainlanguage.services import assess, assess_many
from tests.plainlanguage.test_score import EASY, LEGAL, NOTICE, OFFICIALESE, REGISTRATION

pytestmark = pytest.mark.django_db


def test_assessment_of_a_medium_text():
    result = assess(REGISTRATION)
    assert (result.score, result.target, result.words, result.sentences) == (10.8, 10.0, 22, 2)
    assert result.passes is False
    assert result.grade == "mittel"


@pytest.mark.parametrize(
    ("text", "score", "grade", "passes"),
    [(EASY, -1.9, "leicht", True), (NOTICE, 5.6, "leicht", True), (LEGAL, 17.5, "schwer", False)],
)
def test_scores_grades_and_the_target(text, score, grade, passes):
    result = assess(text)
    assert (result.score, result.grade, result.passes) == (score, grade, passes)


def test_the_grade_thresholds():
    def graded(score: float) -> str:
        return services.Assessment(score, 10.0, 1, 1, True, []).grade

    assert [graded(s) for s in (7.0, 7.1, 11.0, 11.1)] == ["leicht", "mittel", "mittel", "schwer"]


@pytest.mark.parametrize("text", ["", "   \n\t  ", "12.000,50 § 3"])
def test_an_empty_text_passes_without_score_or_grade(text):
    result = assess(text)
    assert (result.score, result.words, result.sentences, result.passes) == (None, 0, 0, True)
    assert (result.grade, result.hints) == ("", [])


def test_the_target_from_the_setting_and_per_call(settings):
    settings.RATHAUS_PLAIN_LANGUAGE_TARGET = 11
    assert services.target() == 11.0
    assert assess(REGISTRATION).passes is True
    assert assess(REGISTRATION, target=10.5).passes is False
    del settings.RATHAUS_PLAIN_LANGUAGE_TARGET
    assert services.target() == 10.0


def test_the_seeded_list_is_there_and_reported():
    assert OfficialeseTerm.objects.count() >= 25
    found = {h.excerpt for h in assess(OFFICIALESE).hints if h.kind == "officialese"}
    assert found == {"Inanspruchnahme", "seitens", "Antragsteller", "fristgerecht",
                     "Hinsichtlich", "nachstehenden"}  # fmt: skip


def test_an_added_term_takes_effect_and_a_deactivated_one_does_not():
    text = "Bitte senden Sie uns die Durchschrift."
    assert assess(text).hints == []  # the list is now cached
    term = OfficialeseTerm.objects.create(term="Durchschrift", suggestion="Kopie")
    hint = assess(text).hints[0]
    assert hint.message == "„Durchschrift“ ist Amtssprache – besser: „Kopie“."
    term.active = False
    term.save()
    assert assess(text).hints == []
    term.active = True
    term.save()
    assert len(assess(text).hints) == 1
    term.delete()
    assert assess(text).hints == []


def test_assess_many_reads_the_term_list_once(django_assert_num_queries):
    texts = [f"{OFFICIALESE} Fall {i}." for i in range(300)]
    with django_assert_num_queries(1):
        results = assess_many(texts)
    assert len(results) == 300
    assert all(any(h.kind == "officialese" for h in r.hints) for r in results)
    with django_assert_num_queries(0):
        assess_many(iter(texts[:10]))
        assess(EASY)


def test_the_cache_expires_for_changes_made_by_other_processes(monkeypatch):
    assess(EASY)
    OfficialeseTerm.objects.filter(term="gemäß").update(active=False)  # no signal, as elsewhere
    assert any(h.kind == "officialese" for h in assess("Gemäß Satzung.").hints)
    clock = time.monotonic() + services.TERMS_SECONDS + 1
    monkeypatch.setattr(services.time, "monotonic", lambda: clock)
    assert not any(h.kind == "officialese" for h in assess("Gemäß Satzung.").hints)


def test_100_kilobytes_quickly_and_without_error():
    text = (OFFICIALESE + " " + LEGAL + "\n\n") * (100_000 // (len(OFFICIALESE) + len(LEGAL)) + 1)
    assert len(text) >= 100_000
    started = time.perf_counter()
    result = assess(text)
    assert time.perf_counter() - started < 3
    assert result.words > 10_000
    assert len(result.hints) < 50  # repeated sentences give their hints once
    one_sentence = assess("Wort " * 20_000)
    assert one_sentence.sentences == 1
    assert len(one_sentence.hints[0].excerpt) == 160


GERMANISH = st.text(alphabet=st.sampled_from(list("aeiouäöüyAEÄbcdfgnrstzß .!?…-*:/’()„“\n019,§")))


@hypothesis_settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=400), GERMANISH))
def test_assess_never_raises(text):
    result = assess(text)
    if result.too_short:
        assert result.passes is (not result.hints)
    else:
        assert result.passes is (result.score is None or result.score <= result.target)
    assert all(hint.message and hint.excerpt for hint in result.hints)


@pytest.mark.django_db
def test_labels_too_short_for_the_formula_are_checked_for_words_only():
    """One long word scores 31 and failed every label; under five words the score is
    shown but the text passes or fails by long words and officialese."""
    label = assess("Staatsangehörigkeit")
    assert label.too_short and label.score is not None and label.score > 10 and label.passes
    officialese = assess("Inanspruchnahme der Leistung")
    assert officialese.too_short and not officialese.passes
    assert [hint.kind for hint in officialese.hints] == ["officialese"]
    sentence = assess("Bitte bringen Sie Ihren Personalausweis mit.")
    assert not sentence.too_short and sentence.score is not None
