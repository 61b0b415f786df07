"""A bounded memo for per-keystroke caches: two generations of plain dicts.

Why not clear-when-full: with many drafts open at once (one per tab, or the load bench's 100
clients) the live entries (every sentence of every draft being typed) can outnumber the bound,
and clearing the whole cache then throws them all out, so the next keystroke of every draft
re-parses every sentence. Why not functools.lru_cache or an OrderedDict: their bookkeeping costs
more per hit than the work saved on the small items cached here.

Two generations approximate LRU for the price of one or two dict lookups: new entries go into
`young`; when it holds `size` entries it becomes `old` (the previous `old` is dropped), and a hit
in `old` is copied back into `young`. An entry used at least once per `size` insertions is never
evicted; at most 2 x `size` entries are held. Every operation is a single dict call or a
reference swap, so threads sharing a memo (the page executor and the event loop) see either
generation whole, never a torn one.
"""

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    __slots__ = ("size", "_young", "_old")

    def __init__(self, size: int):
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self._young: dict = {}
        self._old: dict = {}

    def get(self, key: K, default=None):
        value = self._young.get(key, self)
        if value is not self:
            return value
        value = self._old.get(key, self)
        if value is self:
            return default
        self._put(key, value)  # still in use: keep it in the generation that survives
        return value

    def put(self, key: K, value: V) -> V:
        self._put(key, value)
        return value

    def _put(self, key, value) -> None:
        young = self._young
        if len(young) >= self.size:
            self._old, young = young, {}
            self._young = young
        young[key] = value

    def get_or_compute(self, key: K, compute: Callable[[K], V]) -> V:
        value = self.get(key, self)
        if value is self:
            value = compute(key)
            self._put(key, value)
        return value

    def clear(self) -> None:
        self._young, self._old = {}, {}

    def __len__(self) -> int:
        """Entries held (an entry copied back from the old generation counts twice)."""
        return len(self._young) + len(self._old)

    def __contains__(self, key) -> bool:
        return key in self._young or key in self._old
