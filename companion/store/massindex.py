"""The mass-message index: is this draft a near-copy of messages already sent to other people?

Near-copy: Jaccard similarity of the masked word 3-shingle sets (companion.store.fingerprint) of at
least THRESHOLD. Exact: every sent message that reaches it is found. Each shingle maps to the
messages holding it, as a list of positions or, once many do, a bitmap (a Python int); only messages
that can share ceil(t * |S|) shingles with a draft S are compared in full. How it works and why
nothing simpler was kept: docs/performance.md, "Outreach log". The caller (LogCache) holds the lock.
"""

import math
import re
from array import array
from collections import Counter

from companion.coach.outreach_view import NearCopies

THRESHOLD = 0.5
MIN_SHINGLES = 8  # under ten words a message is too short to call a copy
RECENT = 20  # recipients named in a match, most recent first
COMMON = 64  # a shingle in at least this many messages (and 1/128 of them) gets a bitmap
_ONE = re.compile("1")


def _add_up(bitmaps: list[int]) -> list[int]:
    """Binary counters of how many of `bitmaps` set each position: bit j of the counts is slice j."""
    slices: list[int] = []
    for carry in bitmaps:
        for j, s in enumerate(slices):
            slices[j] = s ^ carry
            carry &= s
            if not carry:
                break
        if carry:
            slices.append(carry)
    return slices


def _at_least(slices: list[int], k: int, everyone: int) -> int:
    """The bitmap of positions whose count (see _add_up) is at least k."""
    above, equal = 0, everyone  # count's leading bits above k's so far; equal to them so far
    for j in range(max(len(slices), k.bit_length()) - 1, -1, -1):
        s = slices[j] if j < len(slices) else 0
        if k >> j & 1:
            equal &= s
        else:
            above |= equal & s
            equal &= ~s
    return above | equal


def _positions(bitmap: int) -> list[int]:
    return [m.start() for m in _ONE.finditer(bin(bitmap)[:1:-1])]


class MassIndex:
    def __init__(self) -> None:
        # Per message, by position: how many shingles it has, its recipient (their slug), time and
        # shingles (to ask whether what one person got went to others too). A forgotten message
        # keeps its position with size 0 and recipient and shingles None.
        self.sizes = array("I")
        self.recipients: list[str | None] = []
        self.times = array("q")
        self.shingles: list[array | None] = []
        self.sent_to: dict[str, list[int]] = {}  # recipient -> positions of their messages
        # shingle -> position (int) when one message has it, else array('I') of positions, or a
        # bitmap (int) in `common` once it is long enough that a bitmap is no bigger.
        self.postings: dict[int, int | array] = {}
        self.common: dict[int, int] = {}
        self.size = 0  # messages indexed and not forgotten

    def add(self, fp: "frozenset[int] | array", recipient: str, sent_ms: int) -> None:
        """Index one sent message, given its distinct shingles (ignored when fewer than MIN_SHINGLES)."""
        if len(fp) < MIN_SHINGLES:
            return
        pos = len(self.sizes)
        bit = 1 << pos
        self.sizes.append(len(fp))
        self.recipients.append(recipient)
        self.times.append(sent_ms)
        self.shingles.append(fp if fp.__class__ is array else array("Q", fp))
        self.sent_to.setdefault(recipient, []).append(pos)
        postings, common = self.postings, self.common
        for h in fp:
            if h in common:
                common[h] |= bit
                continue
            p = postings.get(h)
            if p is None:
                postings[h] = pos
            elif p.__class__ is int:
                postings[h] = array("I", (p, pos))
            else:
                p.append(pos)
                # A bitmap costs pos/8 bytes, the list 4 per entry: at pos/128 entries the bitmap
                # is at most 4x the list, and counting it is bit-parallel (docs/performance.md).
                if len(p) >= max(COMMON, pos >> 7):
                    common[h] = sum(1 << i for i in p)
                    del postings[h]
        self.size += 1

    def remove_recipients(self, recipients: set[str]) -> None:
        """Forget every message to these recipients."""
        for recipient in recipients:
            for pos in self.sent_to.pop(recipient, ()):
                self.recipients[pos] = None
                self.shingles[pos] = None
                self.sizes[pos] = 0
                self.size -= 1

    def matches(self, fp: "frozenset[int] | array") -> list[tuple[int, float]]:
        """(position, similarity) of every indexed message with Jaccard >= THRESHOLD to fp."""
        size = len(fp)
        if size < MIN_SHINGLES or not self.size:
            return []
        need = math.ceil(THRESHOLD * size)
        postings, common = self.postings, self.common
        bitmaps = [b for b in map(common.get, fp) if b is not None]
        counts: Counter[int] = Counter()
        for p in map(postings.get, fp):
            if p is not None:
                if p.__class__ is int:
                    counts[p] += 1
                else:
                    counts.update(p)
        # A match shares `need` shingles: `r` in the short lists and the rest among the common.
        slices = _add_up(bitmaps)
        digits = [bin(s)[:1:-1] for s in slices]  # digit `pos` of slice j: bit j of pos's count
        candidates = [pos for pos, r in counts.items() if r + len(bitmaps) >= need]
        if len(bitmaps) >= need:
            candidates += (pos for pos in _positions(_at_least(slices, need, (1 << len(self.sizes)) - 1))
                           if pos not in counts)
        out = []
        sizes = self.sizes
        for pos in candidates:
            n = sizes[pos]  # 0 once forgotten
            inter = counts.get(pos, 0) + sum(1 << j for j, d in enumerate(digits) if pos < len(d) and d[pos] == "1")
            if n and inter >= need:
                sim = inter / (size + n - inter)
                if sim >= THRESHOLD:
                    out.append((pos, sim))
        return out

    def check(self, fp: frozenset[int], exclude_recipient: str | None = None) -> NearCopies | None:
        """Near-copies of `fp` sent to recipients other than `exclude_recipient`, or None. Its `names`
        are the recipients themselves (at most RECENT, most recent first); the store puts names in."""
        return self._report([(pos, sim) for pos, sim in self.matches(fp) if self.recipients[pos] != exclude_recipient])

    def copies_of(self, recipient: str) -> NearCopies | None:
        """Near-copies, sent to others, of what `recipient` was sent (any of their messages), or None."""
        hits: dict[int, float] = {}
        for pos in self.sent_to.get(recipient, ()):
            for other, sim in self.matches(self.shingles[pos]):
                if self.recipients[other] != recipient and sim > hits.get(other, 0):
                    hits[other] = sim
        return self._report(list(hits.items()))

    def _report(self, hits: list[tuple[int, float]]) -> NearCopies | None:
        if not hits:
            return None
        latest: dict[str, int] = {}
        for pos, _ in hits:
            recipient, at = self.recipients[pos], self.times[pos]
            if at >= latest.get(recipient, at):
                latest[recipient] = at
        times = [self.times[pos] for pos, _ in hits]
        recent = sorted(latest, key=latest.__getitem__, reverse=True)[:RECENT]
        return NearCopies(recipients=len(latest), messages=len(hits), first_ms=min(times), last_ms=max(times),
                          similarity=round(max(sim for _, sim in hits), 3), threshold=THRESHOLD, names=tuple(recent))
