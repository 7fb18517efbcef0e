"""Deliveries to specialist systems: scheduled after a submission, retried with
backoff, every attempt recorded; nothing is lost when a target is down (the submission
stays, the delivery waits and can be retried by an admin)."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from rathaus.audit.services import log_action
from rathaus.core.outbox import enqueue_after_commit
from rathaus.deliveries.models import Delivery, DeliveryAttempt, DeliveryRoute
from rathaus.deliveries.payload import payload_of
from rathaus.deliveries.plugins import DeliveryFailed, plugin
from rathaus.submissions.models import Submission
from rathaus.tenants import services as tenants

__all__ = ["BACKOFF_MINUTES", "CLAIM_LEASE", "schedule_for", "deliver",
           "on_submission_received", "attempt", "retry", "acknowledge"]  # fmt: skip

logger = logging.getLogger(__name__)

# Waiting time after the n-th failed attempt; after the last one the delivery is failed.
BACKOFF_MINUTES = (1, 5, 30, 120, 720)
# How long a claimed attempt belongs to its worker: far longer than a send may take (the
# HTTP timeout is 15 s); after it, a crashed worker's claim can be taken again.
CLAIM_LEASE = timedelta(minutes=5)


def schedule_for(submission: Submission) -> Delivery | None:
    """Create the delivery of a new submission (if its offer has a route) and start it."""
    route = DeliveryRoute.objects.filter(
        active=True, offer__authority=submission.authority, offer__service=submission.service
    ).first()
    if route is None:
        return None
    with transaction.atomic():
        delivery, created = Delivery.objects.get_or_create(
            submission=submission, route=route, defaults={"plugin": route.plugin}
        )
        if created:
            _enqueue(delivery, None)
    return delivery


@task
def deliver(delivery_id: str) -> str:
    """The background task of one attempt (enqueued after commit, deferred for retries)."""
    with tenants.scope_of(Delivery, delivery_id):
        return attempt(delivery_id).status


def on_submission_received(sender: Any, submission: Submission, **kwargs: Any) -> None:
    """Receiver of ``submissions.signals.submission_received``: schedule the transfer."""
    schedule_for(submission)


def _enqueue(delivery: Delivery, when: Any) -> None:
    enqueue_after_commit(deliver, str(delivery.pk), run_after=when)


def attempt(delivery_id: str) -> Delivery:
    """One attempt in three steps, so that no row lock is held while a target is slow:
    claim it (short transaction), send it (no transaction), record the result (short
    transaction, only if the claim is still ours). On failure the next attempt is
    scheduled (or the delivery gives up). A delivery that is no longer pending, or that
    another worker is sending right now, is skipped: it is never sent twice at once."""
    delivery, token = _claim(delivery_id)
    if token is None:
        return delivery
    return _record(delivery.pk, token, _send(delivery))


def _claim(delivery_id: str) -> tuple[Delivery, uuid.UUID | None]:
    """Take the attempt for this worker; None if it is not pending or claimed by a live lease.

    When it is due is the task queue's business (``run_after``), as before: a backend that
    cannot defer runs the next attempt at once.
    """
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("route")
            .get(pk=delivery_id)
        )
        claimed = delivery.claimed_until is not None and delivery.claimed_until > now
        if delivery.status != Delivery.Status.PENDING or claimed:
            return delivery, None
        delivery.attempts += 1
        delivery.claim_token, delivery.claimed_until = uuid.uuid4(), now + CLAIM_LEASE
        delivery.save(update_fields=["attempts", "claim_token", "claimed_until"])
    return delivery, delivery.claim_token


def _send(delivery: Delivery) -> str | DeliveryFailed:
    """The plugin's detail for the log, or its failure; network I/O, so never in a transaction."""
    config = delivery.route.config if delivery.route else {}
    try:
        sender = plugin(delivery.plugin)
        return sender.send(payload_of(delivery.submission), config, str(delivery.pk))
    except DeliveryFailed as failure:
        return failure


def _record(delivery_id: uuid.UUID, token: uuid.UUID, outcome: str | DeliveryFailed) -> Delivery:
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update(of=("self",)).get(pk=delivery_id)
        if delivery.claim_token != token:
            logger.warning(
                "Delivery %s: the claim ran out during the send; not recorded", delivery_id
            )
            return delivery
        delivery.claim_token = delivery.claimed_until = None
        if isinstance(outcome, DeliveryFailed):
            _failed(delivery, str(outcome))
        else:
            delivery.status, delivery.delivered_at, delivery.last_error = (
                Delivery.Status.DELIVERED, timezone.now(), "")  # fmt: skip
            DeliveryAttempt.objects.create(delivery=delivery, ok=True, detail=outcome)
            log_action(None, "deliveries.delivered", delivery, {"attempts": delivery.attempts})
        delivery.save()
    return delivery


def _failed(delivery: Delivery, error: str) -> None:
    DeliveryAttempt.objects.create(delivery=delivery, ok=False, detail=error[:2000])
    delivery.last_error = error[:2000]
    if delivery.attempts > len(BACKOFF_MINUTES):
        delivery.status = Delivery.Status.FAILED
        delivery.next_attempt_at = None
        log_action(None, "deliveries.failed", delivery, {"error": error[:200]})
        return
    delivery.next_attempt_at = timezone.now() + timedelta(
        # At least the first wait: an admin may have reset the count during the send.
        minutes=BACKOFF_MINUTES[max(delivery.attempts, 1) - 1]
    )
    _enqueue(delivery, delivery.next_attempt_at)


def acknowledge(submission: Submission) -> int:
    """The specialist system confirms receipt: its open deliveries count as delivered."""
    with transaction.atomic():
        count = 0
        for delivery in Delivery.objects.select_for_update().filter(submission=submission):
            if delivery.status != Delivery.Status.DELIVERED:
                delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, timezone.now()
                # A send still running ends unrecorded; the acknowledgement is what counts.
                delivery.claim_token = delivery.claimed_until = None
                delivery.save(
                    update_fields=["status", "delivered_at", "claim_token", "claimed_until"]
                )
                DeliveryAttempt.objects.create(
                    delivery=delivery, ok=True, detail="acknowledged via API"
                )
                count += 1
    return count


def retry(delivery: Delivery, actor: Any) -> None:
    """An admin starts a failed (or waiting) delivery again. A send running right now
    keeps its claim (the new task skips it) and records its result: never sent twice."""
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.PENDING, attempts=0, next_attempt_at=None
        )
        log_action(actor, "deliveries.retried", delivery, {})
        _enqueue(delivery, None)
