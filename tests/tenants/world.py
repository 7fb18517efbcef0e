"""Two tenants for the isolation matrix: Hamburg's world, in which every tenant-owned thing
exists once and carries a marker, and Hessen's actors, who must never see any of it.

Hamburg is staffed by **the same people** who act in Hessen: the Hessian citizen also
applied in Hamburg, the Hessian clerk also works Hamburg's cases, and so on (users are
shared by the platform, memberships belong to a tenant). That is the hardest case for
isolation: every relation that starts at the user (``user.event_registrations``,
``message__owner=user``, ``created_by=user``) must still stop at the tenant, so a leak
through such a relation shows up as well as one through an id in a URL.

Every text a person would read carries ``MARKER`` (``HHGEHEIM-<kind> Elbphilharmonie``);
slugs and ids do not (URLs are echoed by pages). ``SEARCH_WORD`` is the word to search for:
a search that finds Hamburg's rows shows their titles, hence the marker. Every stored file
of the world is kept in ``World.files`` so a response that serves one is recognised by its
bytes, pictures included.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase, override_settings
from django.test.client import ClientHandler
from django.utils import timezone
from PIL import Image

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role, User
from rathaus.authentication.testing import login_with_second_factor
from rathaus.cases import services as cases
from rathaus.cases.models import ApiToken, Case
from rathaus.cases.tokens import create_token
from rathaus.catalog.models import Offer, Service
from rathaus.consulting import services as consulting
from rathaus.consulting.models import ConsultingPartner, ConsultingRequest, ConsultingTopic
from rathaus.core import importers
from rathaus.core.feedback import RECEIPT_SESSION_KEY, submit_feedback
from rathaus.core.models import Authority, Feedback, Territory
from rathaus.definitions import services as definitions
from rathaus.definitions.models import Definition, DefinitionVersion
from rathaus.deliveries.models import DeliveryRoute
from rathaus.designer import trials
from rathaus.designer.models import TrialRun
from rathaus.events import organising, participants
from rathaus.events.models import (
    Event,
    EventRegion,
    Exhibitor,
    Material,
    Registration,
    Session,
    Speaker,
)
from rathaus.events.registration import RegistrationInput, register
from rathaus.postbox import replies
from rathaus.postbox import services as postbox
from rathaus.postbox.models import Message, MessageFile
from rathaus.projects import editorial, media
from rathaus.projects.models import (
    FieldOfAction,
    Project,
    RevisionDocument,
    RevisionImage,
    TransferMessage,
    TransferRequest,
)
from rathaus.submissions import services as submissions
from rathaus.submissions.access import SESSION_SUBMISSIONS
from rathaus.submissions.models import Attachment, Draft, Submission
from rathaus.submissions.resume import _digest as resume_digest
from rathaus.tenants import scope, services
from rathaus.tenants.models import Tenant

PASSWORD = "Ein-langes-Passwort-2026"
SEARCH_WORD = "Elbphilharmonie"
MARKER = "HHGEHEIM"
HAMBURG = "02000000"  # the Gemeinde (and Kreis 02000, Land 02)
DARMSTADT = "06411000"
HESSIAN_HOST = "hessen.localhost"
HAMBURG_HOST = "hamburg.localhost"


def mark(kind: str) -> str:
    """The visible text of one Hamburg thing: the marker, its kind, the search word."""
    return f"{MARKER}-{kind} {SEARCH_WORD}"


def pdf_bytes(kind: str) -> bytes:
    """A small PDF (the upload checks read the content) whose bytes name the marker."""
    return f"%PDF-1.4\n% {mark(kind)}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


def png_bytes(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), colour).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Actor:
    """Someone in Hessen: a logged-in test client (or none) and what to send with it."""

    name: str
    user: User | None = None
    headers: dict[str, str] = field(default_factory=dict)
    api_only: bool = False

    def client(self, world: World, host: str = HESSIAN_HOST) -> Client:
        client = Client(HTTP_HOST=host, raise_request_exception=False, **self.headers)
        if self.user is not None:
            login_with_second_factor(client, self.user)
        world.remember_in(client)
        return client


@dataclass
class World:
    hessen: Tenant
    hamburg: Tenant
    media_root: Path
    actors: dict[str, Actor] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # stored name -> content
    # Hamburg's things (filled by build_hamburg)
    authority: Authority = None  # type: ignore[assignment]
    office_authority: Authority = None  # type: ignore[assignment]
    partner_organisation: Authority = None  # type: ignore[assignment]
    service: Service = None  # type: ignore[assignment]
    offer: Offer = None  # type: ignore[assignment]
    definition: Definition = None  # type: ignore[assignment]
    version: DefinitionVersion = None  # type: ignore[assignment]
    trial: TrialRun = None  # type: ignore[assignment]
    draft: Draft = None  # type: ignore[assignment]
    anonymous_draft: Draft = None  # type: ignore[assignment]
    resume_token: str = ""
    submission: Submission = None  # type: ignore[assignment]
    case: Case = None  # type: ignore[assignment]
    attachment: Attachment = None  # type: ignore[assignment]
    message: Message = None  # type: ignore[assignment]
    message_file: MessageFile = None  # type: ignore[assignment]
    route: DeliveryRoute = None  # type: ignore[assignment]
    token: ApiToken = None  # type: ignore[assignment]
    token_secret: str = ""
    project: Project = None  # type: ignore[assignment]
    image: RevisionImage = None  # type: ignore[assignment]
    document: RevisionDocument = None  # type: ignore[assignment]
    transfer: TransferRequest = None  # type: ignore[assignment]
    region: EventRegion = None  # type: ignore[assignment]
    event: Event = None  # type: ignore[assignment]
    speaker: Speaker = None  # type: ignore[assignment]
    session: Session = None  # type: ignore[assignment]
    material: Material = None  # type: ignore[assignment]
    exhibitor: Exhibitor = None  # type: ignore[assignment]
    registration: Registration = None  # type: ignore[assignment]
    partner: ConsultingPartner = None  # type: ignore[assignment]
    consulting: ConsultingRequest = None  # type: ignore[assignment]
    feedback: Feedback = None  # type: ignore[assignment]

    @property
    def identifiers(self) -> list[str]:
        """What names one Hamburg thing without a marker: references, tokens, slugs."""
        return [self.submission.reference, self.consulting.reference, self.feedback.reference,
                self.registration.token, self.resume_token, self.project.slug,
                self.event.slug]  # fmt: skip

    @property
    def organiser(self) -> User:
        """A member of the Hamburg event's team (the clerk, who organises there too)."""
        user = self.actors["clerk"].user
        assert user is not None
        return user

    def remember_in(self, client: Client) -> None:
        """What a browser that used Hamburg's portal on the shared address (``/hamburg/``,
        one cookie for all tenants) keeps in its session: its feedback receipt, its
        application, its drafts. None of it may open anything on another tenant."""
        session = client.session
        session[RECEIPT_SESSION_KEY] = [self.feedback.reference]
        session[SESSION_SUBMISSIONS] = [self.submission.reference]
        session[submissions.SESSION_KEY] = [str(self.draft.pk), str(self.anonymous_draft.pk)]
        session.save()


def hamburg_definition(slug: str) -> dict[str, Any]:
    """Hamburg's own online service: one step, a fee, a decision text, all marked."""
    return {
        "schema_version": 1,
        "slug": slug,
        "title": {"de": mark("Dienst"), "en": mark("Service")},
        "summary": {"de": mark("Dienstbeschreibung"), "en": mark("Summary")},
        "login": "account",
        "retention_days": 365,
        "workflow": "default",
        "decision_texts": [
            {"outcome": "bewilligt", "text": {"de": mark("Bescheidtext") + " {reference}"}},
        ],
        "fees": [{"id": "gebuehr", "label": {"de": mark("Gebuehr")}, "amount": "17.00"}],
        "steps": [
            {
                "id": "angaben",
                "title": {"de": mark("Schritt"), "en": mark("Step")},
                "fields": [
                    {"id": "anliegen", "type": "text", "label": {"de": mark("Feld")},
                     "required": True, "max_length": 200},
                ],
            }
        ],
    }  # fmt: skip


# --- Hessen: the actors ----------------------------------------------------------------


def build_hessen(world: World) -> None:
    """Hessen's authorities and the people acting there, each in their Hessian role."""
    darmstadt = Territory.objects.get(key=DARMSTADT)
    land = Territory.objects.get(key="06")
    office = Authority.objects.create(
        name="Geschäftsstelle Hessen", slug="he-office", territory=land
    )
    amt = Authority.objects.create(name="Stadt Darmstadt", slug="he-darmstadt", territory=darmstadt)
    partner_org = Authority.objects.create(
        name="Beratung Hessen", slug="he-partner", territory=land
    )
    ConsultingPartner.objects.create(
        name="Beratung Hessen", organisation=partner_org, contact_email="he@partner.example",
        is_default=True,
    )  # fmt: skip
    citizen = accounts.create_citizen(
        "buergerin@example.org", PASSWORD, given_names="Erika", family_name="Muster",
        municipality=darmstadt, city="Darmstadt",
    )  # fmt: skip

    def staff(name: str, where: Authority, *roles: Role) -> User:
        user = None
        for role in roles:
            user = accounts.create_staff(f"{name}@example.org", PASSWORD, where, role)
        assert user is not None
        return user

    people = {
        "citizen": citizen,
        "clerk": staff("clerk", amt, Role.CLERK),
        "designer": staff("designer", amt, Role.DESIGNER, Role.PUBLISHER),
        "office": staff("office", office, Role.SMART_REGION),
        "consultant": staff("consultant", partner_org, Role.CONSULTANT),
        "municipal": staff("municipal", amt, Role.MUNICIPAL),
    }
    _record, secret = create_token(amt, "Fachverfahren Darmstadt")
    world.actors = {"anonymous": Actor("anonymous")}
    world.actors.update({name: Actor(name, user) for name, user in people.items()})
    world.actors["api token"] = Actor(
        "api token", headers={"HTTP_AUTHORIZATION": f"Bearer {secret}"}, api_only=True
    )


# --- Hamburg: one of everything --------------------------------------------------------


def _user(world: World, name: str) -> User:
    user = world.actors[name].user
    assert user is not None
    return user


def _store(world: World, field_file: Any) -> None:
    """Remember a stored file's bytes (to recognise it in any response)."""
    with field_file.open("rb") as handle:
        world.files[field_file.name] = handle.read()


def build_hamburg(world: World) -> None:
    """Hamburg's things, made through the apps' services in Hamburg's scope."""
    world.hamburg.contact_address = mark("Mandantenanschrift")  # its own row: its pages only
    world.hamburg.save()
    services.clear_cache()
    with scope.activate(world.hamburg):
        _authorities(world)
        _definition_and_offer(world)
        _applications(world)
        _projects(world)
        _events(world)
        _consulting(world)
        world.feedback = submit_feedback(
            kind=Feedback.Kind.ACCESSIBILITY, message=mark("Rueckmeldung"), name=mark("Name")
        )
    _hamburg_web_journey(world)


def _authorities(world: World) -> None:
    gemeinde, land = Territory.objects.get(key=HAMBURG), Territory.objects.get(key="02")
    world.authority = Authority.objects.create(
        name=mark("Behoerde"), slug="hh-amt", territory=gemeinde, email="amt@hamburg.example",
        street_address=mark("Anschrift"),
    )  # fmt: skip
    world.office_authority = Authority.objects.create(
        name=mark("Geschaeftsstelle"), slug="hh-office", territory=land
    )
    world.partner_organisation = Authority.objects.create(
        name=mark("Beratungsorganisation"), slug="hh-partner", territory=land
    )
    # The same people as in Hessen, with their Hamburg roles.
    roles = {
        "clerk": [(world.authority, Role.CLERK)],
        "designer": [(world.authority, Role.DESIGNER), (world.authority, Role.PUBLISHER)],
        "office": [(world.office_authority, Role.SMART_REGION)],
        "consultant": [(world.partner_organisation, Role.CONSULTANT)],
        "municipal": [(world.authority, Role.MUNICIPAL)],
    }
    for name, memberships in roles.items():
        for authority, role in memberships:
            accounts.create_staff(f"{name}@example.org", PASSWORD, authority, role)


def _definition_and_offer(world: World) -> None:
    designer = _user(world, "designer")
    slug = "hh-dienst"
    world.definition = definitions.create_definition(
        slug, mark("Dienst"), authority=world.authority
    )
    draft = definitions.store_draft(
        world.definition, hamburg_definition(slug), actor=designer, base=None,
        change=mark("Aenderung"),
    )  # fmt: skip
    world.version = definitions.publish(draft, actor=designer)
    world.definition.refresh_from_db()
    world.trial = trials.start(designer, world.version)
    world.trial.answers = {"anliegen": mark("Testlauf")}
    world.trial.save()
    # The catalogue entry is shared by every tenant: no marker in it, on purpose.
    world.service = Service.objects.create(
        slug=slug, name="Nordleistung", summary="Eine Leistung.", definition_slug=slug,
        responsible_level=Service.Level.GEMEINDE,
    )  # fmt: skip
    world.offer = Offer.objects.create(
        service=world.service, authority=world.authority, territory=world.authority.territory,
        contact=mark("Ansprechstelle"), opening_hours=mark("Oeffnungszeiten"),
        fee_note=mark("Gebuehrenhinweis"),
    )  # fmt: skip
    world.route = DeliveryRoute.objects.create(
        offer=world.offer, plugin="email", config={"to": "fachverfahren@hamburg.example"}
    )
    world.token, world.token_secret = create_token(world.authority, mark("Token"))


def _applications(world: World) -> None:
    citizen = _user(world, "citizen")
    gemeinde = world.authority.territory
    world.draft = submissions.start_draft(world.service, gemeinde, citizen, {}, "de")
    Draft.objects.filter(pk=world.draft.pk).update(answers={"anliegen": mark("Entwurf")})
    # An anonymous draft someone may resume with a link from a mail.
    world.anonymous_draft = Draft.objects.create(
        version=world.version, service=world.service, offer=world.offer, municipality=gemeinde,
        answers={"anliegen": mark("AnonymerEntwurf")},
    )  # fmt: skip
    world.resume_token = secrets.token_urlsafe(32)
    Draft.objects.filter(pk=world.anonymous_draft.pk).update(
        resume_token_hash=resume_digest(world.resume_token), resume_email="a@example.org"
    )


def _hamburg_web_journey(world: World) -> None:
    """The citizen applies on Hamburg's host (receipt PDF, postbox message, case and
    delivery come from the real journey), then answers in the postbox."""
    citizen = Client(HTTP_HOST=HAMBURG_HOST)
    citizen.force_login(_user(world, "citizen"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = citizen.post(f"/leistungen/{world.service.slug}/beantragen/",
                                {"gemeinde": HAMBURG})  # fmt: skip
        assert response.status_code == 302, response
        with scope.activate(world.hamburg):
            draft = Draft.objects.filter(submission__isnull=True).latest("created_at")
        citizen.post(f"/antrag/{draft.pk}/schritt/1/", {"anliegen": mark("Antwort")})
        response = citizen.post(
            f"/antrag/{draft.pk}/pruefen/",
            {"idempotency_key": str(draft.idempotency_key), "declaration": "yes"},
        )
        assert response.status_code == 302, response.content
    with scope.activate(world.hamburg), TestCase.captureOnCommitCallbacks(execute=True):
        world.submission = Submission.objects.get(draft=draft)
        world.case = Case.objects.get(submission=world.submission)
        upload = SimpleUploadedFile("nachweis.pdf", pdf_bytes("Anhang"), "application/pdf")
        added = submissions.add_documents(world.submission, [upload], citizen_of(world))
        world.attachment = added[0]
        clerk = _user(world, "clerk")
        world.case = cases.claim(world.case, clerk, world.case.version)
        cases.add_note(world.case, clerk, mark("Notiz"))
        world.case, _step = cases.transition(
            world.case, "bearbeiten", clerk, "clerk", world.case.version, cases.Change()
        )
        world.case, _step = cases.transition(
            world.case, "rueckfrage", clerk, "clerk", world.case.version,
            cases.Change(message=mark("Rueckfrage")),
        )  # fmt: skip
        world.message = postbox.deliver(
            citizen_of(world), sender_name=mark("Absender"), subject=mark("Nachricht"),
            body=mark("Nachrichtentext"), submission=world.submission,
            files=[postbox.FileContent("bescheid.pdf", "application/pdf", pdf_bytes("Datei"))],
        )  # fmt: skip
        world.message_file = world.message.files.get()
        # Her answer with a document brings the case back from the question to processing.
        reply_file = SimpleUploadedFile("antwort.pdf", pdf_bytes("Antwortdatei"), "application/pdf")
        replies.answer(world.message, citizen_of(world), mark("Antworttext"), [reply_file])
        world.case.refresh_from_db()
        world.case, _step = cases.transition(
            world.case, "entscheiden", clerk, "clerk", world.case.version,
            cases.Change(outcome="bewilligt", reasons=mark("Begruendung"), document=True),
        )  # fmt: skip
        world.submission.refresh_from_db()
    assert world.submission.receipt, "the receipt PDF is made after the submission"
    _store(world, world.submission.receipt)
    with scope.activate(world.hamburg):  # the decision PDF, her answer's file, the uploads
        for message_file in MessageFile.objects.filter(message__submission=world.submission):
            _store(world, message_file.file)
        for attachment in Attachment.objects.filter(submission=world.submission):
            _store(world, attachment.file)


def citizen_of(world: World) -> User:
    return _user(world, "citizen")


def _projects(world: World) -> None:
    municipal, office = _user(world, "municipal"), _user(world, "office")
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
    _store(world, world.image.file)
    _store(world, world.document.file)
    kreis = Territory.objects.get(key="02000")
    world.transfer = TransferRequest.objects.create(
        project=project, municipality=kreis, requester=municipal
    )
    TransferMessage.objects.create(
        request=world.transfer, author=municipal, text=mark("Uebernahme")
    )


def _events(world: World) -> None:
    office = _user(world, "office")
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
    world.event.organisers.add(_user(world, "clerk"))
    world.speaker = Speaker.objects.create(
        event=world.event, name=mark("Sprecherin"), organisation=mark("Organisation"),
        photo_alt=mark("Foto"),
    )  # fmt: skip
    world.speaker.photo.save("sprecherin.png", ContentFile(png_bytes((10, 200, 10))))
    _store(world, world.speaker.photo)
    world.session = Session.objects.create(
        event=world.event, kind=Session.Kind.WORKSHOP, title=mark("Workshop"), capacity=5,
        starts_at=starts + timedelta(hours=1), ends_at=starts + timedelta(hours=2),
        room=mark("Raum"),
    )  # fmt: skip
    world.material = Material(
        session=world.session, kind=Material.Kind.SLIDES, title=mark("Material"), published=True
    )
    world.material.file.save("folien.pdf", ContentFile(pdf_bytes("Folien")))
    _store(world, world.material.file)
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
        user=citizen_of(world), workshops=[world.session.pk],
    )  # fmt: skip
    participants.send_message(office, world.event, mark("Rundmail"), mark("Rundmailtext"))


def _consulting(world: World) -> None:
    topic = ConsultingTopic.objects.get_or_create(
        name="Digitalstrategie", defaults={"position": 1}
    )[0]
    world.partner = ConsultingPartner.objects.create(
        name=mark("Partner"), organisation=world.partner_organisation,
        contact_email="partner@hamburg.example",
    )  # fmt: skip
    municipal, consultant = _user(world, "municipal"), _user(world, "consultant")
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


def build(media_root: Path) -> World:
    """Both tenants; runs inside the caller's transaction (and Hessen's scope)."""
    # As a web process starts: its handler loads the middleware before any request.
    ClientHandler().load_middleware()
    with override_settings(MEDIA_ROOT=media_root):
        importers.import_shipped_extracts(["06", "02"])
        hessen, hamburg = services.ensure("hessen"), services.ensure("hamburg")
        world = World(hessen=hessen, hamburg=hamburg, media_root=media_root)
        with scope.activate(hessen):
            build_hessen(world)
        build_hamburg(world)
    for actor in world.actors.values():
        if actor.user is not None:  # Hamburg's create_staff set the password again
            actor.user.refresh_from_db()
    return world
