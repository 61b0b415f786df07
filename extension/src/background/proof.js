// The companion proves itself before this browser reveals its token (docs/protocol.md, "The server
// proves itself first"). The companion stores only H = SHA-256(salt || token); on `auth_begin` it
// answers with the salt and HMAC-SHA256(H, label || nonce || port). Only a program holding H can
// compute that, so a program squatting the port fails here and never sees the token. The port is
// the one this browser dialled: a squatter cannot pass on a real companion's proof from another port.

import { SERVER_PROOF_LABEL } from "../protocol.js";

export const NONCE_BYTES = 32;

/** base64url without padding, as the protocol writes binary fields. */
export function toB64url(bytes) {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Inverse of toB64url; null when `text` is not base64url. */
export function fromB64url(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch (_) {
    return null;
  }
}

/** A fresh random nonce for one `auth_begin`, base64url. */
export function newNonce() {
  return toB64url(crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * True when `proof` (base64url, from `auth_challenge`) is HMAC-SHA256(SHA-256(salt || token),
 * label || nonce || port). crypto.subtle.verify compares the MACs itself, in constant time.
 * Anything malformed is simply false.
 */
export async function verifyServerProof({ token, salt, nonce, port, proof }) {
  const saltBytes = fromB64url(salt);
  const nonceBytes = fromB64url(nonce);
  const proofBytes = fromB64url(proof);
  if (!saltBytes || !nonceBytes || !proofBytes || proofBytes.length !== 32 || typeof token !== "string"
      || !Number.isInteger(port) || port < 1 || port > 65535) {
    return false;
  }
  const enc = new TextEncoder();
  const verifier = new Uint8Array(await crypto.subtle.digest("SHA-256", concat(saltBytes, enc.encode(token))));
  const key = await crypto.subtle.importKey("raw", verifier, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const message = concat(enc.encode(SERVER_PROOF_LABEL), nonceBytes, new Uint8Array([port >> 8, port & 0xff]));
  return crypto.subtle.verify("HMAC", key, proofBytes, message);
}
