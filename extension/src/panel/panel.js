// The sidebar: follows one tab (?tab=<id>, used by tests and a pop-out window) or the active tab
// of its window, and renders what the worker knows about it. It writes into LinkedIn's editor
// only when the user clicks Show, Apply or Insert, through the content script of that tab.

import { PendingSwitch, render } from "./render.js";

const params = new URLSearchParams(location.search);
const pinnedTab = params.has("tab") ? Number(params.get("tab")) : null;
if (params.get("theme") === "light" || params.get("theme") === "dark") {
  document.documentElement.dataset.theme = params.get("theme");
}

let port = null;
let followed = pinnedTab;
let retryDelay = 100;

let pendingFocus = null; // after switching a rule, keep keyboard focus on its counterpart control

let lastState = null;
const pauseSwitch = new PendingSwitch();

const actions = {
  copy: (text) => copy(text),
  // Show / Apply / Insert: the worker hands it to the tab's content script, which acts only on the
  // composer this draft came from.
  edit: (request) => {
    const draft = lastState?.tab?.draft;
    if (!draft) return;
    post({ kind: "edit", tabId: followed, draftId: draft.draftId, ...request });
  },
  // Agreed / declined / referred: the worker stores it with outreach.update (as `tactful history set`).
  setState: (slug, state) => post({ kind: "set_state", tabId: followed, slug, state }),
  setRule: (code, enabled) => {
    pendingFocus = enabled
      ? `[data-code="${CSS.escape(code)}"] [data-action="disable-rule"]`
      : `[data-disabled-code="${CSS.escape(code)}"] [data-action="enable-rule"]`;
    post({ kind: "set_rule", code, enabled });
  },
};

function restoreFocus() {
  if (!pendingFocus) return;
  const target = document.querySelector(pendingFocus);
  if (target) {
    target.closest("details")?.setAttribute("open", "");
    target.focus();
    pendingFocus = null;
  }
}

function post(msg) {
  try {
    port?.postMessage(msg);
  } catch (_) { /* reconnecting */ }
}

/** One port to the worker; when the worker restarts the port drops and we reconnect (waking it). */
function connect() {
  port = chrome.runtime.connect({ name: "panel" });
  port.onMessage.addListener((msg) => {
    retryDelay = 100;
    if (msg?.kind === "state") {
      lastState = { ...msg, paused: pauseSwitch.shown(msg.paused) };
      render(lastState, actions);
      restoreFocus();
    } else if (msg?.kind === "edit_result" && !msg.ok) {
      say(msg.error || "That did not work.");
    }
  });
  port.onDisconnect.addListener(() => {
    port = null;
    pauseSwitch.reset(); // a restarted worker may never have seen the change: its state decides
    setTimeout(connect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 3000);
  });
  post({ kind: "follow", tabId: followed });
}

async function followActiveTab() {
  if (pinnedTab !== null) return;
  const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
  followed = active?.id ?? null;
  post({ kind: "follow", tabId: followed });
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {
    // Clipboard API refused (no focus): fall back to a selection copy inside this page.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  say("Copied to the clipboard.");
}

function say(text) {
  const status = document.querySelector('[data-field="copied"]');
  status.textContent = text;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { status.textContent = ""; }, 4000);
}

document.addEventListener("click", (event) => {
  const action = event.target.closest?.("[data-action]")?.dataset.action;
  if (action === "options") chrome.runtime.openOptionsPage();
  else if (action === "retry") post({ kind: "retry" });
  else if (action === "popout" && followed !== null) {
    // A window that keeps following this tab, e.g. beside a LinkedIn window on another screen.
    const url = chrome.runtime.getURL(`src/panel/panel.html?tab=${followed}`);
    chrome.windows?.create({ url, type: "popup", width: 420, height: 820 });
  }
});
document.querySelector('[data-action="pause"]').addEventListener("change", (event) => {
  pauseSwitch.set(event.target.checked);
  post({ kind: "set_paused", paused: event.target.checked });
  if (lastState) render({ ...lastState, paused: event.target.checked }, actions);
});

if (pinnedTab === null) {
  chrome.tabs.onActivated.addListener(followActiveTab);
  chrome.tabs.onUpdated?.addListener((tabId, info) => {
    if (tabId === followed && info.status === "complete") post({ kind: "follow", tabId });
  });
}
connect();
followActiveTab();
