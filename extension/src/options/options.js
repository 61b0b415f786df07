// Options: pair through the browser (native messaging) or with a one-time code, unpair, set the
// companion's port, and see its local-only mode. The worker does the talking; this page only sends
// it requests and shows the answers.

const $ = (sel) => document.querySelector(sel);
const TEXT = { connected: "Connected", connecting: "Connecting…", disconnected: "Companion not reachable", unpaired: "Not paired" };
const VIA = {
  native: "Paired through the browser (native messaging): no code was typed.",
  code: "Paired with a one-time code.",
};

function ask(msg) {
  return chrome.runtime.sendMessage(msg);
}

async function refresh() {
  let s;
  try {
    s = await ask({ kind: "status" });
  } catch (_) {
    return;
  }
  if (!s?.ok) return;
  const badge = $('[data-field="connection"]');
  badge.dataset.state = s.state === "connecting" ? "disconnected" : s.state;
  badge.textContent = TEXT[s.state] || s.state;
  $('[data-field="status-detail"]').textContent = s.detail?.message
    || (s.state === "unpaired" && s.nativeProblem ? `Pairing through the browser failed: ${s.nativeProblem}` : "");
  const via = $('[data-field="paired-via"]');
  via.dataset.via = s.pairedVia || "";
  via.textContent = VIA[s.pairedVia] || "";
  const portInput = $('input[name="port"]');
  if (document.activeElement !== portInput) portInput.value = s.port;
  // The name stays after an unpair: the companion lists it until `tactful unpair "NAME"`.
  $('[data-field="client-name"]').textContent = s.clientName || "NAME";
  $('[data-action="unpair"]').disabled = !s.paired;
  if (s.paired) say("unpair-result", true, "");
  $('[data-field="local-only"]').textContent = s.state !== "connected"
    ? "Local-only mode: unknown until the companion is connected."
    : s.detail?.localOnly === false
      ? "Local-only mode: off — the companion may use online services you switched on."
      : "Local-only mode: on — nothing leaves this machine.";
}

function say(field, ok, text) {
  const node = $(`[data-field="${field}"]`);
  node.dataset.ok = String(ok);
  node.textContent = text;
}

$('[data-form="pair"]').addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $('input[name="pairing-code"]');
  const code = input.value.trim();
  if (!code) {
    say("pair-result", false, "Type the code that `tactful pair` printed.");
    return;
  }
  const button = $('[data-action="pair"]');
  button.disabled = true;
  say("pair-result", true, "Pairing…");
  try {
    const res = await ask({ kind: "pair", code });
    if (res?.ok) {
      input.value = "";
      say("pair-result", true, "Paired. Tactful is connected to the companion.");
    } else {
      say("pair-result", false, `Pairing failed: ${res?.error || "no answer"}`);
    }
  } finally {
    button.disabled = false;
    refresh();
  }
});

$('[data-form="port"]').addEventListener("submit", async (event) => {
  event.preventDefault();
  const port = Number($('input[name="port"]').value);
  const res = await ask({ kind: "set_port", port });
  say("port-result", Boolean(res?.ok), res?.ok ? `Saved: port ${port}.` : res?.error || "Could not save.");
  refresh();
});

$('[data-action="introduce"]').addEventListener("click", async () => {
  const button = $('[data-action="introduce"]');
  button.disabled = true;
  say("native-result", true, "Asking the browser…");
  try {
    const res = await ask({ kind: "introduce" });
    say("native-result", Boolean(res?.ok), res?.ok ? "Paired through the browser." : `Not paired: ${res?.error || "no answer"}`);
  } finally {
    button.disabled = false;
    refresh();
  }
});

$('[data-action="unpair"]').addEventListener("click", async () => {
  await ask({ kind: "unpair" });
  say("unpair-result", true, "Unpaired: this browser forgot its token and will not pair itself again.");
  refresh();
});

refresh();
setInterval(refresh, 1000);
