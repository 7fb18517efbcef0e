"""No row lock is held while a delivery plugin talks to a (slow) target.

Requirement (issue 13): an attempt is claimed in one short transaction, sent outside any
transaction and recorded in another. While one worker waits for a slow receiver, a second
worker claims a different due delivery at once, and skips the delivery being sent (it is
never sent twice); a claim whose lease has run out (a crashed worker) can be taken again;
a result that comes back after its claim was lost is not recorded.

The threaded test needs row locks to mean something, so it runs on PostgreSQL; on SQLite
(one writer at a time, transactions begin IMMEDIATE) it shows the same thing: the second
worker's claim can only commit because the first worker holds no transaction while it
sends.
"""

import threading
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from rathaus.deliveries import plugins, services
from rathaus.deliveries.models import Delivery, DeliveryAttempt
from rathaus.deliveries.plugins import DeliveryFailed
from rathaus.submissions.models import Submission
from rathaus.tenants.scope import carried
from tests.service_fixtures import PASSWORD, submit_for

WAIT = 10  # seconds; every wait in these tests ends long before this when all is well


class SlowReceiver:
    """A plugin whose send blocks, per delivery, until the test releases it."""

    def __init__(self, blocking: bool = True):
        self.blocking = blocking
        self.entered: defaultdict[str, threading.Event] = defaultdict(threading.Event)
        self.release: defaultdict[str, threading.Event] = defaultdict(threading.Event)
        self.sent: list[str] = []
        self.lock = threading.Lock()

    def send(self, payload, config, delivery_id):
        with self.lock:
            self.sent.append(delivery_id)
            entered, release = self.entered[delivery_id], self.release[delivery_id]
        entered.set()
        if self.blocking and not release.wait(WAIT):
            raise DeliveryFailed("the test never released the send")
        return "slow receiver: ok"

    def release_all(self):
        with self.lock:
            for event in self.release.values():
                event.set()


@pytest.fixture
def receiver():
    slow = SlowReceiver()
    plugins.register("slow", slow)
    yield slow
    slow.release_all()
    plugins.PLUGINS.unregister("slow")


def deliveries(count: int) -> list[str]:
    """Due deliveries through the slow plugin, for one new submission."""
    client = Client()
    client.login(email="erika@example.org", password=PASSWORD)
    submission = Submission.objects.get(reference=submit_for(client))
    return [str(Delivery.objects.create(submission=submission, plugin="slow").pk)
            for _ in range(count)]  # fmt: skip


def in_thread(function):
    @carried
    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()

    return run


@pytest.mark.django_db(transaction=True)
def test_a_slow_send_blocks_neither_the_same_nor_another_delivery(citizen, receiver):
    first, second = deliveries(2)
    with ThreadPoolExecutor(max_workers=3) as pool:
        try:
            sending = pool.submit(in_thread(services.attempt), first)
            assert receiver.entered[first].wait(WAIT)
            # The same delivery: skipped at once (no waiting for a lock), not sent again.
            same = pool.submit(in_thread(services.attempt), first).result(timeout=5)
            assert same.status == "pending" and receiver.sent.count(first) == 1
            # Another delivery: claimed (committed) and sent while the first still waits.
            other = pool.submit(in_thread(services.attempt), second)
            assert receiver.entered[second].wait(5) and not sending.done()
            with transaction.atomic():  # PostgreSQL: nobody holds the row lock any more
                Delivery.objects.select_for_update(nowait=True).get(pk=first)
            claims = Delivery.objects.filter(claimed_until__gt=timezone.now(), attempts=1)
            assert claims.count() == 2
            receiver.release[first].set()
            assert sending.result(timeout=WAIT).status == "delivered"
            receiver.release[second].set()
            assert other.result(timeout=WAIT).status == "delivered"
        finally:
            receiver.release_all()
    assert sorted(receiver.sent) == sorted([first, second])
    assert not Delivery.objects.filter(claim_token__isnull=False).exists()
    assert DeliveryAttempt.objects.filter(ok=True).count() == 2


@pytest.fixture
def quick(receiver):
    receiver.blocking = False
    return receiver


@pytest.mark.django_db
def test_a_claim_whose_lease_ran_out_can_be_taken_again(citizen, quick):
    (pk,) = deliveries(1)
    now = timezone.now()
    live = {"claim_token": uuid.uuid4(), "claimed_until": now + timedelta(minutes=1)}
    Delivery.objects.filter(pk=pk).update(attempts=1, **live)
    assert services.attempt(pk).status == "pending" and quick.sent == []  # another's live claim
    Delivery.objects.filter(pk=pk).update(claimed_until=now - timedelta(seconds=1))
    delivery = services.attempt(pk)  # the worker that claimed it has crashed
    assert delivery.status == "delivered" and delivery.attempts == 2 and quick.sent == [pk]
    assert delivery.claim_token is None and delivery.claimed_until is None


@pytest.mark.django_db
def test_a_result_after_the_claim_was_lost_is_not_recorded(citizen, quick):
    (pk,) = deliveries(1)
    _delivery, token = services._claim(pk)
    assert token is not None and services._claim(pk)[1] is None  # claimed: no second claim
    Delivery.objects.filter(pk=pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert services.attempt(pk).status == "delivered"  # taken over after the lease ran out
    late = services._record(uuid.UUID(pk), token, DeliveryFailed("the slow one, too late"))
    assert late.status == "delivered" and late.last_error == ""
    assert [a.ok for a in DeliveryAttempt.objects.filter(delivery_id=pk)] == [True]
