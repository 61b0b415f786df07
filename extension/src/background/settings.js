// What the extension remembers in chrome.storage.local: the companion's port, the pairing token,
// the client name it was issued to and how it was paired ("native" or "code"), whether it may pair
// itself through the browser (off after the user or the companion unpaired it), the pause switch
// and the rules the user switched off.

import { CLIENT_NAME_PREFIX, DEFAULT_PORT } from "../config.js";

const KEYS = ["port", "token", "clientName", "pairedVia", "autoPair", "paused", "disabledRules"];

export async function load() {
  const got = await chrome.storage.local.get(KEYS);
  return {
    port: validPort(got.port) ? got.port : DEFAULT_PORT,
    token: typeof got.token === "string" && got.token ? got.token : null,
    clientName: typeof got.clientName === "string" ? got.clientName : null,
    pairedVia: got.pairedVia === "native" ? "native" : got.token ? "code" : null,
    autoPair: got.autoPair !== false,
    paused: got.paused === true,
    disabledRules: Array.isArray(got.disabledRules) ? got.disabledRules.filter((c) => typeof c === "string") : [],
  };
}

export function validPort(port) {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** Stores a pairing ({token, clientName, via}), or forgets it (null). */
export async function saveCredentials(creds) {
  if (creds) {
    await chrome.storage.local.set({ token: creds.token, clientName: creds.clientName, pairedVia: creds.via || "code" });
  } else {
    await chrome.storage.local.remove(["token", "clientName", "pairedVia"]);
  }
}

/** Whether the worker may ask the browser's native host for a pairing when it has none. */
export async function setAutoPair(on) {
  await chrome.storage.local.set({ autoPair: Boolean(on) });
}

export async function setPort(port) {
  if (!validPort(port)) throw new Error("The port must be a whole number from 1 to 65535.");
  await chrome.storage.local.set({ port });
}

export async function setPaused(paused) {
  await chrome.storage.local.set({ paused: Boolean(paused) });
}

export async function setDisabledRules(codes) {
  await chrome.storage.local.set({ disabledRules: [...new Set(codes)].sort() });
}

/**
 * A client name with a random suffix, so two browsers never share one. The worker names itself
 * with it in `auth_begin` (it is a label, not a secret: the server's proof is what tells the real
 * companion from an impostor) and expects it back in `auth_ok`.
 */
export function newClientName(browserName) {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const suffix = Array.from(bytes, (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
  return `${CLIENT_NAME_PREFIX} (${browserName}) ${suffix}`;
}
