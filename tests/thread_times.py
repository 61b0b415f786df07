"""Saved messaging pages carry their send times; a test about "now" moves them to a time near now.

LinkedIn puts each message's send time (epoch ms) at the start of the base64 tail of its
data-event-urn. `moved(html, last)` shifts every message so the last one was sent at `last`, keeping
the gaps between them, so a thread saved on one day reads as recent on any later one.
"""

import base64
import re
from datetime import datetime

_URN_TAIL = re.compile(r"(data-event-urn=\"urn:li:msg_message:\([^,]+,2-)([A-Za-z0-9+/=]+)")


def _ms(tail: str) -> int:
    return int(base64.b64decode(tail).decode()[:13])


def moved(html: str, last: datetime) -> str:
    tails = [m.group(2) for m in _URN_TAIL.finditer(html)]
    shift = int(last.timestamp() * 1000) - max(_ms(t) for t in tails)

    def move(m: re.Match[str]) -> str:
        raw = base64.b64decode(m.group(2)).decode()
        return m.group(1) + base64.b64encode(f"{int(raw[:13]) + shift}{raw[13:]}".encode()).decode()

    return _URN_TAIL.sub(move, html)
