"""A tenant's audit log is several hash chains, one per shard of the targets: entries
about one object stay in one chain, in order; writers about objects in different chains
do not wait for each other. Every chain is verified, and a changed, removed, reordered or
moved entry is found in whichever chain it is."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from rathaus.audit.models import SHARDS, AuditChainHead, AuditEntry
from rathaus.audit.services import ChainBreak, log_action, shard_of, verify_chain
from rathaus.authentication.testing import login_with_second_factor

pytestmark = pytest.mark.django_db
TABLE = AuditEntry._meta.db_table


def _sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=TABLE), params)


@pytest.fixture
def two_chains(django_user_model):
    """Three entries about each of two users whose entries go to two different chains
    (neither the target-less chain 0), interleaved in time."""
    users = [
        django_user_model.objects.create_user(f"s{i}@example.org", "pw-long-enough-1")
        for i in range(40)
    ]
    first = next(u for u in users if shard_of(u) != 0)
    second = next(u for u in users if shard_of(u) not in (0, shard_of(first)))
    entries = {first.pk: [], second.pk: []}
    for i in range(3):
        for user in (first, second):
            entries[user.pk].append(log_action(None, f"test.step{i}", user, {"i": i}))
    return entries[first.pk], entries[second.pk]


def test_entries_about_one_object_chain_in_one_chain_of_its_own(two_chains):
    first, second = two_chains
    assert first[0].shard != second[0].shard
    assert {e.shard for e in first} == {first[0].shard}
    assert [e.sequence for e in first] == [e.sequence for e in second] == [1, 2, 3]
    assert first[0].previous_hash == second[0].previous_hash == ""
    assert [e.previous_hash for e in first[1:]] == [e.entry_hash for e in first[:2]]
    target_less = log_action(None, "test.job")
    assert target_less.shard == 0 and target_less.sequence == 1
    assert AuditChainHead.objects.filter(tenant=target_less.tenant).count() == 3
    assert verify_chain() is None
    call_command("verify_audit")


def test_an_edit_in_any_chain_is_found_and_named(two_chains):
    _, second = two_chains
    _sql("UPDATE {table} SET verb = %s WHERE id = %s", ["test.forged", second[1].pk])
    broken = verify_chain()
    assert (broken.shard, broken.sequence, broken.reason) == (second[1].shard, 2, "edited")
    with pytest.raises(CommandError, match=rf"\(chain {second[1].shard}\) at entry #2: edited"):
        call_command("verify_audit")


def test_a_removal_in_any_chain_is_found_also_at_its_end(two_chains):
    first, second = two_chains
    _sql("DELETE FROM {table} WHERE id = %s", [second[2].pk])
    assert verify_chain() == ChainBreak(3, "removed", second[2].shard)
    _sql("DELETE FROM {table} WHERE id IN (%s, %s)", [first[0].pk, first[1].pk])
    broken = verify_chain()
    assert (broken.shard, broken.sequence) == (first[0].shard, 1)


def test_reordered_entries_are_found(two_chains):
    first, _ = two_chains
    _sql("UPDATE {table} SET sequence = 99 WHERE id = %s", [first[0].pk])
    _sql("UPDATE {table} SET sequence = 1 WHERE id = %s", [first[1].pk])
    _sql("UPDATE {table} SET sequence = 2 WHERE id = %s", [first[0].pk])
    broken = verify_chain()
    assert broken is not None and broken.shard == first[0].shard and broken.sequence == 1


def test_an_entry_moved_to_another_chain_breaks_both(two_chains):
    first, second = two_chains
    move = "UPDATE {table} SET shard = %s, sequence = %s WHERE id = %s"
    _sql(move, [second[0].shard, 4, first[2].pk])
    assert verify_chain().shard in (first[0].shard, second[0].shard)
    _sql(move, [first[0].shard, 3, first[2].pk])
    assert verify_chain() is None  # back where it was: intact again
    _sql(move, [0, 1, first[2].pk])
    broken = verify_chain()  # chain 0 hashes without the shard: the moved entry is "edited"
    assert broken is not None


def test_the_shard_of_an_object_is_fixed_and_in_range(two_chains):
    first, _ = two_chains
    assert shard_of(None) == 0
    entry = AuditEntry.objects.get(pk=first[0].pk)
    assert shard_of(entry) == shard_of(AuditEntry.objects.get(pk=first[0].pk))
    assert {shard_of(e) for e in AuditEntry.objects.all()} <= set(range(SHARDS))


def test_the_admin_lists_and_filters_every_chain(client, django_user_model, two_chains):
    first, second = two_chains
    admin = django_user_model.objects.create_superuser("admin@example.org", "pw-long-enough-1")
    login_with_second_factor(client, admin)
    about = [first[0].target_label.encode(), second[0].target_label.encode()]
    listing = client.get("/admin/audit/auditentry/")
    assert listing.status_code == 200 and all(label in listing.content for label in about)
    chosen = client.get(f"/admin/audit/auditentry/?shard={second[0].shard}")
    assert chosen.status_code == 200 and about[0] not in chosen.content
    assert about[1] in chosen.content
    assert client.get(f"/admin/audit/auditentry/{first[0].pk}/change/").status_code == 200
    # newest first, as written, the two chains interleaved (not grouped by chain)
    written = [e for pair in zip(first, second, strict=True) for e in pair]
    shown = re.findall(rb"/admin/audit/auditentry/(\d+)/change/", listing.content)
    assert [int(pk) for pk in dict.fromkeys(shown)][:6] == [e.pk for e in reversed(written)]
