/**
 * An API key belongs to the server it was given for. A key saved for one
 * origin is not sent to another until the user says so (changing
 * `inkwell.remote.baseUrl` must not hand the key to a new host), and it is not
 * sent over plain http: to a host off this machine unless the user allowed
 * that for the origin.
 */
export interface StoredKey {
  key: string;
  /** The server origin the key was given for; undefined for a key saved before keys were tied to servers. */
  origin?: string;
  /** The user allowed sending it over plain http: to this (non-loopback) origin. */
  allowPlainHttp?: boolean;
}

export type KeyDecision =
  | { kind: 'send' }
  | { kind: 'none' }
  | { kind: 'ask-origin'; from: string | undefined; to: string }
  | { kind: 'ask-plain-http'; origin: string };

/** `https://host:port` of an http(s) URL, or undefined. */
export function originOf(baseUrl: string): string | undefined {
  try {
    const url = new URL(baseUrl.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** localhost, 127.0.0.0/8 and ::1: traffic that never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Whether the stored key may go to the server at `baseUrl`, or what to ask first. */
export function keyDecision(stored: StoredKey | undefined, baseUrl: string): KeyDecision {
  const origin = originOf(baseUrl);
  if (!stored || !origin) return { kind: 'none' };
  if (stored.origin !== origin) return { kind: 'ask-origin', from: stored.origin, to: origin };
  const url = new URL(origin);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !stored.allowPlainHttp) return { kind: 'ask-plain-http', origin };
  return { kind: 'send' };
}

/** Reads what SecretStorage holds: this JSON, or a bare key saved by an older version. */
export function parseStoredKey(raw: string | undefined): StoredKey | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredKey>;
    if (value && typeof value.key === 'string' && value.key) {
      return { key: value.key, origin: typeof value.origin === 'string' ? value.origin : undefined, allowPlainHttp: value.allowPlainHttp === true };
    }
  } catch {
    // A bare key.
  }
  return { key: raw };
}

export function serializeStoredKey(stored: StoredKey): string {
  return JSON.stringify(stored);
}
