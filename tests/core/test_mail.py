"""Mail is queued as a background task after commit: nothing is sent when the transaction
rolls back, and with the database backend the task waits in the queue until the worker
runs (`manage.py db_worker --batch`)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from rathaus.core.mail import send_mail_after_commit

pytestmark = pytest.mark.django_db(transaction=True)


def test_sent_after_commit_only():
    with transaction.atomic():
        send_mail_after_commit("Hallo\nBcc: x@evil.example", "Text", ["a@example.org"])
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Hallo Bcc: x@evil.example"


def test_not_sent_on_rollback():
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail_after_commit("Hallo", "Text", ["a@example.org"])
        raise RuntimeError
    assert mail.outbox == []


def test_database_backend_queues_until_worker_runs(settings):
    # Django resets its task backends when TASKS changes (django.tasks.signals).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_mail_after_commit("Warteschlange", "Text", ["b@example.org"])
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Warteschlange"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
