"""Generated Smart-Region projects for ``bench/project_search.py``: published projects spread
over Hessen's Gemeinden and Landkreise, the 12 Handlungsfelder and 14 technologies of
migration projects/0002, with German municipal text. Seeded, so every run is the same.

Everything goes in with ``bulk_create``; the full-text index gets its ``SearchEntry`` rows
in bulk and its searchable form through the backend's own ``store`` (on SQLite the stemmed
FTS5 row, on PostgreSQL nothing: the ``tsvector`` column is generated), with the document
text made by ``rathaus.projects.indexing`` as on publishing.
"""

from __future__ import annotations

import random
from datetime import timedelta

# Per Handlungsfeld: nouns of what municipalities actually do there.
TOPICS = {
    "mobilitaet": ["Parkraummanagement", "Parkraum", "Ladesäulen", "Carsharing", "Rufbus",
                   "Verkehrszählung", "Fahrradstellplätze", "Mitfahrbank", "Parkleitsystem"],
    "energie-umwelt": ["Straßenbeleuchtung", "Wärmeplanung", "Photovoltaik", "Luftqualität",
                       "Energiemonitoring", "Baumbewässerung", "Bodenfeuchte", "Lärmmessung"],
    "gesundheit-pflege": ["Telemedizin", "Pflegeberatung", "Notfallversorgung",
                          "Hausnotruf", "Gesundheitskiosk"],
    "verwaltung-buergerservice": ["Bürgerbüro", "Terminvergabe", "Mängelmelder",
                                  "Onlineanträge", "Friedhofsverwaltung", "Bürgerkonto"],
    "bildung": ["Schuldigitalisierung", "Bibliothek", "Medienkompetenz", "Lernplattform"],
    "buergerbeteiligung": ["Bürgerbeteiligung", "Bürgerhaushalt", "Ideenplattform",
                           "Jugendbeteiligung", "Umfragen"],
    "daten-plattformen": ["Datenplattform", "Geoportal", "Datenkatalog", "Dashboard"],
    "infrastruktur-breitband": ["Glasfaserausbau", "Funknetz", "Wasserzähler",
                                "Kanalnetz", "Hochwasserschutz", "Pegelmessung"],
    "ehrenamt": ["Ehrenamtsbörse", "Nachbarschaftshilfe", "Vereinsverwaltung"],
    "wirtschaft-tourismus": ["Leerstandsmanagement", "Innenstadtfrequenz",
                             "Tourismusinformation", "Wochenmarkt", "Gewerbeflächen"],
    "sicherheit": ["Katastrophenschutz", "Feuerwehr", "Warnsystem", "Waldbrandfrüherkennung"],
    "abfall-stadtsauberkeit": ["Abfallentsorgung", "Füllstandsmessung", "Winterdienst",
                               "Straßenreinigung", "Wertstoffhof"],
}  # fmt: skip
TECH_WORDS = {
    "sensorik-iot": "Sensoren", "lorawan": "LoRaWAN", "ki": "künstlicher Intelligenz",
    "open-data": "offenen Daten", "app": "einer App", "digitaler-zwilling": "digitalem Zwilling",
    "urbane-datenplattform": "urbaner Datenplattform", "5g-mobilfunk": "5G",
    "glasfaser": "Glasfaser", "wlan": "freiem WLAN", "online-beteiligung": "Onlinebeteiligung",
    "geodaten": "Geodaten", "cloud": "Cloud-Diensten", "chatbot": "einem Chatbot",
}  # fmt: skip
TITLES = ["{topic} mit {tech}", "{topic} in {place}", "Pilotprojekt {topic}",
          "{topic} digital: {place} setzt auf {tech}", "Smarte {topic} für {place}",
          "{topic} und {other}"]  # fmt: skip
SENTENCES = [
    "{place} erprobt {topic} mit {tech}.",
    "Die Verwaltung verbindet {topic} und {other} auf einer gemeinsamen Plattform.",
    "Messwerte aus {topic} stehen als offene Daten im Geoportal bereit.",
    "Bürgerinnen und Bürger melden Hinweise zu {other} direkt über das Portal.",
    "Der Bauhof plant Einsätze für {topic} nach aktuellen Daten statt nach festen Touren.",
    "Gemeinsam mit dem {kreis} wurde die Beschaffung für {other} gebündelt.",
    "Das Projekt spart Wege, Zeit und Energie und ist auf andere Kommunen übertragbar.",
    "Die Förderung kam aus dem Programm Starke Heimat Hessen.",
]
STATUSES = ["idee", "planung", "umsetzung", "betrieb", "abgeschlossen"]
TRANSFER = ["hoch", "mittel", "gering"]
BATCH = 2000


def _text(rng: random.Random, count: int, words: dict[str, str]) -> str:
    return " ".join(rng.choice(SENTENCES).format(**words) for _ in range(count))


def _content(rng: random.Random, fields: list[str], techs: list[str], place, kreis) -> dict:
    topics = [t for f in fields for t in TOPICS[f]]
    words = {
        "topic": rng.choice(TOPICS[fields[0]]),
        "other": rng.choice(topics),
        "tech": TECH_WORDS[techs[0]] if techs else "digitalen Diensten",
        "place": place.short_name,
        "kreis": kreis.short_name if kreis else "Landkreis",
    }
    return {
        "title": rng.choice(TITLES).format(**words)[:160],
        "summary": _text(rng, 2, words),
        "description": _text(rng, rng.randint(3, 6), words),
        "results": _text(rng, 1, words),
        "lessons_learned": _text(rng, 1, words),
        "partners": f"{kreis.short_name if kreis else place.short_name}, Stadtwerke",
    }


def _places(territory_model):
    gemeinden = list(territory_model.objects.filter(level="gemeinde").order_by("key"))
    kreise = {t.key: t for t in territory_model.objects.filter(level="kreis")}
    landkreise = [t for t in kreise.values() if t.kind == "landkreis"]
    # Bigger places run more projects: weight by the square root of the population.
    weights = [max(t.population or 0, 1000) ** 0.5 for t in gemeinden]
    return gemeinden, weights, landkreise, kreise


def generate(count: int, seed: int = 2026) -> None:
    """``count`` published projects with revisions, M2M rows and search index rows."""
    from django.db import connection, transaction
    from django.utils import timezone

    from rathaus.core import importers
    from rathaus.core.models import Authority, Territory
    from rathaus.projects.models import FieldOfAction, Project, ProjectRevision, Technology

    importers.import_shipped_extract()
    rng = random.Random(seed)
    gemeinden, weights, landkreise, kreise = _places(Territory)
    authorities = {
        key: Authority(name=f"{k.short_name} – Digitalisierung", slug=f"digital-{key}", territory=k)
        for key, k in kreise.items()
    }  # fmt: skip
    Authority.objects.bulk_create(authorities.values())
    fields = list(FieldOfAction.objects.values_list("pk", "slug"))
    techs = list(Technology.objects.values_list("pk", "slug"))
    assert len(fields) == 12 and len(techs) == 14, "migration projects/0002 not applied?"
    now = timezone.now()
    with transaction.atomic():
        projects, revisions, links = [], [], {"territories": [], "fields": [], "technologies": []}
        for n in range(count):
            place = rng.choices(gemeinden, weights)[0] if rng.random() < 0.85 else None
            place = place or rng.choice(landkreise)
            places = [place] + ([rng.choice(gemeinden)] if rng.random() < 0.1 else [])
            places = list(dict.fromkeys(places))
            kreis = kreise.get(place.key[:5])
            chosen_fields = rng.sample(fields, rng.choice([1, 1, 2, 2, 3]))
            chosen_techs = rng.sample(techs, rng.choice([0, 1, 1, 2, 3]))
            text = _content(rng, [s for _, s in chosen_fields], [s for _, s in chosen_techs],
                            place, kreis)  # fmt: skip
            at = now - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
            projects.append(Project(
                slug=f"projekt-{n:05d}", authority=authorities[place.key[:5]],
                state=Project.State.PUBLISHED, first_published_at=at, last_published_at=at,
            ))  # fmt: skip
            revisions.append(ProjectRevision(
                number=1, status=rng.choice(STATUSES), transferability=rng.choice(TRANSFER),
                published_at=at, **text,
            ))  # fmt: skip
            links["territories"].append([p.pk for p in places])
            links["fields"].append([pk for pk, _ in chosen_fields])
            links["technologies"].append([pk for pk, _ in chosen_techs])
        Project.objects.bulk_create(projects, batch_size=BATCH)
        for project, revision in zip(projects, revisions, strict=True):
            revision.project = project
        ProjectRevision.objects.bulk_create(revisions, batch_size=BATCH)
        for project, revision in zip(projects, revisions, strict=True):
            project.published = revision
        Project.objects.bulk_update(projects, ["published"], batch_size=BATCH)
        _link(revisions, links)
        _index([p.pk for p in projects])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _link(revisions: list, links: dict[str, list[list[int]]]) -> None:
    from rathaus.projects.models import ProjectRevision

    target = {"territories": "territory_id", "fields": "fieldofaction_id",
              "technologies": "technology_id"}  # fmt: skip
    for name, per_revision in links.items():
        through = getattr(ProjectRevision, name).through
        rows = [
            through(projectrevision_id=revision.pk, **{target[name]: pk})
            for revision, pks in zip(revisions, per_revision, strict=True)
            for pk in pks
        ]
        through.objects.bulk_create(rows, batch_size=BATCH * 5)


def _index(project_ids: list[int]) -> None:
    """Search rows as ``indexing.project_changed`` writes them, in bulk."""
    from rathaus.projects import indexing
    from rathaus.projects.finder import with_content
    from rathaus.projects.models import Project
    from rathaus.search import backends
    from rathaus.search.models import SearchEntry

    entries = []
    for start in range(0, len(project_ids), BATCH):
        chunk = with_content(Project.objects.filter(pk__in=project_ids[start : start + BATCH]))
        entries += [
            SearchEntry(kind=indexing.KIND, object_id=str(p.pk), **indexing._document(p.published))
            for p in chunk
        ]
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH)
    backend = backends.current()
    for entry in entries:
        backend.store(entry)
