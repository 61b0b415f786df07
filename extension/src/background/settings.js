// What the extension remembers in chrome.storage.local: the companion's port, the pairing token,
// the client name it was issued to and how it was paired ("native" or "code"), whether it may pair
// itself through the browser (off after the user or the companion unpaired it), the name of a
// pairing the user dropped (the companion lists it until `tactful unpair "NAME"`), the pause switch
// and the rules the user switched off.

import { CLIENT_NAME_PREFIX, DEFAULT_PORT } from "../config.js";

const KEYS = ["port", "token", "clientName", "pairedVia", "autoPair", "unpairedName", "paused", "disabledRules"];

export async function load() {
  const got = await chrome.storage.local.get(KEYS);
  return {
    port: validPort(got.port) ? got.port : DEFAULT_PORT,
    token: typeof got.token === "string" && got.token ? got.token : null,
    clientName: typeof got.clientName === "string" ? got.clientName : null,
    pairedVia: got.pairedVia === "native" ? "native" : got.token ? "code" : null,
    autoPair: got.autoPair !== false,
    unpairedName: typeof got.unpairedName === "string" ? got.unpairedName : null,
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
    await chrome.storage.local.remove("unpairedName");
  } else {
    await chrome.storage.local.remove(["token", "clientName", "pairedVia"]);
  }
}

/** The user unpaired this browser: forget the token, keep the name it was paired under (to revoke
 *  it in the companion) and never pair again by itself. */
export async function unpair() {
  const { clientName } = await load();
  await saveCredentials(null);
  await chrome.storage.local.set({ autoPair: false, ...(clientName ? { unpairedName: clientName } : {}) });
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
