"""CSRF secrets and masks: Django's format, uniform characters, used by the middleware."""

from __future__ import annotations

from collections import Counter

from django.middleware import csrf
from django.test import Client, RequestFactory

from rathaus.core.csrfstrings import new_csrf_string


def test_strings_have_djangos_length_and_alphabet_and_never_repeat():
    drawn = [new_csrf_string() for _ in range(2000)]
    assert all(len(s) == csrf.CSRF_SECRET_LENGTH for s in drawn)
    assert set("".join(drawn)) == set(csrf.CSRF_ALLOWED_CHARS)
    assert len(set(drawn)) == len(drawn)


def test_every_character_is_about_equally_likely():
    counts = Counter("".join(new_csrf_string() for _ in range(4000)))  # 128,000 characters
    expected = 128_000 / len(csrf.CSRF_ALLOWED_CHARS)  # ~2,065 each
    # a modulo bias (256 % 62) would give the first eight characters 25 % more (~2,580);
    # these bounds are six to seven standard deviations
    assert all(abs(n - expected) < 280 for n in counts.values())
    first, rest = csrf.CSRF_ALLOWED_CHARS[:8], csrf.CSRF_ALLOWED_CHARS[8:]
    mean = lambda chars: sum(counts[c] for c in chars) / len(chars)  # noqa: E731
    assert abs(mean(first) / mean(rest) - 1) < 0.06


def test_djangos_csrf_uses_them_and_still_checks_tokens(db):
    assert csrf._get_new_csrf_string is new_csrf_string
    request = RequestFactory().get("/")
    token = csrf.get_token(request)
    assert len(token) == csrf.CSRF_TOKEN_LENGTH
    assert csrf._unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
    client = Client(enforce_csrf_checks=True)
    assert client.post("/kontakt/", {}).status_code == 403  # no token: refused
