"""`settings`: per-connection switches (rules silenced, coaching paused). Omitted fields keep
their value; the reply is the settings now in force."""


async def handle(msg, session, services) -> dict:
    if msg.disabled_rules is not None:
        session.disabled_rules = set(msg.disabled_rules)
    if msg.paused is not None:
        session.paused = msg.paused
    return {"disabled_rules": sorted(session.disabled_rules), "paused": session.paused or services.is_paused}
