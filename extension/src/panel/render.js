// Renders the worker's state for one tab into panel.html. Text goes in through textContent only:
// everything shown comes from LinkedIn pages or the user's draft and is never parsed as HTML.

import { RULE_ITEM, RULE_WHY } from "./rules.js";

// sentences.js, loaded before this module as in the content script: where Insert puts a sentence
// and whether an edit fits the box's limit, computed here the way the content script will do it.
const T = globalThis.__tactful || {};

const $ = (sel) => document.querySelector(sel);
const SURFACE_NAMES = {
  connection_note: "Invitation note",
  message: "Message",
  inmail: "InMail",
  follow_up: "Follow-up",
};
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

function renderConnection(conn, autoPair) {
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
  if (conn.state === "unpaired" && autoPair === false) {
    // Unpaired on purpose (here, or in the companion): it will not pair itself again.
    help.append(el("p", { text: conn.message
      ? "The companion no longer accepts this browser: it was unpaired there."
      : "You unpaired this browser, so Tactful sends nothing to the companion." }),
      el("p", { text: "To pair again, open the settings and press “Pair through the browser”, "
                     + "or type a code from " },
        el("code", { text: "tactful pair" }), document.createTextNode(" (or “Pair a browser” in the tray).")),
      el("button", { type: "button", class: "btn btn-primary", "data-action": "options", text: "Open pairing" }));
  } else if (conn.state === "unpaired") {
    help.append(el("p", { text: "This browser is not paired with the Tactful companion yet." }),
      el("p", { text: "Run " }, el("code", { text: "tactful browser install" }),
        document.createTextNode(" once and Tactful pairs itself. Or run "), el("code", { text: "tactful pair" }),
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

/** The range without the spaces at its ends, so Show selects the words and nothing around them. */
export function trimmedRange(range, text) {
  if (!range || typeof text !== "string" || range.end <= range.start || range.end > text.length) return null;
  let { start, end } = range;
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  return end > start ? { start, end } : null;
}

/** The sentence a finding offers to paste: its fix, else the first quoted example in its
 *  suggestion (`e.g. "Thank you for considering it."`), ending with punctuation ("Happy to send my
 *  resume."). Advice without an example has none, nor has one whose example is not a sentence
 *  (`e.g. "the Senior Backend Engineer role, job ID 12345"`: a fragment to adapt, not to paste)
 *  or is a template (`"…the [role title] role"`: pasted, its placeholders would be a must-fix). */
export function copyableSentence(f) {
  if (f.fix?.replacement) return f.fix.replacement;
  const m = /[\u201c"]([^\u201d"]{8,})[\u201d"]/.exec(f.suggestion || "");
  const example = m ? m[1].trim() : "";
  if (!/^\p{Lu}/u.test(example) || /\[[^\]]*\]/.test(example)) return null;
  return /[.!?…]["'\u201d\u2019)\]]*$/.test(example) ? example : `${example}.`;
}

/** Why Insert of `sentence` would not fit the box's limit (null: it fits); `room` is the draft's
 *  {text, surface, limit, caret}. */
function insertNoRoom(sentence, room) {
  if (!room?.limit || !T.sentenceInsertion) return null;
  const { value } = T.sentenceInsertion(room.text, room.caret, sentence);
  return T.noRoom(room.surface, room.text.length, value.length, room.limit);
}

/** The fix Apply makes, when its range is within the draft. */
const fixOf = (f, text) => (f.fix?.range && f.fix.range.end <= text.length ? f.fix : null);

/** Why the card's Apply or Insert would not fit the box's limit (null: it fits, or it has none). */
function noRoomFor(f, room) {
  const fix = fixOf(f, room.text);
  if (fix) {
    const grow = (fix.replacement || "").length - (fix.range.end - fix.range.start);
    return T.noRoom?.(room.surface, room.text.length, grow, room.limit) ?? null;
  }
  const sentence = f.range || f.fix ? null : copyableSentence(f);
  return sentence ? insertNoRoom(sentence, room) : null;
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

const GROUPS = [
  { id: "must", title: "Must fix", severities: ["error"] },
  { id: "should", title: "Should fix", severities: ["warning"] },
  { id: "consider", title: "Consider", severities: ["info", "hint"] },
];
const RANK = { error: 0, warning: 1, info: 2, hint: 3 };
const groupOf = (severity) => (GROUPS.find((g) => g.severities.includes(severity)) || GROUPS[2]).id;

// What a card of several findings on one point is headed, by checklist item (the tone card's
// findings are all "polite") or, for repeats of one rule without an item, by the rule's family.
const POINT_TITLE = {
  specific: "Role and company", personal: "Something of theirs", fit: "Your fit", time: "Their time",
  materials: "Resume or link", out: "An easy out", thanks: "Thanks", polite: "Tone",
  template: "Placeholders", privacy: "Confidential asks", dup: "Mass message", fact: "Facts",
  readability: "Long sentences", timing: "When to send",
};

// On a reminder the role and company are not asked for again: that point is what it follows up on.
const REMINDER_TITLE = { specific: "What it follows up on" };

/** The heading of a card of several findings on one point (`reminder`: the draft is a follow-up). */
export function cardTitle(card, reminder) {
  const family = card.point.split(".")[0];
  return (reminder && REMINDER_TITLE[card.point]) || POINT_TITLE[card.point] || POINT_TITLE[family] || "";
}

/** The point a finding is about: its rule's checklist item (or the one a finding names, as a short
 *  draft's "no role at a named company" does), every tone finding "polite", else the rule itself. */
function pointOf(f) {
  if (f.code.startsWith("tone.")) return "polite";
  return f.data?.item || RULE_ITEM[f.code] || f.code;
}

/**
 * The cards to show: one per point, so a missing role raised by three rules is one card, and two
 * placeholders are one card with a Show for each. A card holds the findings in the order they
 * came (the most severe first) and takes the worst severity among them. Keys stay the same while
 * the user types (the point, not offsets), so a card keeps its place.
 */
export function cardsOf(findings) {
  const cards = [];
  const byPoint = new Map();
  // "refer me" as an order, or with no role, and as a first-message ask: one phrase, one card. The
  // cold-ask finding joins the card already about its words.
  const overlaps = (a, b) => a.range && b.range && a.range.start < b.range.end && b.range.start < a.range.end;
  const host = (f) => (f.code === "relationship.cold-ask"
    ? findings.find((g) => g !== f && g.code !== f.code && overlaps(f, g)) : null);
  for (const f of findings) {
    const joined = host(f);
    const point = joined ? pointOf(joined) : pointOf(f);
    let card = byPoint.get(point);
    if (!card) {
      card = { key: point, point, merged: false, findings: [], severity: f.severity };
      byPoint.set(point, card);
      cards.push(card);
    }
    card.findings.push(f);
    card.merged = card.findings.length > 1;
    if (RANK[f.severity] < RANK[card.severity]) card.severity = f.severity;
  }
  return cards;
}

/** Previous keys keep their order; new keys go after them (a new card never pushes old ones down). */
export function steadyOrder(previous, keys) {
  const now = new Set(keys);
  const kept = previous.filter((k) => now.has(k));
  const keptSet = new Set(kept);
  return kept.concat(keys.filter((k) => !keptSet.has(k)));
}

/** The order of each draft's cards, by tab and composer (tabs never reorder each other's): every
 *  key shown for that draft, in the order first shown. A card that goes and comes back (its rule
 *  switched off and on again, a thank-you typed then deleted) takes its old place, not the end. */
export class CardOrders {
  constructor(max = 20) {
    this.max = max;
    this.drafts = new Map(); // draft -> Map(group -> [key, ...])
  }

  /** `keys` (one group's cards of `draft`) in their steady order. */
  order(draft, group, keys) {
    let groups = this.drafts.get(draft);
    if (!groups) {
      groups = new Map();
      this.drafts.set(draft, groups);
      if (this.drafts.size > this.max) this.drafts.delete(this.drafts.keys().next().value);
    }
    const seen = groups.get(group) || [];
    const shown = steadyOrder(seen, keys);
    const known = new Set(seen);
    groups.set(group, seen.concat(shown.filter((k) => !known.has(k))));
    return shown;
  }
}

function findingNode(f, room, actions, compact) {
  const draftText = room.text;
  const item = el(compact ? "div" : "li", { class: compact ? "finding finding-part" : "finding", "data-code": f.code, "data-severity": f.severity });
  // The group says how much it matters; the card says what and where.
  item.append(el("div", { class: "finding-head" }, el("p", { class: "message", text: f.message }), ruleMenu(f, actions)));
  const trigger = triggerText(f, draftText);
  if (trigger) item.append(el("p", { class: "trigger" }, document.createTextNode("Triggered by "), el("mark", { text: trigger })));
  if (f.suggestion) item.append(el("p", { class: "suggestion", text: f.suggestion }));
  const row = el("div", { class: "actions" });
  const range = trimmedRange(f.range, draftText);
  if (range) {
    row.append(el("button", {
      type: "button", class: "btn", "data-action": "show", "aria-label": `Show “${trigger}” in the message box`,
      text: "Show in message", onclick: () => actions.edit({ action: "show", range }),
    }));
  }
  // An edit that would not fit the box's limit (a near-full invitation note) is greyed out, with why.
  const tooLong = noRoomFor(f, room);
  const fixRange = fixOf(f, draftText)?.range;
  if (fixRange) {
    const replacement = f.fix.replacement;
    row.append(el("button", {
      type: "button", class: "btn btn-primary", "data-action": "apply", disabled: Boolean(tooLong), title: tooLong,
      "aria-label": replacement ? `Apply: replace with “${replacement}”` : "Apply: remove these words",
      // The whole rewrite, wrapping: a label cut at 40 characters hid what the click would write.
      text: replacement ? `Apply "${replacement.length > 160 ? `${replacement.slice(0, 159)}…` : replacement}"`
        : "Remove these words",
      onclick: () => actions.edit({ action: "apply", range: fixRange, replacement,
        expected: draftText.slice(fixRange.start, fixRange.end) }),
    }));
  }
  // Insert and Copy are for something missing. A finding on words already typed (a range) is fixed
  // by rewording them: adding its example would leave them, and the finding, where they are.
  // With a fix, Apply does the job; copying one word helps nobody.
  const sentence = f.range || f.fix ? null : copyableSentence(f);
  if (sentence) {
    row.append(el("button", {
      type: "button", class: "btn", "data-action": "insert", "aria-label": `Insert into your message: ${sentence}`,
      disabled: Boolean(tooLong), title: tooLong, text: "Insert",
      onclick: () => actions.edit({ action: "insert", text: sentence }),
    }), el("button", {
      type: "button", class: "btn", "data-action": "copy", "aria-label": `Copy the suggested sentence: ${sentence}`,
      text: "Copy sentence", onclick: () => actions.copy(sentence),
    }));
  }
  if (row.childElementCount) item.append(row);
  if (tooLong) item.append(el("p", { class: "no-room", "data-no-room": "", text: tooLong }));
  return item;
}

/** The small per-card menu: the rule's code, its docs, and (except for must-fix) its switch. */
function ruleMenu(f, actions) {
  // Why the check exists first, in words; its code (what docs/rules.md and `tactful check` name it) last.
  const body = el("div", { class: "menu-body" },
    el("p", { class: "rule-why", text: RULE_WHY[f.code] || "" }),
    el("span", { class: "quiet" }, document.createTextNode("Check "), el("code", { text: f.code })));
  if (f.severity !== "error") {
    body.append(el("button", {
      type: "button", class: "btn", "data-action": "disable-rule", "aria-label": `Turn off the rule ${f.code}`,
      text: "Turn off this rule", onclick: () => actions.setRule(f.code, false),
    }));
  }
  return el("details", { class: "menu" }, el("summary", { "aria-label": `More about the rule ${f.code}`, title: "More", text: "⋯" }), body);
}

function cardNode(card, room, actions) {
  if (!card.merged) return findingNode(card.findings[0], room, actions, false);
  const n = card.findings.length;
  const title = cardTitle(card, room.reminder);
  const count = card.point === "polite" || !RULE_ITEM[card.findings[0].code] ? "places" : "points";
  const item = el("li", { class: "finding finding-merged", "data-card": card.key, "data-severity": card.severity },
    el("div", { class: "sev", text: `${title ? `${title} · ` : ""}${n} ${count}` }));
  // What one rule says again about other words ("[Role]" then "[Company]" looks like a placeholder)
  // is said once: later parts show only where, and what to do when that differs.
  const said = new Set();
  const gist = (text) => (text || "").replace(/"[^"]*"|“[^”]*”/g, '""');
  for (const f of card.findings) {
    const node = findingNode(f, room, actions, true);
    for (const [part, text] of [[".message", f.message], [".suggestion", f.suggestion]]) {
      const key = `${f.code}${part}${gist(text)}`;
      // Its message gone, the part's head (message and rule menu: the first part's serves) goes too.
      const shown = node.querySelector(part === ".message" ? ".finding-head" : part);
      if (said.has(key) && shown) shown.hidden = true;
      said.add(key);
    }
    item.append(node);
  }
  return item;
}

const cardNodes = new Map(); // key -> {sig, node}
const cardOrders = new CardOrders();

function renderFindings(findings, room, actions) {
  const draftText = room.text;
  const triggers = findings.map((f) => triggerText(f, draftText));
  const fits = findings.map((f) => noRoomFor(f, room));
  if (!changed("findings", [findings, triggers, fits])) return;
  const cards = cardsOf(findings);
  const live = new Set();
  // With several cards, the top one says where to begin.
  let lead = cards.length >= 3;
  for (const g of GROUPS) {
    const mine = cards.filter((c) => groupOf(c.severity) === g.id);
    const order = cardOrders.order(room.draft, g.id, mine.map((c) => `${g.id}:${c.key}`));
    const byKey = new Map(mine.map((c) => [`${g.id}:${c.key}`, c]));
    const nodes = order.map((k) => {
      live.add(k);
      const card = byKey.get(k);
      // Same findings over the same words: the same element, untouched (no blink, focus kept).
      const sig = JSON.stringify([room.reminder, card.findings, card.findings.map((f) => [triggerText(f, draftText),
        f.fix?.range && draftText.slice(f.fix.range.start, f.fix.range.end), noRoomFor(f, room)])]);
      const had = cardNodes.get(k);
      if (had && had.sig === sig) return had.node;
      const node = cardNode(card, room, actions);
      const open = had?.node.querySelector("details.menu[open]");
      if (open) node.querySelector("details.menu")?.setAttribute("open", ""); // a menu the user opened stays open
      cardNodes.set(k, { sig, node });
      return node;
    });
    nodes.forEach((node, i) => node.toggleAttribute("data-first", lead && i === 0));
    if (nodes.length) lead = false;
    const section = $(`[data-group="${g.id}"]`);
    const list = section.querySelector("ul");
    const current = [...list.children];
    if (current.length !== nodes.length || current.some((n, i) => n !== nodes[i])) list.replaceChildren(...nodes);
    section.querySelector(".group-count").textContent = nodes.length ? `(${nodes.length})` : "";
    show(section, nodes.length > 0);
  }
  for (const k of [...cardNodes.keys()]) if (!live.has(k)) cardNodes.delete(k);
  renderVerdict(findings, cards.length);
  const n = cards.length; // what the groups count: a tone card is one, however many places it lists
  $('[data-field="finding-count"]').textContent = n ? `(${n})` : "";
  show('[data-field="no-findings"]', n === 0);
}

/** A draft the coach says not to send (followup.stop: they said no, or one follow-up too many) shows
 *  that card alone: the cards that polish it wait behind one button, so the verdict is not buried. */
function renderVerdict(findings, cardCount) {
  const section = $("#feedback");
  const stop = findings.some((f) => f.code === "followup.stop");
  const others = cardCount - 1;
  const button = $('[data-action="show-anyway"]');
  if (!stop) {
    delete section.dataset.verdict;
    delete section.dataset.expanded;
  } else section.dataset.verdict = "stop";
  const open = "expanded" in section.dataset;
  button.textContent = open ? "Hide the other suggestions"
    : `If you send it anyway: ${others} more suggestion${others === 1 ? "" : "s"}`;
  button.setAttribute("aria-expanded", String(open));
  button.onclick = () => {
    if ("expanded" in section.dataset) delete section.dataset.expanded;
    else section.dataset.expanded = "";
    renderVerdict(findings, cardCount);
  };
  show(button, stop && others > 0);
  // The must-fix count says what is shown: the verdict alone while the rest waits.
  const must = $('[data-group="must"]');
  const cards = [...must.querySelectorAll("ul > li")];
  const shown = stop && !open ? cards.filter((li) => li.dataset.code === "followup.stop").length : cards.length;
  must.querySelector(".group-count").textContent = shown ? `(${shown})` : "";
}

function renderChecklist(fb, neutral) {
  if (!changed("checklist", [fb.checklist, neutral])) return;
  $('[data-field="checklist-title"]').textContent = neutral ? "What a good request has" : "Checklist";
  const list = $('[data-list="checklist"]');
  list.replaceChildren();
  for (const c of fb.checklist || []) {
    const state = neutral ? "neutral" : String(Boolean(c.ok));
    list.append(el("li", { "data-check": c.id, "data-ok": state },
      el("span", { class: "mark", "aria-hidden": "true", text: neutral ? "•" : c.ok ? "✓" : "✗" }),
      neutral ? null : el("span", { class: "visually-hidden", text: c.ok ? "Done: " : "Missing: " }),
      el("span", { text: c.label })));
  }
  show(".checklist-card", list.children.length > 0);  // none for a draft in another language
}

/** "Make it personal" follows the suggestions, except when the draft says nothing only this person
 *  would recognise: then it moves up to right after the must-fix group (errors always come first). */
function placeHints(personal) {
  const hints = $('[data-section="hints"]');
  const anchor = personal ? $('[data-group="must"]') : $('[data-section="suggestions"]');
  if (anchor.nextElementSibling !== hints) anchor.after(hints);
}

function renderHints(fb, room, actions) {
  const fits = (fb.hints || []).map((h) => (h.used ? null : insertNoRoom(h.text, room)));
  if (!changed("hints", [fb.hints, fits])) return;
  const list = $('[data-list="hints"]');
  list.replaceChildren();
  for (const [i, h] of (fb.hints || []).entries()) {
    const tooLong = fits[i];
    // A hint the draft already uses is shown as done, not offered again.
    list.append(el("li", { "data-hint": h.kind, "data-used": String(Boolean(h.used)) },
      el("p", { text: h.text }),
      h.used ? el("p", { class: "hint-why", text: "✓ Already in your message." })
        : el("p", { class: "hint-why", text: h.why }),
      h.used ? null : el("div", { class: "actions" },
        el("button", {
          // Naming a mutual contact wants their consent first (the hint says so): no primary button for it.
          type: "button", class: h.kind === "mutual_connection" ? "btn" : "btn btn-primary", "data-action": "insert",
          disabled: Boolean(tooLong), title: tooLong, "aria-label": `Insert into your message: ${h.text}`,
          text: "Insert",
          onclick: () => actions.edit({ action: "insert", text: h.text }),
        }),
        el("button", {
          type: "button", class: "btn", "data-action": "copy-hint", "aria-label": "Copy this sentence",
          text: "Copy", onclick: () => actions.copy(h.text),
        })),
      tooLong ? el("p", { class: "no-room", "data-no-room": "", text: tooLong }) : null));
  }
  show('[data-section="hints"]', (fb.hints || []).length > 0);
}

const hhmm = (ms) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
};

// Stale: the companion stopped answering, so what is shown may not match the text any more. The
// mark stays until feedback for the current version of the draft arrives.
let staleTab = null;
function feedbackState(t, conn, empty) {
  const fb = t.feedback;
  const reachable = conn.state === "connected" && !conn.serverPaused;
  if (!reachable) staleTab = t.tabId;
  else if (staleTab === t.tabId && fb.version >= (t.draft.version ?? 0)) staleTab = null;
  if (staleTab === t.tabId) return "stale";
  return empty ? "empty" : "live";
}

function renderFeedback(t, conn, actions) {
  const fb = t.feedback;
  const section = $("#feedback");
  if (!fb || !t.draft) {
    show(section, false);
    section.removeAttribute("data-version");
    section.dataset.state = "empty";
    return;
  }
  show(section, true);
  section.dataset.version = String(fb.version);
  const draftText = t.draft.text || "";
  // Nothing to judge before there is text: no score, no findings, the checklist as a guide. A draft the
  // companion could not read as English has findings but no score; an older result without one is "empty".
  const noScore = fb.score === null || fb.score === undefined;
  const empty = draftText.trim() === "" || (noScore && fb.version !== t.draft.version);
  // No score and no word that the draft is in another language: its first sentence is still being typed,
  // so what it lacks is not judged yet, only what is there (a wrong name, a demand).
  const foreign = (fb.findings || []).some((f) => f.code === "language.not-english");
  const starting = noScore && !empty && !foreign;
  const unscored = noScore && !empty && foreign;
  const state = feedbackState(t, conn, empty);
  section.dataset.state = state;
  const stale = $('[data-field="stale"]');
  const why = conn.state === "unpaired" ? "this browser is not paired"
    : conn.state === "connected" && conn.serverPaused ? "coaching is paused in the companion"
      : "the companion is not answering";
  stale.textContent = state === "stale"
    ? `Not updated${t.feedbackAt ? ` since ${hhmm(t.feedbackAt)}` : ""}: ${why}, so this may not match your text.` : "";
  show(stale, state === "stale");
  // A note LinkedIn cut is not what they will read: its score would grade the remains, so there is none.
  const dropped = t.draft.cut || 0;
  // In a cut note what seems missing (thanks, an out) may be what was cut: only words it holds are judged.
  const findings = empty ? [] : (fb.findings || []).filter((f) => dropped === 0 || f.range);
  const cards = cardsOf(findings); // as the groups below count them
  const scored = !empty && !unscored && !starting && dropped === 0;
  $('[data-field="score"]').textContent = scored ? String(fb.score) : "";
  show('[data-field="score-box"]', scored);
  const meter = $('[data-field="score-meter"]');
  meter.value = scored ? fb.score : 0;
  show(meter, scored);
  // Where the score would be, why there is none (it used to be an empty box).
  const note = $('[data-field="score-note"]');
  note.textContent = empty || scored ? "" : starting ? "No score yet: keep typing"
    : dropped > 0 ? "Not scored: LinkedIn cut the note" : "Not scored: not read as English";
  show(note, !empty && !scored);
  // What the number means, in the terms of the groups below (docs/rules.md, "Score"), and when it is
  // good enough: nothing left to fix, only suggestions to consider.
  const worst = Math.min(...cards.map((c) => RANK[c.severity] ?? 3), 3);
  // How many must-fix cards are left, so fixing one shows progress while the cap holds the number.
  const musts = cards.filter((c) => c.severity === "error").length;
  const meaning = $('[data-field="score-why"]');
  meaning.textContent = !scored ? "" : worst === 0
    ? `${musts === 1 ? "A must-fix caps" : `${musts} must-fixes cap`} the score: start there.`
    : worst === 1 ? "Each should-fix you settle raises it most." : "Ready to send: the rest is optional.";
  meaning.dataset.ready = String(scored && worst > 1);
  show(meaning, scored);
  const limits = $('[data-field="limits"]');
  if (fb.limits) {
    limits.textContent = `${fb.limits.used} / ${fb.limits.allowed} characters`;
    limits.dataset.over = String(fb.limits.used > fb.limits.allowed);
  }
  $('[data-field="surface"]').textContent = SURFACE_NAMES[fb.surface] || fb.surface;
  const cut = $('[data-field="truncated"]');
  // What is left may stop mid-sentence: its last words show what they would read.
  const tail = draftText.trimEnd().slice(-50).replace(/^\S*\s/, "");
  const most = t.draft.limit ?? fb.limits?.allowed;
  cut.textContent = dropped > 0
    ? `LinkedIn cut ${dropped} character${dropped === 1 ? "" : "s"} you typed or pasted: this box takes at most ${most} `
      + `characters. Your note now ends "…${tail}": shorten it until your ask and your thanks fit.`
    : "";
  show(cut, dropped > 0);
  const n = cards.length;
  const count = `${n} suggestion${n === 1 ? "" : "s"}${dropped > 0 ? ", but it was cut" : ""}`;
  $('[data-field="summary"]').textContent = empty ? "No score yet: start typing."
    : starting ? "No score yet: the whole message is judged once its first sentence is done."
    : unscored ? `Not scored: this draft does not read as English, so its wording was not judged. ${count}.`
      : dropped > 0 ? `Not scored: LinkedIn cut the end of this note, so shorten it until it fits. ${count}.`
        : `Score ${fb.score} out of 100, ${count}.`;
  // What is left may read well, but a cut note may stop mid-sentence: no "Nice work" for it.
  const none = $('[data-field="no-findings"]');
  none.textContent = dropped > 0
    ? "LinkedIn cut this note, so it is not done: shorten it until it fits, then read how it ends."
    : unscored ? "Nothing Tactful could read needs a fix."
      : starting ? "Nothing to fix so far." : "Nothing to fix. Nice work.";
  none.dataset.cut = String(dropped > 0);
  show('[data-section="suggestions"]', !empty);
  const personal = findings.some((f) => f.code === "personal.generic");
  section.dataset.personal = personal ? "missing" : "ok";
  placeHints(personal);
  renderChecklist(fb, empty || starting || dropped > 0);
  const room = { text: draftText, surface: t.draft.surface, limit: t.draft.limit, caret: t.draft.caret,
    draft: `${t.tabId}:${t.draft.draftId}`, reminder: fb.surface === "follow_up" };
  renderFindings(findings, room, actions);
  renderHints(fb, room, actions);
}

/** The acknowledgement of a send: "Sent to Dana Whitfield, logged." */
function sentText(sent) {
  const to = sent.name ? `Sent to ${sent.name}` : "Sent";
  if (sent.logged === true) return `${to}, logged.`;
  if (sent.logged === false) return `${to}; not logged in your outreach history: ${sent.error || "no answer"}.`;
  return `${to}.`;
}

function renderEmpty(state) {
  const t = state.tab;
  const box = $('[data-section="empty"]');
  let text = "";
  if (!t || !t.pageKind) text = "Open a LinkedIn profile or conversation in this tab to get coaching.";
  else if (state.paused) text = "Tactful is paused. Nothing is read or sent until you switch it back on.";
  else if (t.feedbackError) text = t.feedbackError;
  else if (t.sent && (!t.draft || t.draft.empty)) text = sentText(t.sent);
  else if (!t.draft) text = "Open a message box, an InMail or an invitation note and start typing: feedback appears here.";
  else if (!t.feedback && state.connection.state === "connected") text = "Reading your draft…";
  box.textContent = text;
  show(box, Boolean(text));
}

// What is due for this person (companion/coach/due.py, in the page result's outreach entry).
const DUE_TEXT = {
  follow_up: "Follow up: one short, warm reminder",
  stop: "Let it go: two follow-ups went unanswered. Try another avenue",
  thank: "Thank them, and tell them where things stand",
  update: "Tell them how it went",
  answer: "They replied: answer them, then say what their reply meant",
};
const STATE_ACTIONS = ["agreed", "declined", "referred"];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A date as the coach's findings write it (companion say_date): "5 Dec", with the year when it is
 *  not this year ("28 Nov 2025"). Never "12/5/2026", which reads as 12 May in most of the world. */
export function shortDate(when, now = Date.now()) {
  const d = new Date(when);
  if (Number.isNaN(d.getTime())) return "";
  const year = d.getFullYear() === new Date(now).getFullYear() ? "" : ` ${d.getFullYear()}`;
  return `${d.getDate()} ${MONTHS[d.getMonth()]}${year}`;
}

function dueText(due) {
  if (!due) return "";
  if (due.kind === "follow_up" && !due.due_now) return `A follow-up is fine from ${shortDate(due.since)}`;
  return DUE_TEXT[due.kind] + (due.late ? " (over two weeks since: say so lightly)" : "");
}

/** The recipient's outreach entry: state, last contact, what is due, and one-click state actions. */
function renderFollowUp(t, actions) {
  const o = t?.outreach;
  if (o) {
    const state = $('[data-field="outreach-state"]');
    state.textContent = o.state === "replied" ? "replied: did they agree?" : o.state;
    state.dataset.state = o.state;
    $('[data-field="outreach-last"]').textContent = o.last_contact ? shortDate(o.last_contact) : "never";
    const due = $('[data-field="outreach-due"]');
    due.textContent = dueText(o.due) || (o.state === "replied" ? "Say what their reply meant" : "Nothing for now");
    due.dataset.kind = o.due?.kind || "";
    due.dataset.dueNow = String(Boolean(o.due?.due_now));
    $('[data-list="state-actions"]').replaceChildren(...STATE_ACTIONS.map((s) => el("button", {
      type: "button", class: "btn", "data-action": "set-state", "data-state": s, "aria-pressed": String(o.state === s),
      disabled: o.state === s, text: s[0].toUpperCase() + s.slice(1),
      onclick: () => actions.setState(o.recipient.slug, s),
    })));
  }
  show('[data-section="outreach-state"]', Boolean(o));
  show('[data-list="state-actions"]', Boolean(o));
  // The coach's follow-up findings are cards among the suggestions: repeated here they said it twice.
  $('[data-field="followup-advice"]').textContent = o?.advice || "";
  show('[data-section="followup"]', Boolean(o));
}

function renderDisabled(codes, actions) {
  if (!changed("disabled", codes)) return;
  const list = $('[data-list="disabled"]');
  list.replaceChildren(...codes.map((code) => el("li", { "data-disabled-code": code },
    el("span", {}, el("span", { class: "rule-why", text: RULE_WHY[code] || "" }), " ", el("code", { text: code })),
    el("button", { type: "button", class: "btn", "data-action": "enable-rule", "aria-label": `Turn the rule ${code} back on`,
      text: "Turn on", onclick: () => actions.setRule(code, true) }))));
  show('[data-section="disabled"]', codes.length > 0);
}

/** A switch the user set, held until the worker's state agrees: a state the worker sent before it
 * saw the change must not flip the switch back under the user's finger. */
export class PendingSwitch {
  constructor() { this.value = null; }
  set(value) { this.value = Boolean(value); }
  reset() { this.value = null; }
  /** What the switch shows when the worker reports `reported`. */
  shown(reported) {
    if (this.value === Boolean(reported)) this.value = null;
    return this.value ?? Boolean(reported);
  }
}

/** Renders a full state message from the worker. */
export function render(state, actions) {
  renderConnection(state.connection || { state: "disconnected" }, state.autoPair);
  $('[data-action="pause"]').checked = Boolean(state.paused);
  const t = state.tab || {};
  renderRecipient(state.paused ? null : t.recipient);
  renderFeedback(state.paused ? {} : t, state.connection || { state: "disconnected" }, actions);
  renderFollowUp(state.paused ? null : t, actions);
  renderDisabled(state.disabledRules || [], actions);
  renderEmpty(state);
}
