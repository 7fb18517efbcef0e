"""The public coverage pages and the CSV export.

Requirement: the dashboard (map, legend, tables, Kreis chart), a page per Gemeinde and a
CSV export are public; filter and order live in the URL; unknown values never break a
page (a message names the problem and the defaults apply); the CSV is UTF-8 with BOM,
``;``-separated and safe against formula injection; the query count does not depend on
the number of Gemeinden or offers.
"""

from __future__ import annotations

import csv
import io

import pytest

from rathaus.core import demo as core_demo
from rathaus.core.csvexport import safe_cell
from rathaus.core.demo import load_demo
from rathaus.coverage.demo import load_demo_coverage
from rathaus.coverage.forms import SORT_CHOICES
from rathaus.coverage.services import DEFAULT_SORT, coverage_report
from tests.coverage.conftest import DARMSTADT, DIETZENBACH, add_offer

pytestmark = pytest.mark.django_db

URL = "/smart-region/ozg-abdeckung/"


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_dashboard_is_public_with_map_tables_and_chart(client, offers):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="svg-map__link"') == 421
    assert 'class="svg-chart"' in html and 'class="svg-legend"' in html
    assert f'href="{URL}gemeinden/{DARMSTADT}/"' in html
    assert 'href="/gebiete/06438/"' in html  # Kreis rows link to the territory page
    assert "Kassel (Kreisfreie Stadt)" in html and "Kassel (Landkreis)" in html
    assert f'href="{URL}export.csv"' in html
    assert "style=" not in html.split("<main", 1)[1]
    assert "Fehler:" not in html


def test_life_situation_filter_and_sort_stay_in_the_links(client, offers):
    response = client.get(URL, {"lebenslage": "familie", "sort": "name"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>OZG-Abdeckung: Familie" in html
    assert f'href="{URL}gemeinden/{DARMSTADT}/?lebenslage=familie"' in html
    assert f'href="{URL}export.csv?lebenslage=familie&amp;sort=name"' in html
    assert html.index(">Aarbergen</a>") < html.index(">Zierenberg</a>")
    assert response.context["report"].life_situation.slug == "familie"


def test_sort_changes_the_order_of_the_table(client, offers):
    def first(query):
        return client.get(URL, query).context["rows"][0][0].municipality

    by_rank, by_name = first({}), first({"sort": "name"})
    assert by_name.short_name == "Aarbergen" and by_rank.short_name != "Aarbergen"
    assert first({"sort": "einwohner"}).key == "06412000"  # Frankfurt, the largest


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"lebenslage": "<script>alert(1)</script>"}, "Diese Lebenslage gibt es nicht"),
        ({"sort": "nonsense"}, "Diese Sortierung gibt es nicht"),
        ({"sort": "x" * 5000, "lebenslage": "\u0000"}, "Diese Sortierung gibt es nicht"),
        ({"lebenslage": ["familie", "bildung"]}, None),
    ],
)
def test_bad_input_shows_a_message_and_the_defaults(client, offers, query, message):
    response = client.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    if message:
        assert message in html and "<title>Fehler:" in html
        assert response.context["report"].life_situation is None  # the defaults apply
        assert response.context["sort_label"] == dict(SORT_CHOICES)[DEFAULT_SORT]


def test_municipality_page_lists_online_and_missing_services(client, offers):
    response = client.get(f"{URL}gemeinden/{DIETZENBACH}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "OZG-Abdeckung: Dietzenbach" in html
    assert "2 von 10 Leistungen" in html
    assert "nur vor Ort" in html  # its own offline licence office
    assert "Amt Offenbach" in html  # BAföG from the Kreis
    assert f'href="/gebiete/{DIETZENBACH}/"' in html
    assert f'href="/leistungen/fuehrerschein/?gemeinde={DIETZENBACH}"' in html


def test_municipality_page_with_filter_and_unknown_places(client, offers):
    response = client.get(f"{URL}gemeinden/{DARMSTADT}/", {"lebenslage": "familie"})
    assert response.status_code == 200
    assert "1 von 2 Leistungen" in response.content.decode()
    bad = client.get(f"{URL}gemeinden/{DARMSTADT}/", {"lebenslage": "<b>"})
    assert bad.status_code == 200 and "Diese Lebenslage gibt es nicht" in bad.content.decode()
    for key in ("06438", "99999999", "abc", "0641100<"):
        assert client.get(f"{URL}gemeinden/{key}/").status_code == 404


def test_english_dashboard(client, offers):
    response = client.get(f"/en{URL}")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


def test_csv_export(client, offers):
    response = client.get(f"{URL}export.csv", {"sort": "name"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ozg-abdeckung-alle.csv"' in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0][:8] == [
        "AGS", "Gemeinde", "Kreis", "Einwohner", "Leistungen online", "Leistungen gesamt",
        "Abdeckung in %", "Rang",
    ]  # fmt: skip
    assert len(rows) == 422 and rows[1][1] == "Aarbergen"
    darmstadt = next(row for row in rows if row[0] == DARMSTADT)
    assert darmstadt[4:7] == ["3", "10", "30,0"]
    licence = rows[0].index("Führerschein beantragen, umtauschen oder ersetzen")
    dietzenbach = next(row for row in rows if row[0] == DIETZENBACH)
    assert dietzenbach[licence] == "nicht online"


def test_csv_export_filtered_and_refusing_bad_input(client, offers):
    response = client.get(f"{URL}export.csv", {"lebenslage": "familie"})
    assert 'filename="ozg-abdeckung-familie.csv"' in response["Content-Disposition"]
    assert len(rows_of(response)[0]) == 8 + 2
    bad = client.get(f"{URL}export.csv", {"lebenslage": "=cmd"})
    assert bad.status_code == 400 and "Lebenslage" in bad.content.decode()


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("+49", "'+49"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("Bad Vilbel", "Bad Vilbel"), (7, "7"), (None, "")],
)  # fmt: skip
def test_csv_cells_never_start_a_formula(value, cell):
    assert safe_cell(value) == cell


def test_csv_neutralises_formulas_in_names(client, offers):
    from rathaus.core.models import Territory

    Territory.objects.filter(key=DARMSTADT).update(name='=HYPERLINK("x")')
    rows = rows_of(client.get(f"{URL}export.csv"))
    assert next(row for row in rows if row[0] == DARMSTADT)[1] == '\'=HYPERLINK("x")'


def test_dashboard_query_count_is_constant(client, offers, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert client.get(URL, {"lebenslage": "familie"}).status_code == 200
    for key in ("06438002", "06438003", "06531005", "06412000", "06611000"):
        add_offer("eheurkunde", key)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"{URL}gemeinden/{DARMSTADT}/").status_code == 200


def test_demo_offers_make_coverage_differ_and_are_idempotent(offers):
    assert core_demo.HOOKS.get("coverage") is load_demo_coverage
    load_demo()
    first = {row.municipality.key: row.online for row in coverage_report().municipalities}
    load_demo()
    second = {row.municipality.key: row.online for row in coverage_report().municipalities}
    assert first == second
    assert len(set(first.values())) >= 4
    fulda = coverage_report().for_key("06631009")
    licence = next(s for s in fulda.statuses if s.service.slug == "fuehrerschein")
    assert licence.offer.territory.key == "06631009" and not licence.online
