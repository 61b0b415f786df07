"""`sent`, `outreach.list`, `outreach.update`, `outreach.forget`: the outreach log over the wire.

`sent` answers only after its row is committed (synchronous=FULL, see companion.store.db), so a
success result means the write survives a crash. It is idempotent: the same recipient, time and
surface again is reported as a duplicate, not stored twice. Message text is never logged; it is
kept (encrypted) only when the user turned history-text on.
"""

from protocol.errors import ErrorCode
from protocol.outreach import NAME_MAX, SLUG_MAX, URL_MAX, DueItem, OutreachEntry, Recipient, SentRecord

from companion.errors import CommandError
from companion.coach.due import due, keep_updated_advice, replied_at, state_of
from companion.coach.outreach_view import iso, message_times, parse_time, to_ms
from companion.store.logdb import NotFound


def _store(services):
    store = services.store
    if store is None:
        raise CommandError(ErrorCode.UNAVAILABLE, "the outreach log is not available in this companion")
    return store


def _slug(value: str | None) -> str:
    slug = (value or "").strip().strip("/")
    if not slug or len(slug) > SLUG_MAX or any(c.isspace() for c in slug):
        raise CommandError(ErrorCode.INVALID_FORMAT, "recipient.slug must be a LinkedIn profile slug")
    return slug


def _clip(value: str | None, cap: int) -> str | None:
    return value[:cap] if value else value


def entry(rec, now_ms: int) -> OutreachEntry:
    """The wire form of one recipient's log (no message text), with what is due and the advice."""
    item = due(rec, now_ms)
    return OutreachEntry(
        # Clipped to the wire's caps: the log may hold longer values stored before the caps existed.
        recipient=Recipient(slug=rec.slug[:SLUG_MAX], url=_clip(rec.url, URL_MAX), name=_clip(rec.name, NAME_MAX),
                            company=_clip(rec.company, NAME_MAX), role=_clip(rec.role, NAME_MAX)),
        state=state_of(rec),
        replied_at=iso(replied_at(rec)),
        notes=rec.notes,
        sent=[SentRecord(surface=s.surface, sent_at=iso(s.at_ms), follow_up=s.follow_up) for s in rec.sent],
        replies=[iso(t) for t in rec.replies],
        last_contact=iso(rec.last_contact_ms),
        advice=keep_updated_advice(rec, now_ms),
        due=None if item is None else DueItem(kind=item.kind, since=iso(item.since_ms),
                                              due_now=item.is_due(now_ms), late=item.late),
    )


async def handle_sent(msg, session, services) -> dict:
    store = _store(services)
    rcpt = msg.recipient
    slug = _slug(rcpt.slug)
    now = services.clock()
    if msg.sent_at:
        try:
            sent_at = parse_time(msg.sent_at)
        except ValueError:
            raise CommandError(ErrorCode.INVALID_FORMAT, "sent_at must be an ISO 8601 time") from None
    else:
        sent_at = now
    # A page this connection shows may know the name and company the extension did not send.
    profile = next((p.profile for p in session.pages() if p.profile and p.profile.slug == slug), None)
    name = rcpt.name or (profile.name if profile else None)
    company = rcpt.company or (profile.current_company if profile else None)
    role = _clip(profile.current_title, NAME_MAX) if profile else None
    result = await store.run(lambda db: db.record_sent(slug, msg.surface, msg.text, to_ms(sent_at), to_ms(now),
                                                       url=rcpt.url, name=name, company=company, role=role))
    return {"recorded": True, "duplicate": result.duplicate, "follow_up": result.follow_up,
            "text_stored": result.text_stored, "sent_at": iso(to_ms(sent_at)), "entry": entry_of(services, slug)}


def entry_of(services, slug: str | None) -> dict | None:
    """The wire form of `slug`'s log entry, None when they are not in the log (or there is no log)."""
    rec = services.store.view().recipient(slug) if services.store is not None else None
    return None if rec is None else entry(rec, to_ms(services.clock())).model_dump(mode="json", exclude_none=True)


async def handle_list(msg, session, services) -> dict:
    store = _store(services)
    now_ms = to_ms(services.clock())
    return {"entries": [entry(r, now_ms).model_dump(mode="json", exclude_none=True) for r in store.view().all()],
            "notice": store.notice}


async def handle_update(msg, session, services) -> dict:
    store = _store(services)
    slug = _slug(msg.slug)
    if msg.state is None and msg.notes is None:
        raise CommandError(ErrorCode.INVALID_FORMAT, "give a state, notes, or both")
    now_ms = to_ms(services.clock())
    try:
        await store.run(lambda db: db.update(slug, now_ms, state=msg.state, notes=msg.notes))
    except NotFound as exc:
        raise CommandError(ErrorCode.NOT_FOUND, str(exc)) from None
    return {"entry": entry_of(services, slug)}


async def handle_forget(msg, session, services) -> dict:
    store = _store(services)
    if msg.all and msg.slug:
        raise CommandError(ErrorCode.INVALID_FORMAT, "give either slug or all, not both")
    if msg.all:
        return {"forgotten": await store.run(lambda db: db.forget(None))}
    if not msg.slug:
        raise CommandError(ErrorCode.INVALID_FORMAT, "give the slug to forget, or all: true")
    slug = _slug(msg.slug)
    count = await store.run(lambda db: db.forget(slug))
    if not count:
        raise CommandError(ErrorCode.NOT_FOUND, f"no one with the slug {msg.slug!r} is in the outreach log")
    return {"forgotten": count}


async def remember_replies(services, thread, known=None) -> int:
    """Log the replies a thread page shows, for someone already in the log (the page handler
    calls this after parsing a thread; `known` is the tab's profile). Never raises: the page
    result matters more."""
    store = services.store
    part = thread.participant if thread else None
    if store is None or part is None:
        return 0
    slug = part.slug
    if not slug and known is not None and known.slug and part.name and known.name == part.name:
        slug = known.slug  # the pop-up links a member id, not a slug: the tab's profile, by the same name
    times = message_times(thread)[1] if slug else None
    if not times or store.view().recipient(slug) is None:
        return 0
    try:
        return await store.run(lambda db: db.record_replies(slug, times))
    except Exception:
        return 0
