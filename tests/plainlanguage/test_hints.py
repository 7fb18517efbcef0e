"""Concrete hints: long sentences, long words, passive voice, nominal style, officialese.

Requirement: each kind is reported when its marker is present and not otherwise; messages
are German and name what was found; officialese terms match whole words and simple
inflections; hints come in reading order, each once.
"""

import pytest

from rathaus.plainlanguage.readability import TermMatcher, analyse, hints

TERMS = TermMatcher(
    [
        ("Inanspruchnahme", "Nutzung"),
        ("Antragsteller", "Sie"),
        ("gemäß", "nach"),
        ("bezüglich", "zu, über"),
        ("ersuchen", "bitten"),
        ("oblieg*", "zuständig sein"),
        ("im Rahmen", "bei"),
    ]
)


def kinds(text: str, terms: TermMatcher | None = None) -> list[str]:
    return [hint.kind for hint in hints(analyse(text), terms)]


def only(kind: str, text: str, terms: TermMatcher | None = None):
    found = [hint for hint in hints(analyse(text), terms) if hint.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_a_sentence_over_twenty_words():
    words = " ".join(["Wort"] * 26)
    hint = only("long_sentence", f"Ein {words}.")
    assert hint.message == "Satz mit 27 Wörtern: teilen Sie ihn (höchstens 20)."
    assert hint.excerpt.startswith("Ein Wort Wort")


def test_twenty_words_are_fine_and_numbers_do_not_count():
    assert kinds(" ".join(["Wort"] * 20) + " 1 2 3 4 5.") == []


def test_a_long_excerpt_is_shortened():
    hint = only("long_sentence", " ".join(["Verwaltung"] * 40) + ".")
    assert len(hint.excerpt) == 160
    assert hint.excerpt.endswith("…")


def test_a_word_over_six_syllables():
    hint = only("long_word", "Tragen Sie Ihre Sozialversicherungsnummer ein.")
    assert hint.message == (
        "„Sozialversicherungsnummer“ hat 9 Silben: nehmen Sie ein kürzeres Wort oder trennen "
        "Sie es mit Bindestrich (höchstens 6)."
    )
    assert hint.excerpt == "Sozialversicherungsnummer"


@pytest.mark.parametrize(
    "text",
    [
        "Bitte legen Sie Ihre Meldebescheinigung vor.",  # Mel-de-be-schei-ni-gung: 6
        "Tragen Sie die Kranken-Versicherungs-Nummer ein.",  # parts of 2, 4 and 2 syllables
    ],
)
def test_six_syllables_or_hyphenated_parts_are_fine(text):
    assert "long_word" not in kinds(text)


def test_a_hyphenated_part_over_six_syllables_is_named():
    hint = only("long_word", "Die Sozialversicherungs-Nummer fehlt.")
    assert hint.excerpt == "Sozialversicherungs"


def test_a_long_word_is_named_once():
    assert kinds("Sozialversicherungsnummer. Sozialversicherungsnummer!") == ["long_word"]


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("Ihr Antrag wird geprüft.", "wird geprüft"),
        ("Ihr Antrag wurde am Montag von uns bearbeitet.", "wurde … bearbeitet"),
        ("Der Bescheid ist Ihnen zugestellt worden.", "zugestellt worden"),
        ("Sie werden gebeten, den Ausweis mitzubringen.", "werden gebeten"),
        ("Wir melden uns, sobald alles registriert wird.", "registriert wird"),
        ("Hierüber wird entschieden.", "wird entschieden"),
    ],
)
def test_passive_with_werden(text, marker):
    hint = only("passive", text)
    assert hint.message == f"Passiv („{marker}“): schreiben Sie aktiv und sagen Sie, wer handelt."
    assert hint.excerpt == text


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("Der Antrag ist bis zum 31. März zu stellen.", "ist … zu stellen"),
        ("Die Unterlagen sind vorzulegen.", "sind vorzulegen"),
        ("Bitte senden Sie die Belege, die einzureichen sind.", "einzureichen sind"),
    ],
)
def test_passive_with_sein_and_zu(text, marker):
    hint = only("passive", text)
    assert hint.message == (
        f"„{marker}“ verschweigt, wer etwas tun muss: sprechen Sie die Leserinnen und Leser "
        "direkt an („Bitte … Sie …“)."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Wir prüfen Ihren Antrag.",
        "Wir werden Sie informieren.",  # future tense, active
        "Sie werden Mitglied im Verein.",
        "Das Foto ist zu klein.",
        "Es ist wichtig, den Antrag rechtzeitig zu stellen.",
        "Wer den Antrag bearbeitet, wird Sie anrufen.",  # the participle is in another clause
        "Die neue Regel wird ab Mai gelten.",
        "Der Antrag ist zu den Akten gelegt.",
    ],
)
def test_no_passive(text):
    assert "passive" not in kinds(text)


def test_nominal_style_three_nouns():
    hint = only("nominal", "Nach Prüfung der Unterlagen erfolgt die Erteilung der Genehmigung.")
    assert hint.message == (
        "Nominalstil mit „Prüfung, Erteilung, Genehmigung“: sagen Sie es mit Verben, zum "
        "Beispiel „prüfen“ statt „Prüfung“."
    )


def test_nominal_style_two_nouns_close_together():
    assert "nominal" in kinds("Wir bitten um Bestätigung der Zuständigkeit.")


@pytest.mark.parametrize(
    "text",
    [
        "Wir prüfen Ihre Unterlagen und genehmigen dann Ihren Bau.",
        "Bitte zahlen Sie die Rechnung für Ihre Wohnung.",  # everyday nouns
        "Die Prüfung dauert zwei Wochen, danach schicken wir Ihnen die Genehmigung.",
        "Achtung: Die Anmeldung schließt heute.",
    ],
)
def test_no_nominal_style(text):
    assert "nominal" not in kinds(text)


def test_officialese_with_its_suggestion():
    hint = only("officialese", "Die Inanspruchnahme ist kostenlos.", TERMS)
    assert hint.message == "„Inanspruchnahme“ ist Amtssprache – besser: „Nutzung“."
    assert hint.excerpt == "Inanspruchnahme"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mehrere Inanspruchnahmen sind möglich.", "Inanspruchnahmen"),
        ("Die Antragstellerin unterschreibt.", "Antragstellerin"),
        ("Das gilt für alle Antragstellerinnen.", "Antragstellerinnen"),
        ("Wir schreiben den Antragstellern.", "Antragstellern"),
        ("GEMÄSS nicht, aber Gemäß dem Gesetz.", "Gemäß"),
        ("Wir ersuchen Sie um Antwort.", "ersuchen"),
        ("Wir ersuchten Sie um Antwort.", "ersuchten"),
        ("Es ersucht Sie das Amt.", "ersucht"),
        ("Die Pflicht obliegt Ihnen.", "obliegt"),  # the term "oblieg*"
        ("Das geschieht im\nRahmen der Prüfung.", "im Rahmen"),
        ("Die Inanspruchnahme-Erklärung fehlt.", "Inanspruchnahme"),
    ],
)
def test_officialese_matches_whole_words_and_inflections(text, found):
    assert only("officialese", text, TERMS).excerpt == found


@pytest.mark.parametrize(
    "text",
    [
        "Der Mitantragsteller unterschreibt.",  # inside another word
        "Diesbezüglich fragen Sie bitte uns.",  # bezüglich inside diesbezüglich
        "Im Bilderrahmen steckt ein Foto.",
        "Wir helfen Ihnen gern.",
    ],
)
def test_officialese_not_inside_other_words(text):
    assert "officialese" not in kinds(text, TERMS)


def test_the_longest_term_wins_and_each_expression_is_named_once():
    terms = TermMatcher([("Antragsteller", "Sie"), ("Antragstellerin", "Sie als Antragstellerin")])
    found = [h for h in hints(analyse("Die Antragstellerin und die Antragstellerin."), terms)]
    assert [h.message for h in found] == [
        "„Antragstellerin“ ist Amtssprache – besser: „Sie als Antragstellerin“."
    ]


def test_terms_without_letters_are_ignored():
    assert TermMatcher([("123", "x"), ("*", "y"), ("  ", "z")]).pattern is None
    assert TermMatcher([]).hints("Gemäß dem Gesetz.") == []


def test_hints_in_reading_order():
    text = (
        "Gemäß der Satzung ist die Gebühr zu zahlen. Ihre Sozialversicherungsnummer wird geprüft."
    )
    assert kinds(text, TERMS) == ["passive", "officialese", "passive", "long_word"]


def test_a_plain_text_has_no_hints():
    assert kinds("Wir haben Ihren Antrag bekommen. Wir melden uns bald bei Ihnen.", TERMS) == []
