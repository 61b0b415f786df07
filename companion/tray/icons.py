"""The tray icon, painted at run time (no image files to ship or keep in sync); what each state
looks like: docs/tray.md.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from companion.tray.state import STATE_COLOURS, IconState

BADGE_COLOUR = "#ef6c00"
SIZES = (16, 22, 24, 32, 48, 64)


def paint(state: IconState, network_badge: bool, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(STATE_COLOURS[state]))
    p.drawEllipse(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92))
    p.setBrush(QColor("white"))
    if state is IconState.PAUSED:
        p.drawRect(QRectF(s * 0.33, s * 0.28, s * 0.12, s * 0.44))
        p.drawRect(QRectF(s * 0.55, s * 0.28, s * 0.12, s * 0.44))
    else:
        glyph = {IconState.ERROR: "!", IconState.STARTING: "…"}.get(state, "T")
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(8, int(s * 0.62)))
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(QRectF(0, 0, s, s * 0.98), Qt.AlignmentFlag.AlignCenter, glyph)
    if network_badge:
        r = s * 0.22
        c = QPointF(s - r - 1, s - r - 1)
        p.setPen(QPen(QColor("white"), max(1.0, s / 32)))
        p.setBrush(QColor(BADGE_COLOUR))
        p.drawEllipse(c, r, r)
        p.setBrush(Qt.BrushStyle.NoBrush)  # a tiny globe: one meridian, one parallel
        p.drawEllipse(c, r * 0.45, r * 0.85)
        p.drawLine(QPointF(c.x() - r * 0.85, c.y()), QPointF(c.x() + r * 0.85, c.y()))
    p.end()
    return pix


def make_icon(state: IconState, network_badge: bool) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(paint(state, network_badge, size))
    return icon
