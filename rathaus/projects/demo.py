"""Demo content, per tenant: invented example projects (each marked as example) of the
tenant's Smart Region office; for Hessen also two municipal logins and transfer requests.
Idempotent: projects whose slug exists are left alone."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from rathaus.accounts.demo import office_email
from rathaus.accounts.models import User
from rathaus.core import demo as core_demo
from rathaus.core.demo import DEMO_PASSWORD, DemoLogin
from rathaus.core.models import Authority, Territory
from rathaus.organisations import services as organisations
from rathaus.projects import editorial, transfer
from rathaus.projects.models import FieldOfAction, Project, Technology, TransferRequest
from rathaus.projects.office import grant_office_rights

MUNICIPAL_LOGINS = [
    # e-mail, authority slug, name, territory key
    ("kommune-darmstadt@demo.rathaus.invalid", "darmstadt-digitalisierung",
     "Wissenschaftsstadt Darmstadt – Digitalisierung (Beispiel)", "06411000"),
    ("kommune-kassel@demo.rathaus.invalid", "kassel-digitalisierung",
     "Stadt Kassel – Digitalisierung (Beispiel)", "06611000"),
]  # fmt: skip

MUNICIPAL_ROLE = gettext_lazy("Kommune: Projekte und Beratung (Organisationskonto)")

DEMO_FILE = Path(__file__).parent / "data" / "demo_projects.yaml"  # Hessen's projects

# The other tenants' projects, in the fields of DEMO_FILE's rows.
PROJECTS = {
    "hamburg": [
        {"title": "Digitaler Zwilling für die Quartiersplanung", "territories": ["02000000"],
         "fields": ["daten-plattformen", "buergerbeteiligung"],
         "technologies": ["digitaler-zwilling", "urbane-datenplattform"],
         "status": "umsetzung", "transferability": "mittel", "published": True,
         "idea": "Ein 3D-Modell des Quartiers zeigt geplante Gebäude, Verkehr und Grün; "
         "Anwohnende kommentieren die Entwürfe online."},
        {"title": "Sensoren für Fleete und Siele bei Sturmflut", "territories": ["02000000"],
         "fields": ["sicherheit", "energie-umwelt"], "technologies": ["sensorik-iot", "lorawan"],
         "status": "planung", "transferability": "hoch", "published": True,
         "idea": "Pegelsensoren melden steigendes Wasser früh an die Leitstelle und an eine "
         "öffentliche Karte."},
    ],
    "schleswig-holstein": [
        {"title": "Rufbus auf Abruf für Dörfer im Kreis", "territories": ["01056"],
         "fields": ["mobilitaet"], "technologies": ["app"],
         "status": "betrieb", "transferability": "hoch", "published": True,
         "idea": "Ein Kleinbus fährt auf Bestellung per App oder Telefon zwischen Dörfern "
         "und Bahnhof, ohne festen Fahrplan."},
        {"title": "Offene Daten der Landeshauptstadt", "territories": ["01002000"],
         "fields": ["daten-plattformen"], "technologies": ["open-data"],
         "status": "umsetzung", "transferability": "hoch", "published": True,
         "idea": "Ein Portal veröffentlicht Haushalts-, Verkehrs- und Umweltdaten "
         "maschinenlesbar unter offener Lizenz."},
    ],
}  # fmt: skip


def _description(idea: str) -> str:
    """Invented text; it never says that the municipality named did anything."""
    return (
        f"**Erfundenes Beispielprojekt.** {idea}\n\n"
        "## So könnte eine Kommune vorgehen\n\nDen Bedarf mit den Fachämtern erheben, "
        "einen kleinen Pilotbereich wählen und danach ausweiten.\n\n"
        "- Bedarf klären und Ziele messbar machen\n- Pilot mit wenigen Beteiligten\n"
        "- Auswertung und Ausbau\n"
    )


def _login(email: str, slug: str, name: str, key: str) -> tuple[User, Authority]:
    authority, _created = Authority.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "territory": Territory.objects.get(key=key),
                  "email": f"{slug}@demo.rathaus.invalid"},
    )  # fmt: skip
    return organisations.create_municipal_staff(email, DEMO_PASSWORD, authority), authority


def _content(row: dict) -> dict:
    territories = list(Territory.objects.filter(key__in=row["territories"]))
    return {
        "title": row["title"], "summary": row["idea"],
        "description": _description(row["idea"]),
        "territories": territories,
        "fields": list(FieldOfAction.objects.filter(slug__in=row["fields"])),
        "technologies": list(Technology.objects.filter(slug__in=row["technologies"])),
        "status": row["status"], "transferability": row["transferability"],
        "transfer_requirements": "- eine federführende Stelle\n- Budget für den Pilot\n",
        "links": "https://example.org/beispielprojekt | Beispielseite (kein echtes Projekt)",
    }  # fmt: skip


def _transfers(kassel: User, darmstadt: User) -> None:
    if TransferRequest.objects.exists():
        return
    kassel_city = Territory.objects.get(key="06611000")
    waste = Project.objects.get(slug=slugify("Sensorgestützte Abfallsammlung"))
    request = transfer.request_transfer(
        kassel, waste, kassel_city, "Wir möchten die Sensoren in zwei Stadtteilen testen."
    )
    transfer.post_message(darmstadt, request, "Gern, wir teilen unsere Ausschreibung.")
    lighting = Project.objects.get(slug=slugify("Smarte Straßenbeleuchtung"))
    darmstadt_city = Territory.objects.get(key="06411000")
    adopted = transfer.request_transfer(
        darmstadt, lighting, darmstadt_city, "Wie haben Sie die Leuchten ausgeschrieben?"
    )
    admin = User.objects.filter(is_superuser=True).first()
    if admin is not None:
        transfer.set_status(admin, adopted, TransferRequest.Status.ADOPTED)


def _rows(tenant: str) -> list[dict]:
    if tenant == "hessen":
        return yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    return PROJECTS.get(tenant, [])


@transaction.atomic
def load_demo_projects(authorities: dict[str, Authority]) -> list[DemoLogin]:
    """The projects of the tenant in scope, entered by its Smart Region office."""
    land = core_demo.land()
    office = authorities[land.office]
    office_user = User.objects.get(email=office_email())
    grant_office_rights(office_user)
    hessen = land.tenant == "hessen"
    users = [_login(*row) for row in MUNICIPAL_LOGINS] if hessen else []
    for row in _rows(land.tenant):
        if Project.objects.filter(slug=slugify(row["title"])).exists():
            continue
        project = editorial.create_project(office_user, office, _content(row), is_example=True)
        if not row["published"]:
            continue
        editorial.submit(office_user, project)
        editorial.publish(office_user, project)
    if hessen:
        _transfers(users[1][0], users[0][0])
    role = str(MUNICIPAL_ROLE)
    return [DemoLogin(role, user.email, DEMO_PASSWORD, authority.name) for user, authority in users]
