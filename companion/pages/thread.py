"""A conversation: the messaging page `/messaging/thread/…` or the message pop-up over any page
(in the new build inside the `#interop-outlet` shadow root). Anchors: docs/pages.md, "Thread".
"""

from datetime import datetime

from selectolax.lexbor import LexborNode

from protocol.page import Profile, Thread, ThreadMessage

from companion.pages.dates import event_urn_ms, ms_to_iso, parse_clock, parse_day_heading
from companion.pages.dom import HIDDEN, Snapshot, ancestor_matching, matches, text_of
from companion.pages.entries import fill_current
from companion.pages.profile_common import profile_url, slug_from_url

# Where a conversation lives, most specific first.
_BUBBLE = ".msg-overlay-conversation-bubble"
_BOXES = (_BUBBLE, ".msg-convo-wrapper", ".msg-thread", "[role=dialog]", "main")
_EVENT = "li.msg-s-message-list__event"
MAX_MESSAGES = 500
TEXT_LIMIT = 4000
MAX_PARAGRAPH_STEPS = 200  # siblings looked at after a message's first paragraph


def talks_with(part: Profile | None, person: Profile | None) -> bool:
    """Whether a conversation's participant is `person` (the profile on the page): the same name, and the
    same slug when the pop-up links one (it often links a member id, which says nothing either way)."""
    return part is not None and person is not None and bool(person.name) \
        and (part.name or "").casefold() == person.name.casefold() and part.slug in (None, person.slug)


def _minimized(box: LexborNode) -> bool:
    return "--is-minimized" in (box.attributes.get("class") or "")


def _container(snap: Snapshot, person: Profile | None) -> LexborNode | None:
    """The conversation the user writes in. The messaging page's own thread (messages outside any pop-up);
    else an open pop-up, even an empty one (a first message), the one with `person` first; a minimized pop-up
    is collapsed, so it stands for the conversation only when nothing is open and it is with `person`."""
    for event in snap.css("[data-event-urn], " + _EVENT):
        box = next(filter(None, (ancestor_matching(event, sel) for sel in _BOXES)), event.parent)
        if box is not None and not matches(box, _BUBBLE):
            return box
    bubbles = snap.css(_BUBBLE)
    opened = [b for b in bubbles if not _minimized(b)]
    mine = (b for b in (opened or bubbles) if talks_with(_participant(b), person))
    return next(mine, opened[0] if opened else None)


def _headline(box: LexborNode) -> str | None:
    """The headline on the one-to-one profile card at the top of the conversation ("Key Account Manager –
    QATestLab"): on the messaging page it is all the page says of who they are."""
    card = box.css_first(".msg-s-profile-card-one-to-one, .msg-s-profile-card")
    subtitle = card.css_first(".artdeco-entity-lockup__subtitle") if card is not None else None
    return text_of(subtitle, skip=HIDDEN) or None


def _participant(box: LexborNode) -> Profile | None:
    header = box.css_first(".msg-overlay-bubble-header, .msg-title-bar, .msg-thread__topcard, header, h2")
    for scope in [s for s in (header, box) if s is not None]:
        for a in scope.css('a[href*="/in/"]'):
            if ancestor_matching(a, _EVENT + ", [data-event-urn]", box) is not None:
                continue
            slug = slug_from_url(a.attributes.get("href"))
            name = text_of(a, skip=HIDDEN)
            if slug or name:  # a member id ("ACoA…") is not a vanity slug: keep only the link
                vanity = None if slug and slug.startswith("ACoA") else slug
                profile = Profile(url=profile_url(slug), slug=vanity, name=name or None, headline=_headline(box))
                fill_current(profile, [])  # "… at Company" in the headline
                return profile
    title = box.css_first(".msg-entity-lockup__entity-title, .msg-overlay-bubble-header__title, h2")
    name = text_of(title, skip=HIDDEN)
    return Profile(name=name) if name else None


def _body(event: LexborNode) -> str:
    """The message's text. A body `<p>` is read with the paragraphs right after it: a body of several
    `<p>`s side by side, or paragraphs inside the body `<p>`, which the HTML parser moves out to follow it
    (a `<p>` cannot hold one). They join with a space, as line breaks do: the text is the same as when the
    page writes the message in one `<p>` with newlines."""
    body = event.css_first(".msg-s-event-listitem__body, .msg-s-event__content, [data-test-message-body]") \
        or event.css_first("p")
    if body is None or body.tag != "p":
        return text_of(body, skip=HIDDEN)[:TEXT_LIMIT]
    parts: list[str] = []
    size = 0
    node: LexborNode | None = body
    for _ in range(MAX_PARAGRAPH_STEPS):  # element and text siblings, so a run of empty <p>s ends too
        if node is None or size >= TEXT_LIMIT:
            break
        if node.is_element_node:
            if node.tag != "p":
                break  # the text ends: a reaction, an attachment, the "Seen" receipt come in their own boxes
            # An empty one (a blank line) is passed over cheaply.
            if node.text(deep=True).strip() and not matches(node, HIDDEN) \
                    and (text := text_of(node, skip=HIDDEN, limit=TEXT_LIMIT - size)):
                parts.append(text)
                size += len(text) + 1
        elif node.tag == "-text" and (node.text_content or "").strip():
            break  # loose text is not a paragraph of this message
        node = node.next
    return " ".join(parts)[:TEXT_LIMIT]


def parse(snap: Snapshot, warnings: list[str], now: datetime | None = None,
          person: Profile | None = None) -> Thread | None:
    """The conversation the user writes in (`person`: the profile on the page, see _container), or None
    when there is none. An empty pop-up is a first message to its participant: a thread without messages."""
    box = _container(snap, person)
    if box is None:
        return None
    now = now or datetime.now()
    participant = _participant(box)
    events = box.css(_EVENT) or box.css("[data-event-urn]")
    if not events and (participant is None or participant.url is None):
        return None  # a "New message" box whose recipient is not chosen yet: its title is no one's name
    if talks_with(participant, person):  # a pop-up over their profile page: reuse its slug and URL
        participant.slug, participant.url, participant.degree = person.slug, person.url, person.degree
    them_name = (participant.name or "").casefold() if participant else ""
    messages: list[ThreadMessage] = []
    day: datetime | None = None
    clock: tuple[int, int] | None = None
    sender_name: str | None = None
    unreadable = 0
    for event in events[:MAX_MESSAGES]:
        heading = event.css_first("time.msg-s-message-list__time-heading")
        if heading is not None:
            day = parse_day_heading(text_of(heading), now) or day
            clock = None
        item = event if event.attributes.get("data-event-urn") else event.css_first("[data-event-urn]") or event
        name_node = item.css_first(".msg-s-message-group__name, .msg-s-message-group__profile-link")
        sender_name = text_of(name_node, skip=HIDDEN) or sender_name
        clock = parse_clock(text_of(item.css_first("time.msg-s-message-group__timestamp"))) or clock
        text = _body(item)
        if not text:
            continue  # a date separator or a system event
        other = "msg-s-event-listitem--other" in (item.attributes.get("class") or "")
        sender = "them" if other or (sender_name and them_name and sender_name.casefold() == them_name) else "me"
        ms = event_urn_ms(item.attributes.get("data-event-urn"))
        if ms is not None:
            sent_at = ms_to_iso(ms)
        elif day is not None:
            sent_at = day.replace(hour=clock[0], minute=clock[1]).isoformat(timespec="minutes") if clock \
                else day.date().isoformat()
        else:
            sent_at = None
            unreadable += 1
        messages.append(ThreadMessage(sender=sender, text=text, sent_at=sent_at, sent_at_ms=ms))
    if unreadable:
        warnings.append(f"thread: send time unknown for {unreadable} message(s)")
    return Thread(participant=participant, messages=messages)
