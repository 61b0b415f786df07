// Renders the worker's state for one tab into panel.html. Text goes in through textContent only:
// everything shown comes from LinkedIn pages or the user's draft and is never parsed as HTML.

const $ = (sel) => document.querySelector(sel);
const SURFACE_NAMES = {
  connection_note: "Invitation note",
  message: "Message",
  inmail: "InMail",
  follow_up: "Follow-up",
};
const SEVERITY_NAMES = { error: "Must fix", warning: "Should fix", info: "Consider", hint: "Tip" };
const DEGREE_NAMES = { 1: "1st", 2: "2nd", 3: "3rd" };

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "class") node.className = v;
    else if (k.startsWith("data-") || k.startsWith("aria-") || k === "type" || k === "role") node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function show(sel, visible) {
  const node = typeof sel === "string" ? $(sel) : sel;
  if (node) node.hidden = !visible;
}

const CONNECTION_TEXT = {
  connected: "Connected",
  connecting: "Connecting…",
  disconnected: "Companion not reachable",
  unpaired: "Not paired",
};

function renderConnection(conn) {
  // data-state is a stable test hook: connected | disconnected | unpaired (connecting counts as
  // disconnected until the handshake proves the companion).
  const state = conn.state === "connecting" ? "disconnected" : conn.state;
  const badge = $('[data-field="connection"]');
  badge.dataset.state = state;
  badge.textContent = CONNECTION_TEXT[conn.state] || conn.state;
  const privacy = $('[data-field="privacy"]');
  if (conn.state === "connected") {
    privacy.hidden = false;
    privacy.textContent = conn.localOnly ? "Local-only: on" : "Local-only: off";
    privacy.title = conn.localOnly ? "Nothing leaves this computer." : "The companion may use online services you enabled.";
  } else {
    privacy.hidden = true;
  }
  const help = $('[data-section="connection-help"]');
  help.replaceChildren();
  if (conn.state === "unpaired") {
    help.append(el("p", { text: "This browser is not paired with the Tactful companion yet." }),
      el("p", { text: "Run " }, el("code", { text: "tactful pair" }),
        document.createTextNode(" (or choose “Pair a browser” in the tray), then type the code on the settings page.")),
      el("button", { type: "button", class: "btn btn-primary", "data-action": "options", text: "Open pairing" }));
    if (conn.message) help.append(el("p", { class: "quiet", text: conn.message }));
  } else if (conn.state === "disconnected" || (conn.state === "connecting" && conn.message)) {
    // impostor: something answered on the port but could not prove it is the paired companion.
    help.append(el("p", { text: conn.impostor
      ? `Another program is answering on port ${conn.port ?? "?"}, not your paired Tactful companion. It was sent nothing.`
      : `The companion is not answering on port ${conn.port ?? "?"}.` }),
      el("p", { text: "Start it with " }, el("code", { text: "tactful serve" }),
        document.createTextNode(" or the tray app. Tactful reconnects by itself.")),
      el("button", { type: "button", class: "btn", "data-action": "retry", text: "Retry now" }));
    if (conn.message) help.append(el("p", { class: "quiet", text: `Last problem: ${conn.message}` }));
  } else if (conn.state === "connected" && conn.serverPaused) {
    help.append(el("p", { text: "Coaching is paused in the companion (tray menu: Resume)." }));
  }
  show(help, help.childElementCount > 0);
}

function renderRecipient(r) {
  const section = $('[data-section="recipient"]');
  if (!r || !r.name) {
    show(section, false);
    $('[data-field="recipient-name"]').textContent = "";
    return;
  }
  show(section, true);
  $('[data-field="recipient-name"]').textContent = r.name;
  $('[data-field="recipient-headline"]').textContent = r.headline || "";
  const company = [r.current_title, r.current_company].filter(Boolean).join(" at ");
  $('[data-field="recipient-company"]').textContent = company;
  const degree = $('[data-field="recipient-degree"]');
  degree.textContent = DEGREE_NAMES[r.degree] ? `${DEGREE_NAMES[r.degree]}${r.pending_invite ? " · invite pending" : ""}` : "";
  degree.setAttribute("aria-label", r.degree ? `${DEGREE_NAMES[r.degree]} degree connection` : "");
  show(degree, Boolean(DEGREE_NAMES[r.degree]));
}

/** The words a finding points at, from its UTF-16 range over the draft (JS strings are UTF-16). */
function triggerText(finding, text) {
  const r = finding.range;
  if (!r || typeof text !== "string" || r.end <= r.start || r.end > text.length) return null;
  const words = text.slice(r.start, r.end).trim();
  return words ? (words.length > 120 ? `${words.slice(0, 117)}…` : words) : null;
}

/** The sentence a finding offers to paste: its fix, else the first quoted example in its
 *  suggestion (`e.g. "Thank you for considering it."`); advice without an example has none. */
export function copyableSentence(f) {
  if (f.fix?.replacement) return f.fix.replacement;
  const m = /[\u201c"]([^\u201d"]{8,})[\u201d"]/.exec(f.suggestion || "");
  return m ? m[1].trim() : null;
}

// Lists are rebuilt only when their content changed: typing a letter that changes nothing keeps
// the DOM (and a keyboard or screen-reader user's place in it) as it was.
const lastKeys = new Map();
function changed(name, value) {
  const key = JSON.stringify(value);
  if (lastKeys.get(name) === key) return false;
  lastKeys.set(name, key);
  return true;
}

function renderFindings(fb, draftText, actions) {
  const triggers = (fb.findings || []).map((f) => triggerText(f, draftText));
  if (!changed("findings", [fb.findings, triggers])) return;
  const list = $('[data-list="findings"]');
  list.replaceChildren();
  for (const f of fb.findings || []) {
    const item = el("li", { class: "finding", "data-code": f.code, "data-severity": f.severity });
    item.append(el("div", { class: "sev", text: SEVERITY_NAMES[f.severity] || f.severity }),
      el("p", { class: "message", text: f.message }));
    const trigger = triggerText(f, draftText);
    if (trigger) item.append(el("p", { class: "trigger" }, document.createTextNode("Triggered by "), el("mark", { text: trigger })));
    const row = el("div", { class: "actions" });
    const sentence = copyableSentence(f);
    if (f.suggestion) item.append(el("p", { class: "suggestion", text: f.suggestion }));
    if (sentence) {
      row.append(el("button", {
        type: "button", class: "btn", "data-action": "copy", "aria-label": `Copy the suggested sentence: ${sentence}`,
        text: "Copy sentence", onclick: () => actions.copy(sentence),
      }));
    }
    row.append(el("button", {
      type: "button", class: "btn", "data-action": "disable-rule", "aria-label": `Turn off the rule ${f.code}`,
      text: "Turn off this rule", onclick: () => actions.setRule(f.code, false),
    }));
    if (f.docs) row.append(el("span", { class: "quiet", text: f.code }));
    item.append(row);
    list.append(item);
  }
  const n = (fb.findings || []).length;
  $('[data-field="finding-count"]').textContent = n ? `(${n})` : "";
  show('[data-field="no-findings"]', n === 0);
}

function renderChecklist(fb) {
  if (!changed("checklist", fb.checklist)) return;
  const list = $('[data-list="checklist"]');
  list.replaceChildren();
  for (const c of fb.checklist || []) {
    list.append(el("li", { "data-check": c.id, "data-ok": String(Boolean(c.ok)) },
      el("span", { class: "mark", "aria-hidden": "true", text: c.ok ? "✓" : "✗" }),
      el("span", { class: "visually-hidden", text: c.ok ? "Done: " : "Missing: " }),
      el("span", { text: c.label })));
  }
}

function renderHints(fb, actions) {
  if (!changed("hints", fb.hints)) return;
  const list = $('[data-list="hints"]');
  list.replaceChildren();
  for (const h of fb.hints || []) {
    list.append(el("li", { "data-hint": h.kind },
      el("p", { text: h.text }),
      el("p", { class: "hint-why", text: h.why }),
      el("div", { class: "actions" }, el("button", {
        type: "button", class: "btn", "data-action": "copy-hint", "aria-label": "Copy this sentence",
        text: "Copy", onclick: () => actions.copy(h.text),
      }))));
  }
  show('[data-section="hints"]', (fb.hints || []).length > 0);
}

function renderFeedback(t, actions) {
  const fb = t.feedback;
  const section = $("#feedback");
  if (!fb || !t.draft) {
    show(section, false);
    section.removeAttribute("data-version");
    return;
  }
  show(section, true);
  section.dataset.version = String(fb.version);
  $('[data-field="score"]').textContent = String(fb.score);
  $('[data-field="score-meter"]').value = fb.score;
  const limits = $('[data-field="limits"]');
  if (fb.limits) {
    limits.textContent = `${fb.limits.used} / ${fb.limits.allowed} characters`;
    limits.dataset.over = String(fb.limits.used > fb.limits.allowed);
  }
  $('[data-field="surface"]').textContent = SURFACE_NAMES[fb.surface] || fb.surface;
  const n = (fb.findings || []).length;
  $('[data-field="summary"]').textContent = `Score ${fb.score} out of 100, ${n} suggestion${n === 1 ? "" : "s"}.`;
  renderChecklist(fb);
  renderFindings(fb, t.draft.text, actions);
  renderHints(fb, actions);
}

function renderEmpty(state) {
  const t = state.tab;
  const box = $('[data-section="empty"]');
  let text = "";
  if (!t || !t.pageKind) text = "Open a LinkedIn profile or conversation in this tab to get coaching.";
  else if (state.paused) text = "Tactful is paused. Nothing is read or sent until you switch it back on.";
  else if (t.feedbackError) text = t.feedbackError;
  else if (!t.draft) text = "Open a message box, an InMail or an invitation note and start typing: feedback appears here.";
  else if (!t.feedback && state.connection.state === "connected") text = "Reading your draft…";
  box.textContent = text;
  show(box, Boolean(text));
}

function renderFollowUp(t) {
  const o = t?.outreach;
  const followupFinding = (t?.feedback?.findings || []).find((f) => f.code.startsWith("followup."));
  const parts = [];
  if (o?.last_contact) parts.push(`Last contact: ${new Date(o.last_contact).toLocaleDateString()}.`);
  if (o?.state) parts.push(`Status: ${o.state}.`);
  if (o?.advice) parts.push(o.advice);
  if (followupFinding && !parts.includes(followupFinding.message)) parts.push(followupFinding.message);
  $('[data-field="followup"]').textContent = parts.join(" ");
  show('[data-section="followup"]', parts.length > 0);
}

function renderDisabled(codes, actions) {
  if (!changed("disabled", codes)) return;
  const list = $('[data-list="disabled"]');
  list.replaceChildren(...codes.map((code) => el("li", { "data-disabled-code": code },
    el("span", { text: code }),
    el("button", { type: "button", class: "btn", "data-action": "enable-rule", "aria-label": `Turn the rule ${code} back on`,
      text: "Turn on", onclick: () => actions.setRule(code, true) }))));
  show('[data-section="disabled"]', codes.length > 0);
}

/** Renders a full state message from the worker. */
export function render(state, actions) {
  renderConnection(state.connection || { state: "disconnected" });
  $('[data-action="pause"]').checked = Boolean(state.paused);
  const t = state.tab || {};
  renderRecipient(state.paused ? null : t.recipient);
  renderFeedback(state.paused ? {} : t, actions);
  renderFollowUp(state.paused ? null : t);
  renderDisabled(state.disabledRules || [], actions);
  renderEmpty(state);
}
