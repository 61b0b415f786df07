// The toolbar button opens the sidebar, Chrome's way: the side panel opens on a click.
// The Firefox build ships sidebar.firefox.js in this file's place (extension/scripts/build.py).

export function openSidebarFromToolbar() {
  chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
}
