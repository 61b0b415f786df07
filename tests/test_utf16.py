"""UTF-16 offsets: what the DOM and LinkedIn's counter count, emoji and all."""

from hypothesis import given
from hypothesis import strategies as st

from companion.coach import CoachContext, analyze
from companion.coach.utf16 import OffsetMap, utf16_len


def test_lengths():
    assert utf16_len("") == 0
    assert utf16_len("abc") == 3
    assert utf16_len("é") == 1  # BMP: one unit
    assert utf16_len("😀") == 2  # astral: a surrogate pair
    assert utf16_len("👍🏽") == 4  # thumbs up + skin tone: two astral code points
    assert utf16_len("👩‍💻") == 5  # woman, ZWJ (BMP), laptop


def test_offsets_around_emoji():
    text = "a😀b👍🏽c"
    m = OffsetMap(text)
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 8, 9]
    assert [m.from_utf16(u) for u in [0, 1, 3, 4, 6, 8, 9]] == list(range(len(text) + 1))
    assert m.from_utf16(2) == 1  # inside the pair: its start


@given(st.text(alphabet=st.sampled_from(["a", " ", "é", "😀", "👍", "\n", "中"]), max_size=40))
def test_round_trip_matches_utf16_encoding(text):
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        units = m.to_utf16(i)
        assert units == len(text[:i].encode("utf-16-le")) // 2
        assert m.from_utf16(units) == i
    assert utf16_len(text) == len(text.encode("utf-16-le")) // 2


def test_finding_ranges_are_utf16_after_emoji():
    text = "🎉🎉 Refer me ASAP!!"
    fb = analyze(text, CoachContext(surface="message"))
    units = text.encode("utf-16-le")
    by_code_words = {}
    for f in fb.findings:
        if f.code == "tone.demanding":
            words = units[f.range.start * 2:f.range.end * 2].decode("utf-16-le")
            by_code_words[words] = f.range.start
    assert by_code_words == {"Refer me": 5, "ASAP": 14, "!!": 18}
    assert fb.limits.used == len(units) // 2 == 20
