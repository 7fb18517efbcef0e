"""Hamburg's Smart Region things for the isolation matrix: a project with media and an
adoption request, an event with programme, material and a registration, consulting."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rathaus.consulting import services as consulting
from rathaus.consulting.models import ConsultingPartner, ConsultingTopic
from rathaus.core.models import Territory
from rathaus.events import organising, participants
from rathaus.events.models import (
    Event,
    EventRegion,
    Exhibitor,
    Material,
    Session,
    Speaker,
)
from rathaus.events.registration import RegistrationInput, register
from rathaus.projects import editorial, media
from rathaus.projects.models import (
    FieldOfAction,
    TransferMessage,
    TransferRequest,
)
from tests.tenants.world import (
    World,
    mark,
    pdf_bytes,
    png_bytes,
    store,
    user_named,
)


def build_projects(world: World) -> None:
    municipal, office = user_named(world, "municipal"), user_named(world, "office")
    content = {
        "title": mark("Projekt"),
        "summary": mark("Kurzbeschreibung"),
        "description": mark("Beschreibung"),
        "territories": [world.authority.territory],
        "fields": list(FieldOfAction.objects.all()[:1]),
        "technologies": [],
        "status": "betrieb",
        "transferability": "hoch",
        "partners": mark("Partner"),
        "contact_name": mark("Kontakt"),
        "contact_consent": True,
    }
    project = editorial.create_project(municipal, world.authority, content)
    image = SimpleUploadedFile("bild.png", png_bytes((200, 10, 10)), "image/png")
    world.image = media.add_image(municipal, project, image, mark("Alternativtext"), mark("Bild"))
    document = SimpleUploadedFile("konzept.pdf", pdf_bytes("Dokument"), "application/pdf")
    world.document = media.add_document(municipal, project, document, mark("Dokumenttitel"))
    editorial.submit(municipal, project)
    editorial.publish(office, project)
    editorial.start_change(municipal, project)  # a draft beside the published revision
    project.refresh_from_db()
    editorial.update_draft(municipal, project, {**content, "title": mark("Projektentwurf")})
    world.project = project
    store(world, world.image.file)
    store(world, world.document.file)
    kreis = Territory.objects.get(key="02000")
    world.transfer = TransferRequest.objects.create(
        project=project, municipality=kreis, requester=municipal
    )
    TransferMessage.objects.create(
        request=world.transfer, author=municipal, text=mark("Uebernahme")
    )


def build_events(world: World) -> None:
    office = user_named(world, "office")
    starts = (timezone.localtime() + timedelta(days=30)).replace(hour=9, minute=0, second=0)
    world.region = EventRegion.objects.create(slug="hh-region", name=mark("Region"))
    world.event = organising.create_event(office, {
        "title": mark("Veranstaltung"), "kind": Event.Kind.CONGRESS,
        "format": Event.Format.IN_PERSON, "region": world.region,
        "organiser": world.office_authority, "summary": mark("Zusammenfassung"),
        "description": mark("Veranstaltungstext"), "starts_at": starts,
        "ends_at": starts + timedelta(hours=8), "venue": mark("Ort"), "capacity": 20,
        "retention_until": (starts + timedelta(days=90)).date(), "questions": [],
    })  # fmt: skip
    world.event.organisers.add(user_named(world, "clerk"))
    world.speaker = Speaker.objects.create(
        event=world.event, name=mark("Sprecherin"), organisation=mark("Organisation"),
        photo_alt=mark("Foto"),
    )  # fmt: skip
    world.speaker.photo.save("sprecherin.png", ContentFile(png_bytes((10, 200, 10))))
    store(world, world.speaker.photo)
    world.session = Session.objects.create(
        event=world.event, kind=Session.Kind.WORKSHOP, title=mark("Workshop"), capacity=5,
        starts_at=starts + timedelta(hours=1), ends_at=starts + timedelta(hours=2),
        room=mark("Raum"),
    )  # fmt: skip
    world.material = Material(
        session=world.session, kind=Material.Kind.SLIDES, title=mark("Material"), published=True
    )
    world.material.file.save("folien.pdf", ContentFile(pdf_bytes("Folien")))
    store(world, world.material.file)
    world.exhibitor = Exhibitor.objects.create(
        event=world.event, organisation=mark("Aussteller"), description=mark("Stand")
    )
    organising.publish(office, world.event)
    world.event.refresh_from_db()
    world.registration = register(
        world.event,
        RegistrationInput(
            given_name=mark("Vorname"), family_name=mark("Nachname"),
            email="buergerin@example.org", organisation=mark("Firma"),
            accessibility_needs=mark("Bedarf"),
        ),
        user=user_named(world, "citizen"), workshops=[world.session.pk],
    )  # fmt: skip
    participants.send_message(office, world.event, mark("Rundmail"), mark("Rundmailtext"))


def build_consulting(world: World) -> None:
    topic = ConsultingTopic.objects.get_or_create(
        name="Digitalstrategie", defaults={"position": 1}
    )[0]
    world.partner = ConsultingPartner.objects.create(
        name=mark("Partner"), organisation=world.partner_organisation,
        contact_email="partner@hamburg.example",
    )  # fmt: skip
    municipal, consultant = user_named(world, "municipal"), user_named(world, "consultant")
    world.consulting = consulting.submit_request(
        municipal,
        consulting.RequestInput(
            municipality=world.authority.territory, topic=topic,
            description=mark("Beratungsanliegen"),
            preferred_dates=(timezone.localdate() + timedelta(days=10),),
            contact_name=mark("Ansprechperson"), contact_email="kommune@hamburg.example",
            project=world.project,
        ),
    )  # fmt: skip
    consulting.assign(world.consulting, consultant, consultant)
    consulting.add_note(world.consulting, consultant, mark("Beratungsnotiz"))


# --- Building it -----------------------------------------------------------------------
