"""WebSocket command handlers, one module per command family, listed explicitly here.

A handler is `async def handle(msg, session, services) -> dict`: `msg` is the parsed protocol
model, `session` the connection's companion.session.Session, `services` the app-wide
companion.server.services.Services. It returns the `result` payload (a dict, or a
protocol model the connection encodes with pydantic), or raises companion.errors.CommandError with a
code from the protocol's closed set.
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
