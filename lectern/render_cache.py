"""A bounded, thread-safe cache of rendered HTML, for pieces of pages many students see alike.

Each process keeps its own: entries are derived from rows that never change under their key,
so workers need not share them, and the oldest entry goes when the cache is full.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock

from markupsafe import Markup


class RenderCache:
    """cache.get(key, make): the HTML kept under key, made by make() the first time."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Hashable, Markup] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Hashable, make: Callable[[], Markup]) -> Markup:
        with self._lock:
            html = self._entries.get(key)
            if html is not None:
                self._entries.move_to_end(key)
                return html
        html = make()  # outside the lock: two threads may both make it, and either result is right
        with self._lock:
            self._entries[key] = html
            if len(self._entries) > self.capacity:
                self._entries.popitem(last=False)
        return html

    def __len__(self) -> int:
        return len(self._entries)
