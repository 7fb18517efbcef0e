"""Deliveries to specialist systems: scheduled after a submission, retried with
backoff, every attempt recorded; nothing is lost when a target is down (the submission
stays, the delivery waits and can be retried by an admin)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from rathaus.audit.services import log_action
from rathaus.deliveries.models import Delivery, DeliveryAttempt, DeliveryRoute
from rathaus.deliveries.payload import payload_of
from rathaus.deliveries.plugins import DeliveryFailed, plugin

__all__ = ["BACKOFF_MINUTES", "schedule_for", "attempt", "retry", "acknowledge"]

# Waiting time after the n-th failed attempt; after the last one the delivery is failed.
BACKOFF_MINUTES = (1, 5, 30, 120, 720)


def schedule_for(submission: Any) -> Delivery | None:
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


def _enqueue(delivery: Delivery, when: Any) -> None:
    from rathaus.deliveries.tasks import deliver

    task = deliver
    if when is not None and task.get_backend().supports_defer:
        task = task.using(run_after=when)
    transaction.on_commit(lambda: task.enqueue(str(delivery.pk)))


def attempt(delivery_id: str) -> Delivery:
    """One attempt; on failure the next one is scheduled (or the delivery gives up)."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("route")
            .get(pk=delivery_id)
        )
        if delivery.status != Delivery.Status.PENDING:
            return delivery
        delivery.attempts += 1
        config = delivery.route.config if delivery.route else {}
        try:
            detail = plugin(delivery.plugin).send(
                payload_of(delivery.submission), config, str(delivery.pk)
            )
        except DeliveryFailed as failure:
            _failed(delivery, str(failure))
        else:
            delivery.status, delivery.delivered_at, delivery.last_error = (
                Delivery.Status.DELIVERED, timezone.now(), "")  # fmt: skip
            DeliveryAttempt.objects.create(delivery=delivery, ok=True, detail=detail)
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
        minutes=BACKOFF_MINUTES[delivery.attempts - 1]
    )
    _enqueue(delivery, delivery.next_attempt_at)


def acknowledge(submission: Any) -> int:
    """The specialist system confirms receipt: its open deliveries count as delivered."""
    with transaction.atomic():
        count = 0
        for delivery in Delivery.objects.select_for_update().filter(submission=submission):
            if delivery.status != Delivery.Status.DELIVERED:
                delivery.status, delivery.delivered_at = Delivery.Status.DELIVERED, timezone.now()
                delivery.save(update_fields=["status", "delivered_at"])
                DeliveryAttempt.objects.create(
                    delivery=delivery, ok=True, detail="acknowledged via API"
                )
                count += 1
    return count


def retry(delivery: Delivery, actor: Any) -> None:
    """An admin starts a failed (or waiting) delivery again."""
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.PENDING, attempts=0, next_attempt_at=None
        )
        log_action(actor, "deliveries.retried", delivery, {})
        _enqueue(delivery, None)
