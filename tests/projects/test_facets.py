"""Facet counts agree with plain database filtering under every filter combination, and the
text search finds stemmed forms and parts of compounds."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rathaus.core.models import Territory
from rathaus.projects import editorial
from rathaus.projects.facets import FACETS
from rathaus.projects.finder import ProjectQuery, find
from rathaus.projects.models import FieldOfAction, Project, Technology
from rathaus.search import services as search
from tests.projects.conftest import content

pytestmark = pytest.mark.django_db

PLACES = ["06411000", "06412000", "06531005", "06531", "06611000", "06631006", "06635022",
          "06432004", "06438", "06636016"]  # fmt: skip
WORDS = ["Abfall", "Parken", "Beteiligung", "Sensoren"]
TITLES = ["Abfallentsorgung mit Sensoren", "Parkhäuser digital", "Bürgerbeteiligung online",
          "Sensorgestützte Beleuchtung", "Datenplattform"]  # fmt: skip


def _size(territory: Territory) -> str:
    """Written out again, independently of the code under test."""
    if len(territory.key) == 5 and territory.kind in ("kreis", "landkreis"):
        return "kreis"
    population = territory.population or 0
    for limit, name in ((100_000, "gross"), (20_000, "mittel"), (5_000, "klein")):
        if population >= limit:
            return name
    return "land"


def _values(project: Project) -> dict[str, set[str]]:
    revision = project.published
    territories = list(revision.territories.all())
    return {
        "handlungsfeld": {f.slug for f in revision.fields.all()},
        "technologie": {t.slug for t in revision.technologies.all()},
        "stand": {revision.status},
        "bezirk": {t.key[:3] for t in territories},
        "kreis": {t.key[:5] for t in territories},
        "groesse": {_size(t) for t in territories},
    }


def _oracle(rows, selected, skip=None):
    return [
        pk
        for pk, values in rows
        if all(
            not chosen or values[name] & set(chosen)
            for name, chosen in selected.items()
            if name != skip
        )  # fmt: skip
    ]


@pytest.fixture
def catalogue_of_projects(darmstadt_staff, office):
    user, authority = darmstadt_staff
    rng = random.Random(7)
    fields = list(FieldOfAction.objects.values_list("slug", flat=True))
    techs = list(Technology.objects.values_list("slug", flat=True))
    for number in range(24):
        data = content(
            title=f"{rng.choice(TITLES)} {number}",
            keys=rng.sample(PLACES, rng.choice([1, 1, 2])),
            fields=list(
                FieldOfAction.objects.filter(slug__in=rng.sample(fields, rng.choice([1, 2])))
            ),
            technologies=list(
                Technology.objects.filter(slug__in=rng.sample(techs, rng.choice([0, 1, 2])))
            ),
            status=rng.choice(["idee", "planung", "umsetzung", "betrieb", "abgeschlossen"]),
        )
        project = editorial.create_project(office, authority, data)
        if number % 6 != 5:  # some stay drafts and must never be counted
            editorial.submit(office, project)
            editorial.publish(office, project)
    published = Project.objects.filter(published__isnull=False)
    return [(p.pk, _values(p)) for p in published], fields, techs


def _selection_strategy(fields, techs):
    keys = {
        "handlungsfeld": fields[:6],
        "technologie": techs[:5],
        "stand": ["idee", "planung", "umsetzung", "betrieb", "abgeschlossen"],
        "bezirk": ["064", "065", "066"],
        "kreis": ["06411", "06531", "06611", "06631", "06635", "06438"],
        "groesse": ["gross", "mittel", "klein", "land", "kreis"],
    }
    return st.fixed_dictionaries(
        {
            name: st.lists(st.sampled_from(values), max_size=2, unique=True)
            for name, values in keys.items()
        }  # fmt: skip
    )


def test_counts_equal_rows_under_every_filter_combination(catalogue_of_projects):
    rows, fields, techs = catalogue_of_projects

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(selection=_selection_strategy(fields, techs), word=st.sampled_from(["", *WORDS]))
    def check(selection, word):
        candidates = rows
        if word:
            hits = {int(h.object_id) for h in search.search("projects.project", word, limit=1000)}
            candidates = [row for row in rows if row[0] in hits]
        query = ProjectQuery(text=word, selected={k: tuple(v) for k, v in selection.items() if v})
        found = find(query)
        assert found.total == len(_oracle(candidates, selection))
        for facet in found.facets:
            others = _oracle(candidates, selection, skip=facet.name)
            by_value = dict(candidates)
            expected = {}
            for pk in others:
                for value in by_value[pk][facet.name]:
                    expected[value] = expected.get(value, 0) + 1
            shown = {v.key: v.count for v in facet.values if v.count}
            assert shown == expected, facet.name

    check()


def test_every_facet_is_offered(catalogue_of_projects):
    found = find(ProjectQuery())
    assert [facet.name for facet in found.facets] == list(FACETS)
    assert found.total == len(catalogue_of_projects[0])
    sizes = {v.key for f in found.facets if f.name == "groesse" for v in f.values}
    assert "kreis" in sizes  # projects of a Landkreis count as district level, not by population


@pytest.mark.parametrize(
    ("word", "title"),
    [
        ("Abfall", "Abfallentsorgung mit Sensoren"),  # part of a compound
        ("Sensor", "Sensorgestützte Beleuchtung"),  # prefix
        ("Parkhaus", "Parkhäuser digital"),  # stemmed plural with umlaut
        ("beteiligung", "Bürgerbeteiligung online"),  # not at the start: found in the body
    ],
)
def test_search_finds_stemmed_forms_and_compound_parts(darmstadt_staff, office, word, title):
    user, authority = darmstadt_staff
    project = editorial.create_project(
        user, authority, content(title=title, description=f"Mehr zu {title} und Beteiligung.")
    )
    editorial.submit(user, project)
    editorial.publish(office, project)
    other_content = content(
        title="Glasfaser im Gewerbegebiet",
        summary="Schnelles Netz.",
        description="Leitungen.",
        fields=list(FieldOfAction.objects.filter(slug="mobilitaet")),
        technologies=[],
    )
    other = editorial.create_project(user, authority, other_content)
    editorial.submit(user, other)
    editorial.publish(office, other)
    found = find(ProjectQuery(text=word))
    titles = [p.published.title for p in found.projects]
    assert title in titles and "Glasfaser im Gewerbegebiet" not in titles


def test_renaming_a_field_of_action_reaches_the_index_at_once(darmstadt_staff, office):
    user, authority = darmstadt_staff
    project = editorial.create_project(user, authority, content())
    editorial.submit(user, project)
    editorial.publish(office, project)
    assert find(ProjectQuery(selected={"handlungsfeld": ("abfall-stadtsauberkeit",)})).total == 1
    FieldOfAction.objects.filter(slug="abfall-stadtsauberkeit").update(slug="abfall")
    assert find(ProjectQuery(selected={"handlungsfeld": ("abfall",)})).total == 1
    assert find(ProjectQuery(selected={"handlungsfeld": ("abfall-stadtsauberkeit",)})).total == 0
    FieldOfAction.objects.filter(slug="abfall").update(name="Kreislaufwirtschaft")
    facet = next(f for f in find(ProjectQuery()).facets if f.name == "handlungsfeld")
    assert [v.label for v in facet.values] == ["Kreislaufwirtschaft"]
