"""Sentences and words of German administrative text.

Requirement: abbreviations (z. B., usw., Nr., ggf., bzw., d. h. …), numbers (1.000,50),
dates (01.02.2026) and ordinals (1. März) do not end a sentence; ! ? … and empty lines do;
hyphenated compounds are one word; numbers are no words.
"""

import pytest

from rathaus.plainlanguage.readability import split_sentences, split_words


@pytest.mark.parametrize(
    "text",
    [
        "Bringen Sie z. B. Ihren Ausweis mit.",
        "Bringen Sie z.B. Ihren Ausweis mit.",
        "Sie brauchen Ausweis, Foto usw. für den Antrag.",
        "Bitte nennen Sie die Nr. Ihres Bescheids.",
        "Sie können ggf. Ihre Unterlagen nachreichen.",
        "Das kostet 20 bzw. 30 Euro.",
        "Wir brauchen das Original, d. h. Kopien nehmen wir nicht.",
        "Die Gebühr beträgt 1.000,50 Euro.",
        "Der Termin ist am 01.02.2026 im Rathaus.",
        "Bitte reichen Sie alles bis 01.02. bei uns ein.",
        "Die Frist endet am 1. März um Mitternacht.",
        "Das regelt Art. 5 des Gesetzes.",
        "Herr Dr. Müller berät Sie gern.",
        "Ihre Unterlagen gehen i.d.R. nach zwei Wochen zurück.",
        "Das steht in Abs. 2, vgl. auch Anlage 3.",
        "Ansprechpartnerin ist E. Schmidt im Bürgerbüro.",
    ],
)
def test_abbreviations_numbers_and_dates_do_not_end_a_sentence(text):
    assert split_sentences(text) == [text]


def test_sentence_ends():
    text = (
        "Sie ziehen um? Melden Sie sich an! Das geht online… Bis Ende 2026. "
        "Er sagte: „Gut.“ Dann ging er. Das ist eine Art. Danach kommt nichts."
    )
    assert split_sentences(text) == [
        "Sie ziehen um?",
        "Melden Sie sich an!",
        "Das geht online…",
        "Bis Ende 2026.",
        "Er sagte: „Gut.“",
        "Dann ging er.",
        "Das ist eine Art.",
        "Danach kommt nichts.",
    ]


def test_lines_empty_lines_and_list_items():
    text = (
        "Antrag auf Wohngeld\n\nBitte bringen Sie mit:\n- Ausweis\n- Mietvertrag\n"
        "1. Formular ausfüllen\n2) unterschreiben\nDieser Satz geht\nauf der nächsten Zeile weiter."
    )
    assert split_sentences(text) == [
        "Antrag auf Wohngeld",
        "Bitte bringen Sie mit:",
        "- Ausweis",
        "- Mietvertrag",
        "1. Formular ausfüllen",
        "2) unterschreiben Dieser Satz geht auf der nächsten Zeile weiter.",
    ]


def test_a_lower_case_word_after_a_period_continues_the_sentence():
    assert split_sentences("Das gilt ca. drei Monate. Danach nicht.") == [
        "Das gilt ca. drei Monate.",
        "Danach nicht.",
    ]


def test_sentences_without_words_are_left_out():
    assert split_sentences("1. 2. 3. Fertig. 2026.") == ["1. 2. 3. Fertig."]


def test_words_hyphenated_compounds_gender_marks_and_numbers():
    text = (
        "Die E-Mail-Adresse der Bürger*innen und/oder Mitarbeiter:innen, geht’s? "
        "3-Zimmer-Wohnung 1.000,50 € § 5"
    )
    assert split_words(text) == [
        "Die",
        "E-Mail-Adresse",
        "der",
        "Bürger*innen",
        "und",
        "oder",
        "Mitarbeiter:innen",
        "geht’s",
        "Zimmer-Wohnung",
    ]


def test_abbreviations_count_as_words():
    assert split_words("z. B. bzw. usw.") == ["z", "B", "bzw", "usw"]
