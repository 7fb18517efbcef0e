"""Case work from inbox to decision, over HTTP, and who may see what.

Requirement: a clerk sees only her authorities' cases (others answer 404, citizens 403);
she claims, notes (internal), requests documents (the request lands in the citizen's
postbox; the citizen's reply returns the case to processing), decides (outcome, reasons,
decision PDF in the postbox with the fee notice); a stale form is refused with the new
state shown and nothing written; the citizen can withdraw while the case is open; the
history is append-only; downloads of attachments are recorded. The inbox's filters form
a compact bar without an "optional" on every label, apart from the bulk assignment,
which sits directly above the table with the checkboxes (layout: tests/e2e).
"""

import re

import pytest
from django.test import Client

from rathaus.accounts import services as accounts
from rathaus.accounts.models import Role
from rathaus.cases.models import Case, CaseEvent
from rathaus.core.models import Authority, Territory
from rathaus.postbox.models import Message
from tests.cases.helpers import clerk_of, form_with
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db


def act(client, case, transition, **data):
    case.refresh_from_db()
    payload = {"version": case.version, "transition": transition, **data}
    return client.post(f"/verwaltung/vorgaenge/{case.pk}/schritt/", payload, follow=True)


def test_inbox_shows_only_the_own_authority(clerk, case, hessen):
    page = clerk.get("/verwaltung/vorgaenge/").content.decode()
    assert case.submission.reference in page and "Eingegangen: <strong>1</strong>" in page
    kassel = Authority.objects.create(
        name="Kassel", slug="kassel", territory=Territory.objects.get(key="06611000")
    )
    other = clerk_of(kassel, "other@example.org")
    assert case.submission.reference not in other.get("/verwaltung/vorgaenge/").content.decode()
    assert other.get(f"/verwaltung/vorgaenge/{case.pk}/").status_code == 404


def test_citizens_and_visitors_are_kept_out(citizen_client, case):
    assert citizen_client.get("/verwaltung/vorgaenge/").status_code == 403
    assert Client().get("/verwaltung/vorgaenge/").status_code == 302


def test_from_inbox_to_decision(clerk, citizen_client, case):
    assert (
        clerk.post(f"/verwaltung/vorgaenge/{case.pk}/uebernehmen/", {"version": 1}).status_code
        == 302
    )
    clerk.post(f"/verwaltung/vorgaenge/{case.pk}/notiz/", {"text": "Registerauszug prüfen"})
    act(clerk, case, "bearbeiten")
    refused = act(clerk, case, "rueckfrage").content.decode()
    assert "fehlen Angaben" in refused
    act(clerk, case, "rueckfrage", message="Bitte senden Sie die Vollmacht.")
    case.refresh_from_db()
    assert case.state == "rueckfrage"
    request = Message.objects.get(subject__startswith="Rückfrage")
    assert request.body == "Bitte senden Sie die Vollmacht."
    citizen_client.post(f"/konto/postfach/{request.pk}/", {"body": "Anbei die Vollmacht."})
    case.refresh_from_db()
    assert case.state == "in_bearbeitung"
    act(clerk, case, "entscheiden", outcome="bewilligt", reasons="Alle Voraussetzungen liegen vor.")
    case.refresh_from_db()
    assert case.state == "entschieden" and case.outcome == "bewilligt"
    decision = Message.objects.get(subject__startswith="Bescheid")
    assert decision.files.get().name == f"Bescheid-{case.submission.reference}.pdf"
    status = citizen_client.get(f"/antraege/{case.submission.reference}/").content.decode()
    assert "Entschieden" in status and "Registerauszug" not in status  # notes stay internal


def test_a_stale_form_changes_nothing(clerk, case):
    stale = {"version": case.version, "transition": "bearbeiten"}
    clerk.post(f"/verwaltung/vorgaenge/{case.pk}/schritt/", stale)
    events = CaseEvent.objects.count()
    response = clerk.post(f"/verwaltung/vorgaenge/{case.pk}/schritt/", stale, follow=True)
    assert "inzwischen geändert" in response.content.decode()
    assert CaseEvent.objects.count() == events


def test_citizen_withdraws_and_the_clerk_can_no_longer_decide(clerk, citizen_client, case):
    reference = case.submission.reference
    citizen_client.post(f"/antraege/{reference}/zurueckziehen/", {"version": case.version})
    case.refresh_from_db()
    assert case.state == "zurueckgezogen"
    response = act(clerk, case, "bearbeiten").content.decode()
    assert "nicht möglich" in response
    again = citizen_client.post(
        f"/antraege/{reference}/zurueckziehen/", {"version": case.version}, follow=True
    )
    assert "nicht mehr zurückgezogen" in again.content.decode()


def test_history_is_append_only(case):
    event = case.events.first()
    event.note = "geändert"
    with pytest.raises(ValueError):
        event.save()


def test_inbox_filters_and_pages(clerk, citizen_client, case, settings):
    from rathaus.cases import inbox

    for _ in range(3):
        submit_for(citizen_client)
    page = clerk.get("/verwaltung/vorgaenge/?state=eingegangen").content.decode()
    assert page.count("/verwaltung/vorgaenge/") >= 4
    assert "Keine Vorgänge" in clerk.get("/verwaltung/vorgaenge/?mine=on").content.decode()
    assert "Keine Vorgänge" in clerk.get("/verwaltung/vorgaenge/?q=XYZ-0").content.decode()
    user = case.authority.memberships.get().user
    first = inbox.page(user, inbox.Filters(), size=3)
    second = inbox.page(user, inbox.Filters(), first.next_cursor, size=3)
    assert len(first.cases) == 3 and len(second.cases) == 1 and not second.next_cursor
    assert {c.pk for c in first.cases}.isdisjoint({c.pk for c in second.cases})
    assert clerk.get("/verwaltung/vorgaenge/?nach=kaputt").status_code == 200


def test_filters_are_a_compact_bar_and_bulk_assignment_sits_above_the_table(clerk, case):
    html = clerk.get("/verwaltung/vorgaenge/").content.decode()
    filters = form_with(html, 'class="inbox-filters"')
    assert "optional" not in filters
    labels = ["Suche (Vorgangsnummer, Leistung, E-Mail)", "Status", "Leistung", "Sortierung"]
    labels += ["Nur überfällige", "Nur meine", "Nur nicht zugewiesene"]
    assert all(re.search(rf">\s*{re.escape(label)}\s*</label>", filters) for label in labels)
    assert 'name="assignee"' not in filters and "Zuweisen" not in filters
    bulk = form_with(html, 'name="assignee"')
    assert bulk.index('name="assignee"') < bulk.index("<table") < bulk.index('name="cases"')
    assert 'href="/static/cases/inbox.css"' in html


def test_an_invalid_filter_is_reported_next_to_it(clerk, case):
    html = clerk.get("/verwaltung/vorgaenge/?state=kaputt").content.decode()
    filters = form_with(html, 'class="inbox-filters"')
    assert "Bitte korrigieren Sie 1 Angabe" in filters
    assert 'aria-invalid="true"' in filters and 'id="id_state-error"' in filters


def test_case_page_shows_the_answers_and_records_downloads(clerk, case):
    from django.core.files.base import ContentFile

    from rathaus.submissions.models import Attachment

    attachment = Attachment(
        submission=case.submission, field_id="vollmacht", original_name="Vollmacht.pdf",
        content_type="application/pdf", size=8, sha256="0" * 64,
    )  # fmt: skip
    attachment.file.save("v.pdf", ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    page = clerk.get(f"/verwaltung/vorgaenge/{case.pk}/").content.decode()
    assert "Mustermann" in page and "12.06.2015" in page and "Vollmacht.pdf" in page
    response = clerk.get(f"/verwaltung/vorgaenge/{case.pk}/anhang/{attachment.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4"
    assert case.events.filter(kind="download", visible_to_citizen=False).count() == 1


def test_the_citizen_answers_a_request_with_documents(clerk, citizen_client, case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    act(clerk, case, "bearbeiten")
    act(clerk, case, "rueckfrage", message="Bitte senden Sie die Vollmacht.")
    request = Message.objects.get(subject__startswith="Rückfrage")
    exe = SimpleUploadedFile("vollmacht.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    refused = citizen_client.post(
        f"/konto/postfach/{request.pk}/", {"body": "Hier", "dateien": [exe]}
    )
    assert refused.status_code == 400 and "keine erlaubte Datei" in refused.content.decode()
    case.refresh_from_db()
    assert case.state == "rueckfrage" and not case.submission.attachments.exists()
    pdf = SimpleUploadedFile("Vollmacht.pdf", b"%PDF-1.4\n%%EOF\n")
    citizen_client.post(f"/konto/postfach/{request.pk}/", {"body": "Hier", "dateien": [pdf]})
    case.refresh_from_db()
    assert case.state == "in_bearbeitung"
    assert case.submission.attachments.get().original_name == "Vollmacht.pdf"
    assert "Vollmacht.pdf" in clerk.get(f"/verwaltung/vorgaenge/{case.pk}/").content.decode()


def test_bulk_assignment_and_statistics(clerk, citizen_client, case, catalogue, hessen):
    from rathaus.accounts.models import User

    submit_for(citizen_client)
    colleague = accounts.create_staff("colleague@example.org", PASSWORD, catalogue, Role.CLERK)
    kassel = Authority.objects.create(
        name="Kassel", slug="kassel", territory=Territory.objects.get(key="06611000")
    )
    stranger = accounts.create_staff("stranger@example.org", PASSWORD, kassel, Role.CLERK)
    ids = [str(pk) for pk in Case.objects.values_list("pk", flat=True)]
    clerk.post("/verwaltung/vorgaenge/zuweisen/", {"cases": ids, "assignee": stranger.pk})
    assert not Case.objects.filter(assignee__isnull=False).exists()  # not her authority
    clerk.post("/verwaltung/vorgaenge/zuweisen/", {"cases": ids, "assignee": colleague.pk})
    assert set(Case.objects.values_list("assignee", flat=True)) == {colleague.pk}
    assert CaseEvent.objects.filter(kind="assignment").count() == 2
    act(clerk, case, "bearbeiten")
    act(clerk, case, "entscheiden", outcome="abgelehnt", reasons="Keine Berechtigung.")
    page = clerk.get("/verwaltung/vorgaenge/statistik/").content.decode()
    assert "Stadt Darmstadt – Standesamt" in page and "<svg" in page
    import re

    assert re.search(r"<dd class=\"kern-description-list-item__value\">\d+[,.]\d Tage</dd>", page)
    assert "Offene Vorgänge" in page and User.objects.get(email="colleague@example.org").is_active


def test_messages_with_the_citizen_are_on_the_case_page_and_in_the_history(
    clerk, citizen_client, case
):
    act(clerk, case, "bearbeiten")
    act(clerk, case, "rueckfrage", message="Bitte senden Sie die Vollmacht.")
    request = Message.objects.get(subject__startswith="Rückfrage")
    citizen_client.post(f"/konto/postfach/{request.pk}/", {"body": "Kommt morgen."})
    from rathaus.postbox.services import deliver

    news = deliver(case.submission.user, sender_name="Standesamt", subject="Hinweis",
                   body="Ihre Urkunde ist unterwegs.", submission=case.submission)  # fmt: skip
    citizen_client.post(f"/konto/postfach/{news.pk}/", {"body": "Noch eine Frage."})
    page = clerk.get(f"/verwaltung/vorgaenge/{case.pk}/").content.decode()
    assert "Bitte senden Sie die Vollmacht." in page and "Kommt morgen." in page
    assert "Noch eine Frage." in page
    assert case.events.filter(kind="message").count() == 1  # the other reply was a transition


@pytest.mark.parametrize("sort", ["newest", "oldest", "due"])
def test_every_sort_pages_through_all_cases_once(clerk, citizen_client, case, sort):
    from datetime import timedelta

    from django.utils import timezone

    from rathaus.cases import inbox

    for _ in range(4):
        submit_for(citizen_client)
    Case.objects.filter(pk=Case.objects.order_by("pk").last().pk).update(due_at=None)
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() - timedelta(days=1))
    user = case.authority.memberships.get().user
    seen, cursor = [], ""
    while True:
        current = inbox.page(user, inbox.Filters(sort=sort), cursor, size=2)
        seen += [c.pk for c in current.cases]
        cursor = current.next_cursor
        if not cursor:
            break
    assert sorted(seen) == sorted(Case.objects.values_list("pk", flat=True)) and len(seen) == 5
    if sort == "due":
        assert seen[0] == case.pk and seen[-1] == Case.objects.order_by("pk").last().pk
    assert clerk.get(f"/verwaltung/vorgaenge/?sort={sort}").status_code == 200


def test_a_refused_decision_keeps_what_the_clerk_typed(clerk, case):
    act(clerk, case, "bearbeiten")
    response = act(clerk, case, "entscheiden", reasons="Eine lange, sorgfältige Begründung.")
    html = response.content.decode()
    assert response.status_code == 400 and "fehlen Angaben" in html
    assert "Eine lange, sorgfältige Begründung." in html  # not lost
    case.refresh_from_db()
    assert case.state == "in_bearbeitung"


def test_the_case_page_speaks_english(clerk, case):
    page = clerk.get(f"/en/verwaltung/vorgaenge/{case.pk}/").content.decode()
    assert "Start processing" in page and "Bearbeitung beginnen" not in page
    assert "Received" in page
