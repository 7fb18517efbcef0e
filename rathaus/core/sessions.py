"""Sessions in the database, read by plain SQL (``SESSION_STORE=db``, the default).

Django's database store, except that the one read every signed-in request makes costs
one prepared query instead of an ORM query built and compiled anew (``core.rows``)."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.utils import timezone

from rathaus.core.rows import fetch_one

__all__ = ["SessionStore"]


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        found = fetch_one(self.model, ("session_key =", "expire_date >"),
                          [self.session_key, timezone.now()])  # fmt: skip
        if found is None:
            self._session_key = None
        return found
