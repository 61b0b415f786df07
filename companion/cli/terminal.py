"""Text that others chose, made safe to print: control characters shown, never obeyed.

Escape sequences and bidirectional overrides in a client name or a recipient's name could disguise
their own row (docs/security.md); every CLI line that prints stored peer text goes through `safe`.
"""

import re

# C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def safe(text: object) -> str:
    """`text` with every unsafe character written as a visible escape (\\x1b, \\u202e)."""
    return _UNSAFE.sub(_escape, str(text))


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
