// What the scenario drivers read from extension pages, one source for both browsers: Chromium's
// driver (tests/test_extension_scenarios.py) and Firefox's (tests/firefox/scenario.mjs) evaluate
// `(<this object>).<name>(arg)` in an options or sidebar page. Only `chrome.*` is used: Firefox
// provides it too.
({
  /** What a user sees on an options or sidebar page: fields, states, findings. */
  observe: () => {
    const text = (el) => (el?.textContent || "").replace(/\s+/g, " ").trim();
    const fields = {};
    const states = {};
    for (const el of document.querySelectorAll("[data-field], [data-section]")) {
      const name = el.dataset.field || el.dataset.section;
      if (!(name in fields)) fields[name] = text(el);
      if (el.dataset.state !== undefined && !(name in states)) states[name] = el.dataset.state;
    }
    const findings = [...document.querySelectorAll('[data-list="findings"] [data-code]')]
      .map((el) => ({ code: el.dataset.code, text: text(el) }));
    return { fields, states, findings };
  },

  /** The browser's id of the tab whose URL starts with `prefix` (null when there is none). */
  tabId: async (prefix) => {
    const tabs = await chrome.tabs.query({});
    const t = tabs.find((x) => (x.url || "").startsWith(prefix));
    return t ? t.id : null;
  },

  /** What the background knows about a tab, asked as a sidebar asks (a "panel" port). */
  tabView: (tabId) => new Promise((resolve) => {
    const port = chrome.runtime.connect({ name: "panel" });
    port.onMessage.addListener((msg) => {
      if (msg?.kind !== "state") return;
      port.disconnect();
      const t = msg.tab || {};
      resolve({ pageKind: t.pageKind ?? null, pageStatus: t.pageStatus ?? null,
        draft: t.draft ? { surface: t.draft.surface, empty: t.draft.empty } : null });
    });
    port.postMessage({ kind: "follow", tabId });
  }),

  /** The pairing token in the extension's storage (to check an impostor never received it). */
  storedToken: async () => (await chrome.storage.local.get("token")).token || null,

  /** The shortcut the browser registered for the command that opens the sidebar. */
  sidebarShortcut: async () => {
    const commands = await chrome.commands.getAll();
    const open = commands.find((c) => c.name === "_execute_action" || c.name === "_execute_sidebar_action");
    return open ? open.shortcut || "" : null;
  },

  /** The newest tab whose URL the extension may not read: a page outside its host permission. */
  newestForeignTab: async () => {
    const tabs = (await chrome.tabs.query({})).filter((x) => !x.url);
    return tabs.length ? Math.max(...tabs.map((x) => x.id)) : null;
  },
})
