"""The officialese list is cached per process; a test's rolled-back rows must not stay in it."""

import pytest

from rathaus.plainlanguage.services import forget_terms


@pytest.fixture(autouse=True)
def _fresh_term_cache():
    forget_terms()
    yield
    forget_terms()
