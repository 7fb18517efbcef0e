"""One audit chain per tenant (and the platform's): each verifiable on its own with
``verify_audit --tenant``, a break in one named without blaming the others."""

from unittest.mock import patch

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from rathaus.audit.models import AuditEntry
from rathaus.audit.services import log_action, verify_chain
from rathaus.tenants import scope

pytestmark = pytest.mark.django_db


def entries(count, verb):
    return [log_action(None, f"{verb}.{i}", None, {"i": i}) for i in range(count)]


def test_each_tenant_writes_its_own_chain(hamburg_tenant, capsys):
    hessen = scope.current()
    hessian = entries(3, "he")
    with scope.activate(hamburg_tenant):
        hamburgian = entries(2, "hh")
        assert [e.verb for e in AuditEntry.objects.all()] == ["hh.0", "hh.1"]
    with scope.every_tenant():
        platform = entries(1, "op")
    assert [e.sequence for e in hessian] == [1, 2, 3] and hessian[0].tenant == hessen
    assert [e.sequence for e in hamburgian] == [1, 2] and hamburgian[0].previous_hash == ""
    assert platform[0].tenant is None and platform[0].sequence == 1
    assert [e.verb for e in AuditEntry.objects.all()] == ["he.0", "he.1", "he.2"]
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "hessen: chain intact, 3 entries" in out and "hamburg: chain intact, 2 entries" in out
    assert "platform: chain intact, 1 entries" in out


def test_a_break_is_found_in_its_chain_only(hamburg_tenant, capsys):
    entries(2, "he")
    with scope.activate(hamburg_tenant):
        second = entries(2, "hh")[1]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET verb = %s WHERE id = %s",
            ["hh.forged", second.pk],
        )
    assert verify_chain() is None  # Hessen's, the one in scope
    assert verify_chain(hamburg_tenant).sequence == 2
    call_command("verify_audit", tenant="hessen")
    with pytest.raises(CommandError, match="hamburg at entry #2: edited"):
        call_command("verify_audit", tenant="hamburg")
    with pytest.raises(CommandError, match="No tenant"):
        call_command("verify_audit", tenant="atlantis")


def test_moving_an_entry_to_another_tenant_breaks_both_chains(hamburg_tenant):
    moved = entries(2, "he")[0]
    with scope.activate(hamburg_tenant):
        entries(1, "hh")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET tenant_id = %s, sequence = 2 WHERE id = %s",
            [hamburg_tenant.pk, moved.pk],
        )
    assert verify_chain() is not None
    assert verify_chain(hamburg_tenant) is not None


def test_an_entry_about_a_tenants_row_goes_to_that_tenants_chain(two_authorities, hamburg_tenant):
    _, hamburgian = two_authorities
    with scope.every_tenant():  # an operator in the admin
        entry = log_action(None, "admin.changed", hamburgian, {})
        about_nobody = log_action(None, "platform.job", None, {})
    assert entry.tenant == hamburg_tenant and about_nobody.tenant is None
    assert verify_chain(hamburg_tenant) is None and verify_chain(None) is None


def test_two_lands_may_write_the_very_same_entry(hamburg_tenant):
    """The first target-less entry of two Länder in the same second hashes alike (a hash
    covers the entry and the one before it in its chain, not the Land): both are written
    and both chains verify."""
    moment = timezone.now()
    with patch("rathaus.audit.services.timezone.now", return_value=moment):
        hessian = log_action(None, "demo.loaded", None, {"events": 3})
        with scope.activate(hamburg_tenant):
            hamburgian = log_action(None, "demo.loaded", None, {"events": 3})
            assert verify_chain() is None
    assert hamburgian.entry_hash == hessian.entry_hash and hamburgian.pk != hessian.pk
    assert verify_chain() is None
