// The extension's background: relays between LinkedIn tabs (the sensor), the companion (one
// WebSocket) and the sidebars. Listeners are registered synchronously at the top level so a
// revived worker receives the event that woke it.

import { CommandFailed, CompanionClient } from "./companion.js";
import * as settings from "./settings.js";
import { openSidebarFromToolbar } from "./sidebar.js";
import { TabState } from "./tabs.js";
import { SURFACES } from "../protocol.js";
import { INTRODUCE_RETRY_MS, NATIVE_HOST } from "../config.js";

const LINKEDIN = /^https:\/\/www\.linkedin\.com\//;
const BROWSER = typeof browser !== "undefined" && browser.runtime?.getBrowserInfo ? "Firefox" : "Chrome";

const tabs = new Map(); // tabId -> TabState
const sensors = new Map(); // tabId -> runtime.Port of the content script
const panels = new Set(); // {port, tabId}
let prefs = { paused: false, disabledRules: [], autoPair: true };

const client = new CompanionClient({
  credentials: async () => {
    const s = await settings.load();
    return { port: s.port, token: s.token, clientName: s.clientName, newClientName: settings.newClientName(BROWSER) };
  },
  introduce: () => introduce(),
  // null: the companion refused our token (unpaired there): forget it, and pair again only when asked.
  saveCredentials: async (creds) => {
    await settings.saveCredentials(creds);
    if (!creds) await setAutoPair(false);
  },
  onState: () => broadcastAll(),
  onEvent: () => broadcastAll(),
  onAuthed: () => resendAll(),
  wantKeepalive: () => sensors.size > 0,
});

function tab(tabId) {
  let t = tabs.get(tabId);
  if (!t) {
    t = new TabState(tabId);
    tabs.set(tabId, t);
  }
  return t;
}

// --- to the companion --------------------------------------------------------------------------

async function resendAll() {
  try {
    await client.request("settings", { disabled_rules: prefs.disabledRules, paused: prefs.paused });
  } catch (_) { /* an old companion without settings still coaches */ }
  const ordered = [...tabs.values()].filter((t) => sensors.has(t.tabId))
    .sort((a, b) => a.lastActivity - b.lastActivity);
  for (const t of ordered) {
    if (t.html) sendPage(t);
    else if (t.draft) sendDraft(t);
  }
  broadcastAll();
}

/** Sends the tab's snapshot (the companion keeps a context per tab); when it is parsed, re-runs
 * the draft so feedback uses the context. The result carries the recipient's outreach entry. */
function sendPage(t) {
  if (!client.connected || !t.html || prefs.paused) return;
  const seq = ++t.pageSeq;
  t.pageStatus = "pending";
  t.contextReady = client.request("page", { url: t.url, html: t.html, captured_at: t.capturedAt, tab: t.tabId })
    .then((result) => {
      if (seq !== t.pageSeq) return;
      t.page = result && typeof result === "object" ? result : null;
      t.outreach = t.page?.outreach || null;
      t.pageStatus = "ok";
      t.pageError = null;
      broadcast(t.tabId);
      if (t.draft) sendDraft(t);
    })
    .catch((err) => {
      if (seq !== t.pageSeq) return;
      t.pageStatus = "error";
      t.pageError = err.code === "unknown_command" ? "This companion cannot read pages yet." : err.message;
      broadcast(t.tabId);
      if (t.draft) sendDraft(t);
    });
  broadcast(t.tabId);
}

/** The companion coaches it against this tab's page and decides whether it is a follow-up. */
function sendDraft(t) {
  const d = t.draft;
  if (!d || prefs.paused || !client.connected) return;
  const recipient = d.recipient || t.recipient()?.slug || undefined;
  client.request("draft", { ...d, recipient, tab: t.tabId })
    .then((fb) => {
      if (t.acceptFeedback(d.draft_id, fb)) broadcast(t.tabId);
    })
    .catch((err) => {
      if (!(err instanceof CommandFailed) || err.code === "superseded") return;
      if (t.draft?.draft_id !== d.draft_id) return;
      t.feedbackError = err.code === "paused" ? "Coaching is paused in the companion." : err.message;
      broadcast(t.tabId);
    });
}

/** Logs a send in the outreach log; the sidebar drops the sent draft's feedback and says whether
 *  the send was logged. */
function sendSent(t, msg) {
  const slug = msg.recipient?.slug || t.recipient()?.slug;
  // The page's person only when the message went to them (not from a bubble left open elsewhere).
  const known = t.isPagePerson(slug, msg.recipient?.name) ? t.recipient() : null;
  const sent = t.markSent(msg.recipient?.name || known?.name);
  const done = (logged, error = null) => {
    if (t.sent !== sent) return; // a new draft or page since
    Object.assign(sent, { logged, error });
    broadcast(t.tabId);
  };
  broadcast(t.tabId);
  if (!slug || !SURFACES.includes(msg.surface)) return done(false, "no recipient known");
  if (!client.connected || prefs.paused) {
    return done(false, prefs.paused ? "Tactful is paused" : "the companion is not connected");
  }
  const recipient = {
    slug,
    url: msg.recipient?.url || known?.url || undefined,
    name: msg.recipient?.name || known?.name || undefined,
    company: known?.current_company || undefined,
  };
  client.request("sent", { recipient, surface: msg.surface, text: msg.text, sent_at: new Date().toISOString() })
    .then((res) => {
      if (res?.entry && t.recipient()?.slug === slug) t.outreach = res.entry;
      done(true);
    })
    .catch((err) => done(false, err.message)); // the log is best effort; coaching goes on
}

// --- from the sensor ---------------------------------------------------------------------------

function onSensorMessage(tabId, msg) {
  if (!msg || typeof msg !== "object") return;
  const t = tab(tabId);
  switch (msg.kind) {
    case "hello": // a new document (a reload keeps the URL) forgets the old one's draft
      if (t.url !== msg.url || (t.instance && t.instance !== msg.instance)) t.navigate(msg.url, msg.pageKind);
      t.instance = msg.instance;
      broadcast(tabId);
      break;
    case "nav":
      t.navigate(msg.url, msg.pageKind);
      broadcast(tabId);
      break;
    case "page":
      if (t.url !== msg.url) t.navigate(msg.url, msg.pageKind);
      t.html = msg.html;
      t.capturedAt = msg.capturedAt;
      t.lastActivity = Date.now();
      sendPage(t);
      break;
    case "draft":
      if (!msg.draft || !SURFACES.includes(msg.draft.surface) || typeof msg.draft.text !== "string") return;
      t.setDraft(msg.draft);
      sendDraft(t);
      if (!t.feedback) broadcast(tabId); // else the feedback, a moment later, re-renders the panel once
      break;
    case "composer_closed":
      t.draft = null;
      t.feedback = null;
      broadcast(tabId);
      break;
    case "sent":
      sendSent(t, msg);
      break;
    case "edit_result": {
      const asker = editsPending.get(msg.reqId);
      editsPending.delete(msg.reqId);
      if (asker) post(asker, { kind: "edit_result", ok: msg.ok === true, action: msg.action, error: msg.error || null });
      break;
    }
    default:
      break;
  }
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name === "sensor") {
    const tabId = port.sender?.tab?.id;
    const url = port.sender?.url || port.sender?.tab?.url || "";
    if (tabId === undefined || !LINKEDIN.test(url) || port.sender?.id !== chrome.runtime.id) {
      port.disconnect();
      return;
    }
    sensors.set(tabId, port);
    port.onMessage.addListener((msg) => onSensorMessage(tabId, msg));
    port.onDisconnect.addListener(() => {
      if (sensors.get(tabId) === port) sensors.delete(tabId);
    });
    ready.then(() => client.nudge());
  } else if (port.name === "panel") {
    const entry = { port, tabId: null };
    panels.add(entry);
    port.onMessage.addListener((msg) => onPanelMessage(entry, msg));
    port.onDisconnect.addListener(() => panels.delete(entry));
    ready.then(() => client.nudge());
  }
});

// --- the sidebar ---------------------------------------------------------------------------------

function snapshotFor(tabId) {
  const t = tabId === null || tabId === undefined ? null : tabs.get(tabId);
  return {
    kind: "state",
    connection: { state: client.state, ...client.detail },
    paused: prefs.paused,
    disabledRules: prefs.disabledRules,
    autoPair: prefs.autoPair, // false: unpaired on purpose, so it will not pair itself again
    tab: t ? t.view() : { tabId, pageKind: null },
  };
}

function broadcast(tabId) {
  for (const p of panels) if (p.tabId === tabId) post(p.port, snapshotFor(tabId));
}

function broadcastAll() {
  for (const p of panels) post(p.port, snapshotFor(p.tabId));
}

function post(port, msg) {
  try { port.postMessage(msg); } catch (_) { /* the panel closed */ }
}

async function onPanelMessage(entry, msg) {
  if (!msg || typeof msg !== "object") return;
  if (msg.kind === "follow") {
    entry.tabId = Number.isInteger(msg.tabId) ? msg.tabId : null;
    post(entry.port, snapshotFor(entry.tabId));
  } else if (msg.kind === "set_rule") {
    const codes = new Set(prefs.disabledRules);
    if (msg.enabled) codes.delete(msg.code);
    else codes.add(msg.code);
    prefs.disabledRules = [...codes].sort();
    await settings.setDisabledRules(prefs.disabledRules);
    if (client.connected) {
      await client.request("settings", { disabled_rules: prefs.disabledRules }).catch(() => {});
      for (const t of tabs.values()) if (t.draft) sendDraft(t);
    }
    broadcastAll();
  } else if (msg.kind === "set_paused") {
    await setPaused(Boolean(msg.paused));
  } else if (msg.kind === "retry") {
    client.nudge();
  } else if (msg.kind === "edit") {
    forwardEdit(entry, msg);
  } else if (msg.kind === "set_state") {
    setOutreachState(entry, msg);
  }
}

/** A state button in the sidebar's outreach block: stored by the companion, shown from its answer. */
async function setOutreachState(entry, msg) {
  const t = tabs.get(msg.tabId);
  try {
    const res = await client.request("outreach.update", { slug: String(msg.slug), state: msg.state });
    if (t && res?.entry && t.outreach?.recipient?.slug === res.entry.recipient.slug) {
      t.outreach = res.entry;
      broadcast(t.tabId);
    }
  } catch (err) {
    post(entry.port, { kind: "edit_result", ok: false, error: `The state was not saved: ${err.message}` });
  }
}

// Show / Apply / Insert, clicked in a sidebar: the sensor of that tab does it, on the composer
// whose draft the sidebar shows (it checks the draft id), and answers with edit_result.
const EDIT_ACTIONS = new Set(["show", "apply", "insert"]);
const editsPending = new Map(); // reqId -> the asking panel's port
let nextEditId = 1;

function forwardEdit(entry, msg) {
  const sensor = sensors.get(msg.tabId);
  if (!EDIT_ACTIONS.has(msg.action) || !sensor || prefs.paused) {
    post(entry.port, { kind: "edit_result", ok: false, action: msg.action,
      error: prefs.paused ? "Tactful is paused." : "That LinkedIn tab is not reachable; reload it and try again." });
    return;
  }
  const reqId = nextEditId++;
  editsPending.set(reqId, entry.port);
  if (editsPending.size > 50) editsPending.delete(editsPending.keys().next().value);
  const { action, draftId, range, replacement, expected, text } = msg;
  post(sensor, { kind: "edit", reqId, action, draftId, range, replacement, expected, text });
}

async function setAutoPair(on) {
  prefs.autoPair = on;
  await settings.setAutoPair(on);
}

async function setPaused(paused) {
  prefs.paused = paused;
  await settings.setPaused(paused);
  if (client.connected) await client.request("settings", { paused }).catch(() => {});
  if (!paused) for (const port of sensors.values()) post(port, { kind: "resend" });
  broadcastAll();
}

// --- pairing through the browser (native messaging) -------------------------------------------
// The browser starts `tactful native-host` for this extension only and tells it who is calling; the
// host asks the companion for a token bound to our origin and hands it over on stdin/stdout, so it
// never crosses the companion's port. The token is then used like a code-paired one (auth_begin).

let introducing = null;
let lastIntroduction = 0;
let nativeProblem = null; // why the last introduction failed (null: it worked, or no host is installed)

function introduce() {
  if (!introducing) {
    introducing = askNativeHost().catch(() => null).finally(() => { introducing = null; });
  }
  return introducing;
}

async function askNativeHost() {
  const s = await settings.load();
  if (!s.autoPair || !chrome.runtime.sendNativeMessage || Date.now() - lastIntroduction < INTRODUCE_RETRY_MS) {
    return null;
  }
  lastIntroduction = Date.now();
  const name = settings.newClientName(BROWSER);
  let reply;
  try {
    reply = await chrome.runtime.sendNativeMessage(NATIVE_HOST,
      { type: "introduce", client_name: name, origin: globalThis.location.origin });
  } catch (err) { // no host installed (or it crashed): pairing by code is the way
    nativeProblem = /not found|no such native application/i.test(err?.message || "") ? null : String(err?.message || err);
    return null;
  }
  if (reply?.type !== "introduction" || !settings.validPort(reply.port) || typeof reply.token !== "string"
      || !reply.token || typeof reply.client_name !== "string") {
    nativeProblem = reply?.type === "error" ? `${reply.message} (${reply.code})` : "the native host answered oddly";
    return null;
  }
  nativeProblem = null;
  await settings.setPort(reply.port);
  await settings.saveCredentials({ token: reply.token, clientName: reply.client_name, via: "native" });
  return { port: reply.port, token: reply.token, clientName: reply.client_name, newClientName: name };
}

// --- the options page ------------------------------------------------------------------------

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (sender.id !== chrome.runtime.id || sender.tab && LINKEDIN.test(sender.tab.url || "")) return false;
  handleOptions(msg).then(reply, (err) => reply({ ok: false, error: err.message }));
  return true; // the reply is async
});

async function handleOptions(msg) {
  await ready;
  switch (msg?.kind) {
    case "status": {
      const s = await settings.load();
      return { ok: true, state: client.state, detail: client.detail, port: s.port, paired: Boolean(s.token),
        clientName: s.token ? s.clientName : s.unpairedName, pairedVia: s.token ? s.pairedVia : null, nativeProblem };
    }
    case "pair": {
      await setAutoPair(true);
      const code = String(msg.code || "").trim();
      if (!code) return { ok: false, error: "Type the code that `tactful pair` printed." };
      if (msg.port !== undefined) await settings.setPort(msg.port);
      const s = await settings.load();
      await client.pair(code, {
        port: s.port, token: null, clientName: null, newClientName: settings.newClientName(BROWSER),
      });
      return { ok: true, state: client.state };
    }
    case "unpair": // stays unpaired: the worker no longer pairs itself through the browser
      client.close();
      prefs.autoPair = false;
      await settings.unpair();
      await client.connect();
      return { ok: true, state: client.state };
    case "introduce": { // "Pair through the browser", on the options page
      await setAutoPair(true);
      lastIntroduction = 0;
      if (!client.connected) {
        client.close();
        await client.connect();
      }
      const s = await settings.load();
      return s.token ? { ok: true, state: client.state }
        : { ok: false, error: nativeProblem || "the browser has no Tactful host: run `tactful browser install`" };
    }
    case "set_port":
      await settings.setPort(msg.port);
      client.close();
      await client.connect();
      return { ok: true, state: client.state };
    default:
      return { ok: false, error: "unknown request" };
  }
}

// --- browser plumbing ----------------------------------------------------------------------------

chrome.tabs.onRemoved.addListener((tabId) => {
  tabs.delete(tabId);
  sensors.delete(tabId);
});

openSidebarFromToolbar();

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== "local") return;
  if (changes.paused) prefs.paused = changes.paused.newValue === true;
  if (changes.disabledRules) prefs.disabledRules = changes.disabledRules.newValue || [];
});

// For tests and debugging from the worker's console; web pages cannot reach the worker's globals.
globalThis.__tactful = { tabs, sensors, panels, client };

const ready = settings.load().then((s) => {
  prefs = { paused: s.paused, disabledRules: s.disabledRules, autoPair: s.autoPair };
  return client.connect();
});
