"""The plain-SQL reads of every signed-in request (its session, its user) give exactly
what the ORM gives, and refuse what it refuses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from rathaus.accounts.models import User
from rathaus.authentication.backends import EmailBackend
from rathaus.core.rows import fetch_one
from rathaus.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def fields_of(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_a_row_reads_as_the_orm_reads_it():
    user = User.objects.create_user("ada@example.org", "Sehr-geheim-2026")
    User.objects.filter(pk=user.pk).update(email_verified_at=timezone.now(), staff_cache=False)
    mine, orms = fetch_one(User, ("id =",), [user.pk]), User.objects.get(pk=user.pk)
    assert fields_of(mine) == fields_of(orms) and mine.email_verified_at.tzinfo is not None
    assert mine._state.adding is False and mine._state.db == "default"
    assert fetch_one(User, ("id =",), [user.pk + 1000]) is None


def test_a_session_loads_until_it_expires():
    store = SessionStore()
    store["x"] = [1, "ä"]
    store.create()
    assert SessionStore(store.session_key)["x"] == [1, "ä"]
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert "x" not in expired and expired.session_key is None
    assert "x" not in SessionStore("nosuchsessionkeyatallnosuchsessionkey")


def test_the_user_of_a_session_is_read_only_when_active():
    user = User.objects.create_user("bo@example.org", "Sehr-geheim-2026")
    backend = EmailBackend()
    assert backend.get_user(str(user.pk)) == user
    assert backend.get_user("no number") is None and backend.get_user(None) is None
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert backend.get_user(user.pk) is None
    client = Client()
    User.objects.filter(pk=user.pk).update(is_active=True)
    client.force_login(user)
    assert client.get("/konto/").status_code == 200  # signed in through both reads
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert client.get("/konto/").status_code == 302  # a deactivated person is signed out
