"""The audit log is a hash chain: editing or removing any entry behind the log's back is
detected by `manage.py verify_audit`, which names the first broken entry; the ORM refuses
to change or delete entries, and the admin shows them read-only."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from rathaus.audit.models import AuditEntry
from rathaus.audit.services import log_action, verify_chain
from rathaus.authentication.testing import login_with_second_factor

pytestmark = pytest.mark.django_db


def _three_entries(user):
    return [log_action(user, f"test.step{i}", user, {"i": i, "name": "Jürgen"}) for i in (1, 2, 3)]


def test_entries_chain_to_each_other(django_user_model):
    user = django_user_model.objects.create_user("a@example.org", "pw-long-enough-1")
    first, second, third = _three_entries(user)
    assert first.previous_hash == ""
    assert second.previous_hash == first.entry_hash
    assert third.previous_hash == second.entry_hash
    assert third.actor_label == "a@example.org"
    assert third.target_type == "accounts.User"
    assert verify_chain() is None
    call_command("verify_audit")


def test_edit_behind_the_logs_back_is_caught(django_user_model, capsys):
    user = django_user_model.objects.create_user("b@example.org", "pw-long-enough-1")
    _, second, _ = _three_entries(user)
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET verb = %s WHERE id = %s", ["test.forged", second.pk])
    broken = verify_chain()
    assert broken is not None and broken.sequence == 2 and broken.reason == "edited"
    with pytest.raises(CommandError, match="#2"):
        call_command("verify_audit")


def test_removal_is_caught(django_user_model):
    user = django_user_model.objects.create_user("c@example.org", "pw-long-enough-1")
    _, second, third = _three_entries(user)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [second.pk])
    assert verify_chain().sequence == 2
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [third.pk])
    # The last entries gone: the chain head still remembers how long the chain was.
    assert verify_chain().sequence == 2


def test_orm_refuses_changes(django_user_model):
    entry = log_action(None, "system.started")
    assert entry.actor_label == "system"
    entry.verb = "changed"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_admin_is_read_only(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin@example.org", "pw-long-enough-1")
    login_with_second_factor(client, admin)
    admin_client = client
    entry = log_action(None, "system.started", data={"x": 1})
    listing = admin_client.get("/admin/audit/auditentry/")
    assert listing.status_code == 200
    assert b"system.started" in listing.content
    detail = admin_client.get(f"/admin/audit/auditentry/{entry.pk}/change/")
    assert detail.status_code == 200
    assert b'name="verb"' not in detail.content
    assert admin_client.get("/admin/audit/auditentry/add/").status_code == 403
    response = admin_client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_entries_of_a_rolled_back_transaction_leave_no_gap(django_user_model):
    """An entry belongs to its caller's transaction (no savepoint of its own): when that
    rolls back, the entry and the head's advance go with it, and the chain continues
    without a gap."""
    user = django_user_model.objects.create_user("d@example.org", "pw-long-enough-1")
    first = log_action(user, "test.kept", user)
    with pytest.raises(RuntimeError), transaction.atomic():
        log_action(user, "test.rolled_back", user)
        raise RuntimeError("the caller fails after logging")
    after = log_action(user, "test.after", user)
    assert after.sequence == first.sequence + 1
    assert after.previous_hash == first.entry_hash
    assert not AuditEntry.objects.filter(verb="test.rolled_back").exists()
    assert verify_chain() is None


def test_an_entry_that_cannot_be_written_fails_before_the_chain_is_touched(django_user_model):
    """The entry is built (and its data checked) before the chain's head is locked: data
    that is no JSON fails at once and leaves the caller's transaction usable."""
    user = django_user_model.objects.create_user("e@example.org", "pw-long-enough-1")
    with transaction.atomic():
        with pytest.raises(TypeError):
            log_action(user, "test.bad", user, {"thing": object()})
        entry = log_action(user, "test.good", user)
    assert entry.sequence == 1 and verify_chain() is None
