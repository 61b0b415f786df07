"""A similarity fingerprint of a message: word 3-shingles after masking, hashed to 64-bit ints.

Masking makes the same template sent to Ana at Stripe and to Bo at Figma look the same: the
recipient's name and company, other capitalised words inside a sentence, job titles and numbers
become placeholders. Shingles are hashed with BLAKE2b, not hash(), which is salted per process and
could not be stored. What a fingerprint reveals: docs/privacy.md, "Fingerprints".
"""

import re
import struct
import sys
from array import array
from hashlib import blake2b

_PERSON = b"tactful-shingle1"

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# Titles and the words that usually sit in front of them; "senior backend engineer" -> one <role>.
_ROLE_HEADS = frozenset("""
engineer engineers developer developers manager managers designer designers scientist scientists
analyst analysts architect architects recruiter recruiters director directors lead intern interns
consultant consultants specialist specialists researcher researchers sre devops pm pms tpm swe sde
product programmer administrator coordinator associate vp cto ceo cfo coo head
""".split())
_ROLE_MODIFIERS = frozenset("""
senior junior staff principal lead chief associate assistant software hardware data machine
learning ml ai backend back-end frontend front-end fullstack full-stack full stack mobile ios
android web cloud platform infrastructure security site reliability qa test product project
program technical engineering ux ui graphic visual research marketing sales account business
solutions support customer success operations ops of the and sr jr ii iii iv i
""".split())
# Capitalised words that are ordinary English and appear mid-sentence; not worth masking.
_KEEP_CAPS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "linkedin"})


# A word, or a mark that ends a sentence (what the masking needs to know about the gaps).
_WORD_OR_STOP = re.compile(rf"({_WORD.pattern})|[.!?\n]", re.UNICODE)


def masked_words(text: str, names: tuple[str | None, ...] = ()) -> list[str]:
    """Lower-cased words of `text` with names, companies, roles and numbers replaced.

    One regex pass that yields words and sentence-ending marks: this runs on every keystroke."""
    masked_names = {word.lower() for phrase in names for word in _WORD.findall(phrase or "") if len(word) > 1}
    out: list[str] = []
    append = out.append
    sentence_start = True
    for m in _WORD_OR_STOP.finditer(text):
        word = m.group(1)
        if word is None:
            sentence_start = True
            continue
        low = word.lower()
        if low in masked_names:
            tok = "<name>"
        elif word.isdecimal():  # a number: words hold no "." or ",", so "3.5" is two of them
            tok = "<num>"
        elif word[0].isupper() and not sentence_start and low not in _KEEP_CAPS:
            tok = "<name>"
        elif low in _ROLE_HEADS:
            # Absorb the modifiers before it: "senior data engineer" -> "<role>".
            while out and (out[-1] in _ROLE_MODIFIERS or out[-1] == "<name>"):
                out.pop()
            tok = "<role>"
        else:
            tok = low
        sentence_start = False
        if out and tok == out[-1] and tok[0] == "<":
            continue  # "Jane Doe" -> one <name>, not two
        append(tok)
    return out


def _hash(shingle: str) -> int:
    return int.from_bytes(blake2b(shingle.encode("utf-8"), digest_size=8, person=_PERSON).digest(), "little")


def shingles(text: str, names: tuple[str | None, ...] = ()) -> frozenset[int]:
    """The set of hashed word 3-shingles of the masked text (empty for fewer than 3 words)."""
    words = masked_words(text, names)
    return frozenset(_hash(f"{a} {b} {c}") for a, b, c in zip(words, words[1:], words[2:]))


def pack(fp: frozenset[int]) -> bytes:
    """Store form: sorted unsigned 64-bit little-endian integers."""
    return struct.pack(f"<{len(fp)}Q", *sorted(fp))


def unpack(blob: bytes) -> array:
    """The stored fingerprint as an array of ints (compact: 8 bytes per shingle in memory)."""
    arr = array("Q")
    arr.frombytes(blob)
    if sys.byteorder == "big":  # pragma: no cover
        arr.byteswap()
    return arr
