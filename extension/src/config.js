// Tunables of the extension. The port must match the companion's default (ServerConfig.port).

export const DEFAULT_PORT = 8765;
export const WS_PATH = "/v1/ws";
export const PING_INTERVAL_MS = 20_000; // keeps the MV3 worker alive (Chrome 116+) while LinkedIn is open
export const BACKOFF_MIN_MS = 500;
// The companion is on loopback: a retry costs one refused local connection, a long wait costs the
// user. Capped at 2 s (with jitter at most 2.4 s), a restarted companion is back within ~3 s.
export const BACKOFF_MAX_MS = 2_000;
export const HANDSHAKE_TIMEOUT_MS = 5_000;
export const COMMAND_TIMEOUT_MS = 15_000;
export const CLIENT_NAME_PREFIX = "Tactful extension";
export const NATIVE_HOST = "app.tactful.companion"; // `tactful browser install` registers it
export const INTRODUCE_RETRY_MS = 5_000; // a failed introduction is retried at most this often
