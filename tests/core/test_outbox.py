"""A background task is done exactly once, even when the process that should enqueue it
dies between its commit and the enqueue (issue 16, scale-out: an app server killed under
load).

Requirement: the after-submission work (receipt, postbox message, mail) and every mail are
written to the outbox in the transaction that causes them; ``manage.py relay_tasks``
enqueues whatever no worker has taken within the grace period; a task enqueued twice runs
once. In these tests an on-commit callback that is not captured never runs: exactly what
a process killed right after its commit leaves behind.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from rathaus.core.mail import send_mail_after_commit
from rathaus.core.models import OutboxTask
from rathaus.core.outbox import GRACE, LEASE, relay, run
from rathaus.postbox.models import Message
from rathaus.submissions.models import Submission
from tests.service_fixtures import PASSWORD, submit_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(citizen):
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    return client


def later(extra: timedelta = timedelta(0)):
    return timezone.now() + GRACE + extra + timedelta(seconds=1)


def test_a_submission_whose_process_died_after_commit_is_still_processed_once(
    signed_in, django_capture_on_commit_callbacks
):
    submission = Submission.objects.get(reference=submit_for(signed_in))  # enqueue never ran
    assert not submission.receipt and mail.outbox == []
    assert relay() == 0  # not before the grace period: a worker may be about to take it
    with django_capture_on_commit_callbacks(execute=True):
        assert relay(now=later()) == 1
    submission.refresh_from_db()
    assert submission.receipt and submission.notified_at is not None
    assert Message.objects.filter(submission=submission).count() == 1
    assert [m.to for m in mail.outbox] == [["erika@example.org"]]
    assert not OutboxTask.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert relay(now=later(LEASE)) == 0
    assert len(mail.outbox) == 1


def test_a_task_enqueued_twice_runs_once():
    send_mail_after_commit("Einmal", "Text", ["a@example.org"])  # its enqueue never ran
    entry = OutboxTask.objects.get()
    assert run.call(str(entry.pk)) == "done"
    assert run.call(str(entry.pk)) == "skipped"  # the relay's copy finds nothing left to do
    assert [m.subject for m in mail.outbox] == ["Einmal"]


def test_a_task_taken_by_a_worker_is_relayed_only_after_its_lease():
    send_mail_after_commit("Lease", "Text", ["a@example.org"])
    entry = OutboxTask.objects.get()
    taken = timezone.now() + LEASE  # a worker took it and was killed during the task
    OutboxTask.objects.update(claimed_until=taken, relay_after=taken, attempts=1)
    assert run.call(str(entry.pk)) == "skipped"  # its claim is still live
    assert relay() == 0
    gone = timezone.now() - timedelta(seconds=1)  # ... until its lease has run out
    OutboxTask.objects.update(claimed_until=gone, relay_after=gone)
    assert relay() == 1  # enqueued again; the immediate backend ran it
    assert [m.subject for m in mail.outbox] == ["Lease"]
    assert not OutboxTask.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_queue_does_not_fail_the_transaction(monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("rathaus.core.outbox._enqueue", unreachable)
    with transaction.atomic():
        send_mail_after_commit("Später", "Text", ["a@example.org"])
    assert OutboxTask.objects.count() == 1 and mail.outbox == []  # the relay sends it later


def test_the_command_relays_and_reports():
    send_mail_after_commit("Befehl", "Text", ["a@example.org"])
    OutboxTask.objects.update(relay_after=timezone.now() - timedelta(seconds=1))
    out = StringIO()
    call_command("relay_tasks", stdout=out)
    assert out.getvalue().strip() == "1 relayed, 0 failed 5 times"
    assert [m.subject for m in mail.outbox] == ["Befehl"]
