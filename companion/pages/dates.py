"""Dates as LinkedIn shows them, in any UI language, and the timestamps hidden in its ids.

A date range is recognised by its shape (a year, optional month names, a dash), never by a word
such as "Present": a range whose end has no year is ongoing, whatever the language calls it.
"""

import base64
import re
import unicodedata
from datetime import datetime, timezone

from protocol.page import DateParts

# Month names and abbreviations (lowercase, accents stripped, trailing dot removed) in the UI
# languages LinkedIn offers most; an unknown month leaves the year alone, which is still useful.
_MONTH_WORDS = {
    1: "jan january januar janvier janv ene enero gen gennaio janeiro januari stycznia styczen sty ocak",
    2: "feb february februar fevrier fevr fev febrero febbraio fev fevereiro februari lutego luty lut subat",
    3: "mar march marz mars marzo marco maart marca mart",
    4: "apr april avril avr abr abril aprile kwietnia kwiecien kwi nisan",
    5: "may mai mayo mag maggio maio mei maja maj mayis",
    6: "jun june juni juin junio giu giugno junho czerwca czerwiec cze haziran",
    7: "jul july juli juil juillet julio lug luglio julho lipca lipiec lip temmuz",
    8: "aug august aout ago agosto augustus sierpnia sierpien sie agustos",
    9: "sep sept september septembre septiembre set settembre setembro wrzesnia wrzesien wrz eylul",
    10: "oct october okt oktober octobre octubre ott ottobre out outubro pazdziernika pazdziernik paz ekim",
    11: "nov november novembre noviembre novembro listopada listopad lis kasim",
    12: "dec december dez dezember decembre dic diciembre dicembre dezembro grudnia grudzien gru aralik",
}
MONTHS = {word: num for num, words in _MONTH_WORDS.items() for word in words.split()}

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-9]\d)(?!\d)")
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./](\d{4})(?!\d)|(?<!\d)(\d{4})[./-](\d{1,2})(?!\d)")
_RANGE_SPLIT = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|(?<=\d)\s*-\s*(?=[^\W\d_])|(?<=\d{4})-(?=\d{4})")
_CONNECTORS = {"de", "of", "del", "d", "van", "im", "em", "г", "r"}
_DURATION_SEP = re.compile(r"\s+[·•]\s+")
_TIME = re.compile(r"(\d{1,2})[:.h](\d{2})\s*([AaPp]\.?\s?[Mm]\.?)?")
_DEGREE = re.compile(r"(?<!\d)([123])(?!\d)")


def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c)).strip(".,")


def parse_date(text: str) -> DateParts | None:
    """One date ("Jul 2025", "juil. 2025", "2025年7月", "07/2025", "2016") -> year and month."""
    if not text:
        return None
    m = _CJK.search(text)
    if m:
        month = int(m.group(2))
        return DateParts(year=int(m.group(1)), month=month if 1 <= month <= 12 else None)
    m = _NUMERIC.search(text)
    if m:
        month, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if 1 <= int(month) <= 12:
            return DateParts(year=int(year), month=int(month))
    m = _YEAR.search(text)
    if not m:
        return None
    words = re.findall(r"[^\W\d_]+", text[: m.start()] + " " + text[m.end():])
    return DateParts(year=int(m.group(1)), month=next((MONTHS[f] for w in words if (f := fold(w)) in MONTHS), None))


def _is_date_words(text: str) -> bool:
    """True when `text` holds a year and nothing else than month names, numbers and connectors."""
    return bool(_YEAR.search(text)) and all(
        not (f := fold(word)) or f in MONTHS or f in _CONNECTORS or word in "年月日"
        for word in re.findall(r"[^\W\d_]+", _CJK.sub(" ", text)))


def strip_duration(text: str) -> str:
    """'Jul 2025 - Aug 2025 · 2 mos' -> 'Jul 2025 - Aug 2025' (the duration is derived, not shown data)."""
    return _DURATION_SEP.split(" ".join(text.split()), maxsplit=1)[0].strip()


def split_range(text: str) -> tuple[str, str | None]:
    parts = _RANGE_SPLIT.split(strip_duration(text), maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else (parts[0], None)


def is_date_range(text: str) -> bool:
    """Whether a field looks like the dates of a role or a school, in any language."""
    if not text or len(text) > 90:
        return False
    start, end = split_range(text)
    return _is_date_words(start) and (end is None or _is_date_words(end) or (  # an ongoing end: no digits
        len(end) <= 25 and not any(c.isdigit() for c in end)))


def parse_range(text: str) -> tuple[str, DateParts | None, DateParts | None, bool]:
    """(shown, start, end, ongoing). A single date is both start and end ("2020" for a school)."""
    shown = strip_duration(text)
    start_text, end_text = split_range(text)
    start = parse_date(start_text)
    if end_text is None:
        return shown, start, start, False
    end = parse_date(end_text)
    return shown, start, end, end is None and bool(end_text)


def parse_degree(label: str) -> int | None:
    """'· 1st', '1er', '2º', '3rd+', '2.' -> 1, 2, 3; None when the label holds no degree."""
    m = _DEGREE.search(label) if label and len(label) <= 40 else None
    return int(m.group(1)) if m else None


def looks_like_degree_label(text: str) -> bool:
    """A short '· 2nd'-style label: a bullet, then a word with a 1-3 digit, nothing more."""
    text = text.strip()
    return bool(text) and len(text) <= 16 and text[0] in "·•" and parse_degree(text) is not None


def ms_to_iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat(timespec="seconds")


def event_urn_ms(urn: str | None) -> int | None:
    """The send time in a classic messaging event urn: the base64 after '2-' starts with epoch ms.

    urn:li:msg_message:(urn:li:fsd_profile:ACoA…,2-MTc3ODk3OTU2NDA3NmI2OTk3NC0xMDAm…) decodes to
    '1778979564076b69974-100&…': 1778979564076 ms. Undocumented, so the result is range-checked.
    """
    m = re.search(r"2-([A-Za-z0-9+/=_-]{16,})", urn or "")
    if not m:
        return None
    head = m.group(1)[:24]  # 18 bytes: the 13 digits and more
    try:
        raw = base64.b64decode(head + "=" * (-len(head) % 4), altchars=b"-_")  # "+/" still decode as usual
    except ValueError:
        return None
    digits = re.match(rb"\d{13}", raw)
    if not digits:
        return None
    ms = int(digits.group(0))
    return ms if 1_000_000_000_000 <= ms <= 4_102_444_800_000 else None  # 2001..2100


def activity_ms(activity_id: str | int | None) -> int | None:
    """A post's creation time from its activity id: the top 41 bits are epoch milliseconds."""
    try:
        value = int(activity_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    ms = value >> 22
    return ms if 1_000_000_000_000 <= ms <= 4_102_444_800_000 else None


def parse_day_heading(label: str, now: datetime) -> datetime | None:
    """A visible day heading with a month name and a day ('Aug 3', '3 août 2025') -> a date; without a
    year, the last such day up to `now` (docs/pages.md, "Thread"). "Today", weekdays: None."""
    words = re.findall(r"[^\W\d_]+", label)
    month = next((MONTHS[fold(w)] for w in words if fold(w) in MONTHS), None)
    numbers = [int(n) for n in re.findall(r"\d+", label)]
    explicit = next((n for n in numbers if n >= 1990), None)
    day = next((n for n in numbers if 1 <= n <= 31), None)
    if month is None or day is None:
        return None
    try:
        when = datetime(explicit or now.year, month, day)
        if explicit is None and when.date() > now.date():
            when = when.replace(year=now.year - 1)
        return when
    except ValueError:
        return None


def parse_clock(label: str) -> tuple[int, int] | None:
    """'4:05 PM', '16:05', '9.15', '14h30' -> (hour, minute)."""
    m = _TIME.search(label or "")
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    suffix = (m.group(3) or "").lower().replace(".", "").replace(" ", "")
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 and minute < 60 else None
