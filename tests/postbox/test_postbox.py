"""The postbox: messages for their owner only, read/unread, replies, file downloads.

Requirement: a submission puts its receipt into the citizen's postbox; the list shows
unread messages; opening marks read; the citizen can reply (an empty reply is refused with
a message); nobody else can open a message or download its file.
"""

import pytest
from django.test import Client

from rathaus.accounts import services as accounts
from rathaus.postbox import services
from rathaus.postbox.models import Message

pytestmark = pytest.mark.django_db
PASSWORD = "Ein-langes-Passwort-2026"


@pytest.fixture
def owner(client):
    user = accounts.create_citizen("ada@example.org", PASSWORD, given_names="Ada", family_name="L")
    client.login(email="ada@example.org", password=PASSWORD)
    return user


@pytest.fixture
def message(owner):
    return services.deliver(
        owner,
        sender_name="Stadt Darmstadt – Standesamt",
        subject="Ihre Urkunde",
        body="Guten Tag,\nIhre Urkunde liegt bereit.",
        files=[services.FileContent("Urkunde.pdf", "application/pdf", b"%PDF-1.4 test")],
    )


def test_inbox_lists_unread_and_opening_marks_read(client, message):
    page = client.get("/konto/postfach/").content.decode()
    assert "<strong>Ihre Urkunde</strong>" in page and "ungelesen" in page
    assert services.unread_count(message.owner) == 1
    detail = client.get(f"/konto/postfach/{message.pk}/").content.decode()
    assert "Ihre Urkunde liegt bereit." in detail and "Urkunde.pdf" in detail
    assert services.unread_count(message.owner) == 0


def test_reply_needs_text_and_is_stored(client, message):
    empty = client.post(f"/konto/postfach/{message.pk}/", {"body": "  "})
    assert empty.status_code == 400 and "Bitte korrigieren Sie 1 Angabe" in empty.content.decode()
    response = client.post(f"/konto/postfach/{message.pk}/", {"body": "Danke, ich hole sie ab."})
    assert response.status_code == 302
    answer = Message.objects.get(direction=Message.Direction.FROM_CITIZEN)
    assert answer.in_reply_to == message and answer.subject == "Antwort: Ihre Urkunde"


def test_download_of_an_attached_file(client, message):
    file_id = message.files.get().pk
    response = client.get(f"/konto/postfach/datei/{file_id}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_nobody_else_reads_or_downloads(message):
    accounts.create_citizen("bob@example.org", PASSWORD, given_names="Bob", family_name="B")
    other = Client()
    other.login(email="bob@example.org", password=PASSWORD)
    assert other.get(f"/konto/postfach/{message.pk}/").status_code == 404
    assert other.get(f"/konto/postfach/datei/{message.files.get().pk}/").status_code == 404
    assert "Ihre Urkunde" not in other.get("/konto/postfach/").content.decode()
    assert Client().get("/konto/postfach/").status_code == 302  # to the login


def test_inbox_asks_the_database_a_fixed_number_of_times(
    client, message, django_assert_max_num_queries
):
    """Session, user (who counts as staff is kept on it), the organisations to switch to,
    the messages."""
    client.get("/konto/postfach/")
    with django_assert_max_num_queries(4) as captured:
        assert client.get("/konto/postfach/").status_code == 200
    assert sum("EXISTS" in q["sql"] for q in captured.captured_queries) == 0
