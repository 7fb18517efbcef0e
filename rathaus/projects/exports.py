"""Open data of the published projects (CSV and JSON, with their licence) and an Atom feed."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

from django.utils import timezone
from django.utils.translation import gettext as _

from rathaus.core.csvexport import to_csv
from rathaus.core.mail import absolute_link
from rathaus.projects.access import published_projects
from rathaus.projects.finder import with_content
from rathaus.projects.models import Project

__all__ = ["LICENCE", "export_rows", "export_csv", "export_json", "atom_feed"]

LICENCE = {
    "id": "dl-de/by-2-0",
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
}
FEED_SIZE = 30
HEADER = [
    "id", "titel", "kurzbeschreibung", "kommunen", "schluessel", "handlungsfelder",
    "technologien", "projektstand", "beginn", "ende", "budget_euro", "finanzierung",
    "uebertragbarkeit", "veroeffentlicht", "beispiel", "adresse", "lizenz",
]  # fmt: skip


def _row(project: Project) -> dict[str, object]:
    revision = project.published
    assert revision is not None
    territories = list(revision.territories.all())
    return {
        "id": project.pk,
        "titel": revision.title,
        "kurzbeschreibung": revision.summary,
        "kommunen": [t.short_name for t in territories],
        "schluessel": [t.key for t in territories],
        "handlungsfelder": [f.name for f in revision.fields.all()],
        "technologien": [t.name for t in revision.technologies.all()],
        "projektstand": revision.status,
        "beginn": revision.started_on.isoformat() if revision.started_on else None,
        "ende": revision.ended_on.isoformat() if revision.ended_on else None,
        "budget_euro": str(revision.budget) if revision.budget is not None else None,
        "finanzierung": revision.funding_source,
        "uebertragbarkeit": revision.transferability,
        "veroeffentlicht": project.first_published_at.isoformat()
        if project.first_published_at
        else None,
        "beispiel": project.is_example,
        "adresse": absolute_link("projects:detail", slug=project.slug),
        "lizenz": LICENCE["id"],
    }


def export_rows() -> list[dict[str, object]]:
    projects = with_content(published_projects()).order_by("pk")
    return [_row(project) for project in projects]


def _flat(value: object) -> object:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return value


def export_csv() -> str:
    rows = export_rows()
    return to_csv(HEADER, ([_flat(row[column]) for column in HEADER] for row in rows))


def export_json() -> str:
    document = {
        "titel": "Smart-Region-Projekte",
        "lizenz": LICENCE,
        "stand": timezone.now().isoformat(),
        "projekte": export_rows(),
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def atom_feed() -> bytes:
    """The newest published projects as Atom 1.0 (RFC 4287)."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed")
    projects = list(with_content(published_projects()).order_by("-first_published_at")[:FEED_SIZE])
    list_url = absolute_link("projects:index")
    updated = max((p.last_published_at for p in projects if p.last_published_at), default=None)
    for tag, text in (("title", _("Smart-Region-Projekte: neu veröffentlicht")),
                      ("id", list_url), ("updated", (updated or timezone.now()).isoformat()),
                      ("rights", LICENCE["name"])):  # fmt: skip
        ET.SubElement(feed, f"{{{ns}}}{tag}").text = text
    ET.SubElement(feed, f"{{{ns}}}link", rel="alternate", href=list_url)
    ET.SubElement(feed, f"{{{ns}}}link", rel="self", href=absolute_link("projects:feed"))
    ET.SubElement(ET.SubElement(feed, f"{{{ns}}}author"), f"{{{ns}}}name").text = "Smart Region"
    for project in projects:
        _entry(feed, ns, project)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(text: str) -> str:
    """Characters XML 1.0 cannot carry (form fields accept them) are left out."""
    return _CONTROL.sub("", text)


def _entry(feed: ET.Element, ns: str, project: Project) -> None:
    revision = project.published
    assert revision is not None
    url = absolute_link("projects:detail", slug=project.slug)
    entry = ET.SubElement(feed, f"{{{ns}}}entry")
    marker = _("Beispiel: ") if project.is_example else ""
    ET.SubElement(entry, f"{{{ns}}}title").text = _xml_text(marker + revision.title)
    ET.SubElement(entry, f"{{{ns}}}id").text = url
    ET.SubElement(entry, f"{{{ns}}}link", rel="alternate", href=url)
    stamp = (project.first_published_at or timezone.now()).isoformat()
    ET.SubElement(entry, f"{{{ns}}}published").text = stamp
    last = project.last_published_at or project.first_published_at or timezone.now()
    ET.SubElement(entry, f"{{{ns}}}updated").text = last.isoformat()
    ET.SubElement(entry, f"{{{ns}}}summary").text = _xml_text(revision.summary)
    for field in revision.fields.all():
        ET.SubElement(entry, f"{{{ns}}}category", term=field.slug, label=field.name)
