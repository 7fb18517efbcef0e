"""Speaker photos and session materials, served after a check: the public sees photos of
public events and published materials; the event's organisers see everything."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest
from django.views.decorators.http import require_safe

from rathaus.accounts.models import User
from rathaus.core.files import file_response
from rathaus.events.access import can_manage
from rathaus.events.listing import PUBLIC_STATES
from rathaus.events.models import Event, Material, Speaker


def _allowed(request: HttpRequest, event: Event, public: bool) -> bool:
    if public and event.state in PUBLIC_STATES:
        return True
    user = cast(User, request.user)
    return user.is_authenticated and can_manage(user, event)


@require_safe
def photo(request: HttpRequest, pk: int):
    # Speakers are not tenant-owned: only those of the tenant's events.
    speaker = (
        Speaker.objects.select_related("event").filter(pk=pk, event__in=Event.objects.all()).first()
    )
    if speaker is None or not speaker.photo or not _allowed(request, speaker.event, True):
        raise Http404
    return file_response(speaker.photo)


@require_safe
def material(request: HttpRequest, pk: int):
    found = (
        Material.objects.select_related("session__event")
        .filter(pk=pk, session__event__in=Event.objects.all())
        .first()
    )
    if found is None or not found.file:
        raise Http404
    if not _allowed(request, found.session.event, found.published):
        raise Http404
    return file_response(found.file)
