// Content script, part 4 of 4: the sensor. It injects no UI. It tells the worker which page the
// tab shows (and when LinkedIn navigates in-page), sends trimmed snapshots when the relevant DOM
// changes, and sends the draft being typed in a LinkedIn composer. Nothing is sent while the user
// has paused Tactful, and nothing runs outside www.linkedin.com.
(() => {
  const T = (globalThis.__tactful ||= {});
  if (T.sensorStarted || location.hostname !== "www.linkedin.com" || location.protocol !== "https:") return;
  T.sensorStarted = true;

  const DRAFT_INTERVAL_MS = 100; // at most one draft per 100 ms while typing; the last one always goes
  const SNAPSHOT_QUIET_MS = 400; // the DOM must be quiet this long before a snapshot ...
  const SNAPSHOT_MAX_WAIT_MS = 2500; // ... unless it keeps changing for this long
  const NAV_CONTENT_WAIT_MS = 3000; // after an in-page navigation, wait this long for new content
  const instance = Math.random().toString(36).slice(2, 10); // draft ids differ across page loads

  let port = null;
  let reconnectDelay = 100;
  let paused = false;
  let href = location.href;
  let navAt = 0;
  let titleAtNav = null;
  let lastHtml = null;
  let snapshotTimer = null;
  let firstDirtyAt = 0;
  let composer = null; // the composer last typed in
  let version = 0;
  let lastDraft = null; // the last draft sent {draft_id, text, subject, surface, limit}
  let draftTimer = null;
  let lastDraftSentAt = 0;
  const observed = new WeakSet();

  function pageKind(url = location) {
    const p = url.pathname;
    if (/^\/in\/[^/]+\/?$/.test(p) || /^\/in\/[^/]+\/(details|recent-activity|overlay)\//.test(p)) return "profile";
    if (p.startsWith("/messaging")) return "messaging";
    if (p.startsWith("/search")) return "search";
    return "other";
  }

  // --- the channel to the worker ---------------------------------------------------------------

  function send(msg) {
    if (!port) connect();
    try {
      port.postMessage(msg);
      return true;
    } catch (_) {
      port = null; // the worker went away; the reconnect resends everything
      return false;
    }
  }

  /**
   * A long-lived port: when the worker stops (idle, update, crash) the port disconnects, and
   * reconnecting wakes it and resends the page and the draft so nothing is lost.
   */
  function connect() {
    try {
      port = chrome.runtime.connect({ name: "sensor" });
    } catch (_) {
      port = null;
      if (!chrome.runtime?.id) retire(); // the extension was reloaded or removed: we are orphaned
      return;
    }
    port.onDisconnect.addListener(() => {
      port = null;
      if (!chrome.runtime?.id) {
        retire();
        return;
      }
      setTimeout(() => {
        if (!port) connect();
        resendAll();
      }, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, 5000);
    });
    port.onMessage.addListener((msg) => {
      reconnectDelay = 100;
      if (msg?.kind === "resend") resendAll();
      else if (msg?.kind === "edit") onEdit(msg);
    });
  }

  /** Stops everything: an orphaned script (extension updated or removed) must not keep working. */
  function retire() {
    paused = true;
    mutations.disconnect();
    clearInterval(poller);
    clearTimeout(snapshotTimer);
    clearTimeout(draftTimer);
  }

  function resendAll() {
    if (!port) return;
    port.postMessage({ kind: "hello", url: location.href, pageKind: pageKind(), instance });
    if (paused) return;
    lastHtml = null;
    snapshotNow();
    lastDraft = null;
    if (!composer || !composer.body.isConnected) composer = focusedComposer();
    if (composer) sendDraft(true);
  }

  /** The composer that has the focus, looking through open shadow roots (after a resume). */
  function focusedComposer() {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el ? T.composerFor(el) : null;
  }

  // --- page snapshots ----------------------------------------------------------------------------

  function wantsSnapshot() {
    const kind = pageKind();
    return kind === "profile" || kind === "messaging" || Boolean(composer && composer.body.isConnected);
  }

  function scheduleSnapshot() {
    if (paused) return;
    const now = performance.now();
    if (!snapshotTimer) firstDirtyAt = now;
    clearTimeout(snapshotTimer);
    const wait = now - firstDirtyAt > SNAPSHOT_MAX_WAIT_MS ? 0 : SNAPSHOT_QUIET_MS;
    snapshotTimer = setTimeout(snapshotNow, wait);
  }

  function snapshotNow() {
    clearTimeout(snapshotTimer);
    snapshotTimer = null;
    if (paused || !wantsSnapshot()) return;
    // Stale-DOM guard: right after an in-page navigation the old profile can still be on screen.
    if (navAt && pageKind() === "profile" && document.title === titleAtNav
        && performance.now() - navAt < NAV_CONTENT_WAIT_MS) {
      snapshotTimer = setTimeout(snapshotNow, 150);
      return;
    }
    const { html, shadowRoots } = T.serialize(document);
    for (const root of shadowRoots) observe(root);
    if (html === lastHtml) return;
    lastHtml = html;
    send({ kind: "page", url: location.href, pageKind: pageKind(), html, capturedAt: new Date().toISOString() });
  }

  // --- navigation and DOM changes ----------------------------------------------------------------

  function checkUrl() {
    if (location.href === href) return;
    const before = new URL(href);
    href = location.href;
    if (before.pathname === location.pathname && pageKind() !== "profile") return; // query/hash only
    navAt = performance.now();
    titleAtNav = document.title;
    lastHtml = null;
    // A message bubble stays open across in-page navigation and still writes to its own person:
    // a draft in it stays coached. Any other composer belongs to the page that went.
    const kept = composer && composer.body.isConnected && T.readComposer(composer).text.trim() ? composer : null;
    composer = kept;
    lastDraft = null;
    send({ kind: "nav", url: location.href, pageKind: pageKind() });
    if (kept) sendDraft(true);
    scheduleSnapshot();
  }

  /**
   * Whether a DOM change can change what the companion reads: the main content, pop-ups in shadow
   * roots, or the title. Typing in a composer, the nav bar's badges and side rails do not, and
   * serializing a real page costs tens of milliseconds, so they trigger nothing.
   */
  function relevant(node) {
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el || el.isContentEditable) return false;
    if (el.getRootNode() instanceof ShadowRoot) return true;
    if (el === document.head || document.head.contains(el)) return el.closest("title") !== null;
    const main = document.querySelector("main");
    return !main || main.contains(el) || el.contains(main) || Boolean(el.closest(".msg-overlay-container, [role=dialog]"));
  }

  const mutations = new MutationObserver((records) => {
    checkUrl();
    for (const r of records) {
      if (relevant(r.target)) {
        scheduleSnapshot();
        break;
      }
    }
    if (composer && !composer.body.isConnected) {
      composer = null;
      lastDraft = null;
      send({ kind: "composer_closed" });
    }
  });

  function observe(root) {
    if (observed.has(root)) return;
    observed.add(root);
    mutations.observe(root, { childList: true, subtree: true, characterData: true });
  }

  // --- drafts -------------------------------------------------------------------------------------

  function sendDraft(force) {
    clearTimeout(draftTimer);
    draftTimer = null;
    if (paused || !composer || !composer.body.isConnected) return;
    const d = T.readComposer(composer);
    const draftId = `${instance}:${composer.surface}:${composer.key}`;
    const cut = cutBy.get(composer.body) || 0;
    if (!force && lastDraft && lastDraft.draft_id === draftId && lastDraft.text === d.text
        && lastDraft.subject === d.subject && lastDraft.limit === d.limit && lastDraft.cut === cut) return;
    version += 1;
    const caret = T.caretOf(composer, d.text);
    lastCaret = caret;
    lastDraft = { ...d, draft_id: draftId, version, recipient: composer.recipient?.slug || null,
      recipientName: composer.recipient?.name || null, cut }; // the name stays in the browser
    if (caret !== null) lastDraft.caret = caret;
    lastDraftSentAt = performance.now();
    send({ kind: "draft", draft: lastDraft });
  }

  /** At once when the user has been idle, else coalesced to one send per DRAFT_INTERVAL_MS. */
  function draftChanged() {
    const since = performance.now() - lastDraftSentAt;
    if (since >= DRAFT_INTERVAL_MS && !draftTimer) sendDraft(false);
    else if (!draftTimer) draftTimer = setTimeout(() => sendDraft(false), DRAFT_INTERVAL_MS - Math.min(since, DRAFT_INTERVAL_MS));
  }

  // --- the page's own limit cutting text (maxlength) -------------------------------------------
  // A field with maxlength silently drops what does not fit, typed or pasted. Compare what the
  // edit would have made with what the field holds; the difference is what LinkedIn cut.

  const cutBy = new WeakMap(); // field -> characters dropped while it was full
  let lastCaret = null;
  let shown = null; // {text, end}: what the last Show selected, in the draft as it was

  document.addEventListener("beforeinput", (event) => {
    const field = targetOf(event);
    if (paused || !field || (field.localName !== "textarea" && field.localName !== "input") || !(field.maxLength > 0)) return;
    if (!T.composerFor(field) || !event.inputType.startsWith("insert")) return;
    const added = event.data ?? event.dataTransfer?.getData("text/plain") ?? (event.inputType === "insertLineBreak" ? "\n" : "");
    const selected = (field.selectionEnd ?? 0) - (field.selectionStart ?? 0);
    const expected = field.value.length - selected + added.length;
    setTimeout(() => {
      const dropped = expected - field.value.length;
      if (dropped > 0 && field.value.length >= field.maxLength) {
        cutBy.set(field, (cutBy.get(field) || 0) + dropped);
        if (composer && composer.body === field) draftChanged();
      }
    }, 0);
  }, true);

  document.addEventListener("input", (event) => {
    const field = targetOf(event);
    if (field && cutBy.has(field) && field.value.length < field.maxLength) cutBy.delete(field); // room again
  }, true);

  // --- Show / Apply / Insert from the sidebar ------------------------------------------------------

  function onEdit(msg) {
    const reply = (result) => send({ kind: "edit_result", reqId: msg.reqId, action: msg.action, ...result });
    if (paused) return reply({ ok: false, error: "Tactful is paused." });
    // Only the composer the sidebar's draft came from, and only while it is still on the page.
    if (!composer || !composer.body.isConnected || !lastDraft || lastDraft.draft_id !== msg.draftId) {
      return reply({ ok: false, error: "That message box is closed or another one is in use." });
    }
    // The page keeps its selection while the user clicks in the sidebar: that is the caret. If it
    // left the composer since, the caret of the last draft sent stands in. A selection that Show
    // made and the user left alone is no place they chose: Insert then goes where it would with no
    // caret, at the end of the body, not into the middle of the sentence Show pointed at.
    const text = T.readComposer(composer).text;
    let caret = T.caretOf(composer, text) ?? lastCaret;
    if (shown && shown.text === text && shown.end === caret && T.hasSelection(composer)) caret = null;
    const result = T.editComposer(composer, msg, caret);
    shown = result.ok && msg.action === "show" ? { text, end: msg.range.end } : null;
    if (result.ok && msg.action !== "show") sendDraft(false); // re-check the edited draft now
    return reply(result);
  }

  function targetOf(event) {
    const path = event.composedPath ? event.composedPath() : [];
    return path[0] || event.target;
  }

  document.addEventListener("input", (event) => {
    if (paused) return;
    const c = T.composerFor(targetOf(event));
    if (!c) return;
    if (!composer || composer.body !== c.body) {
      composer = c;
      if (wantsSnapshot() && !lastHtml) scheduleSnapshot();
    }
    draftChanged();
  }, true);

  document.addEventListener("focusin", (event) => {
    if (paused) return;
    const c = T.composerFor(targetOf(event));
    if (!c || (composer && composer.body === c.body)) return;
    composer = c;
    scheduleSnapshot(); // a pop-up composer opened: its thread is context
    sendDraft(false);
  }, true);

  // One send can show up as a click, a submit and an Enter: report it once.
  let lastSent = { text: null, at: 0 };
  function reportSent(surface, text, recipient) {
    const now = performance.now();
    if (text === lastSent.text && now - lastSent.at < 3000) return;
    lastSent = { text, at: now };
    clearTimeout(draftTimer); // a draft still waiting to go would read the emptied box
    draftTimer = null;
    send({ kind: "sent", surface, text, recipient });
  }

  // `sent`: the user pressed the composer's send button, or Enter in a message box that sends.
  function maybeSent(event) {
    if (paused || !composer || !lastDraft || !lastDraft.text.trim()) return;
    const target = targetOf(event);
    const byClick = event.type === "click" && T.isSendButton(target, composer);
    const bySubmit = event.type === "submit" && T.closestDeep(composer.body, "form") === target;
    if (!byClick && !bySubmit) return;
    const d = T.readComposer(composer);
    const text = d.text.trim() ? d.text : lastDraft.text;
    reportSent(composer.surface, text, composer.recipient);
  }
  document.addEventListener("click", maybeSent, true);
  document.addEventListener("submit", maybeSent, true);

  // "Press Enter to send": Enter (no Shift) in a message box, and the box empties right after.
  document.addEventListener("keydown", (event) => {
    if (paused || event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    const c = T.composerFor(targetOf(event));
    if (!c || c.surface === "connection_note") return;
    const before = T.readComposer(c);
    if (!before.text.trim()) return;
    setTimeout(() => {
      if (c.body.isConnected && T.readComposer(c).text.trim()) return; // it was a newline
      reportSent(c.surface, before.text, c.recipient);
    }, 300);
  }, true);

  // --- pause switch and start-up ---------------------------------------------------------------

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes.paused) {
      paused = changes.paused.newValue === true;
      if (paused) {
        clearTimeout(snapshotTimer);
        clearTimeout(draftTimer);
        snapshotTimer = draftTimer = null;
      }
    }
  });

  addEventListener("popstate", checkUrl);
  if (globalThis.navigation?.addEventListener) globalThis.navigation.addEventListener("navigatesuccess", checkUrl);
  const poller = setInterval(() => {
    checkUrl(); // history.pushState is invisible to an isolated world; poll as a net
    // LinkedIn attaches #interop-outlet's shadow root (its pop-ups) after load: watch it too.
    const outlet = document.getElementById("interop-outlet")?.shadowRoot;
    if (outlet && !observed.has(outlet)) {
      observe(outlet);
      scheduleSnapshot();
    }
  }, 1000);

  chrome.storage.local.get("paused").then((got) => {
    paused = got.paused === true;
    observe(document.documentElement);
    connect();
    resendAll();
  });
})();
