"""The receipt download is read-only (issue 13: a GET never writes).

Requirement: the after-submission task makes the receipt; the download serves the stored
PDF. While the task has not run, the download answers 503 with Retry-After and a page
asking to try again in a minute, and writes nothing (no INSERT, UPDATE or DELETE).
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rathaus.submissions.models import Submission
from rathaus.submissions.receipts import ensure_receipt
from rathaus.submissions.tasks import after_submission
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def signed_in(citizen):
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    return client


def url(submission: Submission) -> str:
    return f"/antraege/{submission.reference}/eingangsbestaetigung.pdf"


def download(client: Client, submission: Submission):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(submission))
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    return response, writes


def test_without_a_receipt_the_download_waits_and_writes_nothing(signed_in):
    # The after-submission task runs on commit; not capturing it means it has not run yet.
    submission = Submission.objects.get(reference=submit_for(signed_in))
    assert not submission.receipt
    response, writes = download(signed_in, submission)
    assert response.status_code == 503 and writes == []
    assert response["Retry-After"] == "60" and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "wird gerade erstellt" in html and "kern-alert" in html
    submission.refresh_from_db()
    assert not submission.receipt  # the GET did not make it either


def test_the_task_makes_the_receipt_and_the_download_serves_it(
    signed_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reference = submit_for(signed_in)
    submission = Submission.objects.get(reference=reference)
    assert submission.receipt  # made by the after-submission task at submission
    response, writes = download(signed_in, submission)
    assert response.status_code == 200 and writes == []
    assert response["Content-Type"] == "application/pdf"
    assert f"Eingangsbestaetigung-{reference}.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_second_task_run_keeps_the_first_receipt(signed_in):
    submission = Submission.objects.get(reference=submit_for(signed_in))
    after_submission.call(str(submission.pk))
    first = Submission.objects.get(pk=submission.pk).receipt.name
    after_submission.call(str(submission.pk))
    assert Submission.objects.get(pk=submission.pk).receipt.name == first


def test_a_racing_second_receipt_is_dropped(signed_in):
    submission = Submission.objects.get(reference=submit_for(signed_in))
    stale = Submission.objects.get(pk=submission.pk)  # loaded before the first run stored it
    first = ensure_receipt(submission).receipt
    second = ensure_receipt(stale).receipt
    assert second.name == first.name == Submission.objects.get(pk=submission.pk).receipt.name
    storage = first.storage
    folder = first.name.rsplit("/", 1)[0]
    assert storage.listdir(folder)[1] == [first.name.rsplit("/", 1)[1]]
