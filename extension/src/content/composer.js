// Content script, part 3 of 4: which field is a LinkedIn composer, what surface it is, and the
// character limit the page itself declares. It writes into LinkedIn's editor only for a click in
// the sidebar (Show, Apply, Insert), and only into the composer the draft came from.
(() => {
  const T = (globalThis.__tactful ||= {});
  if (T.composerFor) return;

  const EDITABLE = '[contenteditable="true"][role="textbox"], [contenteditable="true"].msg-form__contenteditable';
  const MSG_FORM = ".msg-form";
  const SUBJECT = 'input[name="subject"], input.msg-form__subject, .msg-form__subject input';
  const INMAIL_FORM = ".msg-inmail-compose-form-v2, .msg-inmail-compose, .msg-inmail-compose-form";
  const DIALOG = 'dialog, [role="dialog"], .artdeco-modal, .send-invite';
  const NOTE = 'textarea[name="message"], textarea#custom-message, textarea.connect-button-send-invite__custom-message';
  const COUNTER = /^\s*([\d.,\s]+)\s*\/\s*([\d.,\s]+)\s*$/; // "12/300", "1 234 / 8 000"
  const THREAD_BOXES = ".msg-overlay-conversation-bubble, .msg-convo-wrapper, .msg-thread, .msg-s-message-list-container, [role=dialog]";

  const ids = new WeakMap();
  let nextId = 1;
  const limitCache = new WeakMap(); // composer container -> {limit, at}

  const digits = (s) => {
    const n = parseInt(String(s).replace(/[^\d]/g, ""), 10);
    return Number.isFinite(n) ? n : null;
  };

  /** The page's own counter ("0/300") inside `box`, light DOM or shadow, cached briefly. */
  function counterLimit(box) {
    const cached = limitCache.get(box);
    const now = performance.now();
    if (cached && now - cached.at < 2000) return cached.limit;
    let limit = null;
    const it = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let n = it.nextNode(); n; n = it.nextNode()) {
      if (n.data.length > 24 || n.data.indexOf("/") < 0) continue;
      const m = COUNTER.exec(n.data);
      if (m) {
        const max = digits(m[2]);
        if (max && max >= 10) {
          limit = max;
          break;
        }
      }
    }
    limitCache.set(box, { limit, at: now });
    return limit;
  }

  function slugFrom(href) {
    const m = /\/in\/([^/?#]+)/.exec(href || "");
    return m ? decodeURIComponent(m[1]) : null;
  }

  /** An invitation dialog opened away from their profile (search results, "People you may know")
   *  names the invitee only in a `vanityName=` link, often URL-encoded inside another link's
   *  redirect; their name is on the page's own link to them. */
  function inviteeIn(dialog) {
    for (const a of dialog.querySelectorAll('a[href*="vanityName"]')) {
      let href = a.getAttribute("href");
      for (let i = 0; i < 2 && !/vanityName=/.test(href); i += 1) href = safeDecode(href);
      const m = /vanityName=([^&#"'\s]+)/.exec(href);
      const slug = m && safeDecode(m[1]);
      if (!slug || !/^[^/?#\s]{1,100}$/.test(slug)) continue;
      return person(slug, [...document.querySelectorAll("a[href*='/in/']")]);
    }
    return null;
  }

  /** {slug, url, name}: the name is the text of the first of `links` to them with words in it (an
   *  avatar link has none). */
  function person(slug, links) {
    const name = links.filter((b) => slugFrom(b.getAttribute("href")) === slug)
      .map((b) => b.textContent.replace(/\s+/g, " ").trim()).find((t) => t && t.length <= 100);
    return { slug, url: `https://www.linkedin.com/in/${slug}/`, name: name || null };
  }

  function safeDecode(text) {
    try { return decodeURIComponent(text); } catch { return text; }
  }

  /** The person the composer writes to: a profile link near the composer (with its name, when the
   *  link has text: a bubble's header), else the page's slug. */
  function recipientNear(el) {
    const box = T.closestDeep(el, THREAD_BOXES);
    if (box) {
      const links = [...box.querySelectorAll('a[href*="/in/"]')];
      const slug = links.map((a) => slugFrom(a.getAttribute("href"))).find(Boolean);
      if (slug) return person(slug, links);
      const invitee = inviteeIn(box);
      if (invitee) return invitee;
    }
    const own = slugFrom(location.pathname);
    return own ? { slug: own, url: `https://www.linkedin.com/in/${own}/` } : null;
  }

  /**
   * Describes the composer that `node` belongs to, or null when it is not one we coach:
   * {key, surface, body, subject, box, recipient}. `key` identifies the composer for draft ids.
   */
  T.composerFor = (node) => {
    if (!node || node.nodeType !== 1) return null;
    let body = null;
    let subject = null;
    let surface = null;
    let box = null;
    if (node.localName === "textarea") {
      if (node.matches(NOTE) || T.closestDeep(node, DIALOG)) {
        body = node;
        surface = "connection_note";
        box = T.closestDeep(node, DIALOG) || node.parentElement;
      } else if (T.closestDeep(node, MSG_FORM)) {
        body = node;
        box = T.closestDeep(node, MSG_FORM);
      } else {
        return null;
      }
    } else if (node.localName === "input" && node.matches(SUBJECT)) {
      subject = node;
      box = T.closestDeep(node, `${MSG_FORM}, ${INMAIL_FORM}, ${DIALOG}`);
      body = box?.querySelector(EDITABLE) || box?.querySelector("textarea") || null;
      if (!body) return null;
      surface = "inmail";
    } else {
      const editable = node.isContentEditable ? T.closestDeep(node, '[contenteditable="true"]') : null;
      if (!editable || !editable.matches(EDITABLE)) return null;
      box = T.closestDeep(editable, MSG_FORM);
      if (!box) return null;
      body = editable;
    }
    if (!surface) {
      const inmailBox = T.closestDeep(body, INMAIL_FORM);
      const scope = inmailBox || T.closestDeep(body, DIALOG) || box;
      subject = subject || scope.querySelector(SUBJECT);
      surface = subject || inmailBox ? "inmail" : "message";
    }
    if (!ids.has(body)) ids.set(body, nextId++);
    return { key: ids.get(body), surface, body, subject, box, recipient: recipientNear(body) };
  };

  /** The draft as LinkedIn counts it: the field's text, its subject, and the declared limit. */
  T.readComposer = (c) => {
    let text;
    if (c.body.localName === "textarea") {
      text = c.body.value;
    } else {
      // innerText keeps the line breaks the user sees; a lone trailing newline is the editor's.
      text = c.body.innerText.replace(/\u00a0/g, " ");
      if (text === "\n") text = "";
    }
    let limit = null;
    if (c.body.localName === "textarea" && c.body.maxLength > 0) limit = c.body.maxLength;
    else {
      const attr = digits(c.body.getAttribute("maxlength") || c.body.getAttribute("data-max-length") || "");
      limit = attr || counterLimit(c.box || c.body.parentElement);
    }
    return {
      surface: c.surface,
      text,
      subject: c.subject ? c.subject.value : null,
      limit: limit && limit > 0 ? limit : null,
    };
  };

  // --- offsets: the draft's UTF-16 offsets <-> points in the editor's DOM ------------------------
  // The draft is the editor's innerText, whose line breaks come from block boundaries rather than
  // text nodes. Counting only the characters that are not line breaks lines both up.

  const isBreak = (ch) => ch === "\n" || ch === "\r";

  function solidBefore(text, offset) {
    let n = 0;
    for (let i = 0; i < offset && i < text.length; i += 1) if (!isBreak(text[i])) n += 1;
    return n;
  }

  /** The DOM point of draft offset `offset` in a contenteditable `body` whose text is `text`. */
  function domPoint(body, text, offset) {
    let n = solidBefore(text, offset);
    // Right after a line break the point belongs to the next line's text node, not the previous.
    const nextLine = offset > 0 && isBreak(text[offset - 1]);
    const it = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let last = null;
    for (let node = it.nextNode(); node; node = it.nextNode()) {
      last = node;
      const data = node.data;
      let i = 0;
      while (i < data.length && n > 0) {
        if (!isBreak(data[i])) n -= 1;
        i += 1;
      }
      if (n === 0 && !(nextLine && i === data.length && i > 0)) return { node, offset: i };
    }
    return last ? { node: last, offset: last.data.length } : { node: body, offset: 0 };
  }

  /** The page's selection when it ends inside the rich-text `body` (in its shadow root, if any), or null. */
  function selectionIn(body) {
    const root = body.getRootNode();
    const sel = (root.getSelection && root.getSelection()) || document.getSelection();
    return sel && sel.focusNode && body.contains(sel.focusNode) ? sel : null;
  }

  /** The UTF-16 offset in `text` (the draft) where the selection ends in the composer, or null. */
  T.caretOf = (c, text) => {
    const body = c.body;
    if (body.localName === "textarea" || body.localName === "input") {
      return typeof body.selectionEnd === "number" ? Math.min(body.selectionEnd, text.length) : null;
    }
    const sel = selectionIn(body);
    if (!sel) return null;
    const range = document.createRange();
    range.setStart(body, 0);
    range.setEnd(sel.focusNode, sel.focusOffset);
    let n = solidBefore(range.toString(), Infinity);
    let i = 0;
    while (i < text.length && n > 0) {
      if (!isBreak(text[i])) n -= 1;
      i += 1;
    }
    return i;
  };

  /** Whether text is selected (not a bare caret) in the composer. */
  T.hasSelection = (c) => {
    const body = c.body;
    if (body.localName === "textarea" || body.localName === "input") return body.selectionStart !== body.selectionEnd;
    const sel = selectionIn(body);
    return Boolean(sel && !sel.isCollapsed);
  };

  /** Selects draft offsets [start, end) in the composer (focusing it), as the user would. */
  function select(c, text, start, end) {
    const body = c.body;
    body.focus({ preventScroll: false });
    if (body.localName === "textarea" || body.localName === "input") {
      body.setSelectionRange(start, end);
      return;
    }
    const a = domPoint(body, text, start);
    const b = domPoint(body, text, end);
    const sel = document.getSelection();
    sel.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
    const anchor = a.node.nodeType === 1 ? a.node : a.node.parentElement;
    anchor?.scrollIntoView({ block: "nearest" });
  }

  /** One editing step the browser can undo (Ctrl+Z), and that fires LinkedIn's own input events. */
  function insertText(c, value) {
    if (document.execCommand("insertText", false, value)) return true;
    if (c.body.localName === "textarea" && typeof c.body.setRangeText === "function") {
      c.body.setRangeText(value, c.body.selectionStart, c.body.selectionEnd, "end");
      c.body.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: value }));
      return true;
    }
    return false;
  }

  /**
   * Show / Apply / Insert, asked by the sidebar for composer `c` (whose current text the caller
   * read). Returns {ok, error}. `caret` is where the user's cursor was last seen in this composer.
   */
  T.editComposer = (c, req, caret) => {
    const { text, limit } = T.readComposer(c);
    const r = req.range;
    if (req.action === "show" || req.action === "apply") {
      if (!r || !Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end < r.start || r.end > text.length) {
        return { ok: false, error: "The text changed; the suggestion will update in a moment." };
      }
    }
    if (req.action === "show") {
      select(c, text, r.start, r.end);
      return { ok: true };
    }
    if (req.action === "apply") {
      if (typeof req.replacement !== "string" || text.slice(r.start, r.end) !== req.expected) {
        return { ok: false, error: "The text changed since this suggestion; it will update in a moment." };
      }
      const tooLong = T.noRoom(c.surface, text.length, req.replacement.length - (r.end - r.start), limit);
      if (tooLong) return { ok: false, error: tooLong };
      select(c, text, r.start, r.end);
      return insertText(c, req.replacement) ? { ok: true } : { ok: false, error: "LinkedIn's editor refused the change." };
    }
    if (req.action === "insert") {
      if (typeof req.text !== "string" || !req.text.trim()) return { ok: false, error: "Nothing to insert." };
      const { at, value } = T.sentenceInsertion(text, caret, req.text);
      const tooLong = T.noRoom(c.surface, text.length, value.length, limit);
      if (tooLong) return { ok: false, error: tooLong };
      select(c, text, at, at);
      return insertText(c, value) ? { ok: true } : { ok: false, error: "LinkedIn's editor refused the change." };
    }
    return { ok: false, error: "Unknown action." };
  };

  /** True when `el` (a click target) is the send button of the composer's form or dialog. */
  T.isSendButton = (el, c) => {
    const button = el && T.closestDeep(el, 'button, [role="button"], input[type="submit"]');
    if (!button || !c?.box) return false;
    const scope = T.closestDeep(c.body, `${MSG_FORM}, ${DIALOG}`) || c.box;
    if (!scope.contains(button) && T.closestDeep(button, `${MSG_FORM}, ${DIALOG}`) !== scope) return false;
    if (button.disabled || button.getAttribute("aria-disabled") === "true") return false;
    const cls = button.className && typeof button.className === "string" ? button.className : "";
    const label = `${button.getAttribute("aria-label") || ""} ${button.textContent || ""}`;
    // A <button> defaults to type=submit even outside a form: only a form's submit button counts.
    if ((button.type === "submit" && button.form) || /send-button|send-invite|artdeco-button--primary/.test(cls)) return true;
    return /\bsend\b/i.test(label);
  };
})();
