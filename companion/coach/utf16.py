"""Offsets between Python (code points) and the DOM (UTF-16 code units), where every range on the wire
is: an emoji outside the Basic Multilingual Plane is one code point but two code units."""

import re
from bisect import bisect_left


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units (what LinkedIn's counters and the DOM count)."""
    if text.isascii():
        return len(text)
    # In C: an astral character is 4 bytes (2 units); a lone surrogate from JSON counts as 1 unit.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class OffsetMap:
    """Converts code-point offsets of one text to UTF-16 offsets and back in O(log n)."""

    def __init__(self, text: str):
        self.text = text
        # Code-point indices of astral characters (most drafts have none), and their UTF-16 offsets.
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        self._units = [i + k for k, i in enumerate(self._astral)]

    def to_utf16(self, index: int) -> int:
        return index + bisect_left(self._astral, index) if self._astral else index

    def from_utf16(self, unit: int) -> int:
        """The code-point index whose UTF-16 offset is `unit` (a unit inside a pair maps to its start)."""
        return min(len(self.text), unit - bisect_left(self._units, unit)) if self._astral else unit
