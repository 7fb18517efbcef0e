"""API tokens of specialist systems: created once (shown once), checked by hash."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from rathaus.audit.services import log_action
from rathaus.cases.models import ApiToken
from rathaus.core.models import Authority

PREFIX = "rh_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(authority: Authority, name: str, actor: Any = None) -> tuple[ApiToken, str]:
    token = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        record = ApiToken.objects.create(authority=authority, name=name, token_hash=_digest(token))
        log_action(actor, "cases.api_token_created", record, {"authority": authority.slug})
    return record, token


def authority_for(token: str) -> Any:
    """The authority a bearer token speaks for, or None."""
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    record = (
        ApiToken.objects.filter(token_hash=_digest(token), active=True)
        .select_related("authority")
        .first()
    )
    if record is None:
        return None
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record.authority
