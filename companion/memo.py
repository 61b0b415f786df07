"""A bounded memo for per-keystroke caches: two generations of plain dicts.

Why not clear-when-full: with many drafts open at once (one per tab, or the load bench's 100
clients) the live entries (every sentence of every draft being typed) can outnumber the bound,
and clearing the whole cache then throws them all out, so the next keystroke of every draft
re-parses every sentence. Why not functools.lru_cache or an OrderedDict: their bookkeeping costs
more per hit than the work saved on the small items cached here.

Two generations approximate LRU for the price of one or two dict lookups: new entries go into
`young`; when it holds `size` entries it becomes `old` (the previous `old` is dropped), and a hit
in `old` is copied back into `young`. An entry used at least once per `size` insertions is never
evicted; at most 2 x `size` entries are held. With `weigh`, `size` bounds the sum of
weigh(key) per generation instead of the count: the tone caches weigh a sentence by its length,
because what they derive from a sentence grows with it (a 150-word run-on sentence costs ~60 KB),
and a count alone would let a few long sentences hold hundreds of MB. Every operation is a single dict call or a
reference swap, so threads sharing a memo (the page executor and the event loop) see either
generation whole, never a torn one.
"""

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    __slots__ = ("size", "weigh", "_young", "_old", "_young_weight", "_old_weight")

    def __init__(self, size: int, weigh: Callable[[K], int] | None = None):
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self.weigh = weigh
        self._young: dict = {}
        self._old: dict = {}
        self._young_weight = self._old_weight = 0

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
        weight = 1 if self.weigh is None else self.weigh(key)
        if self._young_weight + weight > self.size and self._young:
            self._old, self._old_weight = self._young, self._young_weight
            self._young, self._young_weight = {}, 0
        if key not in self._young:
            self._young_weight += weight
        self._young[key] = value

    @property
    def weight(self) -> int:
        """What the held entries weigh (their count without `weigh`)."""
        return self._young_weight + self._old_weight

    def get_or_compute(self, key: K, compute: Callable[[K], V]) -> V:
        value = self.get(key, self)
        if value is self:
            value = compute(key)
            self._put(key, value)
        return value

    def clear(self) -> None:
        self._young, self._old = {}, {}
        self._young_weight = self._old_weight = 0

    def __len__(self) -> int:
        """Entries held (an entry copied back from the old generation counts twice)."""
        return len(self._young) + len(self._old)

    def __contains__(self, key) -> bool:
        return key in self._young or key in self._old
