"""Fixtures of the consulting tests."""

import pytest

from tests.consulting.helpers import World, make_world


@pytest.fixture
def world(hessen) -> World:
    return make_world()
