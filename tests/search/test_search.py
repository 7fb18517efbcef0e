"""German full-text search finds documents across inflection ("Anträge" → "Antrag"),
compounds from their start ("Abfall" → "Abfallentsorgung"), case, umlauts and ß, and
synonyms; several words must all match; titles rank above keywords above bodies; kinds
are separate indexes; index/remove/clear are upserts and deletes that roll back with the
caller's transaction; and no query text can make a search fail. The suite runs unchanged
on SQLite (FTS5) and PostgreSQL (tsvector), so both vendors give the same hits."""

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rathaus.search import services
from rathaus.search.models import SearchEntry

pytestmark = pytest.mark.django_db

KIND = "catalog.service"

# object_id: (title, keywords, body)
CORPUS = {
    "personalausweis": (
        "Personalausweis beantragen",
        "Perso Identität",
        "Den Antrag stellen Sie persönlich im Bürgerbüro.",
    ),
    "sb-ausweis": (
        "Ausweis für schwerbehinderte Menschen",
        "Behinderung",
        "Das Versorgungsamt stellt den Ausweis aus.",
    ),
    "reisepass": (
        "Reisepass beantragen",
        "Reise Ausland",
        "Ein Pass ist außerhalb der Europäischen Union nötig.",
    ),
    "abfall": (
        "Abfallentsorgung per Sensor",
        "Müll Smart City",
        "Füllstandssensoren melden volle Container an den Betriebshof.",
    ),
    "wohnsitz": (
        "Wohnsitz anmelden",
        "Meldebescheinigung",
        "Nach dem Einzug in eine neue Wohnung melden Sie sich binnen zwei Wochen an.",
    ),
    "elterngeld": (
        "Elterngeld beantragen",
        "Familie",
        "Geld für Eltern, die ihr Kind nach der Geburt selbst betreuen.",
    ),
    "kindergeld": (
        "Kindergeld beantragen",
        "Familienkasse",
        "Kindergeld gibt es bis zum 18. Geburtstag.",
    ),
    "fuehrerschein": (
        "Führerschein umtauschen",
        "Kartenführerschein",
        "Alte Papierführerscheine werden bis 2033 getauscht.",
    ),
    "fahrerlaubnis": (
        "Fahrerlaubnis erteilen lassen",
        "Fahrschule Prüfung",
        "Nach der bestandenen Prüfung erhalten Sie das Dokument.",
    ),
    "ehe": (
        "Eheschließung anmelden",
        "Standesamt Trauung",
        "Das Standesamt prüft die Ehefähigkeit.",
    ),
    "hund": (
        "Hund anmelden",
        "Steuer",
        "Für jeden Hund zahlen Sie eine jährliche Abgabe.",
    ),
    "bafoeg": (
        "Ausbildungsförderung beantragen",
        "Studium Schule",
        "Förderung nach dem Bundesausbildungsförderungsgesetz.",
    ),
    "kfz": (
        "Kraftfahrzeug zulassen",
        "Zulassungsstelle Kennzeichen",
        "Neue und gebrauchte Fahrzeuge zulassen.",
    ),
    "urkunde": (
        "Personenstandsurkunde bestellen",
        "Standesamt",
        "Auszüge aus dem Personenstandsregister.",
    ),
    "strasse": (
        "Straßenreinigung",
        "Winterdienst",
        "Gehwege und Straßen werden gereinigt.",
    ),
}


@pytest.fixture
def corpus():
    for object_id, (title, keywords, body) in CORPUS.items():
        services.index(KIND, object_id, title=title, keywords=keywords, body=body)


def found(query, kind=KIND):
    return {hit.object_id for hit in services.search(kind, query)}


def ranked(query, kind=KIND):
    return [hit.object_id for hit in services.search(kind, query)]


# Exact hit sets: the same on both vendors.
EXPECTED = [
    # stemming
    ("Anträge", {"personalausweis"}),
    ("Ausweise", {"personalausweis", "sb-ausweis"}),
    ("Kindern", {"elterngeld", "kindergeld"}),
    ("beantragen", {"personalausweis", "reisepass", "elterngeld", "kindergeld", "bafoeg"}),
    # prefixes: the start of a compound
    ("Abfall", {"abfall"}),
    ("Führer", {"fuehrerschein"}),
    ("Sensor", {"abfall"}),
    ("Standesamt", {"ehe", "urkunde"}),
    # case, umlauts, ß
    ("ABFALLENTSORGUNG", {"abfall"}),
    ("Fuhrerschein", {"fuehrerschein", "fahrerlaubnis"}),
    ("Strasse", {"strasse"}),
    ("STRASSENREINIGUNG", {"strasse"}),
    ("Straße", {"strasse"}),
    # several words: AND; stop words ignored
    ("Reisepass beantragen", {"reisepass"}),
    ("Abfall beantragen", set()),
    ("Wie beantrage ich einen Personalausweis?", {"personalausweis"}),
    # synonyms
    ("Perso", {"personalausweis", "sb-ausweis", "urkunde"}),
    ("Pass", {"reisepass"}),
    ("Führerschein", {"fuehrerschein", "fahrerlaubnis"}),
    ("Fahrerlaubnis", {"fuehrerschein", "fahrerlaubnis"}),
    ("Umzug", {"wohnsitz"}),
    ("Ummeldung", {"wohnsitz"}),
    ("Anmeldung", {"wohnsitz", "ehe", "hund"}),
    ("Heirat", {"ehe"}),
    ("Hochzeiten", {"ehe"}),
    ("Bafög", {"bafoeg"}),
    ("BAföG", {"bafoeg"}),
    ("Bafoeg", {"bafoeg"}),
    ("Hundesteuer", {"hund"}),
    ("KfZ", {"kfz"}),
    ("Geburtsurkunde", {"urkunde"}),
    ("Kindergeld", {"kindergeld"}),
    ("Elterngeld", {"elterngeld"}),
    # nothing
    ("Baugenehmigung", set()),
]


@pytest.mark.parametrize(("query", "expected"), EXPECTED)
def test_hits_for_the_corpus(corpus, query, expected):
    assert found(query) == expected


def test_hits_come_best_first_with_a_rank(corpus):
    hits = services.search(KIND, "beantragen", limit=3)
    assert len(hits) == 3
    assert all(isinstance(hit.object_id, str) and hit.rank > 0 for hit in hits)
    assert [hit.rank for hit in hits] == sorted((hit.rank for hit in hits), reverse=True)


def test_title_ranks_above_keywords_above_body():
    kind = "test.ranking"
    services.index(kind, "body", title="Mietspiegel einsehen", body="Hinweise zum Wohngeld")
    services.index(kind, "keywords", title="Mietzuschuss", keywords="Wohngeld Miete")
    services.index(kind, "title", title="Wohngeld beantragen", body="Zuschuss zur Miete")
    assert ranked("Wohngeld", kind) == ["title", "keywords", "body"]


def test_a_title_match_beats_a_body_repeating_the_word():
    kind = "test.ranking"
    services.index(kind, "body", title="Hinweise", body="Sensor " * 30 + "und weitere Sensoren")
    services.index(kind, "title", title="Sensoren im Stadtgebiet", body="Messwerte und Karten")
    assert ranked("Sensor", kind) == ["title", "body"]


def test_kinds_are_separate_indexes(corpus):
    services.index("projects.project", "abfall", title="Abfall smart sammeln")
    services.index("projects.project", 7, title="Wohnsitz digital")
    assert found("Abfall", "projects.project") == {"abfall"}
    assert found("Sensor", "projects.project") == set()
    services.clear("projects.project")
    assert found("Abfall", "projects.project") == set()
    assert found("Abfall") == {"abfall"}
    services.remove("projects.project", "unknown")  # no error


def test_index_replaces_the_document():
    services.index(KIND, 42, title="Hundesteuer", body="Abgabe")
    services.index(KIND, "42", title="Wohngeld", body="Zuschuss")
    assert SearchEntry.objects.filter(kind=KIND).count() == 1
    assert found("Hund") == set()
    assert found("Abgabe") == set()
    assert found("Zuschuss") == {"42"}


def test_remove_and_clear(corpus):
    services.remove(KIND, "abfall")
    assert found("Abfall") == set()
    assert found("Reisepass") == {"reisepass"}
    services.clear(KIND)
    assert found("beantragen") == set()
    assert not SearchEntry.objects.exists()


def test_limit(corpus):
    assert len(services.search(KIND, "beantragen", limit=2)) == 2
    assert services.search(KIND, "beantragen", limit=0) == []


class Rollback(Exception):
    pass


def test_index_rolls_back_with_the_callers_transaction():
    with pytest.raises(Rollback), transaction.atomic():
        services.index(KIND, "neu", title="Wohngeld beantragen")
        assert found("Wohngeld") == {"neu"}
        raise Rollback
    assert found("Wohngeld") == set()
    assert not SearchEntry.objects.exists()


def test_update_rolls_back_with_the_callers_transaction():
    services.index(KIND, "doc", title="Wohngeld beantragen")
    with pytest.raises(Rollback), transaction.atomic():
        services.index(KIND, "doc", title="Hundesteuer zahlen")
        raise Rollback
    assert found("Wohngeld") == {"doc"}
    assert found("Hundesteuer") == set()


def test_remove_and_clear_roll_back_with_the_callers_transaction(corpus):
    with pytest.raises(Rollback), transaction.atomic():
        services.remove(KIND, "abfall")
        services.clear(KIND)
        assert found("beantragen") == set()
        raise Rollback
    assert found("Abfall") == {"abfall"}
    assert len(found("beantragen")) == 5


HOSTILE = [
    "",
    "   \t\n ",
    '"',
    "'",
    "*",
    '"Reisepass',
    "Reisepass*",
    "Pass AND NOT Reisepass",
    "NEAR(Pass Reisepass, 2)",
    "OR",
    "(((",
    "-Pass",
    "title:Pass",
    "^Pass",
    "Pass & Reisepass | !Ausweis <-> x:*",
    "'; DROP TABLE search_searchentry; --",
    "1' OR '1'='1",
    "\\x00\\",
    "\x00",
    "🐕🎉 Hund 🐕",
    "ẞ² ① ½ ٣ 𞤀",
    "a" * 2000,
    "%s %(x)s {0} ?",
    "x" * 70 + " " + "ä!" * 700,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(corpus, query):
    assert isinstance(services.search(KIND, query), list)
    assert found("Reisepass") == {"reisepass"}  # the transaction is still usable


@pytest.mark.parametrize("query", ["", "   ", '"*()', "&|!:-", "🐕🎉", "und oder die"])
def test_queries_without_words_find_nothing(corpus, query):
    assert services.expand_query(query) == []
    assert services.search(KIND, query) == []


def test_hostile_documents_can_be_indexed():
    services.index(KIND, "x", title="\"NEAR(*) AND'; DROP", body="🐕 ẞ " * 500, keywords="-:^")
    assert found("near") == {"x"}
    assert found("drop") == {"x"}


QUERY_PIECES = ['"', "'", "*", "(", ")", ":", "-", "^", "&", "|", "!", "<->", "AND", "OR", "NOT"]
QUERY_PIECES += ["NEAR", "Pass", "Reisepass", "Abfall", "Straße", "und", "🐕", "\\", "%s", ";", " "]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=80) | st.lists(st.sampled_from(QUERY_PIECES)).map("".join))
def test_any_text_is_a_valid_query(corpus, query):
    assert isinstance(services.search(KIND, query), list)


def test_the_searchable_form_exists_on_this_vendor():
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            assert "search_fts" in tables
        else:
            columns = connection.introspection.get_table_description(cursor, "search_searchentry")
            assert "document" in {column.name for column in columns}
