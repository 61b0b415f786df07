// Content script, part 1 of 4: deep DOM helpers and the trimmed snapshot serializer.
//
// A snapshot is the page's HTML without scripts, styles, images or media, with each open shadow
// root written as <template shadowrootmode="open"> inside its host (how HTML declares shadow
// DOM), and with the text of editable composers left out: the draft travels separately, and the
// page snapshot must not copy it on every change.
(() => {
  const T = (globalThis.__tactful ||= {});
  if (T.serialize) return;

  const SKIP = new Set([
    "script", "style", "noscript", "img", "picture", "source", "svg", "video", "audio", "canvas",
    "iframe", "link", "meta", "template", "object", "embed", "track", "map", "base",
  ]);
  const VOID = new Set(["area", "br", "col", "hr", "input", "wbr"]);
  const SKIP_ATTR = /^(on|style$|srcset$|src$|nonce$)/i;
  // The companion accepts 8 MiB of UTF-8 for `page` and closes the connection above it: 2.5 M
  // UTF-16 units stay below that even if every one became 3 bytes. Real pages trim to < 1 MB.
  const MAX_CHARS = 2_500_000;

  const escText = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const escAttr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

  /** Parent across shadow boundaries: a shadow root's parent is its host. */
  T.parentDeep = (node) => node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;

  /** Like Element.closest, but continues from a shadow root to its host. */
  T.closestDeep = (node, selector) => {
    let el = node && node.nodeType === 1 ? node : node?.parentElement || null;
    while (el) {
      const hit = el.closest(selector);
      if (hit) return hit;
      const root = el.getRootNode();
      el = root instanceof ShadowRoot ? root.host : null;
    }
    return null;
  };

  /** Every open shadow root under `root`, depth first (LinkedIn nests few, so a walk is cheap). */
  T.shadowRoots = (root = document) => {
    const found = [];
    const walk = (r) => {
      const it = document.createTreeWalker(r, NodeFilter.SHOW_ELEMENT);
      for (let el = it.nextNode(); el; el = it.nextNode()) {
        if (el.shadowRoot) {
          found.push(el.shadowRoot);
          walk(el.shadowRoot);
        }
      }
    };
    walk(root);
    return found;
  };

  /** querySelectorAll over the document and the given shadow roots. */
  T.queryDeep = (selector, roots) => {
    const out = [...document.querySelectorAll(selector)];
    for (const r of roots || T.shadowRoots()) out.push(...r.querySelectorAll(selector));
    return out;
  };

  /**
   * Serializes the document as trimmed HTML. Returns {html, truncated, shadowRoots}; the shadow
   * roots met on the way are returned so the sensor can observe them for pop-ups.
   */
  T.serialize = (doc = document) => {
    const parts = [];
    let size = 0;
    let truncated = false;
    const shadowRoots = [];
    const push = (s) => {
      size += s.length;
      if (size > MAX_CHARS) {
        truncated = true;
        return false;
      }
      parts.push(s);
      return true;
    };
    const children = (parent) => {
      for (let n = parent.firstChild; n && !truncated; n = n.nextSibling) node(n);
    };
    const node = (n) => {
      if (n.nodeType === 3) {
        if (n.data) push(escText(n.data));
        return;
      }
      if (n.nodeType !== 1) return;
      const tag = n.localName;
      if (SKIP.has(tag)) return;
      let open = "<" + tag;
      for (const a of n.attributes) {
        if (SKIP_ATTR.test(a.name)) continue;
        open += a.value === "" ? ` ${a.name}` : ` ${a.name}="${escAttr(a.value)}"`;
      }
      if (!push(open + ">")) return;
      if (VOID.has(tag)) return;
      if (n.shadowRoot) {
        shadowRoots.push(n.shadowRoot);
        push('<template shadowrootmode="open">');
        children(n.shadowRoot);
        push("</template>");
      }
      // The draft lives in editable fields; it is sent as a draft, not inside page snapshots.
      if (n.getAttribute("contenteditable") !== "true" && tag !== "textarea") children(n);
      push(`</${tag}>`);
    };
    push("<!DOCTYPE html>");
    node(doc.documentElement);
    return { html: parts.join(""), truncated, shadowRoots };
  };
})();
