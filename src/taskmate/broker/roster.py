"""Rosters: who is connected, shared by every instance when Redis is configured.

A roster is a set of entries per group. The live layer keeps two kinds of group: the
connections of each user (to enforce the per-user limit) and the people who have each
conversation open (presence). Every instance adds and removes only its own entries.
"""

from __future__ import annotations

from abc import ABC, abstractmethod


class Roster(ABC):
    @abstractmethod
    async def add(self, group: str, entry: str) -> list[str]:
        """Adds an entry; returns every entry the group has now, on all instances."""

    @abstractmethod
    async def remove(self, group: str, entry: str) -> list[str]:
        """Removes an entry; returns the entries left."""


class LocalRoster(Roster):
    """The entries of this process."""

    def __init__(self) -> None:
        self._groups: dict[str, set[str]] = {}

    async def add(self, group: str, entry: str) -> list[str]:
        return self.add_now(group, entry)

    async def remove(self, group: str, entry: str) -> list[str]:
        return self.remove_now(group, entry)

    def add_now(self, group: str, entry: str) -> list[str]:
        entries = self._groups.setdefault(group, set())
        entries.add(entry)
        return sorted(entries)

    def remove_now(self, group: str, entry: str) -> list[str]:
        entries = self._groups.get(group, set())
        entries.discard(entry)
        if not entries:
            self._groups.pop(group, None)
        return sorted(entries)

    def groups(self) -> dict[str, list[str]]:
        return {group: sorted(entries) for group, entries in self._groups.items()}
