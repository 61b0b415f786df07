"""The tray icon and its menu (Qt widgets). Behaviour lives in actions.TrayController; threads
and the garbage-collection rule: docs/tray.md, "How it is built".
"""

from __future__ import annotations

import gc
import logging
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QSystemTrayIcon

from companion import settings
from companion.tray.browser_link import offer_browser_link
from companion.tray.actions import ERASE_WARNING, TrayController
from companion.tray.icons import make_icon
from companion.tray.reminders import Reminders, notice, summary
from companion.tray.state import LOCAL_ONLY_OFF_WARNING, TrayState
from companion.tray.windows import PairWindow, SettingsDialog

log = logging.getLogger("tactful.tray")


def open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_url(url: str) -> None:
    QDesktopServices.openUrl(QUrl(url))


class MainThreadGC(QObject):
    """Run Python's cyclic garbage collector on the GUI thread only: collected on the server or store
    thread, a Qt object kept by a cycle would leave Qt a timer for a deleted object, and a crash
    (docs/tray.md). Automatic collection is off; a GUI-thread timer applies the same thresholds."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(500)

    @Slot()
    def check(self) -> None:
        (c0, c1, c2), (t0, t1, t2) = gc.get_count(), gc.get_threshold()
        if c0 > t0:
            gc.collect(2 if c2 > t2 else 1 if c1 > t1 else 0)


class TrayApp(QObject):
    """Owns the QSystemTrayIcon, its menu and the small windows."""

    status_changed = Signal(dict)

    def __init__(self, controller: TrayController, quit_app: Callable[[], None],
                 opener: Callable[[Path], None] = open_folder, browse: Callable[[str], None] = open_url,
                 clock: Callable[[], int] = lambda: int(time.time() * 1000)):
        super().__init__()
        self.controller = controller
        self._quit_app = quit_app
        self._opener = opener  # the desktop's file manager; tests pass a recorder
        self._browse = browse  # the default browser; tests pass a recorder
        self.reminders = Reminders(controller, clock)
        self.outreach_window = None
        self._click_url: str | None = None  # the profile of the reminder on screen
        self.notifications: list[tuple[str, str]] = []  # what was shown, for the user and tests
        self.pair_window: PairWindow | None = None
        self.state = TrayState()
        self._quitting = False
        self.gc = MainThreadGC(self)

        controller.on_paired = self._browser_paired
        controller.on_status = self.status_changed.emit  # emitted on the server thread ...
        # ... and run on the GUI thread: explicitly queued, never a direct call across threads.
        self.status_changed.connect(self.update_ui, Qt.ConnectionType.QueuedConnection)

        self.tray = QSystemTrayIcon()
        self.menu = QMenu()
        self.status_action = self.menu.addAction("Tactful")
        self.status_action.setEnabled(False)
        self.menu.addSeparator()
        self.pair_action = self._add("Pair a browser…", self.show_pairing)
        self.unpair_menu = self.menu.addMenu("Unpair a browser")  # one item per paired browser
        self._unpair_names: tuple[str, ...] | None = None
        self.pause_action = self._add("Pause coaching", self.toggle_pause)
        self.menu.addSeparator()
        self.outreach_action = self._add("Outreach…", self.show_outreach)
        self.reminders_action = self._add("Remind me of what is due", self.toggle_reminders)
        self.reminders_action.setCheckable(True)
        self.reminders_action.setChecked(settings.load_or_default(controller.data_dir).reminders)
        self.menu.addSeparator()
        self.local_only_action = self._add("Local-only mode", self.toggle_local_only)
        self.local_only_action.setCheckable(True)
        self.menu.addSeparator()
        self.history_action = self._add("Open history folder", self.open_history)
        self.export_action = self._add("Export my data…", self.export_data)
        self.erase_action = self._add("Erase my data…", self.erase_data)
        self.menu.addSeparator()
        self.settings_action = self._add("Settings…", self.show_settings)
        self.about_action = self._add("About Tactful", self.show_about)
        self.menu.addSeparator()
        self.quit_action = self._add("Quit Tactful", self.quit)
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)
        self.tray.messageClicked.connect(self._message_clicked)
        self.menu.aboutToShow.connect(self.check_reminders)

        self._poll = QTimer(self)  # also notices a server thread that died: the icon shows an error
        self._poll.timeout.connect(self.update_ui)
        self._poll.start(2000)
        self._remind = QTimer(self)  # one reminder per tick at most: each gets its time on screen
        self._remind.timeout.connect(self.check_reminders)
        self._remind.start(10_000)
        self.update_ui()
        self.tray.show()
        offer_browser_link(self)  # first start: no code to type (tray/browser_link.py)

    def _add(self, text: str, slot) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(lambda *_: self._guard(slot))
        return action

    def _guard(self, slot) -> None:
        """A failing action is shown to the user as a notification, never a crash of the tray."""
        try:
            slot()
        except Exception as exc:  # noqa: BLE001
            log.exception("tray action failed")
            self.notify("Tactful", f"That did not work: {exc}", error=True)
        self.update_ui()

    # --- display ----------------------------------------------------------------------------

    def update_ui(self) -> None:
        if self._quitting:  # the icon is hidden and the server stopped: nothing left to show
            return
        st = self.controller.refresh()
        changed_icon = (st.icon, st.privacy_badge) != (self.state.icon, self.state.privacy_badge)
        self.state = st
        if changed_icon or self.tray.icon().isNull():
            self.tray.setIcon(make_icon(st.icon, st.privacy_badge))
        self.tray.setToolTip(st.tooltip())
        self.status_action.setText(st.status_line())
        running = st.running and st.error is None
        self.pause_action.setText(st.pause_label)
        for action in (self.pair_action, self.pause_action):
            action.setEnabled(running)
        self.local_only_action.setChecked(st.local_only)
        self._list_unpair_items()

    def _list_unpair_items(self) -> None:
        names = tuple(self.controller.browsers())
        if names == self._unpair_names:
            return
        self._unpair_names = names
        self.unpair_menu.clear()
        for name in names:
            action = self.unpair_menu.addAction(name)
            action.triggered.connect(lambda *_, name=name: self._guard(lambda: self.unpair(name)))
        self.unpair_menu.setEnabled(bool(names))

    def notify(self, title: str, text: str, error: bool = False) -> None:
        self.notifications.append((title, text))
        self._click_url = None
        icon = QSystemTrayIcon.MessageIcon.Warning if error else QSystemTrayIcon.MessageIcon.Information
        self.tray.showMessage(title, text, icon, 6000)

    def check_reminders(self) -> None:
        """Show the count of what is due in the menu and notify the oldest item not notified yet
        (one per call: a click on a notification opens the profile of the one on screen).
        Silent while coaching is paused or reminders are off."""
        try:
            items, fresh = self.reminders.review()
            text = summary(items)
            self.outreach_action.setText(f"Outreach: {text}…" if text else "Outreach…")
            if fresh and not self.state.paused and self.reminders_action.isChecked():
                title, body, url = notice(*fresh[0])
                self.notify(title, body)
                self._click_url = url
                self.reminders.mark(fresh[0][0].slug, "notified")
        except Exception:  # noqa: BLE001 - the log is busy or closing: try again at the next tick
            log.exception("checking reminders failed")

    def _message_clicked(self) -> None:
        if self._click_url:
            self._browse(self._click_url)

    def _browser_paired(self, name: str) -> None:
        self.notify("Browser paired", f"{name} is now connected to Tactful.")
        if self.pair_window is not None and self.pair_window.isVisible():
            self.pair_window.close()

    def _activated(self, reason) -> None:
        # A left click shows the menu too: many Linux trays do not open it by themselves. macOS
        # opens the menu on any click already, so a second popup there would flicker.
        if reason == QSystemTrayIcon.ActivationReason.Trigger and sys.platform != "darwin":
            geo = self.tray.geometry()
            self.menu.popup(geo.bottomLeft() if not geo.isEmpty() else self.menu.pos())

    def confirm(self, title: str, text: str, ok_label: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text)
        ok = box.addButton(ok_label, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

    # --- menu actions -----------------------------------------------------------------------

    def show_pairing(self) -> None:
        if self.pair_window is None:
            self.pair_window = PairWindow(self.controller.pair)
        self.pair_window.new_code()
        self.pair_window.show()
        self.pair_window.raise_()
        self.pair_window.activateWindow()

    def toggle_pause(self) -> None:
        paused = self.controller.toggle_pause()
        self.notify("Tactful", "Coaching paused. Choose Resume coaching to continue."
                    if paused else "Coaching resumed.")

    def show_outreach(self) -> None:
        from companion.tray.outreach import OutreachWindow

        if self.outreach_window is None:
            self.outreach_window = OutreachWindow(self.reminders, self._browse, self._guard)
        self.outreach_window.refresh()
        self.outreach_window.show()
        self.outreach_window.raise_()

    def toggle_reminders(self) -> None:
        settings.update(self.controller.data_dir, reminders=self.reminders_action.isChecked())

    def toggle_local_only(self) -> None:
        want_on = self.local_only_action.isChecked()  # Qt flipped the check mark already
        if not want_on and not self.confirm("Turn off local-only mode?", LOCAL_ONLY_OFF_WARNING,
                                            "Turn off local-only"):
            self.local_only_action.setChecked(True)
            return
        self.controller.set_local_only(want_on)
        self.notify("Tactful", "Local-only mode is on: nothing leaves this computer."
                    if want_on else "Local-only mode is off: features you enable may use the network.")

    def open_history(self) -> None:
        self._opener(self.controller.history_folder())

    def export_data(self) -> None:
        name = f"tactful-export-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.json"
        dialog = QFileDialog(None, "Export my data", str(Path.home() / name), "JSON files (*.json)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # same dialog everywhere
        dialog.setDefaultSuffix("json")
        if not dialog.exec() or not dialog.selectedFiles():
            return
        path = self.controller.export_data(Path(dialog.selectedFiles()[0]))
        self.notify("Tactful", f"Your data was exported to {path}")

    def unpair(self, name: str) -> None:
        if not self.confirm("Unpair this browser?", f"{name} will stop getting coaching at once and must be "
                            "paired again to use Tactful.", "Unpair"):
            return
        closed = self.controller.unpair(name)
        self.notify("Browser unpaired", f"{name} was unpaired; {closed} open connection(s) closed.")

    def erase_data(self) -> None:
        if not self.confirm("Erase my data?", ERASE_WARNING, "Erase everything"):
            return
        count = self.controller.erase_data()
        self.notify("Tactful", f"Your outreach log was erased ({count} {'person' if count == 1 else 'people'}).")

    def show_settings(self) -> None:
        st = self.controller.state()
        dialog = SettingsDialog(st.port or settings.DEFAULT_PORT, self.controller.autostart_enabled(),
                                self.reminders_action.isChecked())
        if not dialog.exec():
            return
        if dialog.reminders.isChecked() != self.reminders_action.isChecked():
            self.reminders_action.setChecked(dialog.reminders.isChecked())
            self.toggle_reminders()
        if dialog.autostart.isChecked() != self.controller.autostart_enabled():
            self.controller.set_autostart(dialog.autostart.isChecked())
        if dialog.port.value() != st.port:
            self.controller.set_port(dialog.port.value())
            self.notify("Tactful", f"The companion now listens on port {dialog.port.value()}. Pair your browser again.")

    def show_about(self) -> None:
        QMessageBox.about(None, "About Tactful", self.controller.about_text())

    def quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        self._poll.stop()
        self._remind.stop()
        for window in (self.pair_window, self.outreach_window):
            if window is not None:
                window.close()
        self.tray.hide()
        self.controller.stop()
        self._quit_app()
