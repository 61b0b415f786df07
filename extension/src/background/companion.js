// The one WebSocket client to the companion: handshake, pairing, commands, keepalive, reconnect.
//
// Trust: after `hello` the worker sends `auth_begin` (its client name and a fresh nonce) and
// checks the `auth_challenge` proof (proof.js): only a program holding this browser's token
// verifier, bound to the port we dialled, can produce it. Only then is the token sent, and page
// data only after `auth_ok` echoes our client name. A program squatting the port fails the proof,
// so it never receives the token, a page or a draft; the user is told what is on the port.

import { AUTH_CLOSE_CODE, CLIENT_MESSAGES, PROTOCOL_VERSION } from "../protocol.js";
import { newNonce, verifyServerProof } from "./proof.js";
import {
  BACKOFF_MAX_MS, BACKOFF_MIN_MS, COMMAND_TIMEOUT_MS, HANDSHAKE_TIMEOUT_MS,
  PING_INTERVAL_MS, WS_PATH,
} from "../config.js";

export class CommandFailed extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Builds a command frame with exactly the fields the protocol allows (the server forbids extras). */
export function buildCommand(type, id, fields) {
  const spec = CLIENT_MESSAGES[type];
  if (!spec) throw new Error(`unknown command type ${type}`);
  const msg = { type, id };
  for (const name of spec.fields) {
    if (name !== "type" && name !== "id" && fields[name] !== undefined && fields[name] !== null) {
      msg[name] = fields[name];
    }
  }
  for (const name of spec.required) {
    if (msg[name] === undefined) throw new Error(`command ${type} needs ${name}`);
  }
  return msg;
}

export class CompanionClient {
  /**
   * @param {object} hooks
   *   credentials(): Promise<{port, token, clientName}>
   *   introduce(): Promise<credentials|null>: a pairing through the browser's native host, if any
   *   saveCredentials({token, clientName}|null): Promise
   *   onState(state, detail): connection state changed
   *   onAuthed(): the handshake proved the paired companion; resend context now
   *   onEvent(event, data): a server push
   *   wantKeepalive(): true while a LinkedIn tab is open
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.ws = null;
    this.state = "disconnected";
    this.detail = {};
    this.nextId = 1;
    this.pending = new Map();
    this.backoff = BACKOFF_MIN_MS;
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.generation = 0; // invalidates callbacks of sockets we already abandoned
  }

  setState(state, detail = {}) {
    this.state = state;
    this.detail = { ...detail };
    this.hooks.onState(state, this.detail);
  }

  get connected() {
    return this.state === "connected";
  }

  /** Connects with the stored token. Without one it asks the browser's native host to introduce
   * it (no code to type); failing that the state is `unpaired` and nothing is dialled. */
  async connect() {
    if (this.ws && (this.state === "connecting" || this.state === "connected")) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    let creds = await this.hooks.credentials();
    if (!creds.token || !creds.clientName) { // auth_begin needs both; a half-kept pairing is no pairing
      const introduced = await (this.hooks.introduce?.() ?? null);
      if (this.ws && (this.state === "connecting" || this.state === "connected")) return; // raced
      if (!introduced) {
        this.setState("unpaired", { port: creds.port });
        return;
      }
      creds = introduced;
    }
    this._open(creds, { mode: "auth" });
  }

  /** Pairs with a one-time code; resolves once a fresh `auth` with the new token succeeded. */
  pair(code, creds) {
    this.close();
    return new Promise((resolve, reject) => {
      this._open(creds, { mode: "pair", code, resolve, reject });
    });
  }

  /** Drops the socket without reconnecting (used before pairing, on unpair and on port change). */
  close() {
    this.generation += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this._stopPing();
    if (this.ws) {
      try { this.ws.close(1000); } catch (_) { /* already closed */ }
    }
    this.ws = null;
    this._failPending("unavailable", "connection closed");
  }

  /** Sends a command; resolves with the `result` payload or rejects with CommandFailed. */
  request(type, fields = {}, timeoutMs = COMMAND_TIMEOUT_MS) {
    if (!this.connected || !this.ws) {
      return Promise.reject(new CommandFailed("unavailable", "not connected to the companion"));
    }
    const id = this.nextId++;
    const frame = JSON.stringify(buildCommand(type, id, fields));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CommandFailed("unavailable", `${type} timed out`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.ws.send(frame);
    });
  }

  _open(creds, flow) {
    const generation = ++this.generation;
    const url = `ws://127.0.0.1:${creds.port}${WS_PATH}`;
    // Keep the last problem on screen while retrying, so the sidebar does not flicker.
    this.setState("connecting", { port: creds.port, message: this.detail.message, impostor: this.detail.impostor });
    let ws;
    try {
      ws = new WebSocket(url);
    } catch (err) {
      this._lost(generation, flow, "could not open a connection");
      return;
    }
    this.ws = ws;
    let phase = "hello"; // hello -> challenge -> verifying -> auth -> ready, or hello -> pair -> ready
    let nonce = null;
    let refused = false; // auth_invalid arrived: its 4401 close is expected
    const handshakeTimer = setTimeout(() => {
      if (generation === this.generation && phase !== "ready") {
        try { ws.close(1000); } catch (_) { /* ignore */ }
        this._lost(generation, flow, "the program on that port did not complete the handshake");
      }
    }, HANDSHAKE_TIMEOUT_MS);

    ws.onmessage = (ev) => {
      if (generation !== this.generation) return;
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch (_) {
        msg = null;
      }
      if (!msg || typeof msg !== "object") {
        if (phase !== "ready") this._reject(ws, generation, flow, "the program on that port is not Tactful");
        return;
      }
      if (phase === "hello") {
        if (msg.type !== "hello" || msg.protocol !== PROTOCOL_VERSION
            || typeof msg.server !== "string" || !msg.server.startsWith("tactful/")) {
          this._reject(ws, generation, flow, "the program on that port is not a compatible Tactful companion");
          return;
        }
        if (flow.mode === "pair") {
          phase = "pair";
          ws.send(JSON.stringify({ type: "pair", code: flow.code, client_name: creds.newClientName }));
        } else {
          phase = "challenge";
          nonce = newNonce();
          ws.send(JSON.stringify({ type: "auth_begin", client_name: creds.clientName, nonce }));
        }
        return;
      }
      if (phase === "challenge" && msg.type === "auth_challenge") {
        phase = "verifying";
        const proven = verifyServerProof({
          token: creds.token, salt: msg.salt, nonce, port: creds.port, proof: msg.proof,
        });
        proven.catch(() => false).then((ok) => {
          if (generation !== this.generation || phase !== "verifying") return;
          if (ok) {
            phase = "auth";
            ws.send(JSON.stringify({ type: "auth", token: creds.token }));
          } else {
            this._impostor(ws, generation, flow, creds.port);
          }
        });
        return;
      }
      if (phase === "verifying") { // the companion says nothing until it has our auth
        this._impostor(ws, generation, flow, creds.port);
        return;
      }
      if (phase === "pair") {
        if (msg.type === "paired" && typeof msg.token === "string" && msg.token) {
          phase = "ready";
          clearTimeout(handshakeTimer);
          const saved = { token: msg.token, clientName: msg.client_name || creds.newClientName };
          this.hooks.saveCredentials(saved).then(() => {
            // Re-authenticate on a fresh socket: proves the token works and takes the normal path.
            this.close();
            this._open({ ...creds, ...saved }, {
              mode: "auth", resolve: flow.resolve, reject: flow.reject,
            });
          });
        } else {
          clearTimeout(handshakeTimer);
          const message = msg.type === "auth_invalid" ? (msg.message || "wrong or expired code")
            : "unexpected reply to pairing";
          this.close();
          this.setState("unpaired", { port: creds.port, message });
          flow.reject?.(new CommandFailed("auth_invalid", message));
        }
        return;
      }
      if (phase === "challenge" || phase === "auth") {
        clearTimeout(handshakeTimer);
        // auth_ok counts only after our auth: before it, a program echoing the name it just read
        // in auth_begin would otherwise pass for the companion.
        if (phase === "auth" && msg.type === "auth_ok" && msg.client_name === creds.clientName) {
          phase = "ready";
          this.backoff = BACKOFF_MIN_MS;
          this.setState("connected", {
            port: creds.port,
            server: msg.server,
            localOnly: msg.local_only !== false,
            serverPaused: Boolean(msg.paused),
          });
          this._startPing();
          flow.resolve?.();
          this.hooks.onAuthed();
        } else if (msg.type === "auth_invalid") {
          // The companion forgot us (unpaired, or a new install): ask the user to pair again.
          // (Unproven before the challenge: a squatter can make us forget the pairing, but it
          // learns nothing; docs/security.md.)
          refused = true;
          this.close();
          this.hooks.saveCredentials(null).then(() => {
            this.setState("unpaired", {
              port: creds.port,
              message: "The companion no longer accepts this browser. Pair again.",
            });
          });
          flow.reject?.(new CommandFailed("auth_invalid", msg.message || "token refused"));
        } else if (phase === "challenge") {
          this._impostor(ws, generation, flow, creds.port);
        } else {
          // It proved it holds our verifier, so it is our companion (or reads its data folder), yet
          // it answered oddly: drop the socket and retry.
          this._reject(ws, generation, flow, "the companion answered the handshake unexpectedly");
        }
        return;
      }
      this._dispatch(msg);
    };

    ws.onclose = (ev) => {
      clearTimeout(handshakeTimer);
      if (generation !== this.generation) return;
      if (ev.code === AUTH_CLOSE_CODE && refused) return; // handled by auth_invalid
      this._lost(generation, flow, phase === "ready" ? "the companion closed the connection"
        : "the companion is not running");
    };
    ws.onerror = () => { /* onclose follows and decides */ };
  }

  _dispatch(msg) {
    if (msg.type === "result" && Number.isInteger(msg.id) && this.pending.has(msg.id)) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.success) p.resolve(msg.result || {});
      else p.reject(new CommandFailed(msg.error?.code || "internal_error", msg.error?.message || "failed"));
    } else if (msg.type === "event" && typeof msg.event === "string") {
      // The tray can pause coaching or switch local-only mode while we are connected.
      if (msg.event === "paused" && msg.data && "paused" in msg.data) {
        this.detail = { ...this.detail, serverPaused: Boolean(msg.data.paused) };
        this.hooks.onState(this.state, this.detail);
      } else if (msg.event === "local_only" && msg.data && "local_only" in msg.data) {
        this.detail = { ...this.detail, localOnly: msg.data.local_only !== false };
        this.hooks.onState(this.state, this.detail);
      }
      this.hooks.onEvent(msg.event, msg.data || {});
    }
  }

  /** The peer could not prove it is the paired companion: it got no token; say what is on the port. */
  _impostor(ws, generation, flow, port) {
    this._reject(ws, generation, flow, `the program on port ${port} is not your paired Tactful companion `
      + "(it could not prove it knows this browser's pairing), so nothing was sent to it; stop that program "
      + "or start the companion, or set the companion's port in the options", { impostor: true });
  }

  _reject(ws, generation, flow, message, extra = {}) {
    try { ws.close(1000); } catch (_) { /* ignore */ }
    this._lost(generation, flow, message, extra);
  }

  /** The socket is gone: mark disconnected and retry with capped exponential backoff. */
  _lost(generation, flow, message, extra = {}) {
    if (generation !== this.generation) return;
    this.generation += 1;
    this.ws = null;
    this._stopPing();
    this._failPending("unavailable", "connection lost");
    flow.reject?.(new CommandFailed("unavailable", message));
    this.hooks.credentials().then((creds) => {
      if (!creds.token) {
        this.setState("unpaired", { port: creds.port });
        return;
      }
      this.setState("disconnected", { port: creds.port, message, retryInMs: this.backoff, ...extra });
      const delay = this.backoff * (0.8 + Math.random() * 0.4);
      this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX_MS);
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.connect();
      }, delay);
    });
  }

  /** Retry now (a LinkedIn tab or the panel woke up): resets the backoff. */
  nudge() {
    if (this.state === "disconnected") {
      this.backoff = BACKOFF_MIN_MS;
      this.connect();
    } else if (this.state === "unpaired") {
      this.connect();
    }
  }

  _failPending(code, message) {
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new CommandFailed(code, message));
    }
    this.pending.clear();
  }

  _startPing() {
    this._stopPing();
    this.pingTimer = setInterval(() => {
      if (this.connected && this.hooks.wantKeepalive()) {
        this.request("ping").catch(() => { /* a lost socket reports itself through onclose */ });
      }
    }, PING_INTERVAL_MS);
  }

  _stopPing() {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}
