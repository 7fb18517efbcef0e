"""The one way apps extend each other: a named registry filled in ``AppConfig.ready()``.

A lower app declares a ``Registry`` (what it can be extended with); higher apps register
entries under a name when Django starts. Reading is in name order, so the result never
depends on the order of ``INSTALLED_APPS``. Registering a name again replaces the entry
(tests may register doubles). The registries are listed in ``docs/architecture.md``.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["Registry"]


class Registry[T]:
    def __init__(self, what: str):
        self.what = what
        self._entries: dict[str, T] = {}

    def register(self, name: str, entry: T) -> T:
        self._entries[name] = entry
        return entry

    def unregister(self, name: str) -> None:
        self._entries.pop(name, None)

    def get(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            raise LookupError(f"no {self.what} named {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def names(self) -> list[str]:
        return sorted(self._entries)

    def items(self) -> Iterator[tuple[str, T]]:
        return ((name, self._entries[name]) for name in self.names())

    def values(self) -> Iterator[T]:
        return (entry for _name, entry in self.items())
