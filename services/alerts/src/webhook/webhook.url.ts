import { isIP } from 'node:net';

/**
 * Checks a receiver URL. Deliveries are POSTs from inside the deployment, so in production a URL
 * must not reach the deployment's own network (loopback, private, link-local addresses, `localhost`
 * names): otherwise anyone with a write token could make the alerts service call the subgraphs.
 * `allowPrivate` lifts that (development, tests, and deployments whose receivers are internal).
 * Names are checked as written; a public name that resolves to a private address is refused at
 * delivery time by the same rule (see delivery/post.ts).
 */
export function checkReceiverUrl(value: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value.slice(0, 200)}" is not an absolute URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be http or https, got ${url.protocol}`;
  if (url.username || url.password) return 'must not carry credentials (the signature authenticates deliveries)';
  if (value.length > 2000) return 'is longer than 2000 characters';
  if (!allowPrivate && isPrivateHost(url.hostname))
    return `${url.hostname} is a loopback, private or link-local address (set NEWSGRAPH_WEBHOOK_ALLOW_PRIVATE=on to allow)`;
  return null;
}

export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return true;
  const kind = isIP(host);
  if (kind === 4) {
    const [a, b] = host.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (kind === 6) {
    if (host === '::1' || host === '::') return true;
    if (host.startsWith('::ffff:')) {
      // an IPv4-mapped address, which URL writes in hex (::ffff:7f00:1 for 127.0.0.1)
      const rest = host.slice(7);
      const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
      if (!hex) return isPrivateHost(rest);
      const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
      return isPrivateHost(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return /^(fc|fd|fe8|fe9|fea|feb)/.test(host);
  }
  return false;
}
