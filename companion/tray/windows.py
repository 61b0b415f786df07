"""The tray's small windows: the pairing code with a copy button and countdown, and Settings."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)


class PairWindow(QWidget):
    """Shows one pairing code until it expires; "New code" asks the controller for another.

    The code lives only in this window and the server's memory: it is never logged."""

    def __init__(self, get_code):
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Pair a browser — Tactful")
        self._get_code = get_code
        self._expires_at = 0.0
        self.code = ""

        intro = QLabel("In the Tactful extension, choose <b>Pair with the companion</b> and enter this code:")
        intro.setWordWrap(True)
        self.code_label = QLabel("")
        font = QFont("monospace", 26, QFont.Weight.Bold)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.countdown = QLabel("")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy_button = QPushButton("Copy code")
        self.copy_button.clicked.connect(self.copy)
        self.new_button = QPushButton("New code")
        self.new_button.clicked.connect(self.new_code)
        close = QPushButton("Close")
        close.clicked.connect(self.close)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        layout.addWidget(self.countdown)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)

    def new_code(self) -> None:
        self.code, ttl = self._get_code()
        self._expires_at = time.monotonic() + ttl
        self.code_label.setText(self.code)
        self.code_label.setEnabled(True)
        self.copy_button.setEnabled(True)
        self._tick()
        self._timer.start(1000)

    def _tick(self) -> None:
        left = max(0, int(round(self._expires_at - time.monotonic())))
        if left <= 0:
            self._timer.stop()
            self.countdown.setText("This code has expired. Choose New code to get another.")
            self.code_label.setEnabled(False)
            self.copy_button.setEnabled(False)
            return
        self.countdown.setText(f"Valid for {left // 60}:{left % 60:02d} — it works once.")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self.copy_button.setText("Copied")
        QTimer.singleShot(1500, lambda: self.copy_button.setText("Copy code"))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._timer.stop()
        super().closeEvent(event)


class SettingsDialog(QDialog):
    """Port, start-at-login and reminders. The caller applies the values after exec() accepts."""

    def __init__(self, port: int, autostart: bool, reminders: bool):
        super().__init__()
        self.setWindowTitle("Settings — Tactful")
        self.port = QSpinBox()
        self.port.setRange(1024, 65535)
        self.port.setValue(port)
        self.autostart = QCheckBox("Start Tactful when I log in")
        self.autostart.setChecked(autostart)
        self.reminders = QCheckBox("Remind me of follow-ups and thank-yous that are due")
        self.reminders.setChecked(reminders)
        note = QLabel("After changing the port, pair your browser again so the extension finds the companion.")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Port on 127.0.0.1:", self.port)
        form.addRow("", self.autostart)
        form.addRow("", self.reminders)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(box)
