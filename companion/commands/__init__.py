"""WebSocket command handlers, one module per command family.

A handler is `async def handle(msg, session, services)`: it returns the `result` payload (a dict or
a protocol model) or raises companion.errors.CommandError (docs/architecture.md, step 4).
"""

from protocol import messages as m

from companion.commands import draft, outreach, page, ping, settings, status

# type -> (model, handler), one line per command (a command type missing here is answered unknown_command).
HANDLERS = {
    "ping": (m.Ping, ping.handle),
    "draft": (m.Draft, draft.handle),
    "settings": (m.Settings, settings.handle),
    "status": (m.Status, status.handle),
    "page": (m.PageSnapshot, page.handle),
    "sent": (m.Sent, outreach.handle_sent),
    "outreach.list": (m.OutreachList, outreach.handle_list),
    "outreach.update": (m.OutreachUpdate, outreach.handle_update),
    "outreach.forget": (m.OutreachForget, outreach.handle_forget),
}
