"""companion/memo.py: the two-generation memo behind the per-keystroke caches."""

import pytest

from companion.memo import Memo


def test_an_entry_in_use_survives_any_number_of_insertions():
    memo = Memo(4)
    memo.put("live", 1)
    for i in range(100):
        memo.put(f"other {i}", i)
        assert memo.get("live") == 1  # used once per insertion: copied back into the young generation
    assert len(memo) <= 8


def test_an_unused_entry_is_evicted_after_two_generations():
    memo = Memo(4)
    memo.put("old", 1)
    for i in range(8):
        memo.put(i, i)
    assert memo.get("old") is None
    assert "old" not in memo


def test_size_bound_and_get_or_compute():
    memo = Memo(3)
    calls = []

    def compute(key):
        calls.append(key)
        return key * 2

    assert memo.get_or_compute(5, compute) == 10
    assert memo.get_or_compute(5, compute) == 10
    assert calls == [5]
    for i in range(50):
        memo.put(i, i)
        assert len(memo) <= 6
    memo.clear()
    assert len(memo) == 0 and memo.get(1, "missing") == "missing"


def test_none_is_a_value_and_size_must_be_positive():
    memo = Memo(2)
    memo.put("k", None)
    assert "k" in memo and memo.get("k", "default") is None
    with pytest.raises(ValueError):
        Memo(0)


def test_weighed_memo_bounds_the_weight_not_the_count():
    memo = Memo(100, weigh=len)
    for i in range(1000):
        memo.put(f"{i:>10}", i)  # 10 characters each
        assert memo.weight <= 200
    assert len(memo) <= 20
    memo.put("x" * 500, "big")  # heavier than a generation: held alone, then pushed out
    assert memo.get("x" * 500) == "big"
    for i in range(30):
        memo.put(f"{i:>10}", i)
    assert memo.get("x" * 500) is None
