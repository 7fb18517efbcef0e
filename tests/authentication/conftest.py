"""Fixtures of the authentication tests: the ones of tests/accounts (clock, committed)."""

from tests.accounts.conftest import clock, committed  # noqa: F401
