/**
 * True when `baseUrl` points at this machine: `localhost` (and `*.localhost`), 127.0.0.0/8 or ::1, including
 * spellings the URL parser normalises (`127.1`, `[0:0:0:0:0:0:0:1]`, `[::ffff:127.0.0.1]`). Anything else, an
 * unparsable URL included, counts as remote: what is sent there leaves the machine.
 *
 * Shared by the engine (speech and LLM providers, cost) and the renderer (settings' "leaves this computer" notes).
 */
export function isLoopback(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = host.slice(1, -1);
    if (v6 === '::1') return true;
    // IPv4-mapped loopback, which WHATWG URL writes in hex: ::ffff:7f00:1
    const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(v6);
    return mapped !== null && parseInt(mapped[1]!, 16) >> 8 === 127;
  }
  return false;
}

/** The host (with port) of `url` when what is sent there leaves this machine; null for loopback or no URL. */
export function remoteHostOf(url: string): string | null {
  if (!url || isLoopback(url)) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
