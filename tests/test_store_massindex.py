"""The similarity fingerprint and the mass-message index: masking, light edits, counts, exclusion,
and exactness against brute force."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.store.fingerprint import masked_words, pack, shingles, unpack
from companion.store import massindex
from companion.store.massindex import MIN_SHINGLES, THRESHOLD, MassIndex

TEMPLATE = ("Hi {name}, I hope you are doing well. I noticed that {company} is hiring a senior backend "
            "engineer and I would love to be considered for the role. I have five years of experience "
            "building payment systems in Go and Python, and I enjoyed your talk on event sourcing. Would "
            "you be open to referring me, or pointing me to the right person? Thank you so much for your time.")
PEOPLE = [("Ana Lopez", "Stripe"), ("Bo Chen", "Figma"), ("Carla Diaz", "Datadog"), ("Dev Patel", "Notion")]


def fp(name, company, text=TEMPLATE):
    return shingles(text.format(name=name, company=company), (name, company))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def test_masking_hides_names_companies_roles_and_numbers():
    words = masked_words("Hi Ana, Stripe's Staff Data Engineer team is hiring 3 people. I am a senior "
                         "software engineer.", ("Ana Lopez", "Stripe"))
    assert "ana" not in words and "stripe's" not in words and "3" not in words
    assert "<role>" in words and "senior" not in words and "software" not in words
    assert words[:2] == ["hi", "<name>"]


def test_a_filled_template_is_the_same_fingerprint():
    a, b = fp(*PEOPLE[0]), fp(*PEOPLE[1])
    assert len(a) >= MIN_SHINGLES and jaccard(a, b) == 1.0


def test_light_edits_stay_above_the_threshold_and_a_different_note_falls_below():
    base = fp(*PEOPLE[0])
    edited = TEMPLATE.replace("I hope you are doing well", "Hope your week is going well") \
                     .replace("would love", "would really love").replace("so much", "a lot")
    assert jaccard(base, fp("Bo", "Figma", edited)) >= THRESHOLD
    plus = TEMPLATE + " I also contributed to your open-source SDK last spring, which was a joy."
    assert jaccard(base, fp("Bo", "Figma", plus)) >= THRESHOLD
    other = ("Hey Bo, loved your post about migrating Figma's multiplayer servers to Rust. I am "
             "working on something similar at my job and had a question about how you handled "
             "backpressure between the sync layer and storage. Would you have ten minutes?")
    assert jaccard(base, shingles(other, ("Bo", "Figma"))) < 0.2


def test_pack_roundtrip_is_stable():
    a = fp(*PEOPLE[0])
    assert frozenset(unpack(pack(a))) == a
    # Stable across processes: BLAKE2b, not Python's salted hash().
    assert min(shingles("one two three four")) == min(shingles("one two three four"))
    assert shingles("a b") == frozenset()


def test_index_counts_other_recipients_and_excludes_this_one():
    idx = MassIndex()
    for i, (name, company) in enumerate(PEOPLE[:3]):
        idx.add(fp(name, company), recipient=f"p{i + 1}", sent_ms=1000 * (i + 1))
    m = idx.check(fp(*PEOPLE[3]), exclude_recipient=None)
    assert (m.recipients, m.messages, m.first_ms, m.last_ms) == (3, 3, 1000, 3000)
    assert m.names[0] == "p3"  # most recent first
    m = idx.check(fp(*PEOPLE[2]), exclude_recipient="p3")
    assert (m.recipients, m.last_ms) == (2, 2000)
    # A follow-up to the same person only is not a mass message.
    solo = MassIndex()
    solo.add(fp(*PEOPLE[0]), "p1", 1000)
    solo.add(fp(*PEOPLE[0]), "p1", 2000)
    assert solo.check(fp(*PEOPLE[0]), exclude_recipient="p1") is None


def test_index_ignores_short_and_unrelated_messages():
    idx = MassIndex()
    idx.add(fp(*PEOPLE[0]), 1, 1000)
    assert idx.check(shingles("Thanks so much!")) is None
    rnd = random.Random(4)
    words = "alpha beta gamma delta river stone cloud pixel tiger maple orbit lemon".split()
    unrelated = " ".join(rnd.choice(words) for _ in range(60))
    assert idx.check(shingles(unrelated)) is None


def test_many_copies_are_all_counted_and_forget_removes_them():
    idx = MassIndex()
    rnd = random.Random(7)
    fillers = ["truly", "really", "very much", "sincerely", "greatly"]
    for i in range(200):
        text = TEMPLATE.replace("would love", f"would {rnd.choice(fillers)} love")
        idx.add(shingles(text.format(name=f"Person{i}", company=f"Co{i}"), (f"Person{i}", f"Co{i}")),
                recipient=f"p{i}", sent_ms=i)
    m = idx.check(fp("Zed", "Zco"))
    assert m.recipients == 200 and m.first_ms == 0 and m.last_ms == 199
    idx.remove_recipients({f"p{i}" for i in range(100)})
    m = idx.check(fp("Zed", "Zco"))
    assert m.recipients == 100 and m.first_ms == 100
    idx.remove_recipients({f"p{i}" for i in range(200)})
    assert idx.check(fp("Zed", "Zco")) is None


def test_a_variant_of_a_much_sent_template_is_found():
    """The index this one replaced grouped a template's copies into a cluster and, past eight
    members, compared a draft only with the cluster's first message: a draft close to a later
    variant (0.5 to it, 0.33 to the template) was missed."""
    template = frozenset(range(40))
    variant = template | frozenset(range(1000, 1008))
    draft = frozenset(range(16)) | frozenset(range(1000, 1008))
    idx = MassIndex()
    for i in range(9):
        idx.add(template, recipient=f"p{i + 1}", sent_ms=1000 * i)
    idx.add(variant, recipient="p50", sent_ms=20_000)
    m = idx.check(draft)
    assert (m.recipients, m.messages, m.similarity, m.names) == (1, 1, 0.5, ("p50",))


def _brute(sent, draft, exclude, threshold=THRESHOLD):
    if len(draft) < MIN_SHINGLES:
        return []
    return sorted(i for i, (shingle_set, rid, _) in enumerate(sent)
                  if len(shingle_set) >= MIN_SHINGLES and rid != exclude
                  and len(draft & shingle_set) / len(draft | shingle_set) >= threshold)


# Messages drawn from a small vocabulary of shingles, with a few very common ones, so lists,
# bitmaps (COMMON is lowered to exercise them) and forgotten messages all take part.
_shingle = st.one_of(st.integers(0, 5), st.integers(0, 40))
_message = st.frozensets(_shingle, min_size=0, max_size=30)
_recipient = st.sampled_from(["p1", "p2", "p3", "p4", "p5", "p6"])


@settings(max_examples=150, deadline=None)
@given(sent=st.lists(st.tuples(_message, _recipient), max_size=60), draft=_message,
       exclude=st.one_of(st.none(), _recipient), forget=st.sets(_recipient, max_size=2),
       common=st.sampled_from([2, 3, 64]))
def test_check_finds_exactly_what_brute_force_finds(sent, draft, exclude, forget, common):
    saved, massindex.COMMON = massindex.COMMON, common
    try:
        idx = MassIndex()
        for t, (shingle_set, rid) in enumerate(sent):
            idx.add(shingle_set, rid, t)
    finally:
        massindex.COMMON = saved
    idx.remove_recipients(forget)
    kept = [(f, rid if rid not in forget else None, t) for t, (f, rid) in enumerate(sent)]
    truth = [i for i in _brute(kept, draft, exclude) if kept[i][1] is not None]
    m = idx.check(draft, exclude)
    if not truth:
        assert m is None
        return
    times = [kept[i][2] for i in truth]
    sims = [len(draft & kept[i][0]) / len(draft | kept[i][0]) for i in truth]
    assert (m.messages, m.first_ms, m.last_ms) == (len(truth), min(times), max(times))
    assert m.recipients == len({kept[i][1] for i in truth})
    assert m.similarity == round(max(sims), 3)


def test_copies_of_what_one_person_was_sent():
    idx = MassIndex()
    for i, (name, company) in enumerate(PEOPLE[:3]):
        idx.add(fp(name, company), recipient=f"p{i + 1}", sent_ms=1000 * (i + 1))
    idx.add(fp(*PEOPLE[0]), recipient="p1", sent_ms=5000)  # the same to p1 again: not a copy to another
    idx.add(shingles("Hi Dev, your post on Notion's sync engine changed how I batch writes; could I ask how "
                     "the team decides what to build in house and what to buy?", PEOPLE[3]), "p4", 6000)
    m = idx.copies_of("p1")
    assert (m.recipients, m.messages, m.first_ms, m.last_ms, m.names) == (2, 2, 2000, 3000, ("p3", "p2"))
    assert idx.copies_of("p4") is None and idx.copies_of("nobody") is None
    idx.remove_recipients({"p2", "p3"})
    assert idx.copies_of("p1") is None
    idx.remove_recipients({"p1"})
    assert idx.copies_of("p1") is None


@settings(max_examples=100, deadline=None)
@given(sent=st.lists(st.tuples(_message, _recipient), max_size=40), who=_recipient, forget=st.sets(_recipient, max_size=2))
def test_copies_of_finds_exactly_what_brute_force_finds(sent, who, forget):
    idx = MassIndex()
    for t, (shingle_set, rid) in enumerate(sent):
        idx.add(shingle_set, rid, t)
    idx.remove_recipients(forget)
    kept = [(f, rid if rid not in forget else None, t) for t, (f, rid) in enumerate(sent)]
    theirs = [f for f, rid, _ in kept if rid == who and len(f) >= MIN_SHINGLES]
    truth = sorted({i for f in theirs for i in _brute(kept, f, who) if kept[i][1] is not None})
    m = idx.copies_of(who)
    if not truth:
        assert m is None
        return
    assert (m.messages, m.recipients) == (len(truth), len({kept[i][1] for i in truth}))
    assert (m.first_ms, m.last_ms) == (min(kept[i][2] for i in truth), max(kept[i][2] for i in truth))
