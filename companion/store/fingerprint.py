"""A similarity fingerprint of a message: word 3-shingles after masking, hashed to 64-bit ints.

Masking comes first so that the same template sent to Ana at Stripe and to Bo at Figma looks the
same: the recipient's name and company (when known), other capitalised words inside a sentence
(names, companies, products), job titles from a small vocabulary, and numbers all become
placeholders. Then the text is lower-cased, split into words, and every run of three consecutive
words is hashed with BLAKE2b (8 bytes, a fixed personalisation) so fingerprints are stable across
processes and machines: Python's own hash() is salted per process and could not be stored.

The fingerprint keeps no text, but a person holding it can test whether a guessed three-word
phrase occurred (docs/privacy.md says so).
"""

import re
from array import array
from hashlib import blake2b

from companion.memo import Memo

SHINGLE = 3
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
_WORD_OR_STOP = re.compile(r"([^\W_]+(?:['’][^\W_]+)*)|[.!?\n]", re.UNICODE)


def _mask_tokens(text: str, names: tuple[str, ...]) -> list[str]:
    """Lower-cased words of `text` with names, companies, roles and numbers replaced.

    One regex pass that yields words and sentence-ending marks: this runs on every keystroke."""
    masked_names = set()
    for phrase in names:
        for word in _WORD.findall(phrase or ""):
            if len(word) > 1:
                masked_names.add(word.lower())
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


def masked_words(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """The words the fingerprint is built from (exposed for tests and docs)."""
    return _mask_tokens(text, names)


def _hash(shingle: str) -> int:
    return int.from_bytes(blake2b(shingle.encode("utf-8"), digest_size=8, person=_PERSON).digest(), "little")


# The mass-message rule fingerprints the whole draft on every keystroke, and a keystroke changes
# at most three of its shingles: remembering the hashes turns ~150 BLAKE2b calls into dict hits.
# Holds masked three-word phrases in memory only (like the tone model's sentence cache).
_HASHES: Memo[str, int] = Memo(16384)


def _hash_memo(shingle: str) -> int:
    value = _HASHES.get(shingle)
    if value is None:
        value = _HASHES.put(shingle, _hash(shingle))
    return value


_STOPS = re.compile(r"[.!?\n]+")


def _mask_parts(text: str, names: tuple[str, ...], keep: dict) -> tuple[list[str], list | None]:
    """_mask_tokens(text, names), reusing the masked words of sentences the draft's last version
    also had (`keep["pieces"]`, replaced here), and where each piece's words are in the result:
    [(piece, first index, end index)], or None when the whole text had to be masked at once.

    Exact, not approximate: a piece starts right after a sentence mark, where _mask_tokens starts
    a sentence too, so masking it alone gives the same words, except where a piece's first word
    would merge with the previous piece's last (a repeated placeholder, or a role absorbing the
    modifiers before it); then the whole text is masked in one go."""
    if keep.get("names") != names:
        keep["names"], keep["pieces"], keep["piece_hashes"] = names, {}, {}
    last: dict[str, list[str]] = keep["pieces"]
    pieces: dict[str, list[str]] = {}
    parts: list[tuple[str, int, int]] = []
    out: list[str] = []
    start = 0
    bounds = [m.end() for m in _STOPS.finditer(text)]
    if not bounds or bounds[-1] != len(text):
        bounds.append(len(text))
    for end in bounds:
        piece = text[start:end]
        start = end
        words = pieces.get(piece) or last.get(piece)
        if words is None:
            words = _mask_tokens(piece, names)
        pieces[piece] = words
        if out and words and words[0][0] == "<":
            first, prev = words[0], out[-1]
            if first == prev or (first == "<role>" and (prev in _ROLE_MODIFIERS or prev == "<name>")):
                keep["pieces"] = pieces
                return _mask_tokens(text, names), None
        parts.append((piece, len(out), len(out) + len(words)))
        out.extend(words)
    keep["pieces"] = pieces
    return out, parts


def _mask_by_sentence(text: str, names: tuple[str, ...], keep: dict) -> list[str]:
    """_mask_tokens(text, names) by sentence, reusing the draft's last version (see _mask_parts)."""
    return _mask_parts(text, names, keep)[0]


def _triples(words: list[str]):
    return (f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:]))


def shingles(text: str, names: tuple[str, ...] = (), keep: dict | None = None) -> frozenset[int]:
    """The set of hashed word 3-shingles of the masked text (empty for fewer than 3 words).

    `keep` is the draft's own memory across versions (companion.session.Session.scratch): the
    masked words of its sentences and the hashes of the shingles inside each, consulted first and
    replaced. A keystroke then re-masks one sentence and hashes its shingles plus the few that
    span a sentence boundary, even when the shared memo has turned over because many drafts are
    being typed."""
    if keep is None:
        words = _mask_tokens(text, names)
        return frozenset(map(_hash_memo, _triples(words))) if len(words) >= SHINGLE else frozenset()
    words, parts = _mask_parts(text, names, keep)
    if len(words) < SHINGLE:
        return frozenset()
    last_cross: dict[str, int] = keep.get("cross") or {}
    cross: dict[str, int] = {}

    def hashed(shingle: str) -> int:  # the draft's own memory first, then the shared memo
        value = cross.get(shingle) or last_cross.get(shingle)
        if value is None:
            value = _hash_memo(shingle)
        cross[shingle] = value
        return value

    if parts is None:  # masked as a whole: every shingle goes through `cross`
        keep["cross"] = cross
        return frozenset(map(hashed, _triples(words)))
    last_inner: dict[str, list[int]] = keep["piece_hashes"]
    inner: dict[str, list[int]] = {}
    found: set[int] = set()
    for piece, a, b in parts:
        hashes = inner.get(piece) or last_inner.get(piece)
        if hashes is None:
            hashes = list(map(_hash_memo, _triples(words[a:b])))
        inner[piece] = hashes
        found.update(hashes)
        # The shingles across the boundary in front of this piece start one or two words before
        # it; together with those inside pieces they are every shingle of the text.
        for i in (a - 2, a - 1):
            if i >= 0 and i + SHINGLE <= len(words):
                found.add(hashed(f"{words[i]} {words[i + 1]} {words[i + 2]}"))
    keep["piece_hashes"], keep["cross"] = inner, cross
    return frozenset(found)


def pack(fp: frozenset[int]) -> bytes:
    """Store form: sorted unsigned 64-bit little-endian integers."""
    arr = array("Q", sorted(fp))
    if arr.itemsize != 8:  # pragma: no cover - every platform we ship on has 8-byte Q
        raise RuntimeError("array('Q') is not 64-bit here")
    if array("H", [1]).tobytes() != b"\x01\x00":  # pragma: no cover - big-endian host
        arr.byteswap()
    return arr.tobytes()


def unpack(blob: bytes) -> array:
    """The stored fingerprint as an array of ints (compact: 8 bytes per shingle in memory)."""
    arr = array("Q")
    arr.frombytes(blob)
    if array("H", [1]).tobytes() != b"\x01\x00":  # pragma: no cover
        arr.byteswap()
    return arr


def jaccard(a: frozenset[int], b) -> float:
    """Jaccard similarity of a set and an iterable of distinct ints."""
    if not a:
        return 0.0
    inter = len(a.intersection(b))
    size_b = len(b)
    union = len(a) + size_b - inter
    return inter / union if union else 0.0
