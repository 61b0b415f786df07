"""What the tray shows, computed from the server's status snapshot; no Qt here. The icon has one
main state and a separate privacy badge, so "paused" never hides "local-only is off".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class IconState(str, Enum):
    STARTING = "starting"  # the server thread has not reported yet
    RUNNING = "running"  # listening, no browser connected
    CONNECTED = "connected"  # at least one paired browser connected
    PAUSED = "paused"  # coaching paused by the user
    ERROR = "error"  # the server failed or stopped unexpectedly


# Colours the icon painter uses for each state (also used in docs/tray.md).
STATE_COLOURS = {
    IconState.STARTING: "#9e9e9e",
    IconState.RUNNING: "#1e88e5",
    IconState.CONNECTED: "#2e7d32",
    IconState.PAUSED: "#f9a825",
    IconState.ERROR: "#c62828",
}


@dataclass(frozen=True)
class TrayState:
    """One snapshot of everything the icon, tooltip and menu depend on."""

    running: bool = False
    error: str | None = None
    paused: bool = False
    local_only: bool = True
    clients_connected: int = 0
    paired_browsers: int = 0
    port: int | None = None

    @classmethod
    def from_status(cls, status: dict, paired_browsers: int) -> "TrayState":
        """Build from Services.status() (the server's own summary) plus the paired-client count."""
        return cls(
            running=True,
            paused=bool(status.get("paused")),
            local_only=bool(status.get("local_only", True)),
            clients_connected=int(status.get("clients_connected") or 0),
            paired_browsers=paired_browsers,
            port=status.get("port"),
        )

    @property
    def icon(self) -> IconState:
        if self.error is not None:
            return IconState.ERROR
        if not self.running:
            return IconState.STARTING
        if self.paused:
            return IconState.PAUSED
        if self.clients_connected:
            return IconState.CONNECTED
        return IconState.RUNNING

    @property
    def privacy_badge(self) -> bool:
        """True when the icon should carry the 'network allowed' badge (local-only is off)."""
        return not self.local_only

    def tooltip(self) -> str:
        """A few words for the icon's tooltip (no names, no content)."""
        if self.icon is IconState.ERROR:
            return f"Tactful: not working. {self.error}"
        if self.icon is IconState.STARTING:
            return "Tactful: starting..."
        parts = ["Tactful"]
        if self.paused:
            parts.append("coaching paused")
        elif self.clients_connected:
            n = self.clients_connected
            parts.append(f"{n} browser{'s' if n != 1 else ''} connected")
        else:
            parts.append("running, no browser connected" if self.paired_browsers else "running, no browser paired yet")
        parts.append("local-only" if self.local_only else "local-only OFF (network allowed)")
        return " · ".join(parts)

    def status_line(self) -> str:
        """The disabled first line of the menu: the tooltip without its leading "Tactful · "."""
        return self.tooltip().removeprefix("Tactful · ")

    @property
    def pause_label(self) -> str:
        return "Resume coaching" if self.paused else "Pause coaching"


# The confirmation for turning local-only off: what could leave the machine.
LOCAL_ONLY_OFF_WARNING = (
    "Local-only mode keeps every connection on this computer. Turning it off allows the companion to "
    "contact the internet.\n\nRight now no installed feature uses the network, so nothing would be sent "
    "yet; a feature you add later (such as a writing assistant) could send the draft you are typing to "
    "its provider.\n\nYour outreach log, pairing tokens and LinkedIn pages never leave it.")
