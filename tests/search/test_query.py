"""A search query becomes at most 12 normalised words (letters and digits only, lowercase,
ß as ss, without stop words), each expanded to its synonyms as OR alternatives; the
synonym list is lowercase single German words, and Kindergeld and Elterngeld stay apart."""

import pytest

from rathaus.search import text
from rathaus.search.services import expand_query
from rathaus.search.synonyms import SYNONYMS


def test_words_are_normalised():
    assert expand_query("  Reisepass  BEANTRAGEN ") == [["reisepass"], ["beantragen"]]
    assert expand_query("Straße") == [["strasse"]]
    assert expand_query("Fu\u0308hrer") == [["führer"]]  # decomposed umlaut


def test_only_letters_and_digits_become_words():
    assert expand_query('"Hund"* AND (Katze) -Maus title:Vogel 🐕 x_y 2024') == [
        ["hund"],
        ["and"],
        ["katze"],
        ["maus"],
        ["title"],
        ["vogel"],
        ["x"],
        ["y"],
        ["2024"],
    ]


def test_stop_words_and_repeats_are_dropped():
    assert expand_query("Wie beantrage ich den Wohngeld-Antrag für die Wohngeld Stelle") == [
        ["beantrage"],
        ["wohngeld"],
        ["antrag"],
        ["stelle"],
    ]


def test_at_most_twelve_words_of_bounded_length():
    groups = expand_query(" ".join(f"wort{n}" for n in range(30)))
    assert len(groups) == 12
    assert groups[0] == ["wort0"]
    assert expand_query("x" * 2000) == [["x" * text.MAX_TERM_LENGTH]]


def test_synonyms_expand_a_word_to_alternatives():
    assert expand_query("Perso") == [["perso", "personalausweis", "ausweis"]]
    assert expand_query("Pass beantragen") == [["pass", "reisepass"], ["beantragen"]]
    assert expand_query("KfZ") == [["kfz", "fahrzeug", "kraftfahrzeug"]]
    assert expand_query("Heirat") == [["heirat", "hochzeit", "ehe", "eheschliessung"]]
    assert expand_query("Hundesteuer") == [["hundesteuer", "hund"]]
    assert expand_query("Geburtsurkunde") == [["geburtsurkunde", "personenstandsurkunde"]]


def test_synonyms_match_inflected_words():
    assert expand_query("Hochzeiten")[0][1:] == ["heirat", "ehe", "eheschliessung"]
    assert expand_query("Pässe") == [["pässe", "reisepass"]]
    assert expand_query("BAföG") == [["bafög", "bafoeg", "ausbildungsförderung"]]


@pytest.mark.parametrize(
    ("word", "wanted"),
    [
        ("perso", {"personalausweis", "ausweis"}),
        ("personalausweis", {"perso", "ausweis"}),
        ("ausweis", {"personalausweis", "perso"}),
        ("pass", {"reisepass"}),
        ("führerschein", {"fahrerlaubnis"}),
        ("fahrerlaubnis", {"führerschein"}),
        ("ummeldung", {"wohnsitz"}),
        ("anmeldung", {"wohnsitz"}),
        ("umzug", {"wohnsitz"}),
        ("heirat", {"ehe", "eheschließung"}),
        ("hochzeit", {"ehe", "eheschließung"}),
        ("bafög", {"ausbildungsförderung"}),
        ("hundesteuer", {"hund"}),
        ("kfz", {"fahrzeug", "kraftfahrzeug"}),
        ("geburtsurkunde", {"personenstandsurkunde"}),
    ],
)
def test_required_synonyms(word, wanted):
    assert wanted <= set(SYNONYMS[word])


def test_kindergeld_and_elterngeld_stay_distinct():
    assert expand_query("Kindergeld Elterngeld") == [["kindergeld"], ["elterngeld"]]
    assert not {"kindergeld", "elterngeld"} & {w for ws in SYNONYMS.values() for w in ws}


def test_synonym_data_is_lowercase_single_words():
    for key, values in SYNONYMS.items():
        for word in [key, *values]:
            assert text.words(word) == [word.casefold()] and word == word.lower(), word


def test_documents_are_stored_stemmed():
    assert text.indexed("Die Anträge der Kindern, Straße und Führerschein 2033") == (
        "antrag kind strass fuhrerschein 2033"
    )
