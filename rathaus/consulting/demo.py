"""Demo content (development only): topics, an example partner with a consultant, a
municipal login for Darmstadt and three requests in different statuses. Idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.audit.services import log_action
from rathaus.consulting.models import (
    ConsultingEvent,
    ConsultingPartner,
    ConsultingRequest,
    ConsultingTopic,
    Status,
)
from rathaus.core import demo as core_demo
from rathaus.core.demo import DEMO_PASSWORD, DemoLogin, demo_authority
from rathaus.core.models import Authority
from rathaus.organisations import services as organisations

TENANTS = {"hessen"}  # whose demo has the consulting programme
CONSULTANT_EMAIL = "beratung@demo.rathaus.invalid"
MUNICIPAL_EMAIL = "kommune-darmstadt@demo.rathaus.invalid"
TOPICS = [
    ("Digitalstrategie", "Digital strategy"),
    ("Open Data", "Open data"),
    ("Onlinedienste/OZG", "Online services (OZG)"),
    ("Smart-City-Projekte", "Smart city projects"),
    ("Fördermittel", "Funding"),
    ("IT-Sicherheit", "IT security"),
    ("Bürgerbeteiligung", "Citizen participation"),
]
PARTNER = ("beratungspartner-digitale-kommune", "Beratungspartner Digitale Kommune (Beispiel)",
           "06", "Beispielallee 3", "65185", "Wiesbaden")  # fmt: skip
MUNICIPALITY = ("darmstadt-digitalisierung",
                "Wissenschaftsstadt Darmstadt – Digitalisierung (Beispiel)", "06411000",
                "Luisenplatz 5", "64283", "Darmstadt")  # fmt: skip
REQUESTS = [
    ("Digitalstrategie", Status.RECEIVED,
     "Wir möchten eine Digitalstrategie für die Verwaltung erarbeiten und suchen einen Einstieg."),
    ("Open Data", Status.APPOINTMENT,
     "Welche Daten sollten wir zuerst als Open Data veröffentlichen, und in welchem Format?"),
    ("Fördermittel", Status.CLOSED,
     "Welche Förderprogramme passen zu unserem Projekt für digitale Bürgerdienste?"),
]  # fmt: skip


def _topics() -> dict[str, ConsultingTopic]:
    topics = {}
    for position, (name, name_en) in enumerate(TOPICS, 1):
        topics[name], _ = ConsultingTopic.objects.update_or_create(
            name=name, defaults={"name_en": name_en, "position": position * 10, "active": True}
        )
    return topics


def _request(topic: ConsultingTopic, status: str, text: str, people: dict, days: int) -> None:
    municipal, consultant, partner = people["municipal"], people["consultant"], people["partner"]
    now = timezone.now()
    request = ConsultingRequest.objects.create(
        municipality=people["territory"], requester=municipal, topic=topic, description=text,
        contact_name="Max Beispiel", contact_email=MUNICIPAL_EMAIL, partner=partner,
        preferred_date_1=timezone.localdate() + timedelta(days=days), status=Status.RECEIVED,
    )  # fmt: skip
    request.reference = f"BE-{timezone.localtime(request.created_at).year}-{request.pk:06d}"
    request.save(update_fields=["reference"])
    ConsultingEvent.objects.create(request=request, kind="created", status=Status.RECEIVED)
    if status == Status.RECEIVED:
        return
    appointment = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days),
                                                       time(10, 0)))  # fmt: skip
    steps = [("assigned", Status.ASSIGNED, None), ("status", Status.APPOINTMENT, appointment)]
    if status == Status.CLOSED:
        steps.append(("status", Status.CLOSED, None))
    for kind, step_status, when in steps:
        ConsultingEvent.objects.create(request=request, kind=kind, status=step_status,
                                       actor=consultant, appointment_at=when)  # fmt: skip
    ConsultingRequest.objects.filter(pk=request.pk).update(
        status=status, assignee=consultant, appointment_at=appointment,
        closed_at=now if status == Status.CLOSED else None,
    )  # fmt: skip


def load_demo_consulting(authorities: dict[str, Authority]) -> list[DemoLogin]:
    """Create or update the consulting demo (Hessen's: the programme of its Smart Region
    office; the other tenants' demos have none); the three requests only once."""
    if core_demo.land().tenant not in TENANTS:
        return []
    topics = _topics()
    organisation = demo_authority(*PARTNER)
    partner, _ = ConsultingPartner.objects.update_or_create(
        organisation=organisation,
        defaults={"name": organisation.name, "contact_email": organisation.email,
                  "is_default": True, "active": True},
    )  # fmt: skip
    consultant = accounts.create_staff(CONSULTANT_EMAIL, DEMO_PASSWORD, organisation,
                                       Role.CONSULTANT)  # fmt: skip
    office = demo_authority(*MUNICIPALITY)
    municipal: User = organisations.create_municipal_staff(MUNICIPAL_EMAIL, DEMO_PASSWORD, office)
    logins = [DemoLogin(str(Role.CONSULTANT.label), CONSULTANT_EMAIL, DEMO_PASSWORD,
                        organisation.name)]  # fmt: skip
    if ConsultingRequest.objects.filter(requester=municipal).exists():
        return logins
    people = {"municipal": municipal, "consultant": consultant, "partner": partner,
              "territory": office.territory}  # fmt: skip
    for days, (topic, status, text) in enumerate(REQUESTS, 1):
        _request(topics[topic], status, text, people, days * 7)
    log_action(None, "consulting.demo_loaded", partner, {"requests": len(REQUESTS)})
    return logins
