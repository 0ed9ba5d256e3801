const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Which WebSocket handshakes to accept: no Origin (not a browser: CLIs, servers, tests), the
 * gateway's own origin, localhost during development, and the configured origins.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host && url.host === host.toLowerCase()) return true;
  if (LOCAL_HOSTS.has(url.hostname)) return true;
  return allowed.some((a) => a.replace(/\/$/, '').toLowerCase() === url.origin.toLowerCase());
}
