// The toolbar button opens the sidebar, Firefox's way: `sidebar_action` has no click behaviour of
// its own, so a click toggles it (allowed: the click is a user action). The build puts this file
// in place of sidebar.js in the Firefox build.

export function openSidebarFromToolbar() {
  chrome.action.onClicked.addListener(() => browser.sidebarAction.toggle());
}
