// The Firefox half of the scenario drivers: Debian's firefox-esr with the built extension installed
// as a temporary add-on, driven by puppeteer-core over WebDriver BiDi (no browser download).
// tests/extension_scenarios.py plays the scenarios; this process only carries out its primitive
// requests, one JSON object per line on stdin, answering one JSON line each on stdout:
//   {"op": "options"} | {"op": "open_tab", "url"} | {"op": "open_panel", "url"} |
//   {"op": "fill", "page", "selector", "value"} | {"op": "click", "page", "target": [css, ...]} |
//   {"op": "type", "page", "text"} | {"op": "clear", "page"} | {"op": "probe", "page", "name", "arg"} |
//   {"op": "screenshot", "page", "path"} | {"op": "close"}
// -> {"ok": true, "value": ...} or {"ok": false, "error": "..."}.
// Usage: node driver.mjs CONFIG.json, where CONFIG = {extension, probes, routes: {url: file},
// outside: {origin: file}, firefox, uuid, headless, home}; home (optional) is Firefox's HOME, where
// it looks for native-messaging hosts (~/.mozilla/native-messaging-hosts/).

import { readFileSync } from "node:fs";
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const PROBES = readFileSync(config.probes, "utf8");
const GECKO_ID = "tactful@tactful.app";
const BASE = `moz-extension://${config.uuid}`;
const NOT_FOUND = "<!DOCTYPE html><title>Not found | LinkedIn</title>";

const LAUNCH = {
  browser: "firefox",
  executablePath: config.firefox,
  headless: config.headless !== false,
  env: config.home ? { ...process.env, HOME: config.home } : process.env,
  // Lets the driver open and script moz-extension:// pages (the options page, the sidebar page).
  args: ["--remote-allow-system-access"],
  // A fixed moz-extension:// UUID, so the driver knows the extension's pages before installing it.
  extraPrefsFirefox: { "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: config.uuid }) },
};

/** Firefox ESR now and then crashes while it starts on a loaded machine ("Failed to launch the browser
 * process: Code: 11"), before any page or extension exists: that start is tried again, up to three
 * times; any other failure is the test's. */
async function launch() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await puppeteer.launch(LAUNCH);
    } catch (err) {
      if (attempt >= 3 || !String(err?.message).includes("Failed to launch the browser process")) throw err;
    }
  }
}

const browser = await launch();
const installed = await browser.installExtension(config.extension);
if (installed !== GECKO_ID) throw new Error(`installed ${installed}, expected ${GECKO_ID}`);

const pages = {}; // name -> puppeteer Page: "options", "page" (the LinkedIn or outside tab), "panel"

/** Every request from a web page is answered from a fixture file or aborted: no network. */
async function serveFixtures(page) {
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = new URL(request.url());
    const file = url.origin === "https://www.linkedin.com" ? config.routes[url.pathname] : config.outside[url.origin];
    if (url.origin === "https://www.linkedin.com" || file) {
      request.respond({ status: file ? 200 : 404, contentType: "text/html; charset=utf-8",
        body: file ? readFileSync(file, "utf8") : NOT_FOUND });
    } else {
      request.abort();
    }
  });
}

/** Opens an extension page. goto() to moz-extension:// loads the page but never resolves, so the
 * load is watched by polling; a poll that meets a navigation (its context destroyed) just polls
 * again, and a navigation a loaded machine dropped before it started is asked for again. */
async function openExtensionPage(url, options = {}) {
  const page = await browser.newPage(options);
  const deadline = Date.now() + 60000;
  let asked = 0;
  while (Date.now() < deadline) {
    if (Date.now() >= asked + 10000) {
      page.goto(url, { timeout: 10000 }).catch(() => {});
      asked = Date.now();
    }
    try {
      if (await page.evaluate((u) => location.href === u && document.readyState === "complete", url)) return page;
    } catch {
      // the page is between two documents
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not load in 60 s`);
}

function probe(page, name, arg) {
  return page.evaluate(`(${PROBES}).${name}(${JSON.stringify(arg ?? null)})`);
}

const ops = {
  async options() {
    pages.options = await openExtensionPage(`${BASE}/src/options/options.html`);
  },
  async open_tab({ url }) {
    const page = await browser.newPage();
    await serveFixtures(page);
    await page.goto(url);
    pages.page = page;
  },
  async open_panel({ url }) {
    // In a window of its own, as the sidebar's pop-out opens it: the LinkedIn tab stays visible.
    pages.panel = await openExtensionPage(`${BASE}${url}`, { type: "window" });
  },
  async fill({ page, selector, value }) {
    // Focus first: the options page refreshes an unfocused port field every second.
    await pages[page].focus(selector);
    await pages[page].$eval(selector, (el, v) => {
      el.value = v;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
  },
  async click({ page, target }) {
    await pages[page].bringToFront();
    await pages[page].click(target.join(" >>> "));
  },
  async type({ page, text }) {
    await pages[page].keyboard.type(text, { delay: 10 });
  },
  async clear({ page }) {
    const keyboard = pages[page].keyboard;
    await keyboard.down("Control");
    await keyboard.press("a");
    await keyboard.up("Control");
    await keyboard.press("Delete");
  },
  probe: ({ page, name, arg }) => probe(pages[page], name, arg),
  async screenshot({ page, path, width, height }) {
    await pages[page].setViewport({ width, height });
    await pages[page].screenshot({ path });
  },
  async close() {
    await browser.close();
    return "closed";
  },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  let answer;
  try {
    const request = JSON.parse(line);
    answer = { ok: true, value: (await ops[request.op](request)) ?? null };
  } catch (err) {
    answer = { ok: false, error: String(err?.message || err) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
  if (answer.value === "closed") break;
}
await browser.close().catch(() => {});
process.exit(0);
