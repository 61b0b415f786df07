"""The Outreach window: the pipeline as `tactful history` shows it, sortable, with the state actions
(the same store function as `tactful history set`), open in the browser, snooze and dismiss."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from companion.cli.history_cmd import COLUMNS, profile_link, row
from companion.store.db import STATES


class OutreachWindow(QWidget):
    def __init__(self, reminders, browse, guard):
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Outreach — Tactful")
        self.reminders, self._browse = reminders, browse
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # as listed until a click
        self.table.setSortingEnabled(True)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        actions = [("Open in browser", self.open), *[(s.capitalize(), lambda s=s: self.act(self.reminders.set_state, s))
                                                      for s in STATES if s != "asked"],
                   ("Snooze a day", lambda: self.act(self.reminders.mark, "snoozed")),
                   ("Dismiss", lambda: self.act(self.reminders.mark, "dismissed"))]
        for label, slot in actions:
            self.buttons[label] = button = QPushButton(label)
            button.clicked.connect(lambda *_, slot=slot: guard(slot))  # a failure is notified, not raised
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        self.resize(900, 360)
        self.table.itemSelectionChanged.connect(self._enable)
        self._enable()

    def refresh(self) -> None:
        rows, now = self.reminders.pipeline(), self.reminders.clock()
        self.table.setSortingEnabled(False)  # filling a sorted table would move rows under our feet
        self.table.setRowCount(len(rows))
        for i, (e, aside) in enumerate(rows):
            *cells, step = row(e, now)
            for col, text in enumerate([*cells, step + (f" ({aside})" if aside else "")]):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (e.recipient.slug, profile_link(e.recipient), e.due is not None))
                self.table.setItem(i, col, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        self._enable()

    def _enable(self) -> None:
        """Buttons act on the selected person: none without one, and no snooze or dismiss when
        nothing is due for them (they would do nothing)."""
        chosen = self.selected()
        for label, button in self.buttons.items():
            button.setEnabled(chosen is not None and (chosen[2] or label not in ("Snooze a day", "Dismiss")))

    def selected(self) -> tuple[str, str, bool] | None:
        """(slug, profile URL, whether something is due) of the selected row."""
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def open(self) -> None:
        if chosen := self.selected():
            self._browse(chosen[1])

    def act(self, fn, value: str) -> None:
        chosen = self.selected()
        if chosen:
            fn(chosen[0], value)
            self.refresh()
            self.select(chosen[0])

    def select(self, slug: str) -> None:
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).data(Qt.ItemDataRole.UserRole)[0] == slug:
                self.table.selectRow(i)
