"""The companion's local server: an aiohttp app with /v1/health and the /v1/ws WebSocket.

app.py builds the app and starts it; security.py checks Host and Origin before the upgrade;
connection.py runs one WebSocket (handshake, dispatch, writer); pairing.py holds one-time codes
and token verifiers; runtime.py writes runtime.json and the admin secret; runner.py runs the
server in a worker thread for the tray; services.py is the app-wide state handlers receive.
"""
