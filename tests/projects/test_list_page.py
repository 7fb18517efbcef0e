"""The public project list (issue 12): the search is echoed as the person typed it (escaped,
not lowercased) while the search itself ignores case, and the map of the found projects
draws Hessen and its Kreise under the marks, with the attribution of the boundary data."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rathaus.search.echo import search_echo

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(darmstadt_staff, make_project):
    user, authority = darmstadt_staff
    return make_project(user, authority)


def _list(client, **params) -> str:
    return client.get(reverse("projects:index"), params).content.decode()


def _echo(page: str) -> str:
    match = re.search(
        r'<p class="kern-body kern-body--muted search-echo">(Gesucht wurde nach:[^<]*)</p>', page
    )
    assert match, "no search echo on the page"
    return match.group(1)


@pytest.mark.parametrize("typed", ["AbFall", "ABFALL", "Abfall FÜLLSTAND"])
def test_the_echo_shows_the_query_as_typed(client, published, typed):
    page = _list(client, q=typed)
    assert _echo(page) == f"Gesucht wurde nach: „{typed}“"
    assert "1 Projekt" in page  # the search itself ignores case
    assert f"<title>Projekte: {typed}" in page


def test_the_echo_is_escaped(client, published):
    page = _list(client, q='<b>Abfall</b> & "Co"')
    assert _echo(page) == "Gesucht wurde nach: „&lt;b&gt;Abfall&lt;/b&gt; &amp; &quot;Co&quot;“"
    assert "<b>Abfall</b>" not in page


def test_no_echo_without_a_query(client, published):
    assert "Gesucht wurde nach" not in _list(client)
    assert "Gesucht wurde nach" not in _list(client, handlungsfeld="abfall-stadtsauberkeit")


def test_the_echo_names_the_synonyms_it_searched_for_too(client, published):
    assert _echo(_list(client, q="Auto")) == (
        "Gesucht wurde nach: „Auto“ und nach ähnlichen Wörtern: fahrzeug, kraftfahrzeug"
    )


def test_search_echo_keeps_the_text_and_leaves_out_typed_words():
    assert search_echo("") is None
    echo = search_echo("Hochzeit HEIRAT")
    assert echo is not None and echo.text == "Hochzeit HEIRAT"
    assert echo.also == ["ehe", "eheschließung"]
    assert search_echo("Parken").also == []


def test_the_map_draws_hessen_and_its_kreise_with_the_attribution(client, published):
    page = _list(client)
    section = page.split('id="map-heading"', 1)[1]
    base = re.search(r'<g class="svg-map__base" aria-hidden="true">(.*?)</g>', section)
    assert base and section.index(base.group(0)) < section.index('class="svg-map__link"')
    assert base.group(1).count("<path ") == 2
    assert "© GeoBasis-DE / BKG (2021)" in section
    assert "title>Darmstadt: 1 Projekt</title>" in section
