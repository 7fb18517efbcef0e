"""``core.registry.Registry``: named entries read in name order, a name registered again
replaces its entry, an unknown name is a LookupError that says what was looked up."""

import pytest

from rathaus.core.registry import Registry


def test_entries_are_read_in_name_order_not_registration_order():
    registry: Registry[int] = Registry("thing")
    for name, entry in (("zeta", 1), ("alpha", 2), ("mu", 3)):
        registry.register(name, entry)
    assert registry.names() == ["alpha", "mu", "zeta"]
    assert list(registry.items()) == [("alpha", 2), ("mu", 3), ("zeta", 1)]
    assert list(registry.values()) == [2, 3, 1]
    assert len(registry) == 3


def test_register_returns_the_entry_and_a_second_registration_replaces_it():
    registry: Registry[str] = Registry("thing")
    assert registry.register("a", "first") == "first"
    registry.register("a", "second")
    assert registry.get("a") == "second"
    assert registry.names() == ["a"]


def test_an_unknown_name_is_a_lookup_error_naming_what_and_which():
    registry: Registry[str] = Registry("delivery plugin")
    with pytest.raises(LookupError, match=r"^no delivery plugin named 'fax'$"):
        registry.get("fax")
    assert "fax" not in registry


def test_unregister_removes_and_ignores_unknown_names():
    registry: Registry[str] = Registry("thing")
    registry.register("a", "entry")
    assert "a" in registry
    registry.unregister("a")
    registry.unregister("never-registered")
    assert "a" not in registry
    assert registry.names() == []
    with pytest.raises(LookupError):
        registry.get("a")
