"""The mass-message index: is this draft a near-copy of messages already sent to other people?

Near-copy means Jaccard similarity of the masked word 3-shingle sets (companion.store.fingerprint)
of at least THRESHOLD (0.5). A light edit keeps a copy above it: changing one word of a 60-word
note touches 3 of ~58 shingles (similarity ~0.9); changing five scattered words still leaves ~0.6;
adding a personal sentence of 15 words to a 60-word template leaves ~0.8.

Shape, chosen so a check stays under 2 ms with 100,000 sent messages, in pure Python:

- Sent messages are grouped into clusters of variants: a message joins a cluster it matches at
  CLUSTER_JOIN (0.5) or more (through one of its up to MAX_REPS representatives, or any member of
  a small cluster), else it starts one. A template sent to 5,000 people is a few clusters, not
  5,000 candidates to compare and count. A member unlike every representative (< NEW_REP)
  becomes one, so the variants of a template all stay findable.
- An inverted index maps each shingle hash to the clusters holding a message with that shingle
  (every member's shingles, so a draft close to any member finds its cluster). Past COMMON
  clusters a posting list becomes a set: boilerplate ("thank you so") is in thousands of
  distinct notes.
- A query reads the posting lists of the draft's rarest |S| - ceil(t*|S|) + 1 shingles (prefix
  filtering: any message with Jaccard >= t shares at least ceil(t*|S|) shingles with the draft,
  so it shares one of those; shingles no message has come first, and when the prefix holds
  nothing else the check ends at once), skipping boilerplate sets. The other shingles then only
  add to those candidates' counts, and a cluster that cannot reach ceil(t*|S|) shared shingles
  is dropped. At most MAX_VERIFY candidates, most hits first, are verified exactly.
- Verification: a small cluster (<= SMALL members, whose fingerprints are kept) member by
  member; a big one through its representatives, and then it counts whole.

Approximations (bench/mass_message.py measures them against brute force): a big cluster counts
all its members when the draft matches one of its representatives; a note whose only shingles in
common with the draft's rarest half are boilerplate is missed; beyond MAX_VERIFY candidates the
lowest-hit ones are not verified.

Not thread-safe by itself: companion.store.cache.LogCache holds the lock.
"""

import math
from array import array
from dataclasses import dataclass, field

THRESHOLD = 0.5
CLUSTER_JOIN = 0.5
MIN_SHINGLES = 8  # under ten words a message is too short to call a copy
COMMON = 16  # a shingle in more clusters than this finds no candidates by itself
MAX_VERIFY = 32  # candidate clusters verified exactly per query, most hits first
SMALL = 8  # clusters up to this size keep member fingerprints for exact checks
MAX_REPS = 12  # representatives per cluster: variants of a template each get one, up to this
NEW_REP = 0.8  # a joining member below this similarity to every rep becomes a rep itself
JOIN_TRIES = 16  # candidate clusters tried when a message is added
SIM_BUDGET = 64  # exact similarity computations per query (~1.5 us each)
EXACT_UNION = 2000  # above this many recipients across matched clusters, distinct counts are summed


@dataclass
class Cluster:
    reps: list[frozenset[int]]  # the first member's shingles, then members unlike every rep
    recipients: array = field(default_factory=lambda: array("q"))  # one per member
    times: array = field(default_factory=lambda: array("q"))  # sent_at in ms, one per member
    ids: array = field(default_factory=lambda: array("q"))  # message ids
    fps: list[frozenset[int]] | None = field(default_factory=list)  # member fingerprints while small
    # recipient id -> number of messages: distinct counts and exclusion without scanning members.
    by_recipient: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MassMatch:
    """Who else got a near-copy of the draft."""

    recipients: int  # distinct other recipients
    messages: int
    first_ms: int
    last_ms: int
    similarity: float  # the best match, 0..1
    recipient_ids: tuple[int, ...] = ()  # at most 20, most recent first (for names in the panel)


def _plen(p) -> int:
    return 1 if p.__class__ is int else len(p)


def _sim(fp: frozenset[int], other: frozenset[int]) -> float:
    # frozenset & frozenset runs in C without boxing ints: ~1.5 us for 60 shingles, against ~5 us
    # for a packed array. Reps and small-cluster members are shared objects, not copies.
    inter = len(fp & other)
    return inter / (len(fp) + len(other) - inter)


class MassIndex:
    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        # shingle hash -> cluster id (int) for the common single-owner case, array('I') of ids,
        # or, past COMMON ids, a set of them.
        self.postings: dict[int, int | array | set] = {}
        self.size = 0  # messages indexed

    def _candidates(self, fp: frozenset[int], threshold: float, limit: int = 0) -> list[int]:
        """Clusters that may hold a message with Jaccard >= threshold to fp, most hits first.

        The prefix (rarest shingles) proposes clusters; the other shingles' lists then only add
        to the counts of those (boilerplate sets are asked about each candidate, so they cost
        the number of candidates, not their size). A cluster sharing fewer than ceil(t*|S|)
        shingles with the draft (counting boilerplate skipped in the prefix as shared) cannot
        match and is dropped, so exact verification is spent only on real contenders.
        """
        limit = limit or MAX_VERIFY
        size = len(fp)
        need = math.ceil(threshold * size)
        present = [p for p in map(self.postings.get, fp) if p is not None]
        slots = size - need + 1 - (size - len(present))
        if slots <= 0:
            return []  # the prefix is all shingles no message has: nothing can match
        present.sort(key=_plen)
        counts: dict[int, int] = {}
        skipped = 0
        for p in present[:slots]:
            if p.__class__ is int:
                counts[p] = counts.get(p, 0) + 1
            elif len(p) <= COMMON:
                for cid in p:
                    counts[cid] = counts.get(cid, 0) + 1
            else:
                skipped += 1
        if not counts:
            return []
        for p in present[slots:]:
            if p.__class__ is int:
                if p in counts:
                    counts[p] += 1
            elif p.__class__ is set:  # a boilerplate shingle: ask it about each candidate
                for cid in counts:
                    if cid in p:
                        counts[cid] += 1
            else:
                for cid in p:
                    if cid in counts:
                        counts[cid] += 1
        floor = need - skipped
        candidates = [cid for cid, n in counts.items() if n >= floor]
        candidates.sort(key=counts.__getitem__, reverse=True)
        del candidates[limit:]
        return candidates

    @staticmethod
    def _rep_sim(fp: frozenset[int], c: Cluster, threshold: float) -> float:
        """The first representative similarity >= threshold, else the best one seen."""
        best = 0.0
        for rep in c.reps:
            sim = _sim(fp, rep)
            if sim >= threshold:
                return sim
            best = max(best, sim)
        return best

    def _matches(self, fp: frozenset[int], threshold: float):
        """(cluster, similarity, member indexes or None for all) for each matching cluster.

        A small cluster is checked member by member (its members include its reps); a big one
        through its representatives, and then counts whole. At most SIM_BUDGET exact
        comparisons are made per query, spent on the candidates with the most hits first.
        """
        budget = SIM_BUDGET
        for cid in self._candidates(fp, threshold):
            if budget <= 0:
                return
            c = self.clusters[cid]
            if not c.ids:
                continue  # emptied by forget
            if c.fps is not None:
                budget -= len(c.fps)
                hits = [(i, s) for i, s in ((i, _sim(fp, m)) for i, m in enumerate(c.fps)) if s >= threshold]
                if hits:
                    yield c, max(s for _, s in hits), [i for i, _ in hits]
            else:
                best = 0.0
                for rep in c.reps:
                    budget -= 1
                    best = max(best, _sim(fp, rep))
                    if best >= threshold or budget <= 0:
                        break
                if best >= threshold:
                    yield c, best, None

    def _index(self, fp, cid: int) -> None:
        postings = self.postings
        for h in fp:
            p = postings.get(h)
            if p is None:
                postings[h] = cid
            elif p.__class__ is int:
                if p != cid:
                    postings[h] = array("I", (p, cid))
            elif p.__class__ is set:
                p.add(cid)
            elif p[-1] != cid and cid not in p:
                p.append(cid)
                if len(p) > COMMON:
                    postings[h] = set(p)  # boilerplate: a set answers "is cluster c in it?" at once

    def add(self, fp: frozenset[int], recipient_id: int, sent_ms: int, message_id: int) -> None:
        """Index one sent message (ignored when it has fewer than MIN_SHINGLES shingles).

        It joins a cluster it is similar to (through any representative, or any member of a
        small cluster) at CLUSTER_JOIN or more, so variants of one template gather in one
        cluster rather than spreading over many; else it starts a cluster.
        """
        if len(fp) < MIN_SHINGLES:
            return
        best, best_rep = None, 0.0
        # Most shared shingles first; the first cluster that is close enough is taken. At start-up
        # every message of the log goes through here, so this stops early rather than ranking.
        for cid in self._candidates(fp, CLUSTER_JOIN, JOIN_TRIES):
            c = self.clusters[cid]
            if not c.ids:
                continue
            if c.fps is not None:
                sims = [_sim(fp, m) for m in c.fps]
                sim = max(sims, default=0.0)
                rep_sim = max((x for x, m in zip(sims, c.fps) if any(m is r for r in c.reps)), default=0.0)
            else:
                rep_sim = sim = self._rep_sim(fp, c, CLUSTER_JOIN)
            if sim >= CLUSTER_JOIN:
                best, best_rep = cid, rep_sim
                break
        members = fp
        if best is None:
            best = len(self.clusters)
            self.clusters.append(Cluster(reps=[members]))
        else:
            c = self.clusters[best]
            if best_rep < NEW_REP and len(c.reps) < MAX_REPS:
                c.reps.append(members)
        c = self.clusters[best]
        self._index(fp, best)
        c.recipients.append(recipient_id)
        c.times.append(sent_ms)
        c.ids.append(message_id)
        c.by_recipient[recipient_id] = c.by_recipient.get(recipient_id, 0) + 1
        if c.fps is not None:
            c.fps.append(members)
            if len(c.fps) > SMALL:
                c.fps = None  # big clusters are matched through their representatives only
        self.size += 1

    def remove_recipients(self, recipient_ids: set[int]) -> None:
        """Drop every message to these recipients (their clusters stay, possibly empty)."""
        for c in self.clusters:
            if any(r in c.by_recipient for r in recipient_ids):
                keep = [i for i, r in enumerate(c.recipients) if r not in recipient_ids]
                c.recipients = array("q", (c.recipients[i] for i in keep))
                c.times = array("q", (c.times[i] for i in keep))
                c.ids = array("q", (c.ids[i] for i in keep))
                if c.fps is not None:
                    c.fps = [c.fps[i] for i in keep]
                for r in recipient_ids:
                    c.by_recipient.pop(r, None)
        self.size = sum(len(c.ids) for c in self.clusters)

    def check(self, fp: frozenset[int], exclude_recipient: int | None = None,
              threshold: float = THRESHOLD) -> MassMatch | None:
        """Near-copies of `fp` sent to recipients other than `exclude_recipient`, or None.

        Members are kept in insertion order (chronological for live sends, and the log loads in
        time order), so the first and last other-recipient times are found by scanning from each
        end, which stops at once unless the excluded recipient owns that end.
        """
        if len(fp) < MIN_SHINGLES or not self.size:
            return None
        best = 0.0
        messages = 0
        whole: list[Cluster] = []
        picked: list[tuple[int, int]] = []  # (recipient, time) of members matched one by one
        for c, sim, members in self._matches(fp, threshold):
            if members is None:
                n = len(c.ids) - c.by_recipient.get(exclude_recipient, 0)
                if n > 0:
                    whole.append(c)
                    messages += n
                    best = max(best, sim)
            else:
                mine = [(c.recipients[i], c.times[i]) for i in members if c.recipients[i] != exclude_recipient]
                if mine:
                    picked.extend(mine)
                    messages += len(mine)
                    best = max(best, sim)
        if not messages:
            return None
        times: list[int] = [t for _, t in picked]
        for c in whole:
            for i in range(len(c.ids)):
                if c.recipients[i] != exclude_recipient:
                    times.append(c.times[i])
                    break
            for i in range(len(c.ids) - 1, -1, -1):
                if c.recipients[i] != exclude_recipient:
                    times.append(c.times[i])
                    break
        if len(whole) == 1 and not picked:
            c = whole[0]
            distinct = len(c.by_recipient) - (exclude_recipient in c.by_recipient)
        elif sum(len(c.by_recipient) for c in whole) > EXACT_UNION:
            # Thousands of people: clusters hold disjoint messages, and one person rarely got two
            # variants, so the sum is within a few of the exact union at a fraction of its cost.
            distinct = sum(len(c.by_recipient) - (exclude_recipient in c.by_recipient) for c in whole)
            distinct += len({r for r, _ in picked if r != exclude_recipient})
        else:
            everyone = set().union(*(c.by_recipient for c in whole), (r for r, _ in picked))
            everyone.discard(exclude_recipient)
            distinct = len(everyone)
        latest: dict[int, int] = {}
        for r, t in picked:
            latest[r] = max(t, latest.get(r, t))
        for c in whole:
            seen = 0
            for i in range(len(c.ids) - 1, -1, -1):
                r = c.recipients[i]
                if r != exclude_recipient:
                    latest[r] = max(c.times[i], latest.get(r, c.times[i]))
                    seen += 1
                    if seen == 20:
                        break
        recent = sorted(latest, key=latest.__getitem__, reverse=True)[:20]
        return MassMatch(recipients=distinct, messages=messages, first_ms=min(times), last_ms=max(times),
                         similarity=round(best, 3), recipient_ids=tuple(recent))
