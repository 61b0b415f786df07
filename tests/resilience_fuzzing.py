"""Hypothesis strategies and checks for fuzzing the protocol and the page parsers.

Shared by tests/test_resilience_fuzz.py (a few hundred cases, seconds) and bench/fuzz.py (as many
as the time allows). Everything here talks to a real companion over a real WebSocket
(`FuzzClient`) or calls the real parser (`check_page`); nothing is mocked.

Protocol cases are valid messages of every client type, mutations of them (a field dropped,
retyped, out of range; an unknown field; a wrong id; truncated JSON; lone surrogates), and raw
garbage. The oracle: exactly one `result` per message, with the message's id when it had a
readable integer id; `success: false` whenever the protocol models refuse the message; never
`internal_error`; and the connection answers a ping afterwards.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from protocol.messages import ClientMessage

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DIRS = [REPO / "tests" / "fixtures" / "linkedin", REPO / "tests" / "fixtures" / "extension"]
SURFACES = ["connection_note", "message", "inmail", "follow_up"]
STATES = ["asked", "agreed", "declined", "referred", "hired", "closed"]
CLIENT = TypeAdapter(ClientMessage)
SENTINEL_BASE = 2**52  # ping ids used to fence each case; fuzzed ids stay below this
# Worst cases for regexes and parsers: one unit repeated (tests/test_input_growth.py, bench/fuzz.py).
WORST_CASE_UNITS = {
    "dots": ".", "bangs": "!", "questions": "?", "bang-question": "!?", "ellipsis": "…", "dot-quote": '."',
    "spaces": " ", "newlines": "\n", "tabs": "\t", "space-newline": " \n", "emoji": "😀", "zwj-emoji": "👩\u200d💻",
    "combining": "e\u0301", "open-brackets": "[", "parens": "(", "braces": "{", "angles": "<", "bracket-mix": "([{<",
    "underscores": "_", "apostrophes": "'", "dashes": "-", "caps": "A ", "i": "i ", "im": "I'm ", "percent": "%a",
    "sentences": ". ", "at": "@A",
}

# --- JSON values -----------------------------------------------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**63, max_value=2**64),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40))
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                            st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                           max_leaves=12)
# Text as a browser could send it, plus lone surrogates (legal in JSON escapes, illegal in UTF-8).
texts = st.one_of(st.text(max_size=300), st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
                  st.sampled_from(["", " ", "\u200b", "👩🏽‍💻 Hi!", "\ud83d", "a\udc00b", "\x00", "Hi Dana,\r\n" * 30]),
                  st.builds(lambda w, n: " ".join([w] * n), st.sampled_from(["referral", "role", "please", "ASAP"]),
                            st.integers(0, 400)))
ids = st.integers(min_value=0, max_value=SENTINEL_BASE - 1)
slugs = st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,30}", fullmatch=True), st.text(max_size=20))
times = st.one_of(st.none(), st.sampled_from(["2026-01-05T09:00:00Z", "2026-01-05T09:00:00+02:00", "yesterday",
                                              "2026-13-45T99:00:00Z", "1970-01-01T00:00:00Z"]))


def _draft(i, surface, text, version, draft_id, subject, limit, recipient):
    msg = {"id": i, "type": "draft", "surface": surface, "text": text, "version": version, "draft_id": draft_id}
    for key, value in (("subject", subject), ("limit", limit), ("recipient", recipient)):
        if value is not None:
            msg[key] = value
    return msg


valid_messages = st.one_of(
    st.builds(lambda i: {"id": i, "type": "ping"}, ids),
    st.builds(_draft, ids, st.sampled_from(SURFACES), texts, st.integers(0, 2**31), st.sampled_from(["main", "a", "b"]),
              st.one_of(st.none(), st.text(max_size=50)), st.one_of(st.none(), st.integers(1, 100_000)),
              st.one_of(st.none(), slugs)),
    st.builds(lambda i, d, p: {"id": i, "type": "settings", **({"disabled_rules": d} if d is not None else {}),
                               **({"paused": p} if p is not None else {})},
              ids, st.one_of(st.none(), st.lists(st.text(max_size=30), max_size=5)), st.one_of(st.none(), st.booleans())),
    st.builds(lambda i: {"id": i, "type": "status"}, ids),
    st.builds(lambda i, u, h: {"id": i, "type": "page", "url": u, "html": h}, ids,
              st.sampled_from(["https://www.linkedin.com/in/dana/", "https://www.linkedin.com/messaging/thread/1/",
                               "https://example.com/", "", "not a url"]),
              st.one_of(st.text(max_size=200), st.just("<html><body><main><h1>Dana</h1></main></body></html>"))),
    st.builds(lambda i, s, surf, t, at: {"id": i, "type": "sent", "recipient": {"slug": s}, "surface": surf,
                                         "text": t, **({"sent_at": at} if at else {})},
              ids, slugs, st.sampled_from(SURFACES), texts, times),
    st.builds(lambda i: {"id": i, "type": "outreach.list"}, ids),
    st.builds(lambda i, s, state, notes: {"id": i, "type": "outreach.update", "slug": s,
                                          **({"state": state} if state else {}),
                                          **({"notes": notes} if notes is not None else {})},
              ids, slugs, st.one_of(st.none(), st.sampled_from(STATES)), st.one_of(st.none(), st.text(max_size=40))),
    st.builds(lambda i, s, a: {"id": i, "type": "outreach.forget", **({"slug": s} if s else {}), "all": a},
              ids, st.one_of(st.none(), slugs), st.just(False)),
    st.builds(lambda t: {"type": "auth", "token": t}, st.text(min_size=1, max_size=20)),
    st.builds(lambda c: {"type": "pair", "code": c, "client_name": "x"}, st.text(min_size=1, max_size=10)),
)


@st.composite
def mutated_messages(draw) -> dict | list | str | int | None:
    """A valid message with one or two things wrong with it."""
    msg = dict(draw(valid_messages))
    for _ in range(draw(st.integers(1, 2))):
        how = draw(st.sampled_from(["drop", "retype", "extra", "id", "type", "nest", "wrap"]))
        keys = [k for k in msg if k != "type"] or ["type"]
        if how == "drop":
            msg.pop(draw(st.sampled_from(keys)), None)
        elif how == "retype":
            msg[draw(st.sampled_from(keys))] = draw(json_values)
        elif how == "extra":
            msg[draw(st.text(min_size=1, max_size=12))] = draw(json_values)
        elif how == "id":
            msg["id"] = draw(st.sampled_from([-1, 2**53 + 1, 1.5, True, "7", None, [], 2**64]))
        elif how == "type":
            msg["type"] = draw(st.one_of(st.text(max_size=20), json_values))
        elif how == "nest":
            msg[draw(st.sampled_from(keys))] = {"deep": [[[[[[{"x": [1, {"y": None}]}]]]]]]}
        elif how == "wrap":
            return draw(st.sampled_from([[msg], msg.get("id"), None, "msg"]))
    return msg


@st.composite
def frames(draw) -> str:
    """One text frame: JSON of a valid or mutated message, truncated JSON, or garbage."""
    kind = draw(st.sampled_from(["valid", "valid", "mutated", "mutated", "truncated", "garbage"]))
    if kind == "garbage":
        return draw(st.one_of(st.text(max_size=200), st.sampled_from(["", "{", "}", "null", "[]", "{}", "\"x\"", "1e999",
                                                                       "{\"id\": 1, \"type\": \"ping\"", "NaN"])))
    msg = draw(valid_messages if kind == "valid" else mutated_messages())
    text = json.dumps(msg, ensure_ascii=draw(st.booleans()) or _has_surrogate(msg))
    if kind == "truncated" and len(text) > 1:
        text = text[:draw(st.integers(1, len(text) - 1))]
    return text


def _has_surrogate(value) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def expected_id(frame: str):
    """The id the reply must carry: the message's integer id, else None."""
    try:
        raw = json.loads(frame)
    except ValueError:
        return None
    if isinstance(raw, dict):
        msg_id = raw.get("id")
        if isinstance(msg_id, int) and not isinstance(msg_id, bool):
            return msg_id
    return None


def protocol_valid(frame: str) -> bool:
    try:
        raw = json.loads(frame)
        CLIENT.validate_python(raw)
        return raw.get("type") not in ("auth", "pair")  # valid, but not after authentication
    except (ValueError, ValidationError, AttributeError):
        return False


# --- the live client -------------------------------------------------------------------------------

class FuzzClient:
    """One authenticated sync `websockets` connection to a running companion; `check(frame)` sends
    one fuzz frame, then a ping, and asserts the oracle on what came back in between."""

    def __init__(self, url: str, origin: str, token: str):
        from contextlib import ExitStack

        from websockets.sync.client import connect

        self._stack = ExitStack()
        self.ws = self._stack.enter_context(connect(url, origin=origin, proxy=None, open_timeout=10,
                                                    max_size=32 * 1024 * 1024))
        assert json.loads(self.ws.recv(10))["type"] == "hello"
        self.ws.send(json.dumps({"type": "auth", "token": token}))
        assert json.loads(self.ws.recv(10))["type"] == "auth_ok"
        self.sentinel = SENTINEL_BASE
        self.cases = 0
        self.outcomes: dict[str, int] = {}

    def check(self, frame: str) -> dict:
        self.sentinel += 1
        self.ws.send(frame)
        self.ws.send(json.dumps({"id": self.sentinel, "type": "ping"}))
        replies = []
        deadline = time.monotonic() + 60
        while True:
            msg = json.loads(self.ws.recv(max(0.1, deadline - time.monotonic())))
            if msg.get("type") != "result":
                continue  # events (e.g. `paused`) are pushes, not replies
            if msg.get("id") == self.sentinel:
                assert msg["success"] and msg["result"] == {"pong": True}, msg  # the connection keeps serving
                break
            replies.append(msg)
        assert len(replies) == 1, f"{len(replies)} replies to one message: {replies[:3]}"
        reply = replies[0]
        assert reply["id"] == expected_id(frame), (frame[:200], reply)
        if not protocol_valid(frame):
            assert reply["success"] is False, (frame[:200], reply)  # every bad message gets an error
        if not reply["success"]:
            assert reply["error"]["code"] != "internal_error", (frame[:300], reply)
            key = reply["error"]["code"]
        else:
            key = "success"
        self.outcomes[key] = self.outcomes.get(key, 0) + 1
        self.cases += 1
        return reply

    def close(self) -> None:
        self._stack.close()


# --- page parsers ----------------------------------------------------------------------------------

CLASSES = ["pv-top-card", "profile-card", "text-heading-xlarge", "artdeco-card", "msg-s-message-list__event",
           "msg-s-event-listitem--other", "expandable-text-box", "profile-component-entity", "pvs-list__item",
           "mini-update-a11y-description", "msg-form__contenteditable", "inline-show-more-text", "t-bold", ""]
TAGS = ["div", "section", "span", "ul", "li", "a", "h1", "h2", "p", "main", "code", "template", "button", "strong",
        "time", "article", "textarea", "img", "br", "table", "td", "svg"]
ATTRS = ["class", "id", "href", "data-testid", "data-view-name", "data-sdui-screen", "data-member-id",
         "data-event-urn", "data-test-message-body", "role", "aria-label", "maxlength", "shadowrootmode", "style",
         "datetime", "title", "lang"]
attr_values = st.one_of(st.sampled_from(CLASSES), st.text(max_size=30),
                        st.sampled_from(["/in/dana-whitfield/", "https://www.linkedin.com/in/x", "open", "1300",
                                         "urn:li:fsd_profile:ACoAA", "javascript:alert(1)", "\"><script>"]),
                        st.builds(lambda c, n: c * n, st.sampled_from(["a", "\"", "&amp;", "é"]),
                                  st.integers(10_000, 200_000)))


def _element(tag: str, attrs: list, children: list) -> str:
    attr_text = "".join(f' {k}="{v}"' if i % 5 else f" {k}={v}" for i, (k, v) in enumerate(attrs))
    return f"<{tag}{attr_text}>{''.join(children)}</{tag}>"


html_trees = st.recursive(
    st.one_of(st.text(max_size=40), st.sampled_from(["&nbsp;", "&#x1F600;", "<!-- c -->", "<br>", "</div>", "<",
                                                     "<script type=\"application/json\">{\"a\": [1, {\"b\"</script>",
                                                     "<code>{\"included\": [{\"firstName\": \"Dana\"}]}</code>"])),
    lambda inner: st.builds(_element, st.sampled_from(TAGS), st.lists(st.tuples(st.sampled_from(ATTRS), attr_values),
                                                                       max_size=3),
                            st.lists(inner, max_size=5)),
    max_leaves=40)


def fixture_pages() -> list[tuple[str, str]]:
    pages = []
    for folder in FIXTURE_DIRS:
        if folder.is_dir():
            pages += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.html"))]
    return pages


@st.composite
def page_snapshots(draw) -> tuple[str | None, str]:
    """(url, html): random trees, fixtures truncated or spliced, deep nesting, huge attributes."""
    url = draw(st.sampled_from([None, "https://www.linkedin.com/in/dana-whitfield/",
                                "https://www.linkedin.com/messaging/thread/2-abc/", "https://www.linkedin.com/feed/",
                                "", "::::"]))
    kind = draw(st.sampled_from(["tree", "truncated", "spliced", "deep", "huge-attr", "wrapped"]))
    pages = fixture_pages()
    if kind == "tree":
        return url, draw(html_trees)
    if kind in ("truncated", "spliced", "wrapped") and pages:
        _, html = draw(st.sampled_from(pages))
        if kind == "truncated":
            return url, html[:draw(st.integers(0, len(html)))]
        if kind == "wrapped":  # a real page nested inside random markup
            return url, _element(draw(st.sampled_from(TAGS)), [], [draw(html_trees), html, draw(html_trees)])
        a, b = sorted(draw(st.tuples(st.integers(0, len(html)), st.integers(0, len(html)))))
        junk = draw(st.one_of(st.text(max_size=50), html_trees))
        return url, html[:a] + junk + html[b:] + html[a:b]
    if kind == "deep":
        depth = draw(st.integers(100, 20_000))
        tag = draw(st.sampled_from(["div", "span", "section", "li", "template"]))
        return url, f"<{tag} class=pv-top-card>" * depth + "<h1>Dana</h1>" + f"</{tag}>" * draw(st.integers(0, depth))
    value = "x" * draw(st.integers(100_000, 2_000_000))
    return url, f'<main><section class="pv-top-card" data-x="{value}"><h1 title="{value}">Dana</h1></section></main>'


def check_page(url: str | None, html: str) -> None:
    """The parser never raises, and what it returns can be serialised as a reply."""
    from companion.pages import parse_snapshot

    result = parse_snapshot(url, html)
    assert result.kind in ("profile", "thread", "other"), result.kind
    result.model_dump_json(exclude_none=True)
